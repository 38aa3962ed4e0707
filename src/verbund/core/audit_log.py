"""The audit log as an auditor reads it: every entry in words, filtered and paged.

Both audit pages (an authority's, ``accounts``; a network's, ``networks``) give
:func:`audit_log` the entries their user may read and render
``staff/audit_table.html`` with what it returns. The words come from the apps'
registrations in :mod:`verbund.core.audit_terms`, so this module imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from verbund.core.audit_terms import (
    DIGEST,
    EMPTY,
    AuditField,
    Names,
    Shown,
    ValueFormat,
    action_label,
    field_of,
    model_of,
    object_type_label,
    resolve_names,
    terms_of,
)
from verbund.core.facts import day_start
from verbund.core.forms import AuditFilterForm
from verbund.core.models import AuditEntry

PAGE_SIZE = 50

# What ``core.actors.actor_label`` records for actors that are not staff users.
SYSTEM_LABEL = "system"
APPLICANT_LABEL = "applicant"


@dataclass(frozen=True)
class Change:
    """One recorded field: ``old`` → ``new`` for a change, ``new`` alone for a value
    recorded as it was (or set where there was nothing before). ``labelled`` is
    false when no app says what the field is (its code is the label then)."""

    label: str
    new: Shown
    old: Shown | None = None
    labelled: bool = True


@dataclass(frozen=True)
class EntryText:
    """An audit entry in words."""

    entry: AuditEntry
    action: str  # the German label, or the code when no app labels the action
    labelled: bool
    actor: str
    object: str
    changes: tuple[Change, ...]
    chain_hash: Shown


def actor_text(label: str, display_name: str = "") -> str:
    """Who acted, in words: the platform, the applicant, a specialist system as
    recorded, or a staff user's name with the user name ("Anna Berg (sb.merzenich)")."""
    if label == SYSTEM_LABEL:
        return _("System (automatisch)")
    if label == APPLICANT_LABEL:
        return _("Antragsteller/in")
    if display_name and display_name != label:
        return f"{display_name} ({label})"
    return label


def _is_pair(value: Any, many: bool) -> bool:
    """Whether a recorded value is ``[old, new]`` (from ``field_changes``). A field of
    many values records plain lists too; its pairs hold lists or an empty side."""
    if not isinstance(value, list) or len(value) != 2:
        return False
    return not many or any(side is None or isinstance(side, list) for side in value)


def _values(value: Any, recorded: AuditField) -> Iterator[Any]:
    if recorded.many and isinstance(value, list):
        yield from value
    else:
        yield value


def _show(value: Any, recorded: AuditField, names: Names) -> Shown:
    value_format: ValueFormat = recorded.format
    if recorded.many and isinstance(value, list):
        if len(value) == 1:
            return value_format.show(value[0], names)
        return Shown(", ".join(value_format.show(item, names).text for item in value) or EMPTY)
    return value_format.show(value, names)


def _field_order(entry: AuditEntry) -> dict[str, int]:
    """Where each field name goes: the model's fields in their order, then the app's
    declared fields in theirs. (PostgreSQL does not keep the keys of a JSON object in
    the order they were written, so the recorded order cannot be used.)"""
    order: dict[str, int] = {}
    model = model_of(entry.object_type)
    if model is not None:
        for model_field in model._meta.get_fields():
            order.setdefault(model_field.name, len(order))
    terms = terms_of(entry.action)
    if terms is not None:
        for name in (*terms.action_fields.get(entry.action, {}), *terms.fields):
            order.setdefault(name, len(order))
    return order


def _fields(entry: AuditEntry) -> Iterator[tuple[str, Any, AuditField, bool]]:
    changes = entry.changes if isinstance(entry.changes, Mapping) else {"": entry.changes}
    order = _field_order(entry)
    for name, value in sorted(
        changes.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
    ):
        recorded = field_of(entry.action, entry.object_type, name)
        if recorded is None:
            yield name, value, AuditField(name), False
        else:
            yield name, value, recorded, True


