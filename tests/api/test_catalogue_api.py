"""``/api/v1/services`` and ``/api/v1/routes``: shapes, filters, bad input, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import AdoptionFactory, MembershipFactory, OfficeFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.catalogue import services
from verbund.catalogue.models import Level, Service, Themenfeld
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db

MERZENICH, JUELICH, KERPEN, KOELN = "053580040040", "053580024024", "053620032032", "053150000000"
FAHRZEUG = "99036008070002"


@pytest.fixture
def catalogue(demo_register: None) -> dict[str, Any]:
    dlz = Network.objects.create(name="DLZ", slug="dlz", kind="service_centre")
    other = Network.objects.create(name="Andere", slug="andere", kind="other")
    merzenich = Authority.objects.get(ars=MERZENICH)
    juelich = Authority.objects.get(ars=JUELICH)
    olpe = Authority.objects.get(ars="05966")
    for authority in (merzenich, juelich):
        MembershipFactory(network=dlz, authority=authority, joined_on=dt.date(2024, 1, 1))
    MembershipFactory(network=other, authority=olpe, joined_on=dt.date(2024, 1, 1))
    fahrzeug = ServiceFactory(
        builder=olpe,
        leika_key=FAHRZEUG,
        slug="fahrzeug-ausser-betrieb-setzen",
        title="Fahrzeug außer Betrieb setzen",
        summary="Sie melden Ihr Auto ab.",
        synonyms=["Auto abmelden", "Kfz abmelden"],
        themenfeld=Themenfeld.MOBILITAET,
        level=Level.KREIS,
        unterlagen="Zulassungsbescheinigung Teil I",
        rechtsgrundlagen="§ 14 FZV",
        fristen="",
        processing_days=3,
    )
    gewerbe = ServiceFactory(
        builder=merzenich,
        leika_key="99050012104000",
        slug="gewerbeanmeldung",
        title="Gewerbe anmelden",
        themenfeld=Themenfeld.UNTERNEHMEN,
        level=Level.GEMEINDE,
    )
    reiten = ServiceFactory(
        builder=olpe,
        leika_key=None,
        slug="reitkennzeichen-nrw",
        title="Reitkennzeichen",
        level=Level.KREIS,
        themenfeld=Themenfeld.ENGAGEMENT,
        online_url="",
    )
    ServiceFactory(builder=merzenich, draft=True, title="Entwurf", slug="entwurf")
    office = OfficeFactory(
        authority=merzenich,
        name="Ordnungsamt",
        street="Valdersweg 1",
        postcode="52399",
        city="Merzenich",
        phone="02421 000-1",
        email="ordnung@merzenich.example",
    )
    services.adoption_create(
        actor=None,
        service=gewerbe,
        authority=merzenich,
        office=office,
        fees=[{"label": "Gewerbeanmeldung", "amount": "26,00"}],
        online=True,
        started_on=dt.date(2025, 3, 1),
    )
    AdoptionFactory(service=fahrzeug, authority=olpe, online=False)
    return {"fahrzeug": fahrzeug, "gewerbe": gewerbe, "reiten": reiten, "merzenich": merzenich}


def _get(path: str, **params: Any) -> Any:
    return Client().get(path, params)


def test_services_list_published_only_with_filters(catalogue: dict[str, Any]) -> None:
    body = _get("/api/v1/services").json()
    assert body["count"] == 3
    assert [s["title"] for s in body["results"]] == [
        "Fahrzeug außer Betrieb setzen",
        "Gewerbe anmelden",
        "Reitkennzeichen",
    ]
    first = body["results"][0]
    assert first == {
        "key": FAHRZEUG,
        "leika_key": FAHRZEUG,
        "slug": "fahrzeug-ausser-betrieb-setzen",
        "title": "Fahrzeug außer Betrieb setzen",
        "themenfeld": "mobilitaet-reisen",
        "level": "kreis",
        "maturity": 3,
        "information_only": False,
        "builder": {
            "ars": "05966",
            "ars12": "059660000000",
            "name": "Olpe",
            "kind": "kreis",
            "onPlatform": True,
        },
    }
    titles = lambda **p: [s["title"] for s in _get("/api/v1/services", **p).json()["results"]]  # noqa: E731
    assert titles(level="gemeinde") == ["Gewerbe anmelden"]
    assert titles(themenfeld="engagement-hobby") == ["Reitkennzeichen"]
    assert titles(online="true") == ["Gewerbe anmelden"]
    assert titles(online="false") == ["Fahrzeug außer Betrieb setzen", "Reitkennzeichen"]
    assert titles(network="dlz") == ["Gewerbe anmelden"]
    assert titles(network="andere") == ["Fahrzeug außer Betrieb setzen", "Reitkennzeichen"]
    assert titles(q="Auto abmelden") == ["Fahrzeug außer Betrieb setzen"]
    page = _get("/api/v1/services", page_size=2, page=2).json()
    assert [s["title"] for s in page["results"]] == ["Reitkennzeichen"]
    assert page["next"] is None
    assert page["previous"].endswith("page_size=2")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"level": "land"}, "level"),
        ({"themenfeld": "sport"}, "themenfeld"),
        ({"online": "vielleicht"}, "online"),
        ({"network": "gibt-es-nicht"}, "network"),
        ({"page_size": 0}, "page_size"),
    ],
)
def test_services_bad_parameters_are_named(
    catalogue: dict[str, Any], params: dict[str, Any], field: str
) -> None:
    response = _get("/api/v1/services", **params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_service_detail_by_leika_key_and_local_key(catalogue: dict[str, Any]) -> None:
    body = _get(f"/api/v1/services/{FAHRZEUG}").json()
    assert body["urn"] == f"urn:de:fim:leika:leistung:{FAHRZEUG}"
    assert body["sections"][:2] == [
        {"field": "volltext", "heading": "Volltext", "text": "Volltext der Leistung."},
        {
            "field": "unterlagen",
            "heading": "Erforderliche Unterlagen",
            "text": "Zulassungsbescheinigung Teil I",
        },
    ]
    assert [a["authority"]["name"] for a in body["adoptions"]] == ["Olpe"]
    assert body["adoptions"][0]["since"] == "2025-01-01"
    local = _get("/api/v1/services/reitkennzeichen-nrw").json()
    assert (local["key"], local["leika_key"], local["urn"]) == ("reitkennzeichen-nrw", None, None)
    assert local["information_only"] is True


def test_service_detail_bad_and_unknown_keys(catalogue: dict[str, Any]) -> None:
    bad = _get("/api/v1/services/12345678901234")
    assert bad.status_code == 400
    assert list(bad.json()) == ["leika_key"]
    assert _get("/api/v1/services/99000000000999").status_code == 404
    # A draft is not published: not found for the public.
    assert _get("/api/v1/services/entwurf").status_code == 404
    assert _get("/api/v1/services/Nicht_gültig").status_code == 400


def test_route_for_a_kreis_service_names_a_kreis_not_on_the_platform(
    catalogue: dict[str, Any],
) -> None:
    body = _get("/api/v1/routes", leikaKey=FAHRZEUG, ars=MERZENICH).json()
    assert (body["count"], body["offset"], body["totalCount"]) == (1, 0, 1)
    route = body["routes"][0]
    assert route["responsible"] == {
        "ars": "05358",
        "ars12": "053580000000",
        "name": "Düren",
        "kind": "kreis",
        "onPlatform": False,
    }
    assert route["processing"] == route["responsible"]
    assert route["place"]["name"] == "Merzenich"
    assert route["destinationName"] == "Düren"
    assert route["address"] is None
    assert route["onlineServiceUrl"] is None
    assert route["imprintUrl"] is None
    assert route["requiredDocuments"] == {"description": {"de": "Zulassungsbescheinigung Teil I"}}
    assert route["legalBasis"] == {"description": {"de": "§ 14 FZV"}}
    assert route["deadline"] is None
    assert route["processingDuration"] == {"maxDuration": 3, "unit": "workday"}
    koeln = _get("/api/v1/routes", leikaKey=FAHRZEUG, ars=KOELN).json()["routes"][0]
    assert (koeln["responsible"]["name"], koeln["responsible"]["kind"]) == (
        "Köln, Stadt",
        "kreisfreie_stadt",
    )
    # The same by AGS.
    by_ags = _get("/api/v1/routes", leikaKey=FAHRZEUG, ags="05315000").json()
    assert by_ags["routes"][0]["responsible"] == koeln["responsible"]


def test_route_of_an_adopted_service_has_office_fees_and_online_link(
    catalogue: dict[str, Any],
) -> None:
    body = _get("/api/v1/routes", leikaKey="99050012104000", ars=MERZENICH).json()
    route = body["routes"][0]
    assert route["destinationName"] == "Merzenich – Ordnungsamt"
    assert route["destinationShortName"] == "Ordnungsamt"
    assert route["address"] == {
        "street": "Valdersweg",
        "houseNumber": "1",
        "zip": "52399",
        "city": "Merzenich",
    }
    assert route["contactPersons"] == [
        {"name": "Ordnungsamt", "tel": "02421 000-1", "email": "ordnung@merzenich.example"}
    ]
    assert route["fees"] == [{"label": "Gewerbeanmeldung", "amount": "26.00"}]
    assert route["onlineServiceUrl"] == "https://portal.example.org/antrag"
    assert route["imprintUrl"] == f"http://testserver/orte/{MERZENICH}/impressum/"
    assert route["responsible"]["onPlatform"] is True
    assert route["byException"] is False
    assert route["origin"] == "Verbund"
    # Jülich has not adopted it: responsible, but no office and no online link.
    juelich = _get("/api/v1/routes", leikaKey="99050012104000", ars=JUELICH).json()["routes"][0]
    assert juelich["responsible"]["name"] == "Jülich, Stadt"
    assert juelich["onlineServiceUrl"] is None
    # A service without LeiKa key is addressed by its local key.
    reiten = _get("/api/v1/routes", service="reitkennzeichen-nrw", ars="059660004004").json()
    assert reiten["routes"][0]["responsible"]["name"] == "Olpe"


def test_route_for_a_larger_area_lists_each_responsible_authority(
    catalogue: dict[str, Any],
) -> None:
    body = _get("/api/v1/routes", leikaKey="99050012104000", ars="05358", limit=2, offset=1).json()
    assert (body["count"], body["offset"], body["totalCount"]) == (2, 1, 15)
    assert [r["responsible"]["name"] for r in body["routes"]] == ["Düren, Stadt", "Heimbach, Stadt"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"leikaKey": "12345678901234", "ars": MERZENICH}, "leikaKey"),
        ({"leikaKey": "990360080700", "ars": MERZENICH}, "leikaKey"),
        ({"ars": MERZENICH}, "leikaKey"),
        ({"leikaKey": FAHRZEUG, "service": "reitkennzeichen-nrw", "ars": MERZENICH}, "leikaKey"),
        ({"leikaKey": FAHRZEUG, "ars": "0535800400"}, "ars"),
        ({"leikaKey": FAHRZEUG, "ars": "05358x"}, "ars"),
        ({"leikaKey": FAHRZEUG}, "ars"),
        ({"leikaKey": FAHRZEUG, "ars": MERZENICH, "ags": "05358040"}, "ars"),
        ({"leikaKey": FAHRZEUG, "ags": "0535804"}, "ags"),
        ({"leikaKey": FAHRZEUG, "ars": MERZENICH, "limit": 501}, "limit"),
        ({"service": "Reit kennzeichen", "ars": MERZENICH}, "service"),
    ],
)
def test_route_bad_parameters_get_400_naming_them(
    catalogue: dict[str, Any], params: dict[str, Any], field: str
) -> None:
    response = _get("/api/v1/routes", **params)
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_route_unknown_place_or_service_is_404_with_a_message(catalogue: dict[str, Any]) -> None:
    response = _get("/api/v1/routes", leikaKey=FAHRZEUG, ars="059999999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kein Ort und kein Gebiet hat diesen Schlüssel."}
    response = _get("/api/v1/routes", leikaKey="99000000000000", ars=MERZENICH)
    assert response.status_code == 404
    assert response.json() == {"detail": "Keine veröffentlichte Leistung hat diesen Schlüssel."}
    english = Client().get(
        "/api/v1/routes", {"leikaKey": FAHRZEUG, "ars": "059999999999"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json() == {"detail": "No place and no area has this key."}


def test_route_query_count_is_pinned(catalogue: dict[str, Any]) -> None:
    client = Client()
    client.get("/api/v1/routes", {"leikaKey": FAHRZEUG, "ars": MERZENICH})  # builds the index
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/routes", {"leikaKey": FAHRZEUG, "ars": MERZENICH})
    assert response.status_code == 200
    # One read of the generation counters to know the index is current; nothing else.
    assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_schema_documents_the_catalogue_endpoints(catalogue: dict[str, Any]) -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for fragment in ("/api/v1/services", "/api/v1/services/{key}", "/api/v1/routes", "leikaKey"):
        assert fragment in schema
    document = Client().get("/api/v1/schema/", {"format": "json"}).json()
    routes = document["paths"]["/api/v1/routes"]["get"]
    assert {p["name"] for p in routes["parameters"]} == {
        "leikaKey",
        "service",
        "ars",
        "ags",
        "offset",
        "limit",
    }
    services = document["paths"]["/api/v1/services"]["get"]
    assert {p["name"] for p in services["parameters"]} == {
        "q",
        "themenfeld",
        "level",
        "online",
        "network",
        "page",
        "page_size",
    }
    assert Service.objects.count() == 4
