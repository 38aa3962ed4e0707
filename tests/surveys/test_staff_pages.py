"""The coordinator's pages: build a survey (sections, fields of action, questions of
each type, a condition), preview it, address authorities (members, an address list
from the register), launch, track, remind and close. Members' staff only read; other
tenants find nothing. Bad input is reported and nothing is saved."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.clients import logged_in
from tests.factories import AuthorityFactory, OfficeFactory
from tests.surveys.conftest import ANSWERS, DEFINITION, SurveyWorld
from tests.tasks import run_tasks
from verbund.core.models import AuditEntry
from verbund.surveys import engine
from verbund.surveys.models import Recipient, Survey, SurveyStatus
from verbund.surveys.services import response_save, response_submit

pytestmark = pytest.mark.django_db


def _url(name: str, survey: Survey, **kwargs: Any) -> str:
    return reverse(
        f"staff:{name}", kwargs={"pk": survey.network_id, "survey_pk": survey.pk, **kwargs}
    )


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_coordinator_builds_a_survey_through_the_pages(survey_world: SurveyWorld) -> None:
    client = logged_in(survey_world.coordinator)
    network = survey_world.network
    created = client.post(
        reverse("staff:survey_create", kwargs={"pk": network.pk}),
        {"title": "Bedarfe 2027", "intro": "Was brauchen Sie?", "closes_on": ""},
    )
    survey = Survey.objects.get(title="Bedarfe 2027")
    assert created.status_code == 302
    assert created["Location"] == _url("survey", survey)
    assert survey.status == SurveyStatus.DRAFT
    assert survey.definition == {"fields": [], "sections": []}

    # A question needs a section first.
    no_section = client.get(_url("survey_question_create", survey), follow=True)
    assert "Legen Sie zuerst einen Abschnitt an." in _messages(no_section)

    client.post(_url("survey_section_create", survey), {"title": "Ausstattung", "intro": ""})
    client.post(_url("survey_field_create", survey), {"label": "E-Government"})
    base = {"section": "ausstattung", "decimals": "0"}
    single = client.post(
        _url("survey_question_create", survey),
        {
            **base,
            "type": "single",
            "text": "Gibt es ein Dokumentenmanagement?",
            "required": "on",
            "field": "e-government",
            "options": "ja, überall | 2\nteilweise | 1\nnein | 0",
        },
    )
    assert single.status_code == 302
    client.post(
        _url("survey_question_create", survey),
        {
            **base,
            "type": "matrix",
            "text": "Wie zufrieden sind Sie?",
            "options": "gut\nmittel\nschlecht",
            "rows": "Hardware\nSoftware",
            "show_if": [
                "gibt-es-ein-dokumentenmanagement::ja-ueberall",
                "gibt-es-ein-dokumentenmanagement::teilweise",
            ],
        },
    )
    client.post(
        _url("survey_question_create", survey),
        {
            **base,
            "type": "scale",
            "text": "Wie wichtig ist Ihnen das?",
            "min": "1",
            "max": "5",
            "scored": "on",
        },
    )
    survey.refresh_from_db()
    assert survey.definition == {
        "fields": [{"key": "e-government", "label": "E-Government"}],
        "sections": [
            {
                "key": "ausstattung",
                "title": "Ausstattung",
                "intro": "",
                "questions": [
                    {
                        "key": "gibt-es-ein-dokumentenmanagement",
                        "type": "single",
                        "text": "Gibt es ein Dokumentenmanagement?",
                        "required": True,
                        "field": "e-government",
                        "options": [
                            {"key": "ja-ueberall", "label": "ja, überall", "score": 2},
                            {"key": "teilweise", "label": "teilweise", "score": 1},
                            {"key": "nein", "label": "nein", "score": 0},
                        ],
                    },
                    {
                        "key": "wie-zufrieden-sind-sie",
                        "type": "matrix",
                        "text": "Wie zufrieden sind Sie?",
                        "options": [
                            {"key": "gut", "label": "gut"},
                            {"key": "mittel", "label": "mittel"},
                            {"key": "schlecht", "label": "schlecht"},
                        ],
                        "rows": [
                            {"key": "hardware", "label": "Hardware"},
                            {"key": "software", "label": "Software"},
                        ],
                        "show_if": {
                            "question": "gibt-es-ein-dokumentenmanagement",
                            "in": ["ja-ueberall", "teilweise"],
                        },
                    },
                    {
                        "key": "wie-wichtig-ist-ihnen",
                        "type": "scale",
                        "text": "Wie wichtig ist Ihnen das?",
                        "min": 1,
                        "max": 5,
                        "scored": True,
                    },
                ],
            }
        ],
    }
    page = client.get(_url("survey", survey))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1. Gibt es ein Dokumentenmanagement?" in text
    assert "„ja, überall“" in text  # the condition in words
    preview = client.get(_url("survey_preview", survey)).content.decode()
    assert "Hardware" in preview
    assert "(2 Punkte)" in preview

    # Move the scale up, then remove it; the JSON download is the definition.
    client.post(_url("survey_question_move", survey, key="wie-wichtig-ist-ihnen", direction="hoch"))
    survey.refresh_from_db()
    keys = [q["key"] for q in survey.definition["sections"][0]["questions"]]
    assert keys == [
        "gibt-es-ein-dokumentenmanagement",
        "wie-wichtig-ist-ihnen",
        "wie-zufrieden-sind-sie",
    ]
    # The question the matrix depends on cannot go.
    refused = client.post(
        _url("survey_question_delete", survey, key="gibt-es-ein-dokumentenmanagement"), follow=True
    )
    assert _messages(refused) == [
        "Die Frage „Wie zufrieden sind Sie?“ hängt von dieser Frage ab; "
        "ändern Sie zuerst ihre Bedingung."
    ]
    downloaded = client.get(_url("survey_definition_json", survey))
    assert json.loads(downloaded.content) == survey.definition
    assert downloaded["Content-Disposition"] == f'attachment; filename="umfrage-{survey.pk}.json"'
    actions = list(
        AuditEntry.objects.filter(network_id=network.pk, object_id=str(survey.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["survey.create"] + ["survey.definition"] * 6


def test_a_question_form_with_bad_input_saves_nothing(survey_world: SurveyWorld) -> None:
    client = logged_in(survey_world.coordinator)
    survey = Survey.objects.create(
        network=survey_world.network, title="Entwurf", definition=DEFINITION
    )
    before = json.dumps(survey.definition, sort_keys=True)
    response = client.post(
        _url("survey_question_create", survey),
        {
            "section": "stand",
            "type": "scale",
            "text": "Skala ohne Grenzen",
            "decimals": "0",
            "show_if": ["eakte::alle", "portal::ja"],
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["min"] == ["Eine Skala braucht diesen Wert."]
    assert errors["show_if"] == ["Bitte nur Antworten einer einzigen Frage wählen."]
    # The engine's problems appear on the form too (here: a scale of 1 to 20).
    response = client.post(
        _url("survey_question_create", survey),
        {
            "section": "stand",
            "type": "scale",
            "text": "Zu lang",
            "decimals": "0",
            "min": "1",
            "max": "20",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Frage 5: Eine Skala hat 2 bis 11 Stufen."
    ]
    survey.refresh_from_db()
    assert json.dumps(survey.definition, sort_keys=True) == before
    bad_json = client.post(
        _url("survey_definition_upload", survey),
        {"definition": SimpleUploadedFile("x.json", b"{kein json", "application/json")},
        follow=True,
    )
    assert _messages(bad_json) == ["Die Datei ist kein gültiges JSON."]
    wrong = client.post(
        _url("survey_definition_upload", survey),
        {"definition": SimpleUploadedFile("x.json", b'{"sections": [{"key": "A"}]}')},
        follow=True,
    )
    assert "Abschnitt 1: Titel fehlt." in _messages(wrong)
    survey.refresh_from_db()
    assert json.dumps(survey.definition, sort_keys=True) == before


def test_addressing_launching_tracking_and_reminding(survey_world: SurveyWorld) -> None:
    run_tasks()  # the world's own survey's invitations
    mail.outbox.clear()
    client = logged_in(survey_world.coordinator)
    network = survey_world.network
    survey = Survey.objects.create(network=network, title="Landkreise", definition=DEFINITION)
    # Launching without recipients is refused.
    refused = client.post(_url("survey_launch", survey), follow=True)
    assert _messages(refused) == ["Die Umfrage hat noch keine Empfänger."]
    # Members: only those with an office address.
    OfficeFactory(authority=survey_world.members[0], email="post@hoechberg.example")
    added = client.post(_url("survey_recipients_members", survey), follow=True)
    assert _messages(added) == ["1 Empfänger hinzugefügt, 0 Adressen geändert."]
    assert "Würzburg, Landkreis" in added.content.decode()  # listed as without address
    # An address list with a bad line takes nothing.
    other = AuthorityFactory(kreis=True, name="Anderer Kreis", population=180_000)
    bad = client.post(
        _url("survey_recipients_list", survey),
        {"text": f"{other.ars};kreis@anderer.example\n{survey_world.kreis.ars};nicht-gueltig"},
    )
    assert bad.status_code == 400
    assert bad.context["address_form"].non_field_errors() == [
        "Zeile 2: „nicht-gueltig“ ist keine gültige E-Mail-Adresse."
    ]
    assert Recipient.objects.filter(survey=survey).count() == 1
    good = client.post(
        _url("survey_recipients_list", survey),
        {
            "file": SimpleUploadedFile(
                "liste.csv",
                f"ARS;E-Mail\r\n{other.ars};kreis@anderer.example\r\n{survey_world.kreis.ars};kreis@wuerzburg.example\r\n".encode(
                    "utf-8-sig"
                ),
                "text/csv",
            )
        },
        follow=True,
    )
    assert _messages(good) == ["2 Empfänger hinzugefügt, 0 Adressen geändert."]
    template = client.get(_url("survey_recipients_template", survey), {"kind": "landkreise"})
    lines = template.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "ARS;E-Mail;Name"
    assert f"{other.ars};;Anderer Kreis" in lines

    launched = client.post(_url("survey_launch", survey), follow=True)
    assert _messages(launched) == ["Die Umfrage läuft. 3 Einladungen werden verschickt."]
    assert run_tasks() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kreis@anderer.example",
        "kreis@wuerzburg.example",
        "post@hoechberg.example",
    ]
    # After launch: wording yes, structure no.
    edit_url = _url("survey_question_edit", survey, key="portal")
    form = client.get(edit_url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and v is not False and v != ""}
    data.update({"text": "Betreiben Sie ein Online-Portal?", "decimals": "0", "required": "on"})
    reworded = client.post(edit_url, data)
    assert reworded.status_code == 302, reworded.context["form"].errors
    survey.refresh_from_db()
    assert (
        engine.compile_survey(survey.definition).question("portal").text
        == "Betreiben Sie ein Online-Portal?"
    )
    assert survey.revision == 2
    restructured = client.post(edit_url, {**data, "required": ""})
    assert restructured.status_code == 400
    assert "Nur noch Formulierungen" in restructured.context["form"].non_field_errors()[0]

    # One answers; tracking counts it; the reminder goes to the other two.
    kreis = Recipient.objects.get(survey=survey, authority=survey_world.kreis)
    response_save(recipient=kreis, answers=ANSWERS)
    response_submit(recipient=kreis)
    page = client.get(_url("survey_recipients", survey))
    tracking = page.context["tracking"]
    assert (tracking.asked, tracking.answered, tracking.started) == (3, 1, 0)
    assert [(g.label, g.asked, g.answered) for g in tracking.groups["groesse"]] == [
        ("unter 20.000", 2, 1),
        ("100.000 bis unter 250.000", 1, 0),
    ]
    assert "1 von 3 beantwortet" in page.content.decode()
    mail.outbox.clear()
    reminded = client.post(_url("survey_remind", survey), follow=True)
    assert _messages(reminded) == ["2 Erinnerungen werden verschickt."]
    assert run_tasks() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kreis@anderer.example",
        "post@hoechberg.example",
    ]
    closed = client.post(_url("survey_close", survey), follow=True)
    assert _messages(closed) == ["Die Umfrage ist abgeschlossen."]
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    assert survey.closed_at is not None
    assert survey.closed_at <= timezone.now()


def test_members_read_and_outsiders_find_nothing(survey_world: SurveyWorld) -> None:
    survey = survey_world.survey
    member = logged_in(survey_world.member_clerk)
    assert member.get(_url("survey", survey)).status_code == 200
    assert member.get(_url("survey_preview", survey)).status_code == 200
    before = json.dumps(Survey.objects.get(pk=survey.pk).definition, sort_keys=True)
    for name, kwargs, method in [
        ("survey_edit", {}, "get"),
        ("survey_recipients", {}, "get"),
        ("survey_close", {}, "post"),
        ("survey_remind", {}, "post"),
        ("survey_question_edit", {"key": "portal"}, "get"),
        ("survey_question_delete", {"key": "wunsch"}, "post"),
    ]:
        response = getattr(member, method)(_url(name, survey, **kwargs))
        assert response.status_code in (403, 404), name
    outsider = logged_in(survey_world.outsider_clerk)
    for name in ("survey", "survey_preview", "survey_definition_json", "survey_recipients"):
        assert outsider.get(_url(name, survey)).status_code == 404, name
    assert (
        outsider.get(reverse("staff:surveys", kwargs={"pk": survey.network_id})).status_code == 404
    )
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    assert json.dumps(survey.definition, sort_keys=True) == before
    assert Recipient.objects.filter(survey=survey, reminders__gt=0).count() == 0
