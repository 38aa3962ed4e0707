"""Reads for cost allocation (budget items, live and frozen shares) and the reuse
report of a network (issue #6, items 5 and 6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.cases.models import Case
from verbund.catalogue.models import Adoption, Service, ServiceStatus
from verbund.networks.allocation import (
    VAT_STANDARD_RATE,
    Allocation,
    AllocationKey,
    MemberBasis,
    MemberShare,
    allocate,
)
from verbund.networks.basis import day_start, member_bases
from verbund.networks.models import Network
from verbund.networks.models_costs import (
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
    DevelopmentCost,
)
from verbund.networks.selectors import active_member_ids

ZERO = Decimal("0.00")


def item_key(item: BudgetItem) -> AllocationKey:
    """The item's key; raises ``ValidationError`` for weights that do not sum to 100."""
    return AllocationKey(
        equal=Decimal(item.weight_equal),
        population=Decimal(item.weight_population),
        cases=Decimal(item.weight_cases),
        usage=Decimal(item.weight_usage),
    )


def item_vat_rate(item: BudgetItem) -> Decimal | None:
    return VAT_STANDARD_RATE if item.vat else None


def usage_of(item: BudgetItem) -> dict[int, Decimal]:
    """``{authority id: usage}`` entered for the item (none for an unsaved one)."""
    if item.pk is None:
        return {}
    return dict(BudgetUsage.objects.filter(item=item).values_list("authority_id", "usage"))


def item_member_ids(item: BudgetItem) -> set[int]:
    """The members the item is split among: the network's members on the period's end."""
    return active_member_ids(item.network, on=item.period_end)


def item_bases(item: BudgetItem, usage: dict[int, Decimal] | None = None) -> list[MemberBasis]:
    return member_bases(
        item_member_ids(item),
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


def item_allocation(item: BudgetItem) -> Allocation:
    """The frozen result of a closed item, else the live one (may raise ``ValidationError``)."""
    run = run_of(item)
    return frozen_allocation(run) if run is not None else live_allocation(item)


@dataclass(frozen=True)
class ItemRow:
    item: BudgetItem
    closed: bool
    gross_total: Decimal | None  # of the closed run


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
    return [ItemRow(item, item.pk in runs, gross.get(item.pk)) for item in items]


def budget_total(rows: list[ItemRow]) -> Decimal:
    return sum((row.item.amount for row in rows), ZERO)


# --- reuse report ---------------------------------------------------------------------------


def service_cases_per_authority(
    service_ids: list[int], authority_ids: set[int], start: dt.date, end: dt.date
) -> dict[tuple[int, int], int]:
    """``{(service id, processing authority id): cases received from start to end}``
    (calendar days in Europe/Berlin, both inclusive), in one query; pairs without
    cases are left out."""
    if not service_ids or not authority_ids:
        return {}
    rows = (
        Case.objects.filter(
            service_id__in=service_ids,
            authority_id__in=authority_ids,
            received_at__gte=day_start(start),
            received_at__lt=day_start(end + dt.timedelta(days=1)),
        )
        .order_by()
        .values("service_id", "authority_id")
        .annotate(count=Count("*"))
        .values_list("service_id", "authority_id", "count")
    )
    return {(service_id, authority_id): count for service_id, authority_id, count in rows}


@dataclass(frozen=True)
class MemberCases:
    authority: Authority
    cases: int


@dataclass(frozen=True)
class ServiceReuseRow:
    service: Service
    builder_is_member: bool
    adopters: list[Authority]  # members that use the service today, by name
    reusers: int  # adopters other than the builder
    cases: list[MemberCases]  # per adopter and per member that processed cases, by name
    cases_total: int
    development_cost: Decimal | None
    avoided_cost: Decimal | None


@dataclass(frozen=True)
class ReuseReport:
    start: dt.date
    end: dt.date
    default_cost: Decimal | None
    rows: list[ServiceReuseRow]
    reusers_total: int
    avoided_total: Decimal


def development_costs(network: Network) -> tuple[Decimal | None, dict[int, Decimal]]:
    """The network's default development cost and the ones per service."""
    default = None
    per_service: dict[int, Decimal] = {}
    for service_id, amount in DevelopmentCost.objects.filter(network=network).values_list(
        "service_id", "amount"
    ):
        if service_id is None:
            default = amount
        else:
            per_service[service_id] = amount
    return default, per_service


def adopters_any(authority_id: int, adopters: dict[int, dict[int, Authority]]) -> Authority | None:
    for users in adopters.values():
        if authority_id in users:
            return users[authority_id]
    return None


def reuse_report(
    network: Network, *, start: dt.date, end: dt.date, on: dt.date | None = None
) -> ReuseReport:
    """Per published service that a member built or adopted: its builder, the members
    that use it on ``on`` (today by default), their cases from ``start`` to ``end`` and
    the development cost avoided, (adopters other than the builder) × the
    coordinator's development cost of one online service."""
    day = on or timezone.localdate()
    member_ids = active_member_ids(network, on=day)
    adoptions = (
        Adoption.objects.filter(
            Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day)),
            authority_id__in=member_ids,
            service__status=ServiceStatus.PUBLISHED,
        )
        .select_related("authority")
        .order_by("authority__name")
    )
    adopters: dict[int, dict[int, Authority]] = {}
    for adoption in adoptions:
        adopters.setdefault(adoption.service_id, {})[adoption.authority_id] = adoption.authority
    services = list(
        Service.objects.filter(status=ServiceStatus.PUBLISHED)
        .filter(Q(builder_id__in=member_ids) | Q(pk__in=list(adopters)))
        .select_related("builder")
        .order_by("title")
    )
    counts = service_cases_per_authority([s.pk for s in services], member_ids, start, end)
    default, per_service = development_costs(network)
    # Members that processed cases of a service without adopting it (for another
    # member, under an agreement) appear in its cases too.
    known = {pk for users in adopters.values() for pk in users}
    extra = {a.pk: a for a in Authority.objects.filter(pk__in={pk for _s, pk in counts} - known)}
    rows = []
    for service in services:
        users = sorted(adopters.get(service.pk, {}).values(), key=lambda a: (a.name, a.pk))
        reusers = sum(1 for a in users if a.pk != service.builder_id)
        cost = per_service.get(service.pk, default)
        processing = {a.pk: a for a in users}
        for service_id, authority_id in counts:
            if service_id == service.pk and authority_id not in processing:
                processing[authority_id] = (
                    adopters_any(authority_id, adopters) or extra[authority_id]
                )
        cases = [
            MemberCases(a, counts.get((service.pk, a.pk), 0))
            for a in sorted(processing.values(), key=lambda a: (a.name, a.pk))
        ]
        rows.append(
            ServiceReuseRow(
                service=service,
                builder_is_member=service.builder_id in member_ids,
                adopters=users,
                reusers=reusers,
                cases=cases,
                cases_total=sum(c.cases for c in cases),
                development_cost=cost,
                avoided_cost=(cost * reusers).quantize(ZERO) if cost is not None else None,
            )
        )
    return ReuseReport(
        start=start,
        end=end,
        default_cost=default,
        rows=rows,
        reusers_total=sum(r.reusers for r in rows),
        avoided_total=sum((r.avoided_cost for r in rows if r.avoided_cost is not None), ZERO),
    )
