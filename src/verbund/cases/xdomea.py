"""The hand-over of closed files to the archive as xdomea 3.0.0 (Aussonderung.Aussonderung.0503).

Pure and database-free: the caller gives frozen dataclasses (:class:`Party`,
:class:`RecordsFile` with its :class:`Document` and :class:`DocumentVersion`),
this module gives the XML message (:func:`aussonderung_xml`) and the ZIP package
that carries it with the primary files (:func:`aussonderung_package`). Equal
input gives byte-identical output. docs/xdomea.md says which xdomea element is
filled from what, and why each case file is one ``Akte``.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from lxml import etree

NS = "urn:xoev-de:xdomea:schema:3.0.0"
MESSAGE_TYPE = "Aussonderung.Aussonderung.0503"
PRODUCT_NAME = "Verbund"

# Code lists. Those with a fixed version are enumerated in xdomea-Datentypen.xsd
# (listURI and listVersionID are fixed there). The file formats are a code list of
# "Code-Typ 3": not in the XSD, the version must be sent; codes from the published
# genericode list urn:xoev-de:xdomea:codeliste:dateiformat, version 1.0.
NACHRICHTENTYP = ("urn:xoev-de:xdomea:codeliste:nachrichtentyp", "2.0")
AUSSONDERUNGSART = ("urn:xoev-de:xdomea:codeliste:aussonderungsart", "1.0")
MEDIUM = ("urn:xoev-de:xdomea:codeliste:medium", "1.0")
DATENTYP = ("urn:xoev-de:xdomea:codeliste:datentyp", "1.1")
DATEIFORMAT = ("urn:xoev-de:xdomea:codeliste:dateiformat", "1.0")
# The Amtlicher Regionalschlüssel (Destatis, published in the XRepository); which
# Stand of the list a key was taken from is not known here, so no listVersionID.
REGIONALSCHLUESSEL_URI = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"

# disposal -> (code, name) in the Aussonderungsart code list.
DISPOSALS: dict[str, tuple[str, str]] = {
    "archive": ("A", "Das Schriftgutobjekt ist archivwürdig."),
    "destroy": ("V", "Das Schriftgutobjekt ist zum Vernichten markiert."),
    "appraise": ("B", "Das Schriftgutobjekt ist zum Bewerten markiert."),
}
MEDIUM_ELECTRONIC = (
    "001",
    "Elektronisch: Das Schriftgutobjekt liegt ausschließlich in elektronischer Form vor.",
)
DATENTYP_HEXBINARY = ("018", "hexBinary")

# content type -> (Dateiformat code, file name extension); codes of list version 1.0.
_FORMATS: dict[str, tuple[str, str]] = {
    "image/bmp": ("001", "bmp"),
    "text/csv": ("002", "csv"),
    "application/msword": ("003", "doc"),
    "message/rfc822": ("006", "eml"),
    "text/html": ("008", "html"),
    "image/jpeg": ("011", "jpg"),
    "application/vnd.ms-outlook": ("012", "msg"),
    "application/vnd.oasis.opendocument.presentation": ("013", "odp"),
    "application/vnd.oasis.opendocument.spreadsheet": ("014", "ods"),
    "application/vnd.oasis.opendocument.text": ("015", "odt"),
    "application/pdf": ("018", "pdf"),
    "image/png": ("019", "png"),
    "application/vnd.ms-powerpoint": ("020", "ppt"),
    "application/postscript": ("021", "ps"),
    "application/rtf": ("022", "rtf"),
    "text/rtf": ("022", "rtf"),
    "image/tiff": ("023", "tif"),
    "application/vnd.ms-excel": ("028", "xls"),
    "application/xml": ("030", "xml"),
    "text/xml": ("030", "xml"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("035", "docx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("036", "xlsx"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("037", "pptx"),
    "text/plain": ("045", "txt"),
}
# The list has one code per extension where a format has several.
_FORMAT_BY_EXTENSION: dict[tuple[str, str], str] = {
    ("text/html", "htm"): "007",
    ("image/jpeg", "jpe"): "009",
    ("image/jpeg", "jpeg"): "010",
    ("image/tiff", "tiff"): "024",
}
FORMAT_OTHER = "100"  # "Sonstiges"; the content type goes into SonstigerName

_SIGNIFICANT_ARS_LENGTHS = {2, 3, 4, 5, 9, 12}
_PDF_VERSION = re.compile(rb"%PDF-(\d\.\d)")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
# Characters XML 1.0 cannot carry (control characters other than tab, LF, CR; surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_MAX_STEM = 80


@dataclass(frozen=True)
class Party:
    """Absender or Empfaenger of the message."""

    institution: str  # e.g. "Kreis Düren"
    unit: str = ""  # Organisationseinheit, e.g. "Bauaufsicht"
    ars: str = ""  # Amtlicher Regionalschlüssel (2 to 12 digits), empty e.g. for an archive


@dataclass(frozen=True)
class DocumentVersion:
    number: int  # 1, 2, ...
    filename: str  # the original name, any unicode
    content_type: str  # "application/pdf", "image/png", ...
    sha256: str  # hex, of ``content``
    created_at: datetime  # aware
    content: bytes


@dataclass(frozen=True)
class Document:
    id: uuid.UUID
    title: str  # e.g. "Bauantrag – Lageplan", "Bescheid"
    created_at: datetime  # aware
    versions: tuple[DocumentVersion, ...]  # at least one


@dataclass(frozen=True)
class RecordsFile:
    """The case file (Akte) of one case."""

    id: uuid.UUID
    file_number: str  # Aktenzeichen, e.g. "63/622-2026/00017"
    title: str  # e.g. "Baugenehmigung beantragen – VB-2026-7KQ2-M4XZ"
    file_plan_code: str  # Aktenplaneinheit Kennzeichen, e.g. "622"; may be empty
    opened_on: date
    closed_on: date  # the zdA-Verfügung
    retention_years: int  # Aufbewahrungsdauer
    disposal: str  # "archive" | "destroy" | "appraise"
    documents: tuple[Document, ...]
    notes: tuple[str, ...] = ()  # free text (e.g. history lines), sent as Bemerkung
    retention_ends_on: date | None = None  # Aufbewahrungsende, where the caller knows it


# -- names ------------------------------------------------------------------------


def message_name(process_id: uuid.UUID) -> str:
    """The name of the XML message inside the package (xdomea: ``<ProzessID>_<Nachrichtentyp>``)."""
    return f"{process_id}_{MESSAGE_TYPE}.xml"


def package_name(process_id: uuid.UUID) -> str:
    """The name to download the package as (xdomea: ``<ProzessID>_<Nachrichtentyp>.zip``)."""
    return f"{process_id}_{MESSAGE_TYPE}.zip"


def _content_type(version: DocumentVersion) -> str:
    return version.content_type.split(";", 1)[0].strip().lower()


def _safe_name(original: str, content_type: str) -> str:
    """An ASCII name without path separators or "..", keeping the extension."""
    parts = [p for p in original.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    name = unicodedata.normalize("NFKD", "_".join(parts).translate(_TRANSLITERATION))
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_*\._*", ".", name).strip("._-")
    stem, dot, ext = name.rpartition(".")
    if not dot or not ext.isalnum() or len(ext) > 10:
        stem, ext = name, ""
    ext = ext.lower() or _FORMATS.get(content_type, ("", ""))[1]
    stem = stem[:_MAX_STEM].strip("._-") or "datei"
    return f"{stem}.{ext}" if ext else stem


def _primary_file_name(document: Document, version: DocumentVersion) -> str:
    """Dateiname of a version, also its name in the ZIP: ``<document id>_<version>_<name>``.

    xdomea wants it to start with a UUID; document id and version number make it
    unique in the package, the sanitised original name keeps it readable.
    """
    return f"{document.id}_{version.number}_{_safe_name(version.filename, _content_type(version))}"


# -- checks -------------------------------------------------------------------------


def _text(value: str, what: str) -> str:
    bad = _NOT_XML.search(value)
    if bad:
        raise ValueError(f"{what} contains U+{ord(bad.group()):04X}, which XML cannot carry.")
    return value


def _required(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} must not be empty.")
    return _text(value, what)


def _timestamp(value: datetime, what: str) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got naive {value.isoformat()}.")
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _check_party(party: Party, role: str) -> None:
    _required(party.institution, f"{role} institution")
    _text(party.unit, f"{role} unit")
    if party.ars and not (party.ars.isdigit() and len(party.ars) in _SIGNIFICANT_ARS_LENGTHS):
        raise ValueError(
            f"{role} ARS {party.ars!r} is not a Regionalschlüssel (2, 3, 4, 5, 9 or 12 digits)."
        )


def _check_files(files: Sequence[RecordsFile]) -> None:
    if not files:
        raise ValueError("An Aussonderung needs at least one file (xdomea: Schriftgutobjekt).")
    seen: set[uuid.UUID] = set()

    def unique(object_id: uuid.UUID, what: str) -> None:
        if object_id in seen:
            raise ValueError(
                f"{what} has the id {object_id}, which is already used in this message."
            )
        seen.add(object_id)

    for records_file in files:
        where = f"File {records_file.file_number!r}"
        unique(records_file.id, where)
        _required(records_file.file_number, f"File {records_file.id} file number")
        _required(records_file.title, f"{where} title")
        _text(records_file.file_plan_code, f"{where} file plan code")
        for note in records_file.notes:
            _text(note, f"{where} note")
        if records_file.disposal not in DISPOSALS:
            raise ValueError(
                f"{where} has the unknown disposal {records_file.disposal!r}; "
                f"expected one of {', '.join(sorted(DISPOSALS))}."
            )
        if not 0 <= records_file.retention_years <= 65535:
            raise ValueError(
                f"{where} has retention_years {records_file.retention_years}; "
                "expected 0 to 65535 years."
            )
        if records_file.opened_on > records_file.closed_on:
            raise ValueError(
                f"{where} was closed on {records_file.closed_on} before it was opened "
                f"on {records_file.opened_on}."
            )
        for document in records_file.documents:
            _check_document(document, records_file.file_number, unique)


def _check_document(
    document: Document, file_number: str, unique: Callable[[uuid.UUID, str], None]
) -> None:
    what = f"Document {document.id} in file {file_number!r}"
    unique(document.id, what)
    _text(document.title, f"{what} title")
    _timestamp(document.created_at, f"{what} created_at")
    if not document.versions:
        raise ValueError(f"{what} has no versions; every document needs at least one file.")
    numbers = [v.number for v in document.versions]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{what} has duplicate version numbers {sorted(numbers)}.")
    for version in document.versions:
        name = f"Version {version.number} of document {document.id}"
        if version.number < 1:
            raise ValueError(f"{name}: version numbers start at 1.")
        _text(version.filename, f"{name} filename")
        _text(version.content_type, f"{name} content type")
        _timestamp(version.created_at, f"{name} created_at")
        if not _SHA256.fullmatch(version.sha256):
            raise ValueError(f"{name}: sha256 {version.sha256!r} is not 64 hex digits.")
        if hashlib.sha256(version.content).hexdigest() != version.sha256.lower():
            raise ValueError(f"{name}: the content does not match its sha256 {version.sha256}.")


# -- the message --------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: Any, name: str, text: str | None = None) -> Any:
    element = etree.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def _code(
    parent: Any, name: str, code_list: tuple[str, str] | None, code: str, label: str = ""
) -> Any:
    """An element of a xoev-code type; ``code`` and ``name`` inside are unqualified."""
    element = _sub(parent, name)
    if code_list is not None:
        element.set("listURI", code_list[0])
        element.set("listVersionID", code_list[1])
    etree.SubElement(element, "code").text = code
    if label:
        etree.SubElement(element, "name").text = label
    return element


def _party(parent: Any, name: str, party: Party) -> None:
    contact = _sub(parent, name)
    if party.ars:
        kennung = _sub(contact, "Behoerdenkennung")
        schluessel = _sub(kennung, "Behoerdenschluessel")
        schluessel.set("listURI", REGIONALSCHLUESSEL_URI)
        etree.SubElement(schluessel, "code").text = party.ars.ljust(12, "0")
    _sub(_sub(contact, "Institution"), "Name", party.institution)
    if party.unit.strip():
        _sub(_sub(contact, "Organisationseinheit"), "Name", party.unit)


def _format(parent: Any, document: Document, version: DocumentVersion) -> None:
    content_type = _content_type(version)
    ext = version.filename.rpartition(".")[2].lower() if "." in version.filename else ""
    code = (
        _FORMAT_BY_EXTENSION.get((content_type, ext))
        or _FORMATS.get(content_type, (FORMAT_OTHER, ""))[0]
    )
    fmt = _sub(parent, "Format")
    _code(fmt, "Name", DATEIFORMAT, code)  # DateiformatCodeType allows no <name>
    if code == FORMAT_OTHER and content_type:
        _sub(fmt, "SonstigerName", content_type)
    pdf_version = _PDF_VERSION.match(version.content[:16]) if code == "018" else None
    _sub(fmt, "Version", pdf_version.group(1).decode() if pdf_version else "")
    primary = _sub(fmt, "Primaerdokument")
    _sub(primary, "Dateiname", _primary_file_name(document, version))
    if version.filename:
        _sub(primary, "DateinameOriginal", version.filename)
    _sub(primary, "DatumUhrzeit", _timestamp(version.created_at, "created_at"))


def _checksums(parent: Any, document: Document, versions: Sequence[DocumentVersion]) -> None:
    """The SHA-256 of each primary file: xdomea 3.0.0 has no element for it, so it goes
    into the schema's own extension point, one Feld per Dateiname."""
    extension = _sub(parent, "AnwendungsspezifischeErweiterung")
    _sub(extension, "Kennung", "verbund:pruefsummen")
    _sub(extension, "Name", "Prüfsummen")
    _sub(
        extension,
        "Beschreibung",
        "SHA-256-Prüfsumme jeder Version; Feld/Name ist der Dateiname des Primärdokuments.",
    )
    _sub(extension, "Versionsnummer", "1")
    for version in versions:
        field = _sub(extension, "Feld")
        _sub(field, "Name", _primary_file_name(document, version))
        _sub(field, "Beschreibung", "SHA-256")
        _code(field, "Datentyp", DATENTYP, *DATENTYP_HEXBINARY)
        _sub(field, "Wert", version.sha256.lower())


