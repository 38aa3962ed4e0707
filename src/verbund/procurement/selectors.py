"""Reads of the joint procurement (the published surface of the procurement app).

The figures of a call (its estimated value, the threshold check, the lots' values and
the 80/20 rule) aggregate *all* members' lines: every member of the network may see
these totals, while the lines themselves are shown only to whom the policy allows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import QuerySet
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.networks.models import AreaTool, CooperationArea, Network
from verbund.procurement import rules
from verbund.procurement.models import Award, CallStatus, DemandCall, DemandLine, Lot, Mandate

NRW_LAND = "05"  # the first two digits of a Regionalschlüssel in North Rhine-Westphalia


def term_of(call: DemandCall) -> rules.Term:
    return rules.Term(call.term_months, call.option_months, Decimal(call.option_percent))


def line_annual(line: DemandLine) -> Decimal:
    return rules.annual_value(Decimal(line.quantity), Decimal(line.unit_price))


def value_of(lines: Iterable[DemandLine], term: rules.Term) -> Decimal:
    """The estimated value of ``lines`` over the call's whole term with its options."""
    return rules.estimated_value((line_annual(line) for line in lines), term)


@dataclass(frozen=True)
class LotFigures:
    lot: Lot
    value: Decimal
    lines: int
    members: int
    small: bool  # may be awarded nationally under the 80/20 rule
    award: Award | None


@dataclass(frozen=True)
class CallFigures:
    term: rules.Term
    annual: Decimal  # the demand of one year, net
    value: Decimal  # the estimated value over the whole term with options
    check: rules.ThresholdCheck
    formula: str
    lots: list[LotFigures]
    unpooled: int  # lines in no lot
    quota: rules.LotQuota | None  # the 80/20 rule, where the EU threshold is reached
    members: int


def call_lines(call: DemandCall) -> list[DemandLine]:
    """Every line of the call (the service's and the summary's view)."""
    return list(call.lines.select_related("authority", "lot").order_by("authority__name", "pk"))


def call_figures(call: DemandCall, lines: list[DemandLine] | None = None) -> CallFigures:
    lines = call_lines(call) if lines is None else lines
    term = term_of(call)
    value = value_of(lines, term)
    check = rules.threshold_check(
        value=value,
        kind=rules.ContractKind(call.kind),
        on=call.deadline,
        months=term.months,
        nrw=call.lead_authority.ars.startswith(NRW_LAND),
    )
    lots = list(call.lots.select_related("award").order_by("number"))
    by_lot: dict[int, list[DemandLine]] = {}
    for line in lines:
        if line.lot_id is not None:
            by_lot.setdefault(line.lot_id, []).append(line)
    values = {lot.pk: value_of(by_lot.get(lot.pk, []), term) for lot in lots}
    quota = (
        rules.lot_quota(list(values.items()), total=value, kind=rules.ContractKind(call.kind))
        if check.eu and lots
        else None
    )
    return CallFigures(
        term=term,
        annual=sum((line_annual(line) for line in lines), Decimal(0)),
        value=value,
        check=check,
        formula=rules.formula_text(term),
        lots=[
            LotFigures(
                lot=lot,
                value=values[lot.pk],
                lines=len(by_lot.get(lot.pk, [])),
                members=len({line.authority_id for line in by_lot.get(lot.pk, [])}),
                small=quota is not None and lot.pk in quota.qualifying,
                award=getattr(lot, "award", None),
            )
            for lot in lots
        ],
        unpooled=sum(1 for line in lines if line.lot_id is None),
        quota=quota,
        members=len({line.authority_id for line in lines}),
    )


@dataclass(frozen=True)
class MemberTotal:
    authority: Authority
    lines: int
    annual: Decimal
    value: Decimal
    share: Decimal  # of the cost allocation: awarded value where awarded, else estimated
    mandate: bool


def member_totals(call: DemandCall, lines: list[DemandLine] | None = None) -> list[MemberTotal]:
    """One row per member that reported demand, by name."""
    lines = call_lines(call) if lines is None else lines
    term = term_of(call)
    shares = member_shares(call, lines)
    mandated = set(call.mandates.values_list("authority_id", flat=True))
    grouped: dict[int, list[DemandLine]] = {}
    for line in lines:
        grouped.setdefault(line.authority_id, []).append(line)
    rows = [
        MemberTotal(
            authority=own[0].authority,
            lines=len(own),
            annual=sum((line_annual(line) for line in own), Decimal(0)),
            value=value_of(own, term),
            share=shares.get(authority_id, Decimal(0)),
            mandate=authority_id in mandated or authority_id == call.lead_authority_id,
        )
        for authority_id, own in grouped.items()
    ]
    return sorted(rows, key=lambda row: row.authority.name)


def member_shares(call: DemandCall, lines: list[DemandLine] | None = None) -> dict[int, Decimal]:
    """``{authority id: share}`` of the procurement's value, to the cent: a line in an
    awarded lot takes its part of the award amount (split by the lines' estimated
    values in the lot; equally when they are all zero), any other line its estimated
    value."""
    lines = call_lines(call) if lines is None else lines
    term = term_of(call)
    awards = dict(Award.objects.filter(lot__call=call).values_list("lot_id", "amount"))
    exact: dict[int, Fraction] = {}
    lot_lines: dict[int, list[DemandLine]] = {}
    for line in lines:
        if line.lot_id is not None and line.lot_id in awards:
            lot_lines.setdefault(line.lot_id, []).append(line)
        else:
            value = Fraction(value_of([line], term))
            exact[line.authority_id] = exact.get(line.authority_id, Fraction(0)) + value
    for lot_id, own in lot_lines.items():
        amount = Fraction(awards[lot_id])
        weights = [Fraction(line_annual(line)) for line in own]
        total = sum(weights, Fraction(0))
        for line, weight in zip(own, weights, strict=True):
            part = amount * weight / total if total else amount / len(own)
            exact[line.authority_id] = exact.get(line.authority_id, Fraction(0)) + part
    return {
        authority_id: (Decimal(v.numerator) / Decimal(v.denominator)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        for authority_id, v in exact.items()
    }


def procurement_area(network: Network) -> CooperationArea | None:
    """The network's cooperation area that carries the procurement tool, if any."""
    return CooperationArea.objects.filter(network=network, tool=AreaTool.PROCUREMENT).first()


def calls_of_network(scope: QuerySet[DemandCall], network: Network) -> list[DemandCall]:
    return list(
        scope.filter(network=network)
        .select_related("lead_authority", "agreement", "budget_item")
        .order_by("-deadline", "subject")
    )


def open_calls(
    scope: QuerySet[DemandCall], *, network_ids: Collection[int] | None = None
) -> list[DemandCall]:
    """The open calls in ``scope`` whose deadline has not passed, soonest first."""
    calls = scope.filter(status=CallStatus.OPEN, deadline__gte=timezone.localdate())
    if network_ids is not None:
        calls = calls.filter(network_id__in=list(network_ids))
    return list(calls.select_related("network").order_by("deadline", "subject"))


def lines_in(scope: QuerySet[DemandLine], call: DemandCall) -> list[DemandLine]:
    """The call's lines within ``scope`` (what the user may see)."""
    return list(
        scope.filter(call=call).select_related("authority", "lot").order_by("authority__name", "pk")
    )


def mandates_in(scope: QuerySet[Mandate], call: DemandCall) -> list[Mandate]:
    return list(
        scope.filter(call=call)
        .select_related("authority", "granted_by")
        .order_by("authority__name")
    )
