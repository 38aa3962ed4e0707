"""A clerk works a case in a real browser: log in, open the inbox, open a case,
set its status; axe on every page, the error summary included."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.applications.conftest import (
    World,
    world,  # noqa: F401  (the fixture)
)
from tests.cases.conftest import clerk_of, submit
from tests.factories import PASSWORD
from verbund.cases.models import Case, CaseStatus

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]


def test_clerk_opens_the_inbox_and_sets_a_status(
    page: Page,
    live_server: object,
    axe: Axe,
    world: World,  # noqa: F811
) -> None:
    received = submit(world, name="Anna <Schmidt>")
    unpaid = submit(world, paid=False)
    clerk = clerk_of(world.dueren, "sb.dueren")
    base = str(live_server)

    page.goto(base + "/konto/anmelden/")
    axe(page)
    page.get_by_label("Benutzername").fill(clerk.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(base + "/verwaltung/")
    axe(page)
    page.get_by_role("link", name="Düren", exact=True).click()
    axe(page)

    page.get_by_role("link", name="Posteingang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteingang: Düren")
    axe(page)
    table = page.get_by_role("table", name="Vorgänge dieser Behörde")
    expect(table.get_by_role("link", name=received.reference)).to_be_visible()
    expect(table).not_to_contain_text(unpaid.reference)
    # Applications waiting for their fee are shown when asked for.
    page.get_by_label("Status anzeigen").select_option("awaiting_payment")
    page.get_by_role("button", name="Anzeigen").click()
    expect(table.get_by_role("link", name=unpaid.reference)).to_be_visible()
    axe(page)
    page.get_by_label("Status anzeigen").select_option("")
    page.get_by_role("button", name="Anzeigen").click()

    table.get_by_role("link", name=received.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {received.reference}")
    expect(page.get_by_text("Anna <Schmidt>")).to_be_visible()
    axe(page)

    # Without a choice the error summary says so, accessibly.
    page.get_by_role("button", name="Status setzen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    axe(page)

    page.get_by_role("radio", name="In Bearbeitung").check()
    page.get_by_label("Hinweis für die Antragstellerin oder den Antragsteller").fill(
        "Wir prüfen Ihre Versicherung."
    )
    page.get_by_role("button", name="Status setzen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Der Vorgang {received.reference} hat jetzt den Status „In Bearbeitung“."
    )
    expect(page.get_by_text("Wir prüfen Ihre Versicherung.")).to_be_visible()
    axe(page)
    assert Case.objects.get(submission=received).status == CaseStatus.IN_PROGRESS