def _versions(document: Document) -> list[DocumentVersion]:
    return sorted(document.versions, key=lambda v: v.number)


def _document(parent: Any, document: Document, position: int) -> None:
    element = _sub(parent, "Dokument")
    identification = _sub(element, "Identifikation")
    _sub(identification, "ID", str(document.id))
    _sub(identification, "NummerImUebergeordnetenContainer", str(position))
    metadata = _sub(element, "AllgemeineMetadaten")
    if document.title.strip():
        _sub(metadata, "Betreff", document.title)
    _code(metadata, "Medium", MEDIUM, *MEDIUM_ELECTRONIC)
    history = _sub(element, "HistorienProtokollInformation")
    _sub(history, "Akteur", PRODUCT_NAME)
    _sub(history, "DatumUhrzeit", _timestamp(document.created_at, "created_at"))
    _sub(history, "Aktion", "Dokument erfasst")
    versions = _versions(document)
    for version in versions:
        version_element = _sub(element, "Version")
        _sub(version_element, "Nummer", str(version.number))
        _format(version_element, document, version)
    _checksums(element, document, versions)


def _akte(parent: Any, records_file: RecordsFile) -> None:
    akte = _sub(_sub(parent, "Schriftgutobjekt"), "Akte")
    _sub(_sub(akte, "Identifikation"), "ID", str(records_file.id))
    metadata = _sub(akte, "AllgemeineMetadaten")
    _sub(metadata, "Betreff", records_file.title)
    _sub(metadata, "Kennzeichen", records_file.file_number)
    notes = [n for n in records_file.notes if n.strip()]
    if notes:
        _sub(metadata, "Bemerkung", "\n".join(notes))
    if records_file.file_plan_code.strip():
        _sub(_sub(metadata, "Aktenplaneinheit"), "Kennzeichen", records_file.file_plan_code)
    archival = _sub(akte, "ArchivspezifischeMetadaten")
    _sub(_sub(archival, "Aufbewahrungsdauer"), "AnzahlJahre", str(records_file.retention_years))
    _code(
        _sub(archival, "Aussonderungsart"),
        "Aussonderungsart",
        AUSSONDERUNGSART,
        *DISPOSALS[records_file.disposal],
    )
    if records_file.retention_ends_on is not None:
        _sub(archival, "Aufbewahrungsende", records_file.retention_ends_on.isoformat())
    period = _sub(akte, "Laufzeit")
    _sub(period, "Beginn", records_file.opened_on.isoformat())
    _sub(period, "Ende", records_file.closed_on.isoformat())
    if records_file.documents:
        content = _sub(akte, "Akteninhalt")
        for position, document in enumerate(records_file.documents, start=1):
            _document(content, document, position)
    _sub(akte, "ZdA", "1")
    _sub(akte, "ZdADatum", records_file.closed_on.isoformat())


