"""The demo's DLZ costs (issue #15): 180,000 € net in six budget items, each shared by
those who take part, exact to the cent. Kerpen, at level 0–1 in three of four areas,
no longer pays the most. Since issue #18 a seventh item follows: the joint salt
procurement's 1,200 €, shared by the three buyers by their part of the award, with the
19 % VAT of the cooperation's approved §2b UStG assessment (its own switch is off)."""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from verbund.networks.costs.models import BudgetItem
from verbund.networks.costs.participants import item_participants
from verbund.networks.costs.selectors import live_allocation

pytestmark = pytest.mark.django_db

D = Decimal
ALL = (
    "Inden",
    "Jülich, Stadt",
    "Kerpen, Kolpingstadt",
    "Linnich, Stadt",
    "Merzenich",
    "Niederzier",
)
PROCUREMENT = ("Inden", "Merzenich")
SALT_BUYERS = ("Inden", "Merzenich", "Niederzier")
WITHOUT_KERPEN = tuple(name for name in ALL if not name.startswith("Kerpen"))


def test_the_dlz_items_their_participants_and_each_members_total() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    items = list(BudgetItem.objects.filter(network__slug="dlz").order_by("pk"))
    year = items[0].period_end.year
    assert [
        (
            item.title,
            item.amount,
            (item.weight_equal, item.weight_population, item.weight_cases),
            item.vat,
            item_participants(item).names,
        )
        for item in items
    ] == [
        (f"Geschäftsstelle des DLZ: Grundbetrag {year}", D("60000.00"), (50, 50, 0), True, ALL),
        (f"Gebührenkalkulation {year}", D("40000.00"), (40, 60, 0), True, WITHOUT_KERPEN),
        (f"Strategisches Berichtswesen {year}", D("25000.00"), (50, 50, 0), True, WITHOUT_KERPEN),
        (f"Beratung Umsatzsteuer (§ 2b UStG) {year}", D("20000.00"), (50, 50, 0), True, ALL),
        (f"Gemeinsame Beschaffung {year}", D("15000.00"), (50, 50, 0), True, PROCUREMENT),
        (f"Bearbeitung der Gewerbeanmeldungen {year}", D("20000.00"), (20, 0, 80), True, ALL),
        ("Vergabeverfahren Streusalz", D("1200.00"), (0, 0, 0), False, SALT_BUYERS),
    ]
    assert sum(item.amount for item in items[:6]) == D("180000.00")
    # 120, 80 and 60 tonnes of 260: 553.85 + 369.23 + 276.92 € net, each + 19 %.
    salt = live_allocation(items[6])
    assert [(share.name, share.net, share.gross) for share in salt.shares] == [
        ("Inden", D("369.23"), D("439.38")),
        ("Merzenich", D("553.85"), D("659.08")),
        ("Niederzier", D("276.92"), D("329.53")),
    ]
    fees = item_participants(items[1])
    assert fees.sentences == [
        "Kerpen, Kolpingstadt nimmt nicht teil: Stufe 1 im Kooperationsfeld "
        "„Gebührenkalkulation“ (mindestens 3 nötig)."
    ]

    gross: dict[str, Decimal] = defaultdict(Decimal)
    net = D(0)
    for item in items:
        allocation = live_allocation(item)
        net += allocation.net_total
        for share in allocation.shares:
            gross[share.name] += share.gross
    assert net == D("181200.00")
    assert sorted(gross.items(), key=lambda pair: -pair[1]) == [
        ("Jülich, Stadt", D("52863.85")),
        ("Merzenich", D("34759.90")),  # 34,100.82 + 659.08
        ("Kerpen, Kolpingstadt", D("33903.65")),
        ("Niederzier", D("32483.46")),  # 32,153.93 + 329.53
        ("Linnich, Stadt", D("30954.66")),
        ("Inden", D("30662.47")),  # 30,223.09 + 439.38
    ]
    assert sum(gross.values()) == D("215627.99")
