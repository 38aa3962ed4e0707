"""The ground truth metrics: normalisation, edits, corpus rates, findability, and the
``ocr-eval`` command on real Fraktur lines."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.archive.ocr.conftest import GT_FOLDER
from verbund.archive.ocr import eval as ocr_eval


def _real_names() -> list[str]:
    """One line per decade 1800, 1850, 1890 (the first by name)."""
    names = sorted(p.stem for p in GT_FOLDER.glob("*.png"))
    return [next(n for n in names if n.startswith(prefix)) for prefix in ("180", "185", "189")]


@pytest.fixture
def gt(tmp_path: Path) -> Path:
    folder = tmp_path / "gt"
    folder.mkdir()
    for name in _real_names():
        shutil.copy(GT_FOLDER / f"{name}.png", folder / f"{name}.png")
        # One pair in the OCR-D naming (.gt.txt), the others as archiscribe has them.
        target = f"{name}.gt.txt" if name.startswith("185") else f"{name}.txt"
        shutil.copy(GT_FOLDER / f"{name}.txt", folder / target)
    (folder / "notes.md").write_text("not a line")
    (folder / "lonely.png").write_bytes((GT_FOLDER / f"{_real_names()[0]}.png").read_bytes())
    return folder


@pytest.mark.parametrize(
    ("level2", "level1"),
    [
        ("ſchoͤn ꝛc.", "schön rc."),
        ("Kaiſerreiche", "Kaiserreiche"),
        ("Ge⸗", "Ge-"),
        ("Uͤber Koͤnig", "Über König"),
        ("„Ja“, ſagte er, ‚gut‘ »so«", '"Ja", sagte er, \'gut\' "so"'),
        ("  ein\tWort \n zwei  ", "ein Wort zwei"),
        ("ﬁnden", "finden"),
        ("schön", "schön"),
    ],
)
def test_normalise_folds_level_2_to_level_1(level2: str, level1: str) -> None:
    assert ocr_eval.normalise(level2) == level1


def test_edits_and_corpus_rates_by_hand() -> None:
    truth = "Herr Clemens Graf von Metternich. 70) —Von wegen des A. C. Verwandten"
    ocr = "Herr Clemens Graf von Metteruich. 70) —Von wegen des A.C. Verwandten"
    # n→u (1 substitution), the space after "A." deleted (1 deletion).
    assert ocr_eval.char_edits(truth, ocr) == 2
    # "Metternich." and "A." "C." → "A.C.": 1 + (1 substitution + 1 deletion) words.
    assert ocr_eval.word_edits(truth, ocr) == 3
    rates = ocr_eval.Rates()
    rates.add(truth, ocr)  # 69 characters, 12 words
    rates.add("ſein Haus", "fein Haus")  # raw 1 edit, normalised ("sein") 1 edit
    rates.add("Soͤhne", "Söhne")  # raw: ö against o + U+0364 (2 edits), normalised 0
    figures = rates.as_dict()
    assert (rates.chars, rates.char_edits) == (69 + 9 + 6, 2 + 1 + 2)
    assert figures["cer"] == Decimal("5.95")  # 5 / 84
    assert (rates.norm_chars, rates.norm_char_edits) == (69 + 9 + 5, 2 + 1 + 0)
    assert figures["cer_normalised"] == Decimal("3.61")  # 3 / 83
    assert (rates.words, rates.word_edits) == (12 + 2 + 1, 3 + 1 + 1)
    assert figures["wer"] == Decimal("33.33")  # 5 / 15
    assert figures["wer_normalised"] == Decimal("26.67")  # 4 / 15


def test_corpus_rate_is_not_a_mean_of_line_rates() -> None:
    rates = ocr_eval.Rates()
    rates.add("ab", "xb")  # 50 % on its own
    rates.add("abcdefghij", "abcdefghij")  # 0 %
    assert rates.as_dict()["cer"] == Decimal("8.33")  # 1 / 12, not 25 %


def test_findable_words() -> None:
    # Words of four letters or more: gemeinde, soest, tagte (Die is too short).
    assert ocr_eval.findable_words("Die Gemeinde Soeſt tagte.", "Die Gemeiude Soest tagte") == (
        2,
        3,
    )
    assert ocr_eval.findable_words("am in zu", "") == (0, 0)


def test_gt_lines_reads_both_namings_and_the_year(gt: Path) -> None:
    lines = ocr_eval.gt_lines(gt)
    assert [line.name for line in lines] == _real_names()
    assert [line.decade for line in lines] == ["1800er", "1850er", "1890er"]
    assert lines[0].truth == (GT_FOLDER / f"{_real_names()[0]}.txt").read_text().strip("\n")


def test_gt_lines_refuses_a_missing_or_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ocr_eval.GroundTruthError, match="does not exist"):
        ocr_eval.gt_lines(tmp_path / "nowhere")
    with pytest.raises(ocr_eval.GroundTruthError, match="no line pairs"):
        ocr_eval.gt_lines(tmp_path)


def test_ocr_eval_command_on_real_fraktur_lines(gt: Path) -> None:
    out = StringIO()
    call_command("ocr_eval", str(gt), model="frk", jobs=2, json=True, stdout=out)
    report = json.loads(out.getvalue())
    assert report["model"] == "frk"
    assert report["psm"] == 7
    assert report["total"]["lines"] == 3
    assert sorted(report["decades"]) == ["1800er", "1850er", "1890er"]
    truth_chars = sum(len(" ".join(line.truth.split())) for line in ocr_eval.gt_lines(gt))
    assert report["total"]["characters"] == truth_chars
    # The engine's own result; frk reads these lines with a few errors at most.
    assert Decimal(report["total"]["cer"]) < Decimal(25)
    assert Decimal(report["total"]["cer_normalised"]) <= Decimal(report["total"]["cer"])


def test_ocr_eval_command_table(gt: Path) -> None:
    out = StringIO()
    call_command("ocr_eval", str(gt), model="frk", limit=1, verbosity=0, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Modell frk, --psm 7"
    assert lines[1].split() == [
        "Zeilen",
        "Zeichen",
        "CER",
        "WER",
        "CER",
        "norm.",
        "WER",
        "norm.",
        "Auffindbar",
    ]
    assert lines[2].startswith("1800er")
    assert lines[3].startswith("Gesamt")


def test_ocr_eval_command_errors(gt: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("ocr_eval", str(tmp_path / "nowhere"), model="frk")
    with pytest.raises(CommandError, match="The model 'frak2021' is not installed"):
        call_command("ocr_eval", str(gt), model="frak2021")
    with pytest.raises(CommandError, match="--jobs"):
        call_command("ocr_eval", str(gt), model="frk", jobs=0)
