"""Access policies of cost allocation: as their network (``NetworkPart``)."""

from __future__ import annotations

from verbund.core.access import register
from verbund.networks.costs.models import (
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
    DevelopmentCost,
)
from verbund.networks.policies import NetworkPart


class BudgetItemPolicy(NetworkPart):
    model = BudgetItem


class BudgetUsagePolicy(NetworkPart):
    model = BudgetUsage
    path = "item__network_id"


class AllocationRunPolicy(NetworkPart):
    model = AllocationRun
    path = "item__network_id"


class AllocationRowPolicy(NetworkPart):
    model = AllocationRow
    path = "run__item__network_id"


class DevelopmentCostPolicy(NetworkPart):
    model = DevelopmentCost


register(BudgetItemPolicy())
register(BudgetUsagePolicy())
register(AllocationRunPolicy())
register(AllocationRowPolicy())
register(DevelopmentCostPolicy())
