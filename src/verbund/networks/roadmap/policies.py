"""Access policies of the development roadmap (docs/networks.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from verbund.accounts.selectors import grants_for
from verbund.core.access import register
from verbund.networks.models import Membership, Network
from verbund.networks.policies import NetworkPart
from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem


class RoadmapItemPolicy(NetworkPart):
    """Roadmap items: VIEW for the staff of the network's members and its coordinators;
    CHANGE for its coordinators, who manage every item for any member. Member staff act
    only for their own authority (propose, take the build, commit, withdraw; as builder:
    start and publish): :func:`roadmap_acting_authority_ids`."""

    model = RoadmapItem


class AdoptionCommitmentPolicy(NetworkPart):
    model = AdoptionCommitment
    path = "item__network_id"


def roadmap_acting_authority_ids(user: Any, network: Network) -> set[int]:
    """The members of ``network`` (today) for which ``user`` may act on its roadmap:
    every member for a coordinator of the network, else the members in which the user
    holds a role (clerk or authority admin)."""
    grants = grants_for(user)
    today = timezone.localdate()
    members = set(
        Membership.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gte=today),
            network=network,
            joined_on__lte=today,
        ).values_list("authority_id", flat=True)
    )
    if network.pk in grants.coordinated_network_ids:
        return members
    return members & grants.authority_ids()  # any role: clerk or authority admin


register(RoadmapItemPolicy())
register(AdoptionCommitmentPolicy())
