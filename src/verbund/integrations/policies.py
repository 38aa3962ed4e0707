"""Access policies of the integrations app.

API clients, their acknowledgements and webhook deliveries belong to one
authority; only its authority admins see and manage them (clerks see the
effects on the cases: history entries and the attention flag). Everybody else
gets 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.integrations.models import ApiClient, SubmissionAcknowledgement, WebhookDelivery


class _AuthorityAdmins(Policy[Any]):
    """Every action, viewing included, needs the authority admin role of the row's authority."""

    def scope(self, user: Any, action: Action) -> QuerySet[Any]:
        return self.model._default_manager.filter(
            authority_id__in=grants_for(user).admin_authority_ids
        )


class ApiClientPolicy(_AuthorityAdmins):
    model = ApiClient


class SubmissionAcknowledgementPolicy(_AuthorityAdmins):
    model = SubmissionAcknowledgement


class WebhookDeliveryPolicy(_AuthorityAdmins):
    model = WebhookDelivery


POLICIES: tuple[Policy[Any], ...] = (
    ApiClientPolicy(),
    SubmissionAcknowledgementPolicy(),
    WebhookDeliveryPolicy(),
)
for _policy in POLICIES:
    register(_policy)
