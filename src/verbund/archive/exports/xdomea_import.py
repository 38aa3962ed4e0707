"""Reading an xdomea 3.0.0 hand-over (Aussonderung.Aussonderung.0503) as it arrives at
the archive: the ZIP that ``cases.records`` writes or one uploaded from another system.

Pure and database-free: :func:`read_package` takes the package's bytes and returns
frozen dataclasses (:class:`HandOver` with one :class:`RecordsObject` per ``Akte`` or
``Vorgang`` at the top level of the message, each with its primary files), or raises
:class:`PackageRefused` with a German message that says what is wrong.

The package comes from outside, so it is read defensively:

* the ZIP: at most :data:`MAX_ENTRIES` entries, each at most :data:`MAX_ENTRY_BYTES`
  and :data:`MAX_TOTAL_BYTES` together, read with a cap (the sizes in the ZIP's own
  directory are not trusted), no entry that expands more than :data:`MAX_RATIO` times
  (zip bombs), no absolute names, no ``..``, no backslashes, no directories or links,
  no duplicate names;
* the XML: lxml without network access, without DTD loading and without entity
  resolution, and a message that carries a DOCTYPE at all is refused (XXE and "billion
  laughs" need one);
* every primary file the message names must be in the ZIP; where the message carries
  SHA-256 checksums (Verbund's ``verbund:pruefsummen`` extension) they must match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import stat
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

__all__ = [
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_PACKAGE_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "HandOver",
    "PackageRefused",
    "PrimaryFile",
    "RecordsObject",
    "read_package",
]

NS = "urn:xoev-de:xdomea:schema:3.0.0"
MESSAGE_TYPE = "Aussonderung.Aussonderung.0503"
CHECKSUM_EXTENSION = "verbund:pruefsummen"

MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
# Scans and PDFs compress little; a ratio this high is a bomb, not a document.
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small entries (XML of a few KB) may compress well


class PackageRefused(ValueError):
    """The package cannot be taken over; ``str()`` is the German message for the user."""


@dataclass(frozen=True)
class PrimaryFile:
    name: str  # Dateiname in the package
    original_name: str  # DateinameOriginal, or the Dateiname
    document_title: str
    version: int
    content: bytes

    @property
    def extension(self) -> str:
        return self.name.rpartition(".")[2].lower() if "." in self.name else ""


@dataclass(frozen=True)
class RecordsObject:
    """One ``Akte`` or ``Vorgang`` at the top of the message: one future unit."""

    kind: str  # "Akte" | "Vorgang"
    id: str
    title: str  # Betreff
    reference: str  # Kennzeichen (Aktenzeichen)
    begin: dt.date | None
    end: dt.date | None
    notes: str  # Bemerkung
    # The current (highest) version of every document, in the order of the message.
    files: tuple[PrimaryFile, ...]
    documents: int


@dataclass(frozen=True)
class HandOver:
    process_id: str
    created_at: str
    sender: str
    objects: tuple[RecordsObject, ...]
    sha256: str


# -- the ZIP ---------------------------------------------------------------------------


def _safe_entry_name(name: str) -> bool:
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    if len(name) > 2 and name[1] == ":":  # a drive letter
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _entries(data: bytes) -> dict[str, bytes]:
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageRefused(
            _("Das Paket ist größer als %(n)d MB.") % {"n": MAX_PACKAGE_BYTES // 1024 // 1024}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise PackageRefused(_("Das Paket ist keine gültige ZIP-Datei.")) from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageRefused(_("Das Paket enthält mehr als %(n)d Dateien.") % {"n": MAX_ENTRIES})
    entries: dict[str, bytes] = {}
    total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        # Zip tools often leave the file type bits empty; set, they must say "file".
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise PackageRefused(
                _("Das Paket enthält ein Verzeichnis oder einen Verweis: %(name)s")
                % {"name": name[:200]}
            )
        if not _safe_entry_name(name):
            raise PackageRefused(
                _("Das Paket enthält einen unzulässigen Dateipfad: %(name)s") % {"name": name[:200]}
            )
        if name in entries:
            raise PackageRefused(
                _("Das Paket enthält die Datei %(name)s zweimal.") % {"name": name[:200]}
            )
        limit = min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - total)
        try:
            with archive.open(info) as handle:
                content = handle.read(limit + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
            raise PackageRefused(
                _("Die Datei %(name)s im Paket ist beschädigt oder verschlüsselt.")
                % {"name": name[:200]}
            ) from None
        if len(content) > limit:
            raise PackageRefused(
                _("Das Paket ist entpackt zu groß (je Datei bis %(n)d MB, gesamt bis %(t)d MB).")
                % {"n": MAX_ENTRY_BYTES // 1024 // 1024, "t": MAX_TOTAL_BYTES // 1024 // 1024}
            )
        if len(content) > _RATIO_FLOOR and len(content) > MAX_RATIO * max(info.compress_size, 1):
            raise PackageRefused(
                _("Die Datei %(name)s im Paket ist auffällig stark komprimiert (ZIP-Bombe?).")
                % {"name": name[:200]}
            )
        total += len(content)
        entries[name] = content
    return entries


# -- the message -----------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _parse(xml: bytes) -> Any:
    if len(xml) > MAX_MESSAGE_BYTES:
        raise PackageRefused(_("Die xdomea-Nachricht ist zu groß."))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.parse(io.BytesIO(xml), parser)
    except etree.XMLSyntaxError as exc:
        raise PackageRefused(
            _("Die xdomea-Nachricht ist kein wohlgeformtes XML: %(error)s") % {"error": exc.msg}
        ) from None
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise PackageRefused(
            _("Die xdomea-Nachricht enthält eine DOCTYPE-Deklaration; das ist nicht zulässig.")
        )
    return tree.getroot()


def _text(element: Any, *path: str) -> str:
    for name in path:
        if element is None:
            return ""
        element = element.find(_q(name))
    return (element.text or "").strip() if element is not None else ""


def _date(value: str, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise PackageRefused(
            _("%(what)s „%(value)s“ ist kein Datum.") % {"what": what, "value": value[:40]}
        ) from None


def _checksums(document: Any) -> dict[str, str]:
    sums: dict[str, str] = {}
    for extension in document.findall(_q("AnwendungsspezifischeErweiterung")):
        if _text(extension, "Kennung") != CHECKSUM_EXTENSION:
            continue
        for field in extension.findall(_q("Feld")):
            sums[_text(field, "Name")] = _text(field, "Wert").lower()
    return sums


def _current_file(document: Any, entries: dict[str, bytes], where: str) -> PrimaryFile | None:
    versions = []
    for version in document.findall(_q("Version")):
        number_text = _text(version, "Nummer")
        try:
            number = int(number_text)
        except ValueError:
            raise PackageRefused(
                _("%(where)s: Versionsnummer „%(n)s“ ist keine Zahl.")
                % {"where": where, "n": number_text[:20]}
            ) from None
        versions.append((number, version))
    if not versions:
        return None
    number, version = max(versions, key=lambda pair: pair[0])
    primary = None
    for fmt in version.findall(_q("Format")):
        primary = fmt.find(_q("Primaerdokument"))
        if primary is not None:
            break
    if primary is None:
        return None
    name = _text(primary, "Dateiname")
    if name not in entries:
        raise PackageRefused(
            _("%(where)s: Die Datei „%(name)s“ fehlt im Paket.")
            % {"where": where, "name": name[:200]}
        )
    content = entries[name]
    expected = _checksums(document).get(name)
    if expected and hashlib.sha256(content).hexdigest() != expected:
        raise PackageRefused(
            _("%(where)s: Die Prüfsumme der Datei „%(name)s“ stimmt nicht.")
            % {"where": where, "name": name[:200]}
        )
    return PrimaryFile(
        name=name,
        original_name=_text(primary, "DateinameOriginal") or name,
        document_title=_text(document, "AllgemeineMetadaten", "Betreff"),
        version=number,
        content=content,
    )


def _object(element: Any, entries: dict[str, bytes]) -> RecordsObject:
    kind = etree.QName(element).localname
    object_id = _text(element, "Identifikation", "ID")
    reference = _text(element, "AllgemeineMetadaten", "Kennzeichen")
    where = f"{kind} {reference or object_id}"
    if not object_id:
        raise PackageRefused(_("Eine %(kind)s hat keine ID.") % {"kind": kind})
    title = _text(element, "AllgemeineMetadaten", "Betreff")
    if not title:
        raise PackageRefused(_("%(where)s hat keinen Betreff.") % {"where": where})
    files = []
    documents = 0
    for document in element.iter(_q("Dokument")):
        documents += 1
        current = _current_file(document, entries, where)
        if current is not None:
            files.append(current)
    return RecordsObject(
        kind=kind,
        id=object_id,
        title=title,
        reference=reference,
        begin=_date(_text(element, "Laufzeit", "Beginn"), _("Beginn der Laufzeit")),
        end=_date(_text(element, "Laufzeit", "Ende"), _("Ende der Laufzeit")),
        notes=_text(element, "AllgemeineMetadaten", "Bemerkung"),
        files=tuple(files),
        documents=documents,
    )


def read_package(data: bytes) -> HandOver:
    """The hand-over in ``data`` (a ZIP), checked; raises :class:`PackageRefused`."""
    entries = _entries(data)
    messages = [n for n in entries if "/" not in n and n.endswith(f"_{MESSAGE_TYPE}.xml")]
    if len(messages) != 1:
        raise PackageRefused(
            _("Das Paket muss genau eine Nachricht „…_%(type)s.xml“ enthalten.")
            % {"type": MESSAGE_TYPE}
        )
    root = _parse(entries[messages[0]])
    if root.tag != _q(MESSAGE_TYPE):
        raise PackageRefused(
            _("Die Nachricht ist keine Aussonderung (xdomea %(type)s).") % {"type": MESSAGE_TYPE}
        )
    head = root.find(_q("Kopf"))
    process_id = _text(head, "ProzessID")
    if not process_id:
        raise PackageRefused(_("Die Nachricht hat keine ProzessID."))
    objects = []
    for holder in root.findall(_q("Schriftgutobjekt")):
        for element in holder:
            if not isinstance(element.tag, str):
                continue
            if etree.QName(element).localname in ("Akte", "Vorgang"):
                objects.append(_object(element, entries))
    if not objects:
        raise PackageRefused(_("Die Nachricht enthält keine Akte und keinen Vorgang."))
    ids = [o.id for o in objects]
    if len(set(ids)) != len(ids):
        raise PackageRefused(_("Die Nachricht enthält eine ID mehrfach."))
    return HandOver(
        process_id=process_id,
        created_at=_text(head, "Erstellungszeitpunkt"),
        sender=_text(head, "Absender", "Institution", "Name"),
        objects=tuple(objects),
        sha256=hashlib.sha256(data).hexdigest(),
    )
