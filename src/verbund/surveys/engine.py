"""The survey engine: a survey's definition, its questions and the answers to them.

A definition is JSON (``docs/surveys.md``)::

    {"fields": [{"key": "egov", "label": "E-Government"}],
     "sections": [{"key": "basis", "title": "…", "intro": "…",
                   "questions": [{"key": "ort", "type": "single", "text": "…",
                                  "help": "…", "required": true, "field": "egov",
                                  "options": [{"key": "ja", "label": "Ja", "score": 2}],
                                  "show_if": {"question": "…", "in": ["…"]}}]}]}

Question types: ``single`` and ``multiple`` choice (options), ``matrix`` (rows ×
options), ``number`` (``min``, ``max``, ``decimals``), ``text`` (``multiline``),
``yesno``, ``scale`` (whole numbers ``min``…``max`` with end labels) and ``date``.
An option may carry a ``score`` (a yes/no question has the options ``ja`` and
``nein``; a scale with ``"scored": true`` scores its value); scores add up per
field of action (:func:`scores`). A question is shown when its ``show_if``
holds: the answer to an *earlier* question is one of the listed option keys (for a
multiple choice: contains one of them).

This module checks a definition (:func:`compile_survey`, raising
:class:`DefinitionError` with every problem), turns a posted page into typed answers
(:func:`parse_section`), checks answers as a whole (:func:`check_answers`), drops
those of hidden questions (:func:`prune`) and tells a change of wording from a change
of structure (:func:`structure_changes`): after launch only the wording may change.

Everything here is pure: no database, no request. Answers are JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
# Path segments of the recipient's pages that a section key must not take.
RESERVED_SECTION_KEYS = frozenset({"absenden"})
MAX_KEY = 40
MAX_TEXT_ANSWER = 5000
MAX_LINE_ANSWER = 300
MAX_QUESTIONS = 400
MAX_OPTIONS = 50
MAX_ROWS = 50
MAX_SCALE_STEPS = 11
YES, NO = "ja", "nein"
YES_LABEL = cast(str, gettext_lazy("Ja"))
NO_LABEL = cast(str, gettext_lazy("Nein"))


class Type(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    MATRIX = "matrix"
    NUMBER = "number"
    TEXT = "text"
    YESNO = "yesno"
    SCALE = "scale"
    DATE = "date"


TYPE_LABELS: dict[Type, str] = {
    Type.SINGLE: "Einfachauswahl",
    Type.MULTIPLE: "Mehrfachauswahl",
    Type.MATRIX: "Matrix (Zeilen × Skala)",
    Type.NUMBER: "Zahl",
    Type.TEXT: "Text",
    Type.YESNO: "Ja/Nein",
    Type.SCALE: "Skala",
    Type.DATE: "Datum",
}

CHOICE_TYPES = frozenset({Type.SINGLE, Type.MULTIPLE, Type.MATRIX, Type.YESNO})


class DefinitionError(ValueError):
    """A definition that cannot be used; ``problems`` names every one, in German."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    score: Decimal | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str


@dataclass(frozen=True)
class Condition:
    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    key: str
    type: Type
    text: str
    help: str = ""
    required: bool = False
    field: str = ""
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int = 0
    min_label: str = ""
    max_label: str = ""
    multiline: bool = False
    scored: bool = False
    show_if: Condition | None = None
    section: str = ""
    number: int = 0  # 1-based position in the survey, for messages and exports

    @property
    def label(self) -> str:
        """How messages and exports name the question: its number and text."""
        return f"{self.number}. {self.text}"

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    @property
    def scale_values(self) -> list[int]:
        if self.type is not Type.SCALE or self.minimum is None or self.maximum is None:
            return []
        return list(range(int(self.minimum), int(self.maximum) + 1))

    @property
    def max_score(self) -> Decimal | None:
        """The most points an answer can score; None when the question scores nothing."""
        if self.type is Type.SCALE:
            return self.maximum if self.scored else None
        scored = [o.score for o in self.options if o.score is not None]
        if not scored:
            return None
        if self.type is Type.MULTIPLE:
            return sum((s for s in scored if s > 0), Decimal(0))
        if self.type is Type.MATRIX:
            return max(scored) * len(self.rows)
        return max(scored)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class FieldOfAction:
    key: str
    label: str


