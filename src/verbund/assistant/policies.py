"""Access to the assistant's rows.

* ``Synonym`` belongs to a network: its members' staff see the terms, its
  coordinators add and remove them (``NetworkPart``).
* ``OpenQuestion`` is seen and dismissed by coordinators: those of its network,
  and for questions without a network (asked without a place, or for a place
  outside every network) the coordinators of any network. The text is
  anonymised before it is stored, and no citizen can be traced from it.
* ``DailyCount`` and ``PassageVector`` are never read by an id from a request.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.assistant.models import OpenQuestion, Synonym
from verbund.core.access import Action, Policy, register
from verbund.networks.policies import NetworkPart


class SynonymPolicy(NetworkPart):
    model = Synonym


class OpenQuestionPolicy(Policy[OpenQuestion]):
    model = OpenQuestion

    def scope(self, user: Any, action: Action) -> QuerySet[OpenQuestion]:
        networks = grants_for(user).coordinated_network_ids
        if not networks:
            return OpenQuestion.objects.none()
        return OpenQuestion.objects.filter(Q(network_id__in=networks) | Q(network__isnull=True))


register(SynonymPolicy())
register(OpenQuestionPolicy())