def _message(
    *,
    process_id: uuid.UUID,
    sender: Party,
    recipient: Party,
    files: Sequence[RecordsFile],
    created_at: datetime,
) -> bytes:
    root = etree.Element(_q(MESSAGE_TYPE), nsmap={"xdomea": NS})
    head = _sub(root, "Kopf")
    _sub(head, "ProzessID", str(process_id))
    _code(head, "Nachrichtentyp", NACHRICHTENTYP, "0503", "Aussonderung.Aussonderung")
    _sub(head, "Erstellungszeitpunkt", _timestamp(created_at, "created_at"))
    _party(head, "Absender", sender)
    _party(head, "Empfaenger", recipient)
    _sub(_sub(head, "SendendesSystem"), "Produktname", PRODUCT_NAME)
    _sub(head, "Importbestaetigung", "1")  # fixed by the schema
    # Verbund cannot receive messages back yet: no Archivkennung, no receipt (0507).
    _sub(head, "RueckmeldungArchivkennung", "0")
    _sub(head, "Empfangsbestaetigung", "0")
    for records_file in files:
        _akte(root, records_file)
    body: bytes = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _validated(
    process_id: uuid.UUID, sender: Party, recipient: Party, files: Sequence[RecordsFile]
) -> None:
    if not isinstance(process_id, uuid.UUID):
        raise ValueError(f"process_id must be a UUID, got {process_id!r}.")
    _check_party(sender, "Sender")
    _check_party(recipient, "Recipient")
    _check_files(files)


