"""Access policies of the fee calculation.

A fee sheet is its authority's. Who may do what:

* **view**: the authority's staff (any role); the coordinators of a network in which
  the authority delegated the fee calculation (level 4 in the area carrying the
  ``fees`` tool, ``networks.selectors.tool_delegations``); and, for *approved*
  sheets only, the staff of fellow members and the coordinators of a network the
  authority is an active member of (to compare a fee and to start from it);
* **change** (edit, submit, copy into): the authority's staff and the delegated
  coordinators;
* **manage** (approve, attach the fee to the catalogue service): the authority's
  ``authority_admin``.

A version is seen as its sheet. A rate table of a network is seen by the network's
members' staff and coordinators and created by its coordinators; a table of one
authority by that authority's staff.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.fees.models import FeeSheet, FeeSheetVersion, RateGrade, RateTable, SheetStatus
from verbund.networks.models import AreaTool, Membership, Network
from verbund.networks.policies import visible_network_filter
from verbund.networks.selectors import tool_delegations


def delegated_authority_ids(user: Any) -> set[int]:
    """The authorities whose fee calculation ``user`` does as a network's coordinator."""
    coordinated = grants_for(user).coordinated_network_ids
    if not coordinated:
        return set()
    return {
        authority_id
        for authority_id, network_ids in tool_delegations(AreaTool.FEES).items()
        if network_ids & coordinated
    }


def _fellow_member_filter(user: Any) -> Q:
    """Authorities that are active members today of a network the user's authorities
    are active members of, or that the user coordinates."""
    grants = grants_for(user)
    today = timezone.localdate()
    active = Q(joined_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gte=today))
    own_networks = Membership.objects.filter(
        active, authority_id__in=grants.authority_ids()
    ).values("network_id")
    networks = Q(network_id__in=own_networks) | Q(network_id__in=grants.coordinated_network_ids)
    return Q(authority_id__in=Membership.objects.filter(active, networks).values("authority_id"))


def sheet_filter(user: Any, action: Action) -> Q:
    grants = grants_for(user)
    if action is Action.MANAGE:
        return Q(authority_id__in=grants.admin_authority_ids)
    working = Q(authority_id__in=grants.authority_ids()) | Q(
        authority_id__in=delegated_authority_ids(user)
    )
    if action is Action.CHANGE:
        return working
    return working | (Q(status=SheetStatus.APPROVED) & _fellow_member_filter(user))


class FeeSheetPolicy(Policy[FeeSheet]):
    model = FeeSheet

    def scope(self, user: Any, action: Action) -> QuerySet[FeeSheet]:
        return FeeSheet.objects.filter(sheet_filter(user, action))


class FeeSheetVersionPolicy(Policy[FeeSheetVersion]):
    model = FeeSheetVersion

    def scope(self, user: Any, action: Action) -> QuerySet[FeeSheetVersion]:
        if action is not Action.VIEW:
            # A version is history: nobody changes it.
            return FeeSheetVersion.objects.none()
        return FeeSheetVersion.objects.filter(
            sheet__in=FeeSheet.objects.filter(sheet_filter(user, Action.VIEW))
        )


def table_filter(user: Any, action: Action, prefix: str = "") -> Q:
    grants = grants_for(user)
    if action is Action.VIEW:
        networks = Network.objects.filter(visible_network_filter(user)).values("pk")
    else:
        networks = Network.objects.filter(pk__in=grants.coordinated_network_ids).values("pk")
    return Q(**{f"{prefix}network_id__in": networks}) | Q(
        **{f"{prefix}authority_id__in": grants.authority_ids()}
    )


class RateTablePolicy(Policy[RateTable]):
    model = RateTable

    def scope(self, user: Any, action: Action) -> QuerySet[RateTable]:
        return RateTable.objects.filter(table_filter(user, action))


class RateGradePolicy(Policy[RateGrade]):
    model = RateGrade

    def scope(self, user: Any, action: Action) -> QuerySet[RateGrade]:
        return RateGrade.objects.filter(table_filter(user, action, "table__"))


register(FeeSheetPolicy())
register(FeeSheetVersionPolicy())
register(RateTablePolicy())
register(RateGradePolicy())
