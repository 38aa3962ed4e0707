"""The figures of a survey's results, per question, from the submitted answers.

Pure: no database, no request. The base of every figure is the respondents to whom
the question was *shown* (``engine.visible_keys`` of their own answers): a question
hidden by its condition does not count for that respondent at all, neither as shown
nor as answered. Percentages of a choice are of those who answered the question (a
multiple choice: of those who answered it, so that the options may add up to more
than 100 %; a matrix: of those who answered that row).

Quartiles are ``statistics.quantiles(values, n=4, method="inclusive")``: linear
interpolation between the sorted values at the positions ``(n - 1) · p``, the same
as Excel's QUARTILE.INC and R's type 7 (:data:`QUARTILE_METHOD` says so on the
page). Fewer than two values have no quartiles. Numbers are kept as ``Decimal``
(an answer ``4.5`` is ``Decimal("4.5")``), so the figures are exact before they are
rounded for display.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from verbund.core.charts import format_number
from verbund.surveys import engine
from verbund.surveys.engine import Type

QUARTILE_METHOD = _(
    "Quartile: lineare Interpolation zwischen den Werten (Methode „inclusive“, wie Excel "
    "QUARTILE.INC / R Typ 7); bei weniger als 2 Werten werden keine Quartile ausgewiesen."
)
MULTIPLE_NOTE = _(
    # Translators: no placeholders here ("100 % ergeben" only looks like one).
    # xgettext:no-python-format
    "Mehrfachnennungen möglich: Die Anteile beziehen sich auf alle, die die Frage "
    "beantwortet haben, und können zusammen mehr als 100 % ergeben."
)
_TENTH = Decimal("0.1")


@lru_cache(maxsize=4096)
def _formatted(digits: str, places: int | None, language: str | None) -> str:
    # Keyed by the digits, not the number: Decimal("1.0") == 1, but it is written "1,0".
    return format_number(Decimal(digits), places)


def cached_number(value: Decimal | int, places: int | None = None) -> str:
    """:func:`core.charts.format_number`, remembered per value and language: a page of
    results writes the same few hundred counts and shares thousands of times, and
    Django's number formatting is the slow part of writing them."""
    return _formatted(str(value), places, translation.get_language())


