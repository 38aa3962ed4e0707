"""The xdomea 3.0.0 Aussonderung (verbund.cases.xdomea): Kreis Düren's Bauaufsicht hands
the closed file of a Baugenehmigung to the Kreisarchiv. Checked against the official
XSD from ../shared where it is present; everything else runs without it."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import struct
import uuid
import zipfile
import zlib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from verbund.cases.xdomea import (
    Document,
    DocumentVersion,
    Party,
    RecordsFile,
    aussonderung_package,
    aussonderung_xml,
    message_name,
    package_name,
)

XDOMEA_DIR = Path(__file__).resolve().parents[3] / "shared/data/xdomea"
XSD = XDOMEA_DIR / "xsd-3.0.0/xdomea_3.0.0/xdomea.xsd"
EXAMPLE = XDOMEA_DIR / "examples/Aussonderung.0503.v3.0.0.xml"
NS = {"x": "urn:xoev-de:xdomea:schema:3.0.0"}
ROOT = "/x:Aussonderung.Aussonderung.0503"
AKTE = f"{ROOT}/x:Schriftgutobjekt/x:Akte"
DOKUMENT = f"{AKTE}/x:Akteninhalt/x:Dokument"

PROCESS_ID = uuid.UUID("4f6d2a1c-8b3e-4c5d-9a7f-0e1b2c3d4e5f")
CREATED_AT = datetime(2056, 1, 15, 10, 30, 5, 123456, tzinfo=UTC)
KREIS_DUEREN = Party(institution="Kreis Düren", unit="Bauaufsicht", ars="05358")
KREISARCHIV = Party(institution="Kreisarchiv Düren")
SAFE_ZIP_NAME = re.compile(
    r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}_\d+_[A-Za-z0-9][A-Za-z0-9._-]*"
)


@pytest.fixture(scope="module")
def schema() -> Any:
    """The official xdomea 3.0.0 schema, loaded once; skipped where ../shared is absent."""
    if not XSD.is_file():
        pytest.skip(f"xdomea XSD not found at {XSD} (../shared is absent)")
    return etree.XMLSchema(etree.parse(str(XSD)))


def pdf(text: str, version: str = "1.7") -> bytes:
    return (
        f"%PDF-{version}\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        f"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% {text}\n"
        "trailer <</Root 1 0 R>>\n%%EOF\n"
    ).encode()


def png(red: int) -> bytes:
    """A valid 1×1 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, 0, 0]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def version(
    number: int, filename: str, content_type: str, content: bytes, day: int = 12
) -> DocumentVersion:
    return DocumentVersion(
        number=number,
        filename=filename,
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=datetime(2026, 1, day, 9, 15, tzinfo=UTC),
        content=content,
    )


def document(number: int, title: str, *versions: DocumentVersion) -> Document:
    return Document(
        id=uuid.UUID(int=0xD0C0000 + number),
        title=title,
        created_at=versions[0].created_at,
        versions=versions,
    )


def baugenehmigung(**changes: Any) -> RecordsFile:
    """The file of a Baugenehmigung in Merzenich: application form, Lageplan in two
    versions, the Gemeinde's statement and the Bescheid."""
    file = RecordsFile(
        id=uuid.UUID("7a1e0c52-3f4b-4d8e-9c61-2b5a7d9e0f13"),
        file_number="63/622-2026/00017",
        title="Baugenehmigung beantragen – VB-2026-7KQ2-M4XZ",
        file_plan_code="622",
        opened_on=date(2026, 1, 12),
        closed_on=date(2026, 4, 30),
        retention_years=30,
        disposal="archive",
        documents=(
            document(
                1,
                "Bauantrag – Antragsformular",
                version(1, "Bauantrag Formular.pdf", "application/pdf", pdf("Antrag")),
            ),
            document(
                2,
                "Bauantrag – Lageplan",
                version(1, "Lageplan.png", "image/png", png(10)),
                version(2, "Lageplan (korrigiert).png", "image/png", png(200), day=26),
            ),
            document(
                3,
                "Stellungnahme der Gemeinde Merzenich",
                version(1, "Stellungnahme_Merzenich.pdf", "application/pdf", pdf("Merzenich")),
            ),
            document(
                4,
                "Bescheid",
                version(1, "Bescheid.pdf", "application/pdf", pdf("Bescheid", "2.0"), day=28),
            ),
        ),
        notes=("2026-01-12 Eingegangen", "2026-04-28 Entschieden: bewilligt"),
    )
    return dataclasses.replace(file, **changes)


