"""Access policies of project groups.

The rule: staff of the network's members read every group; the network's coordinators
found groups and change them (CHANGE: name, goal, status, lead, members). The group's
work (MANAGE on the group, CHANGE on its tasks, milestones and documents) may also be
done by the staff of its lead member, as long as that member is in the network: the
lead runs the group day to day, the coordinators decide who is in it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, register
from verbund.networks.groups.models import (
    GroupDocument,
    GroupTask,
    Milestone,
    ProjectGroup,
)
from verbund.networks.models import Network
from verbund.networks.policies import NetworkPart, visible_network_filter


def _managed_group_filter(user: Any, prefix: str = "") -> Q:
    grants = grants_for(user)
    visible = Network.objects.filter(visible_network_filter(user)).values("pk")
    return Q(**{f"{prefix}network_id__in": grants.coordinated_network_ids}) | Q(
        **{
            f"{prefix}lead_id__in": grants.authority_ids(),
            f"{prefix}network_id__in": visible,
        }
    )


class ProjectGroupPolicy(NetworkPart):
    model = ProjectGroup

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is Action.MANAGE:
            return ProjectGroup.objects.filter(_managed_group_filter(user))
        return super().scope(user, action)


class _GroupPart(NetworkPart):
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
