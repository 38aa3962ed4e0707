"""Background tasks of applications, run by ``verbund task_worker``.

They are enqueued inside the writing transaction (database backend), so a task
exists exactly when the submission does; the worker picks it up after commit.
A task whose worker died runs again (ADR 0018), so each one may run twice: they
write nothing, and a second run sends the same e-mail again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from verbund.applications.models import Draft, Submission


def _link(path: str) -> str:
    return f"{settings.VERBUND_PUBLIC_URL}{path}"


@task()
def send_confirmation(submission_id: int) -> str:
    """E-mail the applicant the reference number and the secret status link; returns
    the reference, or "" when there is nobody to write to (the submission is gone, or
    its personal data were deleted before the task ran)."""
    from verbund.applications.services import status_token

    submission = (
        Submission.objects.select_related("service", "responsible", "authority")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not submission.email:
        return ""
    with translation.override(submission.language or "de"):
        status_url = _link(
            reverse(
                "applications:status",
                kwargs={"reference": submission.reference, "token": status_token(submission)},
            )
        )
        context = {"submission": submission, "status_url": status_url}
        subject = render_to_string("applications/email/confirmation_subject.txt", context)
        body = render_to_string("applications/email/confirmation.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[submission.email]).send()
    return submission.reference


@task()
def send_resume_link(draft_id: str) -> bool:
    """E-mail the link to continue an unfinished application."""
    from verbund.applications.services import resume_token

    draft = Draft.objects.select_related("service").filter(pk=draft_id).first()
    if draft is None or not draft.resume_email or draft.submission_id is not None:
        return False
    with translation.override(draft.language or "de"):
        url = _link(
            reverse(
                "applications:resume", kwargs={"draft_id": draft.pk, "token": resume_token(draft)}
            )
        )
        context = {"draft": draft, "resume_url": url}
        subject = render_to_string("applications/email/resume_subject.txt", context)
        body = render_to_string("applications/email/resume.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[draft.resume_email]).send()
    return True
