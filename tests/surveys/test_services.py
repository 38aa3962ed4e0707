"""The survey's life through its services: build, address, launch, answer, remind,
close. Every refusal names the problem and changes nothing."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.surveys.conftest import ANSWERS, DEFINITION, SurveyWorld
from tests.tasks import run_tasks
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry
from verbund.surveys.links import recipient_by_link, recipient_link_token
from verbund.surveys.models import Recipient, Survey, SurveyStatus
from verbund.surveys.services import (
    recipients_parse,
    recipients_remind,
    response_save,
    response_submit,
    survey_close,
    survey_definition_set,
    surveys_close_due,
)

pytestmark = pytest.mark.django_db


def test_launch_invites_every_recipient_once_with_a_personal_link(
    survey_world: SurveyWorld,
) -> None:
    assert survey_world.survey.status == SurveyStatus.OPEN
    assert run_tasks() == 4
    assert len(mail.outbox) == 4
    hoechberg = survey_world.recipient(survey_world.members[0])
    message = next(m for m in mail.outbox if m.to == [hoechberg.email])
    assert message.subject == "Umfrage: Stand der Digitalisierung 2026"
    token = recipient_link_token(hoechberg)
    assert f"/umfrage/{hoechberg.pk}/{token}/" in message.body
    assert "Höchberg" in message.body
    hoechberg.refresh_from_db()
    assert hoechberg.invited_at is not None
    # The link finds its recipient; another recipient's token or a guessed id finds nothing.
    assert recipient_by_link(hoechberg.pk, token) == hoechberg
    rimpar = survey_world.recipient(survey_world.members[1])
    assert recipient_by_link(rimpar.pk, token) is None
    assert recipient_by_link(hoechberg.pk + 1000, token) is None
    assert recipient_by_link("x", token) is None


def test_answers_are_saved_then_submitted_once(survey_world: SurveyWorld) -> None:
    recipient = survey_world.recipient(survey_world.members[0])
    partial = {"eakte": "kein", "stellen": 2}
    saved = response_save(recipient=recipient, answers=partial, respondent="Frau Adam")
    assert saved.answers == partial
    assert saved.submitted_at is None
    with pytest.raises(ValidationError) as refused:
        response_submit(recipient=recipient)
    assert refused.value.messages == [
        "„4. Haben Sie ein Online-Portal?“: Bitte beantworten Sie diese Frage."
    ]
    recipient.refresh_from_db()
    assert recipient.submitted_at is None
    assert recipient.answers == partial
    response_save(recipient=recipient, answers=ANSWERS)
    done = response_submit(recipient=recipient)
    assert done.submitted_at is not None
    assert done.answers == ANSWERS
    assert done.respondent == "Frau Adam"
    assert done.revision == 1
    # Once submitted, nothing changes any more.
    for attempt in (
        lambda: response_save(recipient=recipient, answers={"eakte": "alle"}),
        lambda: response_submit(recipient=recipient),
    ):
        with pytest.raises(ValidationError) as again:
            attempt()
        assert again.value.messages == ["Diese Antworten wurden schon abgeschickt."]
    recipient.refresh_from_db()
    assert recipient.answers == ANSWERS
    actions = list(
        AuditEntry.objects.filter(authority_id=recipient.authority_id)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["survey.answers_save", "survey.answers_save", "survey.answers_submit"]
    assert audit_verify().ok


def test_wrong_answers_are_refused_naming_the_question(survey_world: SurveyWorld) -> None:
    recipient = survey_world.recipient(survey_world.members[0])
    with pytest.raises(ValidationError) as refused:
        response_save(
            recipient=recipient,
            answers={"stellen": 501, "zufrieden": 9, "eakte": "kein", "eakte_bereiche": ["bauamt"]},
        )
    assert sorted(refused.value.messages) == [
        "„2. In welchen Bereichen?“ wird bei Ihren Antworten nicht gestellt.",
        "„5. Wie viele Stellen hat Ihre IT?“: höchstens 500.",
        "„6. Wie zufrieden sind Sie mit der Zusammenarbeit?“: "
        "Bitte wählen Sie einen Wert der Skala.",
    ]
    recipient.refresh_from_db()
    assert recipient.answers == {}
    assert recipient.saved_at is None


def test_after_launch_only_the_wording_changes(survey_world: SurveyWorld) -> None:
    survey = survey_world.survey
    reworded = copy.deepcopy(DEFINITION)
    reworded["sections"][0]["questions"][0]["text"] = "Wie weit ist Ihre E-Akte?"
    changed = survey_definition_set(
        actor=survey_world.coordinator, survey=survey, definition=reworded
    )
    assert changed.revision == 2
    restructured = copy.deepcopy(reworded)
    restructured["sections"][0]["questions"][0]["options"].pop()
    with pytest.raises(ValidationError) as refused:
        survey_definition_set(
            actor=survey_world.coordinator, survey=survey, definition=restructured
        )
    assert "Nur noch Formulierungen" in refused.value.messages[0]
    survey.refresh_from_db()
    assert survey.definition == reworded
    assert survey.revision == 2


def test_reminders_go_only_to_those_missing(survey_world: SurveyWorld) -> None:
    run_tasks()
    mail.outbox.clear()
    done = survey_world.recipient(survey_world.members[0])
    response_save(recipient=done, answers=ANSWERS)
    response_submit(recipient=done)
    assert recipients_remind(actor=survey_world.coordinator, survey=survey_world.survey) == 3
    assert run_tasks() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.email for r in Recipient.objects.filter(survey=survey_world.survey).exclude(pk=done.pk)
    )
    assert all(m.subject.startswith("Erinnerung") for m in mail.outbox)
    assert Recipient.objects.filter(reminders=1).count() == 3


def test_closing_keeps_drafts_and_stops_answers(survey_world: SurveyWorld) -> None:
    draft = survey_world.recipient(survey_world.members[1])
    response_save(recipient=draft, answers={"eakte": "alle"})
    survey_close(actor=survey_world.coordinator, survey=survey_world.survey)
    with pytest.raises(ValidationError) as refused:
        response_save(recipient=draft, answers={"eakte": "kein"})
    assert refused.value.messages == [
        "Die Umfrage ist abgeschlossen; Antworten sind nicht mehr möglich."
    ]
    draft.refresh_from_db()
    assert draft.answers == {"eakte": "alle"}


def test_the_deadline_closes_the_survey(survey_world: SurveyWorld) -> None:
    survey = survey_world.survey
    assert surveys_close_due(today=survey.closes_on) == 0
    assert surveys_close_due(today=survey.closes_on + dt.timedelta(days=1)) == 1
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED


def test_address_lists_name_every_bad_line(survey_world: SurveyWorld) -> None:
    kreis = survey_world.kreis
    with pytest.raises(ValidationError) as refused:
        recipients_parse(
            "ARS;E-Mail\n"
            f"{kreis.ars};kreis@example.org\n"
            "999999999999;x@example.org\n"
            f"{survey_world.outsider.ars};keine-adresse\n"
            f"{kreis.ars};zweimal@example.org\n"
            "nur-eine-spalte\n"
        )
    assert refused.value.messages == [
        "Zeile 3: Den Regionalschlüssel „999999999999“ gibt es im Register nicht.",
        "Zeile 4: „keine-adresse“ ist keine gültige E-Mail-Adresse.",
        "Zeile 5: Würzburg, Landkreis steht schon weiter oben in der Liste.",
        "Zeile 6: Bitte Regionalschlüssel und E-Mail-Adresse angeben.",
    ]
    lines = recipients_parse(f"{kreis.ars.ljust(12, '0')},kreis@example.org\r\n")
    assert [(line.authority, line.email) for line in lines] == [(kreis, "kreis@example.org")]
    assert Survey.objects.count() == 1


def test_two_colleagues_saving_different_pages_keep_both(survey_world: SurveyWorld) -> None:
    recipient = survey_world.recipient(survey_world.members[0])
    stale = Recipient.objects.get(pk=recipient.pk)  # the first colleague's page was read
    response_save(recipient=recipient, answers={"stellen": 3}, keys={"stellen", "zufrieden"})
    response_save(recipient=stale, answers={"eakte": "kein"}, keys={"eakte", "eakte_bereiche"})
    recipient.refresh_from_db()
    assert recipient.answers == {"stellen": 3, "eakte": "kein"}
    # A page's answer that hides a later page's question drops that answer too.
    response_save(recipient=recipient, answers={"eakte": "alle"}, keys={"eakte"})
    response_save(
        recipient=recipient, answers={"eakte_bereiche": ["bauamt"]}, keys={"eakte_bereiche"}
    )
    response_save(recipient=recipient, answers={"eakte": "kein"}, keys={"eakte"})
    recipient.refresh_from_db()
    assert recipient.answers == {"stellen": 3, "eakte": "kein"}
