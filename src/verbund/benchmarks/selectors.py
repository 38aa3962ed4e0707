"""Reads of comparison rings for the pages, the PDF and the panels. The published
periods' figures are read from the rows stored on publishing (``Result``,
``Statistic``), a bounded number of queries whatever the ring's size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from verbund.benchmarks.models import (
    Better,
    Figure,
    FigureSource,
    Kpi,
    Participant,
    Period,
    PeriodStatus,
    Result,
    Ring,
    Statistic,
    Value,
)
from verbund.networks.models import Network


def rings_of_network(network: Network) -> QuerySet[Ring]:
    return Ring.objects.filter(network=network).annotate(
        participant_count=Count("participants", distinct=True)
    )


def rings_of_authority(authority_id: int) -> list[tuple[Ring, Participant]]:
    """The rings an authority takes part in, with its participation."""
    return [
        (p.ring, p)
        for p in Participant.objects.filter(authority_id=authority_id)
        .select_related("ring", "ring__network")
        .order_by("ring__name")
    ]


def participants_of(ring: Ring) -> list[Participant]:
    return list(
        Participant.objects.filter(ring=ring).select_related("authority").order_by("number")
    )


def participant_of_authority(ring: Ring, authority_id: int) -> Participant | None:
    return Participant.objects.filter(ring=ring, authority_id=authority_id).first()


def figures_of(ring: Ring) -> list[Figure]:
    return list(Figure.objects.filter(ring=ring).select_related("service").order_by("key"))


def entered_figures_of(ring: Ring) -> list[Figure]:
    return [f for f in figures_of(ring) if f.source == FigureSource.ENTERED]


def kpis_of(ring: Ring) -> list[Kpi]:
    return list(Kpi.objects.filter(ring=ring).order_by("label", "pk"))


def periods_of(ring: Ring) -> list[Period]:
    return list(
        Period.objects.filter(ring=ring).annotate(value_count=Count("values")).order_by("year")
    )


def published_periods(ring: Ring) -> list[Period]:
    return list(Period.objects.filter(ring=ring, status=PeriodStatus.PUBLISHED).order_by("year"))


def values_of(period: Period, participant: Participant) -> dict[int, Value]:
    """``{figure id: value}`` of one participant in one period."""
    return {v.figure_id: v for v in Value.objects.filter(period=period, participant=participant)}


def value_counts(period: Period) -> dict[int, int]:
    """``{participant id: number of values}`` in a period."""
    return dict(
        Value.objects.filter(period=period)
        .order_by()
        .values("participant_id")
        .annotate(n=Count("*"))
        .values_list("participant_id", "n")
    )


@dataclass(frozen=True)
class Comparison:
    """A KPI in one period: the participant's value against the ring's distribution
    (``shown`` is False when fewer values than the ring's threshold exist: then no
    figure of the distribution leaves the database)."""

    kpi: Kpi
    own: Decimal | None
    note: str
    n: int
    shown: bool
    minimum: Decimal | None
    q1: Decimal | None
    median: Decimal | None
    q3: Decimal | None
    maximum: Decimal | None

    @property
    def quartile(self) -> int | None:
        """In which quarter of the distribution the own value lies, counted from the
        better end (1 = best quarter), or ``None``."""
        if not self.shown or self.own is None or self.q1 is None or self.q3 is None:
            return None
        assert self.median is not None
        own = self.own
        quarter = 1 if own <= self.q1 else 2 if own <= self.median else 3 if own <= self.q3 else 4
        return 5 - quarter if self.kpi.better == Better.HIGHER else quarter


def comparison(ring: Ring, period: Period, participant: Participant) -> list[Comparison]:
    """Every KPI of a published period for a participant: three queries."""
    kpis = kpis_of(ring)
    stats = {s.kpi_id: s for s in Statistic.objects.filter(period=period)}
    own = {r.kpi_id: r for r in Result.objects.filter(period=period, participant=participant)}
    rows = []
    for kpi in kpis:
        stat = stats.get(kpi.pk)
        result = own.get(kpi.pk)
        n = stat.n if stat else 0
        shown = bool(stat and n >= ring.threshold and stat.median is not None)
        rows.append(
            Comparison(
                kpi=kpi,
                own=result.value if result else None,
                note=result.note if result else "",
                n=n,
                shown=shown,
                minimum=stat.minimum if shown and stat else None,
                q1=stat.q1 if shown and stat else None,
                median=stat.median if shown and stat else None,
                q3=stat.q3 if shown and stat else None,
                maximum=stat.maximum if shown and stat else None,
            )
        )
    return rows


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    own: Decimal | None
    median: Decimal | None
    n: int


def trend(ring: Ring, kpi: Kpi, participant: Participant) -> list[TrendPoint]:
    """The KPI over the published periods: own value and the ring's median."""
    periods = published_periods(ring)
    own = {
        r.period_id: r.value
        for r in Result.objects.filter(kpi=kpi, participant=participant, period__in=periods)
    }
    stats = {s.period_id: s for s in Statistic.objects.filter(kpi=kpi, period__in=periods)}
    points = []
    for period in periods:
        stat = stats.get(period.pk)
        shown = stat is not None and stat.n >= ring.threshold
        points.append(
            TrendPoint(
                period,
                own.get(period.pk),
                stat.median if shown and stat else None,
                stat.n if stat else 0,
            )
        )
    return points


