"""Access policies for applications.

Staff of the processing authority and of the responsible authority see a
submission and its attachments. Drafts belong to the citizen's browser session
only: no staff user sees them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.applications.models import Attachment, Draft, Submission
from verbund.core.access import Action, Policy, register


class SubmissionPolicy(Policy[Submission]):
    model = Submission

    def scope(self, user: Any, action: Action) -> QuerySet[Submission]:
        ids = grants_for(user).authority_ids()
        if action is Action.VIEW:
            return Submission.objects.filter(Q(authority_id__in=ids) | Q(responsible_id__in=ids))
        return Submission.objects.none()


class AttachmentPolicy(Policy[Attachment]):
    model = Attachment

    def scope(self, user: Any, action: Action) -> QuerySet[Attachment]:
        ids = grants_for(user).authority_ids()
        if action is Action.VIEW:
            return Attachment.objects.filter(submission__isnull=False).filter(
                Q(submission__authority_id__in=ids) | Q(submission__responsible_id__in=ids)
            )
        return Attachment.objects.none()


class DraftPolicy(Policy[Draft]):
    model = Draft

    def scope(self, user: Any, action: Action) -> QuerySet[Draft]:
        return Draft.objects.none()


register(SubmissionPolicy())
register(AttachmentPolicy())
register(DraftPolicy())
