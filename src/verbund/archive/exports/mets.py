"""METS/MODS of one unit after the DFG-Viewer METS profile (METS-Anwendungsprofil für
digitalisierte Medien 2.3.1): MODS 3.7 in the dmdSec, the DFG-Viewer's ``dv:rights``
and ``dv:links`` in the amdSec, the page images (``DEFAULT``), thumbnails (``THUMBS``)
and ALTO full texts (``FULLTEXT``) in the fileSec, a PHYSICAL and a LOGICAL structMap
and the structLink between them. docs/archive-exchange.md says which field goes where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from verbund.archive.exports import links
from verbund.archive.models import AccessLevel, DescriptionLevel, Page, Unit, UnitSource

__all__ = ["DV_NS", "METS_NS", "MODS_NS", "XLINK_NS", "unit_mets"]

METS_NS = "http://www.loc.gov/METS/"
MODS_NS = "http://www.loc.gov/mods/v3"
DV_NS = "http://dfg-viewer.de/"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd "
    "http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-7.xsd"
)
NSMAP = {"mets": METS_NS, "mods": MODS_NS, "dv": DV_NS, "xlink": XLINK_NS, "xsi": XSI_NS}

# ISAD(G) level -> the DFG-Viewer structure type of the logical division.
STRUCTURE_TYPE = {
    DescriptionLevel.FILE: "file",
    DescriptionLevel.ITEM: "document",
    DescriptionLevel.SERIES: "section",
}


def _m(name: str) -> str:
    return f"{{{METS_NS}}}{name}"


def _mods(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{MODS_NS}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _dv(parent: Any, name: str, text: str) -> Any:
    element = etree.SubElement(parent, f"{{{DV_NS}}}{name}")
    element.text = text
    return element


def _href(element: Any, url: str) -> None:
    element.set(f"{{{XLINK_NS}}}href", url)


def access_statement(unit: Unit) -> str:
    statement = {
        AccessLevel.PUBLIC: _("Öffentlich zugänglich."),
        AccessLevel.MEMBERS: _("Zugänglich für die Mitglieder der Verbünde des Archivs."),
        AccessLevel.OWN: _("Nur im Archiv zugänglich."),
    }[AccessLevel(unit.access)]
    conditions = unit.fonds.access_conditions.strip()
    return f"{statement} {conditions}".strip()


def record_identifier(unit: Unit) -> str:
    isil = unit.fonds.archive.isil or "verbund"
    return f"{isil}_{unit.fonds.reference_code}_{unit.reference_code}".replace(" ", "_")


def _mods_record(parent: Any, unit: Unit, pages: int, now: dt.datetime) -> None:
    fonds = unit.fonds
    archive = fonds.archive
    mods = _mods(parent, "mods", version="3.7")
    _mods(mods, "identifier", unit.reference_code, type="local")
    _mods(_mods(mods, "titleInfo"), "title", unit.title)
    # MODS wants at least one date in an originInfo: none without dates.
    has_dates = unit.date_text or unit.year_from is not None or unit.year_to is not None
    origin = _mods(mods, "originInfo", eventType="production") if has_dates else None
    if unit.date_text:
        _mods(origin, "dateCreated", unit.date_text)
    if unit.year_from is not None:
        _mods(origin, "dateCreated", f"{unit.year_from:04d}", encoding="w3cdtf", point="start")
    if unit.year_to is not None:
        _mods(origin, "dateCreated", f"{unit.year_to:04d}", encoding="w3cdtf", point="end")
    language = _mods(mods, "language")
    _mods(language, "languageTerm", unit.language, authority="iso639-2b", type="code")
    physical = _mods(mods, "physicalDescription")
    _mods(physical, "extent", unit.extent or _("%(n)d Seiten") % {"n": pages})
    _mods(
        physical,
        "digitalOrigin",
        "born digital" if unit.source == UnitSource.XDOMEA else "reformatted digital",
    )
    if unit.scope_content:
        _mods(mods, "abstract", unit.scope_content)
    _mods(mods, "accessCondition", access_statement(unit), type="use and reproduction")
    host = _mods(mods, "relatedItem", type="host")
    _mods(_mods(host, "titleInfo"), "title", fonds.title)
    _mods(host, "identifier", fonds.reference_code, type="local")
    location = _mods(mods, "location")
    physical_location = _mods(location, "physicalLocation", archive.name)
    if archive.isil:
        physical_location.set("authority", "isil")
        physical_location.set("displayLabel", archive.isil)
    _mods(location, "shelfLocator", unit.reference_code)
    record = _mods(mods, "recordInfo")
    _mods(
        record,
        "recordIdentifier",
        record_identifier(unit),
        source=archive.isil or "verbund",
    )
    _mods(
        record,
        "recordCreationDate",
        timezone.localdate(unit.created_at).isoformat(),
        encoding="w3cdtf",
    )
    _mods(record, "recordChangeDate", timezone.localdate(now).isoformat(), encoding="w3cdtf")


def _wrap(parent: Any, tag: str, element_id: str, mdtype: str, other: str = "") -> Any:
    section = etree.SubElement(parent, _m(tag), ID=element_id)
    wrap = etree.SubElement(section, _m("mdWrap"), MIMETYPE="text/xml", MDTYPE=mdtype)
    if other:
        wrap.set("OTHERMDTYPE", other)
    return etree.SubElement(wrap, _m("xmlData"))


def _file(group: Any, file_id: str, mimetype: str, url: str) -> None:
    element = etree.SubElement(group, _m("file"), ID=file_id, MIMETYPE=mimetype)
    location = etree.SubElement(element, _m("FLocat"), LOCTYPE="URL")
    _href(location, url)


def unit_mets(unit: Unit, pages: Sequence[Page], *, now: dt.datetime | None = None) -> bytes:
    """The METS document of ``unit`` with ``pages`` in their order (UTF-8 bytes)."""
    now = now or timezone.now()
    archive = unit.fonds.archive
    root = etree.Element(_m("mets"), nsmap=NSMAP)
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.set("OBJID", record_identifier(unit))
    header = etree.SubElement(
        root, _m("metsHdr"), CREATEDATE=now.astimezone(dt.UTC).replace(microsecond=0).isoformat()
    )
    agent = etree.SubElement(
        header, _m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE"
    )
    etree.SubElement(agent, _m("name")).text = "Verbund"
    _mods_record(_wrap(root, "dmdSec", "DMDLOG_0000", "MODS"), unit, len(pages), now)

    amd = etree.SubElement(root, _m("amdSec"), ID="AMD")
    rights = etree.SubElement(
        _wrap(amd, "rightsMD", "RIGHTS", "OTHER", "DVRIGHTS"), f"{{{DV_NS}}}rights"
    )
    _dv(rights, "owner", archive.name)
    _dv(rights, "ownerSiteURL", settings.VERBUND_PUBLIC_URL)
    if archive.email:
        _dv(rights, "ownerContact", f"mailto:{archive.email}")
    dv_links = etree.SubElement(
        _wrap(amd, "digiprovMD", "DIGIPROV", "OTHER", "DVLINKS"), f"{{{DV_NS}}}links"
    )
    _dv(dv_links, "reference", links.ead_url(unit.fonds_id, staff=not links.public(unit)))
    _dv(dv_links, "presentation", links.manifest_url(unit))

    if pages:
        file_sec = etree.SubElement(root, _m("fileSec"))
        groups = {
            use: etree.SubElement(file_sec, _m("fileGrp"), USE=use)
            for use in ("DEFAULT", "THUMBS", "FULLTEXT")
        }
        for page in pages:
            n = f"{page.position:04d}"
            _file(groups["DEFAULT"], f"FILE_{n}_DEFAULT", "image/jpeg", links.image_url(unit, page))
            _file(
                groups["THUMBS"], f"FILE_{n}_THUMBS", "image/jpeg", links.thumbnail_url(unit, page)
            )
            if page.alto:
                _file(
                    groups["FULLTEXT"], f"FILE_{n}_FULLTEXT", "text/xml", links.alto_url(unit, page)
                )
        if not len(groups["FULLTEXT"]):
            file_sec.remove(groups["FULLTEXT"])

    physical = etree.SubElement(root, _m("structMap"), TYPE="PHYSICAL")
    sequence = etree.SubElement(physical, _m("div"), ID="PHYS_0000", TYPE="physSequence")
    for page in pages:
        n = f"{page.position:04d}"
        div = etree.SubElement(
            sequence,
            _m("div"),
            ID=f"PHYS_{n}",
            TYPE="page",
            ORDER=str(page.position),
            ORDERLABEL=page.label or str(page.position),
        )
        uses = ("DEFAULT", "THUMBS", "FULLTEXT") if page.alto else ("DEFAULT", "THUMBS")
        for use in uses:
            etree.SubElement(div, _m("fptr"), FILEID=f"FILE_{n}_{use}")

    logical = etree.SubElement(root, _m("structMap"), TYPE="LOGICAL")
    etree.SubElement(
        logical,
        _m("div"),
        ID="LOG_0000",
        TYPE=STRUCTURE_TYPE.get(DescriptionLevel(unit.level), "file"),
        LABEL=unit.title,
        DMDID="DMDLOG_0000",
        ADMID="AMD",
    )
    if pages:
        struct_link = etree.SubElement(root, _m("structLink"))
        for page in pages:
            link = etree.SubElement(struct_link, _m("smLink"))
            link.set(f"{{{XLINK_NS}}}from", "LOG_0000")
            link.set(f"{{{XLINK_NS}}}to", f"PHYS_{page.position:04d}")
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return body
