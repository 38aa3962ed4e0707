"""Fixtures of the text recognition tests: rendered text pages ingested through the
real service, and stand-in ``tesseract`` programs that crash or hang."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.archive.conftest import World, ingest
from verbund.archive.models import Page, Unit

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
GT_FOLDER = Path("/work/shared/data/ocr-gt/archiscribe-fraktur-lines")
# Two lines that Tesseract's ``deu`` reads without an error (checked on this machine).
LINES = ("Der Gemeinderat tagte am Montag.", "Größe über Straße")


def text_image(lines: tuple[str, ...] = LINES, size: tuple[int, int] = (1400, 400)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    for number, line in enumerate(lines):
        draw.text((40, 40 + 100 * number), line, font=font, fill=0)
    return image


def text_png(lines: tuple[str, ...] = LINES, size: tuple[int, int] = (1400, 400)) -> bytes:
    buffer = io.BytesIO()
    text_image(lines, size).save(buffer, "PNG")
    return buffer.getvalue()


def ingest_text_page(unit: Unit, lines: tuple[str, ...] = LINES) -> Page:
    """One page with ``lines`` ingested into ``unit`` (queued for recognition)."""
    result = ingest(unit, ("seite.png", text_png(lines)))
    assert not result.failed, result.failed
    [page] = result.pages
    return page


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def crashing_tesseract(tmp_path: Path) -> Path:
    """A ``tesseract`` that exits 1 with a message, as after a segmentation fault."""
    return _script(tmp_path, "tesseract-crash", 'echo "Segmentation fault" >&2; exit 1')


@pytest.fixture
def hanging_tesseract(tmp_path: Path) -> Path:
    """A ``tesseract`` that never finishes (killed by the timeout)."""
    return _script(tmp_path, "tesseract-hang", "exec sleep 30")


__all__ = ["World", "ingest_text_page", "text_image", "text_png"]
