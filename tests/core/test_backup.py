"""`verbund backup` and `verbund restore` through the real entry point: the demo's data
(applications with their PDFs, case files with document versions, the audit chains)
goes into one archive and comes back into a fresh database and storage, row for row
and byte for byte; a target with data, a tampered archive and a missing file are
refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from verbund.core.backup import FTS5_SHADOW_SUFFIXES, file_columns

# Each test runs `verbund` in processes of its own, on databases of its own (SQLite files,
# or PostgreSQL databases it creates), so they run once, in `make test`.
pytestmark = pytest.mark.own_database

VERBUND = [sys.executable, "-m", "verbund"]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def _select_all(table: str) -> str:
    return f'SELECT * FROM "{table}"'  # noqa: S608  (names read from the catalogue)


@dataclass(frozen=True)
class Instance:
    """A database (URL) and its private storage, as a separate process sees them."""

    url: str
    private: Path

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "VERBUND_DATABASE_URL": self.url,
            "VERBUND_PRIVATE_ROOT": str(self.private),
            "VERBUND_SECRET_KEY": "backup-test-" + "k" * 40,
            "DJANGO_SETTINGS_MODULE": "verbund.settings",
        }

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*VERBUND, *args], env=self.env(), capture_output=True, text=True, check=False
        )

    def fts5_shadow_tables(self) -> set[str]:
        """The tables SQLite's full-text virtual tables keep their index in."""
        with sqlite3.connect(self.url.removeprefix("sqlite:///")) as conn:
            virtual = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                )
            ]
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        return {
            f"{v}_{suffix}"
            for v in virtual
            for suffix in FTS5_SHADOW_SUFFIXES
            if f"{v}_{suffix}" in names
        }

    def rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table (migrations, content types and every Verbund
        model's table included), sorted."""
        if self.url.startswith("sqlite:"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as conn:
                tables = [
                    r[0]
                    for r in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return {
                    t: sorted(conn.execute(_select_all(t)).fetchall(), key=repr) for t in tables
                }
        import psycopg

        with psycopg.connect(self.url) as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            ]
            return {t: sorted(conn.execute(_select_all(t)).fetchall(), key=repr) for t in tables}


def files_of(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def sqlite_instance(directory: Path) -> Instance:
    directory.mkdir(parents=True, exist_ok=True)
    return Instance(f"sqlite:///{directory / 'verbund.sqlite3'}", directory / "private")


def fill_with_demo(instance: Instance) -> None:
    for args in (("migrate", "-v", "0"), ("load-demo",)):
        done = instance.run(*args)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    source = sqlite_instance(tmp_path_factory.mktemp("source"))
    fill_with_demo(source)
    return source


@pytest.fixture(scope="module")
def demo_archive(demo_sqlite: Instance, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("archive") / "verbund.tar.gz"
    done = demo_sqlite.run("backup", str(archive))
    assert done.returncode == 0, done.stderr
    return archive


def manifest_of(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive) as tar:
        stream = tar.extractfile("manifest.json")
        assert stream is not None
        return json.loads(stream.read())


def assert_same(source: Instance, target: Instance) -> None:
    source_rows, target_rows = source.rows(), target.rows()
    assert sorted(target_rows) == sorted(source_rows)
    for table, rows in source_rows.items():
        assert target_rows[table] == rows, table
    source_files = files_of(source.private)
    assert files_of(target.private) == source_files
    assert len(source_files) > 0


def test_the_file_fields_are_found_in_every_app() -> None:
    assert {(c.label, c.storage) for c in file_columns()} == {
        ("networks.Agreement.document", "private"),
        ("networks.GroupDocument.file", "private"),
        ("networks.WorkshopMaterial.file", "private"),
        ("applications.Attachment.file", "private"),
        ("cases.DocumentVersion.file", "private"),
        ("cases.RecordsDisposal.package", "private"),
        ("archive.Page.master", "private"),
        ("archive.Page.image", "private"),
        ("archive.Page.thumbnail", "private"),
    }


def test_the_manifest_describes_the_copy(demo_sqlite: Instance, demo_archive: Path) -> None:
    manifest = manifest_of(demo_archive)
    rows = demo_sqlite.rows()
    assert manifest["format"] == "verbund-backup"
    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == "sqlite"
    # The full-text index's own tables (SQLite FTS5) travel with its virtual table and
    # are not counted on their own.
    shadows = demo_sqlite.fts5_shadow_tables()
    # External content: the index keeps no copy of the text (no "_content" table).
    assert shadows == {f"archive_search_fts_{s}" for s in ("config", "data", "docsize", "idx")}
    assert manifest["tables"] == {t: len(r) for t, r in rows.items() if t not in shadows}
    assert manifest["tables"]["applications_attachment"] > 0
    assert manifest["tables"]["cases_documentversion"] > 0
    assert manifest["audit_chains"] == [
        {"chain": key, "last_sequence": seq, "last_hash": digest}
        for key, seq, digest in sorted(rows["core_auditchain"])
    ]
    applied: dict[str, list[str]] = {}
    for _, app, name, _ in sorted(rows["django_migrations"]):
        applied.setdefault(app, []).append(name)
    assert manifest["migrations"] == applied
    files = files_of(demo_sqlite.private)
    assert {f"{e['name']}": (e["size"], e["sha256"]) for e in manifest["files"]} == {
        name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in files.items()
    }
    assert manifest["missing_files"] == []
    with tarfile.open(demo_archive) as tar:
        names = set(tar.getnames())
    assert names == {"manifest.json", "database/verbund.sqlite3"} | {
        f"files/private/{name}" for name in files
    }


def test_round_trip_on_sqlite(demo_sqlite: Instance, demo_archive: Path, tmp_path: Path) -> None:
    target = sqlite_instance(tmp_path / "target")
    done = target.run("restore", str(demo_archive))
    assert done.returncode == 0, done.stderr
    entries = sum(c["last_sequence"] for c in manifest_of(demo_archive)["audit_chains"])
    chains = len(manifest_of(demo_archive)["audit_chains"])
    assert f"Audit trail intact: {entries} entries in {chains} chains verified." in done.stdout
    assert_same(demo_sqlite, target)
    assert stat.S_IMODE(demo_archive.stat().st_mode) == 0o600
    assert {stat.S_IMODE(p.stat().st_mode) for p in target.private.rglob("*") if p.is_file()} == {
        0o600
    }
    verified = target.run("verify-audit")
    assert verified.returncode == 0, verified.stderr
    assert f"{entries} entries in {chains} chains verified" in verified.stdout


def test_restore_refuses_a_target_with_data_unless_forced(
    demo_sqlite: Instance, demo_archive: Path, tmp_path: Path
) -> None:
    target = sqlite_instance(tmp_path / "target")
    assert target.run("migrate", "-v", "0").returncode == 0
    script = (
        "import django; django.setup();"
        "from verbund.core.audit import audit_record;"
        "audit_record(actor=None, action='target.own')"
    )
    subprocess.run([sys.executable, "-c", script], env=target.env(), check=True)
    (target.private / "own").mkdir(parents=True)
    (target.private / "own" / "note.txt").write_bytes(b"the target's own file")
    rows_before, files_before = target.rows(), files_of(target.private)

    refused = target.run("restore", str(demo_archive))

    assert refused.returncode == 1
    assert "Refusing to restore: the database has data (core_auditchain, core_auditentry" in (
        refused.stderr
    )
    assert f"files exist in private ({target.private})" in refused.stderr
    assert "pass --force" in refused.stderr
    assert target.rows() == rows_before
    assert files_of(target.private) == files_before

    forced = target.run("restore", "--force", str(demo_archive))
    assert forced.returncode == 0, forced.stderr
    assert target.rows() == demo_sqlite.rows()
    # The archive's files are all back; the target's own file is left where it was.
    assert files_of(target.private) == {
        **files_of(demo_sqlite.private),
        "own/note.txt": b"the target's own file",
    }


def _rewritten(archive: Path, destination: Path, change: Any) -> None:
    """A copy of the archive with each member's bytes passed through ``change``."""
    with tarfile.open(archive) as source, tarfile.open(destination, "w:gz") as copy:
        for member in source.getmembers():
            stream = source.extractfile(member)
            assert stream is not None
            data = change(member.name, stream.read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def test_restore_refuses_a_backup_of_a_newer_version(demo_archive: Path, tmp_path: Path) -> None:
    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["cases"].append("0099_from_the_future")
        return json.dumps(manifest).encode()

    newer_archive = tmp_path / "newer.tar.gz"
    _rewritten(demo_archive, newer_archive, newer)
    target = sqlite_instance(tmp_path / "target")

    refused = target.run("restore", str(newer_archive))

    assert refused.returncode == 1
    assert (
        "The backup was made by a newer version of Verbund (migrations unknown here: "
        "cases.0099_from_the_future). Install that version first." in refused.stderr
    )
    assert target.rows() == {}
    assert files_of(target.private) == {}


def test_restore_of_an_older_backup_asks_for_migrate(demo_archive: Path, tmp_path: Path) -> None:
    def older(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["cases"].pop()
        return json.dumps(manifest).encode()

    older_archive = tmp_path / "older.tar.gz"
    _rewritten(demo_archive, older_archive, older)
    target = sqlite_instance(tmp_path / "target")

    done = target.run("restore", str(older_archive))

    assert done.returncode == 0, done.stderr
    assert "predates 1 migrations of this version. Run `verbund migrate`, then " in done.stdout
    assert "Audit trail intact" not in done.stdout


def _tampered_copy(archive: Path, destination: Path) -> str:
    """The archive with the first of its files changed (same size); that file's name."""
    changed = ""
    with tarfile.open(archive) as source, tarfile.open(destination, "w:gz") as copy:
        for member in source.getmembers():
            stream = source.extractfile(member)
            assert stream is not None
            data = stream.read()
            if not changed and member.name.startswith("files/"):
                changed = member.name
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            copy.addfile(member, io.BytesIO(data))
    return changed


def test_restore_refuses_a_tampered_archive_before_touching_anything(
    demo_archive: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.tar.gz"
    changed = _tampered_copy(demo_archive, tampered)
    target = sqlite_instance(tmp_path / "target")
    rows_before = target.rows()

    refused = target.run("restore", str(tampered))

    assert refused.returncode == 1
    assert (
        f"{changed} does not match the manifest (SHA-256 or size differs): the archive is "
        f"damaged or was altered. Nothing was restored." in refused.stderr
    )
    assert target.rows() == rows_before == {}
    assert files_of(target.private) == {}
    assert [p.name for p in (tmp_path / "target").iterdir() if p.name.startswith(".")] == []


def test_backup_reports_a_missing_referenced_file(demo_sqlite: Instance, tmp_path: Path) -> None:
    broken = sqlite_instance(tmp_path / "broken")
    with (
        sqlite3.connect(demo_sqlite.url.removeprefix("sqlite:///")) as source,
        sqlite3.connect(broken.url.removeprefix("sqlite:///")) as copy,
    ):
        source.backup(copy)
    shutil.copytree(demo_sqlite.private, broken.private)
    with sqlite3.connect(broken.url.removeprefix("sqlite:///")) as conn:
        version_id, name = conn.execute(
            "SELECT id, file FROM cases_documentversion ORDER BY id LIMIT 1"
        ).fetchone()
        holders = [
            f"applications.Attachment.file#{pk}"
            for (pk,) in conn.execute(
                "SELECT id FROM applications_attachment WHERE file = ?", [name]
            )
        ]
    (broken.private / name).unlink()
    archive = tmp_path / "broken.tar"

    done = broken.run("backup", str(archive))

    assert done.returncode == 1
    # Named by every row that refers to it, in the order of the models and ids.
    referenced_by = ", ".join([*holders, f"cases.DocumentVersion.file#{version_id}"])
    assert "1 referenced files are missing from storage" in done.stderr
    assert f"private:{name} (referenced by {referenced_by})" in done.stderr
    manifest = manifest_of(archive)
    assert [(m["storage"], m["name"]) for m in manifest["missing_files"]] == [("private", name)]
    assert name not in {e["name"] for e in manifest["files"]}
    assert len(manifest["files"]) == len(files_of(broken.private))


# --- PostgreSQL -------------------------------------------------------------------------


def _postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=2):
            return True
    except Exception:  # no server, no role: skip
        return False


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    if not _postgres_reachable():
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER}")
    import psycopg

    suffix = uuid.uuid4().hex[:8]
    names = (f"verbund_backup_src_{suffix}", f"verbund_backup_dst_{suffix}")
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield names
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_round_trip_on_postgresql(postgres_databases: tuple[str, str], tmp_path: Path) -> None:
    source_db, target_db = postgres_databases
    source = Instance(f"{PG_SERVER}/{source_db}", tmp_path / "source-private")
    target = Instance(f"{PG_SERVER}/{target_db}", tmp_path / "target-private")
    fill_with_demo(source)
    archive = tmp_path / "verbund.tar"
    backed_up = source.run("backup", str(archive))
    assert backed_up.returncode == 0, backed_up.stderr
    manifest = manifest_of(archive)
    assert manifest["database"]["vendor"] == "postgresql"
    assert manifest["database"]["member"] == "database/verbund.dump"

    restored = target.run("restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    assert "Audit trail intact" in restored.stdout
    assert_same(source, target)
    assert manifest["tables"] == {t: len(r) for t, r in target.rows().items()}
    # Data in the target now: a second restore is refused and changes nothing.
    again = target.run("restore", str(archive))
    assert again.returncode == 1
    assert "Refusing to restore" in again.stderr
    assert_same(source, target)


def test_restore_refuses_an_archive_of_another_database_vendor(
    demo_archive: Path, postgres_databases: tuple[str, str], tmp_path: Path
) -> None:
    target = Instance(f"{PG_SERVER}/{postgres_databases[1]}", tmp_path / "private")
    refused = target.run("restore", str(demo_archive))
    assert refused.returncode == 1
    assert "The backup holds a sqlite database; the configured one is postgresql." in (
        refused.stderr
    )
    assert target.rows() == {}
