"""The request-size cap (core.limits, core.middleware.RequestSizeLimitMiddleware): a body
above its route's limit is answered with 413 before it is read, and a body in chunks
without Content-Length is read only up to the limit. Whatever is refused leaves no row
behind: the view never ran.

The world is that of tests/applications: a citizen of Merzenich applies for a
Reitkennzeichen of Kreis Düren; Kreis Düren's specialist system uses the API.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, get_resolver

from tests.applications.conftest import World, pdf
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.applications.test_journey import base_of, fill_until_check, start
from tests.cases.conftest import submit
from tests.integrations.partners import bearer, make_client, snapshot
from tests.test_isolation import _walk
from verbund.applications.models import Attachment, Submission
from verbund.core.limits import api_body_limit

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class Unread:
    """A request body that nobody may read."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


class Endless:
    """A body in chunks that never ends, as a WSGI server hands it over decoded."""

    def __init__(self, byte: bytes = b"x") -> None:
        self.byte = byte
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("read to the end of an endless body")
        self.consumed += size
        return self.byte * size

    readline = read


class Chunks:
    """A short body in chunks, without Content-Length."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.data)
        part, self.data = self.data[:size], self.data[size:]
        return part

    readline = read


def declared(
    length: int, content_type: str = "application/x-www-form-urlencoded"
) -> dict[str, Any]:
    """WSGI environ of a body that claims ``length`` bytes and must not be read."""
    return {"CONTENT_LENGTH": str(length), "CONTENT_TYPE": content_type, "wsgi.input": Unread()}


def chunked(body: Any, content_type: str = "application/x-www-form-urlencoded") -> dict[str, Any]:
    """WSGI environ of a body in chunks, as gunicorn passes it on: no Content-Length,
    decoded, and ended by the server (``wsgi.input_terminated``)."""
    return {
        "CONTENT_TYPE": content_type,
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input_terminated": True,
        "wsgi.input": body,
    }


@pytest.fixture
def limits(settings: Any) -> None:
    """Small limits, so that the tests send little: 64 KB for pages, files of 1 MB,
    3 MB for a form with files."""
    settings.VERBUND_REQUEST_MAX_KB = 64
    settings.VERBUND_UPLOAD_MAX_MB = 1
    settings.VERBUND_UPLOAD_REQUEST_MAX_MB = 3


def assert_page_413(response: Any, *texts: str) -> None:
    assert response.status_code == 413
    assert response["Content-Type"] == "text/html; charset=utf-8"
    body = response.content.decode()
    assert "<title>Zu viele Daten auf einmal – Verbund</title>" in body
    for text in texts:
        assert text in body, text


# --- Content-Length above the limit: refused unread ------------------------------------


def test_a_page_refuses_a_body_above_its_limit_unread(
    client: Client, world: World, limits: None
) -> None:
    base = fill_until_check(client, world)
    before = snapshot()

    response = client.generic("POST", base + "pruefen/", **declared(64 * 1024 + 1))

    assert_page_413(
        response,
        "Auf einmal können höchstens 64 KB gesendet werden. Ihre Eingaben wurden nicht "
        "gespeichert.",
        "Gehen Sie im Browser eine Seite zurück, um es noch einmal zu versuchen.",
    )
    assert "einzeln hoch" not in response.content.decode()
    assert snapshot() == before
    assert Submission.objects.count() == 0
    # At the limit the page is what it always was: the application is submitted.
    assert client.post(base + "pruefen/", {"x": "y" * 60_000}).status_code == 302
    assert Submission.objects.count() == 1


def test_the_refusal_speaks_english(client: Client, world: World, limits: None) -> None:
    base = fill_until_check(client, world)
    response = client.generic(
        "POST", base + "pruefen/", HTTP_ACCEPT_LANGUAGE="en", **declared(100_000)
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "<title>Too much data at once – Verbund</title>" in body
    assert "At most 64 KB can be sent at once. Your entries have not been saved." in body


def test_an_upload_page_takes_files_up_to_its_own_limit(
    client: Client, world: World, limits: None
) -> None:
    base = base_of(start(client, world))
    for step, data in (
        ("erstausgabe/", {"erstausgabe": "nein"}),
        ("nummer/", {"nummer": "DN 1234"}),
        (
            "person/",
            {
                "name": "Anna Schmidt",
                "anschrift-strasse": "Valdersweg",
                "anschrift-hausnummer": "1",
                "anschrift-plz": "52399",
                "anschrift-ort": "Merzenich",
            },
        ),
    ):
        assert client.post(base + step, data).status_code == 302
    before = snapshot()

    refused = client.generic(
        "POST", base + "nachweis/", **declared(3 * MB + 1, "multipart/form-data; boundary=x")
    )

    assert_page_413(
        refused,
        "Auf einmal können höchstens 3 MB gesendet werden.",
        "Laden Sie mehrere Dateien bitte einzeln hoch, oder verkleinern Sie große Dateien, "
        "zum Beispiel einen Scan mit geringerer Auflösung. Jede Datei darf höchstens 1 MB "
        "groß sein.",
    )
    assert snapshot() == before

    # A file far above the 64 KB of other pages is welcome here.
    content = b"%PDF-1.4\n" + b"0" * (900 * 1024) + b"\n%%EOF\n"
    upload = pdf("Versicherung.pdf")
    upload.file.write(content)
    upload.file.seek(0)
    upload.size = len(content)
    response = client.post(base + "nachweis/", {"nachweis": upload})
    assert response.status_code == 302
    (attachment,) = Attachment.objects.all()
    assert attachment.size == len(content)

    # Sent in chunks, a file arrives just the same.
    second = pdf("Zweitschrift.pdf")
    multipart = encode_multipart(BOUNDARY, {"nachweis": second})
    response = client.generic(
        "POST", base + "nachweis/", **chunked(Chunks(multipart), MULTIPART_CONTENT)
    )
    assert response.status_code == 302  # "Weiter" uploads the chosen files and goes on
    assert sorted(Attachment.objects.values_list("filename", flat=True)) == [
        "Versicherung.pdf",
        "Zweitschrift.pdf",
    ]


def test_the_api_refuses_a_body_above_its_limit_with_json_unread(
    world: World, limits: None
) -> None:
    submission = submit(world)
    _client, token = make_client(world.dueren, name="OK.VERKEHR")
    api = bearer(token)
    limit = api_body_limit()
    assert limit == 4 * (-(-MB // 3)) + 64 * 1024
    before = snapshot()

    response = api.generic(
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        **declared(limit + 1, "application/json"),
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Die Anfrage ist zu groß (höchstens {limit} Bytes).",
        "code": "too_large",
    }
    assert snapshot() == before


# --- chunks without Content-Length: read up to the limit -------------------------------


def test_a_chunked_body_is_stopped_at_the_limit(client: Client, world: World, limits: None) -> None:
    base = fill_until_check(client, world)
    body = Endless()
    before = snapshot()

    response = client.generic("POST", base + "pruefen/", **chunked(body))

    assert_page_413(response, "Auf einmal können höchstens 64 KB gesendet werden.")
    assert body.consumed == 64 * 1024 + 1
    assert snapshot() == before


def test_the_api_stops_a_chunked_body_at_its_limit(world: World, limits: None) -> None:
    submission = submit(world)
    _client, token = make_client(world.dueren, name="OK.VERKEHR")
    api = bearer(token)
    body = Endless(b"[")
    before = snapshot()

    response = api.generic(
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        **chunked(body, "application/json"),
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": f"Die Anfrage ist zu groß (höchstens {api_body_limit()} Bytes).",
        "code": "too_large",
    }
    assert body.consumed == api_body_limit() + 1
    assert snapshot() == before


def test_a_chunked_body_within_the_limit_is_read(world: World) -> None:
    # Without the middleware Django reads no body at all when Content-Length is missing.
    submission = submit(world)
    _client, token = make_client(world.dueren, name="OK.VERKEHR")
    api = bearer(token)
    response = api.generic(
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        **chunked(Chunks(b'{"accepted": true}'), "application/json"),
    )
    assert response.status_code == 201
    assert response.json()["accepted"] is True

    switched = Client().generic("POST", "/i18n/setlang/", **chunked(Chunks(b"language=en")))
    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "en"


def test_chunks_the_server_does_not_end_are_not_read(client: Client, world: World) -> None:
    # A server that does not say it ends the body (no wsgi.input_terminated) would let a
    # read wait for ever: Django reads none of it, as before.
    submission = submit(world)
    _client, token = make_client(world.dueren, name="OK.VERKEHR")
    environ = chunked(Unread(), "application/json")
    del environ["wsgi.input_terminated"]
    response = bearer(token).generic(
        "POST", f"/api/v1/submissions/{submission.reference}/acknowledgement", **environ
    )
    assert response.status_code == 400
    assert response.json() == {"accepted": ["Dieses Feld ist zwingend erforderlich."]}


def test_the_archive_takes_large_scans_but_not_two_gigabytes(client: Client, world: World) -> None:
    """A scanned volume is far larger than a citizen's proof: the archive's upload page
    takes a request up to VERBUND_ARCHIVE_REQUEST_MAX_MB (1 GB), and refuses a 2-GB
    upload unread, before any view runs."""
    from verbund.core.limits import Route, body_limit

    factory = RequestFactory()
    upload = factory.post("/verwaltung/archiv/einheiten/1/hochladen/")
    assert body_limit(upload).route is Route.SCANS
    assert body_limit(upload).size == 1024 * MB
    # Other pages keep their limits.
    assert body_limit(factory.post("/verwaltung/")).route is Route.PAGE

    before = snapshot()
    refused = client.generic(
        "POST",
        "/verwaltung/archiv/einheiten/1/hochladen/",
        **declared(2 * 1024 * MB, "multipart/form-data; boundary=x"),
    )
    assert_page_413(
        refused,
        "Auf einmal können höchstens 1024 MB gesendet werden.",
        "Jede Datei darf höchstens 500 MB groß sein.",
    )
    assert snapshot() == before


# --- which pages take uploads ------------------------------------------------------------


def _reads_files(pattern: URLPattern) -> bool:
    view: Callable[..., Any] = inspect.unwrap(pattern.callback)
    return "request.FILES" in inspect.getsource(view)


def test_every_view_that_reads_files_is_an_upload_page() -> None:
    patterns = dict(_walk(get_resolver().url_patterns))
    upload_names = set(django_settings.VERBUND_UPLOAD_URL_NAMES)
    scan_names = set(django_settings.VERBUND_ARCHIVE_UPLOAD_URL_NAMES)
    assert upload_names <= set(patterns), upload_names - set(patterns)
    assert scan_names <= set(patterns), scan_names - set(patterns)
    assert upload_names & scan_names == set()
    reading = {name for name, pattern in patterns.items() if _reads_files(pattern)}
    assert reading == upload_names | scan_names
