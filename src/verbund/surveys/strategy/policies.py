"""Access policies of members' strategies: the network's members' staff and its
coordinators read every strategy of the network; only the staff of the authority whose
strategy it is write it (the coordinators do not write a member's strategy)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, register
from verbund.networks.models import Network
from verbund.networks.policies import NetworkPart, visible_network_filter
from verbund.surveys.strategy.models import Strategy, StrategyGoal, StrategyMeasure


class _StrategyPart(NetworkPart):
    prefix = ""

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        if action is Action.VIEW:
            return super().scope(user, action)
        visible = Network.objects.filter(visible_network_filter(user)).values("pk")
        return self.model._default_manager.filter(
            **{
                f"{self.prefix}authority_id__in": grants_for(user).authority_ids(),
                f"{self.prefix}network_id__in": visible,
            }
        )


class StrategyPolicy(_StrategyPart):
    model = Strategy


class StrategyGoalPolicy(_StrategyPart):
    model = StrategyGoal
    path = "strategy__network_id"
    prefix = "strategy__"


class StrategyMeasurePolicy(_StrategyPart):
    model = StrategyMeasure
    path = "goal__strategy__network_id"
    prefix = "goal__strategy__"


register(StrategyPolicy())
register(StrategyGoalPolicy())
register(StrategyMeasurePolicy())
