"""IIIF for a unit: a Presentation API 3.0 manifest and an Image API 3.0 level 0 image
service per page.

Level 0 means a static service: only the tiles and sizes that ``info.json`` announces
exist. They are cut from the page's JPEG derivative with Pillow on first request and
kept in private storage (``archive/iiif/<page>/…``), so a viewer's second visit reads
files only. The full image (``full/max``) is the derivative itself.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from PIL import Image

from verbund.archive.exports import links
from verbund.archive.models import Page, Unit
from verbund.core.storage import private_storage

__all__ = [
    "SCALE_FACTORS",
    "TILE",
    "Derivative",
    "TileNotOffered",
    "derivative_of",
    "image_info",
    "image_region",
    "manifest",
]

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
TILE = 512
SCALE_FACTORS = (1, 2, 4, 8)
JPEG_QUALITY = 85
ALTO_PROFILE = "http://www.loc.gov/standards/alto/"
METS_PROFILE = "http://www.loc.gov/METS/"

_REGION = re.compile(r"^(\d+),(\d+),(\d+),(\d+)$")
_SIZE = re.compile(r"^(\d*),(\d*)$")


class TileNotOffered(ValueError):
    """A region/size this level 0 service does not announce in its ``info.json``."""


@dataclass(frozen=True)
class Derivative:
    name: str  # in private storage
    width: int
    height: int


def derivative_of(page: Page) -> Derivative:
    """The page's JPEG derivative with its size (Pillow reads the header only)."""
    with page.image.open("rb") as handle, Image.open(handle) as image:
        width, height = image.size
    return Derivative(name=page.image.name, width=width, height=height)


def _de(*values: str) -> dict[str, list[str]]:
    return {"de": [v for v in values if v]}


def _sizes(width: int, height: int) -> list[tuple[int, int]]:
    return sorted(
        {(math.ceil(width / f), math.ceil(height / f)) for f in SCALE_FACTORS}, key=lambda s: s[0]
    )


def image_info(*, service_id: str, derivative: Derivative) -> dict[str, Any]:
    """``info.json`` of a page's level 0 image service."""
    return {
        "@context": IMAGE_CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": derivative.width,
        "height": derivative.height,
        "sizes": [
            {"width": w, "height": h} for w, h in _sizes(derivative.width, derivative.height)
        ],
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": list(SCALE_FACTORS)}],
        "extraFormats": [],
    }


def _offered(
    region: str, size: str, width: int, height: int
) -> tuple[tuple[int, int, int, int], tuple[int, int]] | None:
    """The crop box and output size of an announced request; ``None`` for the full
    image at full size (served as the derivative itself)."""
    if region == "full":
        box = (0, 0, width, height)
    else:
        match = _REGION.match(region)
        if not match:
            raise TileNotOffered(region)
        x, y, w, h = (int(g) for g in match.groups())
        box = (x, y, x + w, y + h)
    rw, rh = box[2] - box[0], box[3] - box[1]
    if size == "max":
        out = (rw, rh)
    else:
        match = _SIZE.match(size)
        if not match or not any(match.groups()):
            raise TileNotOffered(size)
        sw = int(match.group(1)) if match.group(1) else None
        sh = int(match.group(2)) if match.group(2) else None
        if sw is None:
            sw = math.ceil(rw * (sh or 0) / rh)
        if sh is None:
            sh = math.ceil(rh * sw / rw)
        out = (sw, sh)
    if region == "full":
        if out == (width, height):
            return None
        if out in _sizes(width, height):
            return box, out
        raise TileNotOffered(size)
    for factor in SCALE_FACTORS:
        span = TILE * factor
        x, y = box[0], box[1]
        if x % span or y % span or x >= width or y >= height:
            continue
        expected = (min(span, width - x), min(span, height - y))
        if (rw, rh) == expected and out == (math.ceil(rw / factor), math.ceil(rh / factor)):
            return box, out
    raise TileNotOffered(region)


