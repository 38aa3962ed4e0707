from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import AuthorityFactory, NetworkFactory, UserFactory
from verbund.core.audit import (
    GENESIS_HASH,
    _digest_of,
    audit_record,
    audit_verify,
    chain_of,
    field_changes,
)
from verbund.core.models import AppendOnlyError, AuditChain, AuditEntry

pytestmark = pytest.mark.django_db


def _three_entries() -> list[AuditEntry]:
    """Two entries of one authority's chain with a platform entry between them."""
    user = UserFactory(username="erika")
    authority = AuthorityFactory(name="Gemeinde Prüfstadt")
    return [
        audit_record(
            actor=user,
            action="test.first",
            obj=authority,
            authority=authority,
            changes=field_changes({"name": "Alt"}, {"name": "Neu"}),
        ),
        audit_record(actor=None, action="test.second", changes={"count": 2}),
        audit_record(actor=user, action="test.third", authority=authority.pk),
    ]


def test_entries_form_one_chain_per_tenant() -> None:
    first, second, third = _three_entries()
    chain = f"authority:{first.authority_id}"
    assert [(e.chain, e.sequence) for e in (first, second, third)] == [
        (chain, 1),
        ("platform", 1),
        (chain, 2),
    ]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == GENESIS_HASH  # the platform's chain starts on its own
    assert third.prev_hash == first.entry_hash
    assert first.actor_label == "erika"
    assert second.actor_label == "system"
    assert first.changes == {"name": ["Alt", "Neu"]}
    assert first.object_type == "authorities.Authority"
    assert first.object_repr == "Gemeinde Prüfstadt"
    heads = {h.key: (h.last_sequence, h.last_hash) for h in AuditChain.objects.all()}
    assert heads == {chain: (2, third.entry_hash), "platform": (1, second.entry_hash)}
    result = audit_verify()
    assert (result.ok, result.checked, result.chains) == (True, 3, 2)


def test_network_level_writes_have_the_networks_chain() -> None:
    network = NetworkFactory()
    authority = AuthorityFactory()
    assert chain_of(authority.pk, network.pk) == f"network:{network.pk}"
    assert chain_of(authority.pk, None) == f"authority:{authority.pk}"
    assert chain_of(None, None) == "platform"
    entry = audit_record(actor=None, action="test.net", network=network, authority=authority)
    assert (entry.chain, entry.sequence) == (f"network:{network.pk}", 1)
    assert audit_verify().ok


def test_a_write_takes_three_statements(django_assert_num_queries: object) -> None:
    first, *_ = _three_entries()
    with django_assert_num_queries(3):  # type: ignore[operator]
        audit_record(actor=None, action="test.fourth", authority=first.authority_id)


def test_field_changes_lists_only_differences() -> None:
    assert field_changes({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}
    assert field_changes(None, {"a": 1}) == {"a": [None, 1]}


def test_orm_refuses_to_change_or_delete_entries() -> None:
    first, *_ = _three_entries()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=first.pk).update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        first.delete()
    first.action = "forged"
    with pytest.raises(AppendOnlyError):
        first.save()
    assert AuditEntry.objects.count() == 3
    assert AuditEntry.objects.get(pk=first.pk).action == "test.first"


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_changed_content_is_found_at_its_entry() -> None:
    _, _, third = _three_entries()
    _raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.forged", third.pk])
    result = audit_verify()
    assert (result.ok, result.checked) == (False, 2)
    assert result.first is not None
    assert (result.first.chain, result.first.sequence) == (third.chain, 2)
    assert result.first.entry_id == third.pk
    assert "changed" in result.first.reason
    assert len(result.breaks) == 1  # the platform's chain is intact


def test_each_broken_chain_is_named() -> None:
    first, second, _ = _three_entries()
    _raw("UPDATE core_auditentry SET action = %s WHERE id IN (%s, %s)", ["x", first.pk, second.pk])
    result = audit_verify()
    assert [(b.chain, b.sequence) for b in result.breaks] == [(first.chain, 1), ("platform", 1)]


def test_rehashed_entry_breaks_its_own_link() -> None:
    first, _, _ = _three_entries()
    _raw("UPDATE core_auditentry SET entry_hash = %s WHERE id = %s", ["f" * 64, first.pk])
    result = audit_verify()
    assert result.first is not None
    assert (result.first.chain, result.first.sequence) == (first.chain, 1)


def test_removed_entry_is_reported() -> None:
    first, _, _ = _three_entries()
    _raw("DELETE FROM core_auditentry WHERE id = %s", [first.pk])
    result = audit_verify()
    assert result.first is not None
    assert (result.ok, result.first.chain, result.first.sequence) == (False, first.chain, 1)
    assert "missing" in result.first.reason


def test_removed_last_entry_is_reported() -> None:
    *_, third = _three_entries()
    _raw("DELETE FROM core_auditentry WHERE id = %s", [third.pk])
    result = audit_verify()
    assert result.first is not None
    assert (result.first.chain, result.first.sequence) == (third.chain, 2)
    assert "entries removed" in result.first.reason


def test_removed_head_is_reported() -> None:
    first, _, _ = _three_entries()
    AuditChain.objects.filter(key=first.chain).delete()
    result = audit_verify()
    assert result.first is not None
    assert result.first.chain == first.chain
    assert "head is missing" in result.first.reason


