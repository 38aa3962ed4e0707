"""The DLZ coordinator in a real browser: cooperation areas and each member's level,
then a binding agreement with its signed PDF, recorded after a refused first try,
and its end. axe runs on every page, error pages included."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow, login
from tests.factories import NetworkRoleFactory, make_user
from tests.networks.test_agreements import INDEN, JUELICH, MERZENICH, Dlz
from tests.networks.test_agreements import dlz as dlz  # the fixture, re-exported
from verbund.networks.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_message(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def test_coordinator_steers_the_dlz(
    page: Page, live_server: object, axe: Axe, dlz: Dlz, demo_on: None, tmp_path: Path
) -> None:
    base = str(live_server)
    coordinator = make_user(username="koordination.dlz", demo=True)
    NetworkRoleFactory(user=coordinator, network=dlz.network)
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{dlz.network.pk}/")
    axe(page)

    # Areas: first none, then one; the level form first without a choice.
    page.get_by_role("link", name="Kooperationsfelder").click()
    expect(_h1(page)).to_have_text("Kooperationsfelder: DLZ")
    expect(page.get_by_text("Für diesen Verbund sind noch keine")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Kooperationsfeld anlegen").click()
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page).to_have_title(re.compile(r"^Fehler: Kooperationsfeld anlegen"))
    axe(page)
    page.get_by_label("Name des Kooperationsfelds").fill("Gebührenkalkulation")
    page.get_by_role("button", name="Anlegen").click()
    expect(_status_message(page)).to_have_text(
        "Das Kooperationsfeld „Gebührenkalkulation“ ist angelegt."
    )
    axe(page)
    page.get_by_role("link", name="Stufe der Beteiligung setzen").click()
    page.get_by_role("button", name="Stufe setzen").click()
    expect(page.get_by_role("alert").get_by_role("link")).to_have_count(3)
    axe(page)
    page.get_by_label("Kooperationsfeld").select_option(label="Gebührenkalkulation")
    page.get_by_label("Mitglied").select_option(label="Jülich, Stadt")
    page.get_by_role("radio", name="gemeinsame Entwicklung und Nutzung").check()
    page.get_by_label("gilt ab").fill("2025-01-01")
    page.get_by_role("button", name="Stufe setzen").click()
    expect(_status_message(page)).to_have_text(
        "Jülich, Stadt: Gebührenkalkulation ab 1. Januar 2025 auf Stufe 3."
    )
    matrix = page.locator("table.verbund-matrix")
    expect(matrix.get_by_role("row", name=re.compile(r"^Jülich, Stadt"))).to_contain_text("3")
    expect(matrix.get_by_role("row", name=re.compile(r"^Merzenich"))).to_contain_text("–")
    axe(page)

    # An agreement: Inden as the processing member without being a party is refused.
    page.goto(f"{base}/verwaltung/verbuende/{dlz.network.pk}/")
    page.get_by_role("link", name="Vereinbarungen", exact=True).click()
    expect(page.get_by_text("Noch keine Vereinbarungen erfasst.")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Vereinbarung erfassen"))
    axe(page)
    page.get_by_label("Bezeichnung").fill("Hundesteuer gemeinsam")
    page.get_by_role("radio", name=re.compile(r"^mandatierend")).check()
    page.get_by_label("Erledigendes Mitglied").select_option(label="Inden")
    for name in ("Merzenich", "Jülich, Stadt"):
        page.get_by_role("group", name="Vertragsparteien").get_by_label(name).check()
    page.get_by_role("checkbox", name=dlz.service.title).check()
    page.get_by_label("gilt ab").fill("2026-01-01")
    signed = tmp_path / "unterzeichnet.pdf"
    signed.write_bytes(b"%PDF-1.4 signed")
    page.get_by_label("Unterzeichnete Fassung (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Vereinbarung speichern").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Das erledigende Mitglied Inden ist keine Vertragspartei."
    )
    axe(page)
    assert Agreement.objects.count() == 0
    # The input is kept; only the member and the file are given again.
    expect(page.get_by_label("Bezeichnung")).to_have_value("Hundesteuer gemeinsam")
    page.get_by_label("Erledigendes Mitglied").select_option(label="Merzenich")
    page.get_by_label("Unterzeichnete Fassung (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Vereinbarung speichern").click()
    expect(_status_message(page)).to_have_text(
        "Die Vereinbarung „Hundesteuer gemeinsam“ ist erfasst."
    )
    expect(_h1(page)).to_have_text("Hundesteuer gemeinsam")
    expect(page.get_by_role("link", name="unterzeichnet.pdf")).to_be_visible()
    axe(page)
    agreement = Agreement.objects.get()
    assert set(agreement.parties.values_list("ars", flat=True)) == {MERZENICH, JUELICH}
    assert INDEN not in set(agreement.parties.values_list("ars", flat=True))

    page.get_by_label("Die Vereinbarung endet am").fill("2026-06-30")
    page.get_by_role("button", name="Ende speichern").click()
    expect(_status_message(page)).to_have_text("Die Vereinbarung endet am 30. Juni 2026.")
    axe(page)
    agreement.refresh_from_db()
    assert str(agreement.ends_on) == "2026-06-30"

    # The dashboard: the matrix and the reuse as charts with their tables.
    page.goto(f"{base}/verwaltung/verbuende/{dlz.network.pk}/")
    page.get_by_role("link", name="Steuerung", exact=True).click()
    expect(_h1(page)).to_have_text("Steuerung: DLZ")
    expect(
        page.get_by_role("img", name=re.compile("Kooperationsfelder und Stufen"))
    ).to_be_visible()
    page.locator("#chart-areas summary").click()
    expect(page.locator("#chart-areas table")).to_contain_text(
        "3 (gemeinsame Entwicklung und Nutzung)"
    )
    # The agreement ended in June: none is in force today.
    expect(page.get_by_text("Heute gilt keine Vereinbarung.")).to_be_visible()
    axe(page)
