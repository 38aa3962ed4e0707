"""Access policies of the §2b UStG activity analysis.

The register (groups, streams, amounts) and the assessments are the authority's.
Who may do what:

* **view, change** the register and the assessments: the authority's staff (any role)
  and the coordinators of a network the authority delegated the ``vat`` tool to
  (level 4 in the area carrying it, ``networks.selectors.tool_delegations``);
* **manage** (approve an assessment): the authority's ``authority_admin`` only, never
  the service centre;
* fellow members (staff of authorities that are active members of a network the
  user's authority is in, and that network's coordinators) see a member's *approved*
  assessments, to reuse them — never its register, so never its amounts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.networks.models import AreaTool
from verbund.networks.policies import fellow_member_filter, tool_delegated_authority_ids
from verbund.vat.models import (
    ActivityGroup,
    Assessment,
    AssessmentStatus,
    RevenueStream,
    StreamAmount,
)


def delegated_authority_ids(user: Any) -> set[int]:
    """The authorities whose activity analysis ``user`` does as a network's coordinator."""
    return tool_delegated_authority_ids(user, AreaTool.VAT)


def working_authority_ids(user: Any) -> set[int]:
    """The authorities whose register ``user`` keeps: its own and the delegated ones."""
    return grants_for(user).authority_ids() | delegated_authority_ids(user)


def register_filter(user: Any, action: Action) -> Q:
    if action is Action.MANAGE:
        return Q(authority_id__in=grants_for(user).admin_authority_ids)
    return Q(authority_id__in=working_authority_ids(user))


def assessment_filter(user: Any, action: Action) -> Q:
    if action is not Action.VIEW:
        return register_filter(user, action)
    return register_filter(user, action) | (
        Q(status=AssessmentStatus.APPROVED) & fellow_member_filter(user)
    )


class ActivityGroupPolicy(Policy[ActivityGroup]):
    model = ActivityGroup

    def scope(self, user: Any, action: Action) -> QuerySet[ActivityGroup]:
        return ActivityGroup.objects.filter(register_filter(user, action))


class RevenueStreamPolicy(Policy[RevenueStream]):
    model = RevenueStream

    def scope(self, user: Any, action: Action) -> QuerySet[RevenueStream]:
        return RevenueStream.objects.filter(register_filter(user, action))


class StreamAmountPolicy(Policy[StreamAmount]):
    model = StreamAmount

    def scope(self, user: Any, action: Action) -> QuerySet[StreamAmount]:
        return StreamAmount.objects.filter(register_filter(user, action))


class AssessmentPolicy(Policy[Assessment]):
    model = Assessment

    def scope(self, user: Any, action: Action) -> QuerySet[Assessment]:
        return Assessment.objects.filter(assessment_filter(user, action))


register(ActivityGroupPolicy())
register(RevenueStreamPolicy())
register(StreamAmountPolicy())
register(AssessmentPolicy())
