"""The demo's joint procurement: the DLZ's open printer call above the threshold with
two lots, and the awarded salt call below it with its agreement and its share in the
cost allocation; idempotent; every audit entry reads in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.data import INDEN, JUELICH, KERPEN, MERZENICH, NIEDERZIER
from verbund.demo.procurement import PRINTERS, SALT, load_procurement
from verbund.networks.costs.models import BudgetUsage
from verbund.networks.models import Network
from verbund.procurement.models import CallStatus, DemandCall
from verbund.procurement.rules import Regime
from verbund.procurement.selectors import call_figures

pytestmark = pytest.mark.django_db


def test_demo_procurement() -> None:
    call_command("load_demo", verbosity=0)
    dlz = Network.objects.get(slug="dlz")
    load_procurement(dlz)
    load_procurement(dlz)  # a second time: nothing new
    calls = {c.subject: c for c in DemandCall.objects.filter(network=dlz)}
    assert sorted(calls) == [PRINTERS, SALT]
    printers, salt = calls[PRINTERS], calls[SALT]
    assert printers.status == CallStatus.OPEN
    figures = call_figures(printers)
    # 85 devices × 650 € a year over 60 months.
    assert (figures.annual, figures.value, figures.members) == (
        Decimal(55250),
        Decimal("276250.00"),
        4,
    )
    assert [(f.lot.title, f.value) for f in figures.lots] == [
        ("Nord", Decimal("97500.00")),
        ("Süd", Decimal("178750.00")),
    ]
    assert sorted(m.authority.ars for m in printers.mandates.all()) == sorted([JUELICH, KERPEN])
    assert salt.status == CallStatus.AWARDED
    salt_figures = call_figures(salt)
    assert salt_figures.value == Decimal("49400.00")
    assert salt_figures.check.regime in {Regime.NATIONAL, Regime.UNKNOWN}
    assert salt.agreement is not None
    assert salt.budget_item is not None
    usage = dict(
        BudgetUsage.objects.filter(item=salt.budget_item).values_list("authority__ars", "usage")
    )
    # The award of 46,800 € split 120 : 80 : 60.
    assert usage == {
        MERZENICH: Decimal("21600.00"),
        INDEN: Decimal("14400.00"),
        NIEDERZIER: Decimal("10800.00"),
    }
    entries = list(AuditEntry.objects.filter(action__startswith="procurement.").order_by("pk"))
    # Printers: call, 4 lines, 2 lots, 2 mandates; salt: call, 3 lines, 2 mandates, closed,
    # agreement, lot, award, awarded, allocation.
    assert len(entries) == 9 + 12
    rows = describe_entries(entries)
    assert [row.entry.action for row in rows if not row.labelled] == []
    assert [
        (row.entry.action, change.label)
        for row in rows
        for change in row.changes
        if not change.labelled
    ] == []