def build(files: list[RecordsFile] | None = None, **changes: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "process_id": PROCESS_ID,
        "sender": KREIS_DUEREN,
        "recipient": KREISARCHIV,
        "files": files if files is not None else [baugenehmigung()],
        "created_at": CREATED_AT,
    }
    return {**arguments, **changes}


def parse(xml: bytes) -> Any:
    return etree.fromstring(xml)


def texts(tree: Any, path: str) -> list[str]:
    return [str(t) for t in tree.xpath(f"{path}/text()", namespaces=NS)]


def entries(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# -- against the official schema -------------------------------------------------------


@pytest.mark.shared_data
def test_the_schema_accepts_the_official_example(schema: Any) -> None:
    if not EXAMPLE.is_file():
        pytest.skip(f"official example not found at {EXAMPLE}")
    schema.assertValid(etree.parse(str(EXAMPLE)))


@pytest.mark.shared_data
def test_a_baugenehmigung_validates_and_reads_back(schema: Any) -> None:
    xml = aussonderung_xml(**build())
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    tree = parse(xml)
    schema.assertValid(tree)

    assert texts(tree, f"{ROOT}/x:Kopf/x:ProzessID") == [str(PROCESS_ID)]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Nachrichtentyp/code") == ["0503"]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Erstellungszeitpunkt") == ["2056-01-15T10:30:05Z"]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Importbestaetigung") == ["1"]
    sender = f"{ROOT}/x:Kopf/x:Absender"
    assert texts(tree, f"{sender}/x:Institution/x:Name") == ["Kreis Düren"]
    assert texts(tree, f"{sender}/x:Organisationseinheit/x:Name") == ["Bauaufsicht"]
    assert texts(tree, f"{sender}/x:Behoerdenkennung/x:Behoerdenschluessel/code") == [
        "053580000000"
    ]
    recipient = f"{ROOT}/x:Kopf/x:Empfaenger"
    assert texts(tree, f"{recipient}/x:Institution/x:Name") == ["Kreisarchiv Düren"]
    assert tree.xpath(f"{recipient}/x:Behoerdenkennung", namespaces=NS) == []

    assert texts(tree, f"{AKTE}/x:Identifikation/x:ID") == ["7a1e0c52-3f4b-4d8e-9c61-2b5a7d9e0f13"]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Kennzeichen") == ["63/622-2026/00017"]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Betreff") == [
        "Baugenehmigung beantragen – VB-2026-7KQ2-M4XZ"
    ]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Aktenplaneinheit/x:Kennzeichen") == ["622"]
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Bemerkung") == [
        "2026-01-12 Eingegangen\n2026-04-28 Entschieden: bewilligt"
    ]
    archival = f"{AKTE}/x:ArchivspezifischeMetadaten"
    assert texts(tree, f"{archival}/x:Aufbewahrungsdauer/x:AnzahlJahre") == ["30"]
    assert texts(tree, f"{archival}/x:Aussonderungsart/x:Aussonderungsart/code") == ["A"]
    assert texts(tree, f"{AKTE}/x:Laufzeit/x:Beginn") == ["2026-01-12"]
    assert texts(tree, f"{AKTE}/x:Laufzeit/x:Ende") == ["2026-04-30"]
    assert texts(tree, f"{AKTE}/x:ZdADatum") == ["2026-04-30"]

    assert len(tree.xpath(DOKUMENT, namespaces=NS)) == 4
    assert len(tree.xpath(f"{DOKUMENT}/x:Version", namespaces=NS)) == 5
    assert texts(tree, f"{DOKUMENT}/x:AllgemeineMetadaten/x:Betreff") == [
        "Bauantrag – Antragsformular",
        "Bauantrag – Lageplan",
        "Stellungnahme der Gemeinde Merzenich",
        "Bescheid",
    ]
    assert texts(tree, f"{DOKUMENT}/x:Identifikation/x:NummerImUebergeordnetenContainer") == [
        "1",
        "2",
        "3",
        "4",
    ]
    primary = f"{DOKUMENT}/x:Version/x:Format/x:Primaerdokument"
    assert texts(tree, f"{primary}/x:Dateiname") == [
        "00000000-0000-0000-0000-00000d0c0001_1_Bauantrag_Formular.pdf",
        "00000000-0000-0000-0000-00000d0c0002_1_Lageplan.png",
        "00000000-0000-0000-0000-00000d0c0002_2_Lageplan_korrigiert.png",
        "00000000-0000-0000-0000-00000d0c0003_1_Stellungnahme_Merzenich.pdf",
        "00000000-0000-0000-0000-00000d0c0004_1_Bescheid.pdf",
    ]
    assert texts(tree, f"{primary}/x:DateinameOriginal") == [
        "Bauantrag Formular.pdf",
        "Lageplan.png",
        "Lageplan (korrigiert).png",
        "Stellungnahme_Merzenich.pdf",
        "Bescheid.pdf",
    ]
    assert texts(tree, f"{DOKUMENT}/x:Version/x:Nummer") == ["1", "1", "2", "1", "1"]
    assert texts(tree, f"{DOKUMENT}/x:Version/x:Format/x:Name/code") == [
        "018",
        "019",
        "019",
        "018",
        "018",
    ]
    assert texts(tree, f"{DOKUMENT}/x:Version/x:Format/x:Version") == ["1.7", "1.7", "2.0"]


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("disposal", "code"), [("archive", "A"), ("destroy", "V"), ("appraise", "B")]
)
def test_the_disposal_is_the_aussonderungsart(schema: Any, disposal: str, code: str) -> None:
    tree = parse(aussonderung_xml(**build([baugenehmigung(disposal=disposal)])))
    schema.assertValid(tree)
    art = f"{AKTE}/x:ArchivspezifischeMetadaten/x:Aussonderungsart/x:Aussonderungsart"
    assert texts(tree, f"{art}/code") == [code]
    assert tree.xpath(f"{art}/@listURI", namespaces=NS) == [
        "urn:xoev-de:xdomea:codeliste:aussonderungsart"
    ]
    assert tree.xpath(f"{art}/@listVersionID", namespaces=NS) == ["1.0"]


