"""A member's finance clerk in a real browser: records a revenue stream (refused first
without a legal basis, naming the field), enters the forecast, runs the guided
assessment and reads the result and the rule that decided it. Every form is a plain
POST (no script of its own). axe runs on every page, the error pages included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import login
from tests.vat.conftest import World
from tests.vat.conftest import world as world  # the fixture, re-exported
from verbund.vat.models import Assessment, RevenueStream

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_clerk_records_and_assesses_a_stream(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, world.merzenich_clerk)
    page.goto(f"{base}/verwaltung/behoerden/{world.merzenich.pk}/umsatzsteuer/?jahr=2027")
    expect(_h1(page)).to_have_text("Tätigkeitsanalyse (§ 2b UStG): Merzenich")
    axe(page)

    page.get_by_role("link", name="Einnahmeart anlegen").click()
    expect(_h1(page)).to_have_text("Einnahmeart anlegen")
    axe(page)
    page.get_by_label("Bezeichnung").fill("Verwaltungsgebühren")
    page.get_by_label("öffentlich-rechtlich").check()
    page.get_by_label("Private", exact=True).check()
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    expect(page.get_by_text("Bitte geben Sie die Rechtsgrundlage an").first).to_be_visible()
    axe(page)
    assert RevenueStream.objects.count() == 0

    page.get_by_label("Rechtsgrundlage").fill("Verwaltungsgebührensatzung 2024")
    page.get_by_role("button", name="Speichern").click()
    expect(_h1(page)).to_have_text("Verwaltungsgebühren")
    axe(page)

    page.get_by_role("link", name="Beträge eintragen").click()
    axe(page)
    page.get_by_label("Jahr").fill("2027")
    page.get_by_label("Prognose in € (netto)").fill("85.000,00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("table", name="Prognose und Ist je Jahr, netto")).to_contain_text(
        "85000,00"
    )

    page.get_by_role("link", name="Bewerten").click()
    expect(_h1(page)).to_have_text("Tätigkeit bewerten: Verwaltungsgebühren")
    axe(page)
    page.get_by_label("Steuerjahr").fill("2027")
    for name, answer in (
        ("exchange", "yes"),
        ("sustained", "yes"),
        ("abs4_catalogue", "no"),
        ("reserved_task", "yes"),
    ):
        page.locator(f"input[name='{name}'][value='{answer}']").check()
    page.get_by_role("button", name="Bewerten und speichern").click()
    expect(_h1(page)).to_have_text("Bewertung 2027: Verwaltungsgebühren")
    expect(page.get_by_text("nicht steuerbar", exact=True)).to_be_visible()
    expect(
        page.get_by_text("vorbehaltene Aufgabe oder Anschluss- und Benutzungszwang")
    ).to_be_visible()
    axe(page)
    assert Assessment.objects.get().rule == "reserved_task"
