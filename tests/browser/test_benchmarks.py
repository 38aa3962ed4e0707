"""A member's clerk in a real browser: enters the values of an open period (a bad
number first), then reads the comparison of a published period with its
distribution and the ranking. axe runs on every page, the error page included."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.benchmarks.conftest import World, fill
from tests.benchmarks.conftest import world as world  # the fixture, re-exported
from tests.browser.conftest import follow, login
from verbund.benchmarks import services
from verbund.benchmarks.models import Value

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def test_clerk_enters_values_and_reads_the_comparison(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    base = str(live_server)
    fill(world)
    services.period_publish(actor=world.coordinator, period=world.period)
    open_period = services.period_create(actor=world.coordinator, ring=world.ring, year=2026)
    clerk = world.clerks[0]
    clerk.two_factor_exempt = True
    clerk.save(update_fields=["two_factor_exempt"])
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, clerk)
    page.goto(f"{base}/verwaltung/vergleichsringe/{world.ring.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bürgerbüros")
    axe(page)

    follow(page.get_by_role("link", name="Werte Gemeinde A"))
    axe(page)
    page.get_by_label("Fälle").fill("viele")
    page.get_by_role("button", name="Werte speichern").click()
    expect(page.locator(".kern-alert, [role=alert]").first).to_be_visible()
    axe(page)
    assert Value.objects.filter(period=open_period).count() == 0
    page.get_by_label("Fälle").fill("150")
    page.get_by_label("Einwohner (EW)").fill("10000")
    page.get_by_role("button", name="Werte speichern").click()
    expect(page.get_by_text("2 Werte gespeichert.")).to_be_visible()
    assert Value.objects.filter(period=open_period).count() == 2

    page.goto(f"{base}/verwaltung/vergleichsringe/{world.ring.pk}/")
    follow(page.get_by_role("link", name="Vergleich Gemeinde A"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleich 2025: Gemeinde A")
    expect(page.get_by_role("cell", name="22,5")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Fälle je 1.000 Einwohner"))
    expect(page.get_by_text("Gemeinde A (eigene Behörde)")).to_be_visible()
    axe(page)


def test_clerk_upload_with_a_bad_row_is_refused(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    """The CSV upload names the bad row; nothing is stored."""
    base = str(live_server)
    clerk = world.clerks[0]
    clerk.two_factor_exempt = True
    clerk.save(update_fields=["two_factor_exempt"])
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, clerk)
    page.goto(f"{base}/verwaltung/vergleichsringe/{world.ring.pk}/")
    follow(page.get_by_role("link", name="CSV hochladen"))
    axe(page)
    page.get_by_label("CSV-Datei").set_input_files(
        {
            "name": "werte.csv",
            "mimeType": "text/csv",
            "buffer": b"ars;kuerzel;wert\n099000000000;faelle;viele\n",
        }
    )
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Zeile 2:").first).to_be_visible()
    axe(page)
    assert Value.objects.count() == 0


def test_coordinator_defines_publishes_and_reads_the_overview(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    """The coordinator: a base figure and a KPI with bad input first (error summary),
    then publishing, the overview, a member's comparison, the ranking and a trend."""
    base = str(live_server)
    fill(world)
    coordinator = world.coordinator
    coordinator.two_factor_exempt = True
    coordinator.save(update_fields=["two_factor_exempt"])
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{world.network.pk}/vergleichsringe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleichsringe: Verbund Test")
    axe(page)
    follow(page.get_by_role("link", name="Bürgerbüros"))
    axe(page)

    follow(page.get_by_role("link", name="Grundzahl anlegen"))
    axe(page)
    page.get_by_label("Kürzel").fill("Personal!")
    page.get_by_label("Bezeichnung").fill("Personal")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".kern-alert, [role=alert]").first).to_be_visible()
    axe(page)
    page.get_by_label("Kürzel").fill("personal")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bürgerbüros")
    expect(page.get_by_role("rowheader", name="personal")).to_be_visible()

    follow(page.get_by_role("link", name="Kennzahl anlegen"))
    page.get_by_label("Kürzel").fill("faelle_je_personal")
    page.get_by_label("Bezeichnung").fill("Fälle je Person")
    page.get_by_label("Formel").fill("faelle ** 2")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Erlaubt sind nur").first).to_be_visible()
    axe(page)
    page.get_by_label("Formel").fill("faelle / personal")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("rowheader", name="Fälle je Person")).to_be_visible()

    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="2025 veröffentlichen").click()
    expect(page.get_by_text("Der Berichtszeitraum 2025 ist veröffentlicht.")).to_be_visible()
    axe(page)

    follow(page.get_by_role("link", name="Übersicht aller Kennzahlen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht: Bürgerbüros")
    axe(page)
    ring, period = world.ring.pk, world.period.pk
    first = world.participants[0]
    page.goto(f"{base}/verwaltung/vergleichsringe/{ring}/zeitraeume/{period}/vergleich/{first.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleich 2025: Gemeinde A")
    axe(page)
    page.goto(
        f"{base}/verwaltung/vergleichsringe/{ring}/zeitraeume/{period}/rangfolge/{world.kpi.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rangfolge Fälle je 1.000 Einwohner 2025"
    )
    axe(page)
    page.goto(
        f"{base}/verwaltung/vergleichsringe/{ring}/kennzahlen/{world.kpi.pk}/verlauf/{first.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verlauf Fälle je 1.000 Einwohner: Gemeinde A"
    )
    axe(page)
