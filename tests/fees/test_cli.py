"""``verbund fee-sheet FILE.json``: the computed sheet as JSON, or a German error naming
the field and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.fees.conftest import example_a, example_b
from verbund.fees import engine


def _write(tmp_path: Path, document: dict[str, object]) -> Path:
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_prints_the_computed_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("fee_sheet", str(_write(tmp_path, engine.to_document(example_b()))))
    out = json.loads(capsys.readouterr().out)
    assert out["result"]["fee"] == "6.00"
    assert out["result"]["to_cover"] == "240000.00"
    assert out["result"]["nachkalkulation"]["difference"] == "11135.00"
    assert out["result"]["nachkalkulation"]["due_year"] == 2030
    assert out["rounding_rule"].startswith("Rundung: Alle Zwischenwerte")


def test_a_bad_file_names_the_field(tmp_path: Path) -> None:
    document = engine.to_document(example_a())
    document["grades"][0]["annual_hours"] = "-1561"
    with pytest.raises(CommandError) as caught:
        call_command("fee_sheet", str(_write(tmp_path, document)))
    assert str(caught.value) == (
        "grades[0].annual_hours: Stellen, Zeile 1: Jahresarbeitsstunden muss größer als 0 sein."
    )


def test_the_verbund_command_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "verbund-fee-sheet", "version": 7}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "verbund", "fee-sheet", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "Feld „version“: unterstützt wird Version 1." in done.stderr
    good = _write(tmp_path, engine.to_document(example_a()))
    done = subprocess.run(
        [sys.executable, "-m", "verbund", "fee-sheet", str(good)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["result"]["fee"] == "58.23"
