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

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.fees.models import FeeSheet, FeeSheetVersion, RateGrade, RateTable, SheetStatus
from verbund.networks.models import AreaTool, Network
from verbund.networks.policies import (
    fellow_member_filter,
    tool_delegated_authority_ids,
    visible_network_filter,
)


def delegated_authority_ids(user: Any) -> set[int]:
    """The authorities whose fee calculation ``user`` does as a network's coordinator."""
    return tool_delegated_authority_ids(user, AreaTool.FEES)


def sheet_filter(user: Any, action: Action) -> Q:
    grants = grants_for(user)
    if action is Action.MANAGE:
        return Q(authority_id__in=grants.admin_authority_ids)
    working = Q(authority_id__in=grants.authority_ids()) | Q(
        authority_id__in=delegated_authority_ids(user)
    )
    if action is Action.CHANGE:
        return working
    return working | (Q(status=SheetStatus.APPROVED) & fellow_member_filter(user))


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
