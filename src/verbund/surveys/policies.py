"""Access policies of surveys.

A survey belongs to its network: its members' staff and its coordinators see it, its
coordinators build, launch and close it (``NetworkPart``). A recipient's answers are
seen by the coordinators, who asked, and by the staff of the authority that answered;
only the coordinators change a recipient (its address, a reminder). The answering
itself needs no account: the personal link is checked in ``services``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.networks.policies import NetworkPart
from verbund.surveys.models import Recipient, Survey


class SurveyPolicy(NetworkPart):
    model = Survey


class RecipientPolicy(Policy[Recipient]):
    model = Recipient

    def scope(self, user: Any, action: Action) -> QuerySet[Recipient]:
        grants = grants_for(user)
        coordinated = Q(survey__network_id__in=grants.coordinated_network_ids)
        if action is Action.VIEW:
            return Recipient.objects.filter(
                coordinated | Q(authority_id__in=grants.authority_ids())
            )
        return Recipient.objects.filter(coordinated)


register(SurveyPolicy())
register(RecipientPolicy())
