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


# --- callback URLs: every spelling of an address is the address ----------------------------

THIS_MACHINE = (
    "Die Callback-URL muss auf ein von außen erreichbares System zeigen, nicht auf diesen Rechner."
)
HTTPS_ONLY = "Die Callback-URL muss mit https:// beginnen."
NO_USERINFO = "Die Callback-URL darf keinen Benutzernamen und kein Passwort enthalten."
INVALID = "Die Callback-URL ist keine gültige Adresse."


def internal(address: str) -> str:
    return (
        f"Die Callback-URL zeigt auf eine interne Adresse ({address}); erlaubt sind nur "
        "öffentlich erreichbare Systeme."
    )


def internal_name(name: str) -> str:
    return (
        f"Die Callback-URL zeigt auf einen internen Rechnernamen ({name}); erlaubt sind nur "
        "öffentlich erreichbare Systeme."
    )


# (URL, VERBUND_WEBHOOK_ALLOW_LOCAL, the refusal or None for accepted)
CALLBACK_URLS: list[tuple[str, bool, str | None]] = [
    # Loopback however it is written: the resolver reads all of these as 127.0.0.1.
    ("https://127.1/hook", False, THIS_MACHINE),
    ("https://0177.0.0.1/hook", False, THIS_MACHINE),
    ("https://2130706433/hook", False, THIS_MACHINE),
    ("https://0x7f.1/hook", False, THIS_MACHINE),
    ("https://0x7F000001/hook", False, THIS_MACHINE),
    ("https://127.0.0.1./hook", False, THIS_MACHINE),
    ("https://127.254.0.9/hook", False, THIS_MACHINE),
    ("https://[::ffff:127.0.0.1]/hook", False, THIS_MACHINE),
    ("https://[::FFFF:7f00:1]/hook", False, THIS_MACHINE),
    ("https://[0:0:0:0:0:0:0:1]/hook", False, THIS_MACHINE),
    ("https://LocalHost./hook", False, THIS_MACHINE),
    ("https://ｌｏｃａｌｈｏｓｔ/hook", False, THIS_MACHINE),
    ("https://１２７.０.０.１/hook", False, THIS_MACHINE),
    ("https://127。0。0。1/hook", False, THIS_MACHINE),
    ("http://127.1:8000/hook", False, THIS_MACHINE),
    # Other internal addresses, named by the address the resolver makes of them.
    ("https://012.1/hook", False, internal("10.0.0.1")),
    ("https://0xa9.0xfe.0xa9.0xfe/latest/meta-data", False, internal("169.254.169.254")),
    ("https://3232235521/hook", False, internal("192.168.0.1")),
    ("https://0/hook", False, internal("0.0.0.0")),  # noqa: S104  (a URL, not a bind)
    ("https://[::]/hook", False, internal("::")),
    ("https://[::ffff:a9fe:a9fe]/hook", False, internal("169.254.169.254")),
    ("https://[64:ff9b::a00:1]/hook", False, internal("64:ff9b::a00:1")),
    ("https://[2002:a00:1::1]/hook", False, internal("2002:a00:1::1")),
    ("https://[fec0::1]/hook", False, internal("fec0::1")),
    ("https://[::10.0.0.1]/hook", False, internal("::a00:1")),
    ("https://224.0.0.1/hook", False, internal("224.0.0.1")),
    ("https://012.1/hook", True, internal("10.0.0.1")),
    # Names that only mean something inside a network, however they are written.
    ("https://Fachverfahren./hook", False, internal_name("fachverfahren")),
    ("https://FV.Kreis.INTERNAL./hook", False, internal_name("fv.kreis.internal")),
    ("https://api.localhost/hook", False, internal_name("api.localhost")),
    # Tricks with user information: refused whatever the host is.
    ("https://public.example@127.0.0.1/hook", False, NO_USERINFO),
    ("https://public.example:x@127.0.0.1/hook", False, NO_USERINFO),
    ("https://fachverfahren.example.org\\@127.0.0.1/hook", False, NO_USERINFO),
    # What neither a resolver nor a certificate knows.
    ("https://exa%6dple.org/hook", False, INVALID),
    ("https://[fe80::1%25eth0]/hook", False, INVALID),
    ("https://localhost../hook", False, INVALID),
    ("https://fach_verfahren.example.org/hook", False, INVALID),
    ("https://-fachverfahren.example.org/hook", False, INVALID),
    ("https://1.2.3.256/hook", False, INVALID),
    ("https://08.1/hook", False, INVALID),
    ("https://" + "a" * 64 + ".example.org/hook", False, INVALID),
    ("http://fachverfahren.example.org/hook", True, HTTPS_ONLY),
    ("http://93.184.215.14/hook", True, HTTPS_ONLY),
    # Accepted: public names and addresses over https, this machine only where allowed.
    ("https://Fachverfahren.Kreis-Dueren.DE./callbacks/verbund", False, None),
    ("https://bücher.example/hook", False, None),
    ("https://93.184.215.14:8443/hook", False, None),
    ("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook", False, None),
    ("https://[::ffff:5db8:d70e]/hook", False, None),
    ("http://127.1:8000/hook", True, None),
    ("http://0x7f.1:8000/hook", True, None),
    ("http://[::ffff:127.0.0.1]:8000/hook", True, None),
    ("http://LOCALHOST.:8000/hook", True, None),
    ("https://127.0.0.1/hook", True, None),
]


