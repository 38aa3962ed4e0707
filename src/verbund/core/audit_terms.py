"""The words of the audit trail: what each recorded action and field means.

An :class:`~verbund.core.models.AuditEntry` stores an action code
(``networks.membership_added``) and the changes as the service recorded them:
``{field: [old, new]}`` from :func:`~verbund.core.audit.field_changes`, or plain
values (``{"reference": "VB-…", "fee_total": "40.00"}``). An auditor reads them in
German. Each app declares the words for its own entries next to its services, in
its ``audit_terms.py``, and registers them from ``AppConfig.ready()``:

* :data:`AUDIT_TERMS` holds one :class:`AuditTerms` per app: a German label for
  every action the app records, and the fields its entries record beyond (or
  differently from) the fields of its models;
* :data:`AUDIT_NAMES` holds the apps' :class:`AuditNames`: how to name, in one
  query per page, the objects an entry refers to by id or key (an authority by
  its Regionalschlüssel, a user by id).

The audit pages (:mod:`verbund.core.audit_log`) read only these registries, so
core imports no app. A field of an entry is looked up in this order:

1. the action's own fields (``AuditTerms.action_fields``),
2. the app's fields (``AuditTerms.fields``),
3. the field of the entry's model with the same name: its verbose name, its
   choices, dates, amounts and yes/no by its type, a foreign key named when
   :data:`AUDIT_NAMES` knows the related model.

``tests/core/test_audit_terms.py`` fails when an action recorded anywhere in the
source has no label here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import camel_case_to_spaces
from django.utils.translation import gettext as _

from verbund.core.charts import format_euro, format_number
from verbund.core.hooks import Hook

Label = str | Promise
Names = Mapping[tuple[str, str], str]
"""``{(kind, recorded value): name}``: the names :data:`AUDIT_NAMES` found for a page."""

EMPTY = "–"
DIGEST_SHOWN = 12  # hex digits of a hash shown before "…"
LONG_TEXT = 160  # characters of a text shown before "…"
_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Shown:
    """A recorded value as shown: ``text``, and the whole value in ``full`` where the
    text is shortened (a SHA-256 digest)."""

    text: str
    full: str = ""
    digest: bool = False  # a hash: set in a fixed-width font


# --- value formats ---------------------------------------------------------------------------


class ValueFormat:
    """How a recorded value reads. The base format writes any JSON value plainly:
    ``None`` and ``""`` as "–", booleans as ja/nein, numbers in the active language,
    lists joined with commas, objects as "key: value" pairs, a 64-digit hex string
    shortened as a digest."""

    def references(self, value: Any) -> Iterator[tuple[str, str]]:
        """The ``(kind, key)`` pairs this value needs named (see :class:`Reference`)."""
        return iter(())

    def text(self, value: Any, names: Names) -> str:
        return plain_text(value)

    def show(self, value: Any, names: Names) -> Shown:
        if value is None or value == "":
            return Shown(EMPTY)
        if isinstance(value, str) and _HEX_DIGEST.fullmatch(value):
            return DIGEST.show(value, names)
        return Shown(self.text(value, names))


def plain_text(value: Any) -> str:
    """Any recorded JSON value as text (the base format's rule)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, int):
        return str(value)  # counts and ids alike; a field that counts says so (NUMBER)
    if isinstance(value, float | Decimal):
        return format_number(Decimal(str(value)))
    if isinstance(value, list | tuple):
        return ", ".join(plain_text(item) for item in value) or EMPTY
    if isinstance(value, Mapping):
        return "; ".join(f"{key}: {plain_text(item)}" for key, item in value.items()) or EMPTY
    return str(value)


class Text(ValueFormat):
    """Text as recorded; a long text (a legal page, a letter's template) is shortened
    to its first ``LONG_TEXT`` characters, with the whole text in ``Shown.full``."""

    def show(self, value: Any, names: Names) -> Shown:
        shown = super().show(value, names)
        if shown.full or len(shown.text) <= LONG_TEXT:
            return shown
        return Shown(shown.text[: LONG_TEXT - 1].rstrip() + "…", full=shown.text)


class Flag(ValueFormat):
    """A yes/no value: "ja" or "nein"."""

    def text(self, value: Any, names: Names) -> str:
        return _("ja") if value else _("nein")

    def show(self, value: Any, names: Names) -> Shown:
        return Shown(EMPTY) if value is None else Shown(self.text(value, names))


class Date(ValueFormat):
    """A day recorded as ISO date ("2026-03-01") shown as "01.03.2026"."""

    def text(self, value: Any, names: Names) -> str:
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        return formats.date_format(day, "SHORT_DATE_FORMAT")


class DateTime(ValueFormat):
    """A moment recorded in ISO format, shown in local time: "01.03.2026 14:05"."""

    def text(self, value: Any, names: Names) -> str:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class Amount(ValueFormat):
    """An amount in euro ("40.00" shown as "40,00 €")."""

    def text(self, value: Any, names: Names) -> str:
        number = _decimal(value)
        return str(value) if number is None else format_euro(number)


class Number(ValueFormat):
    """A number in the active language ("1.234", "12,5")."""

    def text(self, value: Any, names: Names) -> str:
        number = _decimal(value)
        return str(value) if number is None else format_number(number.normalize())


class Percent(ValueFormat):
    """A percentage recorded as a number ("20" shown as "20 %")."""

    def text(self, value: Any, names: Names) -> str:
        number = _decimal(value)
        if number is None:
            return str(value)
        return f"{format_number(number.normalize())} %"


class Bytes(ValueFormat):
    """A file size in bytes, shown as "1,2 MB"."""

    def text(self, value: Any, names: Names) -> str:
        number = _decimal(value)
        return str(value) if number is None else str(filesizeformat(int(number)))


class Digest(ValueFormat):
    """A long hash (a SHA-256 digest, a chain hash): its first digits and "…"; the whole
    value in ``Shown.full`` for the page to show on demand."""

    def show(self, value: Any, names: Names) -> Shown:
        if value is None or value == "":
            return Shown(EMPTY)
        text = str(value)
        if len(text) <= DIGEST_SHOWN + 1:
            return Shown(text)
        return Shown(f"{text[:DIGEST_SHOWN]}…", full=text, digest=True)


class Choice(ValueFormat):
    """A value of a choice, shown by its label (an unknown value as recorded)."""

    def __init__(self, choices: Iterable[tuple[Any, Label]]) -> None:
        self.labels = {str(value): label for value, label in choices}

    def text(self, value: Any, names: Names) -> str:
        return str(self.labels.get(str(value), value))


class Reference(ValueFormat):
    """An object recorded by id or key, named through :data:`AUDIT_NAMES` (``kind`` is
    the key it is registered under); an object nobody names shows as recorded."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def references(self, value: Any) -> Iterator[tuple[str, str]]:
        if value is not None and value != "":
            yield (self.kind, str(value))

    def text(self, value: Any, names: Names) -> str:
        return names.get((self.kind, str(value)), str(value))


class Counts(ValueFormat):
    """Counts by key (``{"created": 2, "updated": 0}``) as "angelegt: 2"; zero counts
    are left out, all zero reads "keine"."""

    def __init__(self, labels: Mapping[str, Label]) -> None:
        self.labels = labels

    def text(self, value: Any, names: Names) -> str:
        if not isinstance(value, Mapping):
            return plain_text(value)
        # In the order of ``labels`` (PostgreSQL keeps JSON keys in its own order).
        keys = [
            *(key for key in self.labels if key in value),
            *sorted(set(value) - set(self.labels)),
        ]
        parts = [
            f"{self.labels.get(key, key)}: {plain_text(value[key])}" for key in keys if value[key]
        ]
        return ", ".join(parts) or _("keine")


class Breakdown(ValueFormat):
    """An object of parts (``{"kreis": {...}, "gemeinde": {...}}``): each part's key in
    ``keys``' format, its value in ``values``' format: "Kreis (neu: 8); …", the parts
    in the order of the keys' choices."""

    def __init__(self, keys: ValueFormat, values: ValueFormat) -> None:
        self.keys = keys
        self.values = values

    def text(self, value: Any, names: Names) -> str:
        if not isinstance(value, Mapping):
            return plain_text(value)
        # Parts whose keys are choices in the choices' order, any others after them.
        known = list(self.keys.labels) if isinstance(self.keys, Choice) else []
        keys = [*(key for key in known if key in value), *sorted(set(value) - set(known))]
        return (
            "; ".join(
                f"{self.keys.text(key, names)} ({self.values.text(value[key], names)})"
                for key in keys
            )
            or EMPTY
        )


TEXT = Text()
FLAG = Flag()
DATE = Date()
DATETIME = DateTime()
AMOUNT = Amount()
NUMBER = Number()
PERCENT = Percent()
BYTES = Bytes()
DIGEST = Digest()


# --- what the apps register ------------------------------------------------------------------


@dataclass(frozen=True)
class AuditField:
    """A recorded field: its German label and how its value reads. ``many``: the
    recorded value is a list of values (and a change holds two such lists)."""

    label: Label
    format: ValueFormat = TEXT
    many: bool = False


@dataclass(frozen=True)
class AuditTerms:
    """One app's words for its audit entries.

    ``group`` heads the app's actions in the audit page's filter (the app's
    ``verbose_name``); ``actions`` maps every action the app records to its German
    label; ``fields`` names what its entries record beyond its models' fields or
    differently from them (``"authority": an ARS``); ``action_fields`` does so for
    one action where a field means something else there.
    """

    key: str
    group: Label
    actions: Mapping[str, Label]
    fields: Mapping[str, AuditField] = field(default_factory=dict)
    action_fields: Mapping[str, Mapping[str, AuditField]] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditNames:
    """How one app names objects that entries record by id or key: ``names`` gets the
    recorded values (as strings) and returns ``{value: name}`` for those it knows,
    in one query."""

    kind: str
    names: Callable[[set[str]], Mapping[str, str]]


AUDIT_TERMS: Hook[AuditTerms] = Hook("core.audit_terms")
AUDIT_NAMES: Hook[AuditNames] = Hook("core.audit_names")


def register_terms(terms: AuditTerms) -> AuditTerms:
    """Register ``terms``; an action another app already labels is an error (two apps
    would otherwise claim one entry)."""
    for other in AUDIT_TERMS:
        if other.key != terms.key and set(other.actions) & set(terms.actions):
            twice = sorted(set(other.actions) & set(terms.actions))
            raise ValueError(f"{terms.key} labels actions of {other.key}: {', '.join(twice)}")
    return AUDIT_TERMS.register(terms, key=terms.key)


def register_names(names: AuditNames) -> AuditNames:
    return AUDIT_NAMES.register(names, key=names.kind)


# --- lookups ---------------------------------------------------------------------------------


def terms_of(action: str) -> AuditTerms | None:
    """The terms of the app that labels ``action``."""
    for terms in AUDIT_TERMS:
        if action in terms.actions:
            return terms
    return None


def action_label(action: str) -> str | None:
    """The German label of ``action``; ``None`` when no app labels it."""
    terms = terms_of(action)
    return str(terms.actions[action]) if terms is not None else None


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every labelled action, grouped by app and sorted by label within a group:
    choices with option groups for a select."""
    groups = [
        (
            str(terms.group),
            sorted(((code, str(label)) for code, label in terms.actions.items()), key=_by_label),
        )
        for terms in AUDIT_TERMS
    ]
    return sorted(groups, key=lambda group: group[0].casefold())


def _by_label(choice: tuple[str, str]) -> str:
    return choice[1].casefold()


def model_of(object_type: str) -> type[models.Model] | None:
    """The model of an entry's ``object_type`` ("networks.Membership"), if installed."""
    if not object_type:
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def field_of(action: str, object_type: str, name: str) -> AuditField | None:
    """What the recorded field ``name`` of an entry is; ``None`` when nobody says."""
    terms = terms_of(action)
    if terms is not None:
        own = terms.action_fields.get(action, {}).get(name) or terms.fields.get(name)
        if own is not None:
            return own
    model = model_of(object_type)
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return _from_model_field(model_field)


def _from_model_field(model_field: Any) -> AuditField | None:
    label = getattr(model_field, "verbose_name", None)
    # Django's default verbose name is the field's own name: no German label.
    if label is not None and str(label) == model_field.name.replace("_", " "):
        label = None
    if model_field.is_relation:
        related = model_field.related_model
        if related is None or model_field.many_to_many or model_field.one_to_many:
            return None
        kind = related._meta.label
        value_format: ValueFormat = Reference(kind) if AUDIT_NAMES.get(kind) else TEXT
        return AuditField(label or related._meta.verbose_name, value_format)
    if label is None:
        return None
    if model_field.choices:
        return AuditField(label, Choice(model_field.flatchoices))
    if isinstance(model_field, models.BooleanField):
        return AuditField(label, FLAG)
    if isinstance(model_field, models.DateTimeField):
        return AuditField(label, DATETIME)
    if isinstance(model_field, models.DateField):
        return AuditField(label, DATE)
    if isinstance(model_field, models.DecimalField | models.FloatField):
        return AuditField(label, NUMBER)
    return AuditField(label, TEXT)


def object_type_label(object_type: str) -> str:
    """The verbose name of an entry's model ("Mitgliedschaft"); "" when unknown or
    when the model has no German name (Django's default is its class name)."""
    model = model_of(object_type)
    if model is None:
        return ""
    label = str(model._meta.verbose_name)
    return "" if label == camel_case_to_spaces(model._meta.object_name or "") else label


def resolve_names(wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Name every wanted ``(kind, key)``: one call per kind that has a provider."""
    keys: dict[str, set[str]] = {}
    for kind, key in wanted:
        keys.setdefault(kind, set()).add(key)
    found: dict[tuple[str, str], str] = {}
    for kind, values in keys.items():
        provider = AUDIT_NAMES.get(kind)
        if provider is None:
            continue
        for key, name in provider.names(values).items():
            found[(kind, str(key))] = str(name)
    return found
