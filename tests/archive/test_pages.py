"""The archive's staff pages: archives, holdings, units, the upload (with and without
JavaScript), the page order, a page's image, thumbnail and master. Bad input is a 400
with the German message and nothing saved; another authority's ids are 404."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.archive.conftest import BROKEN_PNG, World, ingest, png, tiff
from tests.clients import logged_in
from verbund.archive.models import Archive, Fonds, Page, Unit
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


def counts() -> tuple[int, int, int, int, int]:
    return (
        Archive.objects.count(),
        Fonds.objects.count(),
        Unit.objects.count(),
        Page.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_authority_lists_its_archives_and_the_admin_creates_one(world: World) -> None:
    admin = logged_in(world.pilot_admin)
    listing = admin.get(f"/verwaltung/behoerden/{world.pilot.pk}/archive/")
    assert listing.status_code == 200
    assert "Kreisarchiv Soest" in html(listing)
    assert "Kreisarchiv Olpe" not in html(listing)

    response = admin.post(
        f"/verwaltung/behoerden/{world.pilot.pk}/archive/neu/",
        {"name": "Stadtarchiv Lippstadt", "isil": "", "address": "", "email": ""},
    )
    archive = Archive.objects.get(name="Stadtarchiv Lippstadt")
    assert response.status_code == 302
    assert response["Location"] == f"/verwaltung/archiv/{archive.pk}/"
    assert archive.profile is not None
    assert archive.profile.name == "OCR-Profil Stadtarchiv Lippstadt"


def test_a_clerk_may_not_create_an_archive(world: World) -> None:
    before = counts()
    response = logged_in(world.pilot_clerk).post(
        f"/verwaltung/behoerden/{world.pilot.pk}/archive/neu/", {"name": "Neu"}
    )
    assert response.status_code == 403
    assert counts() == before


def test_bad_archive_input_is_a_400_naming_the_field(world: World) -> None:
    before = counts()
    response = logged_in(world.pilot_admin).post(
        f"/verwaltung/behoerden/{world.pilot.pk}/archive/neu/",
        {"name": "Kreisarchiv Soest", "isil": "2410", "email": ""},
    )
    assert response.status_code == 400
    body = html(response)
    assert "Ihre Behörde hat schon ein Archiv mit dem Namen „Kreisarchiv Soest“." in body
    assert "Eine ISIL sieht so aus: DE-2410" in body
    assert counts() == before


def test_the_archive_page_shows_holdings_and_profile(world: World) -> None:
    response = logged_in(world.pilot_admin).get(f"/verwaltung/archiv/{world.archive.pk}/")
    assert response.status_code == 200
    body = html(response)
    assert "Landratsamt Soest" in body
    assert "OCR-Profil Kreisarchiv Soest" in body
    assert "Profil verwenden" in body


def test_adopting_a_shared_profile_through_the_page(world: World) -> None:
    profile = world.profile
    profile.shared = True
    profile.save()
    admin = logged_in(world.fellow_admin)
    url = f"/verwaltung/archiv/{world.fellow_archive.pk}/ocr-profil/"
    response = admin.post(url, {"profile": profile.pk})
    assert response.status_code == 302
    world.fellow_archive.refresh_from_db()
    assert world.fellow_archive.profile_id == profile.pk


def test_a_profile_that_is_not_shared_is_not_offered(world: World) -> None:
    before = counts()
    response = logged_in(world.fellow_admin).post(
        f"/verwaltung/archiv/{world.fellow_archive.pk}/ocr-profil/", {"profile": world.profile.pk}
    )
    assert response.status_code == 400
    assert "Dieses OCR-Profil steht nicht zur Wahl" in html(response)
    assert counts() == before


def test_fonds_and_unit_forms(world: World) -> None:
    clerk = logged_in(world.pilot_clerk)
    response = clerk.post(
        f"/verwaltung/archiv/{world.archive.pk}/bestaende/neu/",
        {"reference_code": "B 2", "title": "Amt Erwitte"},
    )
    fonds = Fonds.objects.get(reference_code="B 2")
    assert response["Location"] == f"/verwaltung/archiv/bestaende/{fonds.pk}/"
    data = {
        "reference_code": "B 2/1",
        "title": "Gemeinderatsprotokolle",
        "level": "file",
        "date_text": "1850–1870",
        "year_from": "1850",
        "year_to": "1870",
        "language": "ger",
        "script": "fraktur",
        "access": "public",
    }
    response = clerk.post(f"/verwaltung/archiv/bestaende/{fonds.pk}/einheiten/neu/", data)
    unit = Unit.objects.get(reference_code="B 2/1")
    assert response["Location"] == f"/verwaltung/archiv/einheiten/{unit.pk}/"
    assert (unit.year_from, unit.year_to, unit.access) == (1850, 1870, "public")

    before = counts()
    bad = {**data, "year_from": "1900", "language": "Deutsch"}
    response = clerk.post(f"/verwaltung/archiv/bestaende/{fonds.pk}/einheiten/neu/", bad)
    assert response.status_code == 400
    body = html(response)
    assert "Das Endjahr liegt vor dem Anfangsjahr." in body
    assert "Der Bestand hat schon eine Verzeichnungseinheit mit der Signatur „B 2/1“." in body
    assert counts() == before


def _upload(client: Client, unit: Unit, *files: tuple[str, bytes], **extra: Any) -> Any:
    return client.post(
        f"/verwaltung/archiv/einheiten/{unit.pk}/hochladen/",
        {"scans": [SimpleUploadedFile(name, content) for name, content in files]},
        **extra,
    )


def test_the_upload_without_javascript(world: World, handed: list[int]) -> None:
    clerk = logged_in(world.pilot_clerk)
    assert (
        clerk.get(f"/verwaltung/archiv/einheiten/{world.public_unit.pk}/hochladen/").status_code
        == 200
    )
    first = png((500, 700))
    response = _upload(
        clerk, world.public_unit, ("b.tif", tiff([(400, 500)] * 2)), ("a.png", first)
    )
    assert response.status_code == 302
    pages = list(Page.objects.filter(unit=world.public_unit).order_by("position"))
    # Sorted by name: a.png first, then the two pages of b.tif.
    assert [(p.master_name, p.master_page) for p in pages] == [
        ("a.png", 1),
        ("b.tif", 1),
        ("b.tif", 2),
    ]
    assert pages[0].master_sha512 == hashlib.sha512(first).hexdigest()
    follow = clerk.get(response["Location"])
    assert "„a.png“: 1 Seite eingespielt (Seite 1)." in html(follow)
    assert "„b.tif“: 2 Seiten eingespielt (Seiten 2 bis 3)." in html(follow)


def test_an_upload_with_a_broken_file_is_a_400_and_stores_the_others(
    world: World, handed: list[int]
) -> None:
    clerk = logged_in(world.pilot_clerk)
    response = _upload(
        clerk, world.public_unit, ("gut.png", png((400, 500))), ("kaputt.png", BROKEN_PNG)
    )
    assert response.status_code == 400
    body = html(response)
    assert "Abgelehnt: „kaputt.png“ lässt sich nicht als PNG öffnen" in body
    assert "Eingespielt: „gut.png“: 1 Seite eingespielt (Seite 1)." in body
    assert list(Page.objects.values_list("master_name", flat=True)) == ["gut.png"]


def test_the_upload_answers_json_for_the_script(world: World, handed: list[int]) -> None:
    clerk = logged_in(world.pilot_clerk)
    response = _upload(
        clerk,
        world.own_unit,
        ("gut.png", png((400, 500))),
        ("text.txt", b"kein Bild"),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    answer = json.loads(response.content)
    assert answer["unit"] == f"/verwaltung/archiv/einheiten/{world.own_unit.pk}/"
    assert [(f["name"], f["ok"], f["pages"]) for f in answer["files"]] == [
        ("gut.png", True, 1),
        ("text.txt", False, 0),
    ]
    assert answer["files"][1]["message"].startswith("„text.txt“ ist kein TIFF-")


def test_an_upload_without_files_is_a_400(world: World) -> None:
    before = counts()
    response = logged_in(world.pilot_clerk).post(
        f"/verwaltung/archiv/einheiten/{world.public_unit.pk}/hochladen/", {}
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens eine Datei aus." in html(response)
    assert counts() == before


def test_other_staff_cannot_upload_and_change_nothing(world: World, handed: list[int]) -> None:
    before = counts()
    # The fellow sees the members unit but may not change it; the own unit does not exist
    # for them.
    fellow = logged_in(world.fellow_clerk)
    assert _upload(fellow, world.members_unit, ("x.png", png((300, 400)))).status_code == 403
    assert _upload(fellow, world.own_unit, ("x.png", png((300, 400)))).status_code == 404
    assert counts() == before


@pytest.fixture
def three(world: World, handed: list[int]) -> list[Page]:
    return ingest(world.members_unit, ("s.tif", tiff([(300, 400)] * 3))).pages


def test_reorder_through_the_form(world: World, three: list[Page]) -> None:
    a, b, c = three
    url = f"/verwaltung/archiv/einheiten/{world.members_unit.pk}/reihenfolge/"
    clerk = logged_in(world.pilot_clerk)
    assert clerk.get(url).status_code == 200
    response = clerk.post(url, {f"page_{a.pk}": "3", f"page_{b.pk}": "1", f"page_{c.pk}": "2"})
    assert response.status_code == 302
    order = Page.objects.filter(unit=world.members_unit).order_by("position")
    assert list(order.values_list("pk", flat=True)) == [b.pk, c.pk, a.pk]


@pytest.mark.parametrize(
    ("positions", "message"),
    [
        (
            ("1", "1", "2"),
            "Jede Position darf nur einmal vorkommen: vergeben Sie die Zahlen 1 bis 3.",
        ),
        (("1", "4", "2"), "Die Einheit hat nur 3 Seiten."),
        (("1", "", "2"), "Bitte geben Sie für Seite 2 eine Position an."),
        (("1", "zwei", "3"), "Die Position von Seite 2 ist keine Zahl."),
    ],
)
def test_a_wrong_order_is_a_400_and_changes_nothing(
    world: World, three: list[Page], positions: tuple[str, str, str], message: str
) -> None:
    before = counts()
    response = logged_in(world.pilot_clerk).post(
        f"/verwaltung/archiv/einheiten/{world.members_unit.pk}/reihenfolge/",
        {f"page_{page.pk}": value for page, value in zip(three, positions, strict=True)},
    )
    assert response.status_code == 400
    assert message in html(response)
    order = Page.objects.filter(unit=world.members_unit).order_by("position")
    assert list(order.values_list("pk", flat=True)) == [p.pk for p in three]
    assert counts() == before


def test_page_views_follow_the_unit(world: World, three: list[Page]) -> None:
    page = three[0]
    base = f"/verwaltung/archiv/seiten/{page.pk}/"
    for who, expected in (("pilot_clerk", 200), ("fellow_clerk", 200), ("outsider_clerk", 404)):
        client = logged_in(getattr(world, who))
        for suffix in ("", "bild/", "vorschau/"):
            response = client.get(base + suffix)
            assert response.status_code == expected, (who, suffix)
    image = logged_in(world.fellow_clerk).get(base + "bild/")
    assert image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "private, no-store"
    assert b"".join(image.streaming_content)[:3] == b"\xff\xd8\xff"
    # The master is for the archive's own staff.
    assert logged_in(world.fellow_clerk).get(base + "original/").status_code == 403
    master = logged_in(world.pilot_clerk).get(base + "original/")
    assert master.status_code == 200
    with page.master.open("rb") as stored:
        assert b"".join(master.streaming_content) == stored.read()
    assert Client().get(base + "bild/").status_code == 302


def test_the_unit_page_shows_thumbnails_and_status(world: World, three: list[Page]) -> None:
    response = logged_in(world.fellow_clerk).get(
        f"/verwaltung/archiv/einheiten/{world.members_unit.pk}/"
    )
    assert response.status_code == 200
    body = html(response)
    for page in three:
        assert f'src="/verwaltung/archiv/seiten/{page.pk}/vorschau/"' in body
    assert "wartet auf Texterkennung: 3" in body
    assert "Scans hochladen" not in body


def test_foreign_ids_are_404(world: World) -> None:
    outsider = logged_in(world.outsider_clerk)
    for url in (
        f"/verwaltung/archiv/{world.archive.pk}/",
        f"/verwaltung/archiv/{world.archive.pk}/bearbeiten/",
        f"/verwaltung/archiv/bestaende/{world.fonds.pk}/",
        f"/verwaltung/archiv/einheiten/{world.own_unit.pk}/",
        f"/verwaltung/archiv/einheiten/{world.members_unit.pk}/hochladen/",
        f"/verwaltung/archiv/ocr-profile/{world.profile.pk}/bearbeiten/",
        f"/verwaltung/behoerden/{world.pilot.pk}/archive/",
        "/verwaltung/archiv/seiten/999999/",
    ):
        assert outsider.get(url).status_code == 404, url


def test_the_workspace_shows_the_archive_panel(world: World) -> None:
    response = logged_in(world.pilot_clerk).get(f"/verwaltung/behoerden/{world.pilot.pk}/")
    assert response.status_code == 200
    body = html(response)
    assert f'href="/verwaltung/archiv/{world.archive.pk}/"' in body
    assert f'href="/verwaltung/behoerden/{world.pilot.pk}/archive/"' in body
