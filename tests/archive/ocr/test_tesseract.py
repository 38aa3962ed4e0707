"""The Tesseract wrapper: a real run on a rendered line, the installed models, and a
clear error for a missing model or program, a crash and a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.archive.ocr.conftest import LINES, text_image
from verbund.archive.ocr import alto, tesseract


@pytest.fixture
def line_png(tmp_path: Path) -> Path:
    path = tmp_path / "zeile.png"
    text_image((LINES[0],), size=(1000, 140)).save(path)
    return path


def test_installed_models_include_the_pilots() -> None:
    models = tesseract.installed_models()
    assert {"deu", "frk"} <= set(models)
    assert models == sorted(models)


def test_recognise_a_rendered_line(line_png: Path) -> None:
    result = tesseract.recognise(line_png, model="deu", psm=7)
    assert result.text.strip() == LINES[0]
    page = alto.parse(result.alto)
    assert (page.width, page.height) == (1000, 140)
    assert [line.text for line in page.lines] == [LINES[0]]
    assert [word.text for word in page.lines[0].words] == LINES[0].split()
    confidence = alto.mean_confidence(page)
    assert confidence is not None
    assert confidence > 80
    assert (result.model, result.psm) == ("deu", 7)


def test_missing_model(line_png: Path) -> None:
    with pytest.raises(tesseract.ModelMissing, match=r"'frak2021' is not installed.*deu"):
        tesseract.recognise(line_png, model="frak2021")
    with pytest.raises(tesseract.ModelMissing, match="not a model name"):
        tesseract.recognise(line_png, model="deu; rm -rf /")


def test_missing_program(line_png: Path, settings: object, tmp_path: Path) -> None:
    settings.VERBUND_TESSERACT_BINARY = str(tmp_path / "no-tesseract")  # type: ignore[attr-defined]
    with pytest.raises(tesseract.EngineMissing, match="not installed"):
        tesseract.recognise(line_png, model="deu")


def test_crash(line_png: Path, settings: object, crashing_tesseract: Path) -> None:
    settings.VERBUND_TESSERACT_BINARY = str(crashing_tesseract)  # type: ignore[attr-defined]
    with pytest.raises(tesseract.EngineCrashed, match=r"exited with 1 on zeile\.png: Segmentation"):
        tesseract.recognise(line_png, model="deu")


def test_hang_is_stopped_by_the_timeout(
    line_png: Path, settings: object, hanging_tesseract: Path
) -> None:
    settings.VERBUND_TESSERACT_BINARY = str(hanging_tesseract)  # type: ignore[attr-defined]
    settings.VERBUND_OCR_TIMEOUT_SECONDS = 0.5  # type: ignore[attr-defined]
    started = time.monotonic()
    with pytest.raises(tesseract.EngineTimeout, match=r"longer than 0\.5 s"):
        tesseract.recognise(line_png, model="deu")
    assert time.monotonic() - started < 5
