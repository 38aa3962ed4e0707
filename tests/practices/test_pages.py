"""The pages of good practices. The public sees published practices only, searches and
filters them without an account; a draft's or withdrawn practice's address is a 404 for
the public and for other authorities' staff. The publishing authority's staff create,
edit, publish and withdraw; another authority's staff get 404 and change nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.clients import logged_in
from tests.practices.conftest import COMPLETE, World, answered_survey, day, publish
from verbund.core.models import AuditEntry
from verbund.practices.models import FieldOfAction, GoodPractice, PracticeStatus
from verbund.practices.services import practice_create, practice_withdraw

pytestmark = pytest.mark.django_db

LIST = "/gute-beispiele/"


def html(response: Any) -> str:
    return str(response.content.decode())


def titles(response: Any) -> list[str]:
    """The result titles of the search page, in order."""
    return re.findall(r'<h3 class="kern-heading-small"><a [^>]*>([^<]*)</a></h3>', html(response))


def _counts() -> tuple[int, int]:
    return GoodPractice.objects.count(), AuditEntry.objects.count()


def _staff(world: World) -> str:
    return f"/verwaltung/behoerden/{world.soest.pk}/gute-beispiele/"


# --- public ---------------------------------------------------------------------------------


@pytest.fixture
def three(world: World) -> dict[str, GoodPractice]:
    doctor = publish(world.soest, when=day(1), service=world.service)
    bus = publish(
        world.olpe,
        when=day(3),
        title="Bürgerbus im Sauerland",
        summary="Ehrenamtliche fahren Ältere zum Arzt.",
        problem="Kein Linienverkehr in den Dörfern.",
        solution="Ein Verein fährt mit einem Kleinbus.",
        results="200 Fahrten im Monat.",
        field_of_action=FieldOfAction.MOBILITY,
    )
    akte = publish(
        world.wuerzburg,
        when=day(2),
        title="E-Akte im Landratsamt",
        summary="Papierlos seit 2024.",
        problem="Akten stapelten sich.",
        solution="Ein Dokumentenmanagementsystem.",
        results="Schnellere Bescheide.",
        field_of_action=FieldOfAction.E_GOVERNMENT,
    )
    draft = practice_create(
        actor=None, authority=world.soest, content=COMPLETE.__class__(title="Geheimer Entwurf")
    )
    withdrawn = publish(world.soest, when=day(4), title="Zurückgezogenes Beispiel")
    practice_withdraw(actor=None, practice=withdrawn)
    return {"doctor": doctor, "bus": bus, "akte": akte, "draft": draft, "withdrawn": withdrawn}


def test_anonymous_sees_the_published_practices_newest_first(
    three: dict[str, GoodPractice], django_assert_num_queries: Any
) -> None:
    response = Client().get(LIST)
    assert response.status_code == 200
    with django_assert_num_queries(1):  # the change counters: the search part is kept
        assert titles(Client().get(LIST)) == titles(response)
    assert titles(response) == [
        "Bürgerbus im Sauerland",
        "E-Akte im Landratsamt",
        "Ärztehaus in kommunaler Trägerschaft",
    ]
    page = html(response)
    assert "3 Beispiele gefunden." in page
    assert "Geheimer Entwurf" not in page
    assert "Zurückgezogenes Beispiel" not in page
    assert "Olpe · Mobilität" in page
    assert "Ehrenamtliche fahren Ältere zum Arzt." in page
    # The service filter offers the services practices link, and only those.
    assert f'<option value="{three["doctor"].service.key}">Gewerbe anmelden</option>' in page
    assert "Hundesteuer" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ÄRZTEHAUS"}, ["Ärztehaus in kommunaler Trägerschaft"]),
        ({"q": "aerztehaus"}, ["Ärztehaus in kommunaler Trägerschaft"]),
        ({"q": "arzt"}, ["Bürgerbus im Sauerland", "Ärztehaus in kommunaler Trägerschaft"]),
        ({"field": "egov"}, ["E-Akte im Landratsamt"]),
        ({"land": "09"}, ["E-Akte im Landratsamt"]),
        (
            {"land": "05", "q": "arzt"},
            ["Bürgerbus im Sauerland", "Ärztehaus in kommunaler Trägerschaft"],
        ),
        ({"kind": "gemeinde"}, []),
        # By its local key as well as by its catalogue key (the LeiKa key).
        ({"service": "gewerbeanmeldung"}, ["Ärztehaus in kommunaler Trägerschaft"]),
        ({"q": "Entwurf"}, []),
    ],
)
def test_search_and_filters(
    three: dict[str, GoodPractice], query: dict[str, str], expected: list[str]
) -> None:
    response = Client().get(LIST, query)
    assert response.status_code == 200
    assert titles(response) == expected
    if not expected:
        assert "Kein Beispiel gefunden" in html(response)


def test_a_published_service_without_practices_may_be_asked_for(
    three: dict[str, GoodPractice], world: World
) -> None:
    """The catalogue may link its services' practices; a service with none finds none."""
    response = Client().get(LIST, {"service": "hundesteuer"})
    assert response.status_code == 200
    assert titles(response) == []
    key = world.other_service.key
    assert f'<option value="{key}" selected>Hundesteuer</option>' in html(response)