def test_an_entry_moved_to_another_chain_is_found() -> None:
    """Even with every hash forged to fit, an entry moved into another tenant's
    chain is found: a tenant's chain holds only that tenant's entries."""
    other = AuthorityFactory()
    first, _, third = _three_entries()
    moved = audit_record(actor=None, action="test.other", authority=other)
    moved.chain, moved.sequence, moved.prev_hash = first.chain, 3, third.entry_hash
    forged = _digest_of(moved)
    _raw(
        "UPDATE core_auditentry SET chain = %s, sequence = 3, prev_hash = %s, entry_hash = %s "
        "WHERE id = %s",
        [first.chain, third.entry_hash, forged, moved.pk],
    )
    AuditChain.objects.filter(key=first.chain).update(last_sequence=3, last_hash=forged)
    result = audit_verify()
    reasons = {(b.chain, b.sequence): b.reason for b in result.breaks}
    assert reasons == {
        (first.chain, 3): "entry belongs to another chain (it was moved)",
        (f"authority:{other.pk}", 1): "chain ends at #0 but #1 was written (entries removed)",
    }


def test_verify_audit_command() -> None:
    _, second, _ = _three_entries()
    call_command("verify_audit")  # intact: no error
    _raw("UPDATE core_auditentry SET changes = %s WHERE id = %s", ['{"count": 3}', second.pk])
    with pytest.raises(CommandError, match=r"chain platform, entry #1 \(id \d+\): content"):
        call_command("verify_audit")


def test_verify_audit_command_names_the_authority() -> None:
    first, _, _ = _three_entries()
    _raw("UPDATE core_auditentry SET changes = %s WHERE id = %s", ["{}", first.pk])
    with pytest.raises(CommandError, match=r"(?s)1 of 2 chains.*\(Gemeinde Prüfstadt\), entry #1"):
        call_command("verify_audit")


_OLD_ENTRIES = """
import datetime as dt
import django
django.setup()
from django.db import connection
from verbund.core.audit import GENESIS_HASH, _entry_digest
prev = GENESIS_HASH
with connection.cursor() as cursor:
    for sequence, authority in ((1, 7), (2, None), (3, 9)):
        at = dt.datetime(2026, 11, 1, 12, sequence, tzinfo=dt.UTC)
        digest = _entry_digest(
            sequence=sequence, created_at=at, actor_id=None, actor_label="system",
            authority_id=authority, network_id=None, action=f"old.{sequence}",
            object_type="", object_id="", object_repr="", changes={}, prev_hash=prev,
        )
        cursor.execute(
            "INSERT INTO core_auditentry (sequence, created_at, actor_label, authority_id, "
            "action, object_type, object_id, object_repr, changes, prev_hash, entry_hash) "
            "VALUES (%s, %s, 'system', %s, %s, '', '', '', '{}', %s, %s)",
            [sequence, at, authority, f"old.{sequence}", prev, digest],
        )
        prev = digest
    cursor.execute(
        "INSERT INTO core_auditchainhead (id, last_sequence, last_hash) VALUES (1, 3, %s)",
        [prev],
    )
"""

_NEW_ENTRY = """
import django
django.setup()
from verbund.core.audit import audit_record
print(audit_record(actor=None, action="new.1", authority=7).chain)
"""


def _verbund_env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "VERBUND_DATABASE_URL": f"sqlite:///{db}",
        "VERBUND_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
    }


@pytest.mark.own_database
def test_the_one_chain_of_before_becomes_the_platforms(tmp_path: Path) -> None:
    """An installation upgraded to per-tenant chains: what the one global chain
    held stays verifiable as the platform's chain; new entries go to their tenant's."""
    env = _verbund_env(tmp_path / "upgrade.sqlite3")
    verbund = [sys.executable, "-m", "verbund"]
    subprocess.run([*verbund, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*verbund, "migrate", "core", "0003", "-v", "0"], env=env, check=True)
    subprocess.run([sys.executable, "-c", _OLD_ENTRIES], env=env, check=True)
    subprocess.run([*verbund, "migrate", "-v", "0"], env=env, check=True)
    new = subprocess.run(
        [sys.executable, "-c", _NEW_ENTRY], env=env, check=True, capture_output=True, text=True
    )
    assert new.stdout.strip() == "authority:7"
    verified = subprocess.run([*verbund, "verify-audit"], env=env, capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert "4 entries in 2 chains verified" in verified.stdout


@pytest.mark.own_database
def test_verify_audit_cli_exit_code(tmp_path: Path) -> None:
    # The real entry point, on a throw-away SQLite database, exits 1 after tampering.
    db = tmp_path / "audit.sqlite3"
    env = _verbund_env(db)
    verbund = [sys.executable, "-m", "verbund"]
    subprocess.run([*verbund, "migrate", "-v", "0"], env=env, check=True)
    script = (
        "import django; django.setup();"
        "from verbund.core.audit import audit_record;"
        "[audit_record(actor=None, action=f'cli.{i}') for i in range(3)]"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    ok = subprocess.run([*verbund, "verify-audit"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "3 entries in 1 chain verified" in ok.stdout
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE core_auditentry SET action = 'cli.forged' WHERE sequence = 2")
    broken = subprocess.run([*verbund, "verify-audit"], env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "chain platform, entry #2" in broken.stderr
