"""The archive in a real browser: an archivist uploads scans (with the script's
progress and per-file results, and without JavaScript), corrects a recognised line
and marks the page checked; an anonymous visitor searches the public pages and sees
the hit marked on the page image, and never a members-only page. axe runs on every
page visited; the Content-Security-Policy must block nothing (the ``page`` fixture).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.archive.conftest import BROKEN_PNG, World, jpeg, png
from tests.archive.conftest import world as world  # the fixture, re-exported
from tests.archive.ocr.conftest import ingest_text_page
from tests.browser.conftest import follow, login, watch_csp
from tests.browser.test_citizen_journeys import AxeWithoutScripts
from verbund.archive.models import LineCorrection, OcrProfile, OcrStatus
from verbund.archive.models import Page as ArchivePage
from verbund.archive.ocr.services import page_recognise
from verbund.archive.search.models import PageIndex
from verbund.core.models import AuditEntry

pytestmark = [pytest.mark.browser]

Axe = Callable[[Page], None]

BROKEN_MESSAGE = (
    "„kaputt.png“ lässt sich nicht als PNG öffnen; die Datei ist beschädigt oder unvollständig."
)


def _h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _status_messages(page: Page) -> Locator:
    return page.locator(".verbund-messages").get_by_role("status")


def _scans(folder: Path, *files: tuple[str, bytes]) -> list[Path]:
    """Write the scans into ``folder`` as an archivist's files on disk."""
    folder.mkdir(exist_ok=True)
    paths = []
    for name, content in files:
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def _ingested_files() -> list[str]:
    return [
        entry.changes["file"]
        for entry in AuditEntry.objects.filter(action="archive.pages_ingested").order_by("pk")
    ]


def _thumbnails_loaded(page: Page, count: int) -> None:
    """Every thumbnail of the unit's page list is a decoded image (not a broken one)."""
    thumbnails = page.locator("img.archive-pages__thumbnail")
    expect(thumbnails).to_have_count(count)
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.archive-pages__thumbnail')]"
        ".every((img) => img.complete && img.naturalWidth > 0)"
    )


