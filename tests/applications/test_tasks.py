"""The applications' tasks may run twice (a worker died, ADR 0018): the second run
sends the same e-mail again, changes nothing and never fails."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.applications.conftest import World
from tests.applications.test_journey import fill_until_check
from verbund.applications.models import Submission
from verbund.applications.tasks import send_confirmation
from verbund.cases.models import Case
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def state() -> tuple[object, ...]:
    return (
        list(Submission.objects.values()),
        list(Case.objects.values()),
        AuditEntry.objects.count(),
        list(DBTaskResult.objects.values_list("id", "status")),
    )


def test_the_confirmation_run_twice_sends_the_same_mail_and_changes_nothing(
    client: Client, world: World
) -> None:
    base = fill_until_check(client, world)
    assert client.post(base + "pruefen/").status_code == 302
    submission = Submission.objects.get()
    (task,) = DBTaskResult.objects.filter(task_path="verbund.applications.tasks.send_confirmation")
    assert task.args_kwargs == {"args": [submission.pk], "kwargs": {}}
    before = state()

    assert send_confirmation.call(submission.pk) == submission.reference
    assert send_confirmation.call(submission.pk) == submission.reference

    first, second = mail.outbox
    assert (first.to, first.subject, first.body) == (second.to, second.subject, second.body)
    assert first.to == ["anna@example.de"]
    assert submission.reference in first.body
    assert state() == before


def test_the_confirmation_without_anybody_to_write_to_sends_nothing_and_succeeds(
    client: Client, world: World
) -> None:
    base = fill_until_check(client, world)
    assert client.post(base + "pruefen/").status_code == 302
    submission = Submission.objects.get()
    # The personal data were deleted (records) before a late run of the task.
    Submission.objects.filter(pk=submission.pk).update(email="")
    before = state()

    assert send_confirmation.call(submission.pk) == ""
    assert send_confirmation.call(submission.pk + 1000) == ""

    assert mail.outbox == []
    assert state() == before
