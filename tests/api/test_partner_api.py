"""The API for specialist systems: bearer tokens and scopes, the way of a client that
knows only the OpenAPI document, refusals (401, 403, 404, 400, 409) that change
nothing, and another authority's submissions that answer 404 like unknown ones.

The world is that of tests/applications: Kreis Düren processes the Reitkennzeichen
of Merzenich's citizens; the Rhein-Erft-Kreis is another member authority.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import random
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.applications.conftest import PDF_BYTES, World
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.cases.conftest import VG_AACHEN_LINE, enter_court, process_for_dueren, submit
from tests.cases.conftest import rhein_erft as rhein_erft
from tests.integrations.partners import bearer, make_client, ready_tasks, snapshot
from verbund.applications.models import Submission
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseEvent, CaseStatus, Decision, DocumentVersion, EventKind
from verbund.integrations.models import Scope, SubmissionAcknowledgement
from verbund.integrations.services import api_client_revoke

pytestmark = pytest.mark.django_db

DECISION_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"% Bescheid aus dem Fachverfahren\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
UNKNOWN = "VB-2026-ZZZZ-ZZZZ"
NOT_FOUND = {"detail": "Keinen Antrag mit dieser Vorgangsnummer gefunden.", "code": "not_found"}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def valid_body(operation: str, case: Case | None = None) -> dict[str, Any]:
    version = case.version if case is not None else 1
    return {
        "acknowledgement": {"accepted": True},
        "status": {"status": "in_progress", "note": "", "version": version},
        "decision": {"outcome": "granted", "body": "Bewilligt.", "version": version},
    }[operation]


def endpoints(reference: str, version_id: str) -> list[tuple[str, str, str, str]]:
    """(method, path, scope, body kind) of every endpoint that names a submission."""
    base = f"/api/v1/submissions/{reference}"
    return [
        ("GET", base, Scope.SUBMISSIONS_READ, ""),
        ("GET", f"{base}/documents/{version_id}", Scope.SUBMISSIONS_READ, ""),
        ("POST", f"{base}/acknowledgement", Scope.SUBMISSIONS_ACKNOWLEDGE, "acknowledgement"),
        ("POST", f"/api/v1/cases/{reference}/status", Scope.CASES_WRITE, "status"),
        ("POST", f"/api/v1/cases/{reference}/decision", Scope.CASES_WRITE, "decision"),
    ]


def call(client: Client, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    if method == "GET":
        return client.get(path)
    data = b"" if body is None else json.dumps(body).encode()
    return client.generic(method, path, data=data, content_type="application/json")


def first_version(case: Case) -> DocumentVersion:
    version = DocumentVersion.objects.filter(document__case=case).order_by("created_at").first()
    assert version is not None
    return version


@pytest.fixture
def dueren_token(world: World) -> str:
    _client, token = make_client(world.dueren, name="OK.VERKEHR")
    return token


@pytest.fixture
def submission(world: World) -> Submission:
    return submit(world)


# --- the OpenAPI document ---------------------------------------------------------------


PARTNER_OPERATIONS = {
    ("/api/v1/submissions", "get"): "submissions_list",
    ("/api/v1/submissions/{reference}", "get"): "submissions_retrieve",
    (
        "/api/v1/submissions/{reference}/documents/{version_id}",
        "get",
    ): "submissions_document_retrieve",
    (
        "/api/v1/submissions/{reference}/acknowledgement",
        "post",
    ): "submissions_acknowledgement_create",
    ("/api/v1/cases/{reference}/status", "post"): "cases_status_create",
    ("/api/v1/cases/{reference}/decision", "post"): "cases_decision_create",
}


@pytest.fixture
def schema() -> dict[str, Any]:
    response = Client().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return dict(response.json())


def test_the_openapi_document_describes_every_partner_endpoint(schema: dict[str, Any]) -> None:
    assert schema["components"]["securitySchemes"] == {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Token of an API client (Fachverfahren), created by the authority's admins "
                "on the staff page „Schnittstellen“; it starts with „vbk_“."
            ),
        }
    }
    for (path, method), operation_id in PARTNER_OPERATIONS.items():
        operation = schema["paths"][path][method]
        assert operation["operationId"] == operation_id
        assert operation["security"] == [{"bearerAuth": []}]
        assert {"401", "403", "404"} <= set(operation["responses"]), path
        if method == "post":
            assert {"400", "409"} <= set(operation["responses"]), path
            assert "requestBody" in operation
    # The public endpoints stay public.
    assert schema["paths"]["/api/v1/places"]["get"]["security"] == [{}]


# --- the way of a client that knows only the OpenAPI document ---------------------------


def test_a_client_takes_a_submission_over_and_decides_it(
    world: World, submission: Submission, dueren_token: str, schema: dict[str, Any]
) -> None:
    def path(operation_id: str, **params: str) -> str:
        for (template, _method), known in PARTNER_OPERATIONS.items():
            if known == operation_id:
                assert template in schema["paths"]
                return template.format(**params)
        raise AssertionError(operation_id)

    api = bearer(dueren_token)

    listed = api.get(path("submissions_list"), {"state": "new"})
    assert listed.status_code == 200
    page = listed.json()
    assert page["count"] == 1
    assert (page["next"], page["previous"]) == (None, None)
    (item,) = page["results"]
    assert item == {
        "reference": submission.reference,
        "status": "received",
        "statusLabel": "Eingegangen",
        "version": item["version"],
        "href": f"http://testserver/api/v1/submissions/{submission.reference}",
        "service": {
            "key": world.service.key,
            "leikaKey": world.service.leika_key,
            "title": "Reitkennzeichen beantragen",
        },
        "receivedAt": item["receivedAt"],
        "acknowledged": False,
    }

    detail = api.get(item["href"])
    assert detail.status_code == 200
    body = detail.json()
    case = Case.objects.get(reference=submission.reference)
    assert body["fileNumber"] == case.file_number
    assert (body["status"], body["version"]) == ("received", case.version)
    assert body["place"] == {"ars": "053580040040", "name": "Merzenich"}
    assert body["responsible"] == {"ars": "05358", "name": "Düren"}
    assert body["processing"] == {"ars": "05358", "name": "Düren"}
    assert body["answers"]["nummer"] == "DN 1234"
    assert body["answers"]["name"] == "Anna Schmidt"
    assert body["fees"] == {
        "lines": [{"label": "Plakette", "amount": "12.00", "quantity": 1, "total": "12.00"}],
        "total": "12.00",
    }
    assert body["acknowledgement"] is None
    assert body["formVersion"] == 1
    (document,) = [d for d in body["documents"] if d["source"] == "application"]
    assert document["filename"] == "Versicherung.pdf"
    assert document["contentType"] == "application/pdf"
    assert document["size"] == len(PDF_BYTES)
    assert document["number"] == 1

    download = api.get(document["href"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document["sha256"]
    assert content == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Versicherung.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"

    ack = call(
        api,
        "POST",
        path("submissions_acknowledgement_create", reference=submission.reference),
        {"accepted": True},
    )
    assert ack.status_code == 201
    acknowledged = ack.json()
    assert acknowledged == {
        "reference": submission.reference,
        "accepted": True,
        "reason": "",
        "createdAt": acknowledged["createdAt"],
        "status": "in_progress",
        "version": body["version"] + 2,
    }
    assert api.get(path("submissions_list"), {"state": "new"}).json()["count"] == 0
    everything = api.get(path("submissions_list"), {"state": "all"}).json()
    assert [(r["reference"], r["acknowledged"]) for r in everything["results"]] == [
        (submission.reference, True)
    ]

    # The version from before the acknowledgement is stale.
    stale = call(
        api,
        "POST",
        path("cases_status_create", reference=submission.reference),
        {"status": "closed", "version": body["version"]},
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"

    decided = call(
        api,
        "POST",
        path("cases_decision_create", reference=submission.reference),
        {
            "outcome": "granted",
            "body": "Das Reitkennzeichen DN 1234 wird erteilt.",
            "remedyNotice": "Gegen diesen Bescheid ist binnen eines Monats Klage möglich.",
            "feeAmount": "12.50",
            "feeNote": "Tarifstelle 4.1",
            "version": acknowledged["version"],
            "document": {
                "filename": "Bescheid DN 1234.pdf",
                "contentType": "application/pdf",
                "content": b64(DECISION_PDF),
            },
        },
    )
    assert decided.status_code == 201, decided.json()
    result = decided.json()
    assert (result["status"], result["outcome"], result["statusLabel"]) == (
        "granted",
        "granted",
        "Entschieden: bewilligt",
    )
    assert result["document"]["sha256"] == hashlib.sha256(DECISION_PDF).hexdigest()
    assert result["document"]["filename"] == "Bescheid DN 1234.pdf"
    assert result["document"]["source"] == "decision"
    letter = api.get(result["document"]["href"])
    assert b"".join(letter.streaming_content) == DECISION_PDF

    case.refresh_from_db()
    assert case.status == CaseStatus.GRANTED
    decision = Decision.objects.get(case=case)
    assert (decision.fee_amount, decision.fee_note, decision.issued_by_label) == (
        Decimal("12.50"),
        "Tarifstelle 4.1",
        "Fachverfahren „OK.VERKEHR“",
    )
    notices = [t.args_kwargs["args"] for t in ready_tasks("notify_applicant")]
    assert notices == [[case.pk, "decision"]]

    closed = call(
        api,
        "POST",
        path("cases_status_create", reference=submission.reference),
        {"status": "closed", "note": "Vorgang abgeschlossen.", "version": result["version"]},
    )
    assert closed.status_code == 200
    assert closed.json() == {
        "reference": submission.reference,
        "status": "closed",
        "statusLabel": "Abgeschlossen",
        "version": result["version"] + 1,
    }


def test_a_client_may_start_work_with_a_status(submission: Submission, dueren_token: str) -> None:
    case = submission.case
    response = call(
        bearer(dueren_token),
        "POST",
        f"/api/v1/cases/{submission.reference}/status",
        {"status": "in_progress", "note": "Wir bearbeiten Ihren Antrag.", "version": case.version},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.note, event.public, event.actor_label) == (
        EventKind.STATUS,
        "Wir bearbeiten Ihren Antrag.",
        True,
        "Fachverfahren „OK.VERKEHR“",
    )


NO_COURT = (
    "Für Kreis Düren ist kein Verwaltungsgericht eingetragen, und ohne das Gericht in der "
    "Rechtsbehelfsbelehrung ergeht kein Bescheid. Die Behördenverwaltung trägt es auf der "
    "Seite „Aktenführung und Briefkopf“ ein."
)


def test_without_a_document_the_platform_writes_the_letter(
    world: World, submission: Submission, dueren_token: str
) -> None:
    api = bearer(dueren_token)
    call(
        api,
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        {"accepted": True},
    )
    url = f"/api/v1/cases/{submission.reference}/decision"
    # Without Düren's court the platform writes no Bescheid: 409, nothing written.
    before = snapshot()
    refused = call(api, "POST", url, {"outcome": "refused", "body": "Die Versicherung fehlt."})
    assert refused.status_code == 409
    assert refused.json() == {"detail": NO_COURT, "code": "no_court"}
    assert snapshot() == before

    enter_court(world.dueren)
    # A notice of its own must name the court with its address.
    before = snapshot()
    wrong = call(
        api,
        "POST",
        url,
        {"outcome": "refused", "body": "Abgelehnt.", "remedyNotice": "Klage ist möglich."},
    )
    assert wrong.status_code == 400
    assert wrong.json() == {
        "remedyNotice": [
            f"Die Rechtsbehelfsbelehrung muss das Verwaltungsgericht mit seiner Anschrift "
            f"nennen: {VG_AACHEN_LINE}. Ergänzen Sie es oder laden Sie den Text der Vorlage."
        ]
    }
    assert snapshot() == before

    # Without a notice of its own: the case type's, naming the court.
    response = call(api, "POST", url, {"outcome": "refused", "body": "Die Versicherung fehlt."})
    assert response.status_code == 201
    document = response.json()["document"]
    assert document["contentType"] == "application/pdf"
    assert document["filename"] == f"Bescheid {submission.reference}.pdf"
    assert Case.objects.get(pk=submission.case.pk).status == CaseStatus.REFUSED
    remedy = Decision.objects.get(case=submission.case).remedy_notice
    assert f"Klage beim {VG_AACHEN_LINE}, erhoben werden." in remedy


def test_refusing_with_a_reason_puts_the_case_before_the_clerks(
    submission: Submission, dueren_token: str
) -> None:
    response = call(
        bearer(dueren_token),
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        {"accepted": False, "reason": "Das Kennzeichen DN 1234 ist schon vergeben."},
    )
    assert response.status_code == 201
    assert response.json()["status"] == "received"
    case = Case.objects.get(pk=submission.case.pk)
    text = "Vom Fachverfahren „OK.VERKEHR“ abgelehnt: Das Kennzeichen DN 1234 ist schon vergeben."
    assert case.attention == text
    assert case.status == CaseStatus.RECEIVED
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.note, event.public) == (EventKind.INTERFACE, text, False)
    row = SubmissionAcknowledgement.objects.get()
    assert (row.accepted, row.reason) == (False, "Das Kennzeichen DN 1234 ist schon vergeben.")


# --- tokens and scopes ------------------------------------------------------------------


def test_without_a_valid_token_every_endpoint_answers_401(
    world: World, submission: Submission, dueren_token: str
) -> None:
    revoked, revoked_token = make_client(world.dueren, name="Alt")
    api_client_revoke(actor=None, client=revoked)
    version = str(first_version(submission.case).pk)
    headers: list[dict[str, str]] = [
        {},
        {"HTTP_AUTHORIZATION": "Basic YWxhZGRpbjpvcGVuc2VzYW1l"},
        {"HTTP_AUTHORIZATION": "Bearer"},
        {"HTTP_AUTHORIZATION": "Bearer vbk_nicht-echt"},
        {"HTTP_AUTHORIZATION": f"Bearer {dueren_token} extra"},
        {"HTTP_AUTHORIZATION": f"Bearer {revoked_token}"},
    ]
    paths = [("GET", "/api/v1/submissions", "")] + [
        (method, url, kind)
        for method, url, _scope, kind in endpoints(submission.reference, version)
    ]
    before = snapshot()
    for extra in headers:
        client = Client(**extra)
        for method, url, kind in paths:
            body = valid_body(kind, submission.case) if kind else None
            response = call(client, method, url, body)
            assert response.status_code == 401, (extra, method, url)
            assert response["WWW-Authenticate"] == 'Bearer realm="Verbund"'
            assert set(response.json()) == {"detail", "code"}
    assert snapshot() == before


def test_a_token_without_the_scope_gets_403(world: World, submission: Submission) -> None:
    version = str(first_version(submission.case).pk)
    paths = [
        ("GET", "/api/v1/submissions", Scope.SUBMISSIONS_READ, ""),
        *endpoints(submission.reference, version),
    ]
    for number, (method, url, scope, kind) in enumerate(paths):
        others = [s for s in Scope.values if s != scope]
        _client, token = make_client(world.dueren, name=f"Ohne {scope} {number}", scopes=others)
        api = bearer(token)
        before = snapshot()
        body = valid_body(kind, submission.case) if kind else None
        response = call(api, method, url, body)
        assert response.status_code == 403, (method, url)
        assert response.json() == {
            "detail": f"Diesem Zugang fehlt die Berechtigung „{scope}“.",
            "code": "permission_denied",
        }
        assert snapshot() == before


def test_another_authoritys_submission_is_not_found_on_every_endpoint(
    world: World, submission: Submission, rhein_erft: Authority
) -> None:
    _client, token = make_client(rhein_erft, name="Fachverfahren Rhein-Erft")
    api = bearer(token)
    # The first request notes the client's use; afterwards nothing may change.
    assert api.get("/api/v1/submissions").json()["count"] == 0
    version = str(first_version(submission.case).pk)
    before = snapshot()
    for reference in (submission.reference, UNKNOWN):
        for method, url, _scope, kind in endpoints(reference, version):
            for verb in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                body = valid_body(kind, submission.case) if kind and verb != "GET" else None
                response = call(api, verb, url, body)
                if verb == method:
                    assert response.status_code == 404, (verb, url)
                    assert response.json() == NOT_FOUND
                else:
                    assert response.status_code == 405, (verb, url)
    assert snapshot() == before


def test_a_client_sees_only_the_cases_its_authority_processes(
    world: World, rhein_erft: Authority, dueren_token: str
) -> None:
    own = submit(world)
    unpaid = submit(world, paid=False, name="Bernd Unbezahlt")
    process_for_dueren(world, rhein_erft)
    processed_elsewhere = submit(world, name="Carla Anders")
    assert processed_elsewhere.case.authority == rhein_erft
    assert processed_elsewhere.case.responsible == world.dueren
    api = bearer(dueren_token)
    listed = api.get("/api/v1/submissions", {"state": "all"}).json()
    assert [r["reference"] for r in listed["results"]] == [own.reference]
    for reference in (unpaid.reference, processed_elsewhere.reference):
        response = api.get(f"/api/v1/submissions/{reference}")
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    _client, token = make_client(rhein_erft, name="Rhein-Erft")
    theirs = bearer(token).get(f"/api/v1/submissions/{processed_elsewhere.reference}")
    assert theirs.status_code == 200
    assert theirs.json()["responsible"] == {"ars": "05358", "name": "Düren"}
    assert theirs.json()["processing"]["ars"] == rhein_erft.ars


def test_a_document_of_another_case_is_not_found(world: World, dueren_token: str) -> None:
    first = submit(world)
    second = submit(world, name="Bernd Zweiter")
    api = bearer(dueren_token)
    other_version = first_version(second.case).pk
    for version_id in (str(other_version), "kein-uuid", "00000000-0000-0000-0000-000000000000"):
        response = api.get(f"/api/v1/submissions/{first.reference}/documents/{version_id}")
        assert response.status_code == 404
        assert response.json() == {
            "detail": "Dieses Dokument gibt es in diesem Vorgang nicht.",
            "code": "not_found",
        }


def test_last_used_is_written_at_most_once_a_minute(world: World, submission: Submission) -> None:
    client, token = make_client(world.dueren)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.last_used_at is None
    api.get("/api/v1/submissions")
    client.refresh_from_db()
    first = client.last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/submissions")
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    client.refresh_from_db()
    assert client.last_used_at == first
    later = timezone.now() + dt.timedelta(seconds=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        api.get("/api/v1/submissions")
    client.refresh_from_db()
    assert client.last_used_at == later


# --- bad input and refusals --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", {"accepted": ["Dieses Feld ist zwingend erforderlich."]}),
        ("en", {"accepted": ["This field is required."]}),
    ],
)
def test_bad_input_names_the_field_in_the_clients_language(
    submission: Submission, dueren_token: str, language: str, expected: dict[str, Any]
) -> None:
    api = bearer(dueren_token, HTTP_ACCEPT_LANGUAGE=language)
    before = snapshot()
    response = call(api, "POST", f"/api/v1/submissions/{submission.reference}/acknowledgement", {})
    assert response.status_code == 400
    assert response.json() == expected
    assert snapshot() == before


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        (
            "acknowledgement",
            {"accepted": False},
            {"reason": ["Bitte begründen Sie, warum das Fachverfahren den Antrag ablehnt."]},
        ),
        (
            "acknowledgement",
            {"accepted": "vielleicht"},
            {"accepted": ["Muss ein gültiger Wahrheitswert sein."]},
        ),
        (
            "status",
            {"status": "nope", "version": 1},
            {"status": ['"nope" ist keine gültige Option.']},
        ),
        (
            "status",
            {"status": "closed"},
            {"version": ["Dieses Feld ist zwingend erforderlich."]},
        ),
        (
            "decision",
            {"outcome": "granted", "body": "  "},
            {"body": ["Dieses Feld darf nicht leer sein."]},
        ),
        (
            "decision",
            {"outcome": "granted", "body": "Ja.", "feeAmount": "-1"},
            {"feeAmount": ["Stelle sicher, dass dieser Wert größer oder gleich 0.00 ist."]},
        ),
        (
            "decision",
            {
                "outcome": "granted",
                "body": "Ja.",
                "document": {
                    "filename": "b.pdf",
                    "contentType": "application/pdf",
                    "content": "%%%",
                },
            },
            {"document": {"content": ["Der Inhalt ist kein gültiges Base64."]}},
        ),
        (
            "decision",
            {
                "outcome": "granted",
                "body": "Ja.",
                "document": {
                    "filename": "b.pdf",
                    "contentType": "application/pdf",
                    "content": b64(b"GIF89a nicht wirklich ein PDF"),
                },
            },
            {"document": {"content": ["„b.pdf“ ist keine PDF-Datei. Erlaubt ist: PDF."]}},
        ),
        (
            "decision",
            {
                "outcome": "granted",
                "body": "Ja.",
                "document": {
                    "filename": "b.pdf",
                    "contentType": "application/pdf",
                    "content": b64(b"%PDF-1.4\nohne Ende"),
                },
            },
            {
                "document": {
                    "content": [
                        "„b.pdf“ lässt sich nicht als PDF öffnen; die Datei ist beschädigt "
                        "oder unvollständig."
                    ]
                }
            },
        ),
        (
            "decision",
            {
                "outcome": "granted",
                "body": "Ja.",
                "document": {
                    "filename": "b.docx",
                    "contentType": "application/msword",
                    "content": "",
                },
            },
            {
                "document": {
                    "contentType": ['"application/msword" ist keine gültige Option.'],
                    "content": ["Dieses Feld darf nicht leer sein."],
                }
            },
        ),
    ],
)
def test_bad_bodies_are_refused_at_their_field(
    submission: Submission,
    dueren_token: str,
    path: str,
    body: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    api = bearer(dueren_token)
    url = (
        f"/api/v1/submissions/{submission.reference}/acknowledgement"
        if path == "acknowledgement"
        else f"/api/v1/cases/{submission.reference}/{path}"
    )
    before = snapshot()
    response = call(api, "POST", url, body)
    assert response.status_code == 400
    assert response.json() == expected
    assert snapshot() == before


def test_a_too_large_document_is_refused_before_decoding(
    submission: Submission, dueren_token: str, settings: Any
) -> None:
    settings.VERBUND_UPLOAD_MAX_MB = 1
    content = "A" * (4 * (1024 * 1024 // 3 + 1) + 4)
    response = call(
        bearer(dueren_token),
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        {
            "outcome": "granted",
            "body": "Ja.",
            "document": {"filename": "b.pdf", "contentType": "application/pdf", "content": content},
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "document": {"content": ["Die Datei ist zu groß; erlaubt sind höchstens 1 MB."]}
    }


def big_pdf(size: int) -> bytes:
    """A PDF of exactly ``size`` bytes whose stream holds reproducible random bytes."""
    head = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n3 0 obj<<>>stream\n"
    tail = b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return head + random.Random(5).randbytes(size - len(head) - len(tail)) + tail


def in_progress(submission: Submission, api: Client) -> int:
    """Take the submission over; the case's version afterwards."""
    ack = call(
        api,
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        {"accepted": True},
    )
    assert ack.status_code == 201
    return int(ack.json()["version"])