@pytest.mark.shared_data
def test_file_formats_come_from_the_code_list(schema: Any) -> None:
    formats = document(
        9,
        "Anlagen",
        version(1, "Foto.jpeg", "image/jpeg", b"\xff\xd8\xff\xe0jpeg"),
        version(2, "Foto.jpg", "image/jpeg", b"\xff\xd8\xff\xe0jpg"),
        version(3, "Notiz.txt", "text/plain; charset=utf-8", b"Ortstermin am 3. Februar"),
        version(4, "Pläne.zip", "application/zip", b"PK\x05\x06" + bytes(18)),
        version(5, "ohne Endung", "application/pdf", pdf("ohne Endung", "1.4")),
    )
    tree = parse(aussonderung_xml(**build([baugenehmigung(documents=(formats,))])))
    schema.assertValid(tree)
    fmt = f"{DOKUMENT}/x:Version/x:Format"
    assert texts(tree, f"{fmt}/x:Name/code") == ["010", "011", "045", "100", "018"]
    assert set(tree.xpath(f"{fmt}/x:Name/@listVersionID", namespaces=NS)) == {"1.0"}
    assert texts(tree, f"{fmt}/x:SonstigerName") == ["application/zip"]
    assert texts(tree, f"{fmt}/x:Version") == ["1.4"]
    assert texts(tree, f"{fmt}/x:Primaerdokument/x:Dateiname")[3:] == [
        "00000000-0000-0000-0000-00000d0c0009_4_Plaene.zip",
        "00000000-0000-0000-0000-00000d0c0009_5_ohne_Endung.pdf",
    ]


