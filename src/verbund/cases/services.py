"""Writes on cases: opening one per submission and moving its status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.applications.models import Submission
from verbund.cases.models import TRANSITIONS, Case, CaseEvent, CaseStatus
from verbund.core.audit import audit_record


def case_open(
    *, submission: Submission, status: str, processing_days: int | None, note: str = ""
) -> Case:
    """Open the case of a submission in its processing authority's inbox.

    Called inside the submission's transaction; the first history entry is
    ``status`` (received, or awaiting payment).
    """
    now = submission.submitted_at
    due_on = None
    if processing_days:
        due_on = timezone.localdate(now) + dt.timedelta(days=processing_days)
    case = Case.objects.create(
        submission=submission,
        authority_id=submission.authority_id,
        responsible_id=submission.responsible_id,
        service_id=submission.service_id,
        status=status,
        received_at=now,
        due_on=due_on,
    )
    CaseEvent.objects.create(
        case=case, authority_id=case.authority_id, status=status, note=note, created_at=now
    )
    audit_record(
        actor=None,
        action="case.open",
        obj=case,
        authority=case.authority_id,
        changes={"status": status, "reference": submission.reference},
    )
    return case


def case_set_status(*, actor: Any, case: Case, status: str, note: str = "") -> Case:
    """Move a case on; refused (``ValidationError``) where the transition is not allowed."""
    if status not in CaseStatus.values:
        raise ValidationError(_("Unbekannter Status."), code="unknown_status")
    note = note.strip()
    if len(note) > 2000:
        raise ValidationError(_("Der Hinweis darf höchstens 2000 Zeichen lang sein."), code="note")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if status not in TRANSITIONS[locked.status]:
            raise ValidationError(
                _("Ein Vorgang im Status „%(old)s“ kann nicht nach „%(new)s“ wechseln.")
                % {
                    "old": CaseStatus(locked.status).label,
                    "new": CaseStatus(status).label,
                },
                code="transition",
            )
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        CaseEvent.objects.create(
            case=locked,
            authority_id=locked.authority_id,
            status=status,
            note=note,
            created_at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="case.set_status",
            obj=locked,
            authority=locked.authority_id,
            changes={"status": [before, status]},
        )
    case.status = locked.status
    return locked
