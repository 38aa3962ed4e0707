"""Staff forms of the form builder. They parse the typed JSON; the services decide and write."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.formengine.services import MAX_DEFINITION_BYTES

# What the editor offers when a service has neither a draft nor a published version:
# the smallest complete form (docs/forms.md), to be adapted by the builder.
STARTER_DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": {
                "type": "string",
                "title": "Ihr Name",
                "maxLength": 100,
                "x-autocomplete": "name",
            },
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
        },
        "required": ["name", "email"],
    },
    "steps": [{"key": "kontakt", "title": "Ihre Kontaktdaten", "fields": ["name", "email"]}],
    "fees": [],
    "contact": {"email": "email", "name": "name"},
}


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _NotJson(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _unique_keys(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are unique: JSON would silently keep only the last of two."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    # Python's json reads NaN and Infinity, which are not JSON.
    raise _NotJson(name)


# The order keys are shown in; other keys follow alphabetically. PostgreSQL's jsonb does
# not keep the order a builder typed, so the editor shows one stable order everywhere.
_KEY_ORDER = (
    "$schema",
    "schema",
    "steps",
    "fees",
    "contact",
    "key",
    "const",
    "title",
    "type",
    "format",
    "x-kind",
    "description",
    "fields",
    "when",
    "label",
    "amount",
    "per",
    "email",
    "name",
    "properties",
    "required",
)


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        rank = {key: index for index, key in enumerate(_KEY_ORDER)}
        keys = sorted(value, key=lambda k: (rank.get(k, len(rank)), k))
        return {key: _ordered(value[key]) for key in keys}
    if isinstance(value, list):
        return [_ordered(item) for item in value]
    return value


def as_text(definition: Any) -> str:
    """A definition as the editor shows it: indented, umlauts as they are, keys in a
    stable order (the meaning of a JSON object does not depend on it)."""
    return json.dumps(_ordered(definition), indent=2, ensure_ascii=False)


def too_large_message() -> str:
    return _("Die Definition ist zu groß: erlaubt sind höchstens %(kb)d kB.") % {
        "kb": MAX_DEFINITION_BYTES // 1000
    }


def parse_definition(text: str) -> dict[str, Any]:
    """The typed text as a definition object; ``ValidationError`` with a German message
    (naming line and column where JSON itself is broken) otherwise."""
    if len(text.encode("utf-8")) > MAX_DEFINITION_BYTES:
        raise ValidationError(too_large_message(), code="too_large")
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Das ist kein gültiges JSON: Fehler in Zeile %(line)d, Spalte %(column)d.")
            % {"line": error.lineno, "column": error.colno},
            code="json",
        ) from None
    except _DuplicateKey as error:
        raise ValidationError(
            _("Der Schlüssel „%(key)s“ steht zweimal im selben JSON-Objekt.") % {"key": error.key},
            code="duplicate_key",
        ) from None
    except _NotJson as error:
        raise ValidationError(
            _("„%(value)s“ ist in JSON nicht erlaubt.") % {"value": error.name}, code="json"
        ) from None
    except RecursionError:
        raise ValidationError(_("Das JSON ist zu tief verschachtelt."), code="json") from None
    if not isinstance(value, dict):
        raise ValidationError(_("Die Definition muss ein JSON-Objekt sein."), code="not_object")
    return value


class DefinitionForm(forms.Form):
    """The JSON editor: one text area holding the whole definition."""

    definition = forms.CharField(
        label=gettext_lazy("Definition (JSON)"),
        # Kept exactly as typed: line and column of a JSON error must match the text area.
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 30,
                "spellcheck": "false",
                "autocapitalize": "off",
                "autocomplete": "off",
                # Monospaced, lines as typed (verbund.css; no style attribute under the CSP).
                "class": "verbund-code-editor",
            }
        ),
        help_text=gettext_lazy(
            "Fragen, Schritte, Bedingungen und Gebühren des Antrags als JSON, "
            "wie in der Dokumentation der Formulardefinitionen beschrieben."
        ),
        error_messages={"required": gettext_lazy("Bitte geben Sie die Definition ein.")},
    )

    def clean_definition(self) -> dict[str, Any]:
        return parse_definition(self.cleaned_data["definition"])