def test_every_version_carries_its_sha256() -> None:
    file = baugenehmigung()
    tree = parse(aussonderung_xml(**build([file])))
    extension = f"{DOKUMENT}/x:AnwendungsspezifischeErweiterung"
    names = texts(tree, f"{extension}/x:Feld/x:Name")
    values = texts(tree, f"{extension}/x:Feld/x:Wert")
    expected = [v.sha256 for d in file.documents for v in d.versions]
    assert values == expected
    assert names == texts(tree, f"{DOKUMENT}/x:Version/x:Format/x:Primaerdokument/x:Dateiname")


@pytest.mark.shared_data
def test_two_files_in_one_message_validate(schema: Any) -> None:
    second = baugenehmigung(
        id=uuid.UUID("0b6f1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f"),
        file_number="63/622-2026/00018",
        title="Baugenehmigung beantragen – VB-2026-9PLM-A2QR",
        disposal="appraise",
        documents=(
            document(5, "Bauantrag", version(1, "Antrag.pdf", "application/pdf", pdf("zwei"))),
        ),
    )
    arguments = build([baugenehmigung(), second])
    tree = parse(aussonderung_xml(**arguments))
    schema.assertValid(tree)
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Kennzeichen") == [
        "63/622-2026/00017",
        "63/622-2026/00018",
    ]
    assert texts(
        tree, f"{AKTE}/x:ArchivspezifischeMetadaten/x:Aussonderungsart/x:Aussonderungsart/code"
    ) == ["A", "B"]
    assert len(entries(aussonderung_package(**arguments))) == 1 + 5 + 1


@pytest.mark.shared_data
def test_a_file_without_documents_is_allowed(schema: Any) -> None:
    # The XSD allows an Akte without Akteninhalt: the metadata alone may be archival.
    arguments = build([baugenehmigung(documents=())])
    tree = parse(aussonderung_xml(**arguments))
    schema.assertValid(tree)
    assert tree.xpath(f"{AKTE}/x:Akteninhalt", namespaces=NS) == []
    assert list(entries(aussonderung_package(**arguments))) == [message_name(PROCESS_ID)]


@pytest.mark.shared_data
def test_umlauts_and_markup_characters_survive(schema: Any) -> None:
    title = "Garage & Carport <Änderung> – Straße"
    filename = "Grundriß <EG> & Keller – Übersicht.pdf"
    special = document(6, title, version(1, filename, "application/pdf", pdf("Sonderzeichen")))
    file = baugenehmigung(title="Bauvoranfrage „Müßiggang“ & <Ausbau>", documents=(special,))
    arguments = build(
        [file], sender=Party("Gemeinde Merzenich", "Bauamt & Planung", "053580032032")
    )
    xml = aussonderung_xml(**arguments)
    assert b"&lt;" in xml
    assert b"&amp;" in xml
    assert "Straße".encode() in xml  # UTF-8, not character references
    tree = parse(xml)
    schema.assertValid(tree)
    assert texts(tree, f"{AKTE}/x:AllgemeineMetadaten/x:Betreff") == [
        "Bauvoranfrage „Müßiggang“ & <Ausbau>"
    ]
    assert texts(tree, f"{DOKUMENT}/x:AllgemeineMetadaten/x:Betreff") == [title]
    assert texts(tree, f"{DOKUMENT}//x:DateinameOriginal") == [filename]
    assert texts(tree, f"{ROOT}/x:Kopf/x:Absender/x:Organisationseinheit/x:Name") == [
        "Bauamt & Planung"
    ]
    (name,) = texts(tree, f"{DOKUMENT}//x:Dateiname")
    assert name == "00000000-0000-0000-0000-00000d0c0006_1_Grundriss_EG_Keller_Uebersicht.pdf"
    assert name in entries(aussonderung_package(**arguments))


