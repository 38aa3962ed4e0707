"""``GET /api/v1/good-practices`` and ``/good-practices/<id>``: anonymous, published
practices only, exact JSON; the search and its filters; bad filter values are a 400
naming the parameter in German, never a 500; the OpenAPI document describes both."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.practices.conftest import COMPLETE, World, day, publish
from verbund.core.generations import generation_bump
from verbund.practices.models import FieldOfAction, GoodPractice
from verbund.practices.services import practice_create, practice_withdraw

pytestmark = pytest.mark.django_db

API = "/api/v1/good-practices"


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
        cost_amount=None,
        cost_period="",
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
        project_group=world.group,
    )
    draft = practice_create(
        actor=None, authority=world.soest, content=COMPLETE.__class__(title="Geheimer Entwurf")
    )
    withdrawn = publish(world.soest, when=day(4), title="Zurückgezogenes Beispiel")
    practice_withdraw(actor=None, practice=withdrawn)
    return {"doctor": doctor, "bus": bus, "akte": akte, "draft": draft, "withdrawn": withdrawn}


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_list_in_full(three: dict[str, GoodPractice], world: World) -> None:
    response = Client().get(API, {"page_size": 2})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    bus, akte = three["bus"], three["akte"]
    assert response.json() == {
        "count": 3,
        "next": "http://testserver/api/v1/good-practices?page=2&page_size=2",
        "previous": None,
        "results": [
            {
                "id": bus.pk,
                "title": "Bürgerbus im Sauerland",
                "summary": "Ehrenamtliche fahren Ältere zum Arzt.",
                "field": "mobilitaet",
                "field_label": "Mobilität",
                "authority": {
                    "ars": "05966",
                    "ars12": "059660000000",
                    "name": "Olpe",
                    "official_name": world.olpe.official_name,
                    "kind": "kreis",
                    "land": "05",
                    "land_name": "Nordrhein-Westfalen",
                },
                "service": None,
                "published_at": "2026-03-04T12:00:00+00:00",
                "updated_at": bus.updated_at.isoformat(),
                "url": f"http://testserver/api/v1/good-practices/{bus.pk}",
                "page_url": f"http://testserver/gute-beispiele/{bus.pk}/",
            },
            {
                "id": akte.pk,
                "title": "E-Akte im Landratsamt",
                "summary": "Papierlos seit 2024.",
                "field": "egov",
                "field_label": "E-Government",
                "authority": {
                    "ars": "09679",
                    "ars12": "096790000000",
                    "name": "Würzburg",
                    "official_name": world.wuerzburg.official_name,
                    "kind": "kreis",
                    "land": "09",
                    "land_name": "Bayern",
                },
                "service": None,
                "published_at": "2026-03-03T12:00:00+00:00",
                "updated_at": akte.updated_at.isoformat(),
                "url": f"http://testserver/api/v1/good-practices/{akte.pk}",
                "page_url": f"http://testserver/gute-beispiele/{akte.pk}/",
            },
        ],
    }
    second = Client().get(API, {"page_size": 2, "page": 2}).json()
    assert second["previous"] == "http://testserver/api/v1/good-practices?page_size=2"
    assert second["next"] is None
    assert [row["id"] for row in second["results"]] == [three["doctor"].pk]
    assert second["results"][0]["service"] == {
        "key": world.service.key,
        "title": "Gewerbe anmelden",
        "url": f"http://testserver/api/v1/services/{world.service.key}",
    }


def test_queries_are_pinned(three: dict[str, GoodPractice], django_assert_num_queries: Any) -> None:
    """The change counters and the index on the first search; then one read of the
    counters for an answer kept, two for a new one."""
    with django_assert_num_queries(3):
        first = Client().get(API, {"q": "arzt"}).json()
    with django_assert_num_queries(1):
        assert Client().get(API, {"q": "arzt"}).json() == first
    with django_assert_num_queries(2):
        assert ids(Client().get(API, {"land": "09"})) == [three["akte"].pk]


def test_a_change_is_seen_at_once(three: dict[str, GoodPractice], world: World) -> None:
    assert ids(Client().get(API, {"q": "arzt"})) == [three["bus"].pk, three["doctor"].pk]
    practice_withdraw(actor=None, practice=three["bus"])
    assert ids(Client().get(API, {"q": "arzt"})) == [three["doctor"].pk]
    # A write of another worker is seen through the shared counter.
    GoodPractice.objects.filter(pk=three["doctor"].pk).update(title="Ärztehaus neu")
    assert Client().get(API, {"q": "arzt"}).json()["results"][0]["title"] == (
        "Ärztehaus in kommunaler Trägerschaft"
    )
    generation_bump("practices")
    assert Client().get(API, {"q": "arzt"}).json()["results"][0]["title"] == "Ärztehaus neu"


def test_the_answer_follows_the_host(three: dict[str, GoodPractice], settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "verbund.example"]
    german = Client().get(API, {"field": "mobilitaet"}).json()
    other_host = Client().get(API, {"field": "mobilitaet"}, HTTP_HOST="verbund.example").json()
    assert german["results"][0]["url"].startswith("http://testserver/")
    assert other_host["results"][0]["url"].startswith("http://verbund.example/")


def test_drafts_and_withdrawn_practices_are_never_listed(three: dict[str, GoodPractice]) -> None:
    listed = ids(Client().get(API, {"page_size": 100}))
    assert three["draft"].pk not in listed
    assert three["withdrawn"].pk not in listed
    assert ids(Client().get(API, {"q": "Entwurf"})) == []
    assert ids(Client().get(API, {"q": "Zurückgezogenes"})) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ÄRZTEHAUS"}, ["doctor"]),
        ({"q": "aerztehaus"}, ["doctor"]),
        ({"q": "arzt"}, ["bus", "doctor"]),
        ({"q": "arzt dorfern"}, ["bus"]),
        ({"q": "  "}, ["bus", "akte", "doctor"]),
        ({"field": "egov"}, ["akte"]),
        ({"land": "05"}, ["bus", "doctor"]),
        ({"land": "09", "field": "egov"}, ["akte"]),
        ({"land": "16"}, []),
        ({"kind": "kreis"}, ["bus", "akte", "doctor"]),
        ({"kind": "gemeinde"}, []),
        ({"service": "gewerbeanmeldung"}, ["doctor"]),
        ({"service": "hundesteuer"}, []),
    ],
)
def test_search_and_filters(
    three: dict[str, GoodPractice], query: dict[str, str], expected: list[str]
) -> None:
    assert ids(Client().get(API, query)) == [three[name].pk for name in expected]


def test_filter_by_a_services_leika_key(three: dict[str, GoodPractice], world: World) -> None:
    assert ids(Client().get(API, {"service": world.service.key})) == [three["doctor"].pk]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            {"field": "raumfahrt"},
            {
                "field": [
                    "Unbekanntes Handlungsfeld „raumfahrt“. Erlaubt: medizin, bildung, "
                    "mobilitaet, wirtschaft, nahversorgung, innovation, egov, sonstiges."
                ]
            },
        ),
        (
            {"land": "17"},
            {
                "land": [
                    "Unbekanntes Land „17“. Geben Sie die zwei Ziffern des Landes an, 01 bis 16."
                ]
            },
        ),
        (
            {"kind": "bund"},
            {
                "kind": [
                    "Unbekannte Art der Behörde „bund“. Erlaubt: land, regierungsbezirk, region, "
                    "kreis, kreisfreie_stadt, gemeindeverband, gemeinde."
                ]
            },
        ),
        (
            {"service": "Nicht gültig!"},
            {
                "service": [
                    "Ein Leistungsschlüssel ist ein LeiKa-Schlüssel (14 Ziffern, beginnt mit 99) "
                    "oder ein lokaler Schlüssel aus a–z, 0–9 und Bindestrich."
                ]
            },
        ),
        (
            {"service": "entwurf"},
            {"service": ["Keine veröffentlichte Leistung hat diesen Schlüssel."]},
        ),
        ({"q": "x" * 201}, {"q": ["Höchstens 200 Zeichen."]}),
        (
            {"page": "0", "page_size": "101"},
            {
                "page": ["Stelle sicher, dass dieser Wert größer oder gleich 1 ist."],
                "page_size": ["Stelle sicher, dass dieser Wert kleiner oder gleich 100 ist."],
            },
        ),
        (
            {"page": "33507751362387464192"},
            {"page": ["Stelle sicher, dass dieser Wert kleiner oder gleich 1000000 ist."]},
        ),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(
    three: dict[str, GoodPractice], query: dict[str, str], errors: dict[str, list[str]]
) -> None:
    response = Client().get(API, query)
    assert response.status_code == 400
    assert response.json() == errors


def test_a_page_past_the_end_is_a_404(three: dict[str, GoodPractice]) -> None:
    response = Client().get(API, {"page": 2})
    assert response.status_code == 404
    assert response.json() == {"detail": "Diese Seite gibt es nicht."}
    # An empty search answers its empty first page.
    assert Client().get(API, {"q": "weltraum"}).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_one_practice_in_full(three: dict[str, GoodPractice], world: World) -> None:
    doctor = three["doctor"]
    response = Client().get(f"{API}/{doctor.pk}")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in body if key not in {"authority", "service"}} == {
        "id": doctor.pk,
        "title": "Ärztehaus in kommunaler Trägerschaft",
        "summary": "Der Kreis betreibt ein Ärztehaus und hält so die Versorgung auf dem Land.",
        "field": "medizin",
        "field_label": "Medizinische Versorgung",
        "published_at": "2026-03-02T12:00:00+00:00",
        "updated_at": doctor.updated_at.isoformat(),
        "url": f"http://testserver/api/v1/good-practices/{doctor.pk}",
        "page_url": f"http://testserver/gute-beispiele/{doctor.pk}/",
        "problem": "Drei Hausärzte gingen in Rente, Nachfolger fanden sich nicht.",
        "solution": "Ein medizinisches Versorgungszentrum mit angestellten Ärztinnen.",
        "results": "Seit 2022 wieder vier Hausarztsitze besetzt.",
        "cost": {
            "text": "Umbau eines leerstehenden Gebäudes, gefördert vom Land.",
            "amount": "250000.00",
            "period": "once",
        },
        "contact": {
            "name": "Anna Beispiel",
            "email": "anna.beispiel@kreis-soest.example",
            "phone": "02921 30-0",
        },
        "project_group": None,
        "roadmap_item": None,
        "proposed_in_survey": None,
    }
    assert body["service"]["title"] == "Gewerbe anmelden"
    akte = Client().get(f"{API}/{three['akte'].pk}").json()
    assert akte["project_group"] == {
        "name": "Digitaler Bauantrag",
        "network": "Kreisverbund Würzburg",
    }
    bus = Client().get(f"{API}/{three['bus'].pk}").json()
    assert bus["cost"] == {"text": COMPLETE.cost_text, "amount": None, "period": None}


@pytest.mark.parametrize("which", ["draft", "withdrawn"])
def test_unpublished_practices_are_not_found(three: dict[str, GoodPractice], which: str) -> None:
    response = Client().get(f"{API}/{three[which].pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kein veröffentlichtes gutes Beispiel hat diese Nummer."}


@pytest.mark.parametrize("pk", ["0", "999999", "99999999999999999999999", "abc", "١٢", "1.5"])
def test_unknown_or_malformed_ids_are_not_found(world: World, pk: str) -> None:
    response = Client().get(f"{API}/{pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kein veröffentlichtes gutes Beispiel hat diese Nummer."}


def test_the_openapi_document_describes_both_endpoints() -> None:
    document = Client().get("/api/v1/schema/", {"format": "json"}).json()
    listing = document["paths"]["/api/v1/good-practices"]["get"]
    assert listing["operationId"] == "good_practices_list"
    assert listing["tags"] == ["good-practices"]
    assert {p["name"] for p in listing["parameters"]} == {
        "q",
        "field",
        "land",
        "kind",
        "service",
        "page",
        "page_size",
    }
    field = next(p for p in listing["parameters"] if p["name"] == "field")
    assert field["schema"]["enum"] == [
        "medizin",
        "bildung",
        "mobilitaet",
        "wirtschaft",
        "nahversorgung",
        "innovation",
        "egov",
        "sonstiges",
    ]
    detail = document["paths"]["/api/v1/good-practices/{id}"]["get"]
    assert detail["operationId"] == "good_practices_retrieve"
    assert [(p["name"], p["schema"]["type"]) for p in detail["parameters"]] == [("id", "integer")]
    schemas = document["components"]["schemas"]
    assert {"PracticePage", "PracticeSummary", "PracticeDetail"} <= set(schemas)
    assert {"problem", "solution", "results", "cost", "contact"} <= set(
        schemas["PracticeDetail"]["properties"]
    )
    # No authentication needed.
    assert listing.get("security") in (None, [], [{}])
