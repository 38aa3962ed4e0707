"""The demo archive (issue #16): the Kreisarchiv of Kreis Düren with a holdings
"Gemeinderatsprotokolle": a unit of Fraktur pages stacked from real 19th-century lines
(the archiscribe corpus, CC BY 4.0, see ``demo/archive/ATTRIBUTION.md``), and typewriter
pages rendered here from made-up minutes; public and members-only units; recognised
with Tesseract in the loader (a few seconds per page), one line corrected by hand.

Through the services of the archive (description, ingest, text recognition) and the
search index. Idempotent: an existing archive of that name is left as it is.

The Landkreistag's network has no members in the demo, so the pilot archive sits in
Kreis Düren, whose network (the Kreis and its Gemeinden) shares its members units.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from verbund.accounts.models import User
from verbund.archive.models import AccessLevel, Archive, Page, Script
from verbund.archive.ocr.services import line_correct, page_recognise
from verbund.archive.search.services import pages_index
from verbund.archive.services import (
    ArchiveDetails,
    FondsDescription,
    UnitDescription,
    archive_create,
    fonds_create,
    pages_ingest,
    unit_create,
)
from verbund.authorities.models import Authority
from verbund.demo.data import KREIS_DUEREN
from verbund.networks.models import Network

LINES = Path(__file__).resolve().parent / "archive"
ARCHIVE_NAME = "Kreisarchiv Düren"
ARCHIVIST = "admin.dueren"
TYPEWRITER_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
LINES_PER_PAGE = 12
SEED = 16

MINUTES_PUBLIC = """Niederschrift
über die öffentliche Sitzung des Gemeinderates Merzenich
am 14. März 1952 im Sitzungssaal des Rathauses.

Anwesend: Bürgermeister Schmitz als Vorsitzender, 11 Ratsmitglieder,
Gemeindedirektor Wolff als Schriftführer.

Punkt 1: Instandsetzung der Schule an der Kirchstraße.
Der Gemeinderat beschließt einstimmig, die Dacharbeiten an der
Volksschule an den Dachdeckermeister Peter Koch zu vergeben.
Die Kosten von 4.850 DM werden aus dem Haushalt 1952 gedeckt.

Punkt 2: Ausbau des Feldweges nach Golzheim.
Der Antrag der Landwirte auf Befestigung des Feldweges wird
dem Bauausschuss zur Beratung überwiesen.

Punkt 3: Wasserleitung im Ortsteil Girbelsrath.
Die Verwaltung berichtet über den Stand der Arbeiten.

Der Vorsitzende schließt die Sitzung um 21.15 Uhr."""

MINUTES_MEMBERS = """Niederschrift
über die nichtöffentliche Sitzung des Gemeinderates Merzenich
am 14. März 1952.

Punkt 1: Grundstücksangelegenheiten.
Der Gemeinderat stimmt dem Ankauf der Parzelle Flur 7 Nr. 112
zum Preis von 1.20 DM je Quadratmeter zu.