@pytest.mark.parametrize(("url", "local", "refusal"), CALLBACK_URLS)
def test_callback_urls_are_checked_as_the_resolver_reads_them(
    settings: Any, url: str, local: bool, refusal: str | None
) -> None:
    from verbund.integrations.webhooks import transport as webhooks

    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = local
    assert webhooks.callback_url_refusal(url) == refusal


@pytest.mark.parametrize(
    "url",
    [url for url, local, refusal in CALLBACK_URLS if refusal is not None and not local],
)
def test_refused_callback_urls_cannot_be_registered_nor_delivered_to(
    world: World, settings: Any, url: str
) -> None:
    from django.core.exceptions import ValidationError

    from verbund.integrations.webhooks import transport as webhooks

    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = False
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        make_client(world.dueren, callback_url=url)
    assert caught.value.message_dict == {"callback_url": [webhooks.callback_url_refusal(url)]}
    assert snapshot() == before
    # Delivery refuses them too, before any connection is made.
    outcome = webhooks.send(url=url, secret="s", payload={}, now=timezone.now())
    assert (outcome.status_code, outcome.error) == (None, webhooks.callback_url_refusal(url))


# --- delivery goes to the address that was checked -----------------------------------------

NAME = "fachverfahren.example.org"


class Resolver:
    """A name server under the test's control: answers for ``NAME`` with the given
    address lists in turn (the last one repeats), passes every other host on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: list[str]) -> None:
        self.answers = answers
        self.asked = 0
        self._real = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", self)

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != NAME:
            return self._real(host, port, *args, **kwargs)
        answer = self.answers[min(self.asked, len(self.answers) - 1)]
        self.asked += 1
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (address, port),
            )
            for address in answer
        ]


@pytest.fixture
def ca(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A certificate authority that the webhook client trusts (instead of certifi's)."""
    import ssl

    import trustme

    from verbund.integrations.webhooks import transport as webhooks

    authority = trustme.CA()

    def trusting() -> ssl.SSLContext:
        # Only the test's authority: with cadata given, no system certificates are loaded.
        return ssl.create_default_context(cadata=authority.cert_pem.bytes().decode())

    monkeypatch.setattr(webhooks, "tls_context", trusting)
    return authority


@pytest.fixture
def https_receivers(ca: Any) -> Any:
    """Start HTTPS receivers: ``start(address, port=0, name=NAME)`` with a certificate
    for ``name`` from ``ca``; all are stopped after the test."""
    import ssl

    servers: list[HTTPServer] = []

    def start(address: str, port: int = 0, name: str = NAME) -> HTTPServer:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(name).configure_cert(context)
        server = HTTPServer(host=address, port=port, ssl_context=context)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.clear()
        if server.is_running():
            server.stop()


