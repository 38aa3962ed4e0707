"""The recipient's forms: a section's questions as inputs (which questions a page shows,
what each input holds, how hints and errors are tied to it) and the name on the check
page. The engine parses what comes back (``engine.parse_section``); nothing here
validates answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.surveys.engine import Question, Row, Section, Survey, Type, input_name, visible_keys
from verbund.surveys.respond.display import date_text, number_text

__all__ = [
    "Choice",
    "MatrixRow",
    "QuestionField",
    "RespondentForm",
    "condition_hint",
    "field_id",
    "page_questions",
    "section_fields",
]


class RespondentForm(forms.Form):
    respondent = forms.CharField(
        label=gettext_lazy("Ausgefüllt von (Name, Stelle)"),
        help_text=gettext_lazy(
            "Damit der Verbund bei Rückfragen weiß, an wen er sich wenden kann."
        ),
        max_length=200,
        required=False,
    )


@dataclass(frozen=True)
class Choice:
    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class MatrixRow:
    row: Row
    name: str  # of the row's radios
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class QuestionField:
    """One question of the page. ``kind``: ``radio``, ``checkbox``, ``matrix`` (a
    table of radios), ``input`` or ``textarea``. ``id`` is the element the error
    summary links to: the input, or the group's first choice."""

    question: Question
    kind: str
    name: str
    id: str
    value: str = ""
    choices: tuple[Choice, ...] = ()
    rows: tuple[MatrixRow, ...] = ()
    format_hint: str = ""
    condition: str = ""
    error: str = ""
    inputmode: str = ""

    @property
    def base(self) -> str:
        return input_name(self.question)

    @property
    def described_by(self) -> str:
        """The ids of the help, format, condition and error texts, as present."""
        ids = []
        if self.question.help:
            ids.append(f"{self.base}-hint")
        if self.format_hint:
            ids.append(f"{self.base}-format")
        if self.condition:
            ids.append(f"{self.base}-condition")
        if self.error:
            ids.append(f"{self.base}-error")
        return " ".join(ids)


def page_questions(survey: Survey, section: Section, answers: Mapping[str, Any]) -> list[Question]:
    """The questions a section's page shows. A condition on an earlier section's
    answer is decided by the stored answers; a condition on a question of this page
    cannot be decided before the page is sent (no JavaScript), so the question is
    shown with a hint (:func:`condition_hint`) whenever the question it depends on is
    shown, and ``engine.parse_section`` drops its answer when the condition fails."""
    shown = visible_keys(survey, answers)
    on_page: list[Question] = []
    here = {q.key for q in section.questions}
    for question in section.questions:
        condition = question.show_if
        if condition is None:
            on_page.append(question)
        elif condition.question in here:
            if any(q.key == condition.question for q in on_page):
                on_page.append(question)
        elif question.key in shown:
            on_page.append(question)
    return on_page


def condition_hint(survey: Survey, question: Question) -> str:
    """„Nur beantworten, wenn Sie bei „1. …“ „…“ oder „…“ gewählt haben.“ for a
    condition on a question of the same page; ``""`` otherwise (a condition on an
    earlier page is decided before the page is shown)."""
    if question.show_if is None:
        return ""
    target = survey.question(question.show_if.question)
    if target.section != question.section:
        return ""
    labels = []
    for key in question.show_if.values:
        option = target.option(key)
        labels.append(f"„{option.label if option is not None else key}“")
    chosen = f" {_('oder')} ".join(labels)
    return _("Nur beantworten, wenn Sie bei „%(question)s“ %(answers)s gewählt haben.") % {
        "question": target.label,
        "answers": chosen,
    }


def field_id(question: Question) -> str:
    """The id of the question's first input: where an error message links to."""
    if question.type is Type.MATRIX:
        return f"{input_name(question, question.rows[0])}-0"
    if question.type in (Type.SINGLE, Type.MULTIPLE, Type.YESNO, Type.SCALE):
        return f"{input_name(question)}-0"
    return input_name(question)


