"""Access policies of the joint procurement.

A call is its network's. Who may do what:

* **call** — view: the network's coordinators and the staff of its active members
  (``networks.policies.visible_network_filter``); change (edit, close, lots, the
  agreement, the cost allocation): the coordinators; manage (the summary of all
  members' lines, the awards): the coordinators and the lead authority's staff;
* **demand line** — view: the member's own staff, the coordinators, the lead
  authority's staff; change: the member's own staff and the coordinators (the
  deadline is the service's business). A member never sees another member's lines:
  it sees the call's aggregated totals only;
* **mandate** — view as a line; change (withdraw): the member's ``authority_admin``;
* **lot** and **award** — view: whoever sees the call; change: the coordinators.

Another network's rows do not exist for the user (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.models import AuthorityRoleKind
from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.networks.models import Network
from verbund.networks.policies import visible_network_filter
from verbund.procurement.models import Award, DemandCall, DemandLine, Lot, Mandate


def _visible_networks(user: Any) -> QuerySet[Network]:
    return Network.objects.filter(visible_network_filter(user))


def call_filter(user: Any, action: Action, prefix: str = "") -> Q:
    grants = grants_for(user)
    coordinated = Q(**{f"{prefix}network_id__in": grants.coordinated_network_ids})
    if action is Action.CHANGE:
        return coordinated
    leading = Q(**{f"{prefix}lead_authority_id__in": grants.authority_ids()}) & Q(
        **{f"{prefix}network_id__in": _visible_networks(user).values("pk")}
    )
    if action is Action.MANAGE:
        return coordinated | leading
    return Q(**{f"{prefix}network_id__in": _visible_networks(user).values("pk")})


class DemandCallPolicy(Policy[DemandCall]):
    model = DemandCall

    def scope(self, user: Any, action: Action) -> QuerySet[DemandCall]:
        return DemandCall.objects.filter(call_filter(user, action))


def _member_row_filter(user: Any, action: Action, *roles: str) -> Q:
    """Rows of a member (a line, a mandate): the member's own staff (with ``roles``),
    and, to view, whoever may manage the call."""
    grants = grants_for(user)
    visible = Q(network_id__in=_visible_networks(user).values("pk"))
    own = Q(authority_id__in=grants.authority_ids(*roles)) & visible
    if action is Action.VIEW:
        return own | call_filter(user, Action.MANAGE, "call__")
    return own


class DemandLinePolicy(Policy[DemandLine]):
    model = DemandLine

    def scope(self, user: Any, action: Action) -> QuerySet[DemandLine]:
        condition = _member_row_filter(user, action)
        if action is not Action.VIEW:
            condition |= Q(network_id__in=grants_for(user).coordinated_network_ids)
        return DemandLine.objects.filter(condition)


class MandatePolicy(Policy[Mandate]):
    model = Mandate

    def scope(self, user: Any, action: Action) -> QuerySet[Mandate]:
        if action is Action.VIEW:
            return Mandate.objects.filter(_member_row_filter(user, action))
        return Mandate.objects.filter(
            _member_row_filter(user, action, AuthorityRoleKind.AUTHORITY_ADMIN)
        )


class LotPolicy(Policy[Lot]):
    model = Lot

    def scope(self, user: Any, action: Action) -> QuerySet[Lot]:
        return Lot.objects.filter(call_filter(user, action, "call__"))


class AwardPolicy(Policy[Award]):
    model = Award

    def scope(self, user: Any, action: Action) -> QuerySet[Award]:
        return Award.objects.filter(call_filter(user, action, "lot__call__"))


register(DemandCallPolicy())
register(DemandLinePolicy())
register(MandatePolicy())
register(LotPolicy())
register(AwardPolicy())