def test_a_decision_with_a_five_mb_pdf_is_stored_exactly(
    submission: Submission, dueren_token: str
) -> None:
    # Before: Django refused bodies above DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB, a PDF of
    # about 1.9 MB in Base64) with an HTML 400, below the API's own limit.
    api = bearer(dueren_token)
    version = in_progress(submission, api)
    pdf = big_pdf(5 * 1024 * 1024)
    body = json.dumps(
        {
            "outcome": "granted",
            "body": "Bewilligt.",
            "version": version,
            "document": {
                "filename": "Bescheid groß.pdf",
                "contentType": "application/pdf",
                "content": b64(pdf),
            },
        }
    ).encode()
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = api.generic(
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        data=body,
        content_type="application/json",
    )

    assert response.status_code == 201, response.content[:300]
    document = response.json()["document"]
    digest = hashlib.sha256(pdf).hexdigest()
    assert (document["filename"], document["size"], document["sha256"]) == (
        "Bescheid groß.pdf",
        len(pdf),
        digest,
    )
    stored = DocumentVersion.objects.get(pk=document["id"])
    assert (stored.size, stored.sha256, stored.content_type) == (
        len(pdf),
        digest,
        "application/pdf",
    )
    with stored.file.open("rb") as handle:
        assert handle.read() == pdf
    download = api.get(document["href"])
    assert b"".join(download.streaming_content) == pdf
    decision = Decision.objects.get(case=submission.case)
    assert decision.outcome == "granted"