def _wanted(entries: Sequence[AuditEntry]) -> Iterator[tuple[str, str]]:
    for entry in entries:
        for _name, value, recorded, _labelled in _fields(entry):
            sides = value if _is_pair(value, recorded.many) else [value]
            for side in sides:
                for item in _values(side, recorded):
                    yield from recorded.format.references(item)


def describe_changes(entry: AuditEntry, names: Names) -> tuple[Change, ...]:
    """The entry's recorded fields in words, in the order recorded."""
    described = []
    for _name, value, recorded, labelled in _fields(entry):
        label = str(recorded.label)
        if _is_pair(value, recorded.many):
            old, new = value
            described.append(
                Change(
                    label,
                    _show(new, recorded, names),
                    None if old is None else _show(old, recorded, names),
                    labelled,
                )
            )
        else:
            described.append(Change(label, _show(value, recorded, names), None, labelled))
    return tuple(described)


def describe_entries(entries: Sequence[AuditEntry]) -> list[EntryText]:
    """Every entry in words; the objects they refer to are named with one query per
    kind of object for all of them. Read ``actor`` with ``select_related``."""
    names = resolve_names(_wanted(entries))
    described = []
    for entry in entries:
        label = action_label(entry.action)
        kind = object_type_label(entry.object_type)
        user = entry.actor if entry.actor_id is not None else None
        described.append(
            EntryText(
                entry=entry,
                action=label or entry.action,
                labelled=label is not None,
                actor=actor_text(entry.actor_label, str(user) if user is not None else ""),
                object=f"{kind}: {entry.object_repr}"
                if kind and entry.object_repr
                else entry.object_repr,
                changes=describe_changes(entry, names),
                chain_hash=DIGEST.show(entry.entry_hash, names),
            )
        )
    return described


def _actors(entries: QuerySet[AuditEntry]) -> list[tuple[str, str]]:
    """``(recorded label, who in words)`` of everyone in ``entries``, by name: two
    queries."""
    pairs = set(entries.order_by().values_list("actor_label", "actor_id").distinct())
    users = get_user_model()._default_manager.in_bulk(
        {user_id for _label, user_id in pairs if user_id is not None}
    )
    found: dict[str, str] = {}
    for label, user_id in sorted(pairs, key=lambda pair: (pair[0], pair[1] or 0)):
        user = users.get(user_id) if user_id is not None else None
        found.setdefault(label, actor_text(label, str(user) if user is not None else ""))
    return sorted(found.items(), key=lambda item: item[1].casefold())


def _filtered(entries: QuerySet[AuditEntry], data: Mapping[str, Any]) -> QuerySet[AuditEntry]:
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("actor"):
        entries = entries.filter(actor_label=data["actor"])
    since: dt.date | None = data.get("since")
    until: dt.date | None = data.get("until")
    if since is not None:
        entries = entries.filter(created_at__gte=day_start(since))
    if until is not None:
        entries = entries.filter(created_at__lt=day_start(until + dt.timedelta(days=1)))
    return entries


def audit_log(request: HttpRequest, entries: QuerySet[AuditEntry]) -> dict[str, Any]:
    """The context of ``staff/audit_table.html`` for ``entries`` (those the user may
    read): the filter form from the query string, the page (newest first) and its
    entries in words, and the query string the page links keep. Invalid filters are
    reported on the form and the log is shown unfiltered."""
    form = AuditFilterForm(request.GET or None, actors=_actors(entries))
    shown = entries
    filtered = False
    if form.is_bound and form.is_valid():
        shown = _filtered(entries, form.cleaned_data)
        filtered = any(form.cleaned_data.get(name) for name in form.fields)
    page: Page[AuditEntry] = Paginator(
        shown.select_related("actor").order_by("-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy() if filtered else QueryDict(mutable=True)
    query.pop("page", None)
    return {
        "page": page,
        "rows": describe_entries(list(page.object_list)),
        "filter_form": form,
        "filtered": filtered,
        "query": query.urlencode(),
    }
