"""Background tasks of cases, run by ``verbund task_worker``: the e-mails that tell
the applicant of a question or a decision, and the clerk of an answer.

They are enqueued inside the writing transaction, so a notice exists exactly
when the change does. The e-mails carry no content of the case beyond the
service and the reference: the applicant reads the rest behind the status link,
the clerk in the back office.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from verbund.applications.links import public_url, status_url
from verbund.cases.models import Case

KINDS = ("request", "decision")


def _send(template: str, context: dict[str, object], to: str) -> None:
    subject = render_to_string(f"cases/email/{template}_subject.txt", context)
    body = render_to_string(f"cases/email/{template}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[to]).send()


@task()
def notify_applicant(case_id: int, kind: str) -> bool:
    """E-mail the applicant that a question (``request``) or the Bescheid (``decision``)
    waits behind their status link."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice {kind!r}")
    case = Case.objects.select_related("submission", "service", "authority").get(pk=case_id)
    submission = case.submission
    if not submission.email:
        return False
    with translation.override(submission.language or "de"):
        context = {"case": case, "status_url": status_url(submission)}
        _send(f"applicant_{kind}", context, submission.email)
    return True


@task()
def notify_assignee(case_id: int, what: str) -> bool:
    """E-mail the clerk who works on the case that something arrived."""
    case = Case.objects.select_related("assignee", "service").get(pk=case_id)
    if case.assignee is None or not case.assignee.email:
        return False
    path = reverse("staff:cases_staff:case", kwargs={"pk": case.pk})
    with translation.override("de"):
        context = {"case": case, "what": what, "case_url": public_url(path)}
        _send("assignee", context, case.assignee.email)
    return True
