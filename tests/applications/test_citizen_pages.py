"""What a citizen reads along the journey: the number of pages before starting, the
authorities' official names on every page and e-mail, labels that are visible, and
one obvious action on an upload page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests.applications.conftest import DEFINITION, World, pdf
from tests.applications.test_journey import ADDRESS, base_of, fill_until_check, html, start
from tests.factories import FormVersionFactory
from tests.tasks import run_tasks
from verbund.applications.links import status_token
from verbund.applications.models import Attachment, Submission
from verbund.formengine import engine

pytestmark = pytest.mark.django_db


# --- how many pages --------------------------------------------------------------------


def _total(page: str) -> int:
    found = re.search(r"Schritt \d+ von (\d+)", page)
    assert found is not None
    return int(found.group(1))


def test_the_start_page_counts_the_pages_the_journey_really_has(
    client: Client, world: World
) -> None:
    page = html(client.get(world.start_url))
    # Five steps are defined; a first issue skips "Nummer": four or five pages.
    assert len(DEFINITION["steps"]) == 5
    assert "Der Antrag hat je nach Ihren Angaben 4 bis 5 Schritte." in page
    assert "Der Antrag hat 5 Schritte." not in page

    # Walked both ways, the journey says the same.
    base = base_of(start(client, world))
    client.post(base + "erstausgabe/", {"erstausgabe": "ja"})
    assert _total(html(client.get(base + "person/"))) == 4
    client.post(base + "erstausgabe/", {"erstausgabe": "nein"})
    assert _total(html(client.get(base + "nummer/"))) == 5


def test_a_form_without_conditions_has_one_number(client: Client, world: World) -> None:
    definition = {**DEFINITION, "steps": [dict(s) for s in DEFINITION["steps"]]}
    del definition["steps"][1]["when"]
    FormVersionFactory(service=world.service, number=2, definition=definition)
    page = html(client.get(world.start_url))
    assert "Der Antrag hat 5 Schritte." in page
    assert "je nach Ihren Angaben" not in page


def test_page_count_follows_every_way_of_answering() -> None:
    def form(steps: list[dict[str, object]], properties: dict[str, object]) -> engine.Form:
        return engine.compile_form(
            {
                "schema": {
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "type": "object",
                    "properties": properties,
                    "required": ["art"],
                },
                "steps": steps,
            }
        )

    art = {
        "type": "string",
        "title": "Art",
        "oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}],
    }
    text = {"type": "string", "title": "Text"}

    def when(value: str) -> dict[str, object]:
        return {"properties": {"art": {"const": value}}, "required": ["art"]}

    # Two pages that exclude each other: never all four, always three.
    either = form(
        [
            {"key": "art", "title": "Art", "fields": ["art"]},
            {"key": "a", "title": "A", "fields": ["x"], "when": when("a")},
            {"key": "b", "title": "B", "fields": ["y"], "when": when("b")},
            {"key": "ende", "title": "Ende", "fields": ["z"]},
        ],
        {"art": art, "x": text, "y": text, "z": text},
    )
    assert engine.page_count(either) == engine.PageCount(3, 3)

    # A condition on a free answer that names its value: both ways are followed.
    named = form(
        [
            {"key": "art", "title": "Art", "fields": ["art", "code"]},
            {
                "key": "sonder",
                "title": "Sonder",
                "fields": ["x"],
                "when": {"properties": {"code": {"const": "S"}}, "required": ["code"]},
            },
        ],
        {"art": art, "code": text, "x": text},
    )
    assert engine.page_count(named) == engine.PageCount(1, 2)

    # A condition the count cannot follow (a pattern): the honest bounds.
    pattern = form(
        [
            {"key": "art", "title": "Art", "fields": ["art", "code"]},
            {
                "key": "sonder",
                "title": "Sonder",
                "fields": ["x"],
                "when": {"properties": {"code": {"pattern": "^S"}}, "required": ["code"]},
            },
        ],
        {"art": art, "code": text, "x": text},
    )
    assert engine.page_count(pattern) == engine.PageCount(1, 2)


# --- official names on the citizen's pages and e-mails -------------------------------------


def test_confirmation_status_and_email_name_the_kreis_officially(
    client: Client, world: World
) -> None:
    # The register calls the Kreis "Düren", like the town.
    assert world.dueren.name == "Düren"
    base = fill_until_check(client, world)
    response = client.post(base + "pruefen/")
    submission = Submission.objects.get()
    page = html(client.get(response["Location"]))
    assert "Kreis Düren bearbeitet Ihren Antrag." in page
    status = html(client.get(f"/status/{submission.reference}/{status_token(submission)}/"))
    assert "<dt>Zuständig</dt><dd>Kreis Düren</dd>" in status
    assert "<dd>Düren</dd>" not in status
    run_tasks()
    assert len(mail.outbox) == 1
    assert "„Reitkennzeichen beantragen“ für Kreis Düren erhalten." in mail.outbox[0].body


# --- visible labels and the upload page -----------------------------------------------------


def test_a_single_question_titled_otherwise_keeps_its_label_visible(
    client: Client, world: World
) -> None:
    base = base_of(start(client, world))
    # The step "Nummer" asks "Nummer des Kennzeichens": the heading is the step's title
    # and the label says what to type.
    client.post(base + "erstausgabe/", {"erstausgabe": "nein"})
    page = html(client.get(base + "nummer/"))
    assert '<h1 class="kern-heading-large" lang="de">Nummer</h1>' in page
    assert (
        '<label class="kern-label" for="f-nummer"><span lang="de">Nummer des Kennzeichens'
        "</span></label>"
    ) in page
    # The step whose title is its question: the heading is the label.
    page = html(client.get(base + "erstausgabe/"))
    assert page.count("<h1") == 1
    assert '<h1 class="kern-heading-large verbund-question"><span lang="de">' in page


def test_the_upload_page_has_one_primary_action_and_removing_is_apart(
    client: Client, world: World
) -> None:
    base = base_of(start(client, world))
    client.post(base + "erstausgabe/", {"erstausgabe": "ja"})
    client.post(base + "person/", {"name": "Anna", **ADDRESS})
    page = html(client.get(base + "nachweis/"))
    assert "Datei hochladen" not in page
    assert page.count("kern-btn--primary") == 1
    form = page.split('<form class="verbund-form"')[1].split("</form>")[0]
    buttons = re.findall(r"<button[^>]*>", form)
    # The page's first button is its default (Enter in a field): "Weiter".
    assert 'value="weiter"' in buttons[0]
    assert "kern-btn--primary" in buttons[0]

    # Choosing a file and "Weiter" uploads it and goes on.
    assert client.post(base + "nachweis/", {"nachweis": pdf()})["Location"] == base + "kontakt/"
    attachment = Attachment.objects.get()
    page = html(client.get(base + "nachweis/"))
    form = page.split('<form class="verbund-form"')[1].split("</form>")[0]
    owned = [b for b in re.findall(r"<button[^>]*>", form) if " form=" not in b]
    assert 'value="weiter"' in owned[0]
    # The remove button belongs to its own form, so it is never the page's default button.
    remove = f'form="f-entfernen" name="aktion" value="entfernen:{attachment.pk}"'
    assert remove in form
    assert '<form id="f-entfernen" method="post">' in page
    response = client.post(base + "nachweis/", {"aktion": f"entfernen:{attachment.pk}"})
    assert response.status_code == 200
    assert Attachment.objects.count() == 0