def test_archivist_uploads_scans_with_progress_and_a_broken_file(
    transactional_db: None,
    page: Page,
    live_server: object,
    axe: Axe,
    world: World,
    tmp_path: Path,
) -> None:
    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    login(page.context, base, world.pilot_clerk)
    unit = world.public_unit

    page.goto(f"{base}/verwaltung/behoerden/{world.pilot.pk}/")
    expect(page.get_by_role("heading", name="Archiv", exact=True)).to_be_visible()
    expect(page.get_by_text("0 Seiten digitalisiert.")).to_be_visible()
    axe(page)
    follow(page.get_by_role("link", name="Kreisarchiv Soest"))
    expect(_h1(page)).to_have_text("Kreisarchiv Soest")
    axe(page)
    follow(page.get_by_role("link", name="A 1", exact=True))
    expect(_h1(page)).to_have_text("Bestand A 1: Landratsamt Soest")
    axe(page)
    follow(page.get_by_role("link", name="A 1/1", exact=True))
    expect(_h1(page)).to_have_text("A 1/1: Kreisblatt 1848")
    expect(page.get_by_role("heading", name="0 Seiten")).to_be_visible()
    expect(page.get_by_text("Die Einheit hat noch keine Seiten.")).to_be_visible()
    axe(page)

    follow(page.get_by_role("link", name="Scans hochladen"))
    expect(_h1(page)).to_have_text("Scans hochladen")
    axe(page)
    page.get_by_label("Scans").set_input_files(
        _scans(
            tmp_path / "stapel-1",
            ("seite-2.jpg", jpeg((900, 1200), "Zweite Seite")),
            ("seite-1.png", png((900, 1200), "Erste Seite")),
        )
    )
    page.get_by_role("button", name="Hochladen").click()
    # The script sends the form itself and lists each file's result in the live
    # region, in the order of the file names.
    results = page.locator(".archive-upload__results")
    expect(results.get_by_role("listitem")).to_have_text(
        [
            "Eingespielt: „seite-1.png“: 1 Seite eingespielt (Seite 1).",
            "Eingespielt: „seite-2.jpg“: 1 Seite eingespielt (Seite 2).",
        ]
    )
    expect(results).to_have_attribute("aria-live", "polite")
    expect(page.locator("progress.archive-upload__progress")).to_be_hidden()
    expect(page).to_have_url(f"{base}/verwaltung/archiv/einheiten/{unit.pk}/hochladen/")
    axe(page)
    assert _ingested_files() == ["seite-1.png", "seite-2.jpg"]

    follow(results.get_by_role("link", name="Zur Verzeichnungseinheit"))
    expect(_h1(page)).to_have_text("A 1/1: Kreisblatt 1848")
    expect(page.get_by_role("heading", name="2 Seiten")).to_be_visible()
    expect(page.get_by_text("Texterkennung: wartet auf Texterkennung: 2")).to_be_visible()
    expect(page.locator(".archive-pages__item").get_by_role("link")).to_have_text(
        ["Seite 1", "Seite 2"]
    )
    _thumbnails_loaded(page, 2)
    axe(page)

    # A batch with a broken file: its German message, and the good file is stored.
    follow(page.get_by_role("link", name="Scans hochladen"))
    page.get_by_label("Scans").set_input_files(
        _scans(
            tmp_path / "stapel-2",
            ("kaputt.png", BROKEN_PNG),
            ("seite-3.png", png((900, 1200), "Dritte Seite")),
        )
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(results.get_by_role("listitem")).to_have_text(
        [
            f"Abgelehnt: {BROKEN_MESSAGE}",
            "Eingespielt: „seite-3.png“: 1 Seite eingespielt (Seite 3).",
        ]
    )
    axe(page)
    assert list(
        ArchivePage.objects.filter(unit=unit)
        .order_by("position")
        .values_list("position", "master_name")
    ) == [(1, "seite-1.png"), (2, "seite-2.jpg"), (3, "seite-3.png")]
    # Nothing of the broken file: no page, no audit entry.
    assert _ingested_files() == ["seite-1.png", "seite-2.jpg", "seite-3.png"]

    follow(results.get_by_role("link", name="Zur Verzeichnungseinheit"))
    expect(page.get_by_role("heading", name="3 Seiten")).to_be_visible()
    _thumbnails_loaded(page, 3)
    axe(page)
    follow(page.locator(".archive-pages__item").get_by_role("link", name="Seite 3"))
    expect(_h1(page)).to_have_text("A 1/1, Seite 3")
    expect(page.get_by_role("img", name="Scan von A 1/1, Seite 3")).to_be_visible()
    axe(page)


def test_archivist_uploads_without_javascript(
    transactional_db: None,
    browser: Browser,
    live_server: object,
    axe: Axe,
    world: World,
    tmp_path: Path,
) -> None:
    base = str(live_server)
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    # axe cannot run where scripts are off: it checks the same document elsewhere.
    check = AxeWithoutScripts(browser, axe)
    try:
        page = context.new_page()
        page.set_default_timeout(5_000)
        page.set_default_navigation_timeout(15_000)
        blocked = watch_csp(page)
        login(context, base, world.pilot_clerk)
        unit = world.own_unit
        page.goto(f"{base}/verwaltung/archiv/einheiten/{unit.pk}/hochladen/")
        expect(_h1(page)).to_have_text("Scans hochladen")
        check(page)

        page.get_by_label("Scans").set_input_files(
            _scans(
                tmp_path / "stapel-1",
                ("b.png", png((900, 1200), "Seite B")),
                ("a-kaputt.png", BROKEN_PNG),
            )
        )
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Hochladen").click()
        # The form posts as usual; the answer (400) lists what was stored and why the
        # rest was refused.
        expect(page).to_have_title(re.compile(r"^Fehler: Scans hochladen"))
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("heading")).to_have_text("Nicht alle Dateien wurden eingespielt")
        expect(summary.get_by_role("listitem")).to_have_text(
            [
                "Abgelehnt: „a-kaputt.png“ lässt sich nicht als PNG öffnen; "
                "die Datei ist beschädigt oder unvollständig.",
                "Eingespielt: „b.png“: 1 Seite eingespielt (Seite 1).",
            ]
        )
        check(page)
        assert list(
            ArchivePage.objects.filter(unit=unit).values_list("position", "master_name")
        ) == [(1, "b.png")]
        assert _ingested_files() == ["b.png"]

        page.get_by_label("Scans").set_input_files(
            _scans(tmp_path / "stapel-2", ("c.png", png((900, 1200), "Seite C")))
        )
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Hochladen").click()
        # All stored: back to the unit with a message per file.
        expect(_h1(page)).to_have_text("A 1/3: Personalakten")
        expect(_status_messages(page)).to_have_text(["„c.png“: 1 Seite eingespielt (Seite 2)."])
        expect(page.get_by_role("heading", name="2 Seiten")).to_be_visible()
        expect(page.locator("img.archive-pages__thumbnail")).to_have_count(2)
        check(page)
        assert _ingested_files() == ["b.png", "c.png"]
        assert blocked == []
    finally:
        check.close()
        context.close()