def test_a_body_above_the_documented_limit_is_a_json_413(
    submission: Submission, dueren_token: str
) -> None:
    # Before: the same HTML 400 of Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    api = bearer(dueren_token)
    version = in_progress(submission, api)
    limit = 4 * (-(-10 * 1024 * 1024 // 3)) + 64 * 1024  # docs/integrations.md
    head = json.dumps({"outcome": "granted", "body": "Ja.", "version": version})[:-1]
    document = ', "document": {"filename": "b.pdf", "contentType": "application/pdf", "content": "'
    tail = '"}}'
    filler = "A" * (limit + 1 - len(head) - len(document) - len(tail))
    body = (head + document + filler + tail).encode()
    assert len(body) == limit + 1
    before = snapshot()

    response = api.generic(
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        data=body,
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Die Anfrage ist zu groß (höchstens {limit} Bytes).",
        "code": "too_large",
    }
    assert snapshot() == before


@pytest.mark.parametrize(
    ("endpoint", "body"),
    [
        ("decision", "[" * 100_000 + "]" * 100_000),
        (
            "decision",
            '{"outcome": "granted", "body": "Ja.", "feeNote": '
            + "[" * 100_000
            + "]" * 100_000
            + "}",
        ),
        # Within the 64 KiB of the acknowledgement.
        ("acknowledgement", '{"accepted": true, "reason": ' + "[" * 30_000 + "]" * 30_000 + "}"),
        # Deep enough to be refused, not so deep that Python's parser gives up.
        ("acknowledgement", '{"accepted": true, "reason": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}"),
    ],
    ids=["arrays", "inside-a-field", "small-body", "objects"],
)
def test_a_deeply_nested_body_is_a_json_400(
    submission: Submission, dueren_token: str, endpoint: str, body: str
) -> None:
    # Before: Python's JSON parser hit the recursion limit, a 500.
    api = bearer(dueren_token)
    if endpoint == "decision":
        in_progress(submission, api)
        url = f"/api/v1/cases/{submission.reference}/decision"
    else:
        url = f"/api/v1/submissions/{submission.reference}/acknowledgement"
    before = snapshot()
    response = api.generic("POST", url, data=body.encode(), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Die Anfrage ist zu tief verschachtelt (höchstens 32 Ebenen).",
        "code": "too_deep",
    }
    assert snapshot() == before


def test_a_deeply_nested_body_is_refused_in_english(
    submission: Submission, dueren_token: str
) -> None:
    response = bearer(dueren_token, HTTP_ACCEPT_LANGUAGE="en").generic(
        "POST",
        f"/api/v1/cases/{submission.reference}/status",
        data=("[" * 5000 + "]" * 5000).encode(),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request is nested too deeply (at most 32 levels).",
        "code": "too_deep",
    }


def test_a_body_beyond_the_limit_is_not_read(submission: Submission, dueren_token: str) -> None:
    response = call(
        bearer(dueren_token),
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        {"accepted": True, "reason": "x" * 70_000},
    )
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Die Anfrage ist zu groß (höchstens 65536 Bytes).",
        "code": "too_large",
    }


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (
            b"{nicht json",
            "application/json",
            {"detail": "Der Inhalt der Anfrage ist kein gültiges JSON.", "code": "parse_error"},
        ),
        (b"[1, 2]", "application/json", {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}),
        (b"accepted=true", "application/x-www-form-urlencoded", None),
    ],
)
def test_bodies_that_are_no_json_object(
    submission: Submission,
    dueren_token: str,
    body: bytes,
    content_type: str,
    expected: dict[str, Any] | None,
) -> None:
    response = bearer(dueren_token).generic(
        "POST",
        f"/api/v1/submissions/{submission.reference}/acknowledgement",
        data=body,
        content_type=content_type,
    )
    if expected is None:
        assert response.status_code == 415
        assert response.json()["code"] == "unsupported_media_type"
    else:
        assert response.status_code == 400
        assert response.json() == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "alt"}, {"state": ['"alt" ist keine gültige Option.']}),
        ({"page": "0"}, {"page": ["Stelle sicher, dass dieser Wert größer oder gleich 1 ist."]}),
        # An empty parameter is invalid, not absent (found by Schemathesis).
        ({"page": ""}, {"page": ["Eine gültige Ganzzahl ist erforderlich."]}),
        (
            {"page_size": "500"},
            {"page_size": ["Stelle sicher, dass dieser Wert kleiner oder gleich 100 ist."]},
        ),
    ],
)
def test_bad_list_parameters(
    submission: Submission, dueren_token: str, params: dict[str, str], expected: dict[str, Any]
) -> None:
    response = bearer(dueren_token).get("/api/v1/submissions", params)
    assert response.status_code == 400
    assert response.json() == expected


