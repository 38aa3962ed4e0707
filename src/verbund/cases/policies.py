"""Access policies for cases: the processing authority's staff see and work on
its cases; the responsible authority's staff see them.

VIEW: staff (any role) of the processing or of the responsible authority.
CHANGE (setting the status): staff of the processing authority only. A
responsible authority whose cases another member processes may read them, but
a status change by its staff is refused with 403 (the case is visible to them,
so ``access_by_id`` answers PermissionDenied, not 404) and changes nothing.
Everybody else gets 404 for the case, its files and its status form."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.cases.models import Case
from verbund.core.access import Action, Policy, register


class CasePolicy(Policy[Case]):
    model = Case

    def scope(self, user: Any, action: Action) -> QuerySet[Case]:
        ids = grants_for(user).authority_ids()
        if action is Action.VIEW:
            return Case.objects.filter(Q(authority_id__in=ids) | Q(responsible_id__in=ids))
        return Case.objects.filter(authority_id__in=ids)


register(CasePolicy())
