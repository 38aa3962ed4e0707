"""The archive's description and ingest services: fixity, untouched masters, derivatives,
multi-page TIFF and PDF, refused files (each with its message, nothing stored), the
page order, the description's checks and adopting a shared OCR profile."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from tests.archive.conftest import (
    BROKEN_PNG,
    EMPTY_PDF,
    World,
    ingest,
    jpeg,
    pdf,
    png,
    tiff,
    unit_description,
)
from verbund.archive import services
from verbund.archive.models import Archive, Fonds, OcrProfile, OcrStatus, Page, Unit
from verbund.archive.services import (
    ArchiveDetails,
    FondsDescription,
    ProfileSettings,
    UnitDescription,
)
from verbund.core.models import AuditEntry
from verbund.core.storage import private_storage

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    """Every file in the private storage, relative to its root."""
    root = Path(private_storage().path(""))
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def read(field: Any) -> bytes:
    with field.open("rb") as stream:
        return bytes(stream.read())


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- ingest -------------------------------------------------------------------------------


def test_a_png_is_kept_untouched_with_its_sha512_and_gets_derivatives(
    world: World, handed: list[int]
) -> None:
    content = png((3000, 4000))
    result = ingest(world.public_unit, ("scan 1.png", content), actor=world.pilot_clerk)

    assert result.failed == []
    [page] = result.pages
    page.refresh_from_db()
    assert page.position == 1
    assert page.master_name == "scan 1.png"
    assert page.master_type == "image/png"
    assert page.master_size == len(content)
    assert page.master_sha512 == hashlib.sha512(content).hexdigest()
    assert read(page.master) == content
    assert (page.width, page.height, page.master_page) == (3000, 4000, 1)
    assert page.ocr_status == OcrStatus.PENDING
    with Image.open(io.BytesIO(read(page.image))) as derivative:
        assert (derivative.format, derivative.size) == ("JPEG", (2000, 2667))
    with Image.open(io.BytesIO(read(page.thumbnail))) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (300, 400))
    assert handed == [page.pk]
    [entry] = entries("archive.pages_ingested")
    assert entry.actor_id == world.pilot_clerk.pk
    assert entry.authority_id == world.pilot.pk
    assert entry.object_id == str(world.public_unit.pk)
    assert entry.changes == {
        "file": "scan 1.png",
        "master_type": "image/png",
        "master_size": len(content),
        "master_sha512": hashlib.sha512(content).hexdigest(),
        "pages": 1,
        "positions": [1],
    }
    assert len(stored_files()) == 3


def test_a_small_scan_keeps_its_size(world: World, handed: list[int]) -> None:
    [page] = ingest(world.public_unit, ("klein.jpg", jpeg((800, 1000)))).pages
    with Image.open(io.BytesIO(read(page.image))) as derivative:
        assert derivative.size == (800, 1000)
    with Image.open(io.BytesIO(read(page.thumbnail))) as thumbnail:
        assert thumbnail.size == (300, 375)


def test_a_multi_page_tiff_becomes_pages_in_order_sharing_one_master(
    world: World, handed: list[int]
) -> None:
    content = tiff([(1000, 1400), (1100, 1500), (900, 1300)])
    ingest(world.public_unit, ("vorher.png", png((500, 700))))
    result = ingest(world.public_unit, ("akte.tif", content))

    pages = result.pages
    assert [(p.position, p.master_page, p.width, p.height) for p in pages] == [
        (2, 1, 1000, 1400),
        (3, 2, 1100, 1500),
        (4, 3, 900, 1300),
    ]
    assert {p.master.name for p in pages} == {pages[0].master.name}
    assert pages[0].master.name.endswith(".tif")
    assert read(pages[0].master) == content
    assert {p.master_sha512 for p in pages} == {hashlib.sha512(content).hexdigest()}
    # One master for three pages plus the first file's three, and 2 derivatives per page.
    assert len(stored_files()) == 2 + 4 * 2
    assert handed == [p.pk for p in Page.objects.order_by("position")]


def test_each_pdf_page_is_rendered_at_300_dpi(world: World, handed: list[int]) -> None:
    content = pdf([(595, 842), (842, 595)])
    result = ingest(world.own_unit, ("bericht.pdf", content))

    pages = result.pages
    assert [(p.master_page, p.width, p.height, p.master_type) for p in pages] == [
        (1, 2480, 3509, "application/pdf"),
        (2, 3509, 2480, "application/pdf"),
    ]
    assert read(pages[1].master) == content
    with Image.open(io.BytesIO(read(pages[1].image))) as derivative:
        assert derivative.size == (2000, 1414)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "kaputt.png",
            BROKEN_PNG,
            "„kaputt.png“ lässt sich nicht als PNG öffnen; die Datei ist beschädigt oder "
            "unvollständig.",
        ),
        ("leer.pdf", EMPTY_PDF, "„leer.pdf“ enthält keine Seiten."),
        (
            "notizen.txt",
            b"Nur Text, kein Scan.\n",
            "„notizen.txt“ ist kein TIFF-, kein JPEG-, kein PNG-Bild und keine PDF-Datei. "
            "Erlaubt sind: TIFF, JPEG, PNG, PDF.",
        ),
        ("nichts.tif", b"", "„nichts.tif“ ist leer."),
    ],
)
def test_a_refused_file_says_why_and_leaves_nothing_while_the_batch_goes_on(
    world: World, handed: list[int], name: str, content: bytes, message: str
) -> None:
    result = ingest(
        world.public_unit,
        ("erste.png", png((600, 800))),
        (name, content),
        ("zweite.jpg", jpeg((600, 800))),
    )

    assert [(f.name, f.error) for f in result.files] == [
        ("erste.png", ""),
        (name, message),
        ("zweite.jpg", ""),
    ]
    pages = list(Page.objects.order_by("position"))
    assert [(p.position, p.master_name) for p in pages] == [(1, "erste.png"), (2, "zweite.jpg")]
    assert len(stored_files()) == 6
    assert [e.changes["file"] for e in entries("archive.pages_ingested")] == [
        "erste.png",
        "zweite.jpg",
    ]
    assert handed == [p.pk for p in pages]


def test_a_file_over_the_limit_is_refused(world: World, handed: list[int], settings: Any) -> None:
    settings.VERBUND_ARCHIVE_MAX_FILE_MB = 1
    big = png((3000, 3000)) + b"\0" * (1024 * 1024)
    result = ingest(world.public_unit, ("riesig.png", big))

    [outcome] = result.files
    assert outcome.error.startswith("„riesig.png“ ist ")
    assert outcome.error.endswith("groß; erlaubt sind höchstens 1 MB.")
    assert Page.objects.count() == 0
    assert stored_files() == []
    assert entries("archive.pages_ingested") == []
    assert handed == []


def test_a_tiff_broken_after_its_first_page_stores_none_of_its_pages(
    world: World, handed: list[int]
) -> None:
    content = tiff([(800, 1000), (800, 1000)])
    # Cut into the second page's image data: the first page decodes, the second not.
    broken = content[: len(content) - 40]
    result = ingest(world.public_unit, ("halb.tif", broken))

    assert [f.error for f in result.files] == [
        "„halb.tif“ lässt sich nicht als TIFF öffnen; die Datei ist beschädigt oder unvollständig."
    ]
    assert Page.objects.count() == 0
    assert stored_files() == []
    assert entries("archive.pages_ingested") == []


# --- page order ---------------------------------------------------------------------------


def test_reorder_puts_the_pages_in_the_given_order(world: World, handed: list[int]) -> None:
    pages = ingest(world.public_unit, ("s.tif", tiff([(300, 400)] * 3))).pages
    first, second, third = (p.pk for p in pages)

    services.pages_reorder(
        actor=world.pilot_clerk, unit=world.public_unit, order=[third, first, second]
    )

    assert list(Page.objects.order_by("position").values_list("pk", "position")) == [
        (third, 1),
        (first, 2),
        (second, 3),
    ]
    [entry] = entries("archive.pages_reordered")
    assert entry.changes == {"order": [[first, second, third], [third, first, second]]}


@pytest.mark.parametrize("kind", ["missing", "twice", "foreign", "extra"])
def test_reorder_refuses_anything_but_a_permutation(
    world: World, handed: list[int], kind: str
) -> None:
    pages = ingest(world.public_unit, ("s.tif", tiff([(300, 400)] * 3))).pages
    [foreign] = ingest(world.own_unit, ("f.png", png((300, 400)))).pages
    a, b, c = (p.pk for p in pages)
    order = {
        "missing": [c, a],
        "twice": [c, a, a],
        "foreign": [c, a, foreign.pk],
        "extra": [c, a, b, foreign.pk],
    }[kind]

    with pytest.raises(ValidationError) as refusal:
        services.pages_reorder(actor=None, unit=world.public_unit, order=order)

    assert refusal.value.messages == [
        "Die neue Reihenfolge muss jede der 3 Seiten der Einheit genau einmal enthalten."
    ]
    kept = Page.objects.filter(unit=world.public_unit).order_by("position")
    assert list(kept.values_list("pk", flat=True)) == [a, b, c]
    assert entries("archive.pages_reordered") == []


def test_the_same_order_records_nothing(world: World, handed: list[int]) -> None:
    pages = ingest(world.public_unit, ("s.tif", tiff([(300, 400)] * 2))).pages
    services.pages_reorder(actor=None, unit=world.public_unit, order=[p.pk for p in pages])
    assert entries("archive.pages_reordered") == []


# --- description --------------------------------------------------------------------------


def test_creating_an_archive_gives_it_its_own_default_profile(world: World) -> None:
    profile = world.profile
    assert (profile.authority_id, profile.name, profile.shared) == (
        world.pilot.pk,
        "OCR-Profil Kreisarchiv Soest",
        False,
    )
    assert (profile.model_fraktur, profile.model_antiqua, profile.model_typewriter) == (
        "frk",
        "deu",
        "deu",
    )
    [created] = [
        e for e in entries("archive.archive_created") if e.object_id == str(world.archive.pk)
    ]
    assert created.changes["profile"] == [None, "OCR-Profil Kreisarchiv Soest"]


def test_the_archive_checks_report_every_problem(world: World) -> None:
    def counts() -> tuple[int, int, int]:
        return Archive.objects.count(), OcrProfile.objects.count(), AuditEntry.objects.count()

    before = counts()
    with pytest.raises(ValidationError) as refusal:
        services.archive_create(
            actor=None,
            authority=world.pilot,
            details=ArchiveDetails(name="Kreisarchiv Soest", isil="2410", email="kein-mail"),
        )
    assert refusal.value.message_dict == {
        "name": ["Ihre Behörde hat schon ein Archiv mit dem Namen „Kreisarchiv Soest“."],
        "isil": ["Eine ISIL sieht so aus: DE-2410 (Länderkennung, Bindestrich, Kennung)."],
        "email": ["Die E-Mail-Adresse ist ungültig."],
    }
    assert counts() == before


def test_unit_checks(world: World) -> None:
    before = (Unit.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refusal:
        services.unit_create(
            actor=None,
            fonds=world.fonds,
            description=UnitDescription(
                reference_code="A 1/1",
                title="",
                year_from=1900,
                year_to=1850,
                language="Deutsch",
                access="alle",
            ),
        )
    assert refusal.value.message_dict == {
        "title": ["Bitte geben Sie „Titel“ an."],
        "access": ["Unbekannte Angabe bei „Zugang“."],
        "language": [
            "Die Sprache wird mit ihrem dreibuchstabigen Kürzel nach ISO 639-2 angegeben, "
            "z. B. „ger“ oder „ger lat“."
        ],
        "year_to": ["Das Endjahr liegt vor dem Anfangsjahr."],
        "reference_code": [
            "Der Bestand hat schon eine Verzeichnungseinheit mit der Signatur „A 1/1“."
        ],
    }
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_unit_update_records_what_changed(world: World) -> None:
    services.unit_update(
        actor=world.pilot_clerk,
        unit=world.own_unit,
        description=unit_description("A 1/3", "Personalakten", access="members", year_from=1901),
    )
    world.own_unit.refresh_from_db()
    assert (world.own_unit.access, world.own_unit.year_from) == ("members", 1901)
    [entry] = entries("archive.unit_updated")
    assert entry.changes == {"access": ["own", "members"], "year_from": [None, 1901]}
    services.unit_update(
        actor=world.pilot_clerk,
        unit=world.own_unit,
        description=unit_description("A 1/3", "Personalakten", access="members", year_from=1901),
    )
    assert len(entries("archive.unit_updated")) == 1


def test_fonds_codes_are_unique_per_archive(world: World) -> None:
    with pytest.raises(ValidationError) as refusal:
        services.fonds_create(
            actor=None, archive=world.archive, description=FondsDescription("A 1", "Doppelt")
        )
    assert refusal.value.message_dict == {
        "reference_code": ["Das Archiv hat schon einen Bestand mit der Signatur „A 1“."]
    }
    # Another archive may use the same code.
    other = services.fonds_create(
        actor=None,
        archive=world.fellow_archive,
        description=FondsDescription("A 1", "Kreisausschuss"),
    )
    assert Fonds.objects.filter(reference_code="A 1").count() == 2
    assert other.authority_id == world.fellow.pk


# --- OCR profiles -------------------------------------------------------------------------


def test_an_archive_adopts_a_shared_profile(world: World) -> None:
    pilot_profile = services.profile_update(
        actor=world.pilot_admin,
        profile=world.profile,
        settings=ProfileSettings(
            name="Pilot Soest: Fraktur und Schreibmaschine",
            model_fraktur="frk",
            model_typewriter="deu+frk",
            page_segmentation=4,
            review_threshold=Decimal("72.50"),
        ),
    )
    services.profile_share(actor=world.pilot_admin, profile=pilot_profile, shared=True)

    archive = services.archive_adopt_profile(
        actor=world.fellow_admin, archive=world.fellow_archive, profile=pilot_profile
    )

    archive.refresh_from_db()
    assert archive.profile_id == pilot_profile.pk
    assert archive.profile is not None
    assert (archive.profile.model_typewriter, archive.profile.review_threshold) == (
        "deu+frk",
        Decimal("72.50"),
    )
    [entry] = entries("archive.profile_adopted")
    assert entry.authority_id == world.fellow.pk
    assert entry.changes == {
        "profile": ["OCR-Profil Kreisarchiv Olpe", "Pilot Soest: Fraktur und Schreibmaschine"],
        "profile_authority": [None, "Soest"],
    }
    [shared] = entries("archive.profile_shared")
    assert shared.changes == {"shared": [False, True]}


def test_a_profile_that_is_not_shared_cannot_be_adopted(world: World) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refusal:
        services.archive_adopt_profile(
            actor=world.fellow_admin, archive=world.fellow_archive, profile=world.profile
        )
    assert refusal.value.message_dict == {
        "profile": [
            "Das OCR-Profil „OCR-Profil Kreisarchiv Soest“ ist nicht für andere Archive "
            "freigegeben."
        ]
    }
    world.fellow_archive.refresh_from_db()
    assert world.fellow_archive.profile_id != world.profile.pk
    assert AuditEntry.objects.count() == before


def test_profile_checks(world: World) -> None:
    with pytest.raises(ValidationError) as refusal:
        services.profile_create(
            actor=None,
            authority=world.pilot,
            profile=ProfileSettings(
                name="x",
                model_fraktur="frk; rm -rf",
                page_segmentation=14,
                review_threshold=Decimal("100.5"),
            ),
        )
    assert set(refusal.value.message_dict) == {
        "model_fraktur",
        "page_segmentation",
        "review_threshold",
    }
    assert OcrProfile.objects.filter(name="x").count() == 0
