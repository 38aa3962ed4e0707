"""Citizens apply in a real browser, from the start page to the receipt.

The demo (``load_demo``) offers three published forms: Reitkennzeichen (Kreis
Olpe, with fees), Fahrzeug außer Betrieb setzen and Pflegewohngeld (Kreis
Düren). Each journey runs axe on every page it sees, error pages included; one
journey runs without JavaScript, one with the keyboard only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

Axe = Callable[[Page], None]

REFERENCE = re.compile(r"VB-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
ATTENDORN = "059660004004"
MERZENICH = "053580040040"
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_file(name: str) -> dict[str, object]:
    """A small valid PDF for ``set_input_files``."""
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


@pytest.fixture
def demo(live_server: object, transactional_db: None) -> str:
    """The demo loaded into the live server's database; its base URL."""
    call_command("load_demo", verbosity=0)
    return str(live_server)


def _step(page: Page, title: str | re.Pattern[str]) -> None:
    """The page of the journey whose question (or title) is ``title``."""
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


# Every input, select and textarea of the page without a visible <label for=…> naming it
# (a heading that holds the label counts; a label only for screen readers does not).
_UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => ![...document.querySelectorAll('label')].some(label => {
    const box = label.getBoundingClientRect();
    const style = getComputedStyle(label);
    return label.htmlFor === el.id && el.id && label.textContent.trim()
      && box.width > 2 && box.height > 2 && style.visibility !== 'hidden'
      && !label.closest('.kern-sr-only');
  }))
  .map(el => el.id || el.name)"""


def _labelled(page: Page) -> None:
    """Every input of the page has a visible label."""
    assert page.evaluate(_UNLABELLED) == [], page.url


def _weiter(page: Page) -> None:
    page.get_by_role("button", name="Weiter").click()


def _fill_address(page: Page, street: str, number: str, postcode: str, city: str) -> None:
    page.get_by_label("Straße").fill(street)
    page.get_by_label("Hausnummer").fill(number)
    page.get_by_label("Postleitzahl").fill(postcode)
    page.get_by_label("Ort", exact=True).fill(city)


# --- 1. Reitkennzeichen in Attendorn, from the start page to the receipt -----------------------


def test_reitkennzeichen_from_the_start_page_to_the_receipt(
    page: Page, demo: str, axe: Axe, tmp_path: Path
) -> None:
    base = demo
    start = page.goto(base + "/")
    # The browser works under the strict policy; nothing it blocks may be needed (the
    # page fixture fails the test on any report, see the end of this journey).
    assert start is not None
    assert "script-src 'self'" in start.headers["content-security-policy"]
    axe(page)
    page.get_by_label("Ort oder Postleitzahl").fill("Attendorn")
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_title("Suchergebnisse für „Attendorn“ – Verbund")
    axe(page)
    page.get_by_role("link", name="Hansestadt Attendorn").click()

    # Official names: the town is the Hansestadt, the responsible authority the Kreis Olpe
    # (the register calls both just "Olpe" and "Attendorn, Hansestadt").
    expect(page.get_by_role("heading", level=1)).to_have_text("Leistungen für Hansestadt Attendorn")
    expect(page.get_by_text("Hansestadt Attendorn, Kreis Olpe.")).to_be_visible()
    axe(page)
    online = page.get_by_role("heading", name="Online beantragen", exact=True)
    expect(online).to_be_visible()
    offer = page.get_by_role("link", name="Reitkennzeichen beantragen", exact=True)
    expect(offer).to_have_count(1)
    # Listed under "Online beantragen": the link starts the platform's own application.
    expect(offer).to_have_attribute("href", re.compile(rf"^/antrag/neu/.+\?ort={ATTENDORN}$"))
    assert offer.evaluate(
        "(link, heading) => !!(heading.compareDocumentPosition(link)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)",
        online.element_handle(),
    )
    listed = page.get_by_role("listitem").filter(has=offer)
    expect(listed).to_contain_text("zuständig: Kreis Olpe")

    # The description names the responsible authority the same way, and lists the documents.
    listed.get_by_role("link", name=re.compile("^Beschreibung")).click()
    expect(page.get_by_text("Für Hansestadt Attendorn zuständig: Kreis Olpe")).to_be_visible()
    expect(page.get_by_text("Entwickelt von Hochsauerlandkreis.")).to_be_visible()
    documents = page.locator("#section-unterlagen ~ ul").first
    expect(documents.get_by_role("listitem")).to_have_count(2)
    axe(page)
    page.go_back()
    offer.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Reitkennzeichen beantragen")
    expect(page.get_by_text("Reitabgabe (Erstausgabe): 25,00 €")).to_be_visible()
    facts = page.locator("dl.verbund-facts")
    expect(facts.locator("dd").nth(0)).to_have_text("Hansestadt Attendorn")
    expect(facts.locator("dd").nth(1)).to_have_text("Kreis Olpe")
    expect(
        page.get_by_role("list").filter(has_text="Tierhalter-Haftpflichtversicherung")
    ).to_be_visible()
    expect(
        page.get_by_text("Der Antrag hat je nach Ihren Angaben 5 bis 6 Schritte.")
    ).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Antrag starten").click()

    # Page 1, first sent empty: the error summary links to the first answer.
    question = "Beantragen Sie das Reitkennzeichen zum ersten Mal?"
    _step(page, question)
    expect(page.get_by_text("Schritt 1 von 5")).to_be_visible()
    _labelled(page)
    axe(page)
    _weiter(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    error_link = summary.get_by_role("link")
    message = f"Wählen Sie eine Antwort zu „{question}“ aus."
    expect(error_link).to_have_text(message)
    expect(error_link).to_have_attribute("href", "#f-erstausgabe-ja")
    expect(page.locator("#f-erstausgabe-ja")).to_have_accessible_name("Ja")
    expect(page).to_have_title(re.compile(r"^Fehler: "))
    axe(page)
    error_link.click()
    expect(page.get_by_role("radio", name="Ja")).to_be_focused()
    page.get_by_role("radio", name="Ja").check()
    _weiter(page)

    _step(page, "Angaben zum Pferd")
    expect(page.get_by_text("Schritt 2 von 5")).to_be_visible()
    _labelled(page)
    axe(page)
    page.get_by_label("Name des Pferdes").fill("Fleckchen")
    # Optional, said once.
    expect(page.locator("label[for=f-pferd_rasse]")).to_have_text("Rasse – optional")
    page.get_by_label("Rasse").fill("Haflinger")
    page.get_by_label("Geburtsjahr des Pferdes").fill("2015")
    page.get_by_role("radio", name="Fuchs").check()
    _weiter(page)

    _step(page, "Nachweis der Tierhalter-Haftpflichtversicherung")
    expect(page.get_by_text("Schritt 3 von 5")).to_be_visible()
    _labelled(page)
    expect(page.locator(".kern-btn--primary")).to_have_count(1)
    axe(page)
    page.get_by_label("Nachweis der Tierhalter-Haftpflichtversicherung").set_input_files(
        pdf_file("Versicherung.pdf")
    )
    _weiter(page)

    _step(page, "Halterin oder Halter des Pferdes")
    _labelled(page)
    axe(page)
    page.get_by_label("Vorname").fill("Hanna")
    page.get_by_label("Nachname").fill("Reiter")
    _fill_address(page, "Kölner Straße", "12", "57439", "Attendorn")
    _weiter(page)

    _step(page, "Wie erreichen wir Sie?")
    expect(page.get_by_text("Schritt 5 von 5")).to_be_visible()
    _labelled(page)
    axe(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("hanna.reiter@example.de")
    _weiter(page)

    _step(page, "Prüfen Sie Ihre Angaben")
    fees = page.get_by_role("table", name="Gebühren")
    expect(fees.get_by_role("row", name="Reitabgabe (Erstausgabe) 25,00 €")).to_be_visible()
    expect(fees.get_by_role("row", name="Verwaltungsgebühr (Erstausgabe) 10,00 €")).to_be_visible()
    expect(
        fees.get_by_role("row", name="Reitkennzeichen und Plakette (Sachkosten) 5,00 €")
    ).to_be_visible()
    expect(fees.get_by_role("row", name="Summe 40,00 €")).to_be_visible()
    expect(page.get_by_text("Fleckchen", exact=True)).to_be_visible()
    expect(page.get_by_text("Versicherung.pdf")).to_be_visible()
    axe(page)

    # One answer changed: the page opens for it and leads back to the summary.
    page.get_by_role("link", name="Ändern Name des Pferdes").click()
    _step(page, "Angaben zum Pferd")
    expect(page.get_by_label("Name des Pferdes")).to_have_value("Fleckchen")
    axe(page)
    page.get_by_label("Name des Pferdes").fill("Flocke")
    page.get_by_role("button", name="Speichern und zur Übersicht").click()
    _step(page, "Prüfen Sie Ihre Angaben")
    expect(page.get_by_text("Flocke", exact=True)).to_be_visible()
    expect(page.get_by_text("Fleckchen", exact=True)).to_have_count(0)
    expect(fees.get_by_role("row", name="Summe 40,00 €")).to_be_visible()
    page.get_by_role("button", name="Absenden und bezahlen").click()

    _step(page, "Ihr Antrag ist gespeichert – bitte bezahlen Sie jetzt")
    reference_text = page.locator(".verbund-reference strong")
    expect(reference_text).to_have_text(REFERENCE)
    reference = reference_text.inner_text().strip()
    axe(page)
    page.get_by_role("button", name="40,00 € jetzt bezahlen").click()

    _step(page, "Bezahldienst (Simulation)")
    expect(page.get_by_text(reference)).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Jetzt bezahlen").click()

    _step(page, "Stand Ihres Antrags")
    expect(page.get_by_text("Vielen Dank, die Gebühr ist bezahlt.")).to_be_visible()
    history = page.locator(".verbund-timeline > li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("Zahlung ausstehend")
    expect(history.last).to_contain_text("Eingegangen")
    expect(page.get_by_role("heading", name="Zahlung ausstehend")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("jetzt bezahlen"))).to_have_count(0)
    status_facts = page.locator("dl.verbund-facts")
    expect(status_facts.locator("dt", has_text="Zuständig")).to_have_count(1)
    expect(status_facts.locator("dt:text-is('Zuständig') + dd")).to_have_text("Kreis Olpe")
    axe(page)

    with page.expect_download(timeout=15_000) as download_info:
        page.get_by_role("link", name="Eingangsbestätigung herunterladen (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"{reference}.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(content)).pages]
    assert reference in pages[0]
    # The responsible authority with the address of its office, and the fees, on page 1.
    assert (
        "Zuständig Kreis Olpe\nUntere Naturschutzbehörde\nWestfälische Straße 75\n57462 Olpe"
        in (pages[0])
    )
    assert "Summe" in pages[0]
    assert "40,00 €" in pages[0]
    # From the start page to the receipt, the Content-Security-Policy blocked nothing.
    assert csp_violations(page) == []


# --- 2. Fahrzeug außer Betrieb setzen in Merzenich, without JavaScript ------------------------


class AxeWithoutScripts:
    """axe for a page of a context without JavaScript, where axe itself cannot run.

    The exact document the citizen sees (error pages included) is served once at
    its own URL to a page with JavaScript, which loads the same styles; axe runs
    there. Nothing is requested from the server for the document itself, so the
    journey's state is untouched.
    """

    def __init__(self, browser: Browser, axe: Axe) -> None:
        self.context = browser.new_context(locale="de-DE")
        self.page = self.context.new_page()
        self.page.set_default_timeout(5_000)
        self.axe = axe

    def __call__(self, page: Page) -> None:
        url, html = page.url.split("#")[0], page.content()

        def this_document(address: str) -> bool:
            return address == url

        self.page.route(
            this_document,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        try:
            self.page.goto(url)
        finally:
            self.page.unroute(this_document)
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            page.get_by_role("heading", level=1).inner_text()
        )
        _labelled(self.page)
        self.axe(self.page)

    def close(self) -> None:
        self.context.close()


def test_fahrzeug_ausser_betrieb_without_javascript(browser: Browser, demo: str, axe: Axe) -> None:
    base = demo
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    check = AxeWithoutScripts(browser, axe)
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.goto(f"{base}/leistungen/ort/{MERZENICH}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Leistungen für Gemeinde Merzenich"
        )
        check(page)
        page.get_by_role(
            "link", name="Fahrzeug außer Betrieb setzen (abmelden)", exact=True
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Fahrzeug außer Betrieb setzen (abmelden)"
        )
        expect(
            page.get_by_text("Außerbetriebsetzung (Gebühr nach GebOSt): 16,80 €")
        ).to_be_visible()
        check(page)
        page.get_by_role("button", name="Antrag starten").click()

        _step(page, "Welches Fahrzeug setzen Sie außer Betrieb?")
        check(page)
        # The heading asks, the visible label says what to type.
        page.get_by_label("Kennzeichen des Fahrzeugs").fill("DN-AB 123")
        _weiter(page)

        _step(page, "Angaben aus der Zulassungsbescheinigung")
        check(page)
        page.get_by_label("Fahrzeug-Identifizierungsnummer (FIN)").fill("WVWZZZ1JZXW000001")
        page.get_by_label("Sicherheitscode der Zulassungsbescheinigung Teil I").fill("Ab3dE7x")
        _weiter(page)

        _step(page, "Sicherheitscodes der Kennzeichenschilder")
        check(page)
        page.get_by_label("Sicherheitscode der Plakette vorne").fill("x7K")
        page.get_by_label("Sicherheitscode der Plakette hinten").fill("m2Q")
        _weiter(page)

        _step(page, "Warum setzen Sie das Fahrzeug außer Betrieb?")
        expect(page.get_by_text("Schritt 4 von 7")).to_be_visible()
        check(page)
        page.get_by_role("radio", name="Es wurde verschrottet").check()
        _weiter(page)

        # Scrapped: the upload page appears (and the journey has one page more).
        _step(page, "Laden Sie den Verwertungsnachweis hoch")
        expect(page.get_by_text("Schritt 5 von 8")).to_be_visible()
        check(page)
        # One obvious action: "Weiter" uploads the chosen file.
        expect(page.get_by_role("button", name="Datei hochladen")).to_have_count(0)
        upload = page.get_by_label("Verwertungsnachweis", exact=True)
        upload.set_input_files(
            {"name": "Verwertung.pdf", "mimeType": "application/pdf", "buffer": b"<html>x</html>"}
        )
        _weiter(page)
        summary = page.get_by_role("alert")
        rejection = re.compile(
            r"^„Verwertung\.pdf“ ist keine PDF-Datei, .*\. Erlaubt sind: PDF, JPEG, PNG\.$"
        )
        expect(summary.get_by_role("link")).to_have_text(rejection)
        expect(summary.get_by_role("link")).to_have_attribute("href", "#f-verwertungsnachweis")
        expect(page.locator("#f-verwertungsnachweis-error")).to_contain_text("Verwertung.pdf")
        expect(page.get_by_role("list", name="Hochgeladene Dateien")).to_have_count(0)
        check(page)
        upload.set_input_files(pdf_file("Verwertungsnachweis.pdf"))
        _weiter(page)
        _step(page, "Halterin oder Halter")
        # Back on the upload page the file is listed and can be removed.
        page.get_by_role("link", name="Zurück").click()
        _step(page, "Laden Sie den Verwertungsnachweis hoch")
        files = page.get_by_role("list", name="Hochgeladene Dateien")
        expect(files).to_contain_text("Verwertungsnachweis.pdf")
        expect(page.get_by_role("alert")).to_have_count(0)
        expect(
            page.get_by_role("button", name="„Verwertungsnachweis.pdf“ entfernen")
        ).to_be_visible()
        check(page)
        _weiter(page)

        _step(page, "Halterin oder Halter")
        check(page)
        page.get_by_label("Vorname").fill("Max")
        page.get_by_label("Nachname").fill("Mustermann")
        _fill_address(page, "Valdersweg", "1", "52399", "Merzenich")
        _weiter(page)

        _step(page, "Erstattung der Kfz-Steuer")
        check(page)
        iban = page.get_by_label("IBAN für die Erstattung der Kfz-Steuer")
        iban.fill("DE02120300000000202052")
        _weiter(page)
        expect(page.get_by_role("alert").get_by_role("link")).to_have_text(
            re.compile(r"^Die IBAN ist nicht gültig\.")
        )
        expect(page.get_by_role("alert").get_by_role("link")).to_have_attribute("href", "#f-iban")
        expect(iban).to_have_attribute("aria-invalid", "true")
        expect(iban).to_have_value("DE02120300000000202052")
        check(page)
        iban.fill("DE02120300000000202051")
        _weiter(page)

        _step(page, "Wie erreichen wir Sie?")
        check(page)
        page.get_by_label("Ihre E-Mail-Adresse").fill("max@example.de")
        _weiter(page)

        _step(page, "Prüfen Sie Ihre Angaben")
        expect(page.get_by_text("Verwertungsnachweis.pdf")).to_be_visible()
        expect(page.get_by_text("Es wurde verschrottet")).to_be_visible()
        expect(
            page.get_by_role("table", name="Gebühren").get_by_role("row", name="Summe 16,80 €")
        ).to_be_visible()
        check(page)
        page.get_by_role("button", name="Absenden und bezahlen").click()

        _step(page, "Ihr Antrag ist gespeichert – bitte bezahlen Sie jetzt")
        expect(page.locator(".verbund-reference strong")).to_have_text(REFERENCE)
        reference = page.locator(".verbund-reference strong").inner_text().strip()
        check(page)
        page.get_by_role("button", name="16,80 € jetzt bezahlen").click()

        # First the citizen cancels at the provider, …
        _step(page, "Bezahldienst (Simulation)")
        check(page)
        page.get_by_role("button", name="Zahlung abbrechen").click()
        _step(page, "Stand Ihres Antrags")
        expect(page.get_by_text("Sie haben die Zahlung abgebrochen.")).to_be_visible()
        expect(page.get_by_role("heading", name="Zahlung ausstehend")).to_be_visible()
        expect(page.get_by_text(reference)).to_be_visible()
        check(page)

        # … then tries again and pays.
        page.get_by_role("button", name="16,80 € jetzt bezahlen").click()
        _step(page, "Bezahldienst (Simulation)")
        check(page)
        page.get_by_role("button", name="Jetzt bezahlen").click()
        _step(page, "Stand Ihres Antrags")
        expect(page.get_by_text("Vielen Dank, die Gebühr ist bezahlt.")).to_be_visible()
        expect(page.get_by_role("heading", name="Zahlung ausstehend")).to_have_count(0)
        expect(page.locator(".verbund-timeline li").last).to_contain_text("Eingegangen")
        expect(page.locator("dl.verbund-facts")).to_contain_text("Kreis Düren")
        check(page)
    finally:
        check.close()
        context.close()


# --- 3. Pflegewohngeld in Merzenich, with the keyboard only ----------------------------------


def _focused(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement"))


def _tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has the focus; fail if it never gets it."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if _focused(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} did not reach {target} within {limit} presses on {page.url}")


def _next(page: Page, target: Locator) -> None:
    """One Tab leads to ``target`` (the tab order follows the page)."""
    page.keyboard.press("Tab")
    expect(target).to_be_focused()


def _type_next(page: Page, target: Locator, text: str) -> None:
    _next(page, target)
    page.keyboard.type(text)
    expect(target).to_have_value(text)


def _press_button(page: Page, name: str, key: str = "Enter") -> None:
    button = page.get_by_role("button", name=name, exact=True)
    _tab_to(page, button)
    page.keyboard.press(key)


def test_pflegewohngeld_with_the_keyboard_only(page: Page, demo: str, axe: Axe) -> None:
    base = demo
    # Playwright subscribes to file choosers without waiting for the browser; a listener
    # from the start keeps the subscription on, so no chooser opens unseen later.
    page.on("filechooser", lambda chooser: None)
    page.goto(f"{base}/leistungen/ort/{MERZENICH}/")
    axe(page)
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    _tab_to(page, page.get_by_role("link", name="Pflegewohngeld beantragen", exact=True))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Pflegewohngeld beantragen")
    expect(page.get_by_role("term").filter(has_text="Gebühren")).to_have_count(0)
    axe(page)
    _press_button(page, "Antrag starten")

    # The answer "Nein" with the arrow keys: no page for a representative.
    _step(page, "Stellen Sie den Antrag für eine andere Person?")
    axe(page)
    _tab_to(page, page.get_by_role("radio", name="Ja"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Nein")).to_be_checked()
    expect(page.get_by_role("radio", name="Nein")).to_be_focused()
    _press_button(page, "Weiter")

    _step(page, "Wer lebt im Pflegeheim?")
    expect(page.get_by_text("Schritt 2 von 8")).to_be_visible()
    axe(page)
    _tab_to(page, page.get_by_label("Vorname"))
    page.keyboard.type("Erna")
    _type_next(page, page.get_by_label("Nachname"), "Beispiel")
    _type_next(page, page.get_by_label("Tag"), "15")
    _type_next(page, page.get_by_label("Monat"), "3")
    _type_next(page, page.get_by_label("Jahr"), "1938")
    _next(page, page.get_by_role("button", name="Weiter"))
    page.keyboard.press("Enter")

    _step(page, "Das Pflegeheim")
    axe(page)
    _tab_to(page, page.get_by_label("Name des Pflegeheims"))
    page.keyboard.type("Haus am Park")
    _type_next(page, page.get_by_label("Straße"), "Parkstraße")
    _type_next(page, page.get_by_label("Hausnummer"), "7")
    _type_next(page, page.get_by_label("Postleitzahl"), "52399")
    _type_next(page, page.get_by_label("Ort", exact=True), "Merzenich")
    _type_next(page, page.get_by_label("Tag"), "01")
    _type_next(page, page.get_by_label("Monat"), "02")
    _type_next(page, page.get_by_label("Jahr"), "2025")
    _next(page, page.get_by_role("button", name="Weiter"))
    page.keyboard.press("Enter")

    _step(page, "Welcher Pflegegrad ist festgestellt?")
    axe(page)
    _tab_to(page, page.get_by_role("radio", name="Pflegegrad 1"))
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Pflegegrad 1")).to_be_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Pflegegrad 3")).to_be_checked()
    expect(page.get_by_role("radio", name="Pflegegrad 1")).not_to_be_checked()
    _press_button(page, "Weiter", key="Space")

    _step(page, "Einkommen und Vermögen")
    axe(page)
    income = page.get_by_label("Monatliches Einkommen (netto)")
    _tab_to(page, income)
    page.keyboard.type("1.200")
    _tab_to(page, page.get_by_role("radio", name="Ja"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Nein")).to_be_checked()
    # Back to correct the income: Shift+Tab, select, retype.
    _tab_to(page, income, backwards=True)
    page.keyboard.press("Control+A")
    page.keyboard.type("1.250,50")
    expect(income).to_have_value("1.250,50")

    # Saved for later in the middle of the journey, then continued.
    _press_button(page, "Speichern und später fortsetzen")
    _step(page, "Antrag speichern und später fortsetzen")
    axe(page)
    email = page.get_by_label("Ihre E-Mail-Adresse")
    _tab_to(page, email)
    page.keyboard.type("erna.beispiel@")
    _press_button(page, "Link senden")
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_text(
        "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.de."
    )
    expect(summary).to_be_focused()
    axe(page)
    # From the focused summary, its link leads to the field; the text stays for correcting.
    _next(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(email).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type("example.de")
    expect(email).to_have_value("erna.beispiel@example.de")
    _press_button(page, "Link senden", key="Space")
    _step(page, "Wir haben Ihnen einen Link geschickt")
    expect(page.get_by_text("erna.beispiel@example.de")).to_be_visible()
    axe(page)
    _tab_to(page, page.get_by_role("link", name="Jetzt weitermachen"))
    page.keyboard.press("Enter")

    _step(page, "Wohin zahlen wir das Pflegewohngeld?")
    expect(page.get_by_text("Schritt 6 von 8")).to_be_visible()
    axe(page)
    _labelled(page)
    _tab_to(page, page.get_by_label("IBAN des Pflegeheims"))
    page.keyboard.type("DE89 3704 0044 0532 0130 00")
    page.keyboard.press("Enter")

    # The file choosers open from the keyboard.
    _step(page, "Nachweise hochladen")
    axe(page)
    contract = page.get_by_label("Heimvertrag")
    _tab_to(page, contract)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(pdf_file("Heimvertrag.pdf"))
    grade = page.get_by_label("Bescheid der Pflegekasse über den Pflegegrad")
    _tab_to(page, grade)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(pdf_file("Pflegekasse.pdf"))
    proofs = page.get_by_label("Nachweise über Ihr Einkommen")
    _tab_to(page, proofs)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    assert chooser.value.is_multiple()
    chooser.value.set_files([pdf_file("Rentenbescheid.pdf"), pdf_file("Betriebsrente.pdf")])
    assets = page.get_by_label("Nachweise über Ihr Vermögen")
    _tab_to(page, assets)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(pdf_file("Kontoauszug.pdf"))
    _labelled(page)
    _press_button(page, "Weiter")

    _step(page, "Wie lautet Ihre E-Mail-Adresse?")
    _labelled(page)
    axe(page)
    _tab_to(page, page.get_by_label("Ihre E-Mail-Adresse"))
    page.keyboard.type("erna.beispiel@example.de")
    _press_button(page, "Weiter")

    _step(page, "Prüfen Sie Ihre Angaben")
    expect(page.get_by_role("table", name="Gebühren")).to_have_count(0)
    for shown in ("Pflegegrad 3", "1.250,50 €", "Heimvertrag.pdf", "Rentenbescheid.pdf"):
        expect(page.get_by_text(shown).first).to_be_visible()
    axe(page)
    _press_button(page, "Antrag absenden")

    _step(page, "Ihr Antrag ist eingegangen")
    expect(page.locator(".verbund-reference strong")).to_have_text(REFERENCE)
    expect(page.get_by_role("button", name=re.compile("bezahlen"))).to_have_count(0)
    axe(page)


# --- 4. The journey in English -------------------------------------------------------------


def test_journey_page_in_english(page: Page, demo: str, axe: Axe) -> None:
    """The page chrome switches language; the builder's questions stay as written."""
    page.goto(f"{demo}/leistungen/ort/{MERZENICH}/")
    page.get_by_role("link", name="Fahrzeug außer Betrieb setzen (abmelden)", exact=True).click()
    page.get_by_role("button", name="Antrag starten").click()
    question = "Welches Fahrzeug setzen Sie außer Betrieb?"
    _step(page, question)
    step_url = page.url

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(step_url)
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("button", name="Deutsch")).not_to_have_attribute("aria-current", "true")
    _step(page, question)
    # The builder's German label is marked as German inside the English page.
    expect(page.locator("label[for=f-kennzeichen] > span")).to_have_attribute("lang", "de")
    expect(page.locator("label[for=f-kennzeichen] > span")).to_have_text(
        "Kennzeichen des Fahrzeugs"
    )
    axe(page)

    # Still works: an error, then the next page, both in English.
    field = page.get_by_label("Kennzeichen des Fahrzeugs")
    field.fill("nicht gültig")
    page.locator("button[name=aktion][value=weiter]").click()
    expect(page.get_by_role("alert").get_by_role("link")).to_have_attribute(
        "href", "#f-kennzeichen"
    )
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe(page)
    field.fill("DN-AB 123")
    page.locator("button[name=aktion][value=weiter]").click()
    _step(page, "Angaben aus der Zulassungsbescheinigung")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "de")
    axe(page)


# --- 5. A wrong address -------------------------------------------------------------------


def test_a_wrong_address_shows_the_friendly_page(page: Page, demo: str, axe: Axe) -> None:
    response = page.goto(f"{demo}/leistungen/ort/gibt-es-nicht/")
    assert response is not None
    assert response.status == 404
    _step(page, "Seite nicht gefunden")
    expect(page).to_have_title("Seite nicht gefunden – Verbund")
    expect(page.get_by_text("Using the URLconf")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Zur Startseite").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verwaltungsleistungen Ihrer Kommune online"
    )
