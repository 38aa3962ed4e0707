"""The survey builder's edits of a definition (pure; ``services.survey_definition_set``
checks and stores the result).

People see texts, the definition needs keys: keys are made from the texts once and
kept when the texts change, so that a wording fix after launch keeps every answer's
meaning. The options of a question are edited as lines ("label" or "label | points");
a line keeps the key of the option at its position.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from verbund.surveys.engine import MAX_KEY, RESERVED_SECTION_KEYS, Type

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


class BuilderError(ValueError):
    """An edit that cannot be made; the message is German."""


def slug_key(text: str, taken: Iterable[str], *, words: int = 4) -> str:
    """A key from a text ("Wie weit ist die E-Akte?" → "wie-weit-ist-die"), made unique
    against ``taken`` with a number."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(UMLAUTS))
    ascii_text = folded.encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text)[:words]
    base = "-".join(parts)[: MAX_KEY - 4].strip("-") or "f"
    used = set(taken)
    key, number = base, 2
    while key in used:
        key = f"{base}-{number}"
        number += 1
    return key


def _copy(definition: Mapping[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(dict(definition))
    result.setdefault("fields", [])
    result.setdefault("sections", [])
    return result


def all_question_keys(definition: Mapping[str, Any]) -> list[str]:
    return [q["key"] for s in definition.get("sections", []) for q in s.get("questions", [])]


def find_question(definition: Mapping[str, Any], key: str) -> tuple[str, dict[str, Any]] | None:
    for section in definition.get("sections", []):
        for question in section.get("questions", []):
            if question.get("key") == key:
                return section["key"], question
    return None


def _section(definition: dict[str, Any], key: str) -> dict[str, Any]:
    for section in definition["sections"]:
        if section.get("key") == key:
            return section
    raise BuilderError(_("Diesen Abschnitt gibt es nicht."))


# --- sections and fields of action ----------------------------------------------------------


def section_put(
    definition: Mapping[str, Any], *, title: str, intro: str = "", key: str | None = None
) -> dict[str, Any]:
    result = _copy(definition)
    if key is None:
        taken = [s["key"] for s in result["sections"]] + sorted(RESERVED_SECTION_KEYS)
        result["sections"].append(
            {
                "key": slug_key(title, taken, words=3),
                "title": title,
                "intro": intro,
                "questions": [],
            }
        )
    else:
        section = _section(result, key)
        section["title"], section["intro"] = title, intro
    return result


def section_remove(definition: Mapping[str, Any], key: str) -> dict[str, Any]:
    result = _copy(definition)
    section = _section(result, key)
    if section.get("questions"):
        raise BuilderError(_("Der Abschnitt enthält noch Fragen."))
    result["sections"].remove(section)
    return result


def _move(items: list[Any], index: int, delta: int) -> None:
    target = index + delta
    if not 0 <= target < len(items):
        raise BuilderError(_("Weiter geht es nicht."))
    items[index], items[target] = items[target], items[index]


def section_move(definition: Mapping[str, Any], key: str, delta: int) -> dict[str, Any]:
    result = _copy(definition)
    section = _section(result, key)
    _move(result["sections"], result["sections"].index(section), delta)
    return result


def field_put(
    definition: Mapping[str, Any], *, label: str, key: str | None = None
) -> dict[str, Any]:
    result = _copy(definition)
    if key is None:
        taken = [f["key"] for f in result["fields"]]
        result["fields"].append({"key": slug_key(label, taken, words=3), "label": label})
        return result
    for field in result["fields"]:
        if field["key"] == key:
            field["label"] = label
            return result
    raise BuilderError(_("Dieses Handlungsfeld gibt es nicht."))


def field_remove(definition: Mapping[str, Any], key: str) -> dict[str, Any]:
    result = _copy(definition)
    used = [q for s in result["sections"] for q in s.get("questions", []) if q.get("field") == key]
    if used:
        raise BuilderError(_("Fragen sind diesem Handlungsfeld noch zugeordnet."))
    result["fields"] = [f for f in result["fields"] if f["key"] != key]
    return result


# --- questions ------------------------------------------------------------------------------


def parse_option_lines(
    text: str, existing: list[dict[str, Any]] | None = None, *, scored: bool = True
) -> list[dict[str, Any]]:
    """Options from lines "label" or "label | points"; a line keeps the key of the
    existing option at its position."""
    existing = existing or []
    result: list[dict[str, Any]] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    taken = [o["key"] for o in existing[: len(lines)]]
    for index, line in enumerate(lines):
        label, _sep, points = (part.strip() for part in line.partition("|"))
        if not label:
            raise BuilderError(_("Zeile %(n)s: Die Bezeichnung fehlt.") % {"n": index + 1})
        key = existing[index]["key"] if index < len(existing) else slug_key(label, taken)
        taken.append(key)
        option: dict[str, Any] = {"key": key, "label": label}
        if points:
            if not scored:
                raise BuilderError(_("Zeilen einer Matrix haben keine Punkte."))
            try:
                number = Decimal(points.replace(",", "."))
            except InvalidOperation:
                raise BuilderError(
                    _("Zeile %(n)s: „%(points)s“ ist keine Punktzahl.")
                    % {"n": index + 1, "points": points}
                ) from None
            option["score"] = int(number) if number == number.to_integral_value() else float(number)
        result.append(option)
    return result


def option_lines(options: list[dict[str, Any]]) -> str:
    lines = []
    for option in options:
        score = option.get("score")
        if score is None:
            lines.append(option["label"])
        else:
            lines.append(f"{option['label']} | {str(score).replace('.', ',')}")
    return "\n".join(lines)


def question_from_form(
    data: Mapping[str, Any], definition: Mapping[str, Any], key: str | None = None
) -> dict[str, Any]:
    """A question's definition from the builder form's cleaned data (see
    ``forms.QuestionForm``); ``key``: the question being edited."""
    found = find_question(definition, key) if key else None
    existing: dict[str, Any] = found[1] if found else {}
    kind = Type(data["type"])
    question: dict[str, Any] = {
        "key": key or slug_key(data["text"], all_question_keys(definition)),
        "type": kind.value,
        "text": data["text"],
    }
    if data.get("help"):
        question["help"] = data["help"]
    if data.get("required"):
        question["required"] = True
    if data.get("field"):
        question["field"] = data["field"]
    if kind in (Type.SINGLE, Type.MULTIPLE, Type.MATRIX):
        question["options"] = parse_option_lines(data.get("options", ""), existing.get("options"))
    if kind is Type.MATRIX:
        question["rows"] = [
            {"key": o["key"], "label": o["label"]}
            for o in parse_option_lines(data.get("rows", ""), existing.get("rows"), scored=False)
        ]
    if kind is Type.YESNO:
        scores = {
            k: v
            for k, v in (("ja", data.get("score_yes")), ("nein", data.get("score_no")))
            if v is not None
        }
        if scores:
            question["scores"] = {k: _json_number(v) for k, v in scores.items()}
    if kind in (Type.NUMBER, Type.SCALE):
        for name in ("min", "max"):
            if data.get(name) is not None:
                question[name] = _json_number(data[name])
    if kind is Type.NUMBER and data.get("decimals"):
        question["decimals"] = int(data["decimals"])
    if kind is Type.SCALE:
        for name in ("min_label", "max_label"):
            if data.get(name):
                question[name] = data[name]
        if data.get("scored"):
            question["scored"] = True
    if kind is Type.TEXT and data.get("multiline"):
        question["multiline"] = True
    if data.get("show_if_question"):
        question["show_if"] = {
            "question": data["show_if_question"],
            "in": list(data.get("show_if_values") or []),
        }
    return question


def _json_number(value: Any) -> int | float:
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def question_initial(question: Mapping[str, Any]) -> dict[str, Any]:
    """The builder form's initial data for a stored question."""
    scores = question.get("scores") or {}
    condition = question.get("show_if") or {}
    return {
        "type": question["type"],
        "text": question.get("text", ""),
        "help": question.get("help", ""),
        "required": question.get("required", False),
        "field": question.get("field", ""),
        "options": option_lines(question.get("options", [])),
        "rows": "\n".join(r["label"] for r in question.get("rows", [])),
        "score_yes": scores.get("ja"),
        "score_no": scores.get("nein"),
        "min": question.get("min"),
        "max": question.get("max"),
        "decimals": question.get("decimals", 0),
        "min_label": question.get("min_label", ""),
        "max_label": question.get("max_label", ""),
        "scored": question.get("scored", False),
        "multiline": question.get("multiline", False),
        "show_if_question": condition.get("question", ""),
        "show_if_values": condition.get("in", []),
    }


def question_put(
    definition: Mapping[str, Any], *, section: str, question: dict[str, Any]
) -> dict[str, Any]:
    """Add the question at the end of ``section``, or replace it where it stands (in
    its section; a new section moves it to that section's end)."""
    result = _copy(definition)
    target = _section(result, section)
    for current in result["sections"]:
        for index, stored in enumerate(current.get("questions", [])):
            if stored["key"] == question["key"]:
                if current is target:
                    current["questions"][index] = question
                    return result
                del current["questions"][index]
                target.setdefault("questions", []).append(question)
                return result
    target.setdefault("questions", []).append(question)
    return result


def question_remove(definition: Mapping[str, Any], key: str) -> dict[str, Any]:
    result = _copy(definition)
    dependent = [
        q["text"]
        for s in result["sections"]
        for q in s.get("questions", [])
        if (q.get("show_if") or {}).get("question") == key
    ]
    if dependent:
        raise BuilderError(
            _("Die Frage „%(q)s“ hängt von dieser Frage ab; ändern Sie zuerst ihre Bedingung.")
            % {"q": dependent[0]}
        )
    for section in result["sections"]:
        section["questions"] = [q for q in section.get("questions", []) if q["key"] != key]
    return result


def question_move(definition: Mapping[str, Any], key: str, delta: int) -> dict[str, Any]:
    """Move a question up or down within its section."""
    result = _copy(definition)
    for section in result["sections"]:
        keys = [q["key"] for q in section.get("questions", [])]
        if key in keys:
            _move(section["questions"], keys.index(key), delta)
            return result
    raise BuilderError(_("Diese Frage gibt es nicht."))
