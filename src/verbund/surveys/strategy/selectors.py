"""Reads of members' strategies: one member's strategy, and the network's view of who
works on what (members × fields of action)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from verbund.authorities.models import Authority
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.models import Network
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import active_memberships
from verbund.surveys.strategy.models import FieldOfAction, Strategy, StrategyGoal, StrategyMeasure


def strategy_of(network: Network, authority: Authority) -> Strategy | None:
    measures = StrategyMeasure.objects.select_related("project_group", "roadmap_item")
    return (
        Strategy.objects.filter(network=network, authority=authority)
        .prefetch_related(
            Prefetch(
                "goals",
                StrategyGoal.objects.prefetch_related(Prefetch("measures", measures)),
            )
        )
        .first()
    )


@dataclass
class FieldWork:
    """Who works on one field of action: per member its goals and measures."""

    key: str
    label: str
    entries: list[tuple[Authority, list[StrategyGoal]]] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    members: list[Authority]
    fields: list[FieldWork]
    matrix: list[tuple[Authority, Strategy | None, list[int]]]  # goals per field, in order


def network_overview(network: Network) -> Overview:
    """Every active member with the number of its goals per field, and per field who
    works on it with which goals and measures (three queries)."""
    members = [m.authority for m in active_memberships(network).select_related("authority")]
    measures = StrategyMeasure.objects.select_related("project_group", "roadmap_item")
    strategies = {
        s.authority_id: s
        for s in Strategy.objects.filter(network=network).prefetch_related(
            Prefetch(
                "goals",
                StrategyGoal.objects.prefetch_related(Prefetch("measures", measures)),
            )
        )
    }
    fields = {key: FieldWork(key, str(label)) for key, label in FieldOfAction.choices}
    matrix = []
    for member in members:
        strategy = strategies.get(member.pk)
        goals = list(strategy.goals.all()) if strategy else []
        counts = [sum(1 for g in goals if g.field == key) for key in fields]
        matrix.append((member, strategy, counts))
        for key, work in fields.items():
            mine = [g for g in goals if g.field == key]
            if mine:
                work.entries.append((member, mine))
    return Overview(members, list(fields.values()), matrix)


def groups_and_items(network: Network) -> tuple[list[ProjectGroup], list[RoadmapItem]]:
    """What a measure can be linked to: the network's project groups and roadmap items."""
    return (
        list(ProjectGroup.objects.filter(network=network).order_by("name")),
        list(RoadmapItem.objects.filter(network=network).order_by("title")),
    )
