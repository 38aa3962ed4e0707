"""Comparing a model on ground truth: CER, WER and word findability over line pairs.

A ground truth folder holds line images with their true text: ``X.png`` (or .tif,
.jpg) beside ``X.gt.txt`` or ``X.txt`` (the layout of OCR-D line GT and of the
archiscribe corpus). Each image is recognised as one line (``--psm 7``), and the
rates are corpus rates: all edits over all reference characters (or words), not a
mean of line rates, so that a short line weighs less than a long one.

Raw compares the text as transcribed (OCR-D GT level 2, with ſ, ꝛ, ⸗ and e above);
normalised folds both sides to level 1 (:func:`normalise`), which is what a search
sees. Word findability is the search-facing figure: the share of true words of at
least four letters that appear among the recognised words of their line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import jiwer

from verbund.archive.ocr import tesseract

__all__ = [
    "GroundTruthError",
    "GtLine",
    "Rates",
    "Report",
    "char_edits",
    "evaluate",
    "findable_words",
    "gt_lines",
    "normalise",
    "recognise_lines",
    "word_edits",
]

IMAGE_SUFFIXES = (".png", ".tif", ".tiff", ".jpg", ".jpeg")
LINE_PSM = 7
FINDABLE_MIN_LENGTH = 4
_YEAR = re.compile(r"^(\d{4})")

# OCR-D GT level 2 → level 1 (https://ocr-d.de/de/gt-guidelines/trans/): long s,
# r rotunda, the double oblique hyphen, ligatures written as one character, and the
# quotes of all kinds as the two plain ones.
_FOLD = str.maketrans(
    {
        "ſ": "s",
        "ꝛ": "r",
        "⸗": "-",
        "⹀": "-",
        "„": '"',
        "“": '"',
        "”": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "‛": "'",
        "‹": "'",
        "›": "'",
        "′": "'",
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
    }
)
# A vowel with a small e above (U+0364), the old umlaut.
_E_ABOVE = re.compile("([aouAOU])\u0364")
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}
_WORD_EDGE = re.compile(r"^\W+|\W+$")


class GroundTruthError(ValueError):
    """The ground truth folder cannot be read; the message says why."""


def normalise(text: str) -> str:
    """Fold OCR-D GT level 2 to level 1: ſ→s, ꝛ→r, ⸗→-, aͤ→ä (e above → umlaut),
    ligatures split, all quotes as " and ', whitespace collapsed."""
    text = _E_ABOVE.sub(lambda match: _UMLAUT[match.group(1)], unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return " ".join(text.split())


def char_edits(reference: str, hypothesis: str) -> int:
    """Levenshtein distance in characters (substitutions + deletions + insertions)."""
    if not reference:
        return len(hypothesis)
    out = jiwer.process_characters([reference], [hypothesis])
    return int(out.substitutions + out.deletions + out.insertions)


def word_edits(reference: str, hypothesis: str) -> int:
    """Levenshtein distance in words, split at whitespace."""
    if not reference.split():
        return len(hypothesis.split())
    out = jiwer.process_words([" ".join(reference.split())], [" ".join(hypothesis.split())])
    return int(out.substitutions + out.deletions + out.insertions)


def _word(token: str) -> str:
    return _WORD_EDGE.sub("", token).casefold()


def findable_words(reference: str, hypothesis: str) -> tuple[int, int]:
    """(found, total): the true words of at least four letters (punctuation at the
    edges stripped, case folded, after :func:`normalise`) and how many of them are
    among the recognised words of the line."""
    wanted = [w for w in map(_word, normalise(reference).split()) if len(w) >= FINDABLE_MIN_LENGTH]
    present = {_word(token) for token in normalise(hypothesis).split()}
    return sum(1 for word in wanted if word in present), len(wanted)


@dataclass(frozen=True)
class GtLine:
    name: str
    image: Path
    truth: str
    year: int | None

    @property
    def decade(self) -> str:
        return f"{self.year // 10 * 10}er" if self.year is not None else "ohne Jahr"


def gt_lines(folder: Path) -> list[GtLine]:
    """The line pairs of ``folder``, sorted by name; an image without text is left out.

    Raises :class:`GroundTruthError` for a missing folder or one without pairs."""
    if not folder.is_dir():
        raise GroundTruthError(f"The ground truth folder {folder} does not exist.")
    lines: list[GtLine] = []
    for image in sorted(folder.iterdir()):
        if image.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        stem = image.name[: -len(image.suffix)]
        for candidate in (folder / f"{stem}.gt.txt", folder / f"{stem}.txt"):
            if candidate.is_file():
                truth = candidate.read_text(encoding="utf-8").strip("\n\r\ufeff")
                year = _YEAR.match(stem)
                lines.append(
                    GtLine(
                        name=stem,
                        image=image,
                        truth=truth,
                        year=int(year.group(1)) if year else None,
                    )
                )
                break
    if not lines:
        raise GroundTruthError(
            f"{folder} holds no line pairs (an image X.png with its text X.gt.txt or X.txt)."
        )
    return lines


def recognise_lines(
    lines: Sequence[GtLine],
    *,
    model: str,
    psm: int = LINE_PSM,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
) -> dict[str, str]:
    """The recognised text of each line (name → text), ``jobs`` Tesseract processes at
    a time (threads only wait for them). The model is checked once before the run."""
    if model not in tesseract.installed_models() and "+" not in model:
        raise tesseract.ModelMissing(
            f"The model {model!r} is not installed; installed are: "
            f"{', '.join(tesseract.installed_models())}."
        )

    def one(line: GtLine) -> tuple[str, str]:
        text = tesseract.recognise(line.image, model=model, psm=psm).text
        if progress is not None:
            progress()
        return line.name, " ".join(text.split())

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return dict(pool.map(one, lines))


def _rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Rates:
    """Sums over lines; the rates in % (two places) are computed from them."""

    lines: int = 0
    chars: int = 0
    char_edits: int = 0
    words: int = 0
    word_edits: int = 0
    norm_chars: int = 0
    norm_char_edits: int = 0
    norm_words: int = 0
    norm_word_edits: int = 0
    findable: int = 0
    found: int = 0

    def add(self, reference: str, hypothesis: str) -> None:
        raw_ref = " ".join(reference.split())
        raw_hyp = " ".join(hypothesis.split())
        norm_ref, norm_hyp = normalise(reference), normalise(hypothesis)
        found, findable = findable_words(reference, hypothesis)
        self.lines += 1
        self.chars += len(raw_ref)
        self.char_edits += char_edits(raw_ref, raw_hyp)
        self.words += len(raw_ref.split())
        self.word_edits += word_edits(raw_ref, raw_hyp)
        self.norm_chars += len(norm_ref)
        self.norm_char_edits += char_edits(norm_ref, norm_hyp)
        self.norm_words += len(norm_ref.split())
        self.norm_word_edits += word_edits(norm_ref, norm_hyp)
        self.findable += findable
        self.found += found

    def as_dict(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "characters": self.chars,
            "cer": _rate(self.char_edits, self.chars),
            "wer": _rate(self.word_edits, self.words),
            "cer_normalised": _rate(self.norm_char_edits, self.norm_chars),
            "wer_normalised": _rate(self.norm_word_edits, self.norm_words),
            "findability": _rate(self.found, self.findable),
        }


@dataclass
class Report:
    model: str
    psm: int
    total: Rates = field(default_factory=Rates)
    decades: dict[str, Rates] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        def plain(rates: Rates) -> dict[str, object]:
            return {
                key: (str(value) if isinstance(value, Decimal) else value)
                for key, value in rates.as_dict().items()
            }

        return {
            "model": self.model,
            "psm": self.psm,
            "total": plain(self.total),
            "decades": {name: plain(rates) for name, rates in sorted(self.decades.items())},
        }


def evaluate(
    lines: Iterable[GtLine], recognised: Mapping[str, str], *, model: str, psm: int = LINE_PSM
) -> Report:
    """The rates of ``recognised`` (name → text) against the lines' truth, in total and
    per decade of the year the file name starts with."""
    report = Report(model=model, psm=psm)
    for line in lines:
        hypothesis = recognised.get(line.name, "")
        report.total.add(line.truth, hypothesis)
        report.decades.setdefault(line.decade, Rates()).add(line.truth, hypothesis)
    return report


def format_table(report: Report) -> str:
    """The report as a plain text table (German headers, German decimal comma)."""

    def cell(value: object) -> str:
        if value is None:
            return "–"
        if isinstance(value, Decimal):
            return f"{value:.2f} %".replace(".", ",")
        return str(value)

    headers = ["", "Zeilen", "Zeichen", "CER", "WER", "CER norm.", "WER norm.", "Auffindbar"]
    keys = ["lines", "characters", "cer", "wer", "cer_normalised", "wer_normalised", "findability"]
    rows = [
        [name, *(cell(rates.as_dict()[key]) for key in keys)]
        for name, rates in sorted(report.decades.items())
    ]
    rows.append(["Gesamt", *(cell(report.total.as_dict()[key]) for key in keys)])
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    out = [f"Modell {report.model}, --psm {report.psm}"]
    for row in [headers, *rows]:
        out.append(
            "  ".join(
                value.rjust(widths[i]) if i else value.ljust(widths[i])
                for i, value in enumerate(map(str, row))
            )
        )
    return "\n".join(out)
