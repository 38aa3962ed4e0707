"""Participation in a real browser: Kreis Düren asks Gemeinde Merzenich for its
Einvernehmen (§ 36 BauGB), sharing one of the case's two documents. Merzenich's
clerk answers with the keyboard only; the shared document is then gone, and Düren
reads the answer. axe runs on every page, error pages included."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.applications.conftest import PDF_BYTES, World, pdf
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.browser.conftest import login
from tests.cases.conftest import clerk_of, submit, take
from verbund.cases.models import Case, CaseStatus, Participation, RequestStatus

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]

SUBJECT = "Einvernehmen nach § 36 BauGB – Valdersweg 1"
CONSENT = "Einvernehmen der Gemeinde (§ 36 BauGB)"


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_message(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def _tab_to(page: Page, target: Locator, *, limit: int = 60) -> None:
    """Press Tab until ``target`` has the focus; fail if it never gets it."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab did not reach {target} within {limit} presses on {page.url}")


def _follow(page: Page, link: Locator) -> None:
    _tab_to(page, link)
    page.keyboard.press("Enter")


def test_merzenich_gives_its_consent_with_the_keyboard(
    page: Page,
    browser: Browser,
    live_server: object,
    axe: Axe,
    world: World,
) -> None:
    base = str(live_server)
    dueren_clerk = clerk_of(world.dueren, "sb.dueren")
    merzenich_clerk = clerk_of(world.merzenich, "sb.merzenich")
    submission = submit(
        world, name="Anna Schmidt", files=[pdf("Lageplan.pdf"), pdf("Bauzeichnung.pdf")]
    )
    case = take(submission.case, dueren_clerk)
    case_url = f"{base}/verwaltung/vorgaenge/{case.pk}/"

    # Düren asks, first without the required answers.
    page.set_default_navigation_timeout(15_000)  # the first request warms the server up
    login(page.context, base, dueren_clerk)
    page.goto(case_url)
    axe(page)
    page.get_by_role("link", name="Andere Behörde beteiligen").click()
    expect(_h1(page)).to_have_text("Andere Behörde beteiligen")
    axe(page)
    page.get_by_role("button", name="Beteiligung senden").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(summary.get_by_role("link").first).to_have_attribute("href", "#id_requested")
    expect(page).to_have_title(f"Fehler: Andere Behörde beteiligen – {case.reference} – Verbund")
    axe(page)

    requested = page.get_by_label("Beteiligte Behörde")
    expect(requested.locator("optgroup")).to_have_attribute(
        "label", "Für den Ort des Antrags (Gemeinde Merzenich)"
    )
    requested.select_option(label="Gemeinde Merzenich")
    page.get_by_role("radio", name=CONSENT).check()
    page.get_by_label("Betreff").fill(SUBJECT)
    page.get_by_label("Anschreiben").fill("Wir bitten um Ihr Einvernehmen.")
    shared = page.get_by_role("group", name="Geteilte Dokumente")
    expect(shared.get_by_role("checkbox")).to_have_count(2)
    shared.get_by_role("checkbox", name="Nachweis der Versicherung – Lageplan.pdf (v1)").check()
    page.get_by_role("button", name="Beteiligung senden").click()
    expect(_status_message(page)).to_have_text(
        "Gemeinde Merzenich ist beteiligt und sieht die geteilten Dokumente bis zur Antwort."
    )
    expect(page.locator(".kern-description-list")).to_contain_text("StatusStellungnahme angefragt")
    card = page.locator(".verbund-card").filter(has_text=SUBJECT)
    expect(card.get_by_role("heading")).to_have_text(f"Merzenich: {CONSENT} – offen")
    expect(card).to_contain_text("Geteilt: Nachweis der Versicherung (v1)")
    axe(page)

    # Merzenich's clerk, in a browser of their own, with the keyboard only.
    context = browser.new_context(locale="de-DE")
    try:
        login(context, base, merzenich_clerk)
        other = context.new_page()
        other.set_default_timeout(5_000)
        other.goto(base + "/verwaltung/")
        axe(other)
        _follow(other, other.get_by_role("link", name="Merzenich", exact=True))
        expect(_h1(other)).to_have_text("Merzenich")
        axe(other)
        _follow(other, other.get_by_role("link", name="Beteiligungen anderer Behörden"))
        expect(_h1(other)).to_have_text("Beteiligungen an Merzenich")
        requests = other.get_by_role("table", name="Anfragen anderer Behörden, offene zuerst")
        row = requests.get_by_role("row").filter(has_text=SUBJECT)
        expect(row).to_contain_text("Düren")
        expect(row).to_contain_text(CONSENT)
        expect(row).to_contain_text("offen")
        axe(other)
        _follow(other, requests.get_by_role("link", name=SUBJECT))

        expect(_h1(other)).to_have_text(SUBJECT)
        expect(other.locator(".kern-description-list")).to_contain_text("Anfragende BehördeDüren")
        # Exactly the shared document, and nothing else of the case.
        links = other.get_by_role("link", name="Nachweis der Versicherung", exact=False)
        expect(links).to_have_count(1)
        expect(links).to_have_text(
            f"Nachweis der Versicherung: Lageplan.pdf (Version 1, {len(PDF_BYTES)}\xa0Bytes)"
        )
        expect(other.get_by_text("Bauzeichnung.pdf")).to_have_count(0)
        expect(other.get_by_text("Anna Schmidt")).to_have_count(0)
        shared_url = base + str(links.get_attribute("href"))
        download = context.request.get(shared_url)
        assert download.status == 200
        assert download.body().startswith(b"%PDF")
        assert context.request.get(case_url).status == 404
        axe(other)

        # Sent without an outcome: the summary has the focus, its link leads to the choice.
        submit_button = other.get_by_role("button", name="Stellungnahme übermitteln")
        _tab_to(other, submit_button)
        other.keyboard.press("Enter")
        summary = other.get_by_role("alert")
        expect(summary).to_be_focused()
        expect(other).to_have_title(f"Fehler: {SUBJECT} – Verbund")
        axe(other)
        other.keyboard.press("Tab")
        expect(summary.get_by_role("link")).to_be_focused()
        other.keyboard.press("Enter")
        given = other.get_by_role("radio", name="Einvernehmen erteilt")
        expect(given).to_be_focused()
        other.keyboard.press("Space")
        expect(given).to_be_checked()
        text = other.get_by_role("textbox", name="Stellungnahme – optional")
        _tab_to(other, text)
        other.keyboard.type("Das Einvernehmen wird erteilt.")
        expect(text).to_have_value("Das Einvernehmen wird erteilt.")
        _tab_to(other, submit_button)
        other.keyboard.press("Enter")

        expect(_status_message(other)).to_have_text("Ihre Stellungnahme ist übermittelt.")
        expect(other.get_by_role("heading", name="Antwort", exact=True)).to_be_visible()
        expect(other.get_by_text("Das Einvernehmen wird erteilt.")).to_be_visible()
        expect(other.locator(".kern-description-list")).to_contain_text("Statusbeantwortet")
        # The shared document is gone: no link, and its address answers 404.
        expect(other.get_by_role("heading", name="Geteilte Dokumente")).to_have_count(0)
        expect(
            other.get_by_role("link", name="Nachweis der Versicherung", exact=False)
        ).to_have_count(0)
        expect(
            other.get_by_text(
                "Die Anfrage ist beantwortet; die geteilten Dokumente sind nicht mehr abrufbar."
            )
        ).to_be_visible()
        expect(other.get_by_role("button", name="Stellungnahme übermitteln")).to_have_count(0)
        assert context.request.get(shared_url).status == 404
        axe(other)
    finally:
        context.close()

    # Düren reads the answer; work goes on.
    page.reload()
    card = page.locator(".verbund-card").filter(has_text=SUBJECT)
    expect(card.get_by_role("heading")).to_have_text(f"Merzenich: {CONSENT} – beantwortet")
    expect(card).to_contain_text("Einvernehmen erteilt")
    expect(card).to_contain_text("Das Einvernehmen wird erteilt.")
    expect(page.locator(".kern-description-list")).to_contain_text("StatusIn Bearbeitung")
    axe(page)
    participation = Participation.objects.get(case=case)
    assert participation.status == RequestStatus.ANSWERED
    assert Case.objects.get(pk=case.pk).status == CaseStatus.IN_PROGRESS
