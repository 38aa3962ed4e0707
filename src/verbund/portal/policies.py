"""Access policy for the legal pages of a member authority."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.portal.models import LegalPage


class LegalPagePolicy(Policy[LegalPage]):
    """Staff of the authority view; its authority admins change."""

    model = LegalPage

    def scope(self, user: Any, action: Action) -> QuerySet[LegalPage]:
        grants = grants_for(user)
        ids = grants.authority_ids() if action is Action.VIEW else grants.admin_authority_ids
        return LegalPage.objects.filter(authority_id__in=ids)


register(LegalPagePolicy())
