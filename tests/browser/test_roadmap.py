"""The development roadmap in a real browser: Olpe's admin proposes an online service
(after a refused first try) and commits to adopt it, Soest's clerk takes the build,
starts and publishes it, and the roadmap shows the chart and "genutzt von". axe runs on
every page, error pages included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import login
from tests.factories import AdoptionFactory, AuthorityRoleFactory, make_user
from tests.networks.roadmap.test_roadmap import OLPE, SOEST, Swf
from tests.networks.roadmap.test_roadmap import swf as swf  # the fixture, re-exported
from verbund.networks.roadmap.models import RoadmapItem

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_message(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def test_members_take_an_online_service_from_proposal_to_publication(
    page: Page, live_server: object, axe: Axe, swf: Swf, demo_on: None
) -> None:
    base = str(live_server)
    olpe = make_user(username="admin.olpe", demo=True)
    AuthorityRoleFactory(user=olpe, authority=swf[OLPE], admin=True)
    soest = make_user(username="sb.soest", demo=True)
    AuthorityRoleFactory(user=soest, authority=swf[SOEST])
    page.set_default_navigation_timeout(15_000)

    login(page.context, base, olpe)
    page.goto(f"{base}/verwaltung/verbuende/{swf.network.pk}/")
    axe(page)
    page.get_by_role("link", name="Entwicklungsplanung").click()
    expect(_h1(page)).to_have_text("Entwicklungsplanung: Entwicklungspartnerschaft Südwestfalen")
    expect(page.get_by_text("Noch keine Vorhaben in der Entwicklungsplanung.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Online-Dienst vorschlagen").click()
    page.get_by_label("LeiKa-Schlüssel").fill("123")
    page.get_by_role("button", name="Vorschlagen").click()
    expect(page).to_have_title(re.compile(r"^Fehler: Online-Dienst vorschlagen"))
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    axe(page)
    page.get_by_label("Bezeichnung des Online-Dienstes").fill("Jagdschein online verlängern")
    page.get_by_label("LeiKa-Schlüssel").fill("123")
    page.get_by_role("button", name="Vorschlagen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99."
    )
    axe(page)
    page.get_by_label("LeiKa-Schlüssel").fill("")
    page.get_by_label("Geplant bis").fill("2026-09-30")
    page.get_by_role("button", name="Vorschlagen").click()
    expect(_status_message(page)).to_have_text(
        "Das Vorhaben „Jagdschein online verlängern“ ist vorgeschlagen."
    )
    expect(_h1(page)).to_have_text("Jagdschein online verlängern")
    axe(page)
    page.get_by_label("Mitglied, das nachnutzen wird").select_option(label="Olpe")
    page.get_by_role("button", name="Nachnutzung zusagen").click()
    expect(_status_message(page)).to_have_text("Olpe hat die Nachnutzung zugesagt.")
    expect(page.get_by_role("button", name="Zusage von Olpe zurückziehen")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    login(page.context, base, soest)
    item = RoadmapItem.objects.get()
    page.goto(f"{base}/verwaltung/verbuende/{swf.network.pk}/entwicklung/{item.pk}/")
    axe(page)
    page.get_by_role("button", name="Entwicklung übernehmen").click()
    expect(_status_message(page)).to_have_text(
        "Soest übernimmt die Entwicklung von „Jagdschein online verlängern“."
    )
    axe(page)
    page.get_by_role("button", name="Entwicklung beginnen").click()
    expect(_status_message(page)).to_have_text("Die Entwicklung hat begonnen.")
    axe(page)
    page.get_by_label("Veröffentlichte Leistung im Katalog").select_option(
        label="Jagdschein verlängern"
    )
    page.get_by_role("button", name="Als veröffentlicht verknüpfen").click()
    expect(_status_message(page)).to_have_text(
        "„Jagdschein online verlängern“ ist veröffentlicht: Jagdschein verlängern."
    )
    expect(page.get_by_role("link", name="Jagdschein verlängern")).to_be_visible()
    axe(page)

    for ars in (SOEST, OLPE):
        AdoptionFactory(service=swf.service, authority=swf[ars])
    page.get_by_role("link", name="Zurück zur Entwicklungsplanung").click()
    row = page.get_by_role("row", name=re.compile(r"^Jagdschein online verlängern"))
    expect(row).to_contain_text("veröffentlicht")
    expect(row).to_contain_text("genutzt von 2 Mitgliedern")
    expect(page.locator("figure.verbund-chart svg[role=img]")).to_be_visible()
    page.get_by_text("Daten als Tabelle").click()
    expect(page.get_by_role("row", name=re.compile(r"^veröffentlicht"))).to_contain_text("1")
    axe(page)