@pytest.mark.parametrize(
    "query",
    [
        {"land": "99"},
        {"field": "raumfahrt"},
        {"kind": "bundesland"},
        {"service": "entwurf"},  # a draft service is no choice
        {"service": "99999999999999"},  # nor an unknown one
        {"page": "0"},
        {"page": "x" * 30},
        {"q": "x" * 201},
    ],
)
def test_bad_filters_are_explained_and_everything_is_shown(
    three: dict[str, GoodPractice], query: dict[str, str]
) -> None:
    response = Client().get(LIST, query)
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in html(response)
    assert html(response).startswith("<!DOCTYPE html>") or "<html" in html(response)
    assert len(titles(response)) == 3


def test_the_list_pages(world: World) -> None:
    for n in range(23):
        publish(world.soest, when=day(n), title=f"Beispiel {n:02d}")
    first = Client().get(LIST)
    assert len(titles(first)) == 20
    assert titles(first)[0] == "Beispiel 22"
    assert '<a class="kern-link" href="?page=2">Nächste Seite</a>' in html(first)
    second = Client().get(LIST, {"page": "2", "q": "beispiel"})
    assert titles(second) == ["Beispiel 02", "Beispiel 01", "Beispiel 00"]
    assert "Seite 2 von 2" in html(second)
    assert '<a class="kern-link" href="?q=beispiel">Vorherige Seite</a>' in html(second)
    assert titles(Client().get(LIST, {"page": "9"})) == []


def test_a_published_practice_in_full(
    three: dict[str, GoodPractice], django_assert_max_num_queries: Any
) -> None:
    practice = three["doctor"]
    with django_assert_max_num_queries(2):
        response = Client().get(f"{LIST}{practice.pk}/")
    assert response.status_code == 200
    page = html(response)
    for text in (
        "Ärztehaus in kommunaler Trägerschaft",
        "Drei Hausärzte gingen in Rente, Nachfolger fanden sich nicht.",
        "Ein medizinisches Versorgungszentrum mit angestellten Ärztinnen.",
        "Seit 2022 wieder vier Hausarztsitze besetzt.",
        "250.000,00 € einmalig",
        "Umbau eines leerstehenden Gebäudes, gefördert vom Land.",
        "Anna Beispiel",
        '<a class="kern-link" href="mailto:anna.beispiel@kreis-soest.example">',
        "02921 30-0",
        "Medizinische Versorgung",
        "(Nordrhein-Westfalen)",
        f'<a class="kern-link" href="/leistungen/{practice.service.key}/">Gewerbe anmelden</a>',
    ):
        assert text in page, text


def test_links_to_a_group_and_a_proposal_are_named(world: World) -> None:
    practice = publish(world.wuerzburg, project_group=world.group)
    page = html(Client().get(f"{LIST}{practice.pk}/"))
    assert "Projektgruppe „Digitaler Bauantrag“ im Verbund „Kreisverbund Würzburg“" in page


@pytest.mark.parametrize("which", ["draft", "withdrawn"])
def test_unpublished_practices_are_not_found_by_the_public_or_other_staff(
    three: dict[str, GoodPractice], world: World, which: str
) -> None:
    url = f"{LIST}{three[which].pk}/"
    assert Client().get(url).status_code == 404
    assert logged_in(world.olpe_clerk).get(url).status_code == 404
    # Not even their own staff read a draft on the public page: they edit it.
    assert logged_in(world.soest_clerk).get(url).status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999", "99999999999999999999999"])
def test_unknown_practices_are_not_found(world: World, pk: str) -> None:
    assert Client().get(f"{LIST}{pk}/").status_code == 404


# --- staff ----------------------------------------------------------------------------------


