"""The demo authority admin reads Merzenich's audit log in a real browser: German
descriptions, values not split into characters, hashes opened in place, filters and a
refused filter; axe on every page visited."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import follow
from verbund.authorities.models import Authority
from verbund.core.audit_terms import action_label
from verbund.core.models import AuditEntry

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]
PASSWORD = "Verbund-Demo-2026!"
RAW_ACTION = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0)


def _euro(amount: str) -> str:
    """A recorded amount ("26.00") as a German reader writes it: "26,00 €"."""
    return f"{Decimal(amount):.2f}".replace(".", ",") + " €"


def _rows(page: Page) -> Locator:
    return page.locator("table.verbund-audit tbody tr")


def _cells(page: Page, column: int) -> list[str]:
    return [
        text.strip() for text in _rows(page).locator(f"td:nth-child({column})").all_inner_texts()
    ]


@pytest.mark.usefixtures("demo")
def test_the_authority_admin_reads_the_audit_log(page: Page, live_server: object, axe: Axe) -> None:
    base = str(live_server)
    merzenich = Authority.objects.get(ars="053580040040")
    page.set_default_navigation_timeout(15_000)
    page.goto(base + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("admin.merzenich")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    follow(page.get_by_role("link", name="Merzenich", exact=True))
    axe(page)
    page.get_by_role("link", name="Protokoll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protokoll: Merzenich")
    axe(page)

    entries = AuditEntry.objects.filter(authority=merzenich).order_by("-id")
    expect(page.get_by_role("heading", name=f"{entries.count()} Einträge")).to_be_visible()
    actions = _cells(page, 4)
    assert len(actions) == min(entries.count(), 50)
    # Every action in words: no code like "case.set_status" anywhere in the column.
    assert [text for text in actions if RAW_ACTION.search(text)] == []
    newest = entries[:50]
    # The newest entries in the registered German words of their actions (the demo loads
    # the comparison ring last, its values of Merzenich come first).
    assert actions[:4] == [action_label(e.action) for e in newest[:4]]
    assert actions[0] == "Werte des Vergleichsrings eingegeben"

    # A paid fee is one amount, not a change character by character ("2 → 6").
    paid = entries.filter(action="submission.paid").first()
    assert paid is not None
    row = (
        _rows(page).filter(has_text=paid.object_repr).filter(has_text="Gebühr des Antrags bezahlt")
    )
    expect(row.locator("dt")).to_have_text(["Gebühren insgesamt"])
    expect(row.locator("dd")).to_have_text([_euro(paid.changes["fee_total"])])
    expect(row.locator("td").nth(4)).to_have_text(f"Antrag: {paid.object_repr}")
    expect(row.locator("td").nth(2)).to_have_text("System (automatisch)")
    status = (
        _rows(page)
        .filter(has_text=paid.object_repr)
        .filter(has_text="Status des Vorgangs geändert")
    )
    expect(status.locator("dd")).to_have_text(["Zahlung ausstehend → geändert in Eingegangen"])
    # No definition anywhere is a single character changed into another (a count of
    # attendees may honestly change from 0 to 3).
    pairs = page.locator("table.verbund-audit dd").evaluate_all(
        "dds => dds.map(dd => [dd.previousElementSibling.textContent, dd.textContent])"
    )
    assert pairs
    for label, text in pairs:
        if label.strip() != "Teilnehmende":
            assert not re.fullmatch(r"\S → geändert in \S", text.strip()), (label, text)
    for label in page.locator("table.verbund-audit dt").all_text_contents():
        assert not re.fullmatch(r"[a-z_0-9]+", label), label

    # The chain hash: shortened, the whole value opens in place without JavaScript.
    first = _rows(page).first
    summary = first.locator("summary")
    expect(summary).to_have_text(
        f"{newest[0].entry_hash[:12]}… (gekürzt, ganz anzeigen)", use_inner_text=False
    )
    expect(first.locator(".verbund-audit__full")).to_be_hidden()
    summary.click()
    expect(first.locator(".verbund-audit__full")).to_have_text(newest[0].entry_hash)
    axe(page)

    # Filter by what happened: the fees paid only.
    page.get_by_label("Was").select_option(label="Gebühr des Antrags bezahlt")
    page.get_by_role("button", name="Anzeigen").click()
    paid_count = entries.filter(action="submission.paid").count()
    expect(page.get_by_role("heading", name=f"{paid_count} passende Einträge")).to_be_visible()
    assert set(_cells(page, 4)) == {"Gebühr des Antrags bezahlt"}
    axe(page)

    # A period that ends before it begins is explained; the log is shown unfiltered.
    page.get_by_label("Von").fill("2026-03-03")
    page.get_by_label("Bis").fill("2026-03-01")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_title(re.compile(r"^Fehler: Protokoll"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Das Ende des Zeitraums liegt vor seinem Anfang."
    )
    expect(page.get_by_text("Die Filter wurden nicht angewandt")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{entries.count()} Einträge")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Alle Filter zurücksetzen").click()
    expect(page.get_by_role("heading", name=f"{entries.count()} Einträge")).to_be_visible()
    expect(page.get_by_label("Von")).to_have_value("")
    axe(page)
