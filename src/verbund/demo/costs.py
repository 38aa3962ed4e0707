"""The demo's cost allocation: the DLZ's running costs for the year, split 20 % equal,
50 % by population and 30 % by cases with 19 % VAT (§ 2b UStG), and the development
cost of one online service for the reuse report. Loaded through the services, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from verbund.catalogue.reuse.selectors import development_costs
from verbund.networks.costs.services import budget_item_create, development_cost_set
from verbund.networks.models import Network

ITEM_TITLE = "Laufende Kosten der DLZ-Geschäftsstelle {year}"
ITEM_DESCRIPTION = (
    "Personal (1,5 Stellen), Räume und Fachverfahren der Geschäftsstelle des DLZ, "
    "verteilt nach Sockel, Einwohnerzahl und Fallzahl."
)
# A realistic figure for six small municipalities.
ITEM_AMOUNT = Decimal("180000.00")


# The year the demo is loaded in: its business registrations fall into the period.
def _year() -> int:
    return timezone.localdate().year


DEVELOPMENT_COST = Decimal("45000.00")


def load_costs(dlz: Network) -> None:
    """The DLZ's budget item (left open: the page shows the live preview) and its
    development cost of one online service; nothing happens when they exist."""
    if not dlz.budget_items.filter(title=ITEM_TITLE.format(year=_year())).exists():
        weights = {
            "weight_equal": Decimal(20),
            "weight_population": Decimal(50),
            "weight_cases": Decimal(30),
            "weight_usage": Decimal(0),
        }
        try:
            _create(dlz, weights)
        except ValidationError:
            # No demo case fell into the year (the demo was loaded on another date):
            # the cases' weight goes to population instead.
            weights.update(weight_population=Decimal(80), weight_cases=Decimal(0))
            _create(dlz, weights)
    default, _per_service = development_costs(dlz)
    if default is None:
        development_cost_set(actor=None, network=dlz, amount=DEVELOPMENT_COST)


def _create(dlz: Network, weights: dict[str, Decimal]) -> None:
    budget_item_create(
        actor=None,
        network=dlz,
        title=ITEM_TITLE.format(year=_year()),
        description=ITEM_DESCRIPTION,
        amount=ITEM_AMOUNT,
        period_start=dt.date(_year(), 1, 1),
        period_end=dt.date(_year(), 12, 31),
        population_on=dt.date(_year() - 1, 12, 31),
        vat=True,
        **weights,
    )