def image_region(page: Page, derivative: Derivative, region: str, size: str) -> str:
    """The storage name of the requested tile or size, cut and stored on first use.

    Raises :class:`TileNotOffered` for anything ``info.json`` does not announce."""
    request = _offered(region, size, derivative.width, derivative.height)
    if request is None:
        return derivative.name
    box, out = request
    storage = private_storage()
    # Keyed by the derivative's name: a new derivative gets new tiles.
    stem = derivative.name.replace("/", "_").rsplit(".", 1)[0]
    name = f"archive/iiif/{page.pk}/{stem}/{'_'.join(map(str, box))}_{out[0]}x{out[1]}.jpg"
    if storage.exists(name):
        return name
    with page.image.open("rb") as handle, Image.open(handle) as image:
        tile = image.convert("RGB").crop(box)
        if tile.size != out:
            tile = tile.resize(out, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        tile.save(buffer, "JPEG", quality=JPEG_QUALITY)
    saved = storage.save(name, ContentFile(buffer.getvalue()))
    if saved != name:  # another request cut the same tile meanwhile
        storage.delete(saved)
    return name


def _metadata(unit: Unit) -> list[dict[str, Any]]:
    fonds = unit.fonds
    rows = [
        (_("Signatur"), unit.reference_code),
        (_("Titel"), unit.title),
        (pgettext_lazy("archival dates", "Laufzeit"), unit.date_text),
        (_("Umfang"), unit.extent),
        (_("Bestand"), f"{fonds.reference_code} {fonds.title}"),
        (_("Archiv"), fonds.archive.name),
        (_("Verzeichnungsstufe"), unit.get_level_display()),
        (pgettext_lazy("archival access", "Zugang"), unit.get_access_display()),
    ]
    return [{"label": _de(str(label)), "value": _de(value)} for label, value in rows if value]


def _thumbnail(unit: Unit, page: Page) -> list[dict[str, Any]]:
    return [{"id": links.thumbnail_url(unit, page), "type": "Image", "format": "image/jpeg"}]


def _canvas(unit: Unit, page: Page, derivative: Derivative, base: str) -> dict[str, Any]:
    canvas_id = f"{base}/canvas/{page.position}"
    service = links.image_service_url(unit, page)
    canvas: dict[str, Any] = {
        "id": canvas_id,
        "type": "Canvas",
        "label": {"none": [page.label or str(page.position)]},
        "width": page.width,
        "height": page.height,
        "thumbnail": _thumbnail(unit, page),
        "items": [
            {
                "id": f"{canvas_id}/seite",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/seite/bild",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas_id,
                        "body": {
                            "id": links.image_url(unit, page),
                            "type": "Image",
                            "format": "image/jpeg",
                            "width": derivative.width,
                            "height": derivative.height,
                            "service": [
                                {"id": service, "type": "ImageService3", "profile": "level0"}
                            ],
                        },
                    }
                ],
            }
        ],
    }
    if page.alto:
        canvas["seeAlso"] = [
            {
                "id": links.alto_url(unit, page),
                "type": "Dataset",
                "label": _de(_("Volltext (ALTO)")),
                "format": "application/xml",
                "profile": ALTO_PROFILE,
            }
        ]
    return canvas


def manifest(unit: Unit, pages: list[tuple[Page, Derivative]]) -> dict[str, Any]:
    """The Presentation 3.0 manifest of ``unit`` with one canvas per page, in order.

    The canvas has the size of the master (the ALTO coordinates' frame); the image
    painted on it is the derivative, whose size the image service reports."""
    manifest_id = links.manifest_url(unit)
    base = manifest_id.rsplit("/", 1)[0]
    mets = links.mets_url(unit)
    document: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": _de(f"{unit.reference_code} {unit.title}"),
        "metadata": _metadata(unit),
        "requiredStatement": {
            "label": _de(_("Archiv")),
            "value": _de(unit.fonds.archive.name),
        },
        "viewingDirection": "left-to-right",
        "rendering": [
            {
                "id": mets,
                "type": "Text",
                "label": _de(_("METS/MODS (DFG-Viewer-Profil)")),
                "format": "application/xml",
            }
        ],
        "seeAlso": [
            {
                "id": mets,
                "type": "Dataset",
                "label": _de(_("Metadaten (METS/MODS)")),
                "format": "application/xml",
                "profile": METS_PROFILE,
            }
        ],
        "items": [_canvas(unit, page, derivative, base) for page, derivative in pages],
    }
    if unit.scope_content:
        document["summary"] = _de(unit.scope_content)
    if pages:
        document["thumbnail"] = _thumbnail(unit, pages[0][0])
    return document
