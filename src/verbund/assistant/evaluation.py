"""Measuring the assistant on a labelled set of questions (``verbund assistant-eval``).

The file is UTF-8, tab-separated, with the header ``question<TAB>expected``;
``expected`` is a service slug or ``none`` (the assistant should not answer);
lines starting with ``#`` are comments.

Figures, for one retrieval mode:

* **Hit@1, Hit@3** over the answerable questions: the expected service is the
  first, or among the first three, *and the assistant did not abstain* (a
  question it declines counts as a miss);
* **MRR@10**: mean of 1/rank of the expected service in the first ten (0 when it
  is not there or the assistant abstained);
* **abstention precision**: of the questions it declined, the share labelled
  ``none``; and **abstention recall**: of the ``none`` questions, the share it
  declined;
* the clarifying-question rate, and the retrieval-only Hit@1/Hit@3 that ignore
  the decision to abstain.
"""

from __future__ import annotations

import csv
import io
import itertools
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from verbund.assistant.engine import AssistantIndex, Decision, Mode, Retrieval, Settings, decide
from verbund.assistant.text import clean, read

NONE = "none"


class EvalFileError(ValueError):
    """A labelled file that cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class Labelled:
    line: int
    question: str
    expected: str


def read_labelled(path: Path, known: set[str]) -> list[Labelled]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EvalFileError(_("Die Datei %(path)s gibt es nicht.") % {"path": path}) from exc
    except UnicodeDecodeError as exc:
        raise EvalFileError(
            _("Die Datei %(path)s ist nicht in UTF-8 kodiert.") % {"path": path}
        ) from exc
    rows: list[Labelled] = []
    header_seen = False
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if not header_seen:
            if [c.strip() for c in cells] != ["question", "expected"]:
                raise EvalFileError(
                    _("Zeile %(line)d: Die Kopfzeile muss „question<TAB>expected“ lauten.")
                    % {"line": number}
                )
            header_seen = True
            continue
        if len(cells) != 2 or not cells[0].strip():
            raise EvalFileError(
                _("Zeile %(line)d: Erwartet werden genau zwei Spalten, Frage und Leistung.")
                % {"line": number}
            )
        expected = cells[1].strip()
        if expected != NONE and expected not in known:
            raise EvalFileError(
                _("Zeile %(line)d: Die Leistung „%(slug)s“ ist nicht veröffentlicht.")
                % {"line": number, "slug": expected}
            )
        rows.append(Labelled(number, cells[0].strip(), expected))
    if not rows:
        raise EvalFileError(_("Die Datei enthält keine Fragen."))
    return rows


@dataclass
class Report:
    mode: str
    questions: int
    answerable: int
    hit1: float
    hit3: float
    mrr: float
    abstention_precision: float
    abstention_recall: float
    abstained: int
    clarified: float
    retrieval_hit1: float
    retrieval_hit3: float
    ms_p50: float
    ms_p95: float
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # question, expected, got


def _ratio(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(
    index: AssistantIndex,
    rows: list[Labelled],
    mode: Mode = Mode.HYBRID,
    settings: Settings | None = None,
) -> Report:
    retrievals: list[Retrieval] = []
    durations: list[float] = []
    for row in rows:
        question = clean(row.question)
        started = time.perf_counter()
        retrievals.append(index.ask(question, mode=mode, settings=settings, reading=read(question)))
        durations.append((time.perf_counter() - started) * 1000)
    return _report(rows, retrievals, durations, str(mode))


def _report(
    rows: list[Labelled], retrievals: list[Retrieval], durations: list[float], mode: str
) -> Report:
    hit1 = hit3 = retrieval1 = retrieval3 = 0
    reciprocal = 0.0
    abstained = abstained_right = clarified = 0
    answerable = sum(1 for r in rows if r.expected != NONE)
    nones = len(rows) - answerable
    misses: list[tuple[str, str, str]] = []
    for row, retrieval in zip(rows, retrievals, strict=True):
        slugs = [c.slug for c in retrieval.ranking]
        declined = retrieval.decision is Decision.ABSTAIN
        clarified += retrieval.decision is Decision.CLARIFY
        if declined:
            abstained += 1
            abstained_right += row.expected == NONE
        if row.expected == NONE:
            if not declined:
                misses.append((row.question, NONE, slugs[0]))
            continue
        retrieval1 += slugs[:1] == [row.expected]
        retrieval3 += row.expected in slugs[:3]
        if declined:
            misses.append((row.question, row.expected, NONE))
            continue
        hit1 += slugs[:1] == [row.expected]
        hit3 += row.expected in slugs[:3]
        if row.expected in slugs:
            reciprocal += 1 / (slugs.index(row.expected) + 1)
        if slugs[:1] != [row.expected]:
            misses.append((row.question, row.expected, slugs[0] if slugs else NONE))
    durations = sorted(durations) or [0.0]
    return Report(
        mode=mode,
        questions=len(rows),
        answerable=answerable,
        hit1=_ratio(hit1, answerable),
        hit3=_ratio(hit3, answerable),
        mrr=_ratio(reciprocal, answerable),
        abstention_precision=_ratio(abstained_right, abstained),
        abstention_recall=_ratio(abstained_right, nones),
        abstained=abstained,
        clarified=_ratio(clarified, len(rows)),
        retrieval_hit1=_ratio(retrieval1, answerable),
        retrieval_hit3=_ratio(retrieval3, answerable),
        ms_p50=statistics.median(durations),
        ms_p95=durations[min(len(durations) - 1, int(len(durations) * 0.95))],
        misses=misses,
    )


def tune(index: AssistantIndex, rows: list[Labelled]) -> tuple[Settings, Report]:
    """The settings with the best ``Hit@1 + Hit@3/2 + abstention precision and recall -
    clarifying rate/2`` on ``rows`` (meant for the development set, never the test set).
    Rankings depend on the lexical weight only; the decisions are replayed on them."""
    best: tuple[float, Settings, Report] | None = None
    questions = [clean(row.question) for row in rows]
    readings = [read(q) for q in questions]
    for weight in (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.14):
        ranked = [index.rank(q, Mode.HYBRID, weight) for q in questions]
        grid = itertools.product(
            (0.82, 0.825, 0.83, 0.835, 0.84, 0.845, 0.85),  # abstain below without evidence
            (0.79, 0.80, 0.81, 0.82),  # abstain always below
            (0.0, 0.002, 0.004, 0.008),  # clarify margin
            (0.0, 2.5, 5.0, 6.5, 8.0, 10.0),  # lexical floor
        )
        for below, always, margin, floor in grid:
            if always > below:
                continue
            settings = Settings(weight, below, always, margin, floor)
            retrievals = [
                Retrieval(
                    decide(ranking, known, Mode.HYBRID, settings, reading), tuple(ranking), known
                )
                for (ranking, known), reading in zip(ranked, readings, strict=True)
            ]
            report = _report(rows, retrievals, [], str(Mode.HYBRID))
            value = (
                report.hit1
                + 0.5 * report.hit3
                + report.abstention_precision
                + report.abstention_recall
                - 0.5 * report.clarified
            )
            if best is None or value > best[0]:
                best = (value, settings, report)
    assert best is not None
    return best[1], best[2]
