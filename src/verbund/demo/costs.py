"""The demo's cost allocation: the DLZ's running costs for the year (180,000 € net, 19 %
VAT under § 2b UStG) in six budget items, each shared by those who take part in it (the
business registrations by the parties of the agreement, the fee calculation by the
members at level 3 or more in its area, …), and the development cost of one online
service for the reuse report. Loaded through the services, once; the items stay open,
so their pages show the live preview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from verbund.catalogue.reuse.selectors import development_costs
from verbund.demo import steering
from verbund.networks.costs.models import ParticipantRule
from verbund.networks.costs.services import budget_item_create, development_cost_set
from verbund.networks.models import Network


@dataclass(frozen=True)
class DemoItem:
    title: str  # "{year}" is the year the demo is loaded in
    description: str
    amount: Decimal
    weights: tuple[int, int, int]  # equal, population, cases (in per cent)
    rule: ParticipantRule
    area: str = ""  # the area's name (steering.DLZ_AREAS) for AREA_LEVEL
    min_level: int | None = None
    agreement: str = ""  # the agreement's title for AGREEMENT


FEES, REPORTING, VAT, PROCUREMENT = (area.name for area in steering.DLZ_AREAS)

# Realistic figures for six small municipalities: 1.5 posts, rooms and software of the
# office, the specialists of each area. Together 180,000 € net.
DLZ_ITEMS: tuple[DemoItem, ...] = (
    DemoItem(
        "Geschäftsstelle des DLZ: Grundbetrag {year}",
        "Leitung und Verwaltung der Geschäftsstelle, Räume und Büroausstattung: "
        "getragen von allen Mitgliedern.",
        Decimal("60000.00"),
        (50, 50, 0),
        ParticipantRule.ALL,
    ),
    DemoItem(
        "Gebührenkalkulation {year}",
        "Kalkulation der Verwaltungs- und Benutzungsgebühren für die Mitglieder, die "
        "gemeinsam kalkulieren oder die Kalkulation übertragen haben.",
        Decimal("40000.00"),
        (40, 60, 0),
        ParticipantRule.AREA_LEVEL,
        area=FEES,
        min_level=3,
    ),
    DemoItem(
        "Strategisches Berichtswesen {year}",
        "Kennzahlen, Berichtsvorlagen und das Berichtswerkzeug nach gemeinsamen Standards.",
        Decimal("25000.00"),
        (50, 50, 0),
        ParticipantRule.AREA_LEVEL,
        area=REPORTING,
        min_level=2,
    ),
    DemoItem(
        "Beratung Umsatzsteuer (§ 2b UStG) {year}",
        "Prüfung der Leistungsbeziehungen und Begleitung der Umstellung zum 1. Januar 2027.",
        Decimal("20000.00"),
        (50, 50, 0),
        ParticipantRule.AREA_LEVEL,
        area=VAT,
        min_level=3,
    ),
    DemoItem(
        "Gemeinsame Beschaffung {year}",
        "Vorbereitung gemeinsamer Ausschreibungen und Rahmenverträge.",
        Decimal("15000.00"),
        (50, 50, 0),
        ParticipantRule.AREA_LEVEL,
        area=PROCUREMENT,
        min_level=2,
    ),
    DemoItem(
        "Bearbeitung der Gewerbeanmeldungen {year}",
        "Merzenich bearbeitet die Gewerbeanzeigen aller Beteiligten der Vereinbarung in "
        "deren Namen; verteilt mit einem Sockel und nach Fallzahl.",
        Decimal("20000.00"),
        (20, 0, 80),
        ParticipantRule.AGREEMENT,
        agreement=steering.AGREEMENT_TITLE,
    ),
)
DEVELOPMENT_COST = Decimal("45000.00")


# The year the demo is loaded in: its business registrations fall into the period.
def _year() -> int:
    return timezone.localdate().year


def load_costs(dlz: Network) -> None:
    """The DLZ's budget items (left open: the pages show the live preview) and its
    development cost of one online service; an item that exists is left alone."""
    for spec in DLZ_ITEMS:
        title = spec.title.format(year=_year())
        if dlz.budget_items.filter(title=title).exists():
            continue
        equal, population, cases = spec.weights
        try:
            _create(dlz, spec, equal, population, cases)
        except ValidationError:
            if not cases:
                raise
            # No demo case fell into the year (the demo was loaded on another date):
            # the cases' weight goes to the equal part instead.
            _create(dlz, spec, equal + cases, population, 0)
    default, _per_service = development_costs(dlz)
    if default is None:
        development_cost_set(actor=None, network=dlz, amount=DEVELOPMENT_COST)


def _create(dlz: Network, spec: DemoItem, equal: int, population: int, cases: int) -> None:
    year = _year()
    budget_item_create(
        actor=None,
        network=dlz,
        title=spec.title.format(year=year),
        description=spec.description,
        amount=spec.amount,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        population_on=dt.date(year - 1, 12, 31),
        weight_equal=Decimal(equal),
        weight_population=Decimal(population),
        weight_cases=Decimal(cases),
        weight_usage=Decimal(0),
        vat=True,
        participant_rule=spec.rule,
        participant_area_id=(
            dlz.areas.get(name=spec.area).pk if spec.rule == ParticipantRule.AREA_LEVEL else None
        ),
        participant_min_level=spec.min_level,
        participant_agreement_id=(
            dlz.agreements.get(title=spec.agreement).pk
            if spec.rule == ParticipantRule.AGREEMENT
            else None
        ),
    )
