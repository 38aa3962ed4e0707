"""Stored answers as people read them, in German: option labels instead of keys, one
line per chosen option or matrix row, numbers with a decimal comma ("1.234,5") and
dates as TT.MM.JJJJ.

Pure functions over the engine's :class:`~verbund.surveys.engine.Question` and the
answers as stored (JSON): the recipient's read-only pages use them, and so may the
results pages. The wording is the survey's own (German), whatever the page's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from verbund.surveys.engine import Question, Section, Survey, Type, visible_keys

__all__ = [
    "QuestionAnswer",
    "SectionAnswers",
    "SectionProgress",
    "answer_lines",
    "answer_text",
    "answers_by_section",
    "date_text",
    "is_answered",
    "number_text",
    "section_progress",
]


def number_text(value: int | float | Decimal, *, grouping: bool = True) -> str:
    """A number the German way, with as many decimals as it has: 4.5 is "4,5", 4.0 is
    "4", 1234567 is "1.234.567" (without ``grouping``: "1234567", as typed in a form)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    sign = "-" if number < 0 else ""
    whole, _point, fraction = format(abs(number).normalize(), "f").partition(".")
    if grouping:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = ".".join([whole, *groups])
    return sign + whole + ("," + fraction if fraction else "")


def date_text(value: str) -> str:
    """An ISO date as TT.MM.JJJJ; anything else as it is."""
    try:
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return str(value)


def is_answered(value: Any) -> bool:
    """Whether a stored value counts as an answer (a matrix: at least one row)."""
    return value not in (None, "", [], {})


def _option_label(question: Question, key: Any) -> str:
    option = question.option(str(key))
    return option.label if option is not None else str(key)


def answer_lines(question: Question, value: Any) -> list[str]:
    """The answer as lines of text: one per chosen option of a multiple choice, one
    "row: option" per answered matrix row, else one line; no lines when unanswered."""
    if not is_answered(value):
        return []
    kind = question.type
    if kind in (Type.SINGLE, Type.YESNO):
        return [_option_label(question, value)]
    if kind is Type.MULTIPLE:
        picked = value if isinstance(value, list) else [value]
        return [_option_label(question, key) for key in picked]
    if kind is Type.MATRIX:
        if not isinstance(value, dict):
            return [str(value)]
        labels = {row.key: row.label for row in question.rows}
        ordered = [row.key for row in question.rows if row.key in value]
        ordered += [key for key in value if key not in labels]  # a row no longer asked
        return [f"{labels.get(key, key)}: {_option_label(question, value[key])}" for key in ordered]
    if kind is Type.NUMBER:
        return [number_text(value)] if isinstance(value, (int, float)) else [str(value)]
    if kind is Type.SCALE:
        text = number_text(value) if isinstance(value, int) else str(value)
        end = ""
        if question.minimum is not None and value == question.minimum:
            end = question.min_label
        elif question.maximum is not None and value == question.maximum:
            end = question.max_label
        return [f"{text} ({end})" if end else text]
    if kind is Type.DATE:
        return [date_text(value)]
    return [str(value)]


def answer_text(question: Question, value: Any) -> str:
    """The answer on one line ("Bauamt, Jugendamt"; matrix rows separated by "; ");
    ``""`` when unanswered."""
    separator = "; " if question.type is Type.MATRIX else ", "
    return separator.join(answer_lines(question, value))


@dataclass(frozen=True)
class QuestionAnswer:
    question: Question
    lines: tuple[str, ...]  # empty: not answered

    @property
    def answered(self) -> bool:
        return bool(self.lines)


@dataclass(frozen=True)
class SectionAnswers:
    section: Section
    answers: tuple[QuestionAnswer, ...]


def answers_by_section(survey: Survey, answers: Mapping[str, Any]) -> list[SectionAnswers]:
    """Every question the answers show, by section, each with its answer as lines (a
    question left open has none). Sections without a shown question are left out."""
    shown = visible_keys(survey, answers)
    result = []
    for section in survey.sections:
        rows = tuple(
            QuestionAnswer(q, tuple(answer_lines(q, answers.get(q.key))))
            for q in section.questions
            if q.key in shown
        )
        if rows:
            result.append(SectionAnswers(section, rows))
    return result


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    number: int  # 1-based
    shown: int  # questions the answers show
    answered: int  # of those, the ones answered


def section_progress(survey: Survey, answers: Mapping[str, Any]) -> list[SectionProgress]:
    """Per section: how many of the questions the answers show are answered."""
    shown = visible_keys(survey, answers)
    result = []
    for number, section in enumerate(survey.sections, start=1):
        keys = [q.key for q in section.questions if q.key in shown]
        answered = sum(1 for key in keys if is_answered(answers.get(key)))
        result.append(SectionProgress(section, number, len(keys), answered))
    return result