def _form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Bürgerbus",
        "summary": "Ehrenamtliche fahren.",
        "field_of_action": "mobilitaet",
        "problem": "Kein Linienverkehr.",
        "solution": "Ein Verein fährt.",
        "results": "200 Fahrten im Monat.",
        "cost_text": "Leasing",
        "cost_amount": "12.500,50",
        "cost_period": "yearly",
        "contact_name": "Anna Beispiel",
        "contact_email": "anna@kreis-soest.example",
        "contact_phone": "02921 30-0",
        "service": "",
        "project_group": "",
        "roadmap_item": "",
    }
    return {**data, **changes}


def test_the_workspace_shows_the_practices_panel(
    three: dict[str, GoodPractice], world: World
) -> None:
    page = html(logged_in(world.soest_clerk).get(f"/verwaltung/behoerden/{world.soest.pk}/"))
    assert "Gute Beispiele" in page
    assert "1 veröffentlichtes Beispiel, 1 Entwurf, 1 zurückgezogen." in page
    assert f'href="{_staff(world)}"' in page


def test_staff_list_their_authoritys_practices_in_every_state(
    three: dict[str, GoodPractice], world: World
) -> None:
    response = logged_in(world.soest_clerk).get(_staff(world))
    assert response.status_code == 200
    page = html(response)
    for title in ("Geheimer Entwurf", "Zurückgezogenes Beispiel", "Ärztehaus in kommunaler"):
        assert title in page
    assert "Bürgerbus im Sauerland" not in page  # Olpe's
    assert page.count("Veröffentlichen<span") == 2
    assert page.count("Zurückziehen<span") == 1


def test_staff_create_edit_publish_and_withdraw(world: World) -> None:
    client = logged_in(world.soest_clerk)
    response = client.post(f"{_staff(world)}neu/", _form(roadmap_item=str(world.roadmap_item.pk)))
    assert response.status_code == 302
    assert response["Location"] == _staff(world)
    practice = GoodPractice.objects.get()
    assert (practice.authority, practice.status, practice.title) == (
        world.soest,
        "draft",
        "Bürgerbus",
    )
    assert str(practice.cost_amount) == "12500.50"
    assert practice.roadmap_item == world.roadmap_item
    assert Client().get(f"{LIST}{practice.pk}/").status_code == 404

    edit = f"{_staff(world)}{practice.pk}/bearbeiten/"
    assert "Bürgerbus" in html(client.get(edit))
    response = client.post(edit, _form(title="Bürgerbus Soest", service=str(world.service.pk)))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.service) == ("Bürgerbus Soest", world.service)

    assert client.post(f"{_staff(world)}{practice.pk}/veroeffentlichen/").status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert titles(Client().get(LIST)) == ["Bürgerbus Soest"]

    assert client.post(f"{_staff(world)}{practice.pk}/zurueckziehen/").status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.WITHDRAWN
    assert titles(Client().get(LIST)) == []
    entries = AuditEntry.objects.filter(object_type="practices.GoodPractice").order_by("pk")
    assert [e.action for e in entries] == [
        "practices.practice_created",
        "practices.practice_updated",
        "practices.practice_published",
        "practices.practice_withdrawn",
    ]


def test_the_edit_form_shows_the_amount_as_germans_write_it(world: World) -> None:
    practice = practice_create(actor=None, authority=world.soest, content=COMPLETE)
    page = html(logged_in(world.soest_clerk).get(f"{_staff(world)}{practice.pk}/bearbeiten/"))
    assert 'value="250.000,00"' in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12.500,50", "12500.50"),
        ("12500,5", "12500.50"),
        ("12500.50", "12500.50"),
        ("300 €", "300.00"),
    ],
)
def test_amounts_as_typed(world: World, typed: str, stored: str) -> None:
    client = logged_in(world.soest_clerk)
    assert client.post(f"{_staff(world)}neu/", _form(cost_amount=typed)).status_code == 302
    assert f"{GoodPractice.objects.get().cost_amount:.2f}" == stored


def test_an_amount_that_is_no_number_is_explained(world: World) -> None:
    response = logged_in(world.soest_clerk).post(f"{_staff(world)}neu/", _form(cost_amount="viel"))
    assert "Geben Sie den Betrag in Euro als Zahl an, zum Beispiel 12.500,00." in html(response)
    assert GoodPractice.objects.count() == 0


