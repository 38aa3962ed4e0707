"""Reads about networks (the published surface of the networks app)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.networks.models import (
    Agreement,
    AreaParticipation,
    CooperationArea,
    Membership,
    Network,
    ParticipationLevel,
)


def _active_filter(on: dt.date) -> Q:
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gte=on))


def active_memberships(network: Network, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """Members on ``on`` (today by default), lead first."""
    day = on or timezone.localdate()
    return (
        network.memberships.filter(_active_filter(day))
        .select_related("authority", "authority__parent")
        .order_by("role", "authority__name")  # "lead" sorts before "member"
    )


def past_and_future_memberships(
    network: Network, *, on: dt.date | None = None
) -> QuerySet[Membership]:
    day = on or timezone.localdate()
    return (
        network.memberships.exclude(_active_filter(day))
        .select_related("authority")
        .order_by("-joined_on", "authority__name")
    )


def memberships_of_member(network: Network, authority_id: int) -> QuerySet[Membership]:
    """Every membership of one authority in ``network``, the earliest first: the history
    of a member that left and rejoined."""
    return (
        network.memberships.filter(authority_id=authority_id)
        .select_related("authority")
        .order_by("joined_on", "pk")
    )


def networks_of_authority(authority_id: int, *, on: dt.date | None = None) -> QuerySet[Network]:
    day = on or timezone.localdate()
    memberships = Membership.objects.filter(_active_filter(day), authority_id=authority_id)
    return Network.objects.filter(pk__in=memberships.values("network_id")).order_by("name")


def network_by_slug(slug: str) -> Network | None:
    return Network.objects.filter(slug=slug).first()


def active_member_ids(network: Network | None = None, *, on: dt.date | None = None) -> set[int]:
    """Authority ids of the members on ``on`` (today by default): of ``network``, or of
    any network when it is ``None``."""
    day = on or timezone.localdate()
    memberships = Membership.objects.filter(_active_filter(day))
    if network is not None:
        memberships = memberships.filter(network=network)
    return set(memberships.values_list("authority_id", flat=True))


def active_members_by_network(*, on: dt.date | None = None) -> dict[int, set[int]]:
    """``{network id: authority ids of its members on on}`` in one query."""
    day = on or timezone.localdate()
    members: dict[int, set[int]] = {}
    for network_id, authority_id in Membership.objects.filter(_active_filter(day)).values_list(
        "network_id", "authority_id"
    ):
        members.setdefault(network_id, set()).add(authority_id)
    return members


def is_active_member(authority_id: int, *, on: dt.date | None = None) -> bool:
    """Whether the authority is a member of any network on ``on`` (on the platform)."""
    day = on or timezone.localdate()
    return Membership.objects.filter(_active_filter(day), authority_id=authority_id).exists()


def agreement_rows_in_force(
    on: dt.date,
) -> list[tuple[int, str, str, int, frozenset[int], frozenset[int]]]:
    """``(id, title, kind, processing id, party ids, service ids)`` of every agreement
    in force on ``on``, in three queries."""
    agreements = list(
        Agreement.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("pk")
        .values_list("pk", "title", "kind", "processing_id")
    )
    ids = [row[0] for row in agreements]
    parties: dict[int, set[int]] = {pk: set() for pk in ids}
    services: dict[int, set[int]] = {pk: set() for pk in ids}
    for agreement_id, authority_id in Agreement.parties.through.objects.filter(
        agreement_id__in=ids
    ).values_list("agreement_id", "authority_id"):
        parties[agreement_id].add(authority_id)
    for agreement_id, service_id in Agreement.services.through.objects.filter(
        agreement_id__in=ids
    ).values_list("agreement_id", "service_id"):
        services[agreement_id].add(service_id)
    return [
        (pk, title, kind, processing_id, frozenset(parties[pk]), frozenset(services[pk]))
        for pk, title, kind, processing_id in agreements
    ]


# --- cooperation areas ----------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    authority: Authority
    levels: list[int | None]  # per area, None: never recorded


def areas_of_network(network: Network) -> list[CooperationArea]:
    return list(network.areas.order_by("position", "name"))


def area_matrix(
    network: Network, *, on: dt.date | None = None
) -> tuple[list[CooperationArea], list[MatrixRow]]:
    """The members on ``on`` (today by default) × the network's areas, with each
    member's level on that day; two queries besides the members."""
    day = on or timezone.localdate()
    areas = areas_of_network(network)
    levels: dict[tuple[int, int], int] = {}
    for area_id, authority_id, level in (
        AreaParticipation.objects.filter(area__network=network, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("area_id", "authority_id", "level")
    ):
        levels[(area_id, authority_id)] = level
    rows = [
        MatrixRow(m.authority, [levels.get((area.pk, m.authority_id)) for area in areas])
        for m in active_memberships(network, on=day)
    ]
    return areas, rows


def tool_delegations(
    tool: str, *, on: dt.date | None = None, authority_ids: set[int] | None = None
) -> dict[int, set[int]]:
    """``{authority id: network ids}``: the members that delegated ``tool`` (level 4
    "Aufgabe übertragen" in the area that carries it) on ``on`` (today by default), with
    the networks whose coordinators may work for them; limited to ``authority_ids`` when
    given. One query."""
    day = on or timezone.localdate()
    rows = (
        AreaParticipation.objects.filter(
            area__tool=tool,
            level=ParticipationLevel.TRANSFERRED,
            valid_from__lte=day,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .filter(
            authority__memberships__network=F("area__network"),
            authority__memberships__joined_on__lte=day,
        )
        .filter(
            Q(authority__memberships__left_on__isnull=True)
            | Q(authority__memberships__left_on__gte=day)
        )
    )
    if authority_ids is not None:
        rows = rows.filter(authority_id__in=authority_ids)
    delegations: dict[int, set[int]] = {}
    for authority_id, network_id in rows.values_list("authority_id", "area__network_id"):
        delegations.setdefault(authority_id, set()).add(network_id)
    return delegations


def area_history(network: Network) -> list[AreaParticipation]:
    """Every recorded level of the network's areas, the newest first."""
    return list(
        AreaParticipation.objects.filter(area__network=network)
        .select_related("area", "authority")
        .order_by("-valid_from", "area__position", "area__name", "authority__name")
    )


# --- agreements -----------------------------------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier; the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    in_force: bool
    notice_by: dt.date | None  # the last day to give notice for the agreed end


def agreements_of_network(network: Network, *, on: dt.date | None = None) -> list[AgreementRow]:
    day = on or timezone.localdate()
    rows = []
    for agreement in (
        network.agreements.select_related("processing")
        .prefetch_related("parties", "services", "areas")
        .order_by("-starts_on", "title")
    ):
        notice_by = None
        if agreement.ends_on is not None and agreement.notice_months:
            notice_by = months_before(agreement.ends_on, agreement.notice_months)
        rows.append(AgreementRow(agreement, agreement.in_force(day), notice_by))
    return rows


def authority_by_id(authority_id: int) -> Authority:
    return Authority.objects.get(pk=authority_id)