def test_archivist_corrects_a_recognised_line_and_marks_the_page_checked(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World
) -> None:
    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    # Every page goes to review: the threshold is above any real confidence.
    OcrProfile.objects.filter(pk=world.profile.pk).update(review_threshold=Decimal("99.9"))
    scan = ingest_text_page(
        world.members_unit, ("Der Gemeinderat tagte am Montag.", "Bericht über den Wegebau")
    )
    recognised = page_recognise(scan)  # the real Tesseract, `deu` for typewriter
    assert recognised.ocr_status == OcrStatus.REVIEW
    # Tesseract put the lines into two text blocks: a blank line between them.
    assert recognised.text == "Der Gemeinderat tagte am Montag.\n\nBericht über den Wegebau"
    login(page.context, base, world.pilot_clerk)

    page.goto(f"{base}/verwaltung/behoerden/{world.pilot.pk}/")
    expect(page.get_by_text("1 Seite digitalisiert, 1 zur Prüfung.")).to_be_visible()
    follow(page.get_by_role("link", name="Kreisarchiv Soest"))
    follow(page.get_by_role("link", name="Texterkennung prüfen"))
    expect(_h1(page)).to_have_text("Texterkennung prüfen: Kreisarchiv Soest")
    queue = page.get_by_role("table")
    expect(queue.get_by_role("row")).to_have_count(2)
    expect(queue.get_by_role("row").nth(1).get_by_role("cell").nth(1)).to_have_text("zur Prüfung")
    axe(page)

    follow(queue.get_by_role("link", name="A 1/2, Seite 1 korrigieren"))
    expect(_h1(page)).to_have_text("Texterkennung korrigieren: A 1/2, Seite 1")
    expect(page.get_by_role("img", name="Bild der Seite 1")).to_be_visible()
    lines = page.locator("form.verbund-card")
    expect(lines).to_have_count(2)
    first = lines.nth(0)
    expect(first.get_by_role("img", name="Bildausschnitt der Zeile 1")).to_be_visible()
    expect(first.get_by_label("Text der Zeile")).to_have_value("Der Gemeinderat tagte am Montag.")
    expect(lines.nth(1).get_by_label("Text der Zeile")).to_have_value("Bericht über den Wegebau")
    axe(page)

    # An empty line is refused with the field named, and nothing is kept.
    first.get_by_label("Text der Zeile").fill("")
    first.get_by_role("button", name="Zeile speichern (Zeile 1)").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Geben Sie den Text der Zeile ein, so wie er auf dem Bild steht."
    )
    expect(page).to_have_title(re.compile(r"^Fehler: Texterkennung korrigieren"))
    axe(page)
    assert LineCorrection.objects.count() == 0
    assert not AuditEntry.objects.filter(action="archive.line_corrected").exists()

    first = page.locator("form.verbund-card").nth(0)
    first.get_by_label("Text der Zeile").fill("Der Gemeinderat tagte am Montag, den 3. Mai.")
    first.get_by_role("button", name="Zeile speichern (Zeile 1)").click()
    expect(_status_messages(page)).to_have_text(["Die Zeile ist gespeichert."])
    first = page.locator("form.verbund-card").nth(0)
    expect(first).to_contain_text("Zeile 1 · korrigiert")
    expect(first).to_contain_text("Erkannt war: Der Gemeinderat tagte am Montag.")
    expect(first.get_by_label("Text der Zeile")).to_have_value(
        "Der Gemeinderat tagte am Montag, den 3. Mai."
    )
    axe(page)
    correction = LineCorrection.objects.get()
    assert (correction.recognised, correction.corrected) == (
        "Der Gemeinderat tagte am Montag.",
        "Der Gemeinderat tagte am Montag, den 3. Mai.",
    )
    scan.refresh_from_db()
    assert scan.text == "Der Gemeinderat tagte am Montag, den 3. Mai.\n\nBericht über den Wegebau"

    page.get_by_role("button", name="Seite als geprüft markieren").click()
    expect(_status_messages(page)).to_have_text(["Die Seite ist als geprüft markiert."])
    expect(_h1(page)).to_have_text("Texterkennung prüfen: Kreisarchiv Soest")
    expect(page.get_by_text("Keine Seite wartet auf eine Prüfung.")).to_be_visible()
    axe(page)
    scan.refresh_from_db()
    assert scan.ocr_status == OcrStatus.REVIEWED
    assert scan.reviewed_by == world.pilot_clerk
    assert AuditEntry.objects.filter(action="archive.page_reviewed").count() == 1

    # The page shows the corrected text.
    page.goto(f"{base}/verwaltung/archiv/seiten/{scan.pk}/")
    expect(_h1(page)).to_have_text("A 1/2, Seite 1")
    recognised_text = page.locator(".verbund-scroll-box")
    expect(recognised_text).to_contain_text("Der Gemeinderat tagte am Montag, den 3. Mai.")
    expect(recognised_text).to_contain_text("Bericht über den Wegebau")
    axe(page)


