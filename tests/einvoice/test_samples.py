"""The sample invoices of :mod:`verbund.einvoice.samples` are valid XRechnung 3.0 in all
three forms (UBL, CII, Factur-X PDF), add up as EN 16931 requires, and read back as
written; without a Leitweg-ID they fail exactly BR-DE-15."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from verbund.einvoice import document, samples, validation
from verbund.einvoice.samples import Sample, SampleLine

D = Decimal

SAMPLE = Sample(
    number="RE-2026-0042",
    issue_date=dt.date(2026, 3, 2),
    leitweg_id="05358024-0001-67",
    # "&" and "<>" must arrive escaped in the XML and in the PDF's HTML.
    seller_name="Müller & Söhne <Verwaltungsberatung> GmbH",
    seller_vat_id="DE123456789",
    seller_street="Hauptstraße 12",
    seller_city="Düren",
    seller_zip="52349",
    seller_contact="Anna Müller",
    seller_phone="+49 2421 123456",
    seller_email="rechnung@mueller-soehne.example",
    buyer_name="Gemeinde Merzenich",
    buyer_street="Valdersweg 1",
    buyer_city="Merzenich",
    buyer_zip="52399",
    lines=(
        SampleLine("Beratung Vergaberecht", D("7.5"), D("95.00"), unit="HUR"),
        SampleLine("Fachbuch „Kommunales Haushaltsrecht“", D("3"), D("19.99"), vat_rate=D("7")),
    ),
    note="Leistung gemäß Auftrag vom 12.01.2026.",
)
# By hand: 7.5 × 95.00 = 712.50 at 19 %, tax 135.375 → 135.38;
#          3 × 19.99 = 59.97 at 7 %, tax 4.1979 → 4.20.
NET, TAX, GROSS = D("772.47"), D("139.58"), D("912.05")

WRITERS = {
    "ubl": samples.ubl_invoice,
    "cii": samples.cii_invoice,
    "pdf": samples.zugferd_pdf,
}


@pytest.mark.parametrize(
    ("form", "scenario", "container"),
    [("ubl", "xr-ubl-invoice", "xml"), ("cii", "xr-cii", "xml"), ("pdf", "xr-cii", "pdf")],
)
def test_sample_is_valid_xrechnung(form: str, scenario: str, container: str) -> None:
    report = validation.validate(WRITERS[form](SAMPLE))

    assert report.accepted is True
    assert [m.code for m in report.errors] == []
    # Not merely accepted: no warning or information either.
    assert [m.code for m in report.messages] == []
    assert report.scenario is not None
    assert report.scenario.key == scenario
    assert report.container == container


def test_pdf_embeds_our_cii_invoice_unchanged() -> None:
    pdf = samples.zugferd_pdf(SAMPLE)

    assert pdf.startswith(b"%PDF-")
    assert validation.xml_from_pdf(pdf) == samples.cii_invoice(SAMPLE)


def test_pdf_html_escapes_the_data() -> None:
    html = samples.invoice_html(SAMPLE)

    assert "Müller &amp; Söhne &lt;Verwaltungsberatung&gt; GmbH" in html
    assert "<Verwaltungsberatung>" not in html
    assert "912,05 €" in html


def test_totals_of_the_sample() -> None:
    assert samples.sample_totals(SAMPLE) == (NET, TAX, GROSS)


def test_totals_round_half_up_once_per_rate() -> None:
    worked = replace(
        SAMPLE,
        lines=(
            # 2.5 × 80.21 = 200.525 → 200.53 (half up; half even would give 200.52)
            SampleLine("Beratung", D("2.5"), D("80.21"), unit="HUR"),
            SampleLine("Kopie", D("1"), D("0.13")),
            SampleLine("Kopie", D("1"), D("0.13")),
            SampleLine("Kopie", D("1"), D("0.13")),
            # 21.50 at 7 % = 1.505 → 1.51 (half up; half even would give 1.50)
            SampleLine("Fachbuch", D("1"), D("21.50"), vat_rate=D("7")),
        ),
    )
    # 19 %: 200.53 + 3 × 0.13 = 200.92, tax 38.1748 → 38.17. Rounding per line would
    # give 38.10 + 3 × 0.02 = 38.16, which EN 16931 (BR-CO-17, BR-S-09) refuses.
    # 7 %: 21.50, tax 1.51.  Net 222.42, tax 39.68, gross 262.10.
    assert samples.sample_totals(worked) == (D("222.42"), D("39.68"), D("262.10"))
    assert [(g.rate, g.taxable, g.tax) for g in samples.vat_groups(worked)] == [
        (D("19"), D("200.92"), D("38.17")),
        (D("7"), D("21.50"), D("1.51")),
    ]
    for writer in (samples.ubl_invoice, samples.cii_invoice):
        report = validation.validate(writer(worked))
        assert [m.code for m in report.errors] == []
        assert report.accepted is True


@pytest.mark.parametrize("form", ["ubl", "cii"])
def test_without_leitweg_id_only_br_de_15_fails(form: str) -> None:
    report = validation.validate(WRITERS[form](replace(SAMPLE, leitweg_id="")))

    codes = [m.code for m in report.errors]
    assert report.accepted is False
    assert "BR-DE-15" in codes
    assert codes == ["BR-DE-15"]


@pytest.mark.parametrize("form", ["ubl", "cii"])
def test_document_reads_back_what_was_written(form: str) -> None:
    doc = document.read(validation.read_xml(WRITERS[form](SAMPLE)))

    assert doc.number == "RE-2026-0042"
    assert doc.issue_date == dt.date(2026, 3, 2)
    assert doc.due_date == dt.date(2026, 4, 1)
    assert doc.type_code == "380"
    assert doc.currency == "EUR"
    assert doc.buyer_reference == "05358024-0001-67"
    assert doc.seller_name == "Müller & Söhne <Verwaltungsberatung> GmbH"
    assert doc.seller_vat_id == "DE123456789"
    assert doc.seller_email == "rechnung@mueller-soehne.example"
    assert doc.buyer_name == "Gemeinde Merzenich"
    assert doc.iban == "DE02120300000000202051"
    assert doc.notes == ["Leistung gemäß Auftrag vom 12.01.2026."]
    assert doc.payment_terms == "Zahlbar innerhalb von 30 Tagen ohne Abzug."
    assert (doc.net_total, doc.tax_total, doc.gross_total, doc.amount_due) == (
        NET,
        TAX,
        GROSS,
        GROSS,
    )
    assert [(line.name, line.quantity, line.unit, line.net_amount) for line in doc.lines] == [
        ("Beratung Vergaberecht", D("7.5"), "HUR", D("712.50")),
        ("Fachbuch „Kommunales Haushaltsrecht“", D("3"), "H87", D("59.97")),
    ]
    assert [(v.category, v.rate, v.taxable, v.tax) for v in doc.vat] == [
        ("S", D("19"), D("712.50"), D("135.38")),
        ("S", D("7"), D("59.97"), D("4.20")),
    ]


def test_amounts_have_two_decimals() -> None:
    xml = samples.ubl_invoice(replace(SAMPLE, lines=(SampleLine("Pauschale", D("1"), D("100")),)))

    assert b'<cbc:PayableAmount currencyID="EUR">119.00</cbc:PayableAmount>' in xml
    assert b'<cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount>' in xml


def test_a_sample_needs_lines() -> None:
    with pytest.raises(ValueError, match="at least one line"):
        samples.sample_totals(replace(SAMPLE, lines=()))