def test_a_page_past_the_end_is_not_found(submission: Submission, dueren_token: str) -> None:
    response = bearer(dueren_token).get("/api/v1/submissions", {"page": 2})
    assert response.status_code == 404
    assert response.json() == {"detail": "Diese Seite gibt es nicht.", "code": "not_found"}


def test_a_second_acknowledgement_is_a_conflict(submission: Submission, dueren_token: str) -> None:
    api = bearer(dueren_token)
    url = f"/api/v1/submissions/{submission.reference}/acknowledgement"
    assert call(api, "POST", url, {"accepted": True}).status_code == 201
    before = snapshot()
    again = call(api, "POST", url, {"accepted": False, "reason": "Doch nicht."})
    assert again.status_code == 409
    assert again.json() == {
        "detail": "Das Fachverfahren hat zu diesem Antrag bereits eine Rückmeldung gegeben.",
        "code": "acknowledged",
    }
    assert snapshot() == before


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "de",
            "Ein Vorgang im Status „Eingegangen“ kann nicht nach „Entschieden: bewilligt“ "
            "wechseln.",
        ),
        ("en", "A case with the status “Received” cannot change to “Decided: approved”."),
    ],
)
def test_an_illegal_transition_is_a_conflict(
    submission: Submission, dueren_token: str, language: str, detail: str
) -> None:
    case = submission.case
    api = bearer(dueren_token, HTTP_ACCEPT_LANGUAGE=language)
    before = snapshot()
    response = call(
        api,
        "POST",
        f"/api/v1/cases/{submission.reference}/status",
        {"status": "granted", "version": case.version},
    )
    assert response.status_code == 409
    assert response.json() == {"detail": detail, "code": "transition"}
    assert snapshot() == before


