"""Access policies for networks and memberships.

Staff of an authority that is an active member see the network; its
coordinators change it.
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


def _visible_network_filter(user: Any) -> Q:
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
            return Network.objects.filter(_visible_network_filter(user))
        return Network.objects.filter(pk__in=grants_for(user).coordinated_network_ids)


class MembershipPolicy(Policy[Membership]):
    model = Membership

    def scope(self, user: Any, action: Action) -> QuerySet[Membership]:
        if action is Action.VIEW:
            visible = Network.objects.filter(_visible_network_filter(user)).values("pk")
            return Membership.objects.filter(network_id__in=visible)
        return Membership.objects.filter(network_id__in=grants_for(user).coordinated_network_ids)


class _NetworkPart(Policy[Any]):
    """A row that belongs to a network: visible to its members' staff and its
    coordinators, changed by its coordinators."""

    path = "network_id"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        manager = self.model._default_manager
        if action is Action.VIEW:
            visible = Network.objects.filter(_visible_network_filter(user)).values("pk")
            return manager.filter(**{f"{self.path}__in": visible})
        return manager.filter(**{f"{self.path}__in": grants_for(user).coordinated_network_ids})


class AgreementPolicy(_NetworkPart):
    model = Agreement


class CooperationAreaPolicy(_NetworkPart):
    model = CooperationArea


class AreaParticipationPolicy(_NetworkPart):
    model = AreaParticipation
    path = "area__network_id"


register(NetworkPolicy())
register(MembershipPolicy())
register(AgreementPolicy())
register(CooperationAreaPolicy())
register(AreaParticipationPolicy())


# --- project groups (networks/models_groups.py) --------------------------------------------
#
# The rule: staff of the network's members read every group; the network's coordinators
# found groups and change them (CHANGE: name, goal, status, lead, members). The group's
# work (MANAGE on the group, CHANGE on its tasks, milestones and documents) may also be
# done by the staff of its lead member, as long as that member is in the network: the
# lead runs the group day to day, the coordinators decide who is in it.

from verbund.networks.models_groups import (  # noqa: E402
    GroupDocument,
    GroupTask,
    Milestone,
    ProjectGroup,
)


def _managed_group_filter(user: Any, prefix: str = "") -> Q:
    grants = grants_for(user)
    visible = Network.objects.filter(_visible_network_filter(user)).values("pk")
    return Q(**{f"{prefix}network_id__in": grants.coordinated_network_ids}) | Q(
        **{
            f"{prefix}lead_id__in": grants.authority_ids(),
            f"{prefix}network_id__in": visible,
        }
    )


class ProjectGroupPolicy(_NetworkPart):
    model = ProjectGroup

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is Action.MANAGE:
            return ProjectGroup.objects.filter(_managed_group_filter(user))
        return super().scope(user, action)


class _GroupPart(_NetworkPart):
    """A task, milestone or document: read with its group, changed by whoever manages
    the group's work."""

    path = "group__network_id"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is Action.VIEW:
            return super().scope(user, action)
        return self.model._default_manager.filter(_managed_group_filter(user, "group__"))


class GroupTaskPolicy(_GroupPart):
    model = GroupTask


class MilestonePolicy(_GroupPart):
    model = Milestone


class GroupDocumentPolicy(_GroupPart):
    model = GroupDocument


register(ProjectGroupPolicy())
register(GroupTaskPolicy())
register(MilestonePolicy())
register(GroupDocumentPolicy())


# --- development roadmap (docs/networks.md) ---------------------------------------------
from verbund.networks.models_roadmap import AdoptionCommitment, RoadmapItem  # noqa: E402


class RoadmapItemPolicy(_NetworkPart):
    """Roadmap items: VIEW for the staff of the network's members and its coordinators;
    CHANGE for its coordinators, who manage every item for any member. Member staff act
    only for their own authority (propose, take the build, commit, withdraw; as builder:
    start and publish): :func:`roadmap_acting_authority_ids`."""

    model = RoadmapItem


class AdoptionCommitmentPolicy(_NetworkPart):
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


# --- cost allocation (networks/models_costs.py) ---------------------------------------------

from verbund.networks.models_costs import (  # noqa: E402
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
    DevelopmentCost,
)


class BudgetItemPolicy(_NetworkPart):
    model = BudgetItem


class BudgetUsagePolicy(_NetworkPart):
    model = BudgetUsage
    path = "item__network_id"


class AllocationRunPolicy(_NetworkPart):
    model = AllocationRun
    path = "item__network_id"


class AllocationRowPolicy(_NetworkPart):
    model = AllocationRow
    path = "run__item__network_id"


class DevelopmentCostPolicy(_NetworkPart):
    model = DevelopmentCost


register(BudgetItemPolicy())
register(BudgetUsagePolicy())
register(AllocationRunPolicy())
register(AllocationRowPolicy())
register(DevelopmentCostPolicy())
