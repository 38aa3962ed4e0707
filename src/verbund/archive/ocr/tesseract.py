"""The Tesseract engine: the Debian ``tesseract`` command, one process per page.

One process per page and ``OMP_THREAD_LIMIT=1``: Tesseract's own threads barely help
(2.07 s against 1.92 s per page, research B), so the parallelism is the task workers',
one per core. Each run writes ALTO (with word confidence ``WC``) and the plain text
into a temporary folder, which is read and removed; a run that exceeds
``VERBUND_OCR_TIMEOUT_SECONDS`` is killed. Every failure is an :class:`OcrError`
with a message that says what to do.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

__all__ = [
    "EngineCrashed",
    "EngineMissing",
    "EngineTimeout",
    "ModelMissing",
    "OcrError",
    "Recognition",
    "binary",
    "installed_models",
    "recognise",
    "timeout_seconds",
]

# A model name as Tesseract takes it after ``-l``: names joined by "+" (``deu+frk``).
_MODEL = re.compile(r"^[A-Za-z0-9_\-]+(\+[A-Za-z0-9_\-]+)*$")
# The most of Tesseract's error output kept in a message (it can repeat per page).
_STDERR_KEPT = 2000


class OcrError(Exception):
    """Text recognition failed; the message says why."""


class EngineMissing(OcrError):
    """The ``tesseract`` program is not installed or not executable."""


class ModelMissing(OcrError):
    """The model (``-l``) is not installed in the tessdata folder."""


class EngineCrashed(OcrError):
    """Tesseract exited with an error or wrote no result."""


class EngineTimeout(OcrError):
    """Tesseract ran longer than the timeout and was stopped."""


@dataclass(frozen=True)
class Recognition:
    """One page or line recognised: ALTO, plain text, the model and the wall time."""

    alto: str
    text: str
    model: str
    psm: int
    seconds: float


def binary() -> str:
    """The ``tesseract`` program: ``VERBUND_TESSERACT_BINARY``, else on the PATH."""
    return str(
        getattr(settings, "VERBUND_TESSERACT_BINARY", "")
        or os.environ.get("VERBUND_TESSERACT_BINARY", "")
        or "tesseract"
    )


def tessdata_dir() -> str:
    """A folder with further models (``VERBUND_TESSDATA_DIR``), empty for Tesseract's own."""
    return str(
        getattr(settings, "VERBUND_TESSDATA_DIR", "") or os.environ.get("VERBUND_TESSDATA_DIR", "")
    )


def timeout_seconds() -> float:
    """How long one page may take before its process is killed (default 120 s)."""
    value = getattr(settings, "VERBUND_OCR_TIMEOUT_SECONDS", None)
    if value is None:
        value = os.environ.get("VERBUND_OCR_TIMEOUT_SECONDS", "120")
    return float(value)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # One thread per process: the workers are the parallelism, one per core.
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _base_args() -> list[str]:
    args = [binary()]
    if tessdata_dir():
        args += ["--tessdata-dir", tessdata_dir()]
    return args


def installed_models() -> list[str]:
    """The models Tesseract can load (``tesseract --list-langs``), sorted."""
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, arguments are not a shell line
            [*_base_args(), "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            env=_environment(),
            check=False,
        )
    except FileNotFoundError as error:
        raise EngineMissing(
            f"Tesseract is not installed ({binary()!r} not found); install tesseract-ocr."
        ) from error
    except subprocess.TimeoutExpired as error:
        raise EngineTimeout("tesseract --list-langs did not answer within 30 s.") from error
    if done.returncode != 0:
        raise EngineCrashed(
            f"tesseract --list-langs exited with {done.returncode}: "
            f"{done.stderr.strip()[:_STDERR_KEPT]}"
        )
    # The first line is "List of available languages in ...".
    lines = (done.stdout + done.stderr).splitlines()
    return sorted(
        line.strip()
        for line in lines
        if line.strip() and not line.startswith("List of") and _MODEL.match(line.strip())
    )


def recognise(
    image: Path,
    *,
    model: str,
    psm: int = 3,
    timeout: float | None = None,
    extra: Sequence[str] = (),
) -> Recognition:
    """Recognise ``image`` (a file Tesseract reads: PNG, JPEG, TIFF) with ``model`` and
    page segmentation ``psm``; ALTO and plain text.

    Raises :class:`ModelMissing`, :class:`EngineMissing`, :class:`EngineCrashed` or
    :class:`EngineTimeout`."""
    if not _MODEL.match(model):
        raise ModelMissing(
            f"{model!r} is not a model name (letters, digits, _ and -, joined by +)."
        )
    if not 0 <= psm <= 13:
        raise OcrError(f"Page segmentation mode {psm} does not exist (0 to 13).")
    limit = timeout_seconds() if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="verbund-ocr-") as folder:
        out = Path(folder) / "page"
        args = [
            *_base_args(),
            str(image),
            str(out),
            "-l",
            model,
            "--psm",
            str(psm),
            *extra,
            "alto",
            "txt",
        ]
        started = time.perf_counter()
        try:
            done = subprocess.run(  # noqa: S603 - fixed program, arguments are not a shell line
                args,
                capture_output=True,
                text=True,
                timeout=limit,
                env=_environment(),
                check=False,
            )
        except FileNotFoundError as error:
            raise EngineMissing(
                f"Tesseract is not installed ({binary()!r} not found); install tesseract-ocr."
            ) from error
        except subprocess.TimeoutExpired as error:
            # subprocess.run has killed the process already.
            raise EngineTimeout(
                f"Tesseract ran longer than {limit:g} s and was stopped "
                f"(VERBUND_OCR_TIMEOUT_SECONDS)."
            ) from error
        seconds = time.perf_counter() - started
        stderr = done.stderr.strip()
        if "Failed loading language" in stderr or "couldn't load any languages" in stderr:
            raise ModelMissing(
                f"The model {model!r} is not installed; installed are: "
                f"{', '.join(_safe_installed())}."
            )
        alto_file, text_file = out.with_suffix(".xml"), out.with_suffix(".txt")
        if done.returncode != 0 or not alto_file.exists() or not text_file.exists():
            raise EngineCrashed(
                f"Tesseract exited with {done.returncode} on {image.name}: "
                f"{stderr[:_STDERR_KEPT] or 'no output'}"
            )
        return Recognition(
            alto=alto_file.read_text(encoding="utf-8"),
            text=text_file.read_text(encoding="utf-8"),
            model=model,
            psm=psm,
            seconds=seconds,
        )


def _safe_installed() -> list[str]:
    try:
        return installed_models()
    except OcrError:
        return []
