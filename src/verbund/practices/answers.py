"""What a survey answer offers a good practice: the text questions of a survey's
definition and the field of action a question belongs to.

The definition is the survey's JSON (docs/surveys.md: ``fields`` and ``sections`` with
their ``questions``), read as stored: the survey engine is not part of the surveys
app's published surface, and a proposal only needs a question's key, type, text and
field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from verbund.authorities.folding import fold
from verbund.practices.models import FieldOfAction


@dataclass(frozen=True)
class TextQuestion:
    key: str
    text: str
    field_label: str  # the survey's label of the question's field of action, or ""


def text_questions(definition: Mapping[str, Any]) -> list[TextQuestion]:
    """Every question of type ``text`` in the order of the survey."""
    labels = {
        str(f.get("key", "")): str(f.get("label", ""))
        for f in definition.get("fields") or []
        if isinstance(f, Mapping)
    }
    found = []
    for section in definition.get("sections") or []:
        if not isinstance(section, Mapping):
            continue
        for question in section.get("questions") or []:
            if isinstance(question, Mapping) and question.get("type") == "text":
                key = str(question.get("key", ""))
                found.append(
                    TextQuestion(
                        key=key,
                        text=str(question.get("text", "")),
                        field_label=labels.get(str(question.get("field", "")), ""),
                    )
                )
    return found


def question_of(definition: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    """The question ``key`` of any type, or None."""
    for section in definition.get("sections") or []:
        if not isinstance(section, Mapping):
            continue
        for question in section.get("questions") or []:
            if isinstance(question, Mapping) and question.get("key") == key:
                return question
    return None


def field_of_action_for(field_label: str) -> str:
    """Our field of action whose German label the survey's field carries (the Deutscher
    Landkreistag's surveys use the same seven), else "sonstiges"."""
    with translation.override("de"):
        by_label = {fold(str(label)): value for value, label in FieldOfAction.choices}
    return by_label.get(fold(field_label), FieldOfAction.OTHER)


def answer_text(answers: Mapping[str, Any], key: str) -> str:
    value = answers.get(key)
    return value.strip() if isinstance(value, str) else ""
