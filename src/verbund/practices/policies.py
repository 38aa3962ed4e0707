"""Access policy of good practices in the staff pages.

The publishing authority's staff (any role in it) see all of its practices, drafts
and withdrawn ones included, and create, change, publish and withdraw them. Nobody
else reaches a practice through the staff pages. The public reads published
practices through ``selectors`` only (``published_practice``, ``practice_search``),
never through this policy.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.practices.models import GoodPractice


class GoodPracticePolicy(Policy[GoodPractice]):
    model = GoodPractice

    def scope(self, user: Any, action: Action) -> QuerySet[GoodPractice]:
        return GoodPractice.objects.filter(authority_id__in=grants_for(user).authority_ids())


register(GoodPracticePolicy())
