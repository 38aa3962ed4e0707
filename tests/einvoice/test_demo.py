"""The demo's eRechnung inbox: the DLZ's address, Leitweg-IDs of Jülich, Merzenich and
Inden, valid invoices for the three (UBL with an attachment by the portal, CII by the
API, a ZUGFeRD PDF by e-mail), an invalid one for Merzenich with its report, and one in
the clarification queue; idempotent; every audit entry reads in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.authorities.models import Authority
from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.data import INDEN, JUELICH, MERZENICH
from verbund.demo.einvoice import ADDRESS, TIMESHEET, load_einvoice
from verbund.einvoice import selectors
from verbund.einvoice.models import Invoice, InvoiceInbox, InvoiceStatus, LeitwegId
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db


def test_demo_einvoices() -> None:
    call_command("load_demo", verbosity=0)
    dlz = Network.objects.get(slug="dlz")
    load_einvoice(dlz)  # a second time: nothing new
    assert InvoiceInbox.objects.get().email_address == ADDRESS
    names = {a.pk: a.ars for a in Authority.objects.filter(ars__in=[JUELICH, MERZENICH, INDEN])}
    assert sorted(names[e.authority_id] for e in LeitwegId.objects.all()) == sorted(
        [JUELICH, MERZENICH, INDEN]
    )
    rows = [
        (
            i.number,
            i.channel,
            i.container,
            names.get(i.authority_id or 0),
            i.status,
            i.valid,
            i.gross_total,
        )
        for i in Invoice.objects.order_by("number")
    ]
    # 40 × 4.25 + 2 × 85.00 at 19 % = 404.60; 49.90 at 7 % = 53.39; together 457.99.
    gross = Decimal("457.99")
    assert rows == [
        ("RE-2026-1101", "portal", "xml", JUELICH, InvoiceStatus.RECEIVED, True, gross),
        ("RE-2026-1102", "api", "xml", MERZENICH, InvoiceStatus.RECEIVED, True, gross),
        ("RE-2026-1103", "email", "pdf", INDEN, InvoiceStatus.RECEIVED, True, gross),
        (
            "RE-2026-1104",
            "portal",
            "xml",
            MERZENICH,
            InvoiceStatus.RECEIVED,
            False,
            Decimal("999.99"),
        ),
        ("RE-2026-1105", "email", "xml", None, InvoiceStatus.CLARIFICATION, True, gross),
    ]
    with_timesheet = selectors.invoice_content(Invoice.objects.get(number="RE-2026-1101"))
    assert with_timesheet is not None
    assert [(a.filename, a.mime_code, a.content) for a in with_timesheet.attachments] == [
        ("Wartungsnachweis-RE-2026-1101.csv", "text/csv", TIMESHEET.content)
    ]
    invalid = Invoice.objects.get(number="RE-2026-1104")
    # The total with VAT (BT-112) disagrees with net plus VAT, and so does the amount due.
    errors = [m["code"] for m in invalid.report["messages"] if m["level"] == "error"]
    assert errors == ["BR-CO-15", "BR-CO-16"]
    entries = AuditEntry.objects.filter(action__startswith="einvoice.")
    assert entries.count() == 3 + 5
    described = describe_entries(list(entries))
    assert [row.entry.action for row in described if not row.labelled] == []
    assert [
        (row.entry.action, change.label)
        for row in described
        for change in row.changes
        if not change.labelled
    ] == []