@dataclass(frozen=True)
class RankRow:
    rank: int
    participant_id: int
    label: str
    value: Decimal
    own: bool


def ranking(
    ring: Ring, period: Period, kpi: Kpi, *, own_ids: set[int], names: bool
) -> tuple[int, list[RankRow]]:
    """``(n, rows)``: the participants' values of a KPI from best to worst, labelled by
    pseudonym (by name only when the ring agreed on names, ``names``); the rows are
    empty when fewer values than the threshold exist."""
    results = list(
        Result.objects.filter(period=period, kpi=kpi, value__isnull=False).select_related(
            "participant", "participant__authority"
        )
    )
    if len(results) < ring.threshold:
        return len(results), []
    reverse = kpi.better == Better.HIGHER
    results.sort(key=lambda r: (r.value, r.participant.number), reverse=reverse)
    rows = []
    rank = 0
    previous: Decimal | None = None
    for position, result in enumerate(results, start=1):
        assert result.value is not None
        if result.value != previous:
            rank, previous = position, result.value
        participant = result.participant
        own = participant.pk in own_ids
        label = participant.authority.name if names or own else participant.pseudonym
        rows.append(RankRow(rank, participant.pk, label, result.value, own))
    return len(results), rows


@dataclass(frozen=True)
class OverviewRow:
    kpi: Kpi
    statistics: Sequence[Statistic | None]


def overview(ring: Ring, periods: Sequence[Period]) -> list[OverviewRow]:
    """Every KPI's distribution in each published period (two queries)."""
    stats = {(s.kpi_id, s.period_id): s for s in Statistic.objects.filter(period__in=list(periods))}
    rows = []
    for kpi in kpis_of(ring):
        cells: list[Statistic | None] = []
        for period in periods:
            stat = stats.get((kpi.pk, period.pk))
            cells.append(stat if stat is not None and stat.n >= ring.threshold else None)
        rows.append(OverviewRow(kpi, cells))
    return rows


def enterable_participant_ids(ring: Ring, scope: QuerySet[Participant]) -> set[int]:
    return set(scope.filter(ring=ring).values_list("pk", flat=True))


def missing_values(period: Period) -> int:
    """How many entered base figures are still missing in a period."""
    figures = Figure.objects.filter(ring_id=period.ring_id, source=FigureSource.ENTERED).count()
    participants = Participant.objects.filter(ring_id=period.ring_id).count()
    present = Value.objects.filter(Q(figure__source=FigureSource.ENTERED), period=period).count()
    return figures * participants - present
