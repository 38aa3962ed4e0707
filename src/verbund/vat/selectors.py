"""Reads of the §2b UStG activity analysis (the published surface of the vat app).

``group_totals`` is the figure the 17,500 € test reads: the forecast turnover of a year
summed per group of similar activities (a stream without a group is its own group), in
one aggregate query over any number of members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.networks.models import AreaTool, Network
from verbund.networks.selectors import active_memberships, tool_delegations
from verbund.vat.models import (
    ActivityGroup,
    Assessment,
    AssessmentStatus,
    RevenueStream,
    StreamAmount,
    group_key,
)
from verbund.vat.rules import DE_MINIMIS, RULE_LABELS, Result, Rule, euro

ZERO = Decimal("0.00")


def group_totals(authority_ids: Collection[int], year: int) -> dict[tuple[int, str], Decimal]:
    """``{(authority id, group key): forecast total}`` of ``year`` for the authorities'
    groups (``"group:<id>"``, or ``"stream:<id>"`` for a stream without a group). Groups
    without any forecast of the year are left out. One query (GROUP BY)."""
    rows = (
        StreamAmount.objects.filter(authority_id__in=list(authority_ids), year=year)
        .annotate(
            own=Case(
                When(stream__group_id__isnull=True, then=F("stream_id")),
                default=None,
                output_field=IntegerField(),
            )
        )
        .values("authority_id", "stream__group_id", "own")
        .annotate(total=Sum("forecast"))
        .order_by()
        .values_list("authority_id", "stream__group_id", "own", "total")
    )
    return {
        (authority_id, f"group:{group_id}" if group_id is not None else f"stream:{own}"): total
        for authority_id, group_id, own, total in rows
    }


def group_total_of(stream: RevenueStream, year: int) -> Decimal:
    """The forecast total of ``year`` of the stream's group, the stream included."""
    if stream.group_id is None:
        amounts = StreamAmount.objects.filter(stream=stream, year=year)
    else:
        amounts = StreamAmount.objects.filter(
            stream__group_id=stream.group_id, authority_id=stream.authority_id, year=year
        )
    return amounts.aggregate(total=Sum("forecast"))["total"] or ZERO


def groups_of(authority_id: int) -> list[ActivityGroup]:
    return list(ActivityGroup.objects.filter(authority_id=authority_id).order_by("name"))


def amounts_of(stream: RevenueStream) -> list[StreamAmount]:
    return list(stream.amounts.order_by("-year"))


def assessments_of(stream: RevenueStream) -> list[Assessment]:
    return list(
        stream.assessments.select_related(
            "prepared_by_network", "prepared_by", "approved_by", "reused_from__authority"
        ).order_by("-year", "-decided_at", "-pk")
    )


def approved_assessment(stream: RevenueStream, year: int) -> Assessment | None:
    return (
        Assessment.objects.filter(stream=stream, year=year, status=AssessmentStatus.APPROVED)
        .order_by("-approved_at", "-pk")
        .first()
    )


def open_assessment(stream: RevenueStream, year: int) -> Assessment | None:
    """The stream's assessment of ``year`` that is not approved yet (draft or prepared)."""
    return (
        Assessment.objects.filter(stream=stream, year=year)
        .exclude(status=AssessmentStatus.APPROVED)
        .order_by("-decided_at", "-pk")
        .first()
    )


