"""Reads of the applicant's side of a case: what the status link may reach."""

from __future__ import annotations

from typing import Any

from verbund.applications.models import Submission
from verbund.cases.models import Case, CaseEvent, DocumentVersion, InformationRequest
from verbund.cases.selectors import (
    decision_pdf_version,
    information_request_of,
    open_information_requests,
)


def case_of_submission(submission: Submission) -> Case | None:
    """The submission's case (cached on the submission: the status page's panels ask
    for it once)."""
    try:
        return submission.case
    except Case.DoesNotExist:
        return None


def public_history(case: Case) -> list[CaseEvent]:
    """What the applicant sees of the case's history: its public entries."""
    return list(CaseEvent.objects.filter(case=case, public=True).order_by("created_at", "id"))


def applicant_requests(case: Case) -> list[InformationRequest]:
    """The authority's open questions to the applicant."""
    return open_information_requests(case)


def applicant_request(submission: Submission, request_id: Any) -> InformationRequest | None:
    case = case_of_submission(submission)
    return information_request_of(case, request_id) if case is not None else None


def applicant_decision(submission: Submission) -> DocumentVersion | None:
    """The Bescheid's PDF once issued."""
    case = case_of_submission(submission)
    return decision_pdf_version(case) if case is not None else None
