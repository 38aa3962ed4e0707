"""The recipient answers a survey through the personal link, as a browser would: the
overview, each section posted as a form (radios, repeated checkbox keys, a matrix, a
number with a decimal comma, a German date), the check page, submit. Every refusal
names the question and changes nothing; a foreign or guessed link finds nothing;
submitted or closed, the answers are only shown."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from tests.surveys.conftest import ANSWERS, DEFINITION, SurveyWorld
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry
from verbund.surveys.engine import compile_survey
from verbund.surveys.links import recipient_link_token, recipient_path
from verbund.surveys.models import Recipient, Survey
from verbund.surveys.respond.display import (
    answer_lines,
    answer_text,
    answers_by_section,
    date_text,
    number_text,
)
from verbund.surveys.services import (
    AddressLine,
    recipients_add,
    response_save,
    response_submit,
    survey_close,
    survey_create,
    survey_launch,
)

pytestmark = pytest.mark.django_db

# The two pages of DEFINITION, filled in as ANSWERS, as the browser sends them.
STAND = {
    "q-eakte": "teile",
    "q-eakte_bereiche": ["bauamt", "jugendamt"],
    "q-felder-erechnung": "umgesetzt",
    "q-felder-evergabe": "geplant",
    "q-portal": "ja",
}
RESSOURCEN = {
    "q-stellen": "4,5",
    "q-zufrieden": "4",
    "q-start": "01.05.2023",
    "q-wunsch": "Gemeinsame Schulungen.",
}
NO_STORE = "private, no-store"


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    """A form sent as a browser sends it: URL-encoded, a key repeated per checkbox."""
    return client.post(
        url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )


def row(recipient: Recipient) -> dict[str, Any]:
    return Recipient.objects.filter(pk=recipient.pk).values().get()


def audit_actions(recipient: Recipient) -> list[str]:
    return list(
        AuditEntry.objects.filter(authority_id=recipient.authority_id)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def text(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def hoechberg(survey_world: SurveyWorld) -> Recipient:
    return survey_world.recipient(survey_world.members[0])


def test_a_recipient_answers_section_by_section_and_submits_once(
    survey_world: SurveyWorld, hoechberg: Recipient
) -> None:
    client = Client()
    base = recipient_path(hoechberg)
    overview = client.get(base)
    assert overview.status_code == 200
    assert overview["Cache-Control"] == NO_STORE
    assert overview["X-Robots-Tag"] == "noindex, nofollow"
    assert overview["Referrer-Policy"] == "same-origin"
    page = text(overview)
    assert "Stand der Digitalisierung 2026" in page
    assert "Kreisverbund Würzburg" in page
    assert "für Höchberg" in page
    assert "Eine Umfrage unter den Mitgliedern." in page
    closes = survey_world.survey.closes_on
    assert closes is not None
    assert f"{closes:%d.%m.%Y} (einschließlich)" in page
    # Unanswered, the E-Akte's areas are not asked yet: 3 questions, then 4.
    assert "0 von 3 Fragen beantwortet" in page
    assert "0 von 4 Fragen beantwortet" in page
    assert f'href="{base}stand/"' in page
    assert f'href="{base}absenden/"' in page

    first = client.get(base + "stand/")
    assert first.status_code == 200
    assert first["Cache-Control"] == NO_STORE
    page = text(first)
    # A condition on this very page cannot be decided before it is sent: a hint says when.
    assert (
        "Nur beantworten, wenn Sie bei „1. Wie weit ist die E-Akte eingeführt?“ "
        "„in allen Bereichen“ oder „in einigen Bereichen“ gewählt haben."
    ) in page
    assert (
        '<legend class="kern-label"><span lang="de">3. Wie steht es um diese Vorhaben?</span>'
        in page
    )
    assert '<span class="kern-sr-only" lang="de">E-Rechnung: umgesetzt</span>' in page

    sent = post(client, base + "stand/", {**STAND, "aktion": "weiter"})
    assert sent.status_code == 302
    assert sent["Location"] == base + "ressourcen/"
    assert sent["Cache-Control"] == NO_STORE
    hoechberg.refresh_from_db()
    assert hoechberg.answers == {
        "eakte": "teile",
        "eakte_bereiche": ["bauamt", "jugendamt"],
        "felder": {"erechnung": "umgesetzt", "evergabe": "geplant"},
        "portal": "ja",
    }
    assert hoechberg.submitted_at is None

    # „Zwischenspeichern“ keeps the page open, with what was typed, the German way.
    saved = post(client, base + "ressourcen/", {**RESSOURCEN, "aktion": "speichern"})
    assert saved.status_code == 302
    assert saved["Location"] == base + "ressourcen/"
    again = client.get(saved["Location"])
    page = text(again)
    assert "Ihre Antworten sind gespeichert." in page
    assert 'value="4,5"' in page
    assert 'value="01.05.2023"' in page
    assert 'value="4" checked' in page
    assert ">Gemeinsame Schulungen.</textarea>" in page
    hoechberg.refresh_from_db()
    assert hoechberg.answers == ANSWERS

    done = post(client, base + "ressourcen/", {**RESSOURCEN, "aktion": "weiter"})
    assert done["Location"] == base + "absenden/"
    check = client.get(done["Location"])
    assert check.status_code == 200
    assert check["Cache-Control"] == NO_STORE
    page = text(check)
    for shown in (
        "in einigen Bereichen",
        '<span lang="de">Bauamt<br>Jugendamt</span>',
        '<span lang="de">E-Rechnung: umgesetzt<br>E-Vergabe: geplant</span>',
        '<span lang="de">Ja</span>',
        '<span lang="de">4,5</span>',
        '<span lang="de">4</span>',
        '<span lang="de">01.05.2023</span>',
        '<span lang="de">Gemeinsame Schulungen.</span>',
    ):
        assert shown in page
    assert f'href="{base}ressourcen/#q-stellen"' in page
    assert f'href="{base}stand/#q-felder-erechnung-0"' in page
    assert "Bitte prüfen Sie Ihre Angaben" not in page

    submitted = post(client, base + "absenden/", {"respondent": "Frau Adam, IT-Leitung"})
    assert submitted.status_code == 302
    assert submitted["Location"] == base
    hoechberg.refresh_from_db()
    assert hoechberg.answers == ANSWERS
    assert hoechberg.submitted_at is not None
    assert hoechberg.respondent == "Frau Adam, IT-Leitung"
    assert hoechberg.revision == 1
    assert audit_actions(hoechberg) == [
        "survey.answers_save",
        "survey.answers_save",
        "survey.answers_save",
        "survey.answers_submit",
    ]
    assert audit_verify().ok

    final = client.get(base)
    page = text(final)
    assert "Vielen Dank! Ihre Antworten sind abgeschickt." in page
    local = timezone.localtime(hoechberg.submitted_at)
    assert f"Abgeschickt am {local:%d.%m.%Y} um {local:%H:%M} Uhr" in page
    assert "Ausgefüllt von Frau Adam, IT-Leitung." in page
    assert '<span lang="de">Bauamt<br>Jugendamt</span>' in page
    assert "Antworten prüfen und absenden" not in page
    assert "Ändern" not in page
    # The other recipients are untouched.
    assert Recipient.objects.filter(survey=survey_world.survey, answers={}).count() == 3


@pytest.mark.parametrize(
    ("section", "data", "message", "anchor"),
    [
        (
            "ressourcen",
            {**RESSOURCEN, "q-stellen": "abc"},
            "„5. Wie viele Stellen hat Ihre IT?“: Bitte geben Sie eine Zahl ein.",
            "#q-stellen",
        ),
        (
            "ressourcen",
            {**RESSOURCEN, "q-stellen": "501"},
            "„5. Wie viele Stellen hat Ihre IT?“: höchstens 500.",
            "#q-stellen",
        ),
        (
            "ressourcen",
            {**RESSOURCEN, "q-stellen": "4,55"},
            "„5. Wie viele Stellen hat Ihre IT?“: höchstens 1 Nachkommastelle.",
            "#q-stellen",
        ),
        (
            "ressourcen",
            {**RESSOURCEN, "q-zufrieden": "9"},
            "„6. Wie zufrieden sind Sie mit der Zusammenarbeit?“: "
            "Bitte wählen Sie einen Wert der Skala.",
            "#q-zufrieden-0",
        ),
        (
            "ressourcen",
            {**RESSOURCEN, "q-start": "31.02.2023"},
            "„7. Seit wann gibt es Ihre Digitalisierungsstrategie?“: "
            "Bitte geben Sie ein Datum ein (TT.MM.JJJJ).",
            "#q-start",
        ),
        (
            "stand",
            {**STAND, "q-eakte": "vielleicht"},
            "„1. Wie weit ist die E-Akte eingeführt?“: "
            "Bitte wählen Sie eine der angebotenen Antworten.",
            "#q-eakte-0",
        ),
        (
            "stand",
            {**STAND, "q-eakte_bereiche": ["bauamt", "kaemmerei"]},
            "„2. In welchen Bereichen?“: Bitte wählen Sie nur angebotene Antworten.",
            "#q-eakte_bereiche-0",
        ),
        (
            "stand",
            {**STAND, "q-felder-evergabe": "vielleicht"},
            "„3. Wie steht es um diese Vorhaben?“: "
            "Bitte wählen Sie eine der angebotenen Antworten.",
            "#q-felder-erechnung-0",
        ),
    ],
)
@pytest.mark.parametrize("action", ["weiter", "speichern"])
def test_a_wrong_answer_is_named_and_nothing_is_saved(
    hoechberg: Recipient,
    section: str,
    data: dict[str, Any],
    message: str,
    anchor: str,
    action: str,
) -> None:
    response_save(recipient=hoechberg, answers={"eakte": "kein", "stellen": 2})
    before = row(hoechberg)
    base = recipient_path(hoechberg)
    response = post(Client(), f"{base}{section}/", {**data, "aktion": action})
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    page = text(response)
    assert "<title>Fehler:" in page
    assert 'class="kern-alert kern-alert--danger verbund-error-summary" role="alert"' in page
    # In the summary, linked to the question, and again at the question itself.
    assert f'<a class="kern-link" href="{anchor}">{message}</a>' in page
    assert f'<span class="kern-sr-only">Fehler: </span>{message}</span>' in page
    assert 'aria-invalid="true"' in page
    # What was sent is shown again.
    for name, value in data.items():
        for one in value if isinstance(value, list) else [value]:
            if name in {"q-stellen", "q-start"}:
                assert f'name="{name}" type="text" value="{one}"' in page
    assert row(hoechberg) == before
    assert audit_actions(hoechberg) == ["survey.answers_save"]


def test_the_error_is_tied_to_its_question(hoechberg: Recipient) -> None:
    base = recipient_path(hoechberg)
    page = text(post(Client(), base + "ressourcen/", {**RESSOURCEN, "q-stellen": "abc"}))
    assert (
        'id="q-stellen" name="q-stellen" type="text" value="abc" inputmode="decimal" '
        'autocomplete="off" aria-describedby="q-stellen-hint q-stellen-format q-stellen-error" '
        'aria-invalid="true"'
    ) in page
    assert '<div class="kern-hint" id="q-stellen-format">Eine Zahl von 0 bis 500, ' in page


def test_an_answer_to_a_question_its_page_hides_is_not_kept(hoechberg: Recipient) -> None:
    base = recipient_path(hoechberg)
    sent = post(
        Client(),
        base + "stand/",
        {**STAND, "q-eakte": "kein", "q-eakte_bereiche": ["bauamt"], "aktion": "weiter"},
    )
    assert sent.status_code == 302
    hoechberg.refresh_from_db()
    assert hoechberg.answers == {
        "eakte": "kein",
        "felder": {"erechnung": "umgesetzt", "evergabe": "geplant"},
        "portal": "ja",
    }
    # Changed back: the areas are asked again and kept.
    post(Client(), base + "stand/", {**STAND, "aktion": "weiter"})
    hoechberg.refresh_from_db()
    assert hoechberg.answers["eakte_bereiche"] == ["bauamt", "jugendamt"]


def test_a_condition_on_an_earlier_section_decides_what_a_page_shows(
    survey_world: SurveyWorld,
) -> None:
    survey = survey_create(
        actor=survey_world.coordinator,
        network=survey_world.network,
        title="Rechenzentrum",
        definition={
            "fields": [],
            "sections": [
                {
                    "key": "eins",
                    "title": "Betrieb",
                    "questions": [
                        {"key": "eigenes", "type": "yesno", "text": "Eigenes Rechenzentrum?"}
                    ],
                },
                {
                    "key": "zwei",
                    "title": "Details",
                    "questions": [
                        {
                            "key": "flaeche",
                            "type": "number",
                            "text": "Wie groß ist es (m²)?",
                            "show_if": {"question": "eigenes", "in": ["ja"]},
                        },
                        {"key": "notiz", "type": "text", "text": "Anmerkungen"},
                    ],
                },
            ],
        },
    )
    recipients_add(
        actor=survey_world.coordinator,
        survey=survey,
        lines=[AddressLine(survey_world.kreis, "it@kreis.example")],
    )
    survey_launch(actor=survey_world.coordinator, survey=survey)
    recipient = Recipient.objects.get(survey=survey)
    base = recipient_path(recipient)
    client = Client()
    post(client, base + "eins/", {"q-eigenes": "ja", "aktion": "weiter"})
    page = text(client.get(base + "zwei/"))
    assert "2. Wie groß ist es (m²)?" in page
    assert "Nur beantworten" not in page  # decided already, no hint needed
    post(client, base + "zwei/", {"q-flaeche": "1200", "q-notiz": "", "aktion": "weiter"})
    recipient.refresh_from_db()
    assert recipient.answers == {"eigenes": "ja", "flaeche": 1200}
    # "Nein" on the first page hides the question, and its answer goes.
    sent = post(client, base + "eins/", {"q-eigenes": "nein", "aktion": "weiter"})
    assert sent["Location"] == base + "zwei/"
    recipient.refresh_from_db()
    assert recipient.answers == {"eigenes": "nein"}
    page = text(client.get(base + "zwei/"))
    assert "Wie groß ist es" not in page
    assert "3. Anmerkungen" in page
    # Posted anyway, it is not kept.
    post(client, base + "zwei/", {"q-flaeche": "5", "q-notiz": "keins", "aktion": "weiter"})
    recipient.refresh_from_db()
    assert recipient.answers == {"eigenes": "nein", "notiz": "keins"}


def test_another_recipients_secret_or_a_guessed_id_finds_nothing(
    survey_world: SurveyWorld, hoechberg: Recipient
) -> None:
    rimpar = survey_world.recipient(survey_world.members[1])
    response_save(recipient=rimpar, answers={"eakte": "alle"})
    before = {r.pk: row(r) for r in (hoechberg, rimpar)}
    audit_before = AuditEntry.objects.count()
    foreign = recipient_link_token(rimpar)
    guessed = Recipient.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    client = Client()
    for prefix in (
        f"/umfrage/{hoechberg.pk}/{foreign}/",  # Rimpar's secret on Höchberg's id
        f"/umfrage/{guessed}/{foreign}/",
        f"/umfrage/{rimpar.pk}/{foreign[:-1]}x/",
        f"/umfrage/{rimpar.pk}/{recipient_link_token(hoechberg)}/",
    ):
        assert client.get(prefix).status_code == 404
        for page in ("stand/", "ressourcen/", "absenden/"):
            assert client.get(prefix + page).status_code == 404
        assert post(client, prefix + "stand/", {**STAND, "aktion": "weiter"}).status_code == 404
        assert post(client, prefix + "absenden/", {"respondent": "X"}).status_code == 404
    assert {r.pk: row(r) for r in (hoechberg, rimpar)} == before
    assert AuditEntry.objects.count() == audit_before


def test_an_unknown_section_is_not_found(hoechberg: Recipient) -> None:
    base = recipient_path(hoechberg)
    assert Client().get(base + "gibtsnicht/").status_code == 404
    assert post(Client(), base + "gibtsnicht/", {"aktion": "weiter"}).status_code == 404


def test_submitted_answers_are_only_shown(hoechberg: Recipient) -> None:
    response_save(recipient=hoechberg, answers=ANSWERS, respondent="Herr Bauer")
    response_submit(recipient=hoechberg)
    before = row(hoechberg)
    audit_before = audit_actions(hoechberg)
    base = recipient_path(hoechberg)
    client = Client()
    page = text(client.get(base))
    assert "Abgeschickt am" in page
    assert "Ausgefüllt von Herr Bauer." in page
    for shown in (
        "1. Wie weit ist die E-Akte eingeführt?",
        '<span lang="de">in einigen Bereichen</span>',
        '<span lang="de">E-Rechnung: umgesetzt<br>E-Vergabe: geplant</span>',
        '<span lang="de">4,5</span>',
        '<span lang="de">01.05.2023</span>',
    ):
        assert shown in page
    assert "<form" not in page.split("</header>", 1)[1]
    for url in (base + "stand/", base + "absenden/"):
        got = client.get(url)
        assert (got.status_code, got["Location"]) == (302, base)
    refused = post(client, base + "stand/", {**STAND, "q-eakte": "alle", "aktion": "weiter"})
    assert (refused.status_code, refused["Location"]) == (302, base)
    assert refused["Cache-Control"] == NO_STORE
    assert "Diese Antworten wurden schon abgeschickt." in text(client.get(base))
    post(client, base + "absenden/", {"respondent": "Jemand anders"})
    assert row(hoechberg) == before
    assert audit_actions(hoechberg) == audit_before


def test_a_closed_survey_shows_the_draft_and_takes_nothing(
    survey_world: SurveyWorld, hoechberg: Recipient
) -> None:
    response_save(recipient=hoechberg, answers={"eakte": "kein", "stellen": 12.5})
    survey_close(actor=survey_world.coordinator, survey=survey_world.survey)
    before = row(hoechberg)
    base = recipient_path(hoechberg)
    client = Client()
    page = text(client.get(base))
    assert "Die Umfrage ist abgeschlossen. Antworten sind nicht mehr möglich." in page
    assert "Ihre Antworten wurden nicht abgeschickt." in page
    assert '<span lang="de">kein Thema</span>' in page
    assert '<span lang="de">12,5</span>' in page
    assert "Antworten prüfen und absenden" not in page
    refused = post(client, base + "ressourcen/", {**RESSOURCEN, "aktion": "weiter"})
    assert (refused.status_code, refused["Location"]) == (302, base)
    assert "Die Umfrage ist abgeschlossen; Antworten sind nicht mehr möglich." in text(
        client.get(base)
    )
    post(client, base + "absenden/", {"respondent": "X"})
    assert row(hoechberg) == before


def test_past_its_deadline_a_survey_takes_no_answers(
    survey_world: SurveyWorld, hoechberg: Recipient
) -> None:
    # The daily housekeeping has not closed it yet: the deadline alone decides.
    Survey.objects.filter(pk=survey_world.survey.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    base = recipient_path(hoechberg)
    page = text(Client().get(base))
    assert "Die Umfrage ist abgeschlossen. Antworten sind nicht mehr möglich." in page
    assert "Sie haben keine Antworten gespeichert." in page
    before = row(hoechberg)
    post(Client(), base + "stand/", {**STAND, "aktion": "weiter"})
    assert row(hoechberg) == before


def test_open_required_questions_are_listed_and_block_the_submit(hoechberg: Recipient) -> None:
    response_save(recipient=hoechberg, answers={"eakte": "kein", "stellen": 2})
    base = recipient_path(hoechberg)
    client = Client()
    page = text(client.get(base + "absenden/"))
    assert (
        f'<a class="kern-link" href="{base}stand/#q-portal-0">'
        "„4. Haben Sie ein Online-Portal?“: Bitte beantworten Sie diese Frage.</a>"
    ) in page
    assert "Noch nicht beantwortet – diese Frage ist erforderlich." in page
    before = row(hoechberg)
    refused = post(client, base + "absenden/", {"respondent": "Frau Adam"})
    assert refused.status_code == 200
    page = text(refused)
    assert (
        f'<a class="kern-link" href="{base}stand/#q-portal-0">'
        "„4. Haben Sie ein Online-Portal?“: Bitte beantworten Sie diese Frage.</a>"
    ) in page
    assert 'value="Frau Adam"' in page
    assert row(hoechberg) == before
    assert audit_actions(hoechberg) == ["survey.answers_save"]


def test_the_name_of_who_filled_in_is_at_most_200_characters(hoechberg: Recipient) -> None:
    response_save(recipient=hoechberg, answers=ANSWERS)
    before = row(hoechberg)
    base = recipient_path(hoechberg)
    refused = post(Client(), base + "absenden/", {"respondent": "x" * 201})
    assert refused.status_code == 200
    assert 'href="#id_respondent"' in text(refused)
    assert row(hoechberg) == before


def test_the_overview_reads_the_link_in_one_query(
    hoechberg: Recipient, django_assert_num_queries: Any
) -> None:
    response_save(recipient=hoechberg, answers=ANSWERS)
    client = Client()
    base = recipient_path(hoechberg)
    with django_assert_num_queries(1):
        assert client.get(base).status_code == 200


def test_a_link_before_the_launch_shows_that_the_survey_has_not_begun(
    survey_world: SurveyWorld,
) -> None:
    survey = survey_create(
        actor=survey_world.coordinator, network=survey_world.network, title="Noch in Arbeit"
    )
    recipients_add(
        actor=survey_world.coordinator,
        survey=survey,
        lines=[AddressLine(survey_world.kreis, "it@kreis.example")],
    )
    recipient = Recipient.objects.get(survey=survey)
    base = recipient_path(recipient)
    client = Client()
    page = text(client.get(base))
    assert "Die Umfrage hat noch nicht begonnen." in page
    assert "Die Umfrage ist abgeschlossen" not in page
    assert client.get(base + "absenden/")["Location"] == base
    before = row(recipient)
    post(client, base + "absenden/", {"respondent": "X"})
    assert row(recipient) == before


def test_stored_answers_read_in_german() -> None:
    survey = compile_survey(DEFINITION)
    lines = {q.key: answer_lines(q, ANSWERS[q.key]) for q in survey.questions}
    assert lines == {
        "eakte": ["in einigen Bereichen"],
        "eakte_bereiche": ["Bauamt", "Jugendamt"],
        "felder": ["E-Rechnung: umgesetzt", "E-Vergabe: geplant"],
        "portal": ["Ja"],
        "stellen": ["4,5"],
        "zufrieden": ["4"],
        "start": ["01.05.2023"],
        "wunsch": ["Gemeinsame Schulungen."],
    }
    scale = survey.question("zufrieden")
    assert answer_lines(scale, 5) == ["5 (sehr)"]
    assert answer_lines(scale, 1) == ["1 (gar nicht)"]
    assert answer_text(survey.question("felder"), ANSWERS["felder"]) == (
        "E-Rechnung: umgesetzt; E-Vergabe: geplant"
    )
    assert answer_text(survey.question("eakte_bereiche"), ["ordnungsamt", "bauamt"]) == (
        "Ordnungsamt, Bauamt"
    )
    assert answer_lines(survey.question("felder"), {}) == []
    assert answer_lines(survey.question("wunsch"), None) == []
    assert [number_text(n) for n in (1234567.5, 4.0, 0, -1200, 0.25, 500)] == [
        "1.234.567,5",
        "4",
        "0",
        "-1.200",
        "0,25",
        "500",
    ]
    assert number_text(1234.5, grouping=False) == "1234,5"
    assert date_text("2023-05-01") == "01.05.2023"
    assert date_text("kein Datum") == "kein Datum"
    # Only the questions the answers show, by section.
    parts = answers_by_section(survey, {"eakte": "kein"})
    assert [(p.section.key, [(a.question.key, a.lines) for a in p.answers]) for p in parts] == [
        (
            "stand",
            [("eakte", ("kein Thema",)), ("felder", ()), ("portal", ())],
        ),
        (
            "ressourcen",
            [("stellen", ()), ("zufrieden", ()), ("start", ()), ("wunsch", ())],
        ),
    ]
