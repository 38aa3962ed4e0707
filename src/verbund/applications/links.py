"""The citizen's links: the one home of the status link and the link to continue a draft.

Citizens have no account. They follow their application through the *status
link* (``/status/<reference>/<secret>/``, in the confirmation e-mail, on the
confirmation page, in every later notice) and continue an unfinished draft
through the *resume link* (``/antrag/fortsetzen/<draft>/<secret>/``). The
secrets are derived (``core.tokens``), never stored. Every app that writes to
the applicant (the back office's notices too) builds the link here; every page
behind the status link checks it with :func:`submission_of_status_link`.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from verbund.applications.models import Draft, Submission
from verbund.applications.selectors import submission_by_reference
from verbund.core.tokens import link_token, link_token_ok

STATUS = "status"
RESUME = "resume"


def public_url(path: str) -> str:
    """``path`` of this site as an absolute URL for an e-mail (``VERBUND_PUBLIC_URL``)."""
    return f"{settings.VERBUND_PUBLIC_URL}{path}"


def status_token(submission: Submission) -> str:
    """The secret of the submission's status link."""
    return link_token(STATUS, submission.reference, submission.status_salt)


def status_path(submission: Submission) -> str:
    """The status page of ``submission`` (a path of this site, ending in ``/``)."""
    return reverse(
        "applications:status",
        kwargs={"reference": submission.reference, "token": status_token(submission)},
    )


def status_url(submission: Submission) -> str:
    """The status link as sent by e-mail."""
    return public_url(status_path(submission))


def submission_of_status_link(reference: str, token: str) -> Submission | None:
    """The submission whose status link this is; ``None`` for an unknown reference or a
    wrong secret (callers answer 404 for both)."""
    submission = submission_by_reference(reference)
    if submission is None or not link_token_ok(
        STATUS, submission.reference, submission.status_salt, token
    ):
        return None
    return submission


def resume_token(draft: Draft) -> str:
    """The secret of the draft's resume link (a new salt voids older links)."""
    return link_token(RESUME, str(draft.id), draft.resume_salt)


def resume_token_ok(draft: Draft, token: str) -> bool:
    return link_token_ok(RESUME, str(draft.id), draft.resume_salt, token)


def resume_url(draft: Draft) -> str:
    """The link to continue ``draft``, as sent by e-mail."""
    return public_url(
        reverse("applications:resume", kwargs={"draft_id": draft.pk, "token": resume_token(draft)})
    )
