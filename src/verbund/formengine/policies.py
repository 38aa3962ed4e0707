"""Access policies for forms: the builder's staff see the draft and the versions,
the builder's admins change them; published versions are visible to all staff."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.formengine.models import FormVersion, ServiceForm


class ServiceFormPolicy(Policy[ServiceForm]):
    model = ServiceForm

    def scope(self, user: Any, action: Action) -> QuerySet[ServiceForm]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return ServiceForm.objects.filter(authority_id__in=grants.authority_ids())
        return ServiceForm.objects.filter(authority_id__in=grants.admin_authority_ids)


class FormVersionPolicy(Policy[FormVersion]):
    model = FormVersion

    def scope(self, user: Any, action: Action) -> QuerySet[FormVersion]:
        grants = grants_for(user)
        if action is Action.VIEW:
            return FormVersion.objects.filter(
                Q(authority_id__in=grants.authority_ids()) | Q(service__status="published")
            )
        # Published versions are immutable: nobody changes them.
        return FormVersion.objects.none()


register(ServiceFormPolicy())
register(FormVersionPolicy())
