"""Base figures the platform already knows, so members need not type them again
(ARCHITECTURE.md, core idea 6). Read through the published selectors of the apps
below: the cases counted by the back office (``core.facts``), the processing time of
decided cases (``cases.selectors``), the share of services offered online
(``catalogue.selectors``) and the cost per case of the fee sheets
(``fees.selectors``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from verbund.benchmarks.models import Figure, FigureSource
from verbund.cases.selectors import processing_days_median
from verbund.catalogue.selectors import offer_figures
from verbund.core.facts import Period as FactPeriod
from verbund.core.facts import fact

HUNDRED = Decimal(100)


def figure_values(figure: Figure, *, year: int, authority_ids: set[int]) -> dict[int, Decimal]:
    """``{authority id: value}`` of a platform figure for the calendar year; members the
    platform knows nothing about are left out (their value stays missing rather than
    becoming a misleading 0), except for case counts, where 0 is a real count."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not authority_ids:
        return {}
    if figure.source == FigureSource.CASES:
        cases = fact("cases.processing")
        period = FactPeriod(start, end)
        if figure.service_id is None:
            counts = cases.per_authority(authority_ids, period)
            return {pk: Decimal(count) for pk, count in counts.items()}
        per_service = cases.per_service([figure.service_id], authority_ids, period)
        return {pk: Decimal(per_service.get((figure.service_id, pk), 0)) for pk in authority_ids}
    if figure.source == FigureSource.PROCESSING_DAYS:
        return processing_days_median(
            authority_ids=sorted(authority_ids),
            start=start,
            end=end,
            service_id=figure.service_id,
        )
    if figure.source == FigureSource.ONLINE_SHARE:
        # The offer at the year's end, or today for the running year.
        on = min(end, timezone.localdate())
        offers = offer_figures(authority_ids, on=on)
        return {
            pk: Decimal(offer.online) * HUNDRED / Decimal(offer.services)
            for pk, offer in offers.items()
            if offer.services
        }
    if figure.source == FigureSource.COST_PER_CASE:
        if figure.service_id is None:
            return {}
        from verbund.fees.selectors import cost_per_case

        return dict(
            cost_per_case(year=year, service_id=figure.service_id, authority_ids=authority_ids)
        )
    return {}
