"""``verbund assistant-eval``: the figures and the errors of a labelled file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.assistant.conftest import Catalogue
from verbund.assistant.engine import Mode
from verbund.assistant.evaluation import Labelled, evaluate
from verbund.assistant.index import assistant_index

pytestmark = pytest.mark.django_db

QUESTIONS = """# a comment line
question\texpected
Mein Perso ist abgelaufen\tpersonalausweis
Ich habe einen Welpen bekommen\thundesteuer-anmeldung
Wohin mit dem alten Sofa?\tsperrmuell-abholung
Wie spät ist es in Tokio?\tnone
"""


def _run(tmp_path: Path, text: str, *args: str) -> str:
    path = tmp_path / "q.tsv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("assistant_eval", str(path), *args, stdout=out)
    return out.getvalue()


def test_figures_of_a_small_set(catalogue: Catalogue, tmp_path: Path) -> None:
    (report,) = json.loads(_run(tmp_path, QUESTIONS, "--mode", "hybrid", "--json"))
    assert {k: report[k] for k in ("questions", "answerable", "hit1", "hit3", "mrr")} == {
        "questions": 4,
        "answerable": 3,
        "hit1": 1.0,
        "hit3": 1.0,
        "mrr": 1.0,
    }
    assert (report["abstained"], report["abstention_precision"]) == (1, 1.0)
    assert report["abstention_recall"] == 1.0


def test_metrics_count_a_declined_answerable_question_as_a_miss(catalogue: Catalogue) -> None:
    rows = [
        Labelled(2, "Mein Perso ist abgelaufen", "personalausweis"),
        Labelled(3, "Wie spät ist es in Tokio?", "sperrmuell-abholung"),  # declined: a miss
        Labelled(4, "Ich habe einen Welpen bekommen", "none"),  # answered: a wrong answer
    ]
    report = evaluate(assistant_index(), rows, Mode.HYBRID)
    assert (report.answerable, report.hit1, report.hit3) == (2, 0.5, 0.5)
    assert report.mrr == 0.5
    assert (report.abstained, report.abstention_precision, report.abstention_recall) == (
        1,
        0.0,
        0.0,
    )
    assert [m[1:] for m in report.misses] == [
        ("sperrmuell-abholung", "none"),
        ("none", "hundesteuer-anmeldung"),
    ]


def test_the_table_names_all_three_modes(catalogue: Catalogue, tmp_path: Path) -> None:
    out = _run(tmp_path, QUESTIONS)
    lines = out.splitlines()
    assert lines[0] == "4 questions, 3 answerable, 1 labelled none"
    assert [line.split()[0] for line in lines[2:]] == ["hybrid", "dense", "lexical"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "frage\terwartet\nx\tnone\n",
            "Zeile 1: Die Kopfzeile muss „question<TAB>expected“ lauten.",
        ),
        (
            "question\texpected\nPerso\tunbekannt\n",
            "Zeile 2: Die Leistung „unbekannt“ ist nicht veröffentlicht.",
        ),
        (
            "question\texpected\nnur eine Spalte\n",
            "Zeile 2: Erwartet werden genau zwei Spalten, Frage und Leistung.",
        ),
        ("# nur Kommentar\n", "Die Datei enthält keine Fragen."),
    ],
)
def test_a_bad_file_names_the_line(
    catalogue: Catalogue, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(CommandError) as error:
        _run(tmp_path, text)
    assert str(error.value) == message


def test_a_missing_file(catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command("assistant_eval", str(tmp_path / "fehlt.tsv"), stdout=StringIO())
    assert str(error.value) == f"Die Datei {tmp_path / 'fehlt.tsv'} gibt es nicht."
