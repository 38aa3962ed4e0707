"""Background tasks of applications, run by ``verbund task_worker``.

They are enqueued inside the writing transaction (database backend), so a task
exists exactly when the submission does; the worker picks it up after commit.
A task whose worker died runs again (ADR 0018), so each one may run twice: they
write nothing, and a second run sends the same e-mail again.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from verbund.applications.links import resume_url, status_url
from verbund.applications.models import Draft, Submission


@task()
def send_confirmation(submission_id: int) -> str:
    """E-mail the applicant the reference number and the secret status link; returns
    the reference, or "" when there is nobody to write to (the submission is gone, or
    its personal data were deleted before the task ran)."""
    submission = (
        Submission.objects.select_related("service", "responsible", "authority")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not submission.email:
        return ""
    with translation.override(submission.language or "de"):
        context = {"submission": submission, "status_url": status_url(submission)}
        subject = render_to_string("applications/email/confirmation_subject.txt", context)
        body = render_to_string("applications/email/confirmation.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[submission.email]).send()
    return submission.reference


@task()
def send_resume_link(draft_id: str) -> bool:
    """E-mail the link to continue an unfinished application."""
    draft = Draft.objects.select_related("service").filter(pk=draft_id).first()
    if draft is None or not draft.resume_email or draft.submission_id is not None:
        return False
    with translation.override(draft.language or "de"):
        context = {"draft": draft, "resume_url": resume_url(draft)}
        subject = render_to_string("applications/email/resume_subject.txt", context)
        body = render_to_string("applications/email/resume.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[draft.resume_email]).send()
    return True
