"""The distribution of a KPI over a ring: minimum, quartiles, median, maximum.

Quantiles use linear interpolation between the sorted values (Hyndman & Fan type 7,
the default of R and of Excel's ``QUARTILE.INKL``/LibreOffice's ``QUARTILE``): for
``n`` values ``x[0] <= … <= x[n-1]`` the p-quantile is at position ``h = (n-1)·p``,
``x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])``. Computed in ``Decimal``, so the
pages show exactly what a spreadsheet would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

METHOD = _(
    "Quartile durch lineare Interpolation zwischen den sortierten Werten (Typ 7 nach "
    "Hyndman/Fan, wie QUARTILE.INKL in Excel und die Voreinstellung von R); berechnet "
    "über die Werte aller Teilnehmenden des Rings einschließlich des eigenen."
)


@dataclass(frozen=True)
class Distribution:
    n: int
    minimum: Decimal
    q1: Decimal
    median: Decimal
    q3: Decimal
    maximum: Decimal


def quantile(ordered: Sequence[Decimal], p: Decimal) -> Decimal:
    """The p-quantile (type 7) of ``ordered`` (sorted ascending, not empty)."""
    if not ordered:
        raise ValueError("no values")
    h = (len(ordered) - 1) * p
    low = int(h)  # h >= 0, so int() is the floor
    if low + 1 >= len(ordered):
        return ordered[-1]
    return ordered[low] + (h - low) * (ordered[low + 1] - ordered[low])


def distribution(values: Sequence[Decimal]) -> Distribution:
    ordered = sorted(values)
    return Distribution(
        n=len(ordered),
        minimum=ordered[0],
        q1=quantile(ordered, Decimal("0.25")),
        median=quantile(ordered, Decimal("0.5")),
        q3=quantile(ordered, Decimal("0.75")),
        maximum=ordered[-1],
    )
