"""The form engine: definitions of JSON Schema (draft 2020-12) plus steps.

The contract is ``docs/forms.md``. This module checks a definition
(:func:`validate_definition`), compiles it into an immutable :class:`Form`
(:func:`compile_form`, cached per definition digest), and works with a
citizen's answers: which steps and questions are shown (conditions are JSON
Schemas the answers must match), parsing and checking a submitted page
(:func:`parse_step`), the fee (:func:`compute_fees`) and the human-readable
summary for "check your answers", the receipt and the back office
(:func:`summary`).

Everything here is pure: no database, no request. Values are JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema.protocols import Validator
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from verbund.formengine import patterns

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
STEP_KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
AMOUNT = re.compile(r"^\d{1,7}\.\d{2}$")
# A fee rate: a share of a money answer, e.g. "0.0100" (1 %, ten per mille); at most 1.
RATE = re.compile(r"^(?:0\.\d{1,6}|1(?:\.0{1,6})?)$")
DEFAULT_ACCEPT = ("application/pdf", "image/png", "image/jpeg")
# The file types the upload checks can recognise from the content (the canonical
# names of verbund.core.uploads.KNOWN_TYPES; a test keeps both in step).
UPLOAD_TYPES = frozenset(
    {
        "application/pdf",
        "image/bmp",
        "image/gif",
        "image/heic",
        "image/jpeg",
        "image/png",
        "image/tiff",
        "image/webp",
    }
)
DEFAULT_MAX_MB = 10
# A German postcode: 5 digits, not starting with 00. It is also the pattern of an
# address's postcode, which RE2 matches: no lookahead, and ASCII digits as in RE2.
POSTCODE = re.compile(r"^(?:0[1-9]|[1-9][0-9])[0-9]{3}$")
PHONE_CHARS = re.compile(r"^\+?[0-9 ()/\-]+$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
CENT = Decimal("0.01")
# Path segments of the journey that a step key must not take.
RESERVED_STEP_KEYS = frozenset({"pruefen", "speichern"})


class Kind(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    YESNO = "yesno"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    ADDRESS = "address"
    POSTCODE = "postcode"
    IBAN = "iban"
    EMAIL = "email"
    PHONE = "phone"
    FILE = "file"


_FORMAT_KINDS = {
    "money": Kind.MONEY,
    "date": Kind.DATE,
    "de-postcode": Kind.POSTCODE,
    "iban": Kind.IBAN,
    "email": Kind.EMAIL,
    "phone": Kind.PHONE,
}
_EXPLICIT_KINDS = {"textarea": Kind.TEXTAREA, "address": Kind.ADDRESS, "file": Kind.FILE}

# The parts of an address answer: (key, label msgid, autocomplete token).
ADDRESS_PARTS = (
    ("strasse", "Straße", "address-line1"),
    ("hausnummer", "Hausnummer", "address-line2"),
    ("plz", "Postleitzahl", "postal-code"),
    ("ort", "Ort", "address-level2"),
)
ADDRESS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "strasse": {"type": "string", "minLength": 1, "maxLength": 100},
        "hausnummer": {"type": "string", "minLength": 1, "maxLength": 10},
        "plz": {"type": "string", "pattern": POSTCODE.pattern},
        "ort": {"type": "string", "minLength": 1, "maxLength": 100},
    },
    "required": ["strasse", "hausnummer", "plz", "ort"],
    "additionalProperties": False,
}
DATE_PARTS = (("tag", "Tag"), ("monat", "Monat"), ("jahr", "Jahr"))


class DefinitionError(ValueError):
    """A definition that does not follow docs/forms.md."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class Choice:
    value: Any
    label: str


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    label: str
    hint: str
    required: bool
    schema: dict[str, Any]
    choices: tuple[Choice, ...] = ()
    when: dict[str, Any] | None = None
    accept: tuple[str, ...] = DEFAULT_ACCEPT
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024
    max_items: int | None = None
    date_rule: str = ""  # "", "past" or "future"
    autocomplete: str = ""
    # The builder's own message for a value that does not match ``pattern``.
    error_message: str = ""

    @property
    def html_id(self) -> str:
        """The id of the element an error summary links to."""
        if self.kind is Kind.DATE:
            return f"f-{self.name}-tag"
        if self.kind is Kind.ADDRESS:
            return f"f-{self.name}-strasse"
        if self.kind in (Kind.CHOICE, Kind.MULTICHOICE):
            return f"f-{self.name}-0"
        if self.kind is Kind.YESNO:
            return f"f-{self.name}-ja"
        return f"f-{self.name}"

    @property
    def multiple_files(self) -> bool:
        return self.kind is Kind.FILE and (self.max_items is None or self.max_items > 1)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    fields: tuple[Field, ...]
    when: dict[str, Any] | None = None

    @property
    def single_question(self) -> bool:
        """One thing per page: the step's title is the question itself."""
        return len(self.fields) == 1


class Due(StrEnum):
    """When a fee is charged: with the application (paid online before the application
    is forwarded), or with the decision (the Bescheid sets it; nothing is paid before)."""

    APPLICATION = "application"
    DECISION = "decision"


@dataclass(frozen=True)
class FeeRule:
    """A fee line: ``amount`` (times the number answer ``per``), or ``rate`` of the money
    answer ``of`` (at least ``minimum``); charged when ``due``."""

    label: str
    amount: Decimal | None
    when: dict[str, Any] | None = None
    per: str | None = None
    rate: Decimal | None = None
    of: str | None = None
    minimum: Decimal | None = None
    due: Due = Due.APPLICATION


@dataclass(frozen=True)
class FeeLine:
    label: str
    amount: Decimal
    quantity: int
    total: Decimal

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "amount": str(self.amount),
            "quantity": self.quantity,
            "total": str(self.total),
        }


@dataclass(frozen=True)
class Row:
    step: str
    field: str
    label: str
    display: str


