"""The joint procurement in a real browser, without JavaScript needed: the coordinator
opens a demand call, a member reports its demand (a negative price refused naming the
field first), the coordinator reads the estimate and the threshold result with its
reason. axe runs on every page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow, login
from tests.procurement.conftest import World
from tests.procurement.conftest import world as world  # the fixture, re-exported
from verbund.procurement.models import DemandCall, DemandLine

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_a_call_from_opening_to_the_threshold_result(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World, demo_on: None
) -> None:
    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    deadline = timezone.localdate() + dt.timedelta(days=20)

    login(page.context, base, world.coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{world.network.pk}/beschaffung/")
    expect(_h1(page)).to_have_text("Gemeinsame Beschaffung: DLZ")
    axe(page)
    follow(page.get_by_role("link", name="Bedarfsabfrage anlegen"))
    expect(_h1(page)).to_have_text("Bedarfsabfrage anlegen")
    axe(page)
    page.get_by_label("Gegenstand").fill("Multifunktionsdrucker")
    page.get_by_label("CPV-Code").fill("30120000-6")
    page.get_by_label("Frist für Bedarfsmeldungen").fill(deadline.isoformat())
    page.get_by_label("Laufzeit in Monaten").fill("36")
    page.get_by_label("Verlängerungsoptionen in Monaten").fill("12")
    page.get_by_label("Mengenoption in %").fill("20")
    page.get_by_label("Federführende Vergabestelle").select_option(label="Merzenich")
    page.get_by_role("button", name="Speichern").click()
    expect(_h1(page)).to_have_text("Multifunktionsdrucker")
    axe(page)
    call = DemandCall.objects.get()

    page.context.clear_cookies()
    login(page.context, base, world.juelich_clerk)
    page.goto(f"{base}/verwaltung/beschaffung/{call.pk}/")
    follow(page.get_by_role("link", name="Bedarf melden"))
    expect(_h1(page)).to_have_text("Bedarf melden")
    axe(page)
    page.get_by_label("Leistungsbeschreibung").fill("Multifunktionsgerät A3")
    page.get_by_label("Menge je Jahr").fill("80")
    page.get_by_label("Einheit").fill("Stück")
    page.get_by_label("Geschätzter Einzelpreis in € (netto)").fill("-600")
    page.get_by_role("button", name="Bedarf melden").click()
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    expect(page.get_by_role("alert")).to_contain_text("Der Einzelpreis darf nicht negativ sein.")
    expect(page.get_by_label("Menge je Jahr")).to_have_value("80")
    axe(page)
    assert DemandLine.objects.count() == 0
    page.get_by_label("Geschätzter Einzelpreis in € (netto)").fill("600")
    page.get_by_role("button", name="Bedarf melden").click()
    expect(_h1(page)).to_have_text("Multifunktionsdrucker")
    expect(page.get_by_role("table", name="Bedarfsmeldungen")).to_contain_text(
        "Multifunktionsgerät A3"
    )
    axe(page)

    page.context.clear_cookies()
    login(page.context, base, world.coordinator)
    page.goto(f"{base}/verwaltung/beschaffung/{call.pk}/")
    # 80 × 600 € a year × 48 / 12 × 1.2; the regime depends on the table's years.
    expect(page.get_by_role("status").filter(has_text="Geschätzter Auftragswert")).to_contain_text(
        "Geschätzter Auftragswert 230.400,00 € (Bedarf aller Mitglieder über 48 Monate "
        "einschließlich Optionen)"
    )
    expect(page.get_by_role("table", name="Bedarf je Mitglied und Mandat")).to_contain_text(
        "Jülich"
    )
    axe(page)
