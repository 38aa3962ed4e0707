"""The staff pages "Schnittstellen": an authority admin creates clients (the token is
shown once), revokes them, sets callback URLs; nobody else reaches them."""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

import pytest
from django.test import Client

from tests.applications.conftest import World
from tests.cases.conftest import clerk_of
from tests.clients import logged_in
from tests.integrations.partners import make_client, snapshot
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.integrations.models import ApiClient, DeliveryStatus, WebhookDelivery

pytestmark = pytest.mark.django_db

HOOK = "https://fachverfahren.kreis-dueren.de/callbacks/verbund"


def html(response: Any) -> str:
    return str(response.content.decode())


def clients_url(authority: Authority) -> str:
    return f"/verwaltung/behoerden/{authority.pk}/schnittstellen/"


def client_url(authority: Authority, client: ApiClient) -> str:
    return f"{clients_url(authority)}{client.pk}/"


@pytest.fixture
def admin(world: World, demo_on: None) -> User:
    return clerk_of(world.dueren, "admin.dueren", admin=True)


@pytest.fixture
def browser(admin: User) -> Client:
    return logged_in(admin)


def test_url_names() -> None:
    from django.urls import reverse

    assert reverse("staff:integrations_staff:clients", kwargs={"pk": 7}) == (
        "/verwaltung/behoerden/7/schnittstellen/"
    )
    assert reverse("staff:integrations_staff:client", kwargs={"pk": 7, "client_pk": 3}) == (
        "/verwaltung/behoerden/7/schnittstellen/3/"
    )
    assert reverse("staff:integrations_staff:client_revoke", kwargs={"pk": 7, "client_pk": 3}) == (
        "/verwaltung/behoerden/7/schnittstellen/3/widerrufen/"
    )
    delivery = uuid.UUID(int=1)
    assert reverse(
        "staff:integrations_staff:delivery_retry", kwargs={"pk": 7, "delivery_id": delivery}
    ) == (f"/verwaltung/behoerden/7/schnittstellen/zustellungen/{delivery}/erneut/")


def test_the_page_lists_clients_and_offers_the_form(world: World, browser: Client) -> None:
    make_client(world.dueren, name="OK.VERKEHR", callback_url="")
    response = browser.get(clients_url(world.dueren))
    assert response.status_code == 200
    page = html(response)
    assert "Schnittstellen zu Fachverfahren: Düren" in page
    assert "OK.VERKEHR" in page
    assert 'name="scopes" value="submissions:read"' in page
    assert 'name="callback_url"' in page
    assert "Zugangsschlüssel (Bearer-Token)" not in page


