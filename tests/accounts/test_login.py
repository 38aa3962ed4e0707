"""Password login, the TOTP second factor, demo exemption, lockout, open redirects, logout."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import code_for
from tests.clients import logged_in
from tests.factories import PASSWORD, make_user
from verbund.accounts.models import User
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/"
HOME = "/verwaltung/"
VERIFY = "/konto/zweiter-faktor/"
SETUP = "/konto/zweiter-faktor/einrichten/"


def _password_login(client: Client, user: User, password: str = PASSWORD, **extra: str) -> Any:
    return client.post(LOGIN, {"username": user.username, "password": password, **extra})


def _logged_in_as(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_url_paths() -> None:
    assert reverse("accounts:login") == LOGIN
    assert reverse("accounts:logout") == "/konto/abmelden/"
    assert reverse("accounts:otp_verify") == VERIFY
    assert reverse("accounts:otp_setup") == SETUP
    assert reverse("staff:home") == HOME


def test_login_page_renders_in_german(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "Anmeldung für Mitarbeitende" in response.content.decode()


def test_password_login_without_device_goes_to_setup(client: Client) -> None:
    user = make_user()
    response = _password_login(client, user)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert _logged_in_as(client) == str(user.pk)
    # Half logged in: staff pages still ask for the second factor.
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    # ... and the verify page sends a user without a device on to the setup.
    assert client.get(VERIFY)["Location"] == SETUP


def test_password_login_with_device_goes_to_verify_and_keeps_next(client: Client) -> None:
    user = make_user()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = _password_login(client, user, next="/verwaltung/behoerden/7/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote('/verwaltung/behoerden/7/', safe='')}"


def test_totp_setup_confirms_the_device_and_logs_in(client: Client) -> None:
    user = make_user()
    _password_login(client, user)
    response = client.get(SETUP)
    assert response.status_code == 200
    body = response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert "<svg" in body
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] + " " + secret[4:8] in body
    # Reloading the page keeps the same pending secret.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == HOME
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.object_id) == (
        "accounts.totp_confirmed",
        user.pk,
        str(user.pk),
    )
    assert client.get(HOME).status_code == 200


def test_totp_setup_wrong_code_shows_german_error(client: Client) -> None:
    user = make_user()
    _password_login(client, user)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 200
    assert "Der Code ist nicht richtig oder abgelaufen" in response.content.decode()
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert AuditEntry.objects.count() == 0
    assert client.get(HOME).status_code == 302


def test_totp_setup_rejects_non_digits(client: Client) -> None:
    user = make_user()
    _password_login(client, user)
    response = client.post(SETUP, {"token": "12ab56"})
    assert "Bitte geben Sie genau sechs Ziffern ein." in response.content.decode()


def test_setup_is_refused_once_a_device_is_confirmed(client: Client) -> None:
    """A password alone must never enrol a new device."""
    user = make_user()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_login(client, user)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert client.post(SETUP, {"token": "123456"})["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_totp_verify_with_the_right_code(client: Client) -> None:
    user = make_user()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_login(client, user)
    response = client.post(VERIFY, {"token": code_for(device), "next": "/verwaltung/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/verwaltung/?x=1"
    assert client.get(HOME).status_code == 200


def test_totp_verify_wrong_code_then_throttled(client: Client) -> None:
    user = make_user()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_login(client, user)
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 200
    assert "Der Code ist nicht richtig oder abgelaufen" in response.content.decode()
    # django-otp throttles: right after a failure even the right code is not checked.
    response = client.post(VERIFY, {"token": code_for(device)})
    assert "Zu viele falsche Codes" in response.content.decode()
    assert client.get(HOME).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_verify_refuses_open_redirect(client: Client) -> None:
    user = make_user()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_login(client, user)
    response = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == HOME


def test_demo_user_skips_the_factor_on_a_demo_instance(client: Client, demo_on: None) -> None:
    user = make_user(demo=True)
    response = _password_login(client, user)
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_demo_user_needs_the_factor_when_demo_is_off(client: Client) -> None:
    user = make_user(demo=True)
    response = _password_login(client, user)
    assert response["Location"] == SETUP
    assert client.get(HOME).status_code == 302


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_login_refuses_open_redirect(client: Client, demo_on: None, target: str) -> None:
    user = make_user(demo=True)
    response = _password_login(client, user, next=target)
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_login_keeps_a_local_next(client: Client, demo_on: None) -> None:
    user = make_user(demo=True)
    response = _password_login(client, user, next="/verwaltung/behoerden/3/")
    assert response["Location"] == "/verwaltung/behoerden/3/"


def test_lockout_after_five_failures(client: Client) -> None:
    user = make_user()
    for _attempt in range(4):
        response = _password_login(client, user, password="falsch")
        assert response.status_code == 200
        assert "Benutzername" in response.content.decode()
    # The fifth failure locks (django-axes answers 429 Too Many Requests).
    assert _password_login(client, user, password="falsch").status_code == 429
    # Now even the right password is refused.
    response = _password_login(client, user)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Ihr Konto ist vorübergehend gesperrt." in body
    assert "Bitte versuchen Sie es in 15 Minuten erneut" in body
    assert _logged_in_as(client) is None
    assert client.get(HOME).status_code == 302


def test_lockout_is_per_user_name(client: Client) -> None:
    locked, other = make_user(), make_user()
    for _attempt in range(5):
        _password_login(client, locked, password="falsch")
    response = _password_login(client, other)
    assert response.status_code == 302
    assert _logged_in_as(client) == str(other.pk)


def test_success_resets_the_failure_count(client: Client) -> None:
    user = make_user()
    for _attempt in range(4):
        _password_login(client, user, password="falsch")
    assert _password_login(client, user).status_code == 302
    client.logout()
    for _attempt in range(4):
        assert _password_login(client, user, password="falsch").status_code == 200


def test_logout_is_post_only(demo_on: None, settings: Any) -> None:
    settings.LOGOUT_REDIRECT_URL = "/"  # portal:home in production
    user = make_user(demo=True)
    client = logged_in(user)
    assert client.get("/konto/abmelden/").status_code == 405
    assert _logged_in_as(client) == str(user.pk)
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in_as(client) is None


def test_anonymous_is_sent_to_login(client: Client) -> None:
    for url in (VERIFY, SETUP, HOME, "/konto/abmelden/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN), url