# --- due for re-assessment -----------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """Why a stream needs a new assessment: ``code`` (``year``, ``amounts``,
    ``threshold``), ``key`` (what a reminder was sent for, once), ``text`` in words."""

    code: str
    key: str
    text: str


def due_reasons(
    stream: RevenueStream, approved: Assessment | None, total: Decimal, year: int
) -> list[Due]:
    """Why the stream is due in ``year``: no approved assessment of that year (so on
    every 1 January all become due); its amounts changed after the assessment was
    decided; or the group's forecast total crossed the 17,500 € line compared with the
    total the assessment recorded."""
    if approved is None:
        return [
            Due(
                "year",
                f"year:{year}",
                _("keine freigegebene Bewertung für %(year)d") % {"year": year},
            )
        ]
    reasons = []
    if stream.amounts_changed_at is not None and stream.amounts_changed_at > approved.decided_at:
        reasons.append(
            Due(
                "amounts",
                f"amounts:{year}:{stream.amounts_changed_at.isoformat()}",
                _("Beträge nach der Bewertung geändert (%(when)s)")
                % {"when": timezone.localtime(stream.amounts_changed_at).strftime("%d.%m.%Y")},
            )
        )
    if (approved.group_total <= DE_MINIMIS) != (total <= DE_MINIMIS):
        reasons.append(
            Due(
                "threshold",
                f"threshold:{year}:{'over' if total > DE_MINIMIS else 'under'}",
                _(
                    "Summe der gleichartigen Tätigkeiten jetzt %(now)s statt %(then)s: "
                    "die Grenze von 17.500 € ist überschritten oder unterschritten"
                )
                % {"now": euro(total), "then": euro(approved.group_total)},
            )
        )
    return reasons


@dataclass
class StreamRow:
    stream: RevenueStream
    forecast: Decimal | None
    actual: Decimal | None
    approved: Assessment | None
    open: Assessment | None
    due: list[Due]


@dataclass
class GroupRow:
    key: str
    name: str
    total: Decimal
    streams: list[StreamRow] = field(default_factory=list)

    @property
    def over_line(self) -> bool:
        return self.total > DE_MINIMIS


def register_of(authority_id: int, year: int) -> list[GroupRow]:
    """The authority's register for ``year``: groups (named ones first, then each stream
    without a group) with their forecast totals, each stream with its amounts, its
    approved and open assessment of the year and why it is due. Five queries."""
    streams = list(
        RevenueStream.objects.filter(authority_id=authority_id)
        .select_related("group", "network")
        .order_by("title", "pk")
    )
    amounts = {
        a.stream_id: a for a in StreamAmount.objects.filter(authority_id=authority_id, year=year)
    }
    approved: dict[int, Assessment] = {}
    open_: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(authority_id=authority_id, year=year).order_by(
        "decided_at", "pk"
    ):
        target = approved if assessment.status == AssessmentStatus.APPROVED else open_
        target[assessment.stream_id] = assessment  # the newest wins
    totals = group_totals([authority_id], year)
    groups: dict[str, GroupRow] = {}
    for group in groups_of(authority_id):
        key = group_key(group.pk, 0)
        groups[key] = GroupRow(key, group.name, totals.get((authority_id, key), ZERO))
    loose: list[GroupRow] = []
    for stream in streams:
        key = stream.group_key
        total = totals.get((authority_id, key), ZERO)
        if key not in groups:
            row = GroupRow(key, stream.title, total)
            loose.append(row)
            groups[key] = row
        amount = amounts.get(stream.pk)
        groups[key].streams.append(
            StreamRow(
                stream=stream,
                forecast=amount.forecast if amount else None,
                actual=amount.actual if amount else None,
                approved=approved.get(stream.pk),
                open=open_.get(stream.pk),
                due=due_reasons(stream, approved.get(stream.pk), total, year),
            )
        )
    named = [g for g in groups.values() if g.key.startswith("group:")]
    return named + loose


def due_count(authority_ids: Iterable[int], year: int) -> dict[int, int]:
    """``{authority id: streams due in year}``."""
    counts: dict[int, int] = {}
    for authority_id in authority_ids:
        counts[authority_id] = sum(
            1 for g in register_of(authority_id, year) for s in g.streams if s.due
        )
    return counts


# --- delegation and reuse ------------------------------------------------------------------------


def delegating_members(network: Network) -> list[Authority]:
    """The active members that delegated the activity analysis to ``network`` today."""
    delegations = tool_delegations(AreaTool.VAT)
    ids = {aid for aid, networks in delegations.items() if network.pk in networks}
    return sorted(
        (m.authority for m in active_memberships(network) if m.authority_id in ids),
        key=lambda a: a.name,
    )


def delegated_networks(authority: Authority) -> list[Network]:
    """The networks whose service centre prepares the analysis for ``authority``."""
    ids = tool_delegations(AreaTool.VAT, authority_ids={authority.pk}).get(authority.pk, set())
    return list(Network.objects.filter(pk__in=ids).order_by("name"))


def reuse_candidates(
    scope: QuerySet[Assessment], stream: RevenueStream, text: str = ""
) -> list[Assessment]:
    """Approved assessments of other members within ``scope`` (what the user may see),
    filtered by ``text`` in the stream's title or legal basis; newest first."""
    rows = scope.filter(status=AssessmentStatus.APPROVED).exclude(authority_id=stream.authority_id)
    text = text.strip()
    if text:
        rows = rows.filter(
            Q(stream__title__icontains=text) | Q(stream__legal_basis__icontains=text)
        )
    return list(
        rows.select_related("authority", "stream").order_by("-year", "-approved_at", "-pk")[:50]
    )


# --- the cost allocation's VAT (networks.hooks.COST_VAT) -----------------------------------------


def network_stream(network_id: int) -> RevenueStream | None:
    return RevenueStream.objects.filter(network_id=network_id).select_related("authority").first()


@dataclass(frozen=True)
class CooperationRuling:
    """The approved assessment that decides the VAT of a network's cost allocation."""

    assessment: Assessment
    rate: Decimal | None
    basis: str


RATES = {"19": Decimal("0.19"), "7": Decimal("0.07")}


def cooperation_ruling(network_id: int, on: dt.date) -> CooperationRuling | None:
    """The newest approved assessment of ``on.year`` of the network's stream (the
    members' reimbursements): VAT at its rate when taxable and not exempt, none
    otherwise. ``None`` without such a stream or assessment."""
    stream = network_stream(network_id)
    if stream is None:
        return None
    assessment = approved_assessment(stream, on.year)
    if assessment is None:
        return None
    rate = RATES.get(assessment.rate) if assessment.taxed else None
    if assessment.result == Result.TAXABLE:
        verdict = (
            _("steuerbar, aber steuerfrei (%(exemption)s)") % {"exemption": assessment.exemption}
            if assessment.exemption
            else _("steuerbar, %(rate)s %%") % {"rate": assessment.rate}
        )
    else:
        verdict = _("nicht steuerbar")
    basis = _("Tätigkeitsanalyse %(year)d von %(name)s: %(verdict)s (Regel: %(rule)s)") % {
        "year": assessment.year,
        "name": stream.authority.name,
        "verdict": verdict,
        "rule": RULE_LABELS[Rule(assessment.rule)],
    }
    return CooperationRuling(assessment, rate, basis)