def share(count: int, base: int) -> Decimal | None:
    """``count`` of ``base`` in per cent with one decimal place (rounded half up);
    ``None`` without a base."""
    if base == 0:
        return None
    return (Decimal(count * 100) / base).quantize(_TENTH, ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    """A share as the page writes it: "33,3 %", or "–" without a base."""
    return "–" if value is None else f"{cached_number(value, 1)} %"


def number_text(value: Decimal | None, places: int | None = None) -> str:
    """A figure in the active language: as many decimal places as it has (2.50 is
    "2,5", 3.00 is "3"), or exactly ``places``; "–" for none."""
    if value is None:
        return "–"
    if places is None:
        exponent = value.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return cached_number(value, places)


@dataclass(frozen=True, slots=True)
class Response:
    """One submitted set of answers, and who gave them (for the free texts)."""

    answers: Mapping[str, Any]
    respondent: str = ""


@dataclass(frozen=True, slots=True)
class OptionCount:
    key: str
    label: str
    count: int
    base: int

    @property
    def percent(self) -> Decimal | None:
        return share(self.count, self.base)

    @property
    def percent_text(self) -> str:
        return percent_text(self.percent)


@dataclass(frozen=True, slots=True)
class MatrixRowResult:
    key: str
    label: str
    answered: int
    options: tuple[OptionCount, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """Five figures and the mean of numeric answers; no quartiles below two values."""

    n: int
    minimum: Decimal
    q1: Decimal | None
    median: Decimal
    q3: Decimal | None
    maximum: Decimal
    mean: Decimal

    def rows(self) -> list[tuple[str, str]]:
        """The figures as the page and the exports name them."""
        return [
            (str(_("Anzahl Werte")), cached_number(self.n)),
            (str(_("Minimum")), number_text(self.minimum)),
            (str(_("1. Quartil")), number_text(self.q1)),
            (str(_("Median")), number_text(self.median)),
            (str(_("3. Quartil")), number_text(self.q3)),
            (str(_("Maximum")), number_text(self.maximum)),
            (str(_("Mittelwert")), number_text(self.mean, 2)),
        ]


@dataclass(frozen=True, slots=True)
class DateSummary:
    earliest: dt.date
    latest: dt.date
    years: tuple[tuple[int, int], ...]  # (year, answers), by year


@dataclass(frozen=True, slots=True)
class TextAnswer:
    text: str
    respondent: str


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: engine.Question
    shown: int  # respondents to whom the question was shown
    answered: int  # of those, the ones who answered it
    options: tuple[OptionCount, ...] = ()  # choices, yes/no, the steps of a scale
    rows: tuple[MatrixRowResult, ...] = ()
    summary: Summary | None = None  # numbers and scales
    dates: DateSummary | None = None
    texts: tuple[TextAnswer, ...] = ()

    @property
    def answered_percent_text(self) -> str:
        return percent_text(share(self.answered, self.shown))


def summarize(values: Sequence[Decimal]) -> Summary | None:
    """n, minimum, quartiles (method "inclusive"), median, maximum and mean."""
    if not values:
        return None
    ordered = sorted(values)
    q1: Decimal | None = None
    q3: Decimal | None = None
    if len(ordered) >= 2:
        q1, _q2, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Summary(
        n=len(ordered),
        minimum=ordered[0],
        q1=q1,
        median=statistics.median(ordered),
        q3=q3,
        maximum=ordered[-1],
        mean=statistics.mean(ordered),
    )


def question_results(survey: engine.Survey, responses: Sequence[Response]) -> list[QuestionResult]:
    """One result per question of ``survey``, in its order, over ``responses``."""
    questions = survey.questions
    shown = dict.fromkeys((q.key for q in questions), 0)
    given: dict[str, list[Any]] = {q.key: [] for q in questions}
    # Who wrote a free text; kept for texts only.
    writers: dict[str, list[str]] = {q.key: [] for q in questions if q.type is Type.TEXT}
    # One pass over each response's shown questions, not one over all responses per
    # question, and no object per answer: 294 responses × 60 questions is the size
    # this is built for.
    for response in responses:
        answers = response.answers
        for key in engine.visible_keys(survey, answers):
            shown[key] += 1
            value = answers.get(key)
            if value is not None and value != "" and value != [] and value != {}:
                given[key].append(value)
                if key in writers:
                    writers[key].append(response.respondent)
    return [_result(q, shown[q.key], given[q.key], writers.get(q.key, [])) for q in questions]


def _result(
    question: engine.Question, shown: int, given: list[Any], writers: list[str]
) -> QuestionResult:
    kind = question.type
    answered = len(given)
    if kind in (Type.SINGLE, Type.YESNO, Type.MULTIPLE):
        counts = dict.fromkeys((o.key for o in question.options), 0)
        for value in given:
            if isinstance(value, list):
                for key in value:
                    if key in counts:
                        counts[key] += 1
            elif value in counts:
                counts[value] += 1
        options = tuple(
            OptionCount(o.key, o.label, counts[o.key], answered) for o in question.options
        )
        return QuestionResult(question, shown, answered, options=options)
    if kind is Type.MATRIX:
        rows = []
        for row in question.rows:
            picked = [value[row.key] for value in given if row.key in value]
            rows.append(
                MatrixRowResult(
                    row.key,
                    row.label,
                    len(picked),
                    tuple(
                        OptionCount(o.key, o.label, picked.count(o.key), len(picked))
                        for o in question.options
                    ),
                )
            )
        return QuestionResult(question, shown, answered, rows=tuple(rows))
    if kind is Type.SCALE:
        values = [value for value in given if isinstance(value, int)]
        options = tuple(
            OptionCount(str(step), _step_label(question, step), values.count(step), len(values))
            for step in question.scale_values
        )
        summary = summarize([Decimal(v) for v in values])
        return QuestionResult(question, shown, answered, options=options, summary=summary)
    if kind is Type.NUMBER:
        numbers = [
            Decimal(str(value))
            for value in given
            if isinstance(value, (int, float)) and not isinstance(value, bool)
        ]
        return QuestionResult(question, shown, answered, summary=summarize(numbers))
    if kind is Type.DATE:
        days = sorted(dt.date.fromisoformat(value) for value in given)
        years: dict[int, int] = {}
        for day in days:
            years[day.year] = years.get(day.year, 0) + 1
        dates = DateSummary(days[0], days[-1], tuple(sorted(years.items()))) if days else None
        return QuestionResult(question, shown, answered, dates=dates)
    texts = tuple(TextAnswer(str(value), who) for value, who in zip(given, writers, strict=True))
    return QuestionResult(question, shown, answered, texts=texts)


def _step_label(question: engine.Question, step: int) -> str:
    """ "1 – gar nicht", "2", …, "5 – sehr": a step of a scale with its end label."""
    values = question.scale_values
    if step == values[0] and question.min_label:
        return f"{step} – {question.min_label}"
    if step == values[-1] and question.max_label:
        return f"{step} – {question.max_label}"
    return str(step)
