"""Access policies of comparison rings.

A ring is seen by the coordinators of its network and by the staff of its
participating authorities — nobody else, not even other members of the network
(their figures are not theirs to see). Coordinators manage the ring (base figures,
KPIs, periods, publishing). A participant's values are entered by its own staff and
by the coordinators of a network it delegated reporting to (level 4 in the area
whose tool is "reporting", ``networks.selectors.tool_delegations``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.benchmarks.models import (
    Figure,
    Kpi,
    Participant,
    Period,
    Result,
    Ring,
    Statistic,
    Value,
)
from verbund.core.access import Action, Policy, register
from verbund.networks.models import AreaTool
from verbund.networks.selectors import tool_delegations


def _participant_filter(user: Any, prefix: str = "") -> Q:
    grants = grants_for(user)
    return Q(**{f"{prefix}network_id__in": grants.coordinated_network_ids}) | Q(
        **{f"{prefix}participants__authority_id__in": grants.authority_ids()}
    )


def visible_rings(user: Any) -> QuerySet[Ring]:
    return Ring.objects.filter(_participant_filter(user)).distinct()


def managed_ring_ids(user: Any) -> QuerySet[Ring]:
    return Ring.objects.filter(network_id__in=grants_for(user).coordinated_network_ids)


class RingPolicy(Policy[Ring]):
    model = Ring

    def scope(self, user: Any, action: Action) -> QuerySet[Ring]:
        if action is Action.VIEW:
            return visible_rings(user)
        return managed_ring_ids(user)


class RingPart(Policy[Any]):
    """A row of a ring (``path`` leads to its ring's id): seen as its ring, changed by
    the ring's coordinators."""

    path = "ring_id"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        manager = self.model._default_manager
        if action is Action.VIEW:
            rings = visible_rings(user).values("pk")
        else:
            rings = managed_ring_ids(user).values("pk")
        return manager.filter(**{f"{self.path}__in": rings})


class FigurePolicy(RingPart):
    model = Figure


class KpiPolicy(RingPart):
    model = Kpi


class PeriodPolicy(RingPart):
    model = Period


class StatisticPolicy(RingPart):
    model = Statistic
    path = "period__ring_id"


def enterable_participants(user: Any) -> QuerySet[Participant]:
    """The participants whose values ``user`` may enter: its own authorities', and for
    a coordinator those that delegated reporting to the coordinated network."""
    grants = grants_for(user)
    own = Q(authority_id__in=grants.authority_ids())
    coordinated = grants.coordinated_network_ids
    if not coordinated:
        return Participant.objects.filter(own)
    delegated = Q()
    for authority_id, network_ids in tool_delegations(AreaTool.REPORTING).items():
        shared = network_ids & coordinated
        if shared:
            delegated |= Q(authority_id=authority_id, ring__network_id__in=shared)
    return (
        Participant.objects.filter(own | delegated)
        if delegated
        else Participant.objects.filter(own)
    )


class ParticipantPolicy(Policy[Participant]):
    """VIEW: the ring's coordinators and the participant's own staff (its comparison
    page); CHANGE: enter its values (:func:`enterable_participants`); MANAGE: the
    ring's coordinators."""

    model = Participant

    def scope(self, user: Any, action: Action) -> QuerySet[Participant]:
        grants = grants_for(user)
        coordinated = Q(ring__network_id__in=grants.coordinated_network_ids)
        if action is Action.VIEW:
            return Participant.objects.filter(
                coordinated | Q(authority_id__in=grants.authority_ids())
            )
        if action is Action.CHANGE:
            return enterable_participants(user)
        return Participant.objects.filter(coordinated)


class ParticipantPart(Policy[Any]):
    path = "participant"

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        participants = ParticipantPolicy().scope(user, action).values("pk")
        return self.model._default_manager.filter(**{f"{self.path}_id__in": participants})


class ValuePolicy(ParticipantPart):
    model = Value


class ResultPolicy(ParticipantPart):
    model = Result


register(RingPolicy())
register(FigurePolicy())
register(KpiPolicy())
register(PeriodPolicy())
register(StatisticPolicy())
register(ParticipantPolicy())
register(ValuePolicy())
register(ResultPolicy())
