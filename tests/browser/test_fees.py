"""A clerk in a real browser: the fee sheet with every figure, the row-table editor
(more rows without JavaScript, a negative time refused naming the field), saving a new
version. axe runs on every page, the error page included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import login
from tests.fees.conftest import World, example_a
from tests.fees.conftest import world as world  # the fixture, re-exported
from verbund.fees.models import FeeSheet
from verbund.fees.services import fee_sheet_create

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_clerk_reads_and_edits_a_fee_sheet(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    base = str(live_server)
    sheet = fee_sheet_create(
        actor=None, authority=world.merzenich, sheet=example_a(), service=world.service
    )
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, world.merzenich_clerk)
    page.goto(f"{base}/verwaltung/gebuehren/{sheet.pk}/")
    expect(_h1(page)).to_have_text("Gewerbeanmeldung 2026")
    expect(page.get_by_text("Gebühr: 58,23 €")).to_be_visible()
    expect(
        page.get_by_role("table", name="Jahreskosten und Minutensatz je Gruppe")
    ).to_contain_text("105.700,00 €")
    axe(page)

    page.get_by_role("link", name="Bearbeiten").click()
    expect(_h1(page)).to_have_text("Kalkulation bearbeiten: Gewerbeanmeldung")
    axe(page)
    page.get_by_role("button", name="Weitere Zeilen: Zeitaufwand").click()
    expect(page.get_by_label("Zeitaufwand, Zeile 8: Minuten je Fall")).to_be_visible()
    page.get_by_label("Zeitaufwand, Zeile 1: Minuten je Fall").fill("-40")
    page.get_by_role("button", name="Berechnen und speichern").click()
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    expect(page.get_by_role("alert")).to_contain_text(
        "Zeitaufwand, Zeile 1: Minuten je Fall darf nicht negativ sein."
    )
    axe(page)
    assert FeeSheet.objects.get().version == 1

    page.get_by_label("Zeitaufwand, Zeile 1: Minuten je Fall").fill("45")
    page.get_by_label("Was haben Sie geändert?").fill("Zeit nach Messung 2026")
    page.get_by_role("button", name="Berechnen und speichern").click()
    expect(_h1(page)).to_have_text("Gewerbeanmeldung 2026")
    expect(page.get_by_role("table", name="Versionen, neueste zuerst")).to_contain_text(
        "Zeit nach Messung 2026"
    )
    axe(page)
    assert FeeSheet.objects.get().version == 2
