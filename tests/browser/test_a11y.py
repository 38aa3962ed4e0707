"""Accessibility in a real browser: axe-core on every kind of page, keyboard use, no JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import login
from tests.factories import AuthorityFactory, AuthorityRoleFactory, LegalPageFactory, UserFactory
from verbund.accounts.models import User
from verbund.authorities.models import Authority, AuthorityKind
from verbund.portal.models import ConformityStatus, LegalPageKind

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


@dataclass
class Place:
    authority: Authority
    admin: User


@pytest.fixture
def place() -> Place:
    kreis = AuthorityFactory(
        ars="05358", ags="05358", kind=AuthorityKind.KREIS, textkennzeichen="44", name="Düren"
    )
    authority = AuthorityFactory(ars="053580040040", name="Merzenich", parent=kreis)
    LegalPageFactory(authority=authority, kind=LegalPageKind.IMPRINT)
    LegalPageFactory(
        authority=authority,
        kind=LegalPageKind.ACCESSIBILITY,
        body="Einige ältere PDF-Dokumente sind nicht barrierefrei.",
        contact_email="barrierefrei@merzenich.example",
        conformity=ConformityStatus.PARTIAL,
        reviewed_on=dt.date(2026, 3, 1),
    )
    admin: User = UserFactory(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=admin, authority=authority, admin=True)
    return Place(authority, admin)


def test_public_pages_have_no_violations(
    page: Page, live_server: object, place: Place, axe: Axe
) -> None:
    base = str(live_server)
    ars = place.authority.ars
    for path in (
        "/",
        "/?q=Merzenich",
        "/?q=Xyzzyhausen",
        "/?q=",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        f"/orte/{ars}/",
        f"/orte/{ars}/impressum/",
        f"/orte/{ars}/barrierefreiheit/",
        "/gibt-es-nicht/",
    ):
        page.goto(base + path)
        axe(page)


def test_english_start_page_has_no_violations(
    page: Page, live_server: object, place: Place, axe: Axe
) -> None:
    page.goto(str(live_server) + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Place or postcode")).to_be_visible()
    axe(page)


def test_staff_editor_has_no_violations_also_with_errors(
    page: Page, live_server: object, place: Place, axe: Axe
) -> None:
    login(page.context, str(live_server), place.admin)
    page.goto(f"{live_server}/verwaltung/behoerden/{place.authority.pk}/seiten/barrierefreiheit/")
    expect(page.get_by_text("Angemeldet: Anna Admin")).to_be_visible()
    axe(page)

    page.get_by_label("Nicht barrierefreie Inhalte").fill("")
    page.get_by_label("E-Mail-Adresse für Rückmeldungen").fill("keine-adresse")
    page.get_by_role("button", name="Speichern").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    # The summary takes the focus on load, and its links lead to the fields.
    expect(summary).to_be_focused()
    axe(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_body")).to_be_in_viewport()


def test_keyboard_only_search(page: Page, live_server: object, place: Place) -> None:
    page.goto(str(live_server) + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert skip_link.evaluate("el => getComputedStyle(el).outlineWidth") == "4px"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    search = page.get_by_label("Ort oder Postleitzahl")
    expect(search).to_be_focused()
    assert search.evaluate("el => getComputedStyle(el).outlineStyle") != "none"

    page.keyboard.type("Merzenich")
    page.keyboard.press("Enter")
    row = page.get_by_role("row", name="Merzenich")
    expect(row).to_contain_text("Düren")
    expect(page).to_have_title("Suchergebnisse für „Merzenich“ – Verbund")


def test_search_and_language_switch_without_javascript(
    browser: Browser, live_server: object, place: Place
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.goto(str(live_server) + "/")
        page.get_by_label("Ort oder Postleitzahl").fill("Merzenich")
        page.get_by_role("button", name="Suchen").click()
        expect(page.get_by_role("row", name="Merzenich")).to_contain_text("Düren")
        page.get_by_role("link", name="Merzenich").click()
        page.get_by_role("link", name="Über Gemeinde Merzenich").click()
        page.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
        expect(page.get_by_role("heading", name="Durchsetzungsverfahren")).to_be_visible()

        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", name="Enforcement procedure")).to_be_visible()
    finally:
        context.close()