def test_a_stale_version_is_a_conflict(submission: Submission, dueren_token: str) -> None:
    case = submission.case
    api = bearer(dueren_token)
    before = snapshot()
    response = call(
        api,
        "POST",
        f"/api/v1/cases/{submission.reference}/status",
        {"status": "in_progress", "version": case.version - 1},
    )
    assert response.status_code == 409
    # The last history entry is the payment, made by the system.
    assert response.json() == {
        "detail": "Der Vorgang wurde inzwischen geändert. Ihre Eingabe wurde nicht "
        "gespeichert; bitte prüfen Sie den aktuellen Stand und wiederholen Sie sie.",
        "code": "conflict",
    }
    assert snapshot() == before


def test_a_decision_on_a_received_case_is_a_conflict(
    submission: Submission, dueren_token: str
) -> None:
    api = bearer(dueren_token)
    before = snapshot()
    response = call(
        api,
        "POST",
        f"/api/v1/cases/{submission.reference}/decision",
        {"outcome": "granted", "body": "Ja."},
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Ein Bescheid ergeht, wenn der Vorgang in Bearbeitung ist und keine Rückfrage "
        "oder Beteiligung mehr offen ist (Status jetzt: „Eingegangen“).",
        "code": "status",
    }
    assert snapshot() == before