def test_a_rebinding_name_cannot_move_the_connection(
    world: World, monkeypatch: pytest.MonkeyPatch, https_receivers: Any
) -> None:
    # Loopback addresses pass the check here because VERBUND_WEBHOOK_ALLOW_LOCAL is on
    # (tests/integrations/conftest.py); the name first answers 127.0.0.1, then
    # 127.0.0.2, as a rebinding name server would between check and connect.
    checked = https_receivers("127.0.0.1")
    rebound = https_receivers("127.0.0.2", checked.port)
    checked.expect_oneshot_request("/hook", method="POST").respond_with_data("", status=204)
    rebound.expect_request("/hook").respond_with_data("", status=204)
    resolver = Resolver(monkeypatch, ["127.0.0.1"], ["127.0.0.2"])
    client, delivery = announce(world, f"https://{NAME}:{checked.port}/hook?kreis=05358")

    assert deliver() == [DeliveryStatus.DELIVERED]
    assert resolver.asked == 1
    assert rebound.log == []
    checked.check_assertions()
    ((request, _response),) = checked.log
    # The callback's own name in the Host header; TLS verified the certificate for it.
    assert request.headers["host"] == f"{NAME}:{checked.port}"
    assert request.query_string == b"kreis=05358"
    body = request.get_data()
    assert json.loads(body) == delivery.payload
    assert request.headers["callback-authentication"] == expected_signature(
        client.callback_secret, request.headers["callback-timestamp"], body
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code, delivery.last_error) == (
        DeliveryStatus.DELIVERED,
        204,
        "",
    )


def test_every_resolved_address_is_checked_and_nothing_is_sent_if_one_is_internal(
    world: World, monkeypatch: pytest.MonkeyPatch, https_receivers: Any
) -> None:
    receiver = https_receivers("127.0.0.1")
    resolver = Resolver(monkeypatch, ["127.0.0.1", "10.0.0.5"])
    _client, delivery = announce(world, f"https://{NAME}:{receiver.port}/hook")
    assert deliver() == [DeliveryStatus.PENDING]
    assert resolver.asked == 1
    assert receiver.log == []
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.last_error == (
        f"{NAME} löst auf eine interne Adresse auf (10.0.0.5); es wurde nichts gesendet."
    )


def test_a_name_that_resolves_to_this_machine_is_refused_unless_allowed(
    world: World, monkeypatch: pytest.MonkeyPatch, https_receivers: Any, settings: Any
) -> None:
    receiver = https_receivers("127.0.0.1")
    Resolver(monkeypatch, ["127.0.0.1"])
    _client, delivery = announce(world, f"https://{NAME}:{receiver.port}/hook")
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = False
    assert deliver() == [DeliveryStatus.PENDING]
    assert receiver.log == []
    delivery.refresh_from_db()
    assert delivery.last_error == (
        f"{NAME} löst auf eine interne Adresse auf (127.0.0.1); es wurde nichts gesendet."
    )


def test_the_next_checked_address_is_tried_when_one_cannot_be_reached(
    world: World, monkeypatch: pytest.MonkeyPatch, https_receivers: Any
) -> None:
    receiver = https_receivers("127.0.0.1")
    receiver.expect_oneshot_request("/hook").respond_with_data("", status=200)
    # Nothing listens on 127.0.0.3 at that port: the connection is refused, nothing sent.
    resolver = Resolver(monkeypatch, ["127.0.0.3", "127.0.0.1"])
    _client, delivery = announce(world, f"https://{NAME}:{receiver.port}/hook")
    assert deliver() == [DeliveryStatus.DELIVERED]
    assert resolver.asked == 1
    receiver.check_assertions()
    assert len(receiver.log) == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (1, 200, "")


def test_the_certificate_is_verified_for_the_callbacks_name(
    world: World, monkeypatch: pytest.MonkeyPatch, https_receivers: Any
) -> None:
    # The receiver at the checked address shows a certificate for another name.
    receiver = https_receivers("127.0.0.1", name="anderes.example.org")
    receiver.expect_request("/hook").respond_with_data("", status=200)
    Resolver(monkeypatch, ["127.0.0.1"])
    _client, delivery = announce(world, f"https://{NAME}:{receiver.port}/hook")
    assert deliver() == [DeliveryStatus.PENDING]
    assert receiver.log == []
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.last_error.startswith("Verbindung fehlgeschlagen: ")
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.last_error


def test_a_numeric_spelling_of_this_machine_is_delivered_to_that_address(
    world: World, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("", status=202)
    url = f"http://0x7f.1:{httpserver.port}/hook"
    _client, delivery = announce(world, url)
    assert deliver() == [DeliveryStatus.DELIVERED]
    httpserver.check_assertions()
    ((request, _response),) = httpserver.log
    assert request.headers["host"] == f"127.0.0.1:{httpserver.port}"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 202)
