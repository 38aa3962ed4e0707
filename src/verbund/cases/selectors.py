"""Reads on cases."""

from __future__ import annotations

from verbund.cases.models import Case, CaseEvent


def case_history(case_id: int) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case_id=case_id).order_by("created_at", "id"))


def case_of_submission(submission_id: int) -> Case | None:
    return Case.objects.filter(submission_id=submission_id).first()
