"""The archive's test world, shared by the archive's test packages (description and
ingest, text recognition, search, exports).

``world`` (needs ``demo_on``: its staff pass the second factor as demo users):

* **Kreis Soest** (``world.pilot``) runs the pilot archive ``Kreisarchiv Soest``
  (``world.archive``, with its own OCR profile ``world.profile``, not shared) with the
  holdings ``A 1 Landratsamt Soest`` (``world.fonds``) and three units, one per access
  level: ``world.public_unit`` (``A 1/1``, Fraktur, public), ``world.members_unit``
  (``A 1/2``, typewriter, network members) and ``world.own_unit`` (``A 1/3``, Antiqua,
  own archive only). No unit has pages: ingest what a test needs with :func:`ingest`.
* **Kreis Olpe** (``world.fellow``) shares the network ``world.network``
  ("Digitale Modellregion Südwestfalen") with Soest and has its own archive
  ``Kreisarchiv Olpe`` (``world.fellow_archive``).
* **Landkreis Würzburg** (``world.outsider``) is in no network with them.

Staff: ``pilot_admin`` (authority_admin of Soest), ``pilot_clerk`` (clerk of Soest),
``fellow_clerk`` (clerk of Olpe), ``fellow_admin`` (authority_admin of Olpe),
``outsider_clerk`` (clerk of Würzburg). Log them in with ``tests.clients.logged_in``.

Images: :func:`png`, :func:`jpeg`, :func:`tiff` (multi-page), :func:`pdf` (one page per
given size), :data:`EMPTY_PDF` (a valid PDF without pages) and :data:`BROKEN_PNG`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.archive import services
from verbund.archive.models import (
    AccessLevel,
    Archive,
    Fonds,
    OcrProfile,
    Page,
    Script,
    Unit,
)
from verbund.archive.services import (
    ArchiveDetails,
    FondsDescription,
    IngestResult,
    UnitDescription,
)
from verbund.authorities.models import Authority, AuthorityKind
from verbund.networks.models import Network

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


@dataclass
class World:
    pilot: Authority
    fellow: Authority
    outsider: Authority
    network: Network
    archive: Archive
    profile: OcrProfile
    fonds: Fonds
    public_unit: Unit
    members_unit: Unit
    own_unit: Unit
    fellow_archive: Archive
    pilot_admin: User
    pilot_clerk: User
    fellow_clerk: User
    fellow_admin: User
    outsider_clerk: User

    def units(self) -> dict[str, Unit]:
        return {"public": self.public_unit, "members": self.members_unit, "own": self.own_unit}


def _kreis(ars: str, name: str) -> Authority:
    authority: Authority = AuthorityFactory(
        ars=ars, ags=ars, kind=AuthorityKind.KREIS, textkennzeichen="44", name=name
    )
    return authority


def _staff(username: str, authority: Authority, *, admin: bool = False) -> User:
    user = make_user(username=username, demo=True)
    AuthorityRoleFactory(user=user, authority=authority, admin=admin)
    return user


def unit_description(code: str, title: str, **changes: Any) -> UnitDescription:
    return UnitDescription(reference_code=code, title=title, **changes)


@pytest.fixture
def world(demo_on: None) -> World:
    pilot = _kreis("05974", "Soest")
    fellow = _kreis("05966", "Olpe")
    outsider = _kreis("09679", "Würzburg")
    network: Network = NetworkFactory(
        name="Digitale Modellregion Südwestfalen", slug="suedwestfalen"
    )
    MembershipFactory(network=network, authority=pilot, lead=True)
    MembershipFactory(network=network, authority=fellow)
    archive = services.archive_create(
        actor=None,
        authority=pilot,
        details=ArchiveDetails(
            name="Kreisarchiv Soest",
            isil="DE-2410",
            address="Hoher Weg 1–3\n59494 Soest",
            email="kreisarchiv@kreis-soest.example",
        ),
    )
    assert archive.profile is not None
    fonds = services.fonds_create(
        actor=None,
        archive=archive,
        description=FondsDescription(
            reference_code="A 1",
            title="Landratsamt Soest",
            date_text="1817–1945",
            creator="Landratsamt Soest",
        ),
    )
    units = {
        access: services.unit_create(
            actor=None,
            fonds=fonds,
            description=unit_description(code, title, script=script, access=access),
        )
        for code, title, script, access in (
            ("A 1/1", "Kreisblatt 1848", Script.FRAKTUR, AccessLevel.PUBLIC),
            ("A 1/2", "Verwaltungsbericht 1950", Script.TYPEWRITER, AccessLevel.MEMBERS),
            ("A 1/3", "Personalakten", Script.ANTIQUA, AccessLevel.OWN),
        )
    }
    fellow_archive = services.archive_create(
        actor=None, authority=fellow, details=ArchiveDetails(name="Kreisarchiv Olpe")
    )
    return World(
        pilot=pilot,
        fellow=fellow,
        outsider=outsider,
        network=network,
        archive=archive,
        profile=archive.profile,
        fonds=fonds,
        public_unit=units[AccessLevel.PUBLIC],
        members_unit=units[AccessLevel.MEMBERS],
        own_unit=units[AccessLevel.OWN],
        fellow_archive=fellow_archive,
        pilot_admin=_staff("admin.soest", pilot, admin=True),
        pilot_clerk=_staff("sb.soest", pilot),
        fellow_clerk=_staff("sb.olpe", fellow),
        fellow_admin=_staff("admin.olpe", fellow, admin=True),
        outsider_clerk=_staff("sb.wuerzburg", outsider),
    )


# --- images -------------------------------------------------------------------------------


def page_image(
    size: tuple[int, int] = (1200, 1600), text: str = "Kreisblatt", mode: str = "L"
) -> Image.Image:
    """A page with a line of text in DejaVu Serif."""
    image = Image.new(mode, size, "white")
    font = ImageFont.truetype(FONT, max(12, size[0] // 25))
    ImageDraw.Draw(image).text((size[0] // 10, size[1] // 10), text, fill="black", font=font)
    return image


def _encoded(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png(size: tuple[int, int] = (1200, 1600), text: str = "Kreisblatt") -> bytes:
    return _encoded(page_image(size, text), "PNG")


def jpeg(size: tuple[int, int] = (1200, 1600), text: str = "Kreisblatt") -> bytes:
    return _encoded(page_image(size, text, "RGB"), "JPEG", quality=90)


def tiff(sizes: Sequence[tuple[int, int]], text: str = "Seite") -> bytes:
    """A multi-page TIFF, one bilevel page per size (as archive scanners write them)."""
    pages = [page_image(size, f"{text} {n}").convert("1") for n, size in enumerate(sizes, 1)]
    return _encoded(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="group4")


def pdf(sizes_pt: Sequence[tuple[int, int]]) -> bytes:
    """A PDF with one page per size in points (A4: 595 × 842); each page a scan at 72 dpi."""
    pages = [page_image(size, f"PDF {n}", "RGB") for n, size in enumerate(sizes_pt, 1)]
    return _encoded(pages[0], "PDF", save_all=True, append_images=pages[1:], resolution=72.0)


def _empty_pdf() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    return out.getvalue()


EMPTY_PDF = _empty_pdf()
BROKEN_PNG = png((400, 300))[:600]


def ingest(unit: Unit, *files: tuple[str, bytes], actor: Any = None) -> IngestResult:
    """Ingest ``(name, content)`` files into ``unit`` through the real service."""
    return services.pages_ingest(
        actor=actor, unit=unit, files=[(name, io.BytesIO(content)) for name, content in files]
    )


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the pages the ingest hands to the text recognition, in order (the
    recognition itself is not run)."""
    ids: list[int] = []

    def record(pages: Sequence[Page]) -> None:
        ids.extend(page.pk for page in pages)

    monkeypatch.setattr(services, "_hand_to_ocr", record)
    return ids
