"""Pages of ``GET /api/v1/submissions``: by number (with a count) and by position
(``cursor``, for specialist systems that poll): every case exactly once and in
order, ties broken by id, the same statements on every page, and bad cursors
refused in the client's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.applications.conftest import World
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.cases.conftest import rhein_erft as rhein_erft
from tests.cases.conftest import submit
from tests.integrations.partners import bearer, make_client
from verbund.api.pagination import cursor_decode, cursor_encode
from verbund.authorities.models import Authority
from verbund.cases.models import Case

pytestmark = pytest.mark.django_db

NAMES = ["Anna", "Bernd", "Carla", "Dora", "Emil", "Frieda", "Gustav"]


@pytest.fixture
def references(world: World) -> list[str]:
    """Seven complete submissions of Düren, newest first as the list orders them; three
    of them received in the same microsecond (only their ids order them)."""
    cases = [submit(world, name=f"{name} Muster").case for name in NAMES]
    base = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)
    for index, case in enumerate(cases):
        at = base if index in (2, 3, 4) else base + dt.timedelta(minutes=index)
        Case.objects.filter(pk=case.pk).update(received_at=at)
    ordered = Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("-received_at", "-id")
    return list(ordered.values_list("reference", flat=True))


def _walk(api: Client, first: dict[str, str]) -> list[dict[str, Any]]:
    pages = [api.get("/api/v1/submissions", first).json()]
    while pages[-1]["next"] is not None:
        assert len(pages) < 20
        pages.append(api.get(pages[-1]["next"]).json())
    return pages


def test_cursor_pages_list_every_case_once_in_order(world: World, references: list[str]) -> None:
    _client, token = make_client(world.dueren)
    api = bearer(token)
    pages = _walk(api, {"state": "all", "cursor": "", "page_size": "3"})
    assert [len(p["results"]) for p in pages] == [3, 3, 1]
    assert [r["reference"] for p in pages for r in p["results"]] == references
    assert all(p["count"] is None and p["previous"] is None for p in pages)
    assert pages[-1]["nextCursor"] is None
    # The next link carries the cursor of the page's last row.
    last_of_first = Case.objects.get(reference=pages[0]["results"][-1]["reference"])
    assert pages[0]["nextCursor"] == cursor_encode(last_of_first.received_at, last_of_first.pk)
    assert f"cursor={pages[0]['nextCursor']}" in pages[0]["next"]
    # Numbered pages list the same, with the count, and offer the cursor after them.
    numbered = api.get("/api/v1/submissions", {"state": "all", "page_size": "3"}).json()
    assert numbered["count"] == 7
    assert [r["reference"] for r in numbered["results"]] == references[:3]
    assert numbered["nextCursor"] == pages[0]["nextCursor"]


def test_a_row_has_its_link_and_only_the_shown_fields(world: World, references: list[str]) -> None:
    _client, token = make_client(world.dueren)
    row = bearer(token).get("/api/v1/submissions", {"state": "all", "cursor": ""}).json()
    first = row["results"][0]
    expected = "http://testserver" + reverse(
        "api:submission-detail", kwargs={"reference": references[0]}
    )
    assert first["href"] == expected
    assert first["service"] == {
        "key": world.service.key,
        "leikaKey": world.service.leika_key,
        "title": "Reitkennzeichen beantragen",
    }
    assert set(first) == {
        "reference",
        "status",
        "statusLabel",
        "version",
        "href",
        "service",
        "receivedAt",
        "acknowledged",
    }


def test_a_case_received_while_paging_does_not_shift_the_pages(
    world: World, references: list[str]
) -> None:
    _client, token = make_client(world.dueren)
    api = bearer(token)
    first = api.get("/api/v1/submissions", {"state": "all", "cursor": "", "page_size": "3"})
    newer = submit(world, name="Hanna Neu")
    rest = _walk(api, {"state": "all", "cursor": first.json()["nextCursor"], "page_size": "3"})
    seen = [r["reference"] for r in first.json()["results"]] + [
        r["reference"] for p in rest for r in p["results"]
    ]
    assert seen == references  # nothing twice, nothing skipped; the new one is ahead
    assert newer.reference not in seen


def test_every_cursor_page_costs_the_same_statements(world: World, references: list[str]) -> None:
    _client, token = make_client(world.dueren)
    api = bearer(token)
    counts = []
    sql: list[str] = []
    cursor = ""
    for _page in range(3):
        with CaptureQueriesContext(connection) as queries:
            body = api.get(
                "/api/v1/submissions", {"state": "all", "cursor": cursor, "page_size": "3"}
            ).json()
        counts.append(len(queries))
        sql += [q["sql"] for q in queries.captured_queries]
        cursor = body["nextCursor"] or ""
    assert counts == [2, 2, 2]  # the client's token, the page: no count, no row queries
    assert not [s for s in sql if "COUNT(" in s]
    page_sql = [s for s in sql if "cases_case" in s]
    assert page_sql
    assert all('"catalogue_service"."summary"' not in s for s in page_sql)


def test_a_cursor_never_reaches_another_authoritys_cases(
    world: World, references: list[str], rhein_erft: Authority
) -> None:
    _client, token = make_client(world.dueren)
    cursor = (
        bearer(token)
        .get("/api/v1/submissions", {"state": "all", "cursor": "", "page_size": "2"})
        .json()["nextCursor"]
    )
    _other, other_token = make_client(rhein_erft, name="Rhein-Erft")
    body = bearer(other_token).get("/api/v1/submissions", {"state": "all", "cursor": cursor}).json()
    assert (body["results"], body["nextCursor"], body["next"]) == ([], None, None)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"cursor": "kein-cursor"},
            {
                "cursor": [
                    "Dieser Cursor ist ungültig. Verwenden Sie den Wert „nextCursor“ einer Antwort."
                ]
            },
        ),
        (
            {"cursor": "", "page": "2"},
            {"page": ["Geben Sie entweder „page“ oder „cursor“ an, nicht beides."]},
        ),
        (
            {"cursor": "x" * 201},
            {"cursor": ["Stelle sicher, dass dieses Feld nicht mehr als 200 Zeichen lang ist."]},
        ),
    ],
)
def test_bad_cursors_are_refused(
    world: World, references: list[str], params: dict[str, str], expected: dict[str, Any]
) -> None:
    _client, token = make_client(world.dueren)
    response = bearer(token).get("/api/v1/submissions", params)
    assert response.status_code == 400
    assert response.json() == expected


def test_bad_cursors_are_refused_in_english(world: World, references: list[str]) -> None:
    _client, token = make_client(world.dueren)
    response = bearer(token, HTTP_ACCEPT_LANGUAGE="en").get(
        "/api/v1/submissions", {"cursor": "kein-cursor"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "cursor": ["This cursor is not valid. Use the value “nextCursor” of an answer."]
    }


def test_cursor_round_trip_and_forgeries() -> None:
    at = dt.datetime(2026, 5, 4, 8, 0, 0, 123456, tzinfo=dt.UTC)
    assert cursor_decode(cursor_encode(at, 42)) == (at, 42)
    for forged in ("", "@@@", "MjAyNg", "bm8tdGltZXwx", "MjAyNi0wNS0wNFQwODowMDowMHww"):
        assert cursor_decode(forged) is None