@dataclass(frozen=True)
class Survey:
    sections: tuple[Section, ...]
    fields: tuple[FieldOfAction, ...]
    digest: str

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def field_label(self, key: str) -> str:
        return next((f.label for f in self.fields if f.key == key), key)


def empty_definition() -> dict[str, Any]:
    return {"fields": [], "sections": []}


# --- compiling a definition ---------------------------------------------------------------


def definition_digest(definition: Mapping[str, Any]) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def compile_survey(definition: Mapping[str, Any]) -> Survey:
    """The survey of a definition; :class:`DefinitionError` names every problem."""
    return _compile_cached(json.dumps(definition, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=256)
def _compile_cached(canonical: str) -> Survey:
    definition = json.loads(canonical)
    problems: list[str] = []
    if not isinstance(definition, dict):
        raise DefinitionError([_("Die Umfrage muss ein JSON-Objekt sein.")])
    fields = _fields(definition.get("fields", []), problems)
    sections: list[Section] = []
    seen: dict[str, Question] = {}
    section_keys: set[str] = set()
    raw_sections = definition.get("sections", [])
    if not isinstance(raw_sections, list):
        raise DefinitionError([_("„sections“ muss eine Liste sein.")])
    number = 0
    for index, raw in enumerate(raw_sections, start=1):
        where = _("Abschnitt %(n)s") % {"n": index}
        if not isinstance(raw, dict):
            problems.append(_("%(where)s: muss ein Objekt sein.") % {"where": where})
            continue
        key = _key(raw.get("key"), where, problems)
        if key in RESERVED_SECTION_KEYS:
            problems.append(
                _("%(where)s: Der Schlüssel „%(key)s“ ist vergeben.") % {"where": where, "key": key}
            )
        if key and key in section_keys:
            problems.append(
                _("%(where)s: Der Schlüssel „%(key)s“ ist doppelt.") % {"where": where, "key": key}
            )
        section_keys.add(key)
        title = _text(raw.get("title"), where, _("Titel"), problems, required=True)
        questions: list[Question] = []
        raw_questions = raw.get("questions", [])
        if not isinstance(raw_questions, list):
            problems.append(_("%(where)s: „questions“ muss eine Liste sein.") % {"where": where})
            raw_questions = []
        for raw_question in raw_questions:
            number += 1
            question = _question(raw_question, number, key, fields, seen, problems)
            if question is not None:
                questions.append(question)
                seen[question.key] = question
        sections.append(
            Section(
                key=key,
                title=title,
                intro=str(raw.get("intro") or "").strip(),
                questions=tuple(questions),
            )
        )
    if number > MAX_QUESTIONS:
        problems.append(_("Höchstens %(n)s Fragen je Umfrage.") % {"n": MAX_QUESTIONS})
    if problems:
        raise DefinitionError(problems)
    return Survey(
        sections=tuple(sections), fields=tuple(fields), digest=definition_digest(definition)
    )


def _key(value: Any, where: str, problems: list[str]) -> str:
    if not isinstance(value, str) or not KEY.match(value) or len(value) > MAX_KEY:
        problems.append(
            _(
                "%(where)s: Der Schlüssel muss aus Kleinbuchstaben, Ziffern, „-“ oder „_“ "
                "bestehen (höchstens %(n)s Zeichen)."
            )
            % {"where": where, "n": MAX_KEY}
        )
        return str(value or "")
    return value


def _text(value: Any, where: str, what: str, problems: list[str], *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(
            _("%(where)s: %(what)s muss ein Text sein.") % {"where": where, "what": what}
        )
        return ""
    value = value.strip()
    if required and not value:
        problems.append(_("%(where)s: %(what)s fehlt.") % {"where": where, "what": what})
    return value


def _fields(raw: Any, problems: list[str]) -> list[FieldOfAction]:
    if not isinstance(raw, list):
        problems.append(_("„fields“ muss eine Liste sein."))
        return []
    found: list[FieldOfAction] = []
    for index, item in enumerate(raw, start=1):
        where = _("Handlungsfeld %(n)s") % {"n": index}
        if not isinstance(item, dict):
            problems.append(_("%(where)s: muss ein Objekt sein.") % {"where": where})
            continue
        key = _key(item.get("key"), where, problems)
        if any(f.key == key for f in found):
            problems.append(
                _("%(where)s: Der Schlüssel „%(key)s“ ist doppelt.") % {"where": where, "key": key}
            )
        found.append(
            FieldOfAction(
                key, _text(item.get("label"), where, _("Bezeichnung"), problems, required=True)
            )
        )
    return found


def _decimal(value: Any, where: str, what: str, problems: list[str]) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.append(
            _("%(where)s: %(what)s muss eine Zahl sein.") % {"where": where, "what": what}
        )
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.append(
            _("%(where)s: %(what)s muss eine Zahl sein.") % {"where": where, "what": what}
        )
        return None
    if not number.is_finite():
        problems.append(
            _("%(where)s: %(what)s muss eine Zahl sein.") % {"where": where, "what": what}
        )
        return None
    return number


def _options(
    raw: Any, where: str, problems: list[str], *, limit: int = MAX_OPTIONS
) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(_("%(where)s: Antwortmöglichkeiten fehlen.") % {"where": where})
        return ()
    if len(raw) > limit:
        problems.append(
            _("%(where)s: höchstens %(n)s Antwortmöglichkeiten.") % {"where": where, "n": limit}
        )
    found: list[Option] = []
    for item in raw:
        if not isinstance(item, dict):
            problems.append(
                _("%(where)s: Eine Antwortmöglichkeit muss ein Objekt sein.") % {"where": where}
            )
            continue
        key = _key(item.get("key"), where, problems)
        if any(o.key == key for o in found):
            problems.append(
                _("%(where)s: Die Antwortmöglichkeit „%(key)s“ ist doppelt.")
                % {"where": where, "key": key}
            )
        label = _text(
            item.get("label"), where, _("Bezeichnung der Antwort"), problems, required=True
        )
        score = _decimal(item.get("score"), where, _("Punkte"), problems)
        found.append(Option(key, label, score))
    return tuple(found)


def _question(
    raw: Any,
    number: int,
    section: str,
    fields: Sequence[FieldOfAction],
    earlier: Mapping[str, Question],
    problems: list[str],
) -> Question | None:
    where = _("Frage %(n)s") % {"n": number}
    if not isinstance(raw, dict):
        problems.append(_("%(where)s: muss ein Objekt sein.") % {"where": where})
        return None
    key = _key(raw.get("key"), where, problems)
    if key in earlier:
        problems.append(
            _("%(where)s: Der Schlüssel „%(key)s“ ist doppelt.") % {"where": where, "key": key}
        )
    try:
        kind = Type(str(raw.get("type")))
    except ValueError:
        problems.append(
            _("%(where)s: Unbekannte Art „%(type)s“.") % {"where": where, "type": raw.get("type")}
        )
        return None
    text = _text(raw.get("text"), where, _("Fragetext"), problems, required=True)
    field = str(raw.get("field") or "")
    if field and not any(f.key == field for f in fields):
        problems.append(
            _("%(where)s: Unbekanntes Handlungsfeld „%(field)s“.")
            % {"where": where, "field": field}
        )
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    minimum = _decimal(raw.get("min"), where, _("Minimum"), problems)
    maximum = _decimal(raw.get("max"), where, _("Maximum"), problems)
    decimals = 0
    if kind in (Type.SINGLE, Type.MULTIPLE, Type.MATRIX):
        options = _options(
            raw.get("options"),
            where,
            problems,
            limit=MAX_SCALE_STEPS if kind is Type.MATRIX else MAX_OPTIONS,
        )
    if kind is Type.YESNO:
        scores = raw.get("scores") or {}
        if not isinstance(scores, dict) or set(scores) - {YES, NO}:
            problems.append(
                _("%(where)s: Punkte gibt es nur für „ja“ und „nein“.") % {"where": where}
            )
            scores = {}
        # Lazy labels: the compiled survey is cached across requests and languages.
        options = (
            Option(YES, YES_LABEL, _decimal(scores.get(YES), where, _("Punkte"), problems)),
            Option(NO, NO_LABEL, _decimal(scores.get(NO), where, _("Punkte"), problems)),
        )
    if kind is Type.MATRIX:
        raw_rows = raw.get("rows")
        if not isinstance(raw_rows, list) or not raw_rows:
            problems.append(_("%(where)s: Zeilen fehlen.") % {"where": where})
        else:
            found_rows: list[Row] = []
            for item in raw_rows[:MAX_ROWS]:
                if not isinstance(item, dict):
                    problems.append(
                        _("%(where)s: Eine Zeile muss ein Objekt sein.") % {"where": where}
                    )
                    continue
                row_key = _key(item.get("key"), where, problems)
                if any(r.key == row_key for r in found_rows):
                    problems.append(
                        _("%(where)s: Die Zeile „%(key)s“ ist doppelt.")
                        % {"where": where, "key": row_key}
                    )
                found_rows.append(
                    Row(
                        row_key,
                        _text(item.get("label"), where, _("Zeile"), problems, required=True),
                    )
                )
            if len(raw_rows) > MAX_ROWS:
                problems.append(
                    _("%(where)s: höchstens %(n)s Zeilen.") % {"where": where, "n": MAX_ROWS}
                )
            rows = tuple(found_rows)
    if kind is Type.SCALE:
        if minimum is None or maximum is None:
            problems.append(
                _("%(where)s: Eine Skala braucht Minimum und Maximum.") % {"where": where}
            )
        elif minimum != minimum.to_integral_value() or maximum != maximum.to_integral_value():
            problems.append(
                _("%(where)s: Die Skala reicht von einer ganzen Zahl zur anderen.")
                % {"where": where}
            )
        elif not 2 <= maximum - minimum + 1 <= MAX_SCALE_STEPS:
            problems.append(
                _("%(where)s: Eine Skala hat 2 bis %(n)s Stufen.")
                % {"where": where, "n": MAX_SCALE_STEPS}
            )
    if kind is Type.NUMBER:
        raw_decimals = raw.get("decimals", 0)
        if (
            not isinstance(raw_decimals, int)
            or isinstance(raw_decimals, bool)
            or not 0 <= raw_decimals <= 4
        ):
            problems.append(_("%(where)s: Nachkommastellen: 0 bis 4.") % {"where": where})
        else:
            decimals = raw_decimals
    if minimum is not None and maximum is not None and minimum > maximum:
        problems.append(_("%(where)s: Das Minimum liegt über dem Maximum.") % {"where": where})
    condition = _condition(raw.get("show_if"), where, earlier, problems)
    return Question(
        key=key,
        type=kind,
        text=text,
        help=_text(raw.get("help"), where, _("Hilfetext"), problems),
        required=bool(raw.get("required", False)),
        field=field,
        options=options,
        rows=rows,
        minimum=minimum if kind in (Type.NUMBER, Type.SCALE) else None,
        maximum=maximum if kind in (Type.NUMBER, Type.SCALE) else None,
        decimals=decimals,
        min_label=_text(raw.get("min_label"), where, _("Beschriftung"), problems),
        max_label=_text(raw.get("max_label"), where, _("Beschriftung"), problems),
        multiline=bool(raw.get("multiline", False)),
        scored=bool(raw.get("scored", False)) and kind is Type.SCALE,
        show_if=condition,
        section=section,
        number=number,
    )


def _condition(
    raw: Any, where: str, earlier: Mapping[str, Question], problems: list[str]
) -> Condition | None:
    if raw in (None, {}):
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("in"), list) or not raw.get("in"):
        problems.append(
            _(
                "%(where)s: Eine Bedingung nennt eine frühere Frage und die Antworten, "
                "bei denen diese Frage erscheint."
            )
            % {"where": where}
        )
        return None
    target = earlier.get(str(raw.get("question")))
    if target is None:
        problems.append(
            _("%(where)s: Die Bedingung muss sich auf eine frühere Frage beziehen.")
            % {"where": where}
        )
        return None
    if target.type not in (Type.SINGLE, Type.MULTIPLE, Type.YESNO):
        problems.append(
            _("%(where)s: Bedingungen gehen nur auf Auswahl- und Ja/Nein-Fragen.")
            % {"where": where}
        )
        return None
    values = tuple(str(v) for v in raw["in"])
    unknown = [v for v in values if target.option(v) is None]
    if unknown:
        problems.append(
            _("%(where)s: „%(question)s“ hat keine Antwort „%(value)s“.")
            % {"where": where, "question": target.text, "value": unknown[0]}
        )
    return Condition(target.key, values)


# --- which questions are shown --------------------------------------------------------------


def visible_keys(survey: Survey, answers: Mapping[str, Any]) -> set[str]:
    """The questions shown for these answers: a condition holds only when the question
    it refers to is shown itself and answered with one of its values."""
    shown: set[str] = set()
    for question in survey.questions:
        condition = question.show_if
        if condition is None:
            shown.add(question.key)
            continue
        if condition.question not in shown:
            continue
        answer = answers.get(condition.question)
        chosen = set(answer) if isinstance(answer, list) else {answer}
        if chosen & set(condition.values):
            shown.add(question.key)
    return shown


def prune(survey: Survey, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers without those of hidden or unknown questions."""
    shown = visible_keys(survey, answers)
    return {key: value for key, value in answers.items() if key in shown}


# --- parsing a page and checking answers ------------------------------------------------


def input_name(question: Question, row: Row | None = None) -> str:
    return f"q-{question.key}" + (f"-{row.key}" if row is not None else "")


def _parse_date(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _number(question: Question, text: str) -> tuple[int | float | None, str]:
    """A number as typed by a person (German decimal comma or a point)."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if "," in cleaned or THOUSANDS.match(cleaned):
        # German: "." groups thousands ("1.200" is twelve hundred), "," is the decimal mark.
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, _("„%(q)s“: Bitte geben Sie eine Zahl ein.") % {"q": question.label}
    return _number_value(question, value)


def _number_value(question: Question, value: Decimal) -> tuple[int | float | None, str]:
    if not value.is_finite():
        return None, _("„%(q)s“: Bitte geben Sie eine Zahl ein.") % {"q": question.label}
    if value != value.quantize(Decimal(1).scaleb(-question.decimals)):
        if question.decimals == 0:
            return None, _("„%(q)s“: Bitte geben Sie eine ganze Zahl ein.") % {"q": question.label}
        return None, ngettext(
            "„%(q)s“: höchstens %(n)s Nachkommastelle.",
            "„%(q)s“: höchstens %(n)s Nachkommastellen.",
            question.decimals,
        ) % {"q": question.label, "n": question.decimals}
    if question.minimum is not None and value < question.minimum:
        return None, _("„%(q)s“: mindestens %(n)s.") % {
            "q": question.label,
            "n": _plain(question.minimum),
        }
    if question.maximum is not None and value > question.maximum:
        return None, _("„%(q)s“: höchstens %(n)s.") % {
            "q": question.label,
            "n": _plain(question.maximum),
        }
    return (int(value) if question.decimals == 0 else float(value)), ""


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def parse_section(
    survey: Survey, section: Section, post: Any, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers of one page as posted (a ``QueryDict`` or a mapping of lists):
    ``(answers after the page, errors per question key)``. Empty answers are allowed
    here (a draft); :func:`missing` tells what a submit still needs. Answers of
    questions that the page's own answers hide are dropped."""

    def values(name: str) -> list[str]:
        if hasattr(post, "getlist"):
            return [str(v) for v in post.getlist(name)]
        got = post.get(name, [])
        return [str(v) for v in (got if isinstance(got, list) else [got])]

    result = dict(answers)
    errors: dict[str, str] = {}
    for question in section.questions:
        value, error = _parse_question(question, values)
        result.pop(question.key, None)
        if error:
            errors[question.key] = error
        elif value is not None:
            result[question.key] = value
    shown = visible_keys(survey, result)
    for question in section.questions:
        if question.key not in shown:
            result.pop(question.key, None)
            errors.pop(question.key, None)
    return result, errors


def _parse_question(question: Question, values: Any) -> tuple[Any, str]:
    name = input_name(question)
    label = question.label
    if question.type is Type.MATRIX:
        chosen: dict[str, str] = {}
        for row in question.rows:
            raw = (values(input_name(question, row)) or [""])[0].strip()
            if not raw:
                continue
            if question.option(raw) is None:
                return None, _("„%(q)s“: Bitte wählen Sie eine der angebotenen Antworten.") % {
                    "q": label
                }
            chosen[row.key] = raw
        return (chosen or None), ""
    if question.type is Type.MULTIPLE:
        picked = [v for v in values(name) if v]
        if any(question.option(v) is None for v in picked):
            return None, _("„%(q)s“: Bitte wählen Sie nur angebotene Antworten.") % {"q": label}
        ordered = [o.key for o in question.options if o.key in set(picked)]
        return (ordered or None), ""
    raw = (values(name) or [""])[0].strip()
    if not raw:
        return None, ""
    return check_value(question, raw, typed=False)


def check_value(question: Question, value: Any, *, typed: bool = True) -> tuple[Any, str]:
    """One answer, checked: ``(value as stored, "")`` or ``(None, message)``.

    ``typed``: the value is JSON as stored (the API); otherwise text as typed."""
    label = question.label
    kind = question.type
    if kind in (Type.SINGLE, Type.YESNO):
        if not isinstance(value, str) or question.option(value) is None:
            return None, _("„%(q)s“: Bitte wählen Sie eine der angebotenen Antworten.") % {
                "q": label
            }
        return value, ""
    if kind is Type.MULTIPLE:
        if (
            not isinstance(value, list)
            or not value
            or any(not isinstance(v, str) or question.option(v) is None for v in value)
        ):
            return None, _("„%(q)s“: Bitte wählen Sie nur angebotene Antworten.") % {"q": label}
        return [o.key for o in question.options if o.key in set(value)], ""
    if kind is Type.MATRIX:
        rows = {r.key for r in question.rows}
        if (
            not isinstance(value, dict)
            or not value
            or set(value) - rows
            or any(not isinstance(v, str) or question.option(v) is None for v in value.values())
        ):
            return None, _("„%(q)s“: Bitte wählen Sie in jeder Zeile eine angebotene Antwort.") % {
                "q": label
            }
        return {r.key: value[r.key] for r in question.rows if r.key in value}, ""
    if kind is Type.NUMBER:
        if typed:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return None, _("„%(q)s“: Bitte geben Sie eine Zahl ein.") % {"q": label}
            return _number_value(question, Decimal(str(value)))
        return _number(question, str(value))
    if kind is Type.SCALE:
        if typed:
            number = value if isinstance(value, int) and not isinstance(value, bool) else None
        else:
            number = int(value) if re.fullmatch(r"-?\d{1,3}", str(value)) else None
        if number is None or number not in question.scale_values:
            return None, _("„%(q)s“: Bitte wählen Sie einen Wert der Skala.") % {"q": label}
        return number, ""
    if kind is Type.DATE:
        day = _parse_date(value) if isinstance(value, str) else None
        if day is None or not 1900 <= day.year <= 2200:
            return None, _("„%(q)s“: Bitte geben Sie ein Datum ein (TT.MM.JJJJ).") % {"q": label}
        return day.isoformat(), ""
    # Text
    if not isinstance(value, str):
        return None, _("„%(q)s“: Bitte geben Sie einen Text ein.") % {"q": label}
    text = value.strip()
    limit = MAX_TEXT_ANSWER if question.multiline else MAX_LINE_ANSWER
    if len(text) > limit:
        return None, _("„%(q)s“: höchstens %(n)s Zeichen.") % {"q": label, "n": limit}
    return (text or None), ""


def missing(survey: Survey, answers: Mapping[str, Any]) -> list[Question]:
    """Required questions that are shown and not (completely) answered."""
    shown = visible_keys(survey, answers)
    gaps = []
    for question in survey.questions:
        if not question.required or question.key not in shown:
            continue
        value: Any = answers.get(question.key)
        if value in (None, "", [], {}) or (
            question.type is Type.MATRIX and len(value) < len(question.rows)
        ):
            gaps.append(question)
    return gaps


def check_answers(
    survey: Survey, answers: Any, *, complete: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """Answers as JSON (the API, an import), checked as a whole: ``(stored answers,
    errors per question key)``. Unknown keys and answers to hidden questions are
    errors; ``complete`` also requires every shown required question."""
    if not isinstance(answers, dict):
        return {}, {"": _("Die Antworten müssen ein JSON-Objekt sein.")}
    known = {q.key: q for q in survey.questions}
    errors: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in answers.items():
        question = known.get(key)
        if question is None:
            errors[str(key)] = _("Unbekannte Frage „%(key)s“.") % {"key": key}
            continue
        if value is None:
            continue
        checked, error = check_value(question, value)
        if error:
            errors[key] = error
        elif checked is not None:
            result[key] = checked
    shown = visible_keys(survey, result)
    for key in list(result):
        if key not in shown:
            errors[key] = _("„%(q)s“ wird bei Ihren Antworten nicht gestellt.") % {
                "q": known[key].label
            }
            del result[key]
    if complete:
        for question in missing(survey, result):
            errors.setdefault(
                question.key,
                _("„%(q)s“: Bitte beantworten Sie diese Frage.") % {"q": question.label},
            )
    return result, errors


# --- scores ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    field: str
    points: Decimal
    maximum: Decimal

    @property
    def percent(self) -> Decimal | None:
        if not self.maximum:
            return None
        return (self.points * 100 / self.maximum).quantize(Decimal("0.1"))


def scores(survey: Survey, answers: Mapping[str, Any]) -> list[Score]:
    """Points per field of action (``""``: questions without a field), over the scored
    questions that are shown; a shown question left unanswered scores 0."""
    shown = visible_keys(survey, answers)
    points: dict[str, Decimal] = {}
    maxima: dict[str, Decimal] = {}
    for question in survey.questions:
        top = question.max_score
        if top is None or question.key not in shown:
            continue
        maxima[question.field] = maxima.get(question.field, Decimal(0)) + top
        points[question.field] = points.get(question.field, Decimal(0)) + _points(
            question, answers.get(question.key)
        )
    order = [f.key for f in survey.fields] + [""]
    return [Score(key, points[key], maxima[key]) for key in order if key in maxima]


def _points(question: Question, value: Any) -> Decimal:
    if value is None:
        return Decimal(0)
    if question.type is Type.SCALE:
        return Decimal(value) if isinstance(value, int) else Decimal(0)
    picked: Iterable[str]
    if isinstance(value, list):
        picked = value
    elif isinstance(value, dict):
        picked = value.values()
    else:
        picked = [value]
    total = Decimal(0)
    for key in picked:
        option = question.option(key)
        if option is not None and option.score is not None:
            total += option.score
    return total


# --- wording and structure ------------------------------------------------------------------


def _shape(survey: Survey) -> list[Any]:
    """What answers depend on: every key, type, bound, score and condition, no wording."""
    return [
        (
            s.key,
            [
                (
                    q.key,
                    q.type,
                    q.required,
                    q.field,
                    [(o.key, o.score) for o in q.options],
                    [r.key for r in q.rows],
                    q.minimum,
                    q.maximum,
                    q.decimals,
                    q.multiline,
                    q.scored,
                    q.show_if,
                )
                for q in s.questions
            ],
        )
        for s in survey.sections
    ] + [[f.key for f in survey.fields]]


def structure_changes(old: Survey, new: Survey) -> bool:
    """True when ``new`` differs from ``old`` in more than its wording (titles, texts,
    help, labels): once a survey is launched, answers depend on its structure."""
    return _shape(old) != _shape(new)