Punkt 2: Personalangelegenheiten.
Die Stelle des Gemeindeförsters wird zum 1. Mai 1952
neu ausgeschrieben. Der Gemeindedirektor wird beauftragt,
das Ausschreibungsverfahren einzuleiten."""


def _png(image: Image.Image) -> io.BytesIO:
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def fraktur_pages() -> list[tuple[Image.Image, list[str]]]:
    """Two page images of the corpus lines stacked on white, with their true lines."""
    names = sorted(LINES.glob("*.png"))
    pages = []
    for start in range(0, len(names), LINES_PER_PAGE):
        chunk = names[start : start + LINES_PER_PAGE]
        lines = [Image.open(name).convert("L") for name in chunk]
        width = max(line.width for line in lines) + 240
        height = sum(line.height + 24 for line in lines) + 240
        page = Image.new("L", (width, height), 255)
        y = 120
        for line in lines:
            page.paste(line, (120, y))
            y += line.height + 24
        truth = [name.with_suffix(".txt").read_text(encoding="utf-8").strip() for name in chunk]
        pages.append((page, truth))
    return pages


def typewriter_page(text: str, rng: random.Random) -> Image.Image:
    """An A4 page at 150 dpi typed in a monospace font, slightly noisy and blurred."""
    font = ImageFont.truetype(TYPEWRITER_FONT, 26)
    page = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(page)
    y = 140
    for line in text.splitlines():
        draw.text((130 + rng.randint(-1, 1), y), line, font=font, fill=rng.randint(25, 60))
        y += 44
    noise = Image.effect_noise(page.size, 18).point(lambda v: 255 if v > 40 else 200)
    page = Image.composite(page, noise, noise.point(lambda v: 255 if v == 255 else 0))
    return page.filter(ImageFilter.GaussianBlur(0.6))


def load_archive(networks: dict[str, Network]) -> None:
    """Load the demo archive (``networks`` as in ``load_demo``; the archive's members
    units are shared with the Kreis Düren network)."""
    del networks  # the memberships come from load_demo; nothing to add here
    authority = Authority.objects.get(ars=KREIS_DUEREN)
    if Archive.objects.filter(authority=authority, name=ARCHIVE_NAME).exists():
        return
    actor = User.objects.get(username=ARCHIVIST)
    archive = archive_create(
        actor=actor,
        authority=authority,
        details=ArchiveDetails(
            name=ARCHIVE_NAME,
            address="Bismarckstraße 16, 52351 Düren",
            email="kreisarchiv@kreis-dueren.demo.verbund.invalid",
        ),
    )
    fonds = fonds_create(
        actor=actor,
        archive=archive,
        description=FondsDescription(
            reference_code="GRP",
            title="Gemeinderatsprotokolle",
            date_text="1880–1952",
            creator="Gemeinden des Kreises Düren",
            scope_content="Niederschriften der Gemeinderäte und gedruckte Beilagen (Demodaten).",
        ),
    )
    fraktur = unit_create(
        actor=actor,
        fonds=fonds,
        description=UnitDescription(
            reference_code="GRP 1",
            title="Gedruckte Beilagen in Fraktur",
            date_text="1880–1889",
            year_from=1880,
            year_to=1889,
            extent="2 Seiten",
            scope_content="Zeilen aus Drucken der 1880er Jahre (archiscribe-Korpus, CC BY 4.0).",
            script=Script.FRAKTUR,
            access=AccessLevel.PUBLIC,
        ),
    )
    public = unit_create(
        actor=actor,
        fonds=fonds,
        description=UnitDescription(
            reference_code="GRP 2",
            title="Niederschrift der öffentlichen Sitzung vom 14. März 1952",
            date_text="1952",
            year_from=1952,
            year_to=1952,
            script=Script.TYPEWRITER,
            access=AccessLevel.PUBLIC,
        ),
    )
    members = unit_create(
        actor=actor,
        fonds=fonds,
        description=UnitDescription(
            reference_code="GRP 3",
            title="Niederschrift der nichtöffentlichen Sitzung vom 14. März 1952",
            date_text="1952",
            year_from=1952,
            year_to=1952,
            script=Script.TYPEWRITER,
            access=AccessLevel.MEMBERS,
        ),
    )
    rng = random.Random(SEED)  # noqa: S311 - demo noise, reproducible on purpose
    stacked = fraktur_pages()
    scans = [
        (fraktur, [(f"fraktur-{n}.png", _png(image)) for n, (image, _t) in enumerate(stacked, 1)]),
        (public, [("niederschrift-oeffentlich.png", _png(typewriter_page(MINUTES_PUBLIC, rng)))]),
        (members, [("niederschrift-intern.png", _png(typewriter_page(MINUTES_MEMBERS, rng)))]),
    ]
    recognised: list[Page] = []
    for unit, files in scans:
        result = pages_ingest(actor=actor, unit=unit, files=files)
        if result.failed:
            raise RuntimeError(f"demo archive: ingest refused {result.failed}")
        recognised += [page_recognise(page) for page in result.pages]
    first = recognised[0]
    # The first line of the first Fraktur page, corrected to the corpus' transcription.
    line_id = _first_line_id(first.alto)
    if line_id:
        line_correct(actor=actor, page=first, line_id=line_id, text=stacked[0][1][0])
    pages_index(Page.objects.filter(unit__fonds=fonds).order_by("pk"))


def _first_line_id(alto: str) -> str:
    from lxml import etree

    root = etree.fromstring(alto.encode(), etree.XMLParser(resolve_entities=False))
    line = next(root.iter("{*}TextLine"), None)
    return "" if line is None else str(line.get("ID", ""))