def test_creating_shows_the_token_exactly_once(world: World, browser: Client) -> None:
    response = browser.post(
        clients_url(world.dueren),
        {
            "name": "OK.VERKEHR",
            "scopes": ["submissions:read", "submissions:acknowledge"],
            "callback_url": HOOK,
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = html(response)
    token = re.search(r'<code class="verbund-secret" translate="no">(vbk_[^<]+)</code>', page)
    assert token is not None
    client = ApiClient.objects.get()
    assert client.token_hash == hashlib.sha256(token[1].encode()).hexdigest()
    assert (client.name, client.scopes, client.callback_url) == (
        "OK.VERKEHR",
        ["submissions:read", "submissions:acknowledge"],
        HOOK,
    )
    assert client.callback_secret in page
    again = html(browser.get(clients_url(world.dueren)))
    assert token[1] not in again
    assert client.callback_secret not in again
    assert f"{client.token_prefix}…" in again


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "scopes": ["submissions:read"]}, "name", "Dieses Feld ist zwingend"),
        ({"name": "FV"}, "scopes", "Dieses Feld ist zwingend"),
        (
            {"name": "FV", "scopes": ["submissions:read"], "callback_url": "http://10.0.0.1/x"},
            "callback_url",
            "Die Callback-URL muss mit https:// beginnen.",
        ),
    ],
)
def test_bad_input_is_shown_at_its_field(
    world: World, browser: Client, data: dict[str, Any], field: str, message: str
) -> None:
    before = snapshot()
    response = browser.post(clients_url(world.dueren), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert snapshot() == before


def test_revoking(world: World, browser: Client) -> None:
    client, _token = make_client(world.dueren, name="OK.VERKEHR")
    url = f"{client_url(world.dueren, client)}widerrufen/"
    assert browser.get(url).status_code == 405
    response = browser.post(url)
    assert response.status_code == 302
    assert response["Location"] == clients_url(world.dueren)
    client.refresh_from_db()
    assert client.revoked_at is not None
    page = html(browser.get(clients_url(world.dueren)))
    assert "widerrufen am" in page
    assert "„OK.VERKEHR“ widerrufen</span>" not in page


def test_setting_a_callback_shows_the_new_secret_once(world: World, browser: Client) -> None:
    client, _token = make_client(world.dueren)
    url = client_url(world.dueren, client)
    assert browser.get(url).status_code == 200
    response = browser.post(url, {"callback_url": HOOK})
    assert response.status_code == 200
    client.refresh_from_db()
    assert client.callback_url == HOOK
    assert client.callback_secret in html(response)
    assert "no-store" in response["Cache-Control"]
    assert client.callback_secret not in html(browser.get(url))
    # Saving the same URL keeps the secret and says so.
    response = browser.post(url, {"callback_url": HOOK})
    assert response.status_code == 302
    secret = client.callback_secret
    client.refresh_from_db()
    assert client.callback_secret == secret
    response = browser.post(url, {"callback_url": "https://intranet/hook"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["callback_url"]


def test_a_clerk_may_not_manage_clients(world: World, demo_on: None) -> None:
    client, _token = make_client(world.dueren)
    clerk = logged_in(clerk_of(world.dueren, "clerk.dueren"))
    before = snapshot()
    assert clerk.get(clients_url(world.dueren)).status_code == 403
    assert clerk.post(clients_url(world.dueren), {"name": "X"}).status_code == 403
    assert clerk.post(f"{client_url(world.dueren, client)}widerrufen/").status_code == 403
    assert snapshot() == before


def test_another_authoritys_admin_gets_not_found(
    world: World, rhein_erft: Authority, demo_on: None
) -> None:
    dueren_client, _t = make_client(world.dueren, callback_url=HOOK)
    own_client, _t = make_client(rhein_erft)
    delivery = WebhookDelivery.objects.create(
        client=dueren_client,
        authority=world.dueren,
        event="submission.new",
        payload={},
        status=DeliveryStatus.FAILED,
        created_at=dueren_client.created_at,
    )
    other = logged_in(clerk_of(rhein_erft, "admin.rhein-erft", admin=True))
    retry = f"schnittstellen/zustellungen/{delivery.pk}/erneut/"
    urls = [
        clients_url(world.dueren),
        client_url(world.dueren, dueren_client),
        f"{client_url(world.dueren, dueren_client)}widerrufen/",
        f"/verwaltung/behoerden/{world.dueren.pk}/{retry}",
        # Own authority, foreign object, and the reverse.
        client_url(rhein_erft, dueren_client),
        f"{client_url(rhein_erft, dueren_client)}widerrufen/",
        f"/verwaltung/behoerden/{rhein_erft.pk}/{retry}",
        client_url(world.dueren, own_client),
    ]
    before = snapshot()
    for url in urls:
        for method in ("get", "post"):
            response = getattr(other, method)(url, {"name": "X", "callback_url": ""})
            assert response.status_code in {404, 405}, (method, url)
            if not (method == "get" and url.endswith(("/widerrufen/", "/erneut/"))):
                assert response.status_code == 404, (method, url)
    assert snapshot() == before


def test_anonymous_is_sent_to_login(world: World) -> None:
    response = Client().get(clients_url(world.dueren))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
