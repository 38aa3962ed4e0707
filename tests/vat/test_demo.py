"""The demo's activity analysis: Merzenich's register with approved assessments, the
DLZ's cooperation stream taxable under BMF 2019 deciding the budget items' VAT, Jülich's
delegation with an assessment the service centre prepared; idempotent; every audit
entry reads in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.data import JUELICH, MERZENICH, NIEDERZIER
from verbund.demo.vat import load_vat
from verbund.networks.costs.selectors import item_vat_basis, item_vat_rate
from verbund.networks.models import Network
from verbund.networks.selectors import tool_delegations
from verbund.vat.models import Assessment, RevenueStream

pytestmark = pytest.mark.django_db


def test_demo_vat() -> None:
    call_command("load_demo", verbosity=0)
    dlz = Network.objects.get(slug="dlz")
    load_vat(dlz)
    load_vat(dlz)  # a second time: nothing new
    streams = {
        (s.authority.ars, s.title): s for s in RevenueStream.objects.select_related("authority")
    }
    assert len(streams) == 8
    results = {
        (a.stream.authority.ars, a.stream.title): (a.result, a.rule, a.status)
        for a in Assessment.objects.select_related("stream__authority")
    }
    assert results == {
        (MERZENICH, "Verwaltungsgebühren"): ("not_taxable", "reserved_task", "approved"),
        (MERZENICH, "Vermietung Bürgerhaus"): ("taxable", "private_law", "approved"),
        (MERZENICH, "Kantine im Rathaus"): ("taxable", "abs4_catalogue", "approved"),
        (MERZENICH, "Parkgebühren"): ("not_taxable", "de_minimis", "approved"),
        (MERZENICH, "Verkauf von Altpapier"): ("not_taxable", "not_sustained", "approved"),
        (MERZENICH, "Erstattungen der DLZ-Mitglieder (Gewerbeanmeldung)"): (
            "taxable",
            "distortion",
            "approved",
        ),
        (JUELICH, "Parkgebühren"): ("not_taxable", "de_minimis", "prepared"),
        (NIEDERZIER, "Parkgebühren"): ("not_taxable", "de_minimis", "approved"),
    }
    juelich = streams[(JUELICH, "Parkgebühren")].authority
    assert dlz.pk in tool_delegations("vat", authority_ids={juelich.pk})[juelich.pk]
    item = dlz.budget_items.order_by("pk").first()
    assert item is not None
    assert item_vat_rate(item) == Decimal("0.19")
    assert item_vat_basis(item) == (
        f"Tätigkeitsanalyse {item.period_end.year} von Merzenich: steuerbar, 19 % "
        "(Regel: größere Wettbewerbsverzerrungen (§ 2b Abs. 1 UStG))"
    )
    entries = list(AuditEntry.objects.filter(action__startswith="vat.").order_by("pk"))
    # 1 group, 8 streams, 8 amounts, 8 assessments, 7 approvals.
    assert len(entries) == 1 + 8 + 8 + 8 + 7
    rows = describe_entries(entries)
    assert [row.entry.action for row in rows if not row.labelled] == []
    assert [
        (row.entry.action, change.label)
        for row in rows
        for change in row.changes
        if not change.labelled
    ] == []
