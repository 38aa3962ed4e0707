"""Reads about networks (the published surface of the networks app)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.networks.models import Membership, Network


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
