"""Upload checking: type from content, size, empty files, names and the ClamAV scan."""

from __future__ import annotations

import hashlib
import io
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from django.utils import translation
from PIL import Image

from tests.core.test_clamd import EICAR, FakeClamd, start_fake_clamd, stop_fake_clamd
from verbund.core.uploads import (
    DEFAULT_ACCEPT,
    KNOWN_TYPES,
    CheckedUpload,
    UploadRejected,
    format_size,
    inspect_upload,
    max_upload_bytes,
    sanitize_filename,
    type_label,
)

MB = 1024 * 1024
LIMIT = 10 * MB
SCANNER_DOWN = (
    "Die Datei konnte gerade nicht auf Viren geprüft werden. "
    "Bitte versuchen Sie es in einigen Minuten erneut."
)


# --- test files, built in code ---------------------------------------------------


def make_pdf(comment: bytes = b"") -> bytes:
    """A minimal valid one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if comment:
        out += b"% " + comment + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_image(fmt: str, mode: str = "RGB", size: tuple[int, int] = (40, 30)) -> bytes:
    image = Image.new(mode, size)
    # Some structure, so that the encoded data is not trivially short.
    for x in range(size[0]):
        for y in range(size[1]):
            value = (x * 7 + y * 13) % 256
            image.putpixel((x, y), value if mode in ("L", "1") else (value,) * len(mode))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


PDF = make_pdf()
PNG = make_image("PNG")
JPEG = make_image("JPEG")
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> UploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def rejected(uploaded: UploadedFile, **kwargs: Any) -> UploadRejected:
    kwargs.setdefault("max_bytes", LIMIT)
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(uploaded, **kwargs)
    return caught.value


@pytest.fixture
def fake_clamd(tmp_path: Path) -> Iterator[FakeClamd]:
    fake, servers = start_fake_clamd(tmp_path)
    yield fake
    stop_fake_clamd(servers)


# --- accepted files ----------------------------------------------------------------


def test_the_pdf_helper_makes_a_readable_pdf() -> None:
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(io.BytesIO(PDF)).pages) == 1


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Bescheid.pdf", PDF, "application/pdf"),
        ("Foto.png", PNG, "image/png"),
        ("Foto.jpg", JPEG, "image/jpeg"),
        ("grau.jpg", make_image("JPEG", "L"), "image/jpeg"),
        ("druck.jpg", make_image("JPEG", "CMYK"), "image/jpeg"),
    ],
)
def test_accepted(name: str, content: bytes, content_type: str) -> None:
    uploaded = upload(name, content, "application/octet-stream")
    checked = inspect_upload(uploaded, max_bytes=LIMIT)
    assert checked == CheckedUpload(
        filename=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    # Rewound for the caller to save.
    assert uploaded.tell() == 0
    assert uploaded.read() == content


def test_type_comes_from_the_content_not_the_name_or_the_browser() -> None:
    checked = inspect_upload(upload("scan.pdf", PNG, "application/pdf"), max_bytes=LIMIT)
    assert checked.content_type == "image/png"
    assert checked.filename == "scan.pdf"


def test_file_on_disk(settings: Any, tmp_path: Path) -> None:
    # Larger uploads reach the view as TemporaryUploadedFile.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    content = make_pdf(comment=b"x" * 300_000)
    uploaded = TemporaryUploadedFile("gross.pdf", "application/pdf", len(content), None)
    with uploaded:
        uploaded.write(content)
        uploaded.flush()
        checked = inspect_upload(uploaded, max_bytes=LIMIT)
        assert checked.size == len(content)
        assert checked.sha256 == hashlib.sha256(content).hexdigest()
        assert uploaded.tell() == 0


def test_pdf_with_incremental_update_and_trailing_newlines() -> None:
    content = PDF + b"% appended later\n%%EOF\r\n\r\n"
    assert inspect_upload(upload("a.pdf", content), max_bytes=LIMIT).content_type == (
        "application/pdf"
    )


def test_accept_aliases_and_other_known_types() -> None:
    gif = make_image("GIF", "L")
    checked = inspect_upload(
        upload("a.gif", gif, "image/gif"), accept=["image/gif", "image/jpg"], max_bytes=LIMIT
    )
    assert checked.content_type == "image/gif"
    tiff = make_image("TIFF")
    checked = inspect_upload(upload("a.tif", tiff), accept=["image/tiff"], max_bytes=LIMIT)
    assert checked.content_type == "image/tiff"


def test_accept_must_name_known_types() -> None:
    assert set(DEFAULT_ACCEPT) <= KNOWN_TYPES
    assert {"image/heic", "image/tiff", "image/jpg"} <= KNOWN_TYPES
    assert "text/plain" not in KNOWN_TYPES
    with pytest.raises(ValueError, match="text/plain"):
        inspect_upload(upload("a.txt", b"x"), accept=["text/plain"], max_bytes=LIMIT)
    with pytest.raises(ValueError, match="no type"):
        inspect_upload(upload("a.pdf", PDF), accept=[], max_bytes=LIMIT)
    with pytest.raises(TypeError):
        inspect_upload(upload("a.pdf", PDF), accept="application/pdf", max_bytes=LIMIT)


# --- wrong types -------------------------------------------------------------------


def test_html_named_pdf() -> None:
    error = rejected(upload("scan.pdf", HTML))
    assert error.code == "type"
    assert error.message == (
        "„scan.pdf“ ist keine PDF-Datei, kein PNG- und kein JPEG-Bild. "
        "Erlaubt sind: PDF, PNG, JPEG."
    )
    assert str(error) == error.message


def test_exe_named_pdf() -> None:
    error = rejected(upload("Rechnung.pdf", EXE))
    assert error.code == "type"
    assert error.message.startswith("„Rechnung.pdf“ ist keine PDF-Datei,")


def test_png_named_pdf_when_only_pdf_is_accepted() -> None:
    error = rejected(upload("bild.pdf", PNG), accept=["application/pdf"])
    assert error.code == "type"
    assert (
        error.message == "„bild.pdf“ ist keine PDF-Datei, sondern ein PNG-Bild. Erlaubt ist: PDF."
    )


def test_images_only() -> None:
    error = rejected(upload("antrag.png", PDF), accept=["image/png", "image/jpeg"])
    assert error.message == (
        "„antrag.png“ ist kein PNG- und kein JPEG-Bild, sondern eine PDF-Datei. "
        "Erlaubt sind: PNG, JPEG."
    )


def test_text_file() -> None:
    error = rejected(upload("notiz.pdf", "Nur ein Text. Äöü".encode()))
    assert error.code == "type"


def test_pdf_signature_must_be_at_the_start() -> None:
    error = rejected(upload("a.pdf", b"\n" + PDF))
    assert error.code == "type"


# --- damaged files -----------------------------------------------------------------


def test_truncated_png() -> None:
    error = rejected(upload("foto.png", PNG[: len(PNG) // 2]))
    assert error.code == "damaged"
    assert error.message == (
        "„foto.png“ lässt sich nicht als PNG öffnen; die Datei ist beschädigt oder unvollständig."
    )


def test_png_without_its_end() -> None:
    assert rejected(upload("foto.png", PNG[:-12])).code == "damaged"


def test_truncated_jpeg() -> None:
    big = make_image("JPEG", size=(300, 200))
    error = rejected(upload("foto.jpg", big[: len(big) // 2]))
    assert error.code == "damaged"
    assert "als JPEG öffnen" in error.message


def test_pdf_without_end_marker() -> None:
    error = rejected(upload("antrag.pdf", PDF[: len(PDF) // 2]))
    assert error.code == "damaged"
    assert error.message == (
        "„antrag.pdf“ lässt sich nicht als PDF öffnen; die Datei ist beschädigt oder unvollständig."
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_too_many_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # the test image has 1200
    error = rejected(upload("scan.png", PNG))
    assert error.code == "too_many_pixels"
    assert error.message.startswith("„scan.png“ hat zu viele Bildpunkte.")


def test_too_many_pixels_where_warnings_are_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert rejected(upload("scan.png", PNG)).code == "too_many_pixels"
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # far beyond: Pillow raises
    assert rejected(upload("scan.png", PNG)).code == "too_many_pixels"


# --- size --------------------------------------------------------------------------


def test_empty_file() -> None:
    error = rejected(upload("leer.pdf", b""))
    assert error.code == "empty"
    assert error.message == "„leer.pdf“ ist leer."


def test_too_large() -> None:
    error = rejected(upload("x.pdf", b"%PDF-1.7\n" + b"\0" * 12_999_991))
    assert error.code == "too_large"
    assert error.message == "„x.pdf“ ist 12,4 MB groß; erlaubt sind höchstens 10 MB."


def test_just_over_the_limit_never_reads_as_the_limit() -> None:
    error = rejected(upload("x.pdf", b"\0" * (LIMIT + 1)))
    assert error.message == "„x.pdf“ ist 10,1 MB groß; erlaubt sind höchstens 10 MB."


def test_exactly_the_limit_is_allowed() -> None:
    content = make_pdf(comment=b"x" * 1000)
    checked = inspect_upload(upload("a.pdf", content), max_bytes=len(content))
    assert checked.size == len(content)


class _Unreadable(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        raise AssertionError("the content was read")


def test_size_is_checked_before_reading() -> None:
    uploaded = InMemoryUploadedFile(
        _Unreadable(b""), "file", "gross.pdf", "application/pdf", 20 * MB, None
    )
    assert rejected(uploaded).code == "too_large"


def test_wrong_declared_size_is_caught_while_reading() -> None:
    content = b"%PDF-1.7\n" + b"\0" * 5000
    uploaded = InMemoryUploadedFile(
        io.BytesIO(content), "file", "a.pdf", "application/pdf", 10, None
    )
    error = rejected(uploaded, max_bytes=1000)
    assert error.code == "too_large"


def test_max_upload_bytes(settings: Any) -> None:
    settings.VERBUND_UPLOAD_MAX_MB = 10
    assert max_upload_bytes() == LIMIT
    with translation.override("de"):
        assert format_size(max_upload_bytes()) == "10 MB"


def test_format_size() -> None:
    with translation.override("de"):
        assert format_size(13_000_000, round_up=True) == "12,4 MB"
        assert format_size(13_000_000) == "12,3 MB"
        assert format_size(850 * 1024) == "850 KB"
        assert format_size(1536) == "1,5 KB"
        assert format_size(500) == "500 Byte"
    with translation.override("en"):
        assert format_size(13_000_000, round_up=True) == "12.4 MB"


def test_type_labels() -> None:
    assert [type_label(t) for t in DEFAULT_ACCEPT] == ["PDF", "PNG", "JPEG"]
    assert type_label("image/heif") == "HEIC"
    assert type_label("image/tiff") == "TIFF"
    assert type_label("image/jpg") == "JPEG"
    assert type_label("application/x-foo") == "FOO"


# --- file names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Bescheid.pdf", "Bescheid.pdf"),
        ("<script>.pdf", "script.pdf"),
        ('a<b>c:d"e|f?g*h.pdf', "abcdefgh.pdf"),
        ("Antrag\x00\x1b für  Müller\t\n.pdf", "Antrag für Müller .pdf"),
        ("Gru\u0308ße.pdf", "Grüße.pdf"),  # decomposed umlaut (macOS) becomes NFC
        ("rechnung\u202efdp.exe", "rechnungfdp.exe"),  # no right-to-left override
        ("  ..Bescheid.pdf.. ", "Bescheid.pdf"),
        ("Straße & Weg (2).pdf", "Straße & Weg (2).pdf"),
        ("", "Datei"),
        (None, "Datei"),
        ("..", "Datei"),
        ("dir/", "Datei"),
        ("<>:|?*", "Datei"),
    ],
)
def test_sanitize_filename(raw: str | None, clean: str) -> None:
    assert sanitize_filename(raw) == clean


def test_long_name_keeps_its_extension() -> None:
    name = sanitize_filename("ä" * 300 + ".pdf")
    assert len(name) == 150
    assert name == "ä" * 146 + ".pdf"


def test_long_name_without_extension() -> None:
    assert sanitize_filename("x" * 300) == "x" * 150
    # A "extension" that is really part of a long name is not kept apart.
    assert sanitize_filename("a." + "b" * 300) == "a." + "b" * 148


def test_inspect_upload_cleans_the_name() -> None:
    assert inspect_upload(upload("../../<i>Antrag<i>.pdf", PDF), max_bytes=LIMIT).filename == (
        "iAntragi.pdf"
    )
    # The slash of "</b>" separates path components like any other.
    assert inspect_upload(upload("<b>Antrag</b>.pdf", PDF), max_bytes=LIMIT).filename == "b.pdf"
    error = rejected(upload("C:\\temp\\<img src=x>.pdf", HTML))
    assert error.message.startswith("„img src=x.pdf“ ist keine PDF-Datei")


# --- virus scan ----------------------------------------------------------------------


@pytest.fixture(params=["tcp", "unix"])
def clamd_on(request: pytest.FixtureRequest, settings: Any, fake_clamd: FakeClamd) -> FakeClamd:
    settings.VERBUND_CLAMD = (
        fake_clamd.tcp_address if request.param == "tcp" else fake_clamd.unix_address
    )
    return fake_clamd


def test_clean_file_is_scanned(clamd_on: FakeClamd) -> None:
    uploaded = upload("Bescheid.pdf", PDF)
    checked = inspect_upload(uploaded, max_bytes=LIMIT)
    assert checked.content_type == "application/pdf"
    assert clamd_on.streams == [PDF]
    assert uploaded.tell() == 0
    assert uploaded.read() == PDF


def test_large_file_is_streamed_in_chunks(clamd_on: FakeClamd) -> None:
    content = make_pdf(comment=b"y" * 500_000)
    inspect_upload(upload("gross.pdf", content), max_bytes=LIMIT)
    assert clamd_on.streams == [content]
    assert max(clamd_on.chunk_sizes[0]) <= 64 * 1024


def test_infected_file(clamd_on: FakeClamd) -> None:
    uploaded = upload("x.pdf", make_pdf(comment=EICAR))
    error = rejected(uploaded)
    assert error.code == "infected"
    assert error.signature == "Eicar-Test-Signature"
    assert error.message == (
        "In „x.pdf“ wurde Schadsoftware gefunden (Eicar-Test-Signature). "
        "Die Datei wurde nicht gespeichert."
    )


def test_wrong_type_is_rejected_before_scanning(clamd_on: FakeClamd) -> None:
    assert rejected(upload("scan.pdf", HTML)).code == "type"
    assert rejected(upload("leer.pdf", b"")).code == "empty"
    assert clamd_on.connections == 0


def test_no_scan_without_setting(settings: Any, fake_clamd: FakeClamd) -> None:
    settings.VERBUND_CLAMD = ""
    inspect_upload(upload("x.pdf", make_pdf(comment=EICAR)), max_bytes=LIMIT)
    assert fake_clamd.connections == 0


def test_scanner_error_fails_closed(clamd_on: FakeClamd) -> None:
    clamd_on.mode = "error"
    error = rejected(upload("x.pdf", PDF))
    assert error.code == "scanner_unavailable"
    assert error.message == SCANNER_DOWN


def test_scanner_size_limit_fails_closed(clamd_on: FakeClamd) -> None:
    clamd_on.max_stream = 1000
    assert rejected(upload("x.pdf", make_pdf(comment=b"z" * 300_000))).message == SCANNER_DOWN


def test_unreachable_scanner_fails_closed(settings: Any, tmp_path: Path) -> None:
    settings.VERBUND_CLAMD = f"unix://{tmp_path}/clamd.ctl"
    assert rejected(upload("x.pdf", PDF)).message == SCANNER_DOWN


def test_silent_scanner_fails_closed(settings: Any, silent_address: str) -> None:
    settings.VERBUND_CLAMD = silent_address
    settings.VERBUND_CLAMD_TIMEOUT = 0.3
    error = rejected(upload("x.pdf", PDF))
    assert error.code == "scanner_unavailable"
    assert error.message == SCANNER_DOWN


@pytest.fixture
def silent_address() -> Iterator[str]:
    """A TCP server that accepts and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # the kernel completes the handshake; nobody reads
    yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_truncated_jpeg_is_refused_after_the_receipt_module_is_loaded() -> None:
    # WeasyPrint switches Pillow to accept truncated images when it is imported.
    import verbund.applications.receipt  # noqa: F401

    big = make_image("JPEG", size=(300, 200))
    assert rejected(upload("foto.jpg", big[: len(big) // 2])).code == "damaged"
