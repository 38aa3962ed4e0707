from __future__ import annotations

import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import AuthorityFactory, UserFactory
from verbund.core.audit import GENESIS_HASH, audit_record, audit_verify, field_changes
from verbund.core.models import AppendOnlyError, AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def _three_entries() -> list[AuditEntry]:
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


def test_entries_form_a_chain() -> None:
    first, second, third = _three_entries()
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert third.prev_hash == second.entry_hash
    assert first.actor_label == "erika"
    assert second.actor_label == "system"
    assert first.changes == {"name": ["Alt", "Neu"]}
    assert first.object_type == "authorities.Authority"
    assert first.object_repr == "Gemeinde Prüfstadt"
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (3, third.entry_hash)
    assert audit_verify().ok
    assert audit_verify().checked == 3


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
    _, second, _ = _three_entries()
    _raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.forged", second.pk])
    result = audit_verify()
    assert (result.ok, result.broken_sequence, result.checked) == (False, 2, 1)
    assert "changed" in result.reason


def test_rehashed_entry_breaks_the_next_link() -> None:
    first, _, _ = _three_entries()
    _raw("UPDATE core_auditentry SET entry_hash = %s WHERE id = %s", ["f" * 64, first.pk])
    result = audit_verify()
    assert result.broken_sequence == 1  # its own hash no longer matches its content


def test_removed_entry_is_reported() -> None:
    _, second, _ = _three_entries()
    _raw("DELETE FROM core_auditentry WHERE id = %s", [second.pk])
    result = audit_verify()
    assert (result.ok, result.broken_sequence) == (False, 2)
    assert "missing" in result.reason


def test_removed_last_entry_is_reported() -> None:
    *_, third = _three_entries()
    _raw("DELETE FROM core_auditentry WHERE id = %s", [third.pk])
    result = audit_verify()
    assert (result.ok, result.broken_sequence) == (False, 3)


def test_verify_audit_command() -> None:
    _, second, _ = _three_entries()
    call_command("verify_audit")  # intact: no error
    _raw("UPDATE core_auditentry SET changes = %s WHERE id = %s", ['{"count": 3}', second.pk])
    with pytest.raises(CommandError, match="broken at entry #2"):
        call_command("verify_audit")


def test_verify_audit_cli_exit_code(tmp_path: object, settings: object) -> None:
    # The real entry point, on a throw-away SQLite database, exits 1 after tampering.
    import os
    from pathlib import Path

    db = Path(str(tmp_path)) / "audit.sqlite3"
    env = {
        **os.environ,
        "VERBUND_DATABASE_URL": f"sqlite:///{db}",
        "VERBUND_SECRET_KEY": secrets.token_urlsafe(50),
    }
    verbund = [sys.executable, "-m", "verbund"]
    subprocess.run([*verbund, "migrate", "-v", "0"], env=env, check=True)
    script = (
        "import django; django.setup();"
        "from verbund.core.audit import audit_record;"
        "[audit_record(actor=None, action=f'cli.{i}') for i in range(3)]"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "verbund.settings"},
        check=True,
    )
    ok = subprocess.run([*verbund, "verify-audit"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "3 entries verified" in ok.stdout
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE core_auditentry SET action = 'cli.forged' WHERE sequence = 2")
    broken = subprocess.run([*verbund, "verify-audit"], env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "broken at entry #2" in broken.stderr
