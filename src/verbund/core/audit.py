"""Recording and verifying the audit trail.

Every write function (``<entity>_<verb>``) calls :func:`audit_record` inside
its transaction, so the entry exists exactly when the change does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from verbund.core.actors import Actor
from verbund.core.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def field_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any]
) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    before = before or {}
    return {
        name: [_jsonable(before.get(name)), _jsonable(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def _entry_digest(
    *,
    sequence: int,
    created_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    authority_id: int | None,
    network_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: Any,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [
            sequence,
            created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            actor_id,
            actor_label,
            authority_id,
            network_id,
            action,
            object_type,
            object_id,
            object_repr,
            changes,
            prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    authority: Any = None,
    network: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` is a user or ``None`` for the system
    (import commands, migrations); ``authority``/``network`` name the tenant
    the change belongs to."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
        )
        actor_id = getattr(actor, "pk", None)
        actor_label = str(getattr(actor, "username", "")) if actor is not None else "system"
        entry = AuditEntry(
            sequence=head.last_sequence + 1,
            # Truncate to microseconds as stored by every backend, so that the
            # digest computed now equals the one recomputed from the database.
            created_at=timezone.now().replace(tzinfo=dt.UTC),
            actor_id=actor_id,
            actor_label=actor_label,
            authority_id=getattr(authority, "pk", authority),
            network_id=getattr(network, "pk", network),
            action=action,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            changes=_jsonable(dict(changes or {})),
            prev_hash=head.last_hash,
        )
        entry.entry_hash = _digest_of(entry)
        entry.save(force_insert=True)
        head.last_sequence = entry.sequence
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_sequence", "last_hash"])
        return entry


def _digest_of(entry: AuditEntry) -> str:
    return _entry_digest(
        sequence=entry.sequence,
        created_at=entry.created_at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        authority_id=entry.authority_id,
        network_id=entry.network_id,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        changes=entry.changes,
        prev_hash=entry.prev_hash,
    )


@dataclass(frozen=True)
class AuditVerification:
    checked: int
    broken_sequence: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def _entries_in_order(batch_size: int = 2000) -> Iterable[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=batch_size)


def audit_verify() -> AuditVerification:
    """Walk the chain from the start and report the first broken link."""
    expected_prev = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in _entries_in_order():
        if entry.sequence != expected_sequence:
            return AuditVerification(
                checked, expected_sequence, f"entry #{expected_sequence} is missing"
            )
        if entry.prev_hash != expected_prev:
            return AuditVerification(
                checked, entry.sequence, "previous-hash link does not match the entry before"
            )
        if _digest_of(entry) != entry.entry_hash:
            return AuditVerification(
                checked, entry.sequence, "content does not match its hash (entry was changed)"
            )
        expected_prev = entry.entry_hash
        expected_sequence += 1
        checked += 1
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_sequence != checked:
        return AuditVerification(
            checked,
            checked + 1,
            f"chain ends at #{checked} but #{head.last_sequence} was written (entries removed)",
        )
    return AuditVerification(checked)