@dataclass(frozen=True)
class Section:
    step: str
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Form:
    steps: tuple[Step, ...]
    fees: tuple[FeeRule, ...]
    contact_email: str | None
    # The questions whose answers, joined by a space, are the applicant's name.
    contact_name: tuple[str, ...]
    digest: str
    fields_by_name: dict[str, Field] = field(repr=False, default_factory=dict)

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    def visible_steps(self, answers: Mapping[str, Any]) -> list[Step]:
        return [s for s in self.steps if matches(s.when, answers)]

    def visible_fields(self, step: Step, answers: Mapping[str, Any]) -> list[Field]:
        return [f for f in step.fields if matches(f.when, answers)]

    def file_fields(self) -> list[Field]:
        return [f for s in self.steps for f in s.fields if f.kind is Kind.FILE]


# --- conditions -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _schema_validator(canonical: str) -> Validator | None:
    """A validator whose patterns RE2 matches; None for a schema that cannot be
    evaluated safely (``patternProperties``, which only a version published before
    it was refused can have)."""
    schema = json.loads(canonical)
    if patterns.has_pattern_properties(schema):
        return None
    validator: Validator = patterns.Draft202012RE2Validator(schema)
    return validator


def matches(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    """Whether the answers satisfy a condition (a JSON Schema); no condition: always.

    A condition that cannot be evaluated safely does not match.
    """
    if not condition:
        return True
    validator = _schema_validator(canonical_json(condition))
    return validator is not None and validator.is_valid(dict(answers))


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def definition_digest(definition: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(definition).encode()).hexdigest()


# --- checking and compiling definitions -----------------------------------------


def _kind_of(prop: Mapping[str, Any]) -> Kind | None:
    explicit = prop.get("x-kind")
    if explicit is not None:
        return _EXPLICIT_KINDS.get(explicit) if isinstance(explicit, str) else None
    kind_type = prop.get("type")
    if ("enum" in prop or "oneOf" in prop) and kind_type in ("string", "integer", "number", None):
        return Kind.CHOICE
    if kind_type == "boolean":
        return Kind.YESNO
    if kind_type in ("integer", "number"):
        return Kind.NUMBER
    if kind_type == "array":
        items = prop.get("items")
        if isinstance(items, Mapping) and ("enum" in items or "oneOf" in items):
            return Kind.MULTICHOICE
        return None
    if kind_type == "string" or kind_type is None:
        fmt = prop.get("format")
        if fmt is None:
            return Kind.TEXT if kind_type == "string" else None
        return _FORMAT_KINDS.get(fmt)
    return None


def _choices(prop: Mapping[str, Any]) -> tuple[Choice, ...]:
    if "oneOf" in prop:
        return tuple(
            Choice(option["const"], str(option.get("title", option["const"])))
            for option in prop["oneOf"]
        )
    return tuple(Choice(value, str(value)) for value in prop.get("enum", ()))


def _choice_errors(where: str, prop: Any) -> list[str]:
    if "oneOf" in prop:
        options = prop["oneOf"]
        if not isinstance(options, list) or not options:
            return [f"{where}: oneOf must be a non-empty list"]
        if not all(isinstance(o, Mapping) and "const" in o for o in options):
            return [f'{where}: every option of oneOf needs "const" (and a "title")']
        return []
    if not isinstance(prop.get("enum"), list) or not prop["enum"]:
        return [f"{where}: enum must be a non-empty list"]
    return []


def _effective_schema(kind: Kind, prop: Mapping[str, Any]) -> dict[str, Any]:
    """The property's schema with what the engine supplies for its kind."""
    schema = {k: v for k, v in prop.items() if not k.startswith("x-")}
    if kind is Kind.ADDRESS:
        schema.update(ADDRESS_SCHEMA)
    elif kind is Kind.FILE:
        schema["type"] = "array"
        schema["items"] = {"type": "string", "format": "upload"}
    elif kind is Kind.MONEY:
        schema["type"] = "string"
        schema.setdefault("pattern", AMOUNT.pattern)
    return schema


def _check_condition(where: str, condition: Any) -> list[str]:
    if condition is None:
        return []
    if not isinstance(condition, Mapping):
        return [f"{where}: a condition must be a JSON Schema object"]
    try:
        Draft202012Validator.check_schema(condition, format_checker=patterns.SCHEMA_FORMATS)
    except SchemaError as error:
        return [f"{where}: the condition is not a valid JSON Schema ({error.message})"]
    return []


def _entries(
    value: Any, path: tuple[str | int, ...], keys: frozenset[str]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """(path, value) of every object member named in ``keys`` inside ``value``, in
    document order."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [(path, value)]
    while stack:
        here, node = stack.pop()
        children: list[tuple[tuple[str | int, ...], Any]] = []
        if isinstance(node, Mapping):
            for key, child in node.items():
                if key in keys:
                    yield (*here, key), child
                children.append(((*here, key), child))
        elif isinstance(node, list):
            children = [((*here, index), child) for index, child in enumerate(node)]
        stack.extend(reversed(children))


def _path_text(path: Sequence[str | int]) -> str:
    """``("schema", "properties", "nr", "pattern")`` as ``schema.properties.nr.pattern``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _pattern_place(
    definition: Mapping[str, Any], path: Sequence[str | int], placed: Mapping[str, str]
) -> str:
    """Where a pattern is, for the builder: the question (and its step) or the condition."""
    if len(path) > 3 and path[:2] == ("schema", "properties"):
        field, step = str(path[2]), placed.get(str(path[2]))
        names = {"field": field, "step": step}
        if path[3] == "x-when":
            if step is None:
                return _("Bedingung der Frage „%(field)s“") % names
            return _("Bedingung der Frage „%(field)s“ im Schritt „%(step)s“") % names
        if step is None:
            return _("Frage „%(field)s“") % names
        return _("Frage „%(field)s“ im Schritt „%(step)s“") % names
    if path[0] == "steps":
        return _("Bedingung des Schritts „%(step)s“") % {
            "step": definition["steps"][path[1]].get("key")
        }
    if path[0] == "fees":
        return _("Bedingung der Gebühr „%(fee)s“") % {
            "fee": definition["fees"][path[1]].get("label")
        }
    return _("Schema")


def _refusal_message(refusal: patterns.Refusal) -> str:
    forbidden = _(
        "Rückverweise, Lookahead und Lookbehind sind nicht erlaubt, weil sich solche Muster "
        "nicht in linearer Zeit prüfen lassen."
    )
    detail = {"detail": refusal.detail}
    if refusal.problem is patterns.Problem.BACKREFERENCE:
        return _("Das Muster enthält einen Rückverweis (%(detail)s).") % detail + " " + forbidden
    if refusal.problem is patterns.Problem.LOOKAROUND:
        return (
            _("Das Muster enthält einen Lookahead oder Lookbehind (%(detail)s).") % detail
            + " "
            + forbidden
        )
    if refusal.problem is patterns.Problem.TOO_LONG:
        return _("Das Muster ist %(length)s Zeichen lang; erlaubt sind höchstens %(max)s.") % {
            "length": refusal.detail,
            "max": patterns.MAX_PATTERN_LENGTH,
        }
    if refusal.problem is patterns.Problem.TOO_LARGE:
        return (
            _(
                "Das Muster ist zu umfangreich, um es sicher zu prüfen (%(detail)s). Verwenden "
                "Sie weniger oder kleinere Wiederholungen, etwa „+“ zusammen mit „maxLength“ "
                "statt „{1,500}“."
            )
            % detail
        )
    return (
        _(
            "Das Muster ist kein gültiger regulärer Ausdruck in der Schreibweise, die die "
            "Prüfung versteht (RE2): %(detail)s."
        )
        % detail
    )


def _pattern_errors(definition: Mapping[str, Any], placed: Mapping[str, str]) -> list[str]:
    """A message for every regular expression RE2 cannot match in linear time, and for
    every ``patternProperties`` (which jsonschema would match with Python's ``re``).

    Looks in the schema (including the questions' ``x-when``) and in the conditions
    of steps and fees, under every member named ``pattern`` or ``patternProperties``.
    """
    roots: list[tuple[tuple[str | int, ...], Any]] = [(("schema",), definition.get("schema"))]
    for name in ("steps", "fees"):
        items = definition.get(name)
        if isinstance(items, list):
            roots += [
                ((name, index, "when"), item.get("when"))
                for index, item in enumerate(items)
                if isinstance(item, Mapping)
            ]
    errors = []
    for root, value in roots:
        for path, found in _entries(value, root, frozenset({"pattern", "patternProperties"})):
            if path[-1] == "pattern" and isinstance(found, str):
                refusal = patterns.refusal(found)
                if refusal is None:
                    continue
                problem = _refusal_message(refusal)
            elif path[-1] == "patternProperties" and isinstance(found, Mapping) and found:
                problem = _(
                    "„patternProperties“ wird nicht unterstützt; nennen Sie jede Eigenschaft "
                    "einzeln unter „properties“."
                )
            else:
                continue
            errors.append(
                _("%(place)s (%(path)s): %(problem)s")
                % {
                    "place": _pattern_place(definition, path, placed),
                    "path": _path_text(path),
                    "problem": problem,
                }
            )
    return errors


def validate_definition(definition: Any) -> list[str]:
    """Every reason the definition cannot be published; empty when it is valid.

    Messages name the place (``steps[2].fields``) and are for form builders.
    Besides the shape, every regular expression must be one RE2 matches in linear
    time (:mod:`verbund.formengine.patterns`).
    """
    return _definition_errors(definition, check_patterns=True)


def _fee_amount_errors(where: str, fee: Mapping[str, Any], kinds: Mapping[str, Kind]) -> list[str]:
    """What is wrong with how a fee line says its amount: a fixed ``amount`` (optionally
    ``per`` a number answer), or a ``rate`` ``of`` a money answer with a ``minimum``."""
    errors: list[str] = []
    if "rate" in fee:
        if "amount" in fee or "per" in fee:
            errors.append(f"{where}: either amount (and per) or rate (and of), not both")
        if not isinstance(fee["rate"], str) or not RATE.match(fee["rate"]):
            errors.append(f'{where}.rate: a decimal string from 0 to 1, e.g. "0.0100" for 1 %')
        if kinds.get(fee.get("of", "")) is not Kind.MONEY:
            errors.append(f"{where}.of: must name a money question")
        minimum = fee.get("minimum")
        if minimum is not None and (not isinstance(minimum, str) or not AMOUNT.match(minimum)):
            errors.append(f'{where}.minimum: a decimal string with two places, e.g. "50.00"')
        return errors
    if not isinstance(fee.get("amount"), str) or not AMOUNT.match(fee["amount"]):
        errors.append(f'{where}.amount: a decimal string with two places, e.g. "16.80"')
    per = fee.get("per")
    if per is not None and kinds.get(per) is not Kind.NUMBER:
        errors.append(f"{where}.per: must name a number question")
    for name in ("of", "minimum"):
        if name in fee:
            errors.append(f"{where}.{name}: only with a rate")
    return errors


def _definition_errors(definition: Any, *, check_patterns: bool) -> list[str]:
    if not isinstance(definition, Mapping):
        return ["The definition must be a JSON object."]
    errors: list[str] = []
    unknown = set(definition) - {"schema", "steps", "fees", "contact", "$comment"}
    if unknown:
        errors.append(f"Unknown top-level keys: {', '.join(sorted(unknown))}")
    schema = definition.get("schema")
    if not isinstance(schema, Mapping):
        return [*errors, "schema: missing or not an object"]
    if schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        errors.append(f"schema.$schema: must be {DRAFT_2020_12}")
    try:
        Draft202012Validator.check_schema(schema, format_checker=patterns.SCHEMA_FORMATS)
    except SchemaError as error:
        path = ".".join(str(p) for p in error.path)
        errors.append(f"schema{'.' + path if path else ''}: {error.message}")
    if schema.get("type") != "object":
        errors.append('schema.type: must be "object"')
    properties = schema.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        return [*errors, "schema.properties: at least one question is needed"]
    required = schema.get("required", [])
    if not isinstance(required, list) or not all(r in properties for r in required):
        errors.append("schema.required: names a property that does not exist")
    kinds: dict[str, Kind] = {}
    for name, prop in properties.items():
        where = f"schema.properties.{name}"
        if not FIELD_NAME.match(name):
            errors.append(f"{where}: names are lower-case letters, digits and _ (a-z first)")
        if not isinstance(prop, Mapping):
            errors.append(f"{where}: must be an object")
            continue
        kind = _kind_of(prop)
        if kind is None:
            errors.append(f"{where}: unknown kind of question (see docs/forms.md)")
            continue
        kinds[name] = kind
        if not isinstance(prop.get("title"), str) or not prop["title"].strip():
            errors.append(f"{where}.title: every question needs a title (its label)")
        if kind is Kind.CHOICE:
            errors.extend(_choice_errors(where, prop))
        if kind is Kind.MULTICHOICE:
            errors.extend(_choice_errors(f"{where}.items", prop["items"]))
        if kind is Kind.FILE:
            accept = prop.get("x-accept", list(DEFAULT_ACCEPT))
            if (
                not isinstance(accept, list)
                or not accept
                or not all(a in UPLOAD_TYPES for a in accept)
            ):
                errors.append(
                    f"{where}.x-accept: a non-empty list of these types: "
                    + ", ".join(sorted(UPLOAD_TYPES))
                )
            size = prop.get("x-max-size-mb", DEFAULT_MAX_MB)
            if not isinstance(size, int | float) or not 0 < size <= 100:
                errors.append(f"{where}.x-max-size-mb: a number from 0 to 100")
        if prop.get("x-date") not in (None, "past", "future"):
            errors.append(f'{where}.x-date: "past" or "future"')
        errors.extend(_check_condition(f"{where}.x-when", prop.get("x-when")))
    steps = definition.get("steps")
    if not isinstance(steps, list) or not steps:
        return [*errors, "steps: at least one step is needed"]
    seen_keys: set[str] = set()
    placed: dict[str, str] = {}
    for index, step in enumerate(steps):
        where = f"steps[{index}]"
        if not isinstance(step, Mapping):
            errors.append(f"{where}: must be an object")
            continue
        key = step.get("key")
        if not isinstance(key, str) or not STEP_KEY.match(key):
            errors.append(f"{where}.key: a slug of a-z, 0-9, - and _")
        elif key in RESERVED_STEP_KEYS:
            errors.append(f"{where}.key: {key!r} is reserved")
        elif key in seen_keys:
            errors.append(f"{where}.key: {key!r} is used twice")
        else:
            seen_keys.add(key)
        if not isinstance(step.get("title"), str) or not step["title"].strip():
            errors.append(f"{where}.title: every step needs a title")
        fields = step.get("fields")
        if not isinstance(fields, list) or not fields:
            errors.append(f"{where}.fields: at least one question")
            continue
        for name in fields:
            if name not in properties:
                errors.append(f"{where}.fields: unknown question {name!r}")
            elif name in placed:
                errors.append(f"{where}.fields: {name!r} is already asked in step {placed[name]}")
            else:
                placed[name] = str(key)
        errors.extend(_check_condition(f"{where}.when", step.get("when")))
    for name in properties:
        if name not in placed:
            errors.append(f"schema.properties.{name}: not asked in any step")
    fees = definition.get("fees", [])
    if not isinstance(fees, list):
        errors.append("fees: must be a list")
        fees = []
    for index, fee in enumerate(fees):
        where = f"fees[{index}]"
        if not isinstance(fee, Mapping):
            errors.append(f"{where}: must be an object")
            continue
        if not isinstance(fee.get("label"), str) or not fee["label"].strip():
            errors.append(f"{where}.label: every fee needs a label")
        errors.extend(_fee_amount_errors(where, fee, kinds))
        if fee.get("due", Due.APPLICATION.value) not in (Due.APPLICATION.value, Due.DECISION.value):
            errors.append(f'{where}.due: "application" or "decision"')
        errors.extend(_check_condition(f"{where}.when", fee.get("when")))
    contact = definition.get("contact", {})
    if not isinstance(contact, Mapping):
        errors.append("contact: must be an object")
    else:
        email = contact.get("email")
        if email is not None and email not in properties:
            errors.append(f"contact.email: unknown question {email!r}")
        names = contact.get("name")
        for name in [names] if isinstance(names, str) or names is None else list(names):
            if name is not None and name not in properties:
                errors.append(f"contact.name: unknown question {name!r}")
        if contact.get("email") and kinds.get(contact["email"]) is not Kind.EMAIL:
            errors.append("contact.email: must name an e-mail question")
    if check_patterns:
        errors.extend(_pattern_errors(definition, placed))
    return errors


def _name_fields(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def applicant_name(form: Form, answers: Mapping[str, Any]) -> str:
    """The applicant's name from the contact questions (e.g. given name and surname)."""
    parts = [str(answers.get(name) or "").strip() for name in form.contact_name]
    return " ".join(part for part in parts if part)


def compile_form(definition: Mapping[str, Any]) -> Form:
    """The definition as a :class:`Form`; raises :class:`DefinitionError` if invalid."""
    return _compile(canonical_json(definition))


@lru_cache(maxsize=256)
def _compile(canonical: str) -> Form:
    definition = json.loads(canonical)
    # Patterns are judged at publication only: a version published before RE2 was
    # required still opens, and a pattern RE2 refuses matches nothing (patterns.search).
    errors = _definition_errors(definition, check_patterns=False)
    if errors:
        raise DefinitionError(errors)
    schema = definition["schema"]
    properties = schema["properties"]
    required = set(schema.get("required", []))
    by_name: dict[str, Field] = {}
    for name, prop in properties.items():
        kind = _kind_of(prop)
        assert kind is not None
        choices: tuple[Choice, ...] = ()
        if kind is Kind.CHOICE:
            choices = _choices(prop)
        elif kind is Kind.MULTICHOICE:
            choices = _choices(prop["items"])
        max_items = prop.get("maxItems")
        by_name[name] = Field(
            name=name,
            kind=kind,
            label=prop["title"].strip(),
            hint=str(prop.get("description", "")),
            required=name in required,
            schema=_effective_schema(kind, prop),
            choices=choices,
            when=prop.get("x-when"),
            accept=tuple(prop.get("x-accept", DEFAULT_ACCEPT)),
            max_bytes=int(float(prop.get("x-max-size-mb", DEFAULT_MAX_MB)) * 1024 * 1024),
            max_items=int(max_items) if max_items is not None else None,
            date_rule=str(prop.get("x-date", "")),
            autocomplete=str(prop.get("x-autocomplete", "")),
            error_message=str(prop.get("x-error", "")),
        )
    steps = tuple(
        Step(
            key=step["key"],
            title=step["title"].strip(),
            fields=tuple(by_name[name] for name in step["fields"]),
            when=step.get("when"),
        )
        for step in definition["steps"]
    )
    fees = tuple(
        FeeRule(
            label=fee["label"].strip(),
            amount=Decimal(fee["amount"]) if "amount" in fee else None,
            when=fee.get("when"),
            per=fee.get("per"),
            rate=Decimal(fee["rate"]) if "rate" in fee else None,
            of=fee.get("of"),
            minimum=Decimal(fee["minimum"]) if fee.get("minimum") is not None else None,
            due=Due(fee.get("due", Due.APPLICATION)),
        )
        for fee in definition.get("fees", [])
    )
    contact = definition.get("contact", {})
    return Form(
        steps=steps,
        fees=fees,
        contact_email=contact.get("email"),
        contact_name=_name_fields(contact.get("name")),
        digest=hashlib.sha256(canonical.encode()).hexdigest(),
        fields_by_name=by_name,
    )


# --- answers: parsing a page ------------------------------------------------------


@dataclass
class StepResult:
    """What a submitted page yields: values to store and errors to show."""

    values: dict[str, Any]
    errors: dict[str, str]
    # The raw input, to show again beside the errors.
    raw: dict[str, Any]

    @property
    def ok(self) -> bool:
        return not self.errors


def _label(f: Field) -> str:
    return f"„{f.label}“"


def _missing(f: Field) -> str:
    if f.kind in (Kind.CHOICE, Kind.YESNO):
        return _("Wählen Sie eine Antwort zu %(label)s aus.") % {"label": _label(f)}
    if f.kind is Kind.MULTICHOICE:
        return _("Wählen Sie mindestens eine Antwort zu %(label)s aus.") % {"label": _label(f)}
    if f.kind is Kind.FILE:
        return _("Laden Sie %(label)s hoch.") % {"label": _label(f)}
    return _("Geben Sie %(label)s an.") % {"label": _label(f)}


def _parse_money(text: str) -> Decimal | None:
    cleaned = text.replace("€", "").replace(" ", "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+(,\d{1,2})?", cleaned):
        cleaned = cleaned.replace(",", ".")
    elif not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return None
    try:
        value = Decimal(cleaned).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    return value if value < Decimal("10000000") else None


def _parse_number(f: Field, text: str) -> tuple[Any, str | None]:
    cleaned = text.replace(" ", "").replace("\u202f", "")
    if f.schema.get("type") == "integer":
        if not re.fullmatch(r"-?\d{1,12}", cleaned):
            return None, _("Geben Sie bei %(label)s eine ganze Zahl ein, zum Beispiel 3.") % {
                "label": _label(f)
            }
        return int(cleaned), None
    if not re.fullmatch(r"-?\d{1,12}([.,]\d{1,6})?", cleaned):
        return None, _("Geben Sie bei %(label)s eine Zahl ein, zum Beispiel 2,5.") % {
            "label": _label(f)
        }
    number = float(cleaned.replace(",", "."))
    return (int(number) if number.is_integer() else number), None


def _parse_date(f: Field, data: Mapping[str, Any], today: dt.date) -> tuple[Any, str | None]:
    parts = [str(data.get(f"{f.name}-{part}", "")).strip() for part, _label_ in DATE_PARTS]
    if not any(parts):
        return None, None
    day, month, year = parts
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
        return None, _(
            "%(label)s muss ein echtes Datum sein: Tag, Monat und Jahr als Zahlen, "
            "das Jahr mit vier Ziffern."
        ) % {"label": _label(f)}
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None, _("%(label)s muss ein echtes Datum sein.") % {"label": _label(f)}
    if f.date_rule == "past" and value > today:
        return None, _("%(label)s muss in der Vergangenheit liegen.") % {"label": _label(f)}
    if f.date_rule == "future" and value < today:
        return None, _("%(label)s darf nicht in der Vergangenheit liegen.") % {"label": _label(f)}
    return value.isoformat(), None


def _parse_address(f: Field, data: Mapping[str, Any]) -> tuple[Any, str | None]:
    parts = {key: str(data.get(f"{f.name}-{key}", "")).strip() for key, _l, _a in ADDRESS_PARTS}
    if not any(parts.values()):
        return None, None
    for key, label, _a in ADDRESS_PARTS:
        if not parts[key]:
            return None, _("Geben Sie bei %(label)s auch „%(part)s“ an.") % {
                "label": _label(f),
                "part": _(label),
            }
    if not POSTCODE.match(parts["plz"]):
        return None, _("Die Postleitzahl bei %(label)s hat fünf Ziffern, zum Beispiel 52399.") % {
            "label": _label(f)
        }
    for key, limit in (("strasse", 100), ("hausnummer", 10), ("ort", 100)):
        if len(parts[key]) > limit:
            return None, _("Eine Angabe bei %(label)s ist zu lang.") % {"label": _label(f)}
    return parts, None


def _parse_one(
    f: Field, data: Any, today: dt.date, existing: Mapping[str, Any]
) -> tuple[Any, str | None]:
    """(value or None when empty, error message or None)."""
    if f.kind is Kind.DATE:
        return _parse_date(f, data, today)
    if f.kind is Kind.ADDRESS:
        return _parse_address(f, data)
    if f.kind is Kind.MULTICHOICE:
        chosen = [str(v) for v in data.getlist(f.name)] if hasattr(data, "getlist") else []
        by_text = {str(c.value): c.value for c in f.choices}
        if any(v not in by_text for v in chosen):
            return None, _("Wählen Sie bei %(label)s nur die angebotenen Antworten.") % {
                "label": _label(f)
            }
        values = [c.value for c in f.choices if str(c.value) in chosen]
        return (values or None), None
    if f.kind is Kind.FILE:
        # Files arrive through the upload handling of the view; here only the ids count.
        ids = existing.get(f.name) or []
        return (list(ids) or None), None
    text = str(data.get(f.name, "")).strip()
    if f.kind is not Kind.TEXTAREA:
        text = " ".join(text.split())
    if not text:
        return None, None
    if f.kind is Kind.YESNO:
        if text not in ("ja", "nein"):
            return None, _("Wählen Sie bei %(label)s „Ja“ oder „Nein“.") % {"label": _label(f)}
        return text == "ja", None
    if f.kind is Kind.CHOICE:
        for choice in f.choices:
            if str(choice.value) == text:
                return choice.value, None
        return None, _("Wählen Sie bei %(label)s eine der angebotenen Antworten.") % {
            "label": _label(f)
        }
    if f.kind is Kind.NUMBER:
        return _parse_number(f, text)
    if f.kind is Kind.MONEY:
        money = _parse_money(text)
        if money is None:
            return None, _(
                "Geben Sie bei %(label)s einen Betrag in Euro ein, zum Beispiel 16,80."
            ) % {"label": _label(f)}
        return f"{money:.2f}", None
    if f.kind is Kind.POSTCODE:
        if not POSTCODE.match(text):
            return None, _("Eine Postleitzahl hat fünf Ziffern, zum Beispiel 52399.")
        return text, None
    if f.kind is Kind.IBAN:
        try:
            return stdnum_iban.validate(text), None
        except StdnumError:
            return None, _(
                "Die IBAN ist nicht gültig. Prüfen Sie sie bitte; eine deutsche IBAN hat 22 "
                "Zeichen und beginnt mit DE."
            )
    if f.kind is Kind.EMAIL:
        if len(text) > 254 or not EMAIL.match(text):
            return None, _(
                "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel "
                "name@beispiel.de."
            )
        return text, None
    if f.kind is Kind.PHONE:
        digits = re.sub(r"\D", "", text)
        if not PHONE_CHARS.match(text) or not 6 <= len(digits) <= 15:
            return None, _(
                "Geben Sie eine Telefonnummer ein, zum Beispiel 02421 22-0 oder +49 2421 220."
            )
        return text, None
    return text, None


def _schema_message(f: Field, error: Any) -> str:
    custom = f.error_message
    keyword = error.validator
    if keyword == "maxLength":
        return _("%(label)s darf höchstens %(n)s Zeichen lang sein.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if keyword == "minLength":
        return _("%(label)s muss mindestens %(n)s Zeichen lang sein.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if keyword in ("minimum", "exclusiveMinimum"):
        return _("%(label)s muss mindestens %(n)s sein.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if keyword in ("maximum", "exclusiveMaximum"):
        return _("%(label)s darf höchstens %(n)s sein.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if keyword == "maxItems":
        return _("Wählen Sie bei %(label)s höchstens %(n)s aus.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if keyword == "minItems":
        return _("Wählen Sie bei %(label)s mindestens %(n)s aus.") % {
            "label": _label(f),
            "n": error.validator_value,
        }
    if custom:
        return str(custom)
    if keyword == "pattern":
        return _("%(label)s hat nicht das erwartete Format.") % {"label": _label(f)}
    return _("Die Angabe bei %(label)s ist nicht gültig.") % {"label": _label(f)}


def check_value(f: Field, value: Any) -> str | None:
    """The first schema error of a parsed value, as a message; None when valid."""
    validator = _schema_validator(canonical_json(f.schema))
    if validator is None:
        # Fails closed, as a pattern RE2 refuses does.
        return _schema_message(f, ValidationError("cannot be checked", validator="pattern"))
    error = next(iter(sorted(validator.iter_errors(value), key=lambda e: e.path)), None)
    return None if error is None else _schema_message(f, error)


def parse_step(
    form: Form,
    step: Step,
    data: Any,
    answers: Mapping[str, Any],
    *,
    today: dt.date | None = None,
) -> StepResult:
    """Parse and check the input of one page against the answers given so far.

    ``data`` is the POST (a QueryDict or a mapping). File questions take their
    value from ``answers`` (the view stores uploads first). Questions whose
    ``x-when`` does not match the answers are skipped and yield no value.
    """
    today = today or dt.date.today()
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    raw: dict[str, Any] = {}
    merged = dict(answers)
    for f in step.fields:
        raw[f.name] = _raw_of(f, data)
        value, error = _parse_one(f, data, today, answers)
        if value is not None and error is None:
            merged[f.name] = value
    for f in form.visible_fields(step, merged):
        value, error = _parse_one(f, data, today, answers)
        if error is None and value is None and f.required:
            error = _missing(f)
        if error is None and value is not None:
            error = check_value(f, value)
        if error is not None:
            errors[f.name] = error
        elif value is not None:
            values[f.name] = value
    return StepResult(values=values, errors=errors, raw=raw)


def _raw_of(f: Field, data: Any) -> Any:
    if f.kind is Kind.DATE:
        return {part: str(data.get(f"{f.name}-{part}", "")) for part, _l in DATE_PARTS}
    if f.kind is Kind.ADDRESS:
        return {key: str(data.get(f"{f.name}-{key}", "")) for key, _l, _a in ADDRESS_PARTS}
    if f.kind is Kind.MULTICHOICE:
        return [str(v) for v in data.getlist(f.name)] if hasattr(data, "getlist") else []
    if f.kind is Kind.FILE:
        return None
    return str(data.get(f.name, ""))


def raw_from_answer(f: Field, value: Any) -> Any:
    """What an input shows for a stored answer (to prefill a page)."""
    if value is None:
        return _raw_of(f, {})
    if f.kind is Kind.DATE:
        day = dt.date.fromisoformat(value)
        return {"tag": str(day.day), "monat": str(day.month), "jahr": str(day.year)}
    if f.kind is Kind.ADDRESS:
        return {key: str(value.get(key, "")) for key, _l, _a in ADDRESS_PARTS}
    if f.kind is Kind.MULTICHOICE:
        return [str(v) for v in value]
    if f.kind is Kind.YESNO:
        return "ja" if value else "nein"
    if f.kind is Kind.MONEY:
        return str(value).replace(".", ",")
    if f.kind is Kind.FILE:
        return None
    return str(value)


def apply_step(
    form: Form, step: Step, answers: Mapping[str, Any], values: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers after a page was accepted: its values replace the page's old ones,
    and answers to questions that are now skipped are dropped."""
    updated = {k: v for k, v in answers.items() if form.fields_by_name.get(k) not in step.fields}
    for f in step.fields:
        if f.kind is Kind.FILE and f.name in answers and f.name not in values:
            # Keep uploads of a question that stays visible; skipped ones are dropped below.
            updated[f.name] = answers[f.name]
    updated.update(values)
    return prune(form, updated)


def prune(form: Form, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers to questions that are shown for these answers."""
    current = dict(answers)
    # Conditions may depend on each other: repeat until nothing changes.
    for _round in range(len(form.fields_by_name) + 1):
        shown = {
            f.name for s in form.visible_steps(current) for f in form.visible_fields(s, current)
        }
        kept = {k: v for k, v in current.items() if k in shown}
        if kept == current:
            return kept
        current = kept
    return current


def check_all(
    form: Form, answers: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, dict[str, str]]:
    """Errors per step key for the stored answers (empty: complete and valid)."""
    problems: dict[str, dict[str, str]] = {}
    for step in form.visible_steps(answers):
        errors: dict[str, str] = {}
        for f in form.visible_fields(step, answers):
            value = answers.get(f.name)
            if value in (None, [], ""):
                if f.required:
                    errors[f.name] = _missing(f)
                continue
            error = check_value(f, value)
            if error is None and f.kind is Kind.DATE:
                _value, error = _parse_date(
                    f,
                    {f"{f.name}-{k}": v for k, v in raw_from_answer(f, value).items()},
                    today or dt.date.today(),
                )
            if error is not None:
                errors[f.name] = error
        if errors:
            problems[step.key] = errors
    return problems


def steps_open(form: Form, answers: Mapping[str, Any], completed: Iterable[str]) -> list[Step]:
    """The visible steps not yet completed, in order."""
    done = set(completed)
    return [s for s in form.visible_steps(answers) if s.key not in done]


# --- how many pages a journey has -------------------------------------------------

# Keywords of a condition on a free-text (or number, date, …) answer whose outcome is
# known from the values they name alone.
_VALUE_KEYWORDS = frozenset({"const", "enum", "title", "description", "$comment"})
_ABSENT = object()
# Paths through the journey the count follows at most; beyond, it gives the bounds.
MAX_PATHS = 256


@dataclass(frozen=True)
class PageCount:
    """The fewest and the most pages (steps) a citizen sees in a form's journey."""

    fewest: int
    most: int


def _property_conditions(condition: Any) -> Iterator[tuple[str, Any]]:
    """Every ``(name, subschema)`` a condition puts on an answer, at any depth."""
    if isinstance(condition, Mapping):
        properties = condition.get("properties")
        if isinstance(properties, Mapping):
            yield from properties.items()
        for key, value in condition.items():
            if key != "properties":
                yield from _property_conditions(value)
        if isinstance(properties, Mapping):
            for value in properties.values():
                yield from _property_conditions(value)
    elif isinstance(condition, list):
        for value in condition:
            yield from _property_conditions(value)


def _named_values(subschema: Any) -> list[Any] | None:
    """The values a condition on a free answer names (``const``, ``enum``), or ``None``
    when it asks more than equality (then the answers cannot be enumerated)."""
    if subschema is True or subschema == {}:
        return []
    if not isinstance(subschema, Mapping) or not set(subschema) <= _VALUE_KEYWORDS:
        return None
    values = [subschema["const"]] if "const" in subschema else []
    enum = subschema.get("enum", [])
    return [*values, *enum] if isinstance(enum, list) else None


def _answer_domains(form: Form) -> dict[str, list[Any]] | None:
    """For each answer a condition looks at, the values that can make a difference
    (``_ABSENT``: not answered); ``None`` when some answer has too many."""
    conditions = [s.when for s in form.steps] + [f.when for s in form.steps for f in s.fields]
    named: dict[str, list[Any]] = {}
    for condition in conditions:
        for name, subschema in _property_conditions(condition):
            f = form.fields_by_name.get(name)
            if f is None:
                named.setdefault(name, [])
                continue
            if f.kind in (Kind.YESNO, Kind.CHOICE, Kind.MULTICHOICE):
                named.setdefault(name, [])
                continue
            values = _named_values(subschema)
            if values is None:
                return None
            named.setdefault(name, []).extend(v for v in values if v not in named[name])
    domains: dict[str, list[Any]] = {}
    for name, values in named.items():
        f = form.fields_by_name.get(name)
        if f is None:
            continue  # never asked: never answered
        if f.kind is Kind.YESNO:
            domain: list[Any] = [True, False]
        elif f.kind is Kind.CHOICE:
            domain = [c.value for c in f.choices]
        elif f.kind is Kind.MULTICHOICE:
            if len(f.choices) > 6:
                return None
            options = [c.value for c in f.choices]
            domain = [
                [v for bit, v in enumerate(options) if mask >> bit & 1]
                for mask in range(1, 1 << len(options))
            ]
        else:
            # Any other answer: one of the named values, or something else.
            domain = [*values, object()]
        domains[name] = domain if f.required else [*domain, _ABSENT]
    return domains


def page_count(form: Form) -> PageCount:
    """How many pages the journey has, from the fewest to the most, over every way a
    citizen can answer the questions the conditions look at. Where the answers are too
    many to follow (a condition on a free answer that is more than "equals", or more
    than :data:`MAX_PATHS` paths), the bounds: the steps without a condition, and all."""
    bounds = PageCount(sum(1 for s in form.steps if not s.when), len(form.steps))
    domains = _answer_domains(form)
    if domains is None:
        return bounds
    counts: list[int] = []

    def walk(position: int, answers: dict[str, Any]) -> bool:
        if position == len(form.steps):
            counts.append(len(form.visible_steps(answers)))
            return len(counts) <= MAX_PATHS
        step = form.steps[position]
        if not matches(step.when, answers):
            return walk(position + 1, answers)
        asked = [f for f in form.visible_fields(step, answers) if f.name in domains]
        paths: list[dict[str, Any]] = [answers]
        for f in asked:
            paths = [
                {**path, f.name: value} if value is not _ABSENT else path
                for path in paths
                for value in domains[f.name]
            ]
        return all(walk(position + 1, path) for path in paths)

    if not walk(0, {}):
        return bounds
    return PageCount(min(counts), max(counts))


# --- fees and summary -------------------------------------------------------------


def compute_fees(
    form: Form,
    answers: Mapping[str, Any],
    local: Mapping[str, Decimal] | None = None,
    *,
    due: Due = Due.APPLICATION,
) -> list[FeeLine]:
    """The fee lines that apply and are charged when ``due`` (by default: with the
    application). A local amount with the same label replaces the builder's fixed
    amount; a rate line is the rate of its money answer, rounded to the cent, at least
    its minimum, and is left out while that answer is missing."""
    local = local or {}
    lines: list[FeeLine] = []
    for rule in form.fees:
        if rule.due != due or not matches(rule.when, answers):
            continue
        if rule.rate is not None:
            base = _money_answer(answers.get(rule.of or ""))
            if base is None:
                continue
            total = (base * rule.rate).quantize(CENT, rounding=ROUND_HALF_UP)
            if rule.minimum is not None and total < rule.minimum:
                total = rule.minimum
            lines.append(FeeLine(rule.label, total, 1, total))
            continue
        quantity = 1
        if rule.per is not None:
            per = answers.get(rule.per)
            if not isinstance(per, int | float) or per <= 0:
                continue
            quantity = int(per)
        amount = local.get(rule.label, rule.amount if rule.amount is not None else Decimal(0))
        lines.append(FeeLine(rule.label, amount, quantity, (amount * quantity).quantize(CENT)))
    return lines


def _money_answer(value: Any) -> Decimal | None:
    """A stored money answer ("312000.00") as a Decimal; None when there is none."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,9}\.\d{2}", value):
        return None
    return Decimal(value)


def fee_total(lines: Iterable[FeeLine]) -> Decimal:
    return sum((line.total for line in lines), Decimal("0.00"))


def money_display(amount: Decimal | str) -> str:
    return f"{formats.number_format(Decimal(amount), 2, use_l10n=True, force_grouping=True)} €"


def display_value(f: Field, value: Any, attachment_names: Mapping[str, str]) -> str:
    """An answer as a person reads it, in the active language."""
    if value is None or value == [] or value == "":
        return _("keine Angabe")
    if f.kind is Kind.YESNO:
        return _("Ja") if value else _("Nein")
    if f.kind is Kind.CHOICE:
        return next((c.label for c in f.choices if c.value == value), str(value))
    if f.kind is Kind.MULTICHOICE:
        return ", ".join(c.label for c in f.choices if c.value in value)
    if f.kind is Kind.DATE:
        return formats.date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if f.kind is Kind.MONEY:
        return money_display(value)
    if f.kind is Kind.NUMBER:
        return formats.number_format(value, use_l10n=True)
    if f.kind is Kind.ADDRESS:
        return f"{value['strasse']} {value['hausnummer']}, {value['plz']} {value['ort']}"
    if f.kind is Kind.FILE:
        return ", ".join(attachment_names.get(str(i), _("Datei")) for i in value)
    if f.kind is Kind.IBAN:
        compact = str(value)
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return str(value)


def summary(
    form: Form, answers: Mapping[str, Any], attachment_names: Mapping[str, str] | None = None
) -> list[Section]:
    """The shown questions and their answers, per step, for display."""
    names = attachment_names or {}
    sections = []
    for step in form.visible_steps(answers):
        rows = tuple(
            Row(step.key, f.name, f.label, display_value(f, answers.get(f.name), names))
            for f in form.visible_fields(step, answers)
        )
        sections.append(Section(step.key, step.title, rows))
    return sections
