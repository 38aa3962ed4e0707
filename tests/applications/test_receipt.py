"""The receipt (Eingangsbestätigung) PDF: its content, its escaping, no network, the download."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import socket
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import AdoptionFactory, AuthorityFactory, OfficeFactory, ServiceFactory
from verbund.applications.links import status_token
from verbund.applications.models import Attachment, Submission, SubmissionStatus
from verbund.applications.receipt import receipt_html, render_receipt
from verbund.authorities.models import Authority
from verbund.catalogue.models import Level
from verbund.core import pdf as core_pdf
from verbund.core.pdf import html_to_pdf
from verbund.formengine.engine import definition_digest
from verbund.formengine.models import FormVersion

pytestmark = pytest.mark.django_db

REFERENCE = "VB-2026-7KQ2-M4XZ"
SCRIPT = "<script>alert(1)</script><b>fett</b>"
IMG = '<img src="http://127.0.0.1:9/x.png">'

DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "Name des Pferdes", "maxLength": 100},
            "erstausgabe": {"type": "boolean", "title": "Ist es das erste Kennzeichen?"},
            "termin": {"type": "string", "format": "date", "title": "Gewünschter Termin"},
            "betrag": {"type": "string", "format": "money", "title": "Versicherungsprämie"},
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "bemerkung": {"type": "string", "x-kind": "textarea", "title": "Bemerkung"},
            "nachweis": {
                "type": "array",
                "x-kind": "file",
                "title": "Nachweis der Versicherung",
                "maxItems": 2,
            },
        },
        "required": ["name", "erstausgabe", "termin", "betrag", "anschrift", "nachweis"],
    },
    "steps": [
        {"key": "pferd", "title": "Ihr Pferd", "fields": ["name", "erstausgabe"]},
        {"key": "termin", "title": "Termin und Prämie", "fields": ["termin", "betrag"]},
        {"key": "person", "title": "Angaben zu Ihnen", "fields": ["anschrift", "bemerkung"]},
        {"key": "nachweis", "title": "Nachweise", "fields": ["nachweis"]},
    ],
    "fees": [
        {"label": "Erstausgabe", "amount": "25.00"},
        {"label": "Plakette", "amount": "12.00"},
    ],
}

FILES = (
    ("Versicherung.pdf", "application/pdf", b"%PDF-1.4\n% Versicherungsnachweis\n%%EOF\n"),
    ("Foto vom Pferd.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048),
)


@dataclass
class Receipt:
    submission: Submission
    attachments: list[Attachment]
    responsible: Authority
    processing: Authority


def _answers(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Blitz",
        "erstausgabe": True,
        "termin": "2026-11-22",
        "betrag": "16.80",
        "anschrift": {
            "strasse": "Valdersweg",
            "hausnummer": "1",
            "plz": "52399",
            "ort": "Merzenich",
        },
        "bemerkung": "Bitte morgens.",
        **overrides,
    }


@pytest.fixture
def made() -> Receipt:
    place = AuthorityFactory(name="Merzenich")
    responsible = AuthorityFactory(kreis=True, name="Kreis Düren")
    processing = AuthorityFactory(name="Gemeinde Niederzier")
    service = ServiceFactory(
        builder=responsible, level=Level.KREIS, title="Reitkennzeichen beantragen"
    )
    version = FormVersion.objects.create(
        service=service,
        authority=responsible,
        number=3,
        definition=DEFINITION,
        digest=definition_digest(DEFINITION),
        published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    )
    submission = Submission.objects.create(
        reference=REFERENCE,
        submit_key=uuid.uuid4(),
        service=service,
        version=version,
        place=place,
        responsible=responsible,
        authority=processing,
        answers=_answers(),
        fee_lines=[
            {"label": "Erstausgabe", "amount": "25.00", "quantity": 1, "total": "25.00"},
            {"label": "Plakette", "amount": "12.00", "quantity": 2, "total": "24.00"},
        ],
        fee_total=Decimal("49.00"),
        status=SubmissionStatus.AWAITING_PAYMENT,
        status_salt="0123456789abcdef0123456789abcdef",
        email="anna@example.de",
        applicant_name="Anna Schmidt",
        language="de",
        # 09:30 UTC is 10:30 in Berlin (winter time).
        submitted_at=dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC),
    )
    attachments = []
    for index, (name, content_type, data) in enumerate(FILES):
        attachment = Attachment(
            submission=submission,
            authority=responsible,
            field="nachweis",
            filename=name,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            created_at=dt.datetime(2026, 11, 20, 9, 20 + index, tzinfo=dt.UTC),
        )
        attachment.file.save(name, ContentFile(data))
        attachments.append(attachment)
    submission.answers = {**submission.answers, "nachweis": [str(a.pk) for a in attachments]}
    submission.save(update_fields=["answers"])
    return Receipt(submission, attachments, responsible, processing)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squeezed(text: str) -> str:
    """Without any whitespace: a checksum wrapped over two lines reads whole again."""
    return re.sub(r"\s+", "", text)


def one_line(text: str) -> str:
    """Every run of whitespace as one space: a wrapped line's break reads as a space."""
    return re.sub(r"\s+", " ", text)


