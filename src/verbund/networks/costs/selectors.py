"""Reads for cost allocation: budget items, live and frozen shares (issue #6, item 5;
the reuse report of a network is the catalogue's: ``catalogue.reuse``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy

from verbund.networks.costs.allocation import (
    VAT_STANDARD_RATE,
    Allocation,
    AllocationKey,
    MemberBasis,
    MemberShare,
    allocate,
)
from verbund.networks.costs.basis import member_bases
from verbund.networks.costs.models import (
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
)
from verbund.networks.costs.participants import Participants, item_participants
from verbund.networks.hooks import CostVatRuling, cost_vat_ruling
from verbund.networks.models import Network

ZERO = Decimal("0.00")
VAT_SWITCH_BASIS = gettext_lazy("Schalter des Postens, keine freigegebene Tätigkeitsanalyse")


def item_key(item: BudgetItem) -> AllocationKey:
    """The item's key; raises ``ValidationError`` for weights that do not sum to 100."""
    return AllocationKey(
        equal=Decimal(item.weight_equal),
        population=Decimal(item.weight_population),
        cases=Decimal(item.weight_cases),
        usage=Decimal(item.weight_usage),
    )


def item_vat_ruling(item: BudgetItem) -> CostVatRuling | None:
    """The approved §2b UStG assessment of the network's cooperation for the year the
    item's period ends in (``networks.hooks.COST_VAT``), or ``None``."""
    return cost_vat_ruling(item.network_id, item.period_end)


def item_vat_rate(item: BudgetItem) -> Decimal | None:
    """The VAT rate of the item's shares: the cooperation's approved assessment decides
    when there is one; otherwise the item's own switch."""
    ruling = item_vat_ruling(item)
    if ruling is not None:
        return ruling.rate
    return VAT_STANDARD_RATE if item.vat else None


def item_vat_basis(item: BudgetItem) -> str:
    """Where the item's VAT comes from, in words."""
    ruling = item_vat_ruling(item)
    if ruling is not None:
        return ruling.basis
    return str(VAT_SWITCH_BASIS)


def usage_of(item: BudgetItem) -> dict[int, Decimal]:
    """``{authority id: usage}`` entered for the item (none for an unsaved one)."""
    if item.pk is None:
        return {}
    return dict(BudgetUsage.objects.filter(item=item).values_list("authority_id", "usage"))


def item_member_ids(item: BudgetItem) -> set[int]:
    """The members the item is split among: the network's members on the period's end
    that satisfy its participant rule that day."""
    return set(item_participants(item).ids)


def item_bases(
    item: BudgetItem,
    usage: dict[int, Decimal] | None = None,
    *,
    participants: Participants | None = None,
) -> list[MemberBasis]:
    """The basis of every participant (``participants`` when already read)."""
    ids = (participants or item_participants(item)).ids
    return member_bases(
        ids,
        start=item.period_start,
        end=item.period_end,
        population_date=item.population_on,
        usage=usage if usage is not None else usage_of(item),
    )


def live_allocation(item: BudgetItem) -> Allocation:
    """The shares from today's figures. Raises ``ValidationError`` when they cannot be
    computed (a member without population, no cases at all, …)."""
    return allocate(
        Decimal(item.amount), item_bases(item), item_key(item), vat_rate=item_vat_rate(item)
    )


def run_of(item: BudgetItem) -> AllocationRun | None:
    return AllocationRun.objects.filter(item=item).first()


def frozen_allocation(run: AllocationRun) -> Allocation:
    """A closed run as the engine's ``Allocation``, rebuilt from its stored rows."""
    item = run.item
    shares = []
    for row in AllocationRow.objects.filter(run=run).order_by("position"):
        shares.append(
            MemberShare(
                basis=MemberBasis(
                    authority_id=row.authority_id,
                    name=row.name,
                    population=row.population,
                    cases=row.cases,
                    usage=Decimal(row.usage),
                ),
                exact=Fraction(row.exact),
                equal=row.equal_part,
                population=row.population_part,
                cases=row.cases_part,
                usage=row.usage_part,
                net=row.net,
                vat=row.vat,
                gross=row.gross,
                remainder_cent=row.remainder_cent,
            )
        )

    def total(attribute: str) -> Decimal:
        return sum((getattr(s, attribute) for s in shares), ZERO)

    return Allocation(
        total=Decimal(item.amount).quantize(ZERO),
        key=item_key(item),
        vat_rate=run.vat_rate.normalize() if run.vat_rate is not None else None,
        shares=tuple(shares),
        equal_total=total("equal"),
        population_total=total("population"),
        cases_total=total("cases"),
        usage_total=total("usage"),
        net_total=total("net"),
        vat_total=total("vat"),
        gross_total=total("gross"),
        remainder_cents=sum(1 for s in shares if s.remainder_cent),
        remainder_note=run.remainder_note,
    )


@dataclass(frozen=True)
class ParticipationText:
    """Who takes part and why the others do not, in words: as frozen in the closed run,
    else as of now."""

    summary: str
    non_participants: tuple[str, ...]

    def lines(self) -> list[str]:
        return [self.summary, *self.non_participants] if self.summary else []


def item_participation(item: BudgetItem) -> ParticipationText:
    run = run_of(item)
    if run is not None:
        return ParticipationText(
            run.participants_note,
            tuple(line for line in run.non_participants_note.splitlines() if line),
        )
    participants = item_participants(item)
    return ParticipationText(participants.summary, tuple(participants.sentences))


def item_allocation(item: BudgetItem) -> Allocation:
    """The frozen result of a closed item, else the live one (may raise ``ValidationError``)."""
    run = run_of(item)
    return frozen_allocation(run) if run is not None else live_allocation(item)


@dataclass(frozen=True)
class ItemRow:
    item: BudgetItem
    closed: bool
    gross_total: Decimal | None  # of the closed run
    vat_rate: Decimal | None  # frozen in the closed run, else as it would apply today


def budget_items_of_network(network: Network) -> list[ItemRow]:
    """The network's items, newest period first, with the gross total of closed ones."""
    items = list(network.budget_items.order_by("-period_start", "title"))
    runs = {
        run.item_id: run for run in AllocationRun.objects.filter(item__in=[i.pk for i in items])
    }
    gross: dict[int, Decimal] = {}
    for run_id, value in (
        AllocationRow.objects.filter(run__in=list(runs.values()))
        .values_list("run__item_id", "gross")
        .order_by()
    ):
        gross[run_id] = gross.get(run_id, ZERO) + value
    return [
        ItemRow(
            item,
            item.pk in runs,
            gross.get(item.pk),
            runs[item.pk].vat_rate if item.pk in runs else item_vat_rate(item),
        )
        for item in items
    ]


def budget_total(rows: list[ItemRow]) -> Decimal:
    return sum((row.item.amount for row in rows), ZERO)
