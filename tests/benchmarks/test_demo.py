"""The demo's comparison ring: six DLZ members, four published years, a real
distribution on the comparison page; loading twice adds nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.benchmarks.models import Kpi, Participant, Period, PeriodStatus, Ring, Statistic
from verbund.benchmarks.selectors import comparison

pytestmark = pytest.mark.django_db


def test_demo_ring() -> None:
    call_command("load_demo", stdout=io.StringIO())
    ring = Ring.objects.get(network__slug="dlz")
    assert ring.name == "Vergleichsring Bürgerservice"
    assert Participant.objects.filter(ring=ring).count() == 6
    assert sorted(Participant.objects.filter(ring=ring).values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    periods = list(Period.objects.filter(ring=ring).order_by("year"))
    assert [(p.year, p.status) for p in periods] == [
        (year, PeriodStatus.PUBLISHED) for year in (2022, 2023, 2024, 2025)
    ]
    assert Kpi.objects.filter(ring=ring).count() >= 9
    per_1000 = Statistic.objects.get(period=periods[-1], kpi__key="faelle_je_1000")
    assert per_1000.n == 6
    assert per_1000.minimum is not None
    assert per_1000.maximum is not None
    assert per_1000.minimum < per_1000.median < per_1000.maximum  # type: ignore[operator]
    participant = Participant.objects.filter(ring=ring).order_by("number").first()
    assert participant is not None
    rows = {row.kpi.key: row for row in comparison(ring, periods[-1], participant)}
    assert rows["kosten_je_ew"].shown is True
    own = rows["kosten_je_ew"].own
    assert own is not None
    assert own > Decimal(0)