def test_the_receipt_is_a_pdf_with_every_fact(made: Receipt) -> None:
    data = render_receipt(made.submission)
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Eingangsbestätigung" in text
    assert REFERENCE in text
    assert "Reitkennzeichen beantragen" in text
    assert "20.11.2026 10:30" in text  # Europe/Berlin
    assert "Merzenich" in text
    assert "Kreis Düren" in text
    assert "Gemeinde Niederzier (im Auftrag von Kreis Düren)" in text
    assert "Formularversion 3" in text


def test_the_receipt_names_the_responsible_office_with_its_address(made: Receipt) -> None:
    # Without an adoption the register knows only the authority's postcode and seat.
    text = pdf_text(render_receipt(made.submission))
    assert "Kreis Düren\n99999" not in text
    Authority.objects.filter(pk=made.responsible.pk).update(seat="Düren", postcode="52351")
    made.submission.refresh_from_db()
    lines = pdf_text(render_receipt(made.submission)).splitlines()
    assert lines[lines.index("Zuständig Kreis Düren") + 1] == "52351 Düren"

    # The office of the adoption running on the day of submission is where to turn.
    office = OfficeFactory(
        authority=made.responsible,
        name="Untere Naturschutzbehörde",
        street="Bismarckstraße 16",
        postcode="52351",
        city="Düren",
    )
    AdoptionFactory(
        service=made.submission.service,
        authority=made.responsible,
        office=office,
        started_on=dt.date(2026, 1, 1),
    )
    AdoptionFactory(  # ended before the submission: not this one
        service=made.submission.service,
        authority=made.responsible,
        office=OfficeFactory(authority=made.responsible, name="Altes Amt"),
        started_on=dt.date(2024, 1, 1),
        ended_on=dt.date(2025, 12, 31),
    )
    lines = pdf_text(render_receipt(made.submission)).splitlines()
    at = lines.index("Zuständig Kreis Düren")
    assert lines[at + 1 : at + 4] == [
        "Untere Naturschutzbehörde",
        "Bismarckstraße 16",
        "52351 Düren",
    ]
    assert "Altes Amt" not in "\n".join(lines)


