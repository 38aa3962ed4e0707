"""Webhooks against a real local HTTP server (pytest-httpserver): the FIT-Connect
signature, retries with back-off after errors, timeouts and a receiver that is
down, the final failure, and "retry now" on the staff page."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
import time
from typing import Any

import pytest
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.applications.conftest import World
from tests.cases.conftest import clerk_of, submit
from tests.clients import logged_in
from tests.integrations.partners import make_client, ready_tasks, run_tasks, snapshot
from verbund.core.models import AuditEntry
from verbund.integrations.models import ApiClient, DeliveryStatus, WebhookDelivery

pytestmark = pytest.mark.django_db


def announce(world: World, url: str) -> tuple[ApiClient, WebhookDelivery]:
    client, _token = make_client(world.dueren, callback_url=url)
    submit(world)
    return client, WebhookDelivery.objects.get()


def expected_signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha512).hexdigest()


def later(**delta: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(**delta)


def deliver(at: dt.datetime | None = None) -> list[Any]:
    """Run the webhook tasks due at ``at`` (the confirmation e-mails are not the point)."""
    return run_tasks(at=at, task_name="deliver_webhook")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_signature_is_hmac_sha512_hex_of_timestamp_dot_body(
    world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("", status=202)
    client, delivery = announce(world, httpserver.url_for("/hook"))
    before = int(time.time())
    assert deliver() == [DeliveryStatus.DELIVERED]
    httpserver.check_assertions()
    ((request, _response),) = httpserver.log
    body = request.get_data()
    timestamp = request.headers["callback-timestamp"]
    assert before <= int(timestamp) <= int(time.time())
    assert request.headers["callback-authentication"] == expected_signature(
        client.callback_secret, timestamp, body
    )
    assert len(request.headers["callback-authentication"]) == 128
    assert request.headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(body) == delivery.payload
    # A receiver that checks with another secret (or a changed body) refuses it.
    assert not hmac.compare_digest(
        request.headers["callback-authentication"],
        expected_signature("wrong", timestamp, body),
    )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (1, 202, "")
    assert delivery.delivered_at is not None
    assert delivery.next_attempt_at is None
    assert AuditEntry.objects.filter(action="integrations.webhook_delivered").count() == 1


def test_a_500_is_retried_after_the_back_off_and_then_delivered(
    world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_ordered_request("/hook").respond_with_data("kaputt", status=500)
    httpserver.expect_ordered_request("/hook").respond_with_data("ok", status=200)
    _client, delivery = announce(world, httpserver.url_for("/hook"))

    assert deliver() == [DeliveryStatus.PENDING]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.last_error == "Der Empfänger antwortete mit HTTP 500."
    assert delivery.next_attempt_at is not None
    wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=55) < wait <= dt.timedelta(minutes=1)
    (retry,) = ready_tasks("deliver_webhook")
    assert retry.run_after == delivery.next_attempt_at

    # Not due yet: nothing is sent.
    assert deliver() == []
    assert len(httpserver.log) == 1

    assert deliver(at=later(minutes=1, seconds=1)) == [DeliveryStatus.DELIVERED]
    httpserver.check_assertions()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 2
    assert (delivery.last_status_code, delivery.last_error) == (200, "")
    assert ready_tasks("deliver_webhook") == []
    # Both attempts carried the same message, each signed with its own timestamp.
    bodies = [request.get_data() for request, _response in httpserver.log]
    assert bodies[0] == bodies[1]


def test_a_receiver_that_times_out_is_recorded_and_asked_again_later(
    world: World, httpserver: HTTPServer
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("zu spät", status=200)

    httpserver.expect_oneshot_request("/slow").respond_with_handler(slow)
    _client, delivery = announce(world, httpserver.url_for("/slow"))
    assert deliver() == [DeliveryStatus.PENDING]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert delivery.last_error == "Keine Antwort innerhalb von 0.5 Sekunden."
    assert len(ready_tasks("deliver_webhook")) == 1
    # Let the receiver finish, so that its late answer is not logged in the next test.
    deadline = time.monotonic() + 3
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_receiver_that_is_down_fails_after_the_last_attempt_and_stays(
    world: World, settings: Any
) -> None:
    settings.VERBUND_WEBHOOK_MAX_ATTEMPTS = 3
    _client, delivery = announce(world, f"http://127.0.0.1:{free_port()}/hook")
    assert deliver() == [DeliveryStatus.PENDING]
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("Verbindung fehlgeschlagen: ")
    first_wait = delivery.next_attempt_at
    assert deliver(at=later(minutes=1, seconds=1)) == [DeliveryStatus.PENDING]
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at is not None
    assert first_wait is not None
    # The second wait is five minutes.
    assert dt.timedelta(minutes=4) < delivery.next_attempt_at - first_wait
    assert deliver(at=later(minutes=7)) == [DeliveryStatus.FAILED]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert delivery.last_error.startswith("Verbindung fehlgeschlagen: ")
    assert ready_tasks("deliver_webhook") == []
    failed = AuditEntry.objects.get(action="integrations.webhook_failed")
    assert failed.changes["attempts"] == 3


def test_the_back_off_grows_from_a_minute_to_six_hours() -> None:
    from verbund.integrations.webhooks.transport import backoff

    assert [backoff(n) for n in range(1, 8)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=15),
        dt.timedelta(hours=1),
        dt.timedelta(hours=6),
        dt.timedelta(hours=6),
        dt.timedelta(hours=6),
    ]


def test_a_revoked_client_is_not_sent_anything(world: World, httpserver: HTTPServer) -> None:
    from verbund.integrations.services import api_client_revoke

    client, delivery = announce(world, httpserver.url_for("/hook"))
    api_client_revoke(actor=None, client=client)
    assert deliver() == [DeliveryStatus.FAILED]
    assert httpserver.log == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        DeliveryStatus.FAILED,
        0,
        "Der Zugang wurde widerrufen.",
    )


def test_a_task_that_is_not_due_changes_nothing(world: World, httpserver: HTTPServer) -> None:
    from verbund.integrations.tasks import deliver_webhook

    httpserver.expect_oneshot_request("/hook").respond_with_data("", status=200)
    _client, delivery = announce(world, httpserver.url_for("/hook"))
    deliver()
    before = snapshot()
    # A second task for the delivered message (say, an old one) does nothing.
    assert deliver_webhook.call(str(delivery.pk)) == "skipped"
    assert snapshot() == before
    assert len(httpserver.log) == 1


# --- on the staff page ------------------------------------------------------------------


def test_failed_deliveries_are_shown_and_can_be_retried(
    world: World, httpserver: HTTPServer, settings: Any, demo_on: None
) -> None:
    settings.VERBUND_WEBHOOK_MAX_ATTEMPTS = 1
    httpserver.expect_ordered_request("/hook").respond_with_data("", status=503)
    httpserver.expect_ordered_request("/hook").respond_with_data("", status=204)
    _client, delivery = announce(world, httpserver.url_for("/hook"))
    assert deliver() == [DeliveryStatus.FAILED]

    admin = clerk_of(world.dueren, "admin.dueren", admin=True)
    browser = logged_in(admin)
    page_url = f"/verwaltung/behoerden/{world.dueren.pk}/schnittstellen/"
    page = browser.get(page_url).content.decode()
    assert "fehlgeschlagen" in page
    assert "HTTP 503" in page
    assert "Der Empfänger antwortete mit HTTP 503." in page
    retry_url = (
        f"/verwaltung/behoerden/{world.dueren.pk}/schnittstellen/zustellungen/{delivery.pk}/erneut/"
    )
    assert f'action="{retry_url}"' in page

    response = browser.post(retry_url)
    assert response.status_code == 302
    assert response["Location"] == page_url
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert AuditEntry.objects.get(action="integrations.webhook_retried").actor == admin
    assert deliver() == [DeliveryStatus.DELIVERED]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        2,
        204,
    )
    page = browser.get(page_url).content.decode()
    assert retry_url not in page
