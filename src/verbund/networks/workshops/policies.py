"""Access policies of workshops.

The rule: staff of the network's members read its workshops with everything in them;
the network's coordinators plan and change them (CHANGE on the workshop, its agenda,
materials and decisions). An invitation is answered (CHANGE on the invitation) by the
coordinators or by the staff of the invited member, for their own authority only, as
long as that member is in the network.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, register
from verbund.networks.models import Network
from verbund.networks.policies import NetworkPart, visible_network_filter
from verbund.networks.workshops.models import (
    AgendaItem,
    Invitation,
    Workshop,
    WorkshopDecision,
    WorkshopMaterial,
)


class WorkshopPolicy(NetworkPart):
    model = Workshop


class _WorkshopPart(NetworkPart):
    path = "workshop__network_id"


class InvitationPolicy(_WorkshopPart):
    model = Invitation

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is Action.VIEW:
            return super().scope(user, action)
        grants = grants_for(user)
        visible = Network.objects.filter(visible_network_filter(user)).values("pk")
        return Invitation.objects.filter(
            Q(workshop__network_id__in=grants.coordinated_network_ids)
            | Q(authority_id__in=grants.authority_ids(), workshop__network_id__in=visible)
        )


class AgendaItemPolicy(_WorkshopPart):
    model = AgendaItem


class WorkshopMaterialPolicy(_WorkshopPart):
    model = WorkshopMaterial


class WorkshopDecisionPolicy(_WorkshopPart):
    model = WorkshopDecision


register(WorkshopPolicy())
register(InvitationPolicy())
register(AgendaItemPolicy())
register(WorkshopMaterialPolicy())
register(WorkshopDecisionPolicy())
