"""The readable view of an invoice beyond its header: references, dates, allowances and
charges, the totals between lines and payable amount, and the embedded attachments
(BG-24) a clerk downloads, each as exactly the bytes the supplier embedded."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.einvoice.conftest import SAMPLE, World
from tests.einvoice.test_inbox import login, receive
from verbund.einvoice import document, validation
from verbund.einvoice.models import InvoiceStatus
from verbund.einvoice.samples import SampleAttachment, cii_invoice, ubl_invoice, zugferd_pdf

CIUS = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "xrechnung-testsuite"
    / "technical-cases"
    / "cius"
)
COMPREHENSIVE = {
    "ubl": CIUS / "01.01_comprehensive_test_ubl.xml",
    "cii": CIUS / "01.01_comprehensive_test_uncefact.xml",
}
needs_testsuite = pytest.mark.skipif(
    not CIUS.is_dir(), reason="the KoSIT testsuite is not beside this checkout"
)

TIMESHEET = SampleAttachment(
    filename="Leistungsnachweis-November.csv",
    mime_code="text/csv",
    content="Datum;Stunden;Tätigkeit\n2026-11-12;2;Wartung\n".encode(),
    description="Stundennachweis der Wartung",
)


def attachment_url(invoice_pk: int, position: int) -> str:
    return reverse(
        "staff:einvoice_attachment", kwargs={"invoice_pk": invoice_pk, "position": position}
    )


@needs_testsuite
@pytest.mark.parametrize("form", ["ubl", "cii"])
def test_the_comprehensive_test_invoice_reads_the_same_in_both_syntaxes(form: str) -> None:
    doc = document.read(validation.read_xml(COMPREHENSIVE[form].read_bytes()))

    assert (doc.project_reference, doc.contract_reference) == ("PR12345678", "0000000752")
    assert (doc.preceding_invoice, doc.preceding_invoice_date) == (
        "PIR1234567890",
        dt.date(2018, 2, 4),
    )
    assert doc.delivery_date == doc.period_start == doc.period_end == dt.date(2018, 4, 13)
    assert (doc.line_total, doc.allowance_total, doc.charge_total) == (
        Decimal("10781.25"),
        Decimal("20"),
        Decimal("20"),
    )
    assert (doc.net_total, doc.tax_total, doc.gross_total, doc.prepaid, doc.amount_due) == (
        Decimal("10781.25"),
        Decimal("2048.44"),
        Decimal("12829.69"),
        Decimal("0"),
        Decimal("12829.69"),
    )
    assert [(a.charge, a.amount, a.reason, a.vat_category) for a in doc.allowances_charges] == [
        (True, Decimal("10"), "Testing", "E"),
        (True, Decimal("10"), "Testing 2", "E"),
        (False, Decimal("10"), "Fixed long term", "E"),
        (False, Decimal("10"), "Fixed long term 2", "E"),
    ]
    first = doc.allowances_charges[0]
    assert (first.reason_code, first.base, first.percent, first.vat_rate) == (
        "TAC",
        Decimal("100"),
        Decimal("10"),
        Decimal("0"),
    )
    assert [(a.reference, a.filename, a.mime_code, a.size) for a in doc.attachments] == [
        ("01_15_Anhang_01.pdf", "01_15_Anhang_01.pdf", "application/pdf", 150128),
        ("01_15_Anhang_02.pdf", "01_15_Anhang_02.pdf", "application/pdf", 150128),
    ]
    assert doc.attachments[0].content is not None
    assert doc.attachments[0].content.startswith(b"%PDF-1.5")
    assert doc.attachments[0].uri == "https://xeinkauf.de/xrechnung/"
    line = doc.lines[0]
    assert line.note.startswith("Die letzte Lieferung im Rahmen des abgerechneten Abonnements")
    assert [(a.charge, a.amount) for a in line.allowances_charges] == [
        (True, Decimal("20")),
        (True, Decimal("20")),
        (False, Decimal("20")),
        (False, Decimal("20")),
    ]


@pytest.mark.parametrize("writer", [ubl_invoice, cii_invoice])
def test_an_embedded_attachment_is_valid_and_reads_back_byte_for_byte(writer: object) -> None:
    data = writer(replace(SAMPLE, attachments=(TIMESHEET,)))  # type: ignore[operator]
    report = validation.validate(data)
    assert [m.code for m in report.errors] == []
    assert report.accepted is True
    [attachment] = document.read(validation.read_xml(data)).attachments
    assert attachment.content == TIMESHEET.content
    assert (attachment.filename, attachment.mime_code, attachment.description) == (
        "Leistungsnachweis-November.csv",
        "text/csv",
        "Stundennachweis der Wartung",
    )
    assert attachment.content_type == "text/csv"
    # Neither allowances nor charges: the totals in between are the line sum only.
    doc = document.read(validation.read_xml(data))
    assert (doc.allowance_total, doc.charge_total, doc.allowances_charges) == (None, None, [])


def download(client: Client, url: str) -> tuple[bytes, str, str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return body, response["Content-Type"], response["Content-Disposition"]


def test_the_clerk_downloads_exactly_the_embedded_file_and_nobody_else_can(
    world: World,
) -> None:
    pdf = zugferd_pdf(replace(SAMPLE, attachments=(TIMESHEET,)))
    invoice = receive(world, pdf)
    assert (invoice.valid, invoice.status, invoice.authority_id) == (
        True,
        InvoiceStatus.RECEIVED,
        world.juelich.pk,
    )
    clerk = login(world.juelich_clerk)
    page = clerk.get(reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk}))
    html = page.content.decode()
    assert "Anlagen (BG-24)" in html
    assert f'href="{attachment_url(invoice.pk, 1)}"' in html
    assert len(TIMESHEET.content) == 46
    assert (
        "Leistungsnachweis-November.csv</a> (text/csv, 46\xa0Bytes): Stundennachweis der Wartung"
        in html
    )

    assert download(clerk, attachment_url(invoice.pk, 1)) == (
        TIMESHEET.content,
        "text/csv",
        'attachment; filename="Leistungsnachweis-November.csv"',
    )
    # The PDF as received, and the invoice XML it carries, unchanged.
    number = invoice.receipt_number
    assert download(
        clerk, reverse("staff:einvoice_original", kwargs={"invoice_pk": invoice.pk})
    ) == (pdf, "application/pdf", f'attachment; filename="{number}-original.pdf"')
    assert download(clerk, reverse("staff:einvoice_xml", kwargs={"invoice_pk": invoice.pk})) == (
        cii_invoice(replace(SAMPLE, attachments=(TIMESHEET,))),
        "application/xml",
        f'attachment; filename="{number}.xml"',
    )

    assert clerk.get(attachment_url(invoice.pk, 2)).status_code == 404
    assert clerk.get(attachment_url(invoice.pk, 0)).status_code == 404
    assert clerk.post(attachment_url(invoice.pk, 1)).status_code == 405
    for outsider in (world.merzenich_clerk, world.olpe_clerk, world.coordinator):
        assert login(outsider).get(attachment_url(invoice.pk, 1)).status_code == 404
    assert Client().get(attachment_url(invoice.pk, 1)).status_code == 302


def test_a_strange_type_or_name_is_downloaded_as_plain_bytes_under_a_safe_name(
    world: World,
) -> None:
    script = SampleAttachment(
        filename="..\\..\\etc/rechnung.html",
        mime_code="text/html",
        content=b"<script>alert(1)</script>",
    )
    invoice = receive(world, ubl_invoice(replace(SAMPLE, attachments=(script,))))
    # XRechnung allows no HTML attachment (BR-CL-24): kept, routed, and invalid.
    assert invoice.valid is False
    assert "BR-CL-24" in [m["code"] for m in invoice.report["messages"]]
    assert download(login(world.juelich_clerk), attachment_url(invoice.pk, 1)) == (
        script.content,
        "application/octet-stream",
        'attachment; filename="rechnung.html"',
    )


def test_an_unreadable_embedded_content_is_named_and_not_offered(world: World) -> None:
    data = ubl_invoice(replace(SAMPLE, attachments=(TIMESHEET,))).replace(
        TIMESHEET.base64.encode(), b"kein base64!"
    )
    invoice = receive(world, data)
    assert invoice.valid is False  # the schema wants base64 there
    clerk = login(world.juelich_clerk)
    html = clerk.get(
        reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk})
    ).content.decode()
    assert "der eingebettete Inhalt ist nicht lesbar" in html
    assert attachment_url(invoice.pk, 1) not in html
    assert clerk.get(attachment_url(invoice.pk, 1)).status_code == 404


@needs_testsuite
def test_the_page_shows_allowances_charges_and_the_totals_between(world: World) -> None:
    invoice = receive(world, COMPREHENSIVE["ubl"].read_bytes())
    assert invoice.status == InvoiceStatus.CLARIFICATION  # its Leitweg-ID is no member's
    html = (
        login(world.coordinator)
        .get(reverse("staff:einvoice_invoice", kwargs={"invoice_pk": invoice.pk}))
        .content.decode()
    )
    for text in (
        "Vertragsnummer (BT-12)</dt><dd>0000000752</dd>",
        "Projektnummer (BT-11)</dt><dd>PR12345678</dd>",
        "Vorausgegangene Rechnung (BT-25)</dt><dd>PIR1234567890 vom 4. Februar 2018</dd>",
        "Leistungsdatum (BT-72)</dt><dd>13. April 2018</dd>",
        "Zuschlag: Testing 2</th>",
        "Nachlass: Fixed long term</th>",
        "−10,00</td>",
        "Summe der Positionen (BT-106)</th>"
        '<td class="kern-table__cell kern-table__cell--numeric">10781,25</td>',
        "Summe der Nachlässe (BT-107)</th>"
        '<td class="kern-table__cell kern-table__cell--numeric">−20,00</td>',
        "Summe der Zuschläge (BT-108)</th>"
        '<td class="kern-table__cell kern-table__cell--numeric">20,00</td>',
        "Nachlass „Fixed long term“: −20,00",
        "01_15_Anhang_02.pdf</a> (application/pdf, 146,6\xa0KB)",
        "Verweis des Rechnungsstellers (nicht geprüft): https://xeinkauf.de/xrechnung/",
    ):
        assert text in html, text
    assert 'href="https://xeinkauf.de' not in html
