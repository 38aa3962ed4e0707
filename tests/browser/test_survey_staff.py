"""The coordinator builds and runs a survey in a real browser: creates it, adds a section
and a question after a refused first try, previews it, addresses recipients after a
refused address list, launches it; a member writes its strategy; the coordinator reads
the tracking, the results and the maturity overview. axe runs on every page, error
pages included."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow, login
from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_user,
)
from verbund.surveys.models import Recipient, Survey, SurveyStatus
from verbund.surveys.services import response_save, response_submit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_coordinator_builds_and_runs_a_survey(
    page: Page, live_server: object, axe: Axe, demo_on: None
) -> None:
    base = str(live_server)
    network = NetworkFactory(name="Kreisverbund Würzburg", slug="wuerzburg")
    kreis = AuthorityFactory(kreis=True, name="Würzburg, Landkreis")
    gemeinde = AuthorityFactory(name="Höchberg")
    for authority in (kreis, gemeinde):
        MembershipFactory(network=network, authority=authority, joined_on=dt.date(2020, 1, 1))
    coordinator = make_user(username="koordination.wuerzburg", demo=True)
    NetworkRoleFactory(user=coordinator, network=network)
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, coordinator)

    page.goto(f"{base}/verwaltung/verbuende/{network.pk}/umfragen/")
    expect(_h1(page)).to_have_text("Umfragen: Kreisverbund Würzburg")
    axe(page)
    follow(page.get_by_role("link", name="Umfrage anlegen"))
    axe(page)
    page.get_by_label("Titel").fill("Stand der Digitalisierung")
    page.get_by_role("button", name="Anlegen").click()
    expect(_h1(page)).to_have_text("Stand der Digitalisierung")
    axe(page)

    follow(page.get_by_role("link", name="Abschnitt anlegen"))
    page.get_by_label("Titel des Abschnitts").fill("E-Akte")
    page.get_by_role("button", name="Speichern").click()
    follow(page.get_by_role("link", name="Frage anlegen"))
    axe(page)
    page.get_by_label("Fragetext").fill("Wie weit ist die E-Akte?")
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Für diese Art der Frage bitte ausfüllen.")
    expect(page).to_have_title(re.compile(r"^Fehler: Frage anlegen"))
    axe(page)
    page.get_by_label("Antwortmöglichkeiten").fill("überall | 2\nteilweise | 1\nnein | 0")
    page.get_by_role("button", name="Frage speichern").click()
    expect(page.get_by_role("row", name=re.compile("1. Wie weit ist die E-Akte?"))).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Vorschau aller Fragen"))
    expect(page.get_by_text("(2 Punkte)")).to_be_visible()
    axe(page)
    page.go_back()

    follow(page.get_by_role("link", name="Empfänger und Rücklauf"))
    axe(page)
    page.get_by_label("Adressliste").fill(f"{kreis.ars};keine-adresse")
    page.get_by_role("button", name="Empfänger übernehmen").click()
    expect(page.get_by_role("alert")).to_contain_text("„keine-adresse“ ist keine gültige")
    axe(page)
    page.get_by_label("Adressliste").fill(
        f"{kreis.ars};digital@kreis.example\n{gemeinde.ars};post@hoechberg.example"
    )
    page.get_by_role("button", name="Empfänger übernehmen").click()
    expect(page.get_by_text("2 Empfänger hinzugefügt, 0 Adressen geändert.")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Zurück zur Umfrage"))
    page.get_by_role("button", name="Umfrage starten und Einladungen verschicken").click()
    expect(page.get_by_text("Die Umfrage läuft. 2 Einladungen werden verschickt.")).to_be_visible()
    axe(page)
    survey = Survey.objects.get(title="Stand der Digitalisierung")
    assert survey.status == SurveyStatus.OPEN

    recipient = Recipient.objects.get(survey=survey, authority=gemeinde)
    response_save(recipient=recipient, answers={"wie-weit-ist-die": "teilweise"})
    response_submit(recipient=recipient)
    follow(page.get_by_role("link", name="Empfänger und Rücklauf"))
    expect(page.get_by_role("heading", name="1 von 2 beantwortet")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Zurück zur Umfrage"))
    follow(page.get_by_role("link", name="Ergebnisse"))
    axe(page)
    page.go_back()
    follow(page.get_by_role("link", name="Reifegrad je Behörde"))
    expect(page.get_by_role("link", name="Höchberg")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Höchberg"))
    expect(_h1(page)).to_have_text("Reifegradprofil: Höchberg")
    axe(page)

    # A clerk of Höchberg writes its strategy; the network sees it.
    clerk = make_user(username="sb.hoechberg", demo=True)
    AuthorityRoleFactory(user=clerk, authority=gemeinde)
    page.context.clear_cookies()
    login(page.context, base, clerk)
    page.goto(f"{base}/verwaltung/verbuende/{network.pk}/strategien/")
    axe(page)
    follow(page.get_by_role("link", name="Strategie von Höchberg ansehen und bearbeiten"))
    axe(page)
    follow(page.get_by_role("link", name="Strategie anlegen"))
    page.get_by_role("button", name="Speichern").click()
    follow(page.get_by_role("link", name="Ziel hinzufügen"))
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    page.get_by_role("radio", name="E-Government").check()
    page.get_by_label("Ziel").fill("Alle Anträge online.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="E-Government")).to_be_visible()
    axe(page)
