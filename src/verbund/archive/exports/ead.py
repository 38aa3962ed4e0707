"""EAD(DDB) 1.1 of one holdings (Bestand): the finding aid exchange profile of the
Deutsche Digitale Bibliothek and the Archivportal-D, an EAD 2002 profile.

``ead`` (audience external) → ``eadheader`` (the profile's encodings, ``eadid`` with
the archive's ISIL) → ``archdesc level="collection" type="Findbuch"`` (the archive as
repository) → ``dsc`` → one ``c level="collection"`` for the holdings with one
``c level="file"|"item"`` per unit. A unit with pages carries a ``daogrp`` with the
three links the DDB reads: ``METS`` (its METS file), ``image_full`` (its first page)
and, for public units, ``externer_viewer`` (the DFG-Viewer showing the METS file).
Which units appear is the caller's choice (see ``exports.selectors``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from verbund.archive.exports import links
from verbund.archive.exports.mets import access_statement
from verbund.archive.models import DescriptionLevel, Fonds, Page, Unit

__all__ = ["EAD_NS", "fonds_ead"]

EAD_NS = "urn:isbn:1-931666-22-9"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    "urn:isbn:1-931666-22-9 http://www.loc.gov/ead/ead.xsd "
    "http://www.w3.org/1999/xlink http://www.loc.gov/standards/xlink/xlink.xsd"
)
# The DDB's genre of archival material for a file and a single item.
GENRE = {DescriptionLevel.FILE: "Akten", DescriptionLevel.ITEM: "Akten"}


def _e(parent: Any, name: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{EAD_NS}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _p(parent: Any, name: str, text: str) -> None:
    if text.strip():
        _e(_e(parent, name), "p", text.strip())


def _normal(year_from: int | None, year_to: int | None) -> str:
    if year_from is None and year_to is None:
        return ""
    first = year_from if year_from is not None else year_to
    last = year_to if year_to is not None else year_from
    return f"{first:04d}/{last:04d}"


def _unit(parent: Any, unit: Unit, first_page: Page | None) -> None:
    level = "item" if unit.level == DescriptionLevel.ITEM else "file"
    c = _e(parent, "c", level=level, id=f"unit-{unit.pk}")
    did = _e(c, "did")
    _e(did, "unitid", unit.reference_code)
    _e(did, "unittitle", unit.title)
    if unit.date_text or unit.year_from is not None:
        date = _e(did, "unitdate", unit.date_text or _normal(unit.year_from, unit.year_to))
        normal = _normal(unit.year_from, unit.year_to)
        if normal:
            date.set("normal", normal)
    physdesc = _e(did, "physdesc")
    _e(physdesc, "genreform", GENRE.get(DescriptionLevel(unit.level), "Akten"), normal="Akten")
    if unit.extent:
        _e(physdesc, "extent", unit.extent)
    language = _e(_e(did, "langmaterial"), "language", langcode=unit.language)
    language.text = _("Deutsch") if unit.language == "ger" else unit.language
    _p(c, "scopecontent", unit.scope_content)
    _p(c, "accessrestrict", access_statement(unit))
    if first_page is not None:
        group = _e(c, "daogrp")
        for role, url in (
            ("METS", links.mets_url(unit)),
            ("image_full", links.image_url(unit, first_page)),
            *([("externer_viewer", links.dfg_viewer_url(unit))] if links.public(unit) else []),
        ):
            loc = _e(group, "daoloc")
            loc.set(f"{{{XLINK_NS}}}role", role)
            loc.set(f"{{{XLINK_NS}}}href", url)


def fonds_ead(
    fonds: Fonds,
    units: Sequence[tuple[Unit, Page | None]],
    *,
    staff: bool,
    now: dt.datetime | None = None,
) -> bytes:
    """The EAD(DDB) finding aid of ``fonds`` with ``units`` (each with its first page,
    if it has one), as UTF-8 bytes. ``staff`` marks the staff export (its own
    address in ``eadid``)."""
    now = now or timezone.now()
    archive = fonds.archive
    root = etree.Element(f"{{{EAD_NS}}}ead", nsmap={None: EAD_NS, "xlink": XLINK_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.set("audience", "external")
    header = _e(
        root,
        "eadheader",
        countryencoding="iso3166-1",
        dateencoding="iso8601",
        langencoding="iso639-2b",
        repositoryencoding="iso15511",
        scriptencoding="iso15924",
    )
    eadid = _e(
        header, "eadid", f"{archive.isil or 'verbund'}_{fonds.reference_code}".replace(" ", "_")
    )
    if archive.isil:
        eadid.set("mainagencycode", archive.isil)
    eadid.set("url", links.ead_url(fonds.pk, staff=staff))
    _e(
        _e(_e(header, "filedesc"), "titlestmt"),
        "titleproper",
        _("Findbuch zum Bestand %(code)s %(title)s")
        % {"code": fonds.reference_code, "title": fonds.title},
    )
    profile = _e(header, "profiledesc")
    creation = _e(profile, "creation", "Verbund ")
    today = timezone.localdate(now)
    _e(creation, "date", today.strftime("%d.%m.%Y"), normal=today.isoformat())
    _e(_e(profile, "langusage"), "language", _("Deutsch"), langcode="ger", scriptcode="Latn")

    archdesc = _e(root, "archdesc", level="collection", type="Findbuch")
    did = _e(archdesc, "did")
    repository = _e(did, "repository")
    corpname = _e(repository, "corpname", archive.name, role="Bestandshaltende Einrichtung")
    if archive.isil:
        corpname.set("id", archive.isil)
    if archive.address.strip():
        address = _e(repository, "address")
        for line in archive.address.splitlines():
            if line.strip():
                _e(address, "addressline", line.strip())
    _e(did, "unittitle", fonds.title)

    dsc = _e(archdesc, "dsc")
    collection = _e(dsc, "c", level="collection", id=f"fonds-{fonds.pk}")
    fonds_did = _e(collection, "did")
    _e(fonds_did, "unitid", fonds.reference_code)
    _e(fonds_did, "unittitle", fonds.title)
    if fonds.date_text:
        _e(fonds_did, "unitdate", fonds.date_text)
    if fonds.creator:
        _e(_e(fonds_did, "origination"), "corpname", fonds.creator)
    if fonds.extent:
        _e(_e(fonds_did, "physdesc"), "extent", fonds.extent)
    _p(collection, "bioghist", fonds.administrative_history)
    _p(collection, "scopecontent", fonds.scope_content)
    _p(collection, "accessrestrict", fonds.access_conditions)
    for unit, first_page in units:
        _unit(collection, unit, first_page)
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return body