def aussonderung_xml(
    *,
    process_id: uuid.UUID,
    sender: Party,
    recipient: Party,
    files: Sequence[RecordsFile],
    created_at: datetime,
) -> bytes:
    """The message Aussonderung.Aussonderung.0503: UTF-8 with XML declaration, one
    ``Schriftgutobjekt/Akte`` per file. Raises ValueError on input xdomea cannot carry."""
    _validated(process_id, sender, recipient, files)
    return _message(
        process_id=process_id,
        sender=sender,
        recipient=recipient,
        files=files,
        created_at=created_at,
    )


def _primary_files(files: Sequence[RecordsFile]) -> Iterator[tuple[str, bytes]]:
    for records_file in files:
        for document in records_file.documents:
            for version in _versions(document):
                yield _primary_file_name(document, version), version.content


def aussonderung_package(
    *,
    process_id: uuid.UUID,
    sender: Party,
    recipient: Party,
    files: Sequence[RecordsFile],
    created_at: datetime,
) -> bytes:
    """The ZIP to hand to the archive: the message first, then every primary file
    under its Dateiname, sorted. Every entry carries the message's creation time (UTC),
    so equal input gives a byte-identical ZIP."""
    xml = aussonderung_xml(
        process_id=process_id,
        sender=sender,
        recipient=recipient,
        files=files,
        created_at=created_at,
    )
    entries = sorted(_primary_files(files))
    names = [name for name, _ in entries]
    if len(set(names)) != len(names):  # unique by construction (ids, version numbers)
        raise ValueError("Two primary files would have the same name in the package.")
    stamp = created_at.astimezone(UTC)
    date_time = (
        (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        if stamp.year >= 1980  # the earliest time a ZIP entry can carry
        else (1980, 1, 1, 0, 0, 0)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [(message_name(process_id), xml), *entries]:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
