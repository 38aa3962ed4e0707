"""Background tasks of surveys: the invitation and the reminder e-mails, each with the
recipient's personal link. A task whose worker died runs again (ADR 0018), so a
recipient may get the same e-mail twice; the link stays the same."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from verbund.surveys.links import recipient_url
from verbund.surveys.models import Recipient


def _send(recipient: Recipient, kind: str) -> None:
    with translation.override("de"):
        context = {
            "recipient": recipient,
            "survey": recipient.survey,
            "network": recipient.survey.network,
            "url": recipient_url(recipient),
        }
        subject = render_to_string(f"surveys/email/{kind}_subject.txt", context)
        body = render_to_string(f"surveys/email/{kind}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[recipient.email]).send()


def _recipient(recipient_id: int) -> Recipient | None:
    return (
        Recipient.objects.select_related("survey", "survey__network", "authority")
        .filter(pk=recipient_id)
        .first()
    )


@task()
def send_invitation(recipient_id: int) -> bool:
    """E-mail the invitation; False when the recipient is gone or the survey no longer
    takes answers."""
    recipient = _recipient(recipient_id)
    if recipient is None or not recipient.survey.accepts_answers():
        return False
    _send(recipient, "invitation")
    Recipient.objects.filter(pk=recipient.pk).update(invited_at=timezone.now())
    return True


@task()
def send_reminder(recipient_id: int) -> bool:
    """E-mail a reminder; nothing for a recipient who has answered meanwhile."""
    recipient = _recipient(recipient_id)
    if (
        recipient is None
        or recipient.submitted_at is not None
        or not recipient.survey.accepts_answers()
    ):
        return False
    _send(recipient, "reminder")
    Recipient.objects.filter(pk=recipient.pk).update(
        reminded_at=timezone.now(), reminders=F("reminders") + 1
    )
    return True
