"""A recipient answers a survey in a real browser through the personal link: the
overview, both sections (one sent with a wrong number first), the check page, the
submit and the read-only page after it. axe runs on every page; the pages need no
script at all."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import follow
from tests.surveys.conftest import ANSWERS, SurveyWorld
from tests.surveys.conftest import survey_world as survey_world  # the fixture, re-exported
from verbund.surveys.links import recipient_path
from verbund.surveys.models import Recipient

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]


def _no_scripts(page: Page) -> None:
    assert page.locator("script").count() == 0, page.url


def test_a_recipient_answers_and_submits_in_the_browser(
    transactional_db: None,
    page: Page,
    live_server: object,
    axe: Axe,
    survey_world: SurveyWorld,
) -> None:
    base = str(live_server)
    recipient = survey_world.recipient(survey_world.members[0])
    link = base + recipient_path(recipient)

    page.goto(link)
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_text("Stand der Digitalisierung 2026")
    expect(page.get_by_text("für Höchberg")).to_be_visible()
    expect(page.get_by_text("0 von 3 Fragen beantwortet")).to_be_visible()
    _no_scripts(page)
    axe(page)

    follow(page.get_by_role("link", name="1. Stand der Digitalisierung"))
    expect(h1).to_have_text("Stand der Digitalisierung")
    expect(page.get_by_text("Abschnitt 1 von 2")).to_be_visible()
    axe(page)
    eakte = page.get_by_role("group", name="1. Wie weit ist die E-Akte eingeführt?")
    eakte.get_by_role("radio", name="in einigen Bereichen").check()
    areas = page.get_by_role("group", name="2. In welchen Bereichen? – optional")
    expect(areas).to_have_accessible_description(
        "Nur beantworten, wenn Sie bei „1. Wie weit ist die E-Akte eingeführt?“ "
        "„in allen Bereichen“ oder „in einigen Bereichen“ gewählt haben."
    )
    areas.get_by_role("checkbox", name="Bauamt").check()
    areas.get_by_role("checkbox", name="Jugendamt").check()
    # The matrix: each radio is named by its row and its column.
    matrix = page.get_by_role("group", name="3. Wie steht es um diese Vorhaben? – optional")
    expect(matrix.get_by_role("radio")).to_have_count(6)
    matrix.get_by_role("radio", name="E-Rechnung: umgesetzt").check()
    # A click anywhere in the cell chooses its radio.
    page.locator("label[for=q-felder-evergabe-1]").click(position={"x": 4, "y": 4})
    expect(matrix.get_by_role("radio", name="E-Vergabe: geplant")).to_be_checked()
    portal = page.get_by_role("group", name="4. Haben Sie ein Online-Portal?")
    portal.get_by_role("radio", name="Ja").check()
    page.get_by_role("button", name="Speichern und weiter").click()

    expect(h1).to_have_text("Personal und Pläne")
    axe(page)
    stellen = page.get_by_label("5. Wie viele Stellen hat Ihre IT?")
    expect(stellen).to_have_accessible_description(
        "Vollzeitäquivalente, auf eine Stelle nach dem Komma. "
        "Eine Zahl von 0 bis 500, mit höchstens einer Nachkommastelle."
    )
    stellen.fill("viereinhalb")
    scale = page.get_by_role(
        "group", name="6. Wie zufrieden sind Sie mit der Zusammenarbeit? – optional"
    )
    scale.get_by_role("radio", name="4", exact=True).check()
    expect(scale.get_by_role("radio", name="5 – sehr")).to_be_visible()
    page.get_by_label("7. Seit wann gibt es Ihre Digitalisierungsstrategie?").fill("01.05.2023")
    page.get_by_label("8. Was wünschen Sie sich vom Verbund?").fill("Gemeinsame Schulungen.")
    page.get_by_role("button", name="Speichern und weiter").click()

    # The error state: summary on top, linked to the field, the page as it was sent.
    expect(page).to_have_title(re.compile(r"^Fehler: Personal und Pläne"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    message = "„5. Wie viele Stellen hat Ihre IT?“: Bitte geben Sie eine Zahl ein."
    error_link = summary.get_by_role("link", name=message)
    expect(error_link).to_have_attribute("href", "#q-stellen")
    expect(stellen).to_have_value("viereinhalb")
    expect(stellen).to_have_attribute("aria-invalid", "true")
    expect(scale.get_by_role("radio", name="4", exact=True)).to_be_checked()
    axe(page)
    error_link.click()
    expect(stellen).to_be_focused()
    recipient.refresh_from_db()
    assert "stellen" not in recipient.answers
    stellen.fill("4,5")
    page.get_by_role("button", name="Zwischenspeichern").click()
    expect(page.locator(".verbund-messages").get_by_role("status")).to_contain_text(
        "Ihre Antworten sind gespeichert."
    )
    expect(stellen).to_have_value("4,5")
    axe(page)
    page.get_by_role("button", name="Speichern und weiter").click()

    expect(h1).to_have_text("Antworten prüfen und absenden")
    expect(page.get_by_text("E-Rechnung: umgesetzt")).to_be_visible()
    expect(page.get_by_text("01.05.2023")).to_be_visible()
    expect(page.get_by_text("4,5", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name="Ändern 5. Wie viele Stellen hat Ihre IT?")
    ).to_be_visible()
    _no_scripts(page)
    axe(page)
    page.get_by_label("Ausgefüllt von (Name, Stelle)").fill("Frau Adam, IT-Leitung")
    page.get_by_role("button", name="Antworten absenden").click()

    expect(h1).to_have_text("Stand der Digitalisierung 2026")
    expect(page.get_by_text("Vielen Dank! Ihre Antworten sind abgeschickt.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Abgeschickt am \d\d\.\d\d\.\d{4} um"))).to_be_visible()
    expect(page.locator("main form")).to_have_count(0)
    axe(page)
    recipient.refresh_from_db()
    assert recipient.answers == ANSWERS
    assert recipient.respondent == "Frau Adam, IT-Leitung"
    assert recipient.submitted_at is not None


def test_the_check_page_lists_what_is_missing_without_javascript(
    transactional_db: None,
    browser: Browser,
    live_server: object,
    survey_world: SurveyWorld,
) -> None:
    base = str(live_server)
    recipient: Recipient = survey_world.recipient(survey_world.kreis)
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.goto(base + recipient_path(recipient) + "stand/")
        page.get_by_role("radio", name="kein Thema", exact=True).check()
        page.get_by_role("button", name="Zwischenspeichern").click()
        expect(page.get_by_text("Ihre Antworten sind gespeichert.")).to_be_visible()
        page.goto(base + recipient_path(recipient) + "absenden/")
        summary = page.get_by_role("alert")
        missing = summary.get_by_role("link")
        expect(missing).to_have_text(
            [
                "„4. Haben Sie ein Online-Portal?“: Bitte beantworten Sie diese Frage.",
                "„5. Wie viele Stellen hat Ihre IT?“: Bitte beantworten Sie diese Frage.",
            ]
        )
        page.get_by_role("button", name="Antworten absenden").click()
        expect(page.get_by_role("alert").get_by_role("link")).to_have_count(2)
        missing.first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Stand der Digitalisierung")
        expect(page).to_have_url(re.compile(r"/stand/#q-portal-0$"))
    finally:
        context.close()
    recipient.refresh_from_db()
    assert recipient.answers == {"eakte": "kein"}
    assert recipient.submitted_at is None