def test_visitor_searches_public_pages_and_sees_the_hit_marked(
    transactional_db: None, page: Page, live_server: object, axe: Axe, world: World
) -> None:
    base = str(live_server)
    page.set_default_navigation_timeout(15_000)
    public = ingest_text_page(
        world.public_unit, ("Der Gemeinderat tagte am Montag.", "Bericht über den Wegebau")
    )
    members = ingest_text_page(
        world.members_unit, ("Der Gemeindeförster meldet Windbruch.", "Verwaltungsbericht 1950")
    )
    # The real recognition stores ALTO and text and indexes the page.
    for scan in (public, members):
        page_recognise(scan)
    public.refresh_from_db()
    members.refresh_from_db()
    assert "Wegebau" in public.text
    assert "Windbruch" in members.text
    assert PageIndex.objects.count() == 2

    page.goto(f"{base}/archiv/suche/")
    expect(_h1(page)).to_have_text("Digitalisierte Archivalien durchsuchen")
    axe(page)
    page.get_by_role("searchbox", name="Suchbegriffe").fill("Wegebau")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_title("Archivsuche nach „Wegebau“ – Verbund")
    expect(page.get_by_role("status")).to_have_text("1 Seite gefunden.")
    hits = page.locator(".archive-search-hits__item")
    expect(hits).to_have_count(1)
    expect(hits.locator("mark")).to_have_text(["Wegebau"])
    axe(page)

    follow(hits.get_by_role("link", name="A 1/1 Kreisblatt 1848, Seite 1"))
    expect(_h1(page)).to_have_text("A 1/1 Kreisblatt 1848, Seite 1")
    # The SVG is labelled by its caption.
    figure = page.get_by_role(
        "img", name="Bild der Seite 1 von A 1/1. 1 Fundstelle ist markiert.", exact=True
    )
    expect(figure).to_be_visible()
    expect(figure.locator("rect.archive-search-box")).to_have_count(1)
    image_url = figure.locator("image").get_attribute("href")
    assert image_url == f"/archiv/seiten/{public.pk}/bild.jpg"
    answer = page.request.get(f"{base}{image_url}")
    assert (answer.status, answer.headers["content-type"]) == (200, "image/jpeg")
    expect(page.locator(".archive-search-text mark")).to_have_text(["Wegebau"])
    axe(page)

    # A word only on the members-only page is not found, not even counted.
    follow(page.get_by_role("link", name="Zurück zu den Suchergebnissen"))
    page.get_by_role("searchbox", name="Suchbegriffe").fill("Windbruch")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("status")).to_have_text("0 Seiten gefunden.")
    expect(page.get_by_text("Keine Seite gefunden")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Gemeindeförster")
    expect(page.locator(".archive-search-hits__item")).to_have_count(0)
    axe(page)
    # Its hit page and image are 404 for a visitor.
    for path in (
        f"/archiv/suche/seiten/{members.pk}/?q=Windbruch",
        f"/archiv/seiten/{members.pk}/bild.jpg",
    ):
        assert page.request.get(f"{base}{path}").status == 404
