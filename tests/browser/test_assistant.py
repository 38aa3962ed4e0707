"""The citizen assistant in a real browser: as a chat with JavaScript (the page asks
POST /api/v1/assistant and appends each answer), and as a plain form without it.
axe runs on every state of the page a citizen sees.

The catalogue is the small one of tests/assistant/conftest.py: Merzenich offers the
Personalausweis and the Hundesteuer; nobody offers the Sperrmüll.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.assistant.conftest import MERZENICH, Catalogue
from tests.assistant.conftest import catalogue as catalogue  # the fixture, re-exported
from tests.browser.test_citizen_journeys import AxeWithoutScripts
from verbund.assistant.models import DailyCount

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]

PERSO = "Mein Perso läuft ab, was muss ich tun?"
PAY = "Muss ich etwas bezahlen?"


def test_the_chat_appends_answers_and_its_choices_work(
    page: Page, live_server: object, catalogue: Catalogue, axe: Axe
) -> None:
    start = f"{live_server}/assistent/?ars={MERZENICH}"
    page.goto(start)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fragen Sie den Bürgerassistenten")
    expect(page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl")).to_have_value(
        "Gemeinde Merzenich"
    )
    axe(page)
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    page.get_by_label("Ihre Frage").fill(PERSO)
    page.get_by_role("button", name="Fragen", exact=True).click()
    log = page.get_by_role("log")
    answers = log.locator("article")
    expect(answers).to_have_count(1)
    first = answers.nth(0)
    expect(first.get_by_role("heading", level=2)).to_be_focused()
    expect(first.get_by_role("status")).to_have_text("Das sagt der Leistungskatalog dazu:")
    expect(first.get_by_role("link", name="Personalausweis beantragen", exact=True)).to_be_visible()
    expect(first.get_by_text("ab 24 Jahren: 46,00 €")).to_be_visible()
    expect(first.get_by_text("Rathausplatz 1, 52399 Merzenich")).to_be_visible()
    expect(log.locator(".assistant-turn__text")).to_have_text([PERSO])
    # The place was understood: the question field is cleared for the next one.
    expect(page.get_by_label("Ihre Frage")).to_have_value("")
    axe(page)

    page.get_by_label("Ihre Frage").fill(PAY)
    page.get_by_role("button", name="Fragen", exact=True).click()
    expect(answers).to_have_count(2)
    second = answers.nth(1)
    expect(second.get_by_role("status")).to_have_text(
        "Ihre Frage passt zu mehreren Leistungen. Welche meinen Sie?"
    )
    expect(second.get_by_role("heading", level=2)).to_be_focused()
    axe(page)

    second.get_by_role("button", name="Sperrmüll abholen lassen", exact=True).click()
    expect(answers).to_have_count(3)
    third = answers.nth(2)
    expect(third.get_by_role("heading", level=2)).to_be_focused()
    expect(third.get_by_role("link", name="Sperrmüll abholen lassen", exact=True)).to_be_visible()
    expect(
        third.get_by_text("Gemeinde Merzenich bietet diese Leistung hier noch nicht an.")
    ).to_be_visible()
    expect(log.locator(".assistant-turn__text")).to_have_text(
        [PERSO, PAY, "Gewählt: Sperrmüll abholen lassen"]
    )
    axe(page)

    # One page all along: every answer came from the API, none from a form post.
    assert navigations == []
    assert page.url == start
    counts = dict(DailyCount.objects.values_list("outcome", "count"))
    assert counts == {"answered": 2, "clarify": 1}


def test_the_chat_falls_back_to_the_form_when_the_api_fails(
    page: Page, live_server: object, catalogue: Catalogue, axe: Axe
) -> None:
    def broken(route: Route) -> None:
        route.fulfill(status=503, content_type="application/json", body="{}")

    page.route(re.compile(r".*/api/v1/assistant$"), broken)
    page.goto(f"{live_server}/assistent/")
    page.get_by_label("Ihre Frage").fill("Ich habe mir einen Welpen gekauft")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(page.get_by_role("log")).to_contain_text("Die Antwort konnte nicht geladen werden.")
    # The page's own answer (the POST's response).
    expect(page).to_have_title("Antwort des Bürgerassistenten – Verbund")
    expect(
        page.get_by_role("link", name="Hund zur Hundesteuer anmelden", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Ihre Frage")).to_have_value("Ich habe mir einen Welpen gekauft")
    axe(page)


def test_without_javascript_the_form_answers(
    browser: Browser, live_server: object, catalogue: Catalogue, axe: Axe
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    check = AxeWithoutScripts(browser, axe)
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.goto(f"{live_server}/assistent/")
        check(page)

        # Without a place, the answer asks for it; the question stays in the form.
        question = "Ich habe mir einen Welpen gekauft"
        page.get_by_label("Ihre Frage").fill(question)
        page.get_by_role("button", name="Fragen", exact=True).click()
        answer = page.get_by_role("log").locator("article")
        expect(
            answer.get_by_role("link", name="Hund zur Hundesteuer anmelden", exact=True)
        ).to_be_visible()
        expect(answer.get_by_text("Das hängt von Ihrem Wohnort ab.")).to_be_visible()
        expect(page.get_by_label("Ihre Frage")).to_have_value(question)
        check(page)
        answer.get_by_role("link", name="Wohnort eingeben", exact=True).click()
        expect(page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl")).to_be_focused()
        page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl").fill("52399")
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(
            answer.get_by_text("Für Gemeinde Merzenich zuständig: Gemeinde Merzenich")
        ).to_be_visible()
        expect(answer.get_by_role("link", name="Online beantragen", exact=True)).to_be_visible()
        check(page)

        # Which service? One button each.
        page.get_by_label("Ihre Frage").fill(PAY)
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(answer.get_by_role("status")).to_have_text(
            "Ihre Frage passt zu mehreren Leistungen. Welche meinen Sie?"
        )
        check(page)
        answer.get_by_role("button", name="Personalausweis beantragen", exact=True).click()
        expect(answer.get_by_text("ab 24 Jahren: 46,00 €")).to_be_visible()
        check(page)

        # Which place? One button each.
        page.get_by_label("Ihr Wohnort oder Ihre Postleitzahl").fill("Kirch")
        page.get_by_label("Ihre Frage").fill(PERSO)
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(answer.get_by_text("Mehrere Orte passen.")).to_be_visible()
        check(page)
        answer.get_by_role("button", name="Gemeinde Kirchhundem (Kreis Olpe)", exact=True).click()
        expect(
            answer.get_by_text("Gemeinde Kirchhundem ist nicht auf dieser Plattform.")
        ).to_be_visible()
        check(page)

        # No answer: where to get help.
        page.get_by_label("Ihre Frage").fill("xkcd blorf")
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(
            answer.get_by_role("link", name="Behördennummer 115 (Mo–Fr 8–18 Uhr)", exact=True)
        ).to_have_attribute("href", "tel:115")
        check(page)

        # An empty question is an error on the field.
        page.get_by_label("Ihre Frage").fill("")
        page.get_by_role("button", name="Fragen", exact=True).click()
        expect(page).to_have_title("Fehler: Bürgerassistent – Verbund")
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("link")).to_have_text(
            "Bitte schreiben Sie Ihre Frage in das Feld, zum Beispiel: „Wie melde ich mein "
            "Auto ab?“"
        )
        check(page)
    finally:
        check.close()
        context.close()
