"""The coordinator in a real browser: a budget item refused for its key, then
recorded; its live preview with the chart; closing it; the reuse report with the
development cost. axe runs on every page, error pages included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow, login
from tests.factories import AdoptionFactory, NetworkRoleFactory, OfficeFactory, make_user
from tests.networks.costs.test_costs import JAN_1, World
from tests.networks.costs.test_costs import world as world  # the fixture, re-exported
from verbund.networks.costs.models import AllocationRun, BudgetItem

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_message(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def test_coordinator_allocates_costs_and_reads_the_reuse_report(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    base = str(live_server)
    coordinator = make_user(username="koordination.kosten", demo=True)
    NetworkRoleFactory(user=coordinator, network=world.network)
    for authority in world.members[:3]:
        AdoptionFactory(
            service=world.service,
            authority=authority,
            office=OfficeFactory(authority=authority),
            started_on=JAN_1,
        )
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{world.network.pk}/")
    axe(page)

    page.get_by_role("link", name="Kostenverteilung").click()
    expect(_h1(page)).to_have_text("Kostenverteilung: DLZ Beispiel")
    expect(page.get_by_text("Noch keine Haushaltsposten angelegt.")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Posten anlegen"))
    axe(page)
    # Who shares the item: all members unless another rule is chosen (radio buttons).
    expect(page.get_by_role("radio", name="alle Mitglieder")).to_be_checked()
    page.get_by_label("Bezeichnung").fill("Laufende Kosten der DLZ 2026")
    page.get_by_label("Zu verteilender Betrag (netto, €)").fill("600000,00")
    page.get_by_label("Fallzahlen gezählt vom").fill("2026-01-01")
    page.get_by_label("bis einschließlich").fill("2026-12-31")
    page.get_by_label("Stichtag der Einwohnerzahl").fill("2025-12-31")
    page.get_by_label("Sockel: gleiche Teile (%)").fill("20")
    page.get_by_label("nach Einwohnerzahl (%)").fill("50")
    page.get_by_label("nach Fallzahl (%)").fill("20")
    page.get_by_label("zuzüglich 19 % Umsatzsteuer (§ 2b UStG)").check()
    page.get_by_role("button", name="Posten anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("sie ergeben 90 %.")
    expect(page).to_have_title(re.compile(r"^Fehler: Posten anlegen"))
    axe(page)
    assert BudgetItem.objects.count() == 0
    page.get_by_label("nach Fallzahl (%)").fill("30")
    page.get_by_role("button", name="Posten anlegen").click()
    expect(_status_message(page)).to_have_text(
        "Der Posten „Laufende Kosten der DLZ 2026“ ist angelegt."
    )
    expect(_h1(page)).to_have_text("Laufende Kosten der DLZ 2026")
    expect(page.get_by_text("Teilnehmende am 31.12.2026 (alle Mitglieder)")).to_be_visible()
    shares = page.get_by_role("table", name="Anteile je Mitglied")
    expect(shares.get_by_role("row", name=re.compile(r"^Gemeinde A"))).to_contain_text(
        "48.433,00 €"
    )
    expect(
        page.get_by_role("img", name=re.compile("Anteile je Mitglied nach Teilen"))
    ).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Posten abschließen").click()
    expect(_status_message(page)).to_have_text(
        "Der Posten ist abgeschlossen; die Anteile sind festgeschrieben."
    )
    expect(page.get_by_role("button", name="Posten abschließen")).to_have_count(0)
    axe(page)
    assert AllocationRun.objects.count() == 1

    page.get_by_role("link", name="Zurück zur Kostenverteilung").click()
    expect(page.get_by_role("cell", name="714.000,00 €")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Nachnutzung").click()
    expect(_h1(page)).to_have_text("Nachnutzung: DLZ Beispiel")
    axe(page)
    page.get_by_role("link", name="Entwicklungskosten angeben").click()
    page.get_by_label("Entwicklungskosten einer Online-Leistung (€)").fill("-5")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
    page.get_by_label("Entwicklungskosten einer Online-Leistung (€)").fill("30000")
    page.get_by_role("button", name="Speichern").click()
    expect(_status_message(page)).to_have_text("Die Entwicklungskosten sind gespeichert.")
    expect(page.get_by_role("row", name=re.compile(r"^Hundesteuer anmelden"))).to_contain_text(
        "60.000,00 €"
    )
    axe(page)
