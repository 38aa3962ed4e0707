"""Demo e-invoices of the DLZ network: its inbox address, Leitweg-IDs of Jülich,
Merzenich and Inden, and five invoices: valid ones for the three members (UBL with
the maintenance timesheet as an embedded CSV attachment, CII and a ZUGFeRD PDF), an
invalid one for Merzenich (its total with VAT does not add up:
BR-CO-15 and BR-CO-16),
and one whose Leitweg-ID no member has (clarification queue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from lxml import etree

from verbund.authorities.models import Authority
from verbund.demo.data import INDEN, JUELICH, MERZENICH
from verbund.einvoice import leitweg, services
from verbund.einvoice.models import Channel, InvoiceInbox, LeitwegId
from verbund.einvoice.samples import (
    Sample,
    SampleAttachment,
    SampleLine,
    cii_invoice,
    ubl_invoice,
    zugferd_pdf,
)
from verbund.networks.models import Network

ADDRESS = "erechnung@dlz-rur.example"


def _id(coarse: str, fine: str) -> str:
    return f"{coarse}-{fine}-{leitweg.check_digits(coarse, fine)}"


def _sample(number: str, leitweg_id: str, buyer: str, day: int) -> Sample:
    return Sample(
        number=number,
        issue_date=dt.date(2026, 11, day),
        leitweg_id=leitweg_id,
        seller_name="Bürotechnik Rur GmbH",
        seller_vat_id="DE123456789",
        seller_street="Marktstraße 1",
        seller_city="Düren",
        seller_zip="52349",
        seller_contact="Petra Schmitz",
        seller_phone="+49 2421 123456",
        seller_email="rechnung@buerotechnik-rur.example",
        buyer_name=buyer,
        buyer_street="Rathausplatz 1",
        buyer_city="Jülich",
        buyer_zip="52428",
        lines=(
            SampleLine("Kopierpapier A4, 500 Blatt", Decimal("40"), Decimal("4.25")),
            SampleLine("Wartung Multifunktionsgerät", Decimal("2"), Decimal("85.00"), "HUR"),
            SampleLine(
                "Fachbuch Vergaberecht", Decimal("1"), Decimal("49.90"), vat_rate=Decimal("7")
            ),
        ),
    )


TIMESHEET = SampleAttachment(
    filename="Wartungsnachweis-RE-2026-1101.csv",
    mime_code="text/csv",
    content=(
        "Datum;Techniker;Stunden;Tätigkeit\n"
        "2026-11-02;M. Jansen;1,5;Wartung Multifunktionsgerät 2. OG\n"
        "2026-11-02;M. Jansen;0,5;Austausch Resttonerbehälter\n"
    ).encode(),
    description="Stundennachweis der Wartung vom 2. November 2026",
)


def _broken_totals(data: bytes) -> bytes:
    """The invoice with a wrong total with VAT (BT-112): BR-CO-15 and BR-CO-16 fail."""
    root = etree.fromstring(data)
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    node = root.find(".//{*}LegalMonetaryTotal/cbc:TaxInclusiveAmount", ns)
    assert node is not None
    node.text = "999.99"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def load_einvoice(dlz: Network) -> None:
    """Idempotent: nothing is loaded when the DLZ's inbox exists."""
    if InvoiceInbox.objects.filter(network=dlz).exists():
        return
    members = {a.ars: a for a in Authority.objects.filter(ars__in=[JUELICH, MERZENICH, INDEN])}
    if len(members) < 3:
        return
    inbox = InvoiceInbox.objects.create(network=dlz, email_address=ADDRESS)
    ids = {
        # The coarse part is the member's ARS (12 digits), as KoSIT's scheme builds it.
        JUELICH: _id(JUELICH, "RECHNUNG"),
        MERZENICH: _id(MERZENICH, "KAEMMEREI"),
        INDEN: _id(INDEN, "0001"),
    }
    for ars, value in ids.items():
        if not LeitwegId.objects.filter(value=value).exists():
            services.leitweg_id_add(
                actor=None, authority=members[ars], value=value, label="Zentraler Rechnungseingang"
            )
    deliveries = [
        (
            ubl_invoice(
                replace(
                    _sample("RE-2026-1101", ids[JUELICH], "Stadt Jülich", 3),
                    attachments=(TIMESHEET,),
                )
            ),
            Channel.PORTAL,
            "RE-2026-1101.xml",
        ),
        (
            cii_invoice(_sample("RE-2026-1102", ids[MERZENICH], "Gemeinde Merzenich", 5)),
            Channel.API,
            "RE-2026-1102.xml",
        ),
        (
            zugferd_pdf(_sample("RE-2026-1103", ids[INDEN], "Gemeinde Inden", 9)),
            Channel.EMAIL,
            "RE-2026-1103.pdf",
        ),
        (
            _broken_totals(
                ubl_invoice(_sample("RE-2026-1104", ids[MERZENICH], "Gemeinde Merzenich", 12))
            ),
            Channel.PORTAL,
            "RE-2026-1104.xml",
        ),
        (
            ubl_invoice(_sample("RE-2026-1105", _id("05358999", "1"), "Gemeinde Titz", 16)),
            Channel.EMAIL,
            "RE-2026-1105.xml",
        ),
    ]
    for data, channel, name in deliveries:
        services.invoice_receive(
            inbox=inbox, data=data, channel=channel, filename=name, notify=False
        )
