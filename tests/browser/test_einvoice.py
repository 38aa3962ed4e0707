"""The eRechnung inbox in a real browser. A supplier uploads an invoice without
JavaScript: first one whose Leitweg-ID is missing (it is kept, and the receipt names
BR-DE-15), then a valid ZUGFeRD PDF. The member's clerk finds it in the inbox, reads it
and accepts it; the coordinator assigns the first invoice from the clarification queue.
axe runs on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import follow, login, watch_csp
from tests.browser.test_citizen_journeys import AxeWithoutScripts
from tests.einvoice.conftest import SAMPLE, World, sample_xml
from tests.einvoice.conftest import world as world  # the fixture, re-exported
from verbund.einvoice.models import Invoice, InvoiceStatus
from verbund.einvoice.samples import zugferd_pdf

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def test_supplier_uploads_without_javascript(
    transactional_db: None,
    browser: Browser,
    live_server: object,
    axe: Axe,
    world: World,
    tmp_path: Path,
) -> None:
    base = str(live_server)
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    check = AxeWithoutScripts(browser, axe)
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.set_default_navigation_timeout(15_000)
        blocked = watch_csp(page)
        page.goto(f"{base}/erechnung/")
        expect(_h1(page)).to_have_text("E-Rechnung einreichen")
        check(page)
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("link", name="DLZ").click()
        expect(_h1(page)).to_have_text("E-Rechnung an DLZ")
        check(page)
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Rechnung einreichen").click()
        expect(page).to_have_title(re.compile(r"^Fehler: "))
        check(page)
        assert Invoice.objects.count() == 0

        missing = tmp_path / "ohne-leitweg-id.xml"
        missing.write_bytes(sample_xml(leitweg_id=""))
        page.get_by_label("Rechnungsdatei").set_input_files(str(missing))
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Rechnung einreichen").click()
        expect(_h1(page)).to_have_text("Eingangsbestätigung")
        expect(page.get_by_text("Die Rechnung ist ungültig.")).to_be_visible()
        expect(page.get_by_text("BR-DE-15", exact=True)).to_be_visible()
        check(page)
        queued = Invoice.objects.get()
        assert (queued.status, queued.valid) == (InvoiceStatus.CLARIFICATION, False)

        page.goto(f"{base}/erechnung/dlz/")
        pdf = tmp_path / "RE-2026-0815.pdf"
        pdf.write_bytes(zugferd_pdf(SAMPLE))
        page.get_by_label("Rechnungsdatei").set_input_files(str(pdf))
        page.get_by_label("Ihre E-Mail-Adresse").fill("buchhaltung@lieferant.example")
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Rechnung einreichen").click()
        expect(page.get_by_text("Die Rechnung ist gültig.")).to_be_visible()
        check(page)
        assert blocked == []
    finally:
        context.close()
        check.close()
    valid = Invoice.objects.get(valid=True)
    assert (valid.container, valid.authority_id, valid.supplier_email) == (
        "pdf",
        world.juelich.pk,
        "buchhaltung@lieferant.example",
    )


def test_clerk_accepts_and_coordinator_assigns(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World
) -> None:
    from verbund.einvoice import services
    from verbund.einvoice.models import Channel

    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    from verbund.einvoice.samples import SampleAttachment

    timesheet = SampleAttachment(
        "Stundennachweis.csv", "text/csv", b"Datum;Stunden\n2026-11-12;2\n", "Stundennachweis"
    )
    valid = services.invoice_receive(
        inbox=world.inbox, data=sample_xml(attachments=(timesheet,)), channel=Channel.API
    )
    queued = services.invoice_receive(
        inbox=world.inbox, data=sample_xml(leitweg_id="", number="RE-9"), channel=Channel.API
    )

    login(page.context, base, world.juelich_clerk)
    page.goto(f"{base}/verwaltung/behoerden/{world.juelich.pk}/erechnungen/")
    expect(_h1(page)).to_have_text("E-Rechnungen: Stadt Jülich")
    axe(page)
    follow(page.get_by_role("link", name=valid.receipt_number))
    expect(_h1(page)).to_have_text(f"E-Rechnung {valid.receipt_number}")
    expect(page.get_by_role("table", name="Positionen")).to_contain_text(
        "Kopierpapier A4, 500 Blatt"
    )
    expect(page.get_by_role("link", name="Stundennachweis.csv")).to_have_attribute(
        "href", f"/verwaltung/erechnungen/{valid.pk}/anlagen/1"
    )
    axe(page)
    page.get_by_role("button", name="Rechnung annehmen").click()
    expect(page.get_by_text("Die Rechnung ist angenommen.")).to_be_visible()
    axe(page)
    valid.refresh_from_db()
    assert valid.status == InvoiceStatus.ACCEPTED
    page.goto(f"{base}/verwaltung/behoerden/{world.juelich.pk}/leitweg-ids/")
    expect(_h1(page)).to_have_text("Leitweg-IDs: Stadt Jülich")
    axe(page)

    page.context.clear_cookies()
    login(page.context, base, world.coordinator)
    page.goto(f"{base}/verwaltung/verbuende/{world.network.pk}/erechnungen/")
    expect(_h1(page)).to_have_text("E-Rechnungseingang: DLZ")
    axe(page)
    follow(page.get_by_role("link", name=queued.receipt_number))
    axe(page)
    page.get_by_label("Mitglied").select_option(label="Gemeinde Merzenich")
    page.get_by_role("button", name="Zuordnen").click()
    expect(_h1(page)).to_have_text("E-Rechnungseingang: DLZ")
    expect(page.get_by_text("Keine Klärungsfälle.")).to_be_visible()
    axe(page)
    queued.refresh_from_db()
    assert (queued.authority_id, queued.status) == (world.merzenich.pk, InvoiceStatus.RECEIVED)
