"""Reads of what a network reuses: the services its members built or adopted, who uses
them, the cases they bring and the development cost that reuse avoided.

Two views of the same facts: :func:`network_reuse` (today's figures for a network's
page) and :func:`reuse_report` (a period's cases and the avoided cost, the
coordinator's report and the dashboard). The cases come from the back office
through ``core.facts`` (``cases.processing``); the development costs are the
network's (``networks.costs.models.DevelopmentCost``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.catalogue.models import Adoption, Service, ServiceStatus
from verbund.catalogue.selectors import running_on
from verbund.core.facts import Period, fact
from verbund.networks.costs.models import DevelopmentCost
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ServiceReuse:
    service: Service
    builder_is_member: bool
    adopters: int


@dataclass(frozen=True)
class NetworkReuse:
    members: int
    services_built: int
    adoptions: int
    members_served: int
    rows: list[ServiceReuse]


def network_reuse(network: Network) -> NetworkReuse:
    """Reuse figures of a network: services its members built, adoptions by its
    members, members that use at least one shared service."""
    today = timezone.localdate()
    member_ids = active_member_ids(network, on=today)
    running = Adoption.objects.filter(
        running_on(today), authority_id__in=member_ids, service__status=ServiceStatus.PUBLISHED
    )
    services = (
        Service.objects.filter(status=ServiceStatus.PUBLISHED)
        .filter(Q(builder_id__in=member_ids) | Q(adoptions__in=running))
        .distinct()
        .annotate(member_adopters=Count("adoptions", filter=Q(adoptions__in=running)))
        .select_related("builder")
        .order_by("title")
    )
    rows = [ServiceReuse(s, s.builder_id in member_ids, s.member_adopters) for s in services]
    return NetworkReuse(
        members=len(member_ids),
        services_built=sum(1 for r in rows if r.builder_is_member),
        adoptions=running.count(),
        members_served=running.values("authority_id").distinct().count(),
        rows=rows,
    )


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
    counts = fact("cases.processing").per_service(
        [s.pk for s in services], member_ids, Period(start, end)
    )
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