def test_a_single_fee_stays_on_the_first_page_of_a_long_receipt(made: Receipt) -> None:
    # Long answers push the receipt onto further pages; the fee is read on the first.
    long_remark = "\n".join(f"Zeile {n} der Bemerkung" for n in range(1, 61))
    made.submission.answers = {**made.submission.answers, "bemerkung": long_remark}
    made.submission.fee_lines = [
        {"label": "Außerbetriebsetzung", "amount": "26.40", "quantity": 1, "total": "26.40"}
    ]
    made.submission.fee_total = Decimal("26.40")
    made.submission.save()
    pages = [
        p.extract_text() or "" for p in PdfReader(io.BytesIO(render_receipt(made.submission))).pages
    ]
    assert len(pages) >= 2
    first = pages[0]
    assert "Gebühren" in first
    assert "Außerbetriebsetzung" in first
    assert "Summe" in first
    assert first.count("26,40 €") == 2  # the line and the sum
    assert "Zahlung: noch nicht bezahlt" in first
    for later in pages[1:]:
        assert "Summe" not in later
        assert "Außerbetriebsetzung" not in later


def test_every_page_has_the_footer_and_its_number(made: Receipt) -> None:
    reader = PdfReader(io.BytesIO(render_receipt(made.submission)))
    total = len(reader.pages)
    assert total >= 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Seite {number} von {total}" in text
        assert "Erstellt von Verbund am" in text


def test_the_pdf_title_names_the_reference(made: Receipt) -> None:
    reader = PdfReader(io.BytesIO(render_receipt(made.submission)))
    assert reader.metadata is not None
    assert reader.metadata.title == f"Eingangsbestätigung {REFERENCE}"
    # A tagged PDF in the submission's language, for screen readers.
    assert reader.root_object["/Lang"] == "de"
    assert "/StructTreeRoot" in reader.root_object


def test_every_answer_is_shown_by_step(made: Receipt) -> None:
    text = pdf_text(render_receipt(made.submission))
    for heading in ("Ihr Pferd", "Termin und Prämie", "Angaben zu Ihnen", "Nachweise"):
        assert heading in text
    assert "Blitz" in text
    assert "Ja" in text
    assert "22.11.2026" in text
    assert "16,80 €" in text
    assert "Valdersweg 1, 52399 Merzenich" in text
    assert "Bitte morgens." in text
    # The upload question shows the file names, not the ids.
    assert "Versicherung.pdf, Foto vom Pferd.png" in one_line(text)
    assert str(made.attachments[0].pk) not in text


def test_every_attachment_is_listed_with_its_checksum(made: Receipt) -> None:
    text = pdf_text(render_receipt(made.submission))
    for attachment in made.attachments:
        assert len(attachment.sha256) == 64
        assert attachment.sha256 in squeezed(text)
        assert attachment.filename in one_line(text)
    assert "PDF" in text
    assert "PNG" in text
    assert "Prüfsumme (SHA-256)" in text


def test_the_fees_their_sum_and_the_payment_state(made: Receipt) -> None:
    text = pdf_text(render_receipt(made.submission))
    assert "Erstausgabe" in text
    assert "25,00 €" in text
    assert "Plakette (2 × 12,00 €)" in text
    assert "24,00 €" in text
    assert "49,00 €" in text
    assert "noch nicht bezahlt" in text

    made.submission.paid_at = dt.datetime(2026, 11, 21, 13, 5, tzinfo=dt.UTC)
    made.submission.status = SubmissionStatus.SUBMITTED
    made.submission.save()
    text = pdf_text(render_receipt(made.submission))
    assert "bezahlt am 21.11.2026 14:05" in text
    assert "noch nicht bezahlt" not in text


def test_no_processing_note_when_the_responsible_authority_processes(made: Receipt) -> None:
    made.submission.authority = made.responsible
    made.submission.save()
    text = pdf_text(render_receipt(made.submission))
    assert "Kreis Düren" in text
    assert "im Auftrag von" not in text
    assert "Gemeinde Niederzier" not in text


def test_no_fee_section_without_fees(made: Receipt) -> None:
    made.submission.fee_lines = []
    made.submission.fee_total = Decimal("0")
    made.submission.save()
    text = pdf_text(render_receipt(made.submission))
    assert REFERENCE in text
    assert "Summe" not in text
    assert "bezahlt" not in text