def test_the_form_shows_the_services_refusal_at_its_fields(world: World) -> None:
    client = logged_in(world.soest_clerk)
    before = _counts()
    response = client.post(
        f"{_staff(world)}neu/",
        _form(contact_email="anna@", cost_amount="-5", cost_period=""),
    )
    assert response.status_code == 200
    page = html(response)
    assert "Die E-Mail-Adresse der Ansprechperson ist ungültig." in page
    assert "Die Kosten dürfen nicht negativ sein." in page
    assert "Geben Sie an, ob der Betrag einmalig, monatlich oder jährlich anfällt." in page
    assert _counts() == before


def test_a_group_of_another_network_is_not_offered(world: World) -> None:
    client = logged_in(world.soest_clerk)
    page = html(client.get(f"{_staff(world)}neu/"))
    assert "Digitaler Bauantrag" not in page
    assert "Digitale Jagdschein (Digitale Modellregion Südwestfalen)" in page
    before = _counts()
    response = client.post(f"{_staff(world)}neu/", _form(project_group=str(world.group.pk)))
    assert response.status_code == 200
    assert f"{world.group.pk} ist keine gültige Auswahl." in html(response)
    assert _counts() == before


def test_publishing_an_incomplete_draft_is_refused_with_a_message(world: World) -> None:
    draft = practice_create(
        actor=None, authority=world.soest, content=COMPLETE.__class__(title="Halbfertig")
    )
    client = logged_in(world.soest_clerk)
    response = client.post(f"{_staff(world)}{draft.pk}/veroeffentlichen/", follow=True)
    assert "Zum Veröffentlichen fehlt noch: Kurz gefasst, Ausgangslage, Lösung" in html(response)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_another_authoritys_staff_get_not_found_and_change_nothing(
    three: dict[str, GoodPractice], world: World
) -> None:
    draft, doctor = three["draft"], three["doctor"]
    base = _staff(world)
    for user in (world.olpe_clerk, world.coordinator):
        client = logged_in(user)
        before = _counts()
        assert client.get(base).status_code == 404
        assert client.get(f"{base}neu/").status_code == 404
        assert client.post(f"{base}neu/", _form()).status_code == 404
        for practice in (draft, doctor):
            assert client.get(f"{base}{practice.pk}/bearbeiten/").status_code == 404
            assert client.post(f"{base}{practice.pk}/bearbeiten/", _form()).status_code == 404
            assert client.post(f"{base}{practice.pk}/veroeffentlichen/").status_code == 404
            assert client.post(f"{base}{practice.pk}/zurueckziehen/").status_code == 404
        assert _counts() == before
    # Olpe's own page with Soest's practice: the pair does not belong together.
    olpe = logged_in(world.olpe_clerk)
    url = f"/verwaltung/behoerden/{world.olpe.pk}/gute-beispiele/{draft.pk}/bearbeiten/"
    assert olpe.get(url).status_code == 404


def test_anonymous_staff_pages_lead_to_the_login(world: World) -> None:
    response = Client().get(_staff(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_a_survey_answer_proposes_a_draft_from_the_staff_page(world: World) -> None:
    recipient = answered_survey(world, {"beispiel": "Unser Bürgerbus fährt ehrenamtlich."})
    client = logged_in(world.soest_clerk)
    page = html(client.get(_staff(world)))
    assert "Vorschläge aus Ihren Umfrageantworten" in page
    assert "Unser Bürgerbus fährt ehrenamtlich." in page
    response = client.post(
        f"{_staff(world)}vorschlagen/", {"recipient": recipient.pk, "question": "beispiel"}
    )
    practice = GoodPractice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_staff(world)}{practice.pk}/bearbeiten/"
    assert (practice.solution, practice.source_recipient) == (
        "Unser Bürgerbus fährt ehrenamtlich.",
        recipient,
    )
    # Proposed once: the answer is no longer offered.
    assert "Vorschläge aus Ihren Umfrageantworten" not in html(client.get(_staff(world)))


def test_another_authority_cannot_propose_from_soests_answer(world: World) -> None:
    recipient = answered_survey(world, {"beispiel": "Unser Bürgerbus fährt ehrenamtlich."})
    before = _counts()
    olpe = logged_in(world.olpe_clerk)
    data = {"recipient": recipient.pk, "question": "beispiel"}
    own = f"/verwaltung/behoerden/{world.olpe.pk}/gute-beispiele/vorschlagen/"
    assert olpe.post(own, data).status_code == 404
    assert olpe.post(f"{_staff(world)}vorschlagen/", data).status_code == 404
    assert (
        logged_in(world.soest_clerk)
        .post(f"{_staff(world)}vorschlagen/", {"recipient": "x"})
        .status_code
        == 404
    )
    assert _counts() == before
