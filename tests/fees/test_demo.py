"""The demo's fee calculation: the DLZ's rate table, example A approved for Merzenich
and attached to its business registration, Jülich's sheet prepared by the service
centre awaiting approval, a comparison across three members, example B for Inden;
idempotent; every audit entry reads in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.catalogue.models import Adoption
from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.data import INDEN, JUELICH, MERZENICH, NIEDERZIER
from verbund.demo.fees import load_fees
from verbund.fees.models import FeeSheet, RateTable, SheetStatus
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db


def test_demo_fees() -> None:
    call_command("load_demo", verbosity=0)
    dlz = Network.objects.get(slug="dlz")
    load_fees(dlz)  # a second time: nothing new
    assert RateTable.objects.filter(network=dlz).count() == 1
    sheets = {
        (s.authority.ars, s.title): s
        for s in FeeSheet.objects.select_related("authority", "prepared_by_network")
    }
    assert len(sheets) == 4
    merzenich = sheets[(MERZENICH, "Gewerbeanmeldung")]
    assert (merzenich.status, merzenich.fee) == (SheetStatus.APPROVED, Decimal("58.23"))
    adoption = Adoption.objects.get(
        authority__ars=MERZENICH, service__slug="gewerbeanmeldung", ended_on=None
    )
    assert {"label": "Gewerbeanmeldung", "amount": "58.23"} in adoption.fees
    juelich = sheets[(JUELICH, "Gewerbeanmeldung")]
    assert (juelich.status, juelich.prepared_by_network) == (SheetStatus.SUBMITTED, dlz)
    assert sheets[(NIEDERZIER, "Gewerbeanmeldung")].status == SheetStatus.APPROVED
    inden = sheets[(INDEN, "Schmutzwassergebühr")]
    assert inden.fee == Decimal("6.00")
    assert inden.result["nachkalkulation"]["difference"] == "11135.00"
    assert inden.result["nachkalkulation"]["due_year"] == 2030
    entries = list(AuditEntry.objects.filter(action__startswith="fees.").order_by("pk"))
    # The table; 3 created, 3 submitted, 2 approved, 1 attached; Inden's 3.
    assert len(entries) == 1 + 3 + 3 + 2 + 1 + 3
    rows = describe_entries(entries)
    assert [row.entry.action for row in rows if not row.labelled] == []
    assert [
        (row.entry.action, change.label)
        for row in rows
        for change in row.changes
        if not change.labelled
    ] == []
