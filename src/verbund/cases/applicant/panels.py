"""The panels this sub-domain adds to the applicant's status page
(``applications.hooks.STATUS_PAGE``), registered in ``CasesConfig.ready()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.applications.links import status_token
from verbund.applications.models import Submission
from verbund.cases.applicant.selectors import (
    applicant_decision,
    applicant_requests,
    case_of_submission,
    public_history,
)
from verbund.core.panels import Panel


def _link(submission: Submission) -> dict[str, str]:
    return {"reference": submission.reference, "token": status_token(submission)}


def _decision(request: HttpRequest, submission: Submission) -> Mapping[str, Any] | None:
    if applicant_decision(submission) is None:
        return None
    return {"link": _link(submission)}


def _requests(request: HttpRequest, submission: Submission) -> Mapping[str, Any] | None:
    case = case_of_submission(submission)
    requests = applicant_requests(case) if case is not None else []
    if not requests:
        return None
    return {"requests": requests, "link": _link(submission)}


def _history(request: HttpRequest, submission: Submission) -> Mapping[str, Any] | None:
    case = case_of_submission(submission)
    return {"history": public_history(case) if case is not None else []}


STATUS_PANELS = (
    Panel("cases.decision", "cases/applicant/_decision.html", _decision, order=10),
    Panel("cases.requests", "cases/applicant/_requests.html", _requests, order=20),
    Panel("cases.history", "cases/applicant/_history.html", _history, order=90),
)
