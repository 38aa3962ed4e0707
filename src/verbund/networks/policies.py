"""Access policies for networks, memberships, cooperation areas and agreements.

Staff of an authority that is an active member see the network; its
coordinators change it. The sub-domains (groups, roadmap, costs) build their
policies on :class:`NetworkPart` in their own ``policies.py``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.networks.models import (
    Agreement,
    AreaParticipation,
    CooperationArea,
    Membership,
    Network,
)
from verbund.networks.selectors import tool_delegations


def tool_delegated_authority_ids(user: Any, tool: str) -> set[int]:
    """The authorities whose work with ``tool`` (an ``AreaTool``) ``user`` does as the
    coordinator of a network they delegated it to (level 4, ``tool_delegations``)."""
    coordinated = grants_for(user).coordinated_network_ids
    if not coordinated:
        return set()
    return {
        authority_id
        for authority_id, network_ids in tool_delegations(tool).items()
        if network_ids & coordinated
    }


def fellow_member_filter(user: Any, prefix: str = "") -> Q:
    """Rows (``<prefix>authority_id``) of authorities that are active members today of a
    network the user's authorities are active members of, or that the user
    coordinates."""
    grants = grants_for(user)
    today = timezone.localdate()
    active = Q(joined_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gte=today))
    own_networks = Membership.objects.filter(
        active, authority_id__in=grants.authority_ids()
    ).values("network_id")
    networks = Q(network_id__in=own_networks) | Q(network_id__in=grants.coordinated_network_ids)
    members = Membership.objects.filter(active, networks).values("authority_id")
    return Q(**{f"{prefix}authority_id__in": members})


def visible_network_filter(user: Any) -> Q:
    """The networks ``user`` sees: those it coordinates and those one of its
    authorities is a member of today."""
    grants = grants_for(user)
    today = timezone.localdate()
    member_network_ids = Membership.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=today),
        authority_id__in=grants.authority_ids(),
        joined_on__lte=today,
    ).values("network_id")
    return Q(pk__in=grants.coordinated_network_ids) | Q(pk__in=member_network_ids)


class NetworkPolicy(Policy[Network]):
    model = Network

    def scope(self, user: Any, action: Action) -> QuerySet[Network]:
        if action is Action.VIEW:
            return Network.objects.filter(visible_network_filter(user))
        return Network.objects.filter(pk__in=grants_for(user).coordinated_network_ids)


class MembershipPolicy(Policy[Membership]):
    model = Membership

    def scope(self, user: Any, action: Action) -> QuerySet[Membership]:
        if action is Action.VIEW:
            visible = Network.objects.filter(visible_network_filter(user)).values("pk")
            return Membership.objects.filter(network_id__in=visible)
        return Membership.objects.filter(network_id__in=grants_for(user).coordinated_network_ids)


class NetworkPart(Policy[Any]):
    """A row that belongs to a network (``path`` leads to its network's id): visible to
    its members' staff and its coordinators, changed by its coordinators. The base of
    the sub-domains' policies too."""

    path = "network_id"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        manager = self.model._default_manager
        if action is Action.VIEW:
            visible = Network.objects.filter(visible_network_filter(user)).values("pk")
            return manager.filter(**{f"{self.path}__in": visible})
        return manager.filter(**{f"{self.path}__in": grants_for(user).coordinated_network_ids})


class AgreementPolicy(NetworkPart):
    model = Agreement


class CooperationAreaPolicy(NetworkPart):
    model = CooperationArea


class AreaParticipationPolicy(NetworkPart):
    model = AreaParticipation
    path = "area__network_id"


register(NetworkPolicy())
register(MembershipPolicy())
register(AgreementPolicy())
register(CooperationAreaPolicy())
register(AreaParticipationPolicy())
