"""GET /api/v1/places and /api/v1/places/{ars}: the place finder of the public API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

import verbund.authorities
from tests.factories import AuthorityFactory
from verbund.api.serializers import PlaceSerializer
from verbund.authorities.models import Authority
from verbund.authorities.services import register_import

DEMO = Path(verbund.authorities.__file__).parent / "fixtures" / "gv100ad_demo.txt"
PLACES = "/api/v1/places"


@pytest.fixture
def register(db: None) -> None:
    register_import(path_or_stream=DEMO, source_name=DEMO.name)


def _get(client: Client, url: str = PLACES, **params: Any) -> Any:
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=params.pop("lang", "de"))


def _names(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(place["ars"], place["name"]) for place in response.json()["results"]]


def test_urls_are_the_documented_ones() -> None:
    assert reverse("api:places") == PLACES
    assert reverse("api:place-detail", kwargs={"ars": "05358"}) == "/api/v1/places/05358"
    assert reverse("api:schema") == "/api/v1/schema/"


@pytest.mark.usefixtures("register")
@pytest.mark.parametrize("q", ["julich", "Jülich", "JÜLICH", "juelich", " jül "])
def test_name_prefix_ignores_case_and_umlauts(client: Client, q: str) -> None:
    # The Gemeindeverband row "Jülich, Stadt" (Textkennzeichen 50) only mirrors
    # the Gemeinde and is not listed.
    assert _names(_get(client, q=q)) == [("053580024024", "Jülich, Stadt")]


@pytest.mark.usefixtures("register")
@pytest.mark.parametrize("q", ["Koln", "köln", "KOELN"])
def test_koln_finds_the_city_first_then_the_regierungsbezirk(client: Client, q: str) -> None:
    response = _get(client, q=q)
    # Whole-name hits first (largest first, then by key), then a later word.
    assert _names(response) == [
        ("05315", "Köln, Stadt"),
        ("053150000000", "Köln, Stadt"),
        ("053", "Reg.-Bez. Köln"),
    ]
    body = response.json()
    assert body["count"] == 3
    assert body["results"][0]["kind"] == "kreisfreie_stadt"
    assert body["results"][0]["kind_label"] == "Kreisfreie Stadt"
    assert body["results"][1]["kind"] == "gemeinde"
    assert body["results"][2]["kind"] == "regierungsbezirk"


@pytest.mark.usefixtures("register")
def test_place_fields(client: Client) -> None:
    (merzenich,) = _get(client, q="merzenich").json()["results"]
    assert merzenich == {
        "ars": "053580040040",
        "ars12": "053580040040",
        "ags": "05358040",
        "name": "Merzenich",
        "kind": "gemeinde",
        "kind_label": "Kreisangehörige Gemeinde",
        "textkennzeichen": "64",
        "seat": "",
        "parent": {"ars": "05358", "name": "Düren", "kind": "kreis"},
        "population": 10508,
        "area_ha": 3791,
        "postcode": "52399",
        "postcode_unique": True,
        "gebietsstand": "2025-08-31",
        "dissolved_on": None,
    }


@pytest.mark.usefixtures("register")
def test_postcode_and_key_prefixes(client: Client) -> None:
    assert _names(_get(client, q="52399")) == [("053580040040", "Merzenich")]
    assert _names(_get(client, postcode="52399")) == [("053580040040", "Merzenich")]
    # Digits in q match a postcode or key prefix; the largest place first.
    by_key = _names(_get(client, q="0535800", page_size=3))
    assert by_key == [
        ("053580008008", "Düren, Stadt"),
        ("053580024024", "Jülich, Stadt"),
        ("053580028028", "Kreuzau"),
    ]


@pytest.mark.usefixtures("register")
def test_filters_combine(client: Client) -> None:
    response = _get(client, ars="05358", kind="gemeinde", page_size=100)
    body = response.json()
    assert body["count"] == 15
    assert {place["parent"]["ars"] for place in body["results"]} == {"05358"}
    # Without q the order is the key.
    assert [place["ars"] for place in body["results"]] == sorted(
        place["ars"] for place in body["results"]
    )
    assert _names(_get(client, q="d", kind="kreis")) == [("05358", "Düren")]
    assert _names(_get(client, q="merzenich", kind="kreis")) == []


@pytest.mark.usefixtures("register")
def test_pagination_has_count_and_links(client: Client) -> None:
    first = _get(client, ars="05358", kind="gemeinde", page_size=4).json()
    assert first["count"] == 15
    assert len(first["results"]) == 4
    assert first["previous"] is None
    assert "page=2" in first["next"]
    last = _get(client, ars="05358", kind="gemeinde", page_size=4, page=4).json()
    assert [place["name"] for place in last["results"]] == ["Nörvenich", "Titz", "Vettweiß"]
    assert last["next"] is None


@pytest.mark.django_db
def test_dissolved_places_only_on_request(client: Client) -> None:
    AuthorityFactory(ars="099990001001", name="Altdorf", dissolved=True)
    AuthorityFactory(ars="099990002002", name="Altheim")
    assert _names(_get(client, q="alt")) == [("099990002002", "Altheim")]
    assert _names(_get(client, q="alt", dissolved="true")) == [
        ("099990001001", "Altdorf"),
        ("099990002002", "Altheim"),
    ]


@pytest.mark.django_db
def test_word_starts_match_after_the_name_prefix(client: Client) -> None:
    AuthorityFactory(ars="064120000000", name="Frankfurt am Main, Stadt", population=775_790)
    AuthorityFactory(ars="120530000000", name="Frankfurt (Oder), Stadt", population=57_015)
    AuthorityFactory(ars="099990003003", name="Mainhausen", population=9_000)
    assert _names(_get(client, q="frankfurt")) == [
        ("064120000000", "Frankfurt am Main, Stadt"),
        ("120530000000", "Frankfurt (Oder), Stadt"),
    ]
    assert _names(_get(client, q="main")) == [
        ("099990003003", "Mainhausen"),
        ("064120000000", "Frankfurt am Main, Stadt"),
    ]
    assert _names(_get(client, q="oder")) == [("120530000000", "Frankfurt (Oder), Stadt")]
    # A substring inside a word is not a match.
    assert _names(_get(client, q="furt")) == []


@pytest.mark.usefixtures("register")
def test_list_needs_at_most_two_queries(client: Client, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):  # count and page, parents joined
        assert _get(client, q="n").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "german", "english"),
    [
        ({"kind": "dorf"}, "kind", "ist keine gültige Option", "is not a valid choice"),
        ({"ars": "05a"}, "ars", "Geben Sie 1 bis 12 Ziffern ein.", "Enter 1 to 12 digits."),
        ({"ars": "0" * 13}, "ars", "Geben Sie 1 bis 12 Ziffern ein.", "Enter 1 to 12 digits."),
        ({"postcode": "523991"}, "postcode", "1 bis 5 Ziffern", "1 to 5 digits"),
        ({"page": "0"}, "page", "größer oder gleich 1", "greater than or equal to 1"),
        ({"page": "zwei"}, "page", "gültige Ganzzahl", "valid integer"),
        ({"page_size": "101"}, "page_size", "kleiner oder gleich 100", "less than or equal to"),
        ({"q": "x" * 101}, "q", "100 Zeichen", "100 characters"),
        ({"q": "a\x00b"}, "q", "Nullzeichen", "Null characters"),
        ({"dissolved": "vielleicht"}, "dissolved", "gültiger Wahrheitswert", "valid boolean"),
    ],
)
def test_bad_parameters_get_400_naming_the_field(
    client: Client, params: dict[str, str], field: str, german: str, english: str
) -> None:
    response = _get(client, **params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert german in body[field][0]
    english_body = _get(client, lang="en", **params).json()
    assert english in english_body[field][0]


@pytest.mark.usefixtures("register")
def test_page_past_the_end_is_404_not_500(client: Client) -> None:
    response = _get(client, q="merzenich", page=2)
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.usefixtures("register")
def test_api_is_read_only(client: Client) -> None:
    before = Authority.objects.count()
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(PLACES, {"name": "X"}).status_code in (403, 405)
        assert method(f"{PLACES}/053580040040", {"name": "X"}).status_code in (403, 405)
    assert Authority.objects.count() == before
    assert Authority.objects.get(ars="053580040040").name == "Merzenich"


@pytest.mark.usefixtures("register")
def test_detail_has_the_parent_chain(client: Client) -> None:
    response = client.get(f"{PLACES}/053580040040")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Merzenich"
    assert body["parents"] == [
        {"ars": "05", "name": "Nordrhein-Westfalen", "kind": "land"},
        {"ars": "053", "name": "Reg.-Bez. Köln", "kind": "regierungsbezirk"},
        {"ars": "05358", "name": "Düren", "kind": "kreis"},
    ]


@pytest.mark.usefixtures("register")
@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("05358", "Düren"),
        ("053580000000", "Düren"),
        ("050000000000", "Nordrhein-Westfalen"),
        ("053000000000", "Reg.-Bez. Köln"),
        ("053150000000", "Köln, Stadt"),
    ],
)
def test_detail_accepts_significant_and_padded_keys(client: Client, key: str, name: str) -> None:
    response = client.get(f"{PLACES}/{key}")
    assert response.status_code == 200
    assert response.json()["name"] == name


@pytest.mark.usefixtures("register")
def test_detail_bad_and_unknown_keys(client: Client) -> None:
    bad = client.get(f"{PLACES}/merzenich", HTTP_ACCEPT_LANGUAGE="de")
    assert bad.status_code == 400
    assert bad.json() == {"ars": ["Geben Sie 2 bis 12 Ziffern ein."]}
    unknown = client.get(f"{PLACES}/099999999999", HTTP_ACCEPT_LANGUAGE="de")
    assert unknown.status_code == 404
    assert unknown.json() == {"detail": "Keine Gebietskörperschaft hat diesen Regionalschlüssel."}


@pytest.mark.django_db
def test_openapi_schema_documents_the_places_endpoints(client: Client) -> None:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/places",
        "/api/v1/places/{ars}",
        "/api/v1/services",
        "/api/v1/services/{key}",
        "/api/v1/routes",
        "/api/v1/good-practices",
        "/api/v1/good-practices/{id}",
        "/api/v1/assistant",
        # for specialist systems, with a token (tests/api/test_partner_api.py)
        "/api/v1/submissions",
        "/api/v1/submissions/{reference}",
        "/api/v1/submissions/{reference}/documents/{version_id}",
        "/api/v1/submissions/{reference}/acknowledgement",
        "/api/v1/cases/{reference}/status",
        "/api/v1/cases/{reference}/decision",
        # eRechnung: suppliers deliver without a token, finance systems fetch with one
        # (tests/einvoice/test_inbox.py)
        "/api/v1/einvoice/{slug}/invoices",
        "/api/v1/invoices",
        "/api/v1/invoices/{reference}",
        "/api/v1/invoices/{reference}/xml",
    }
    operation_ids = [
        operation["operationId"] for item in schema["paths"].values() for operation in item.values()
    ]
    assert len(operation_ids) == len(set(operation_ids))
    assert {"places_list", "places_retrieve", "services_list", "services_retrieve"} <= set(
        operation_ids
    )
    parameters = {p["name"] for p in schema["paths"]["/api/v1/places"]["get"]["parameters"]}
    assert parameters == {"q", "kind", "ars", "postcode", "dissolved", "page", "page_size"}
    assert list(schema["paths"]["/api/v1/places"]) == ["get"]


@pytest.mark.shared_data
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("julich", "Jülich, Stadt"),
        ("Koln", "Köln, Stadt"),
        ("munchen", "München, Landeshauptstadt"),
        ("frankfurt", "Frankfurt am Main, Stadt"),
        ("berlin", "Berlin"),
    ],
)
def test_full_register_best_match_first(
    client: Client, gv100ad_full: Path, q: str, first: str
) -> None:
    register_import(path_or_stream=gv100ad_full, source_name=gv100ad_full.name)
    assert _get(client, q=q).json()["results"][0]["name"] == first


@pytest.mark.django_db
def test_cached_answers_follow_every_change(client: Client) -> None:
    assert _names(_get(client, q="neu")) == []
    created = AuthorityFactory(ars="099990004004", name="Neustadt")
    assert _names(_get(client, q="neu")) == [("099990004004", "Neustadt")]
    created.name = "Altstadt"
    created.save()
    assert _names(_get(client, q="neu")) == []
    assert _names(_get(client, q="altst")) == [("099990004004", "Altstadt")]
    response = _get(client, q="altst")
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_register_import_empties_the_cache(client: Client) -> None:
    assert _get(client, q="merzenich").json()["count"] == 0
    register_import(path_or_stream=DEMO, source_name=DEMO.name)
    assert _names(_get(client, q="merzenich")) == [("053580040040", "Merzenich")]


@pytest.mark.usefixtures("register")
def test_language_is_part_of_the_cached_answer(client: Client) -> None:
    german = _get(client, q="reg.-bez", lang="de").json()["results"][0]
    english = _get(client, q="reg.-bez", lang="en").json()["results"][0]
    assert german["kind_label"] == "Regierungsbezirk"
    assert english["kind_label"] == "Government region"


@pytest.mark.usefixtures("register")
def test_search_hits_have_the_documented_shape_of_the_detail(client: Client) -> None:
    (hit,) = _get(client, q="merzenich").json()["results"]
    detail = client.get(f"{PLACES}/053580040040").json()
    assert list(hit) == list(PlaceSerializer().fields)
    assert {key: value for key, value in detail.items() if key != "parents"} == hit


@pytest.mark.usefixtures("register")
def test_page_past_the_end_speaks_the_users_language(client: Client) -> None:
    german = _get(client, q="merzenich", page=3, lang="de")
    english = _get(client, q="merzenich", page=3, lang="en")
    assert (german.status_code, english.status_code) == (404, 404)
    assert german.json() == {"detail": "Diese Seite gibt es nicht."}
    assert english.json() == {"detail": "This page does not exist."}
