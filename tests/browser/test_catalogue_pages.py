"""The public catalogue in a real browser: find a service, learn who is responsible.

Every visited page runs axe; the citizen journey also works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import DEMO_REGISTER
from tests.factories import MembershipFactory, OfficeFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.authorities.services import register_import
from verbund.catalogue import services
from verbund.catalogue.models import Level, Themenfeld

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


@pytest.fixture
def catalogue() -> None:
    register_import(path_or_stream=DEMO_REGISTER, source_name=DEMO_REGISTER.name)
    merzenich = Authority.objects.get(ars="053580040040")
    olpe = Authority.objects.get(ars="05966")
    for authority in (merzenich, olpe):
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    ServiceFactory(
        builder=olpe,
        leika_key="99036008070002",
        slug="fahrzeug-ausser-betrieb-setzen",
        title="Fahrzeug außer Betrieb setzen",
        summary="Sie melden Ihr Fahrzeug vorübergehend oder endgültig ab.",
        synonyms=["Auto abmelden", "Kfz abmelden"],
        themenfeld=Themenfeld.MOBILITAET,
        level=Level.KREIS,
        unterlagen="Zulassungsbescheinigung Teil I, Kennzeichenschilder",
    )
    gewerbe = ServiceFactory(
        builder=merzenich,
        leika_key="99050012104000",
        slug="gewerbeanmeldung",
        title="Gewerbe anmelden",
        summary="Wer ein Gewerbe beginnt, meldet es bei der Gemeinde an.",
        themenfeld=Themenfeld.UNTERNEHMEN,
        level=Level.GEMEINDE,
        online_url="https://gewerbe.example.org/anmelden",
    )
    office = OfficeFactory(
        authority=merzenich,
        name="Ordnungsamt",
        street="Valdersweg 1",
        postcode="52399",
        city="Merzenich",
        opening_hours="Mo–Fr 8:00–12:00",
    )
    services.adoption_create(
        actor=None,
        service=gewerbe,
        authority=merzenich,
        office=office,
        fees=[{"label": "Gewerbeanmeldung", "amount": "26.00"}],
        online=True,
        started_on=dt.date(2025, 3, 1),
    )


def test_citizen_finds_service_and_responsibility(
    page: Page, live_server: object, catalogue: None, axe: Axe
) -> None:
    base = str(live_server)
    page.goto(base + "/leistungen/")
    axe(page)
    page.get_by_label("Was möchten Sie erledigen?").fill("Auto abmelden")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("status")).to_have_text("1 Leistung gefunden.")
    axe(page)
    page.get_by_role("link", name="Fahrzeug außer Betrieb setzen").click()
    expect(page).to_have_title("Fahrzeug außer Betrieb setzen – Verbund")
    # Official names: the Kreis Olpe, not the town of Olpe.
    expect(page.get_by_text("Entwickelt von Kreis Olpe.")).to_be_visible()
    axe(page)

    page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl").fill("Merzenich")
    page.get_by_role("button", name="Zuständigkeit anzeigen").click()
    expect(page.get_by_text("Für Gemeinde Merzenich zuständig: Kreis Düren")).to_be_visible()
    expect(page.get_by_text("Kreis Düren ist nicht auf dieser Plattform.")).to_be_visible()
    axe(page)

    page.goto(base + "/leistungen/gewerbeanmeldung/?ort=52399")
    expect(page.get_by_text("Für Gemeinde Merzenich zuständig: Gemeinde Merzenich")).to_be_visible()
    expect(page.get_by_text("Valdersweg 1, 52399 Merzenich")).to_be_visible()
    expect(page.get_by_text("Gewerbeanmeldung: 26.00 €")).to_be_visible()
    expect(page.get_by_role("link", name="Online beantragen")).to_have_attribute(
        "href", "https://gewerbe.example.org/anmelden"
    )
    axe(page)

    # Several places match: the citizen picks one.
    page.goto(base + "/leistungen/gewerbeanmeldung/?ort=Kreuz")
    page.get_by_role("link", name="Stadt Kreuztal").click()
    expect(page.get_by_text("Für Stadt Kreuztal zuständig: Stadt Kreuztal")).to_be_visible()
    expect(page.get_by_text("Stadt Kreuztal ist nicht auf dieser Plattform.")).to_be_visible()
    axe(page)

    for path in ("/leistungen/?q=Xylophon", "/leistungen/gewerbeanmeldung/?ort=", "/leistungen/x/"):
        page.goto(base + path)
        axe(page)


def test_journey_works_without_javascript_and_in_english(
    browser: Browser, live_server: object, catalogue: None
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.goto(str(live_server) + "/leistungen/")
        page.get_by_label("Was möchten Sie erledigen?").fill("gewerbe")
        page.get_by_role("button", name="Suchen").click()
        page.get_by_role("link", name="Gewerbe anmelden").click()
        page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl").fill("Merzenich")
        page.get_by_role("button", name="Zuständigkeit anzeigen").click()
        expect(page.get_by_text("Valdersweg 1, 52399 Merzenich")).to_be_visible()
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("heading", name="Who is responsible for you?")).to_be_visible()
    finally:
        context.close()