# -- the package --------------------------------------------------------------------------


def test_the_package_holds_the_message_and_every_version() -> None:
    file = baugenehmigung()
    arguments = build([file])
    content = entries(aussonderung_package(**arguments))
    tree = parse(content[message_name(PROCESS_ID)])
    names = texts(tree, f"{DOKUMENT}/x:Version/x:Format/x:Primaerdokument/x:Dateiname")

    assert list(content) == [message_name(PROCESS_ID), *sorted(names)]
    assert content[message_name(PROCESS_ID)] == aussonderung_xml(**arguments)
    versions = [v for d in file.documents for v in d.versions]
    assert len(names) == len(versions) == 5
    for name, v in zip(names, versions, strict=True):
        assert content[name] == v.content
        assert hashlib.sha256(content[name]).hexdigest() == v.sha256


def test_package_and_message_names() -> None:
    assert package_name(PROCESS_ID) == f"{PROCESS_ID}_Aussonderung.Aussonderung.0503.zip"
    assert message_name(PROCESS_ID) == f"{PROCESS_ID}_Aussonderung.Aussonderung.0503.xml"


@pytest.mark.parametrize(
    ("original", "safe"),
    [
        ("../../etc/passwd", "etc_passwd.txt"),
        ("a/b\\c.pdf", "a_b_c.pdf"),
        ("C:\\Users\\Anna\\Bauplan.PDF", "C_Users_Anna_Bauplan.pdf"),
        ("..", "datei.txt"),
        ("", "datei.txt"),
        ("...pdf", "pdf.txt"),
        ("Größe   ß.txt", "Groesse_ss.txt"),
        ("Café.txt", "Cafe.txt"),
        ("Ⅻ 東京.txt", "XII.txt"),
        ("x" * 300 + ".txt", "x" * 80 + ".txt"),
    ],
)
def test_file_names_in_the_package_are_safe(original: str, safe: str) -> None:
    unsafe = document(7, "Notiz", version(1, original, "text/plain", b"Notiz"))
    content = entries(aussonderung_package(**build([baugenehmigung(documents=(unsafe,))])))
    (name,) = (n for n in content if n != message_name(PROCESS_ID))
    assert name == f"{unsafe.id}_1_{safe}"
    assert SAFE_ZIP_NAME.fullmatch(name)
    assert ".." not in name
    assert name.isascii()


def test_equal_original_names_stay_unique() -> None:
    scans = tuple(
        document(10 + i, f"Nachweis {i}", version(1, "scan.pdf", "application/pdf", pdf(str(i))))
        for i in range(3)
    )
    twice = document(
        20,
        "Ansicht",
        version(1, "Ansicht.png", "image/png", png(1)),
        version(2, "Ansicht.png", "image/png", png(2)),
    )
    content = entries(aussonderung_package(**build([baugenehmigung(documents=(*scans, twice))])))
    primary = [n for n in content if n != message_name(PROCESS_ID)]
    assert len(primary) == len(set(primary)) == 5
    assert all(SAFE_ZIP_NAME.fullmatch(n) for n in primary)
    assert {content[n] for n in primary} == {
        pdf("0"),
        pdf("1"),
        pdf("2"),
        png(1),
        png(2),
    }


