"""The Würzburg coordinator in a real browser: founds a project group after a refused
first try, gives it a task and a milestone, files a document (a wrong file first),
marks the task done, adds a member and edits the group, then reads the overview with
its progress chart. axe runs on every page, error pages included."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow, login
from tests.factories import NetworkRoleFactory, make_user
from tests.networks.groups.test_groups import Wue
from tests.networks.groups.test_groups import wue as wue  # the fixture, re-exported
from verbund.networks.groups.models import GroupDocument, GroupTask, ProjectGroup

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_message(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def test_coordinator_runs_a_project_group(
    page: Page, live_server: object, axe: Axe, wue: Wue, demo_on: None, tmp_path: Path
) -> None:
    base = str(live_server)
    coordinator = make_user(username="koordination.wuerzburg", demo=True)
    NetworkRoleFactory(user=coordinator, network=wue.network)
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{wue.network.pk}/")
    axe(page)

    page.get_by_role("link", name="Projektgruppen").click()
    expect(_h1(page)).to_have_text("Projektgruppen: Kreisverbund Würzburg")
    expect(page.get_by_text("Noch keine Projektgruppen angelegt.")).to_be_visible()
    axe(page)

    follow(page.get_by_role("link", name="Projektgruppe anlegen"))
    axe(page)
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page).to_have_title(re.compile(r"^Fehler: Projektgruppe anlegen"))
    axe(page)
    page.get_by_label("Name der Projektgruppe").fill("Digitaler Bauantrag")
    page.get_by_label("Ziel").fill("Bauanträge vollständig digital über XBau")
    page.get_by_role("radio", name="aktiv").check()
    page.get_by_label("Federführung").select_option(label="Höchberg")
    page.get_by_role("group", name="Weitere Mitglieder der Projektgruppe").get_by_label(
        "Rimpar"
    ).check()
    page.get_by_label("Beginn").fill("2025-01-01")
    page.get_by_label("Ende").fill("2024-12-31")
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Ende liegt vor dem Beginn.")
    axe(page)
    assert ProjectGroup.objects.count() == 0
    page.get_by_label("Ende").fill("")
    page.get_by_role("button", name="Anlegen").click()
    expect(_status_message(page)).to_have_text(
        "Die Projektgruppe „Digitaler Bauantrag“ ist angelegt."
    )
    expect(_h1(page)).to_have_text("Digitaler Bauantrag")
    axe(page)

    # A task, done today.
    follow(page.get_by_role("link", name="Aufgabe anlegen"))
    axe(page)
    page.get_by_label("Aufgabe", exact=True).fill("Schnittstelle XBau anbinden")
    page.get_by_label("Verantwortliches Mitglied").select_option(label="Rimpar")
    page.get_by_label("Fällig am").fill("2025-06-30")
    page.get_by_role("button", name="Anlegen").click()
    expect(_status_message(page)).to_have_text(
        "Die Aufgabe „Schnittstelle XBau anbinden“ ist angelegt."
    )
    tasks = page.get_by_role("table", name="Aufgaben der Projektgruppe, offene zuerst")
    expect(tasks.get_by_role("row", name=re.compile(r"^Schnittstelle XBau"))).to_contain_text(
        "überfällig"
    )
    axe(page)
    page.get_by_role("button", name=re.compile(r"^Erledigt\W+Schnittstelle XBau")).click()
    expect(_status_message(page)).to_have_text("„Schnittstelle XBau anbinden“ ist erledigt.")
    axe(page)
    assert GroupTask.objects.get().done_on is not None

    # A milestone.
    follow(page.get_by_role("link", name="Meilenstein anlegen"))
    axe(page)
    page.get_by_label("Meilenstein").fill("Pilot in Höchberg")
    page.get_by_label("Geplant für").fill("2027-03-31")
    page.get_by_role("button", name="Anlegen").click()
    expect(_status_message(page)).to_have_text("Der Meilenstein „Pilot in Höchberg“ ist angelegt.")
    axe(page)

    # A document: a program is refused, the PDF is filed.
    follow(page.get_by_role("link", name="Dokument ablegen"))
    axe(page)
    wrong = tmp_path / "werkzeug.exe"
    wrong.write_bytes(b"MZ\x90\x00")
    page.get_by_label("Titel des Dokuments").fill("Protokoll der Auftaktsitzung")
    page.get_by_label("Datei").set_input_files(str(wrong))
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Bitte laden Sie ein PDF oder eine Office-Datei hoch"
    )
    axe(page)
    assert GroupDocument.objects.count() == 0
    minutes = tmp_path / "protokoll.pdf"
    minutes.write_bytes(b"%PDF-1.4 Protokoll")
    page.get_by_label("Datei").set_input_files(str(minutes))
    page.get_by_role("button", name="Hochladen").click()
    expect(_status_message(page)).to_have_text(
        "Das Dokument „Protokoll der Auftaktsitzung“ ist abgelegt."
    )
    expect(page.get_by_role("link", name="Protokoll der Auftaktsitzung")).to_be_visible()
    axe(page)

    # A member joins; the group is edited.
    follow(page.get_by_role("link", name="Mitglied aufnehmen"))
    axe(page)
    page.get_by_label("Mitglied des Verbunds").select_option(label="Gerbrunn")
    page.get_by_role("button", name="Aufnehmen").click()
    expect(_status_message(page)).to_have_text("Gerbrunn arbeitet jetzt in der Projektgruppe mit.")
    axe(page)
    follow(page.get_by_role("link", name="Angaben bearbeiten"))
    axe(page)
    page.get_by_role("radio", name="ruht").check()
    page.get_by_role("button", name="Speichern").click()
    expect(_status_message(page)).to_have_text("Die Angaben zur Projektgruppe wurden gespeichert.")
    axe(page)

    # The overview with the progress chart and its table.
    page.get_by_role("link", name="Zurück zu den Projektgruppen").click()
    expect(
        page.get_by_role("img", name=re.compile("Erledigte Aufgaben je Projektgruppe"))
    ).to_be_visible()
    row = page.get_by_role("table", name="Projektgruppen des Verbunds").get_by_role(
        "row", name=re.compile(r"^Digitaler Bauantrag")
    )
    expect(row).to_contain_text("Höchberg")
    expect(row).to_contain_text("ruht")
    expect(row).to_contain_text("1 von 1 (100 %)")
    axe(page)
    page.get_by_text("Daten als Tabelle").click()
    axe(page)
