"""The services of the integrations app: clients and their tokens, callback URLs,
the announcement of new submissions and the acknowledgement, each audited."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from tests.applications.conftest import World
from tests.cases.conftest import submit
from tests.integrations.partners import make_client, ready_tasks, snapshot
from verbund.authorities.models import Authority
from verbund.cases.models import CaseEvent, CaseStatus, EventKind
from verbund.core.models import AuditEntry
from verbund.integrations import services
from verbund.integrations.models import (
    ApiClient,
    DeliveryStatus,
    Scope,
    SubmissionAcknowledgement,
    WebhookDelivery,
)
from verbund.integrations.selectors import client_for_token
from verbund.integrations.webhooks import transport as webhooks

pytestmark = pytest.mark.django_db

HOOK = "http://127.0.0.1:9/hook"


def actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="integrations.")
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- clients ---------------------------------------------------------------------------


def test_create_returns_the_token_once_and_stores_its_hash(world: World) -> None:
    client, token = make_client(
        world.dueren, name="  OK.VERKEHR  ", scopes=[Scope.CASES_WRITE, Scope.SUBMISSIONS_READ]
    )
    assert token.startswith("vbk_")
    assert len(token) == 4 + 43
    assert client.name == "OK.VERKEHR"
    assert client.token_prefix == token[:12]
    assert client.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ApiClient.objects.filter(pk=client.pk).values().get())
    # Scopes in their declared order, whatever order they came in.
    assert client.scopes == ["submissions:read", "cases:write"]
    assert client.callback_url == ""
    assert client.callback_secret == ""
    assert client_for_token(token) == client
    assert client_for_token(token + "x") is None
    entry = AuditEntry.objects.get(action="integrations.api_client_created")
    assert entry.authority_id == world.dueren.pk
    assert entry.changes == {
        "name": "OK.VERKEHR",
        "token_prefix": client.token_prefix,
        "scopes": ["submissions:read", "cases:write"],
        "callback_url": "",
    }


def test_a_callback_url_brings_its_own_secret(world: World, settings: object) -> None:
    client, _token = make_client(world.dueren, callback_url=HOOK)
    assert client.callback_url == HOOK
    assert len(client.callback_secret) == 64
    audit = AuditEntry.objects.get(action="integrations.api_client_created")
    assert client.callback_secret not in str(audit.changes)


@pytest.mark.parametrize(
    ("name", "scopes", "field"),
    [
        ("", [Scope.SUBMISSIONS_READ], "name"),
        ("x" * 101, [Scope.SUBMISSIONS_READ], "name"),
        ("Fachverfahren", [], "scopes"),
        ("Fachverfahren", ["admin"], "scopes"),
    ],
)
def test_create_refuses_bad_input(world: World, name: str, scopes: list[str], field: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        make_client(world.dueren, name=name, scopes=scopes)
    assert list(caught.value.message_dict) == [field]
    assert snapshot() == before


def test_names_are_unique_among_active_clients(world: World) -> None:
    first, _token = make_client(world.dueren, name="Fachverfahren")
    with pytest.raises(ValidationError) as caught:
        make_client(world.dueren, name="Fachverfahren")
    assert caught.value.message_dict == {
        "name": ["Ein Zugang mit dieser Bezeichnung besteht bereits."]
    }
    services.api_client_revoke(actor=None, client=first)
    second, _token = make_client(world.dueren, name="Fachverfahren")
    assert second.pk != first.pk


@pytest.mark.parametrize(
    ("url", "local", "message"),
    [
        ("ftp://example.org/hook", False, "Die Callback-URL muss mit https:// beginnen."),
        ("http://fachverfahren.example.org/hook", False, "muss mit https:// beginnen"),
        ("https://user:pw@example.org/hook", False, "keinen Benutzernamen"),
        ("https://10.1.2.3/hook", False, "interne Adresse (10.1.2.3)"),
        ("https://192.168.0.10/hook", False, "interne Adresse"),
        ("https://169.254.169.254/latest/meta-data", False, "interne Adresse"),
        ("https://[::1]/hook", False, "nicht auf diesen Rechner"),
        ("https://[fd00::1]/hook", False, "interne Adresse"),
        ("https://203.0.113.7/hook", False, "interne Adresse"),
        ("https://[::ffff:10.0.0.1]/hook", False, "interne Adresse"),
        ("https://localhost/hook", False, "nicht auf diesen Rechner"),
        ("http://127.0.0.1:8000/hook", False, "nicht auf diesen Rechner"),
        ("https://fachverfahren/hook", False, "internen Rechnernamen (fachverfahren)"),
        ("https://fv.kreis.internal/hook", False, "internen Rechnernamen"),
        ("https://example.org:0/hook", False, "keine gültige Adresse"),
        ("https://example.org:99999/hook", False, "keine gültige Adresse"),
        ("https://example.org/" + "x" * 500, False, "höchstens 500 Zeichen"),
    ],
)
def test_callback_urls_that_are_refused(
    settings: object, url: str, local: bool, message: str
) -> None:
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = local  # type: ignore[attr-defined]
    refusal = webhooks.callback_url_refusal(url)
    assert refusal is not None
    assert message in refusal


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("https://fachverfahren.kreis-dueren.de/callbacks/verbund", False),
        ("https://93.184.215.14:8443/hook", False),
        ("http://127.0.0.1:8000/hook", True),
        ("http://localhost/hook", True),
    ],
)
def test_callback_urls_that_are_allowed(settings: object, url: str, local: bool) -> None:
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = local  # type: ignore[attr-defined]
    assert webhooks.callback_url_refusal(url) is None


def test_http_to_this_machine_is_allowed_only_where_configured(
    world: World, settings: object
) -> None:
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = False  # type: ignore[attr-defined]
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        make_client(world.dueren, callback_url=HOOK)
    assert list(caught.value.message_dict) == ["callback_url"]
    assert snapshot() == before


def test_destinations_are_resolved_before_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        return [(2, 1, 6, "", ("10.0.0.5", 443))]

    monkeypatch.setattr(webhooks.socket, "getaddrinfo", resolve)
    refusal = webhooks.destination_refusal("https://fachverfahren.example.org/hook")
    assert refusal == (
        "fachverfahren.example.org löst auf eine interne Adresse auf (10.0.0.5); "
        "es wurde nichts gesendet."
    )


def test_revoke_stops_the_token_and_is_recorded_once(world: World) -> None:
    client, token = make_client(world.dueren)
    revoked = services.api_client_revoke(actor=None, client=client)
    assert revoked.active is False
    assert revoked.revoked_at is not None
    assert client_for_token(token) is None
    services.api_client_revoke(actor=None, client=client)
    assert actions() == ["integrations.api_client_created", "integrations.api_client_revoked"]


def test_set_callback_generates_rotates_and_removes_the_secret(world: World) -> None:
    client, _token = make_client(world.dueren)
    client = services.api_client_set_callback(actor=None, client=client, callback_url=HOOK)
    first = client.callback_secret
    assert len(first) == 64
    # The same URL again changes nothing and records nothing.
    client = services.api_client_set_callback(actor=None, client=client, callback_url=HOOK)
    assert client.callback_secret == first
    client = services.api_client_set_callback(
        actor=None, client=client, callback_url=HOOK, new_secret=True
    )
    assert client.callback_secret not in ("", first)
    client = services.api_client_set_callback(actor=None, client=client, callback_url="")
    assert (client.callback_url, client.callback_secret) == ("", "")
    entries = AuditEntry.objects.filter(action="integrations.api_client_callback_set").order_by(
        "id"
    )
    assert [e.changes for e in entries] == [
        {"callback_url": ["", HOOK], "new_secret": True},
        {"callback_url": [HOOK, HOOK], "new_secret": True},
        {"callback_url": [HOOK, ""], "new_secret": False},
    ]


def test_a_revoked_client_gets_no_callback(world: World) -> None:
    client, _token = make_client(world.dueren)
    services.api_client_revoke(actor=None, client=client)
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        services.api_client_set_callback(actor=None, client=client, callback_url=HOOK)
    assert caught.value.messages == ["Dieser Zugang ist widerrufen."]
    assert snapshot() == before


# --- the announcement ------------------------------------------------------------------


def test_a_complete_submission_is_announced_to_each_subscribed_client(world: World) -> None:
    with_hook, _t = make_client(world.dueren, name="Mit Callback", callback_url=HOOK)
    make_client(world.dueren, name="Ohne Callback")
    make_client(
        world.dueren,
        name="Nur Status",
        scopes=[Scope.CASES_WRITE],
        callback_url="http://127.0.0.1:9/status",
    )
    revoked, _t = make_client(world.dueren, name="Widerrufen", callback_url=HOOK)
    services.api_client_revoke(actor=None, client=revoked)

    unpaid = submit(world, paid=False)
    # Awaiting payment is not complete: nobody is told yet.
    assert WebhookDelivery.objects.count() == 0

    submission = submit(world)
    delivery = WebhookDelivery.objects.get()
    assert delivery.client == with_hook
    assert delivery.case == submission.case
    assert delivery.authority == world.dueren
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 0
    assert delivery.event == "submission.new"
    assert delivery.payload == {
        "type": "submission.new",
        "deliveryId": str(delivery.pk),
        "reference": submission.reference,
        "href": f"http://127.0.0.1:8000/api/v1/submissions/{submission.reference}",
        "serviceKey": world.service.key,
        "timestamp": delivery.payload["timestamp"],
    }
    # No personal data in the message.
    assert "Anna" not in str(delivery.payload)
    assert [t.args_kwargs["args"] for t in ready_tasks("deliver_webhook")] == [[str(delivery.pk)]]
    announced = AuditEntry.objects.get(action="integrations.submission_announced")
    assert announced.changes == {"deliveries": [str(delivery.pk)], "clients": [with_hook.pk]}
    assert unpaid.case.status == CaseStatus.AWAITING_PAYMENT


def test_paying_later_announces_the_submission(world: World) -> None:
    from verbund.applications.services import submission_mark_paid

    make_client(world.dueren, callback_url=HOOK)
    submission = submit(world, paid=False)
    assert WebhookDelivery.objects.count() == 0
    submission_mark_paid(submission=submission)
    assert WebhookDelivery.objects.get().case == submission.case


def test_other_authorities_clients_are_not_told(world: World, rhein_erft: Authority) -> None:
    make_client(rhein_erft, callback_url=HOOK)
    submit(world)
    assert WebhookDelivery.objects.count() == 0
    assert ready_tasks("deliver_webhook") == []


# --- the acknowledgement -----------------------------------------------------------------


def test_accepting_starts_work_on_a_received_case(world: World) -> None:
    client, _token = make_client(world.dueren, name="OK.VERKEHR")
    case = submit(world).case
    version = case.version
    row = services.submission_acknowledge(client=client, case=case, accepted=True)
    assert (row.accepted, row.reason, row.authority_id) == (True, "", world.dueren.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.attention == ""
    assert case.version == version + 2
    events = list(CaseEvent.objects.filter(case=case).order_by("id"))[-2:]
    assert [(e.kind, e.status, e.note, e.actor_label, e.public) for e in events] == [
        (
            EventKind.INTERFACE,
            CaseStatus.RECEIVED,
            "Vom Fachverfahren „OK.VERKEHR“ übernommen.",
            "Fachverfahren „OK.VERKEHR“",
            False,
        ),
        (EventKind.STATUS, CaseStatus.IN_PROGRESS, "", "Fachverfahren „OK.VERKEHR“", True),
    ]
    entry = AuditEntry.objects.get(action="integrations.submission_acknowledged")
    assert entry.actor_label == "Fachverfahren „OK.VERKEHR“"
    assert entry.changes == {"client": client.pk, "case": case.pk, "accepted": True, "reason": ""}


def test_refusing_needs_a_reason_and_flags_the_case(world: World) -> None:
    client, _token = make_client(world.dueren, name="OK.VERKEHR")
    case = submit(world).case
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        services.submission_acknowledge(client=client, case=case, accepted=False, reason="  ")
    assert list(caught.value.message_dict) == ["reason"]
    assert snapshot() == before

    services.submission_acknowledge(
        client=client, case=case, accepted=False, reason="Kennzeichen DN 1234 ist vergeben."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    text = "Vom Fachverfahren „OK.VERKEHR“ abgelehnt: Kennzeichen DN 1234 ist vergeben."
    assert case.attention == text
    event = CaseEvent.objects.filter(case=case).latest("id")
    assert (event.kind, event.note) == (EventKind.INTERFACE, text)


def test_a_second_acknowledgement_is_refused_and_changes_nothing(world: World) -> None:
    client, _token = make_client(world.dueren)
    case = submit(world).case
    services.submission_acknowledge(client=client, case=case, accepted=True)
    before = snapshot()
    with pytest.raises(services.AlreadyAcknowledged):
        services.submission_acknowledge(client=client, case=case, accepted=False, reason="x")
    assert snapshot() == before
    assert SubmissionAcknowledgement.objects.count() == 1


def test_each_client_acknowledges_once(world: World) -> None:
    first, _t = make_client(world.dueren, name="Eins")
    second, _t = make_client(world.dueren, name="Zwei")
    case = submit(world).case
    services.submission_acknowledge(client=first, case=case, accepted=True)
    services.submission_acknowledge(client=second, case=case, accepted=True)
    case.refresh_from_db()
    # The second finds the case in progress already and leaves the status alone.
    assert case.status == CaseStatus.IN_PROGRESS
    assert (
        CaseEvent.objects.filter(
            case=case, kind=EventKind.STATUS, status=CaseStatus.IN_PROGRESS
        ).count()
        == 1
    )