def test_equal_input_gives_identical_bytes() -> None:
    assert aussonderung_xml(**build()) == aussonderung_xml(**build())
    package = aussonderung_package(**build())
    assert package == aussonderung_package(**build())
    # The same instant in another zone is the same input.
    berlin = CREATED_AT.astimezone(timezone(timedelta(hours=1)))
    assert aussonderung_package(**build(created_at=berlin)) == package
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {(2056, 1, 15, 10, 30, 4)}  # ZIP keeps even seconds


def test_the_order_of_versions_in_the_input_does_not_matter() -> None:
    file = baugenehmigung()
    lageplan = file.documents[1]
    swapped = dataclasses.replace(lageplan, versions=lageplan.versions[::-1])
    reordered = dataclasses.replace(
        file, documents=(file.documents[0], swapped, *file.documents[2:])
    )
    assert aussonderung_package(**build([reordered])) == aussonderung_package(**build([file]))


# -- bad input --------------------------------------------------------------------------


def _without_versions() -> dict[str, Any]:
    empty = Document(uuid.UUID(int=99), "Leer", CREATED_AT, ())
    return build([baugenehmigung(documents=(empty,))])


def _with_version(**changes: Any) -> dict[str, Any]:
    good = version(1, "a.pdf", "application/pdf", pdf("a"))
    bad = dataclasses.replace(good, **changes)
    return build([baugenehmigung(documents=(document(8, "Anlage", bad),))])


def _twice(*versions: DocumentVersion) -> dict[str, Any]:
    return build([baugenehmigung(documents=(document(8, "Anlage", *versions),))])


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(_without_versions(), "has no versions", id="document-without-versions"),
        pytest.param(
            build([baugenehmigung(disposal="shred")]),
            "unknown disposal 'shred'; expected one of appraise, archive, destroy",
            id="unknown-disposal",
        ),
        pytest.param(build([]), "at least one file", id="no-files"),
        pytest.param(
            build(created_at=datetime(2056, 1, 15, 10, 30)),
            "created_at must be an aware datetime",
            id="naive-created-at",
        ),
        pytest.param(
            _with_version(created_at=datetime(2026, 1, 12, 9, 15)),
            "created_at must be an aware datetime",
            id="naive-version",
        ),
        pytest.param(
            _with_version(content=b"changed"), "does not match its sha256", id="sha256-mismatch"
        ),
        pytest.param(_with_version(sha256="abc"), "is not 64 hex digits", id="sha256-not-hex"),
        pytest.param(
            _with_version(number=0), "version numbers start at 1", id="version-number-zero"
        ),
        pytest.param(
            _twice(
                version(1, "a.pdf", "application/pdf", pdf("a")),
                version(1, "b.pdf", "application/pdf", pdf("b")),
            ),
            "duplicate version numbers",
            id="duplicate-version-numbers",
        ),
        pytest.param(
            build([baugenehmigung(), baugenehmigung(file_number="63/622-2026/00099")]),
            "already used in this message",
            id="duplicate-ids",
        ),
        pytest.param(
            build([baugenehmigung(opened_on=date(2026, 5, 1))]),
            "closed on 2026-04-30 before it was opened on 2026-05-01",
            id="closed-before-opened",
        ),
        pytest.param(
            build([baugenehmigung(retention_years=-1)]),
            "retention_years -1",
            id="negative-retention",
        ),
        pytest.param(build([baugenehmigung(file_number=" ")]), "file number", id="no-file-number"),
        pytest.param(
            build([baugenehmigung(title="Bau\x0bantrag")]),
            "contains U\\+000B",
            id="control-character",
        ),
        pytest.param(
            build(sender=Party("Kreis Düren", ars="053580")),
            "is not a Regionalschlüssel",
            id="bad-ars",
        ),
        pytest.param(build(recipient=Party("")), "Recipient institution", id="no-recipient"),
    ],
)
def test_bad_input_is_refused(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        aussonderung_xml(**arguments)
    with pytest.raises(ValueError, match=message):
        aussonderung_package(**arguments)
