"""The staff journeys of the demo in a real browser, axe on every page they visit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from verbund.authorities.models import Authority
from verbund.networks.models import Membership, Network

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]
PASSWORD = "Verbund-Demo-2026!"


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0)


def _login(page: Page, base: str, username: str, axe: Axe) -> None:
    page.goto(base + "/konto/anmelden/")
    axe(page)
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(base + "/verwaltung/")


@pytest.mark.usefixtures("demo")
def test_login_with_a_wrong_password_shows_an_accessible_error(
    page: Page, live_server: object, axe: Axe
) -> None:
    base = str(live_server)
    page.goto(base + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("sb.merzenich")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(base + "/konto/anmelden/")
    axe(page)


@pytest.mark.usefixtures("demo")
def test_authority_admin_walks_the_workspace(page: Page, live_server: object, axe: Axe) -> None:
    base = str(live_server)
    merzenich = Authority.objects.get(ars="053580040040")
    _login(page, base, "admin.merzenich", axe)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    for path in (
        f"/verwaltung/behoerden/{merzenich.pk}/",
        f"/verwaltung/behoerden/{merzenich.pk}/mitarbeitende/",
        f"/verwaltung/behoerden/{merzenich.pk}/protokoll/",
        f"/verwaltung/behoerden/{merzenich.pk}/seiten/impressum/",
        f"/verwaltung/behoerden/{merzenich.pk}/seiten/datenschutz/",
        f"/verwaltung/behoerden/{merzenich.pk}/seiten/barrierefreiheit/",
        "/konto/zweiter-faktor/einrichten/",
    ):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        axe(page)
    # Another authority's workspace does not exist for this user.
    kerpen = Authority.objects.get(ars="053620032032")
    response = page.goto(f"{base}/verwaltung/behoerden/{kerpen.pk}/")
    assert response is not None
    assert response.status == 404
    axe(page)


@pytest.mark.usefixtures("demo")
def test_coordinator_walks_the_network_pages(page: Page, live_server: object, axe: Axe) -> None:
    base = str(live_server)
    dlz = Network.objects.get(slug="dlz")
    _login(page, base, "koordination.dlz", axe)
    page.get_by_role("link", name=dlz.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(dlz.name)
    expect(page.get_by_role("table").first).to_contain_text("Merzenich")
    axe(page)
    for suffix in ("bearbeiten/", "mitglieder/neu/", "protokoll/"):
        response = page.goto(f"{base}/verwaltung/verbuende/{dlz.pk}/{suffix}")
        assert response is not None
        assert response.status == 200, suffix
        axe(page)

    # Submitting the empty membership form shows the error summary, still accessible.
    before = Membership.objects.count()
    page.goto(f"{base}/verwaltung/verbuende/{dlz.pk}/mitglieder/neu/")
    page.get_by_role("button", name="Aufnehmen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    assert Membership.objects.count() == before

    # A member's own page: reached from the member table, ended there, not on the overview.
    page.goto(f"{base}/verwaltung/verbuende/{dlz.pk}/")
    expect(page.get_by_role("button", name="Mitgliedschaft beenden")).to_have_count(0)
    page.get_by_role("link", name="Inden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitgliedschaft: Gemeinde Inden")
    axe(page)
    inden = Membership.objects.get(network=dlz, authority__ars="053580020020")
    page.get_by_label("Austritt zum").fill("31.12.2019")
    page.get_by_role("button", name="Mitgliedschaft beenden").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Austrittsdatum liegt vor dem Beitritt.")
    axe(page)
    inden.refresh_from_db()
    assert inden.left_on is None
    page.get_by_label("Austritt zum").fill("31.12.2026")
    page.get_by_role("button", name="Mitgliedschaft beenden").click()
    expect(page.locator(".verbund-messages")).to_contain_text(
        "Die Mitgliedschaft von Gemeinde Inden endet zum 31. Dezember 2026."
    )
    expect(page.get_by_text("Mitglied aufgenommen (System (automatisch))")).to_be_visible()
    axe(page)
    inden.refresh_from_db()
    assert inden.left_on is not None
