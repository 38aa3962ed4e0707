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
from verbund.core.models import PLATFORM_CHAIN, AuditChain, AuditEntry

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


def chain_of(authority_id: int | None, network_id: int | None) -> str:
    """The chain an entry belongs to: its network's for network-level writes, else
    its authority's, else the platform's."""
    if network_id is not None:
        return f"network:{network_id}"
    if authority_id is not None:
        return f"authority:{authority_id}"
    return PLATFORM_CHAIN


def _locked_head(chain: str) -> tuple[int, str]:
    """Lock the chain's head until the transaction ends; its last sequence and hash."""
    heads = AuditChain.objects.select_for_update().filter(key=chain)
    row = heads.values_list("last_sequence", "last_hash").first()
    if row is None:
        # The chain's first entry. Two first writers: the second one's insert waits
        # for the first one's commit and then does nothing.
        AuditChain.objects.bulk_create(
            [AuditChain(key=chain, last_sequence=0, last_hash=GENESIS_HASH)],
            ignore_conflicts=True,
        )
        row = heads.values_list("last_sequence", "last_hash").get()
    return row


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    authority: Any = None,
    network: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to its tenant's chain. ``actor`` is a user or ``None`` for
    the system (import commands, migrations); ``authority``/``network`` name the
    tenant the change belongs to.

    Call it as the last write of the service's transaction: the chain's head stays
    locked from here until the commit, and only writers of the same chain wait for
    it. Three statements: lock and read the head, insert, move the head.
    """
    authority_id = getattr(authority, "pk", authority)
    network_id = getattr(network, "pk", network)
    actor_id = getattr(actor, "pk", None)
    entry = AuditEntry(
        chain=chain_of(authority_id, network_id),
        # Truncate to microseconds as stored by every backend, so that the
        # digest computed now equals the one recomputed from the database.
        created_at=timezone.now().replace(tzinfo=dt.UTC),
        actor_id=actor_id,
        actor_label=str(getattr(actor, "username", "")) if actor is not None else "system",
        authority_id=authority_id,
        network_id=network_id,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=_jsonable(dict(changes or {})),
    )
    with transaction.atomic(savepoint=False):
        last_sequence, last_hash = _locked_head(entry.chain)
        entry.sequence = last_sequence + 1
        entry.prev_hash = last_hash
        entry.entry_hash = _digest_of(entry)
        entry.save(force_insert=True)
        AuditChain.objects.filter(key=entry.chain).update(
            last_sequence=entry.sequence, last_hash=entry.entry_hash
        )
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
class ChainBreak:
    """The first broken link of one chain."""

    chain: str
    sequence: int
    reason: str
    entry_id: int | None = None


@dataclass(frozen=True)
class AuditVerification:
    checked: int
    chains: int
    breaks: tuple[ChainBreak, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


def _entries_in_order(batch_size: int = 2000) -> Iterable[AuditEntry]:
    return AuditEntry.objects.order_by("chain", "sequence").iterator(chunk_size=batch_size)


class _ChainWalk:
    """Checks one chain's entries in order; ``broken`` holds its first broken link."""

    def __init__(self, chain: str) -> None:
        self.chain = chain
        self.expected_prev = GENESIS_HASH
        self.expected_sequence = 1
        self.checked = 0
        self.broken: ChainBreak | None = None

    def add(self, entry: AuditEntry) -> None:
        if self.broken is not None:
            return
        reason = ""
        if entry.sequence != self.expected_sequence:
            self.broken = ChainBreak(
                self.chain, self.expected_sequence, f"entry #{self.expected_sequence} is missing"
            )
            return
        if entry.prev_hash != self.expected_prev:
            reason = "previous-hash link does not match the entry before"
        elif _digest_of(entry) != entry.entry_hash:
            reason = "content does not match its hash (entry was changed)"
        elif (
            self.chain != PLATFORM_CHAIN
            and chain_of(entry.authority_id, entry.network_id) != self.chain
        ):
            # The platform chain holds every entry written before chains were per
            # tenant; every other chain holds only its own tenant's entries.
            reason = "entry belongs to another chain (it was moved)"
        if reason:
            self.broken = ChainBreak(self.chain, entry.sequence, reason, entry.pk)
            return
        self.expected_prev = entry.entry_hash
        self.expected_sequence += 1
        self.checked += 1

    def end(self, last_sequence: int | None) -> None:
        if self.broken is None and last_sequence is None:
            self.broken = ChainBreak(
                self.chain, self.checked, "the chain's head is missing (it was removed)"
            )
        elif self.broken is None and last_sequence != self.checked:
            self.broken = ChainBreak(
                self.chain,
                self.checked + 1,
                f"chain ends at #{self.checked} but #{last_sequence} was written (entries removed)",
            )


def audit_verify() -> AuditVerification:
    """Walk every chain from its start; each broken chain is reported with its first
    broken link."""
    heads = dict(AuditChain.objects.values_list("key", "last_sequence"))
    walks: dict[str, _ChainWalk] = {}
    walk: _ChainWalk | None = None
    for entry in _entries_in_order():
        if walk is None or walk.chain != entry.chain:
            walk = walks[entry.chain] = _ChainWalk(entry.chain)
        walk.add(entry)
    for chain in heads.keys() - walks.keys():
        walks[chain] = _ChainWalk(chain)  # a head without any entry left
    for chain, each in walks.items():
        each.end(heads.get(chain))
    breaks = tuple(w.broken for _, w in sorted(walks.items()) if w.broken is not None)
    return AuditVerification(
        checked=sum(w.checked for w in walks.values()), chains=len(walks), breaks=breaks
    )