def test_answers_are_escaped_text_never_markup(made: Receipt) -> None:
    made.submission.answers = {**made.submission.answers, "name": SCRIPT, "bemerkung": IMG}
    made.submission.save()
    html = receipt_html(made.submission)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;" in html
    assert "<img" not in html
    text = pdf_text(render_receipt(made.submission))
    assert "<script>alert(1)</script>" in text
    assert "<b>fett</b>" in text
    assert '<img src="http://127.0.0.1:9/x.png">' in one_line(text)


@pytest.fixture
def fetch_spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs WeasyPrint asked for; any socket connection fails the test."""
    asked: list[str] = []
    refuse = core_pdf.RefusingURLFetcher.fetch

    def spy(self: core_pdf.RefusingURLFetcher, url: str, headers: Any = None) -> Any:
        asked.append(url)
        return refuse(self, url, headers)

    def no_connect(self: socket.socket, address: Any) -> None:
        raise AssertionError(f"network access to {address!r}")

    monkeypatch.setattr(core_pdf.RefusingURLFetcher, "fetch", spy)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    return asked


def test_an_answer_with_an_image_tag_fetches_nothing(made: Receipt, fetch_spy: list[str]) -> None:
    made.submission.answers = {**made.submission.answers, "bemerkung": IMG}
    made.submission.save()
    data = render_receipt(made.submission)
    assert fetch_spy == []
    assert IMG in one_line(pdf_text(data))


def test_the_fetcher_refuses_every_url(fetch_spy: list[str]) -> None:
    # Markup that reached the HTML anyway: every URL goes to the fetcher, which refuses it.
    html = (
        "<html><head><title>t</title>"
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<style>@import url("https://example.org/a.css");</style></head>'
        '<body><p>Text</p><img src="http://127.0.0.1:9/x.png" alt="x">'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="y"></body></html>'
    )
    data = html_to_pdf(html)
    assert data.startswith(b"%PDF-")
    assert "http://127.0.0.1:9/x.png" in fetch_spy
    assert "https://example.org/a.css" in fetch_spy
    assert "file:///etc/passwd" in fetch_spy
    with pytest.raises(ValueError, match="no external resources"):
        core_pdf.RefusingURLFetcher().fetch("data:text/plain,x")


def test_the_english_receipt_renders(made: Receipt) -> None:
    made.submission.language = "en"
    made.submission.save()
    data = render_receipt(made.submission)
    reader = PdfReader(io.BytesIO(data))
    assert REFERENCE in pdf_text(data)
    assert reader.metadata is not None
    assert REFERENCE in str(reader.metadata.title)
    assert reader.root_object["/Lang"] == "en"


def test_an_unknown_language_falls_back_to_german(made: Receipt) -> None:
    made.submission.language = "xx"
    made.submission.save()
    text = pdf_text(render_receipt(made.submission))
    assert "Eingangsbestätigung" in text
    assert "20.11.2026 10:30" in text


def test_rendering_leaves_the_active_language_alone(made: Receipt) -> None:
    from django.utils import translation

    made.submission.language = "en"
    made.submission.save()
    render_receipt(made.submission)
    assert translation.get_language() == "de"


# --- the download ------------------------------------------------------------------------


def receipt_url(submission: Submission, token: str | None = None) -> str:
    return reverse(
        "applications:receipt",
        kwargs={"reference": submission.reference, "token": token or status_token(submission)},
    )


def test_the_status_link_downloads_the_receipt(client: Client, made: Receipt) -> None:
    response = client.get(receipt_url(made.submission))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert f'filename="{REFERENCE}.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    assert REFERENCE in pdf_text(response.content)


def test_a_wrong_token_finds_no_receipt(client: Client, made: Receipt) -> None:
    token = status_token(made.submission)
    wrong = ("0" if token[0] != "0" else "1") + token[1:]
    assert client.get(receipt_url(made.submission, wrong)).status_code == 404
    assert client.get(receipt_url(made.submission, "x")).status_code == 404