def _format_hint(question: Question) -> str:
    if question.type is Type.DATE:
        return _("Im Format TT.MM.JJJJ, zum Beispiel 01.05.2023.")
    if question.type is not Type.NUMBER:
        return ""
    parts = []
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        parts.append(
            _("Eine Zahl von %(min)s bis %(max)s")
            % {"min": number_text(low), "max": number_text(high)}
        )
    elif low is not None:
        parts.append(_("Eine Zahl ab %(min)s") % {"min": number_text(low)})
    elif high is not None:
        parts.append(_("Eine Zahl bis %(max)s") % {"max": number_text(high)})
    else:
        parts.append(_("Eine Zahl"))
    if question.decimals == 0:
        parts.append(_("ohne Nachkommastellen"))
    elif question.decimals == 1:
        parts.append(_("mit höchstens einer Nachkommastelle"))
    else:
        parts.append(_("mit höchstens %(n)s Nachkommastellen") % {"n": question.decimals})
    return ", ".join(parts) + "."


def _typed(question: Question, value: Any) -> str:
    """A stored answer as the input shows it again."""
    if value is None:
        return ""
    if question.type is Type.NUMBER and isinstance(value, (int, float)):
        return number_text(value, grouping=False)
    if question.type is Type.DATE:
        return date_text(value)
    return str(value)


def _first(post: Any, name: str) -> str:
    got = post.getlist(name) if hasattr(post, "getlist") else [post.get(name, "")]
    return str(got[0]) if got else ""


def _field(
    survey: Survey,
    question: Question,
    answers: Mapping[str, Any],
    post: Any | None,
    error: str,
) -> QuestionField:
    name = input_name(question)
    stored = answers.get(question.key)
    common: dict[str, Any] = {
        "question": question,
        "name": name,
        "id": field_id(question),
        "error": error,
        "condition": condition_hint(survey, question),
        "format_hint": _format_hint(question),
    }
    if question.type is Type.MATRIX:
        rows = []
        for row in question.rows:
            row_name = input_name(question, row)
            if post is not None:
                picked = _first(post, row_name)
            else:
                picked = str(stored.get(row.key, "")) if isinstance(stored, dict) else ""
            rows.append(
                MatrixRow(
                    row=row,
                    name=row_name,
                    choices=tuple(
                        Choice(f"{row_name}-{i}", o.key, o.label, o.key == picked)
                        for i, o in enumerate(question.options)
                    ),
                )
            )
        return QuestionField(kind="matrix", rows=tuple(rows), **common)
    if question.type in (Type.SINGLE, Type.MULTIPLE, Type.YESNO, Type.SCALE):
        if question.type is Type.MULTIPLE:
            if post is not None:
                picked_set = set(post.getlist(name)) if hasattr(post, "getlist") else set()
            else:
                picked_set = {str(v) for v in stored} if isinstance(stored, list) else set()
        else:
            picked_set = {_first(post, name) if post is not None else _typed(question, stored)}
        if question.type is Type.SCALE:
            options = [(str(n), _scale_label(question, n)) for n in question.scale_values]
        else:
            options = [(o.key, o.label) for o in question.options]
        choices = tuple(
            Choice(f"{name}-{i}", value, label, value in picked_set)
            for i, (value, label) in enumerate(options)
        )
        kind = "checkbox" if question.type is Type.MULTIPLE else "radio"
        return QuestionField(kind=kind, choices=choices, **common)
    value = _first(post, name) if post is not None else _typed(question, stored)
    if question.type is Type.TEXT and question.multiline:
        return QuestionField(kind="textarea", value=value, **common)
    inputmode = ""
    if question.type is Type.NUMBER:
        inputmode = "decimal" if question.decimals else "numeric"
    # No maxlength: a browser would cut a pasted text short without a word; the engine
    # names the limit instead.
    return QuestionField(kind="input", value=value, inputmode=inputmode, **common)


def _scale_label(question: Question, step: int) -> str:
    if step == question.minimum and question.min_label:
        return f"{step} – {question.min_label}"
    if step == question.maximum and question.max_label:
        return f"{step} – {question.max_label}"
    return str(step)


def section_fields(
    survey: Survey,
    section: Section,
    answers: Mapping[str, Any],
    *,
    post: Any | None = None,
    errors: Mapping[str, str] | None = None,
) -> list[QuestionField]:
    """The page's inputs: filled from the stored ``answers``, or with what was posted
    (``post``, shown again with ``errors`` by question key)."""
    errors = errors or {}
    return [
        _field(survey, question, answers, post, errors.get(question.key, ""))
        for question in page_questions(survey, section, answers)
    ]
