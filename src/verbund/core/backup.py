"""One archive with the database and the files it refers to: ``verbund backup`` and
``verbund restore`` (docs/operations.md, "Backups"; ADR 0022).

The archive is a tar file (gzip-compressed when its name ends in ``.gz`` or
``.tgz``) holding

- ``database/verbund.sqlite3`` (SQLite, copied with the online backup API) or
  ``database/verbund.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``files/<storage>/<name>``: every file a row of the copied database refers to
  through a ``FileField``, for each entry of ``STORAGES`` they live in;
- ``manifest.json``: format version, creation time, database vendor, the applied
  migrations per app, row counts per table, the heads of the audit chains, and
  size and SHA-256 of the database copy and of every file (and the files that
  were referenced but missing).

Order: the database first, then the files. Files are written before the rows that
name them commit and are never changed in place, so every file the copy refers to
exists when it is copied, unless something deleted it. The references, counts and
chain heads are read from the copy itself (SQLite) or from the snapshot ``pg_dump``
used (PostgreSQL), never from the live database.

Core imports no app: the models come from ``django.apps``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from verbund.core.audit import AuditVerification, audit_verify
from verbund.core.models import AuditChain

FORMAT = "verbund-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/verbund.sqlite3"
POSTGRES_MEMBER = "database/verbund.dump"
FILES_PREFIX = "files"
# Tables `verbund migrate` fills by itself: a target with rows only there is empty.
FILLED_BY_MIGRATE = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass(frozen=True)
class MissingFile:
    storage: str
    name: str
    referenced_by: tuple[str, ...]


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    missing: list[MissingFile] = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    files: int
    verification: AuditVerification | None
    pending_migrations: list[str]


# --- reading what the database copy holds ---------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class FileColumn:
    label: str  # "cases.DocumentVersion.file"
    table: str
    pk: str
    column: str
    storage: str


def _storage_alias(storage: Any) -> str:
    """The ``STORAGES`` entry a field's storage is, by its location on disk."""
    location = getattr(storage, "location", None)
    if location is not None:
        for alias in settings.STORAGES:
            if alias == "staticfiles":
                continue
            configured = storages[alias]
            if isinstance(configured, FileSystemStorage) and os.path.abspath(
                configured.location
            ) == os.path.abspath(location):
                return alias
    raise BackupError(
        f"A file field uses a storage that is not a file system entry of STORAGES "
        f"({storage!r}); it cannot be backed up."
    )


def file_columns() -> list[FileColumn]:
    """Every ``FileField`` column of every installed model, each table once."""
    columns = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        for each in meta.local_concrete_fields:
            if isinstance(each, models.FileField):
                columns.append(
                    FileColumn(
                        label=f"{meta.label}.{each.name}",
                        table=meta.db_table,
                        pk=meta.pk.column,
                        column=each.column,
                        storage=_storage_alias(each.storage),
                    )
                )
    return columns


# The tables an SQLite full-text (FTS5) virtual table keeps its index in; they belong to
# the virtual table (copied and restored with it) and hold rows even when it is empty.
FTS5_SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config")


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        rows = cursor.fetchall()
        virtual = [
            name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
        ]
        shadows = {f"{name}_{suffix}" for name in virtual for suffix in FTS5_SHADOW_SUFFIXES}
        return sorted(name for name, _sql in rows if name not in shadows)
    else:
        cursor.execute(
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
        )
    return sorted(row[0] for row in cursor.fetchall())


def _describe(cursor: Any, vendor: str) -> dict[str, Any]:
    """Migrations, row counts, chain heads and file references as the cursor sees them."""
    tables = _tables(cursor, vendor)
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    heads = []
    chain_table = AuditChain._meta.db_table
    if chain_table in tables:
        cursor.execute(
            f"SELECT key, last_sequence, last_hash FROM {_quote(chain_table)} ORDER BY key"  # noqa: S608
        )
        heads = [
            {"chain": key, "last_sequence": int(sequence), "last_hash": digest}
            for key, sequence, digest in cursor.fetchall()
        ]
    references: dict[tuple[str, str], list[str]] = {}
    for each in file_columns():
        if each.table not in tables:
            continue
        cursor.execute(
            f"SELECT {_quote(each.pk)}, {_quote(each.column)} FROM {_quote(each.table)} "  # noqa: S608
            f"WHERE {_quote(each.column)} IS NOT NULL AND {_quote(each.column)} <> '' "
            f"ORDER BY {_quote(each.pk)}"
        )
        for pk, name in cursor.fetchall():
            references.setdefault((each.storage, name), []).append(f"{each.label}#{pk}")
    return {
        "tables": counts,
        "migrations": dict(sorted(migrations.items())),
        "audit_chains": heads,
        "references": references,
    }


# --- copying the database ---------------------------------------------------------------


def _sqlite_path() -> str:
    name = str(connection.settings_dict["NAME"] or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("The SQLite database is not a file; nothing to back up or restore.")
    return name


def _sqlite_copy(target: Path) -> dict[str, Any]:
    """A consistent copy of the configured SQLite database (the online backup API, so
    writers may go on), as one self-contained file; what it holds."""
    source = sqlite3.connect(_sqlite_path())
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            return _describe(copy.cursor(), "sqlite")
        finally:
            copy.close()
    finally:
        source.close()


def _postgres_env() -> dict[str, str]:
    """libpq's variables for the configured database: the password never on a command line."""
    conf = connection.settings_dict
    env = dict(os.environ)
    values = {
        "PGHOST": conf.get("HOST"),
        "PGPORT": conf.get("PORT"),
        "PGUSER": conf.get("USER"),
        "PGPASSWORD": conf.get("PASSWORD"),
        "PGDATABASE": conf.get("NAME"),
        "PGSSLMODE": (conf.get("OPTIONS") or {}).get("sslmode"),
    }
    for key, value in values.items():
        if value:
            env[key] = str(value)
        else:
            env.pop(key, None)
    return env


def _postgres_tool(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else "")
    if not found:
        raise BackupError(f"{name} not found; install the PostgreSQL client (postgresql-client).")
    return found


def _run(command: Sequence[str]) -> None:
    done = subprocess.run(  # noqa: S603
        list(command), env=_postgres_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _postgres_copy(target: Path) -> dict[str, Any]:
    """``pg_dump --format=custom`` of the snapshot this transaction sees, and what that
    snapshot holds: the references and the dump agree to the row."""
    pg_dump = _postgres_tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
        return _describe(cursor, "postgresql")


# --- the archive ------------------------------------------------------------------------


def _sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _open_for_writing(path: Path, raw: IO[bytes]) -> tarfile.TarFile:
    """gzip-compressed for a name ending in .gz or .tgz, a plain tar otherwise."""
    if path.name.endswith((".gz", ".tgz")):
        return tarfile.open(fileobj=raw, mode="w:gz")
    return tarfile.open(fileobj=raw, mode="w")


def _add(archive: tarfile.TarFile, arcname: str, source: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(arcname)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, source)


def _storage_path(alias: str, name: str) -> Path:
    storage = storages[alias]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(f"Storage {alias!r} is not on the file system.")
    try:
        return Path(storage.path(name))
    except SuspiciousFileOperation as error:
        raise BackupError(f"The file name {name!r} lies outside storage {alias!r}.") from error


def backup_create(path: Path) -> BackupResult:
    """Write the archive to ``path`` (replaced only once complete). Missing files are
    listed in the manifest and in the result; the archive is written anyway."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".verbund-backup-") as work:
        dump = Path(work) / "database"
        if vendor == "sqlite":
            member, described = SQLITE_MEMBER, _sqlite_copy(dump)
        else:
            member, described = POSTGRES_MEMBER, _postgres_copy(dump)
        partial = Path(work) / "archive"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        files: list[dict[str, Any]] = []
        missing: list[MissingFile] = []
        with os.fdopen(fd, "wb") as raw, _open_for_writing(path, raw) as tar:
            with dump.open("rb") as stream:
                database_sha, database_size = _sha256_of(stream)
                stream.seek(0)
                _add(tar, member, stream, database_size)
            for (alias, name), referenced_by in sorted(described["references"].items()):
                source = _storage_path(alias, name)
                try:
                    stream = source.open("rb")
                except FileNotFoundError:
                    missing.append(MissingFile(alias, name, tuple(referenced_by)))
                    continue
                with stream:
                    sha, size = _sha256_of(stream)
                    stream.seek(0)
                    _add(tar, f"{FILES_PREFIX}/{alias}/{name}", stream, size)
                files.append(
                    {
                        "storage": alias,
                        "name": name,
                        "size": size,
                        "sha256": sha,
                        "referenced_by": referenced_by,
                    }
                )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
                "database": {
                    "vendor": vendor,
                    "member": member,
                    "size": database_size,
                    "sha256": database_sha,
                },
                "migrations": described["migrations"],
                "tables": described["tables"],
                "audit_chains": described["audit_chains"],
                "files": files,
                "missing_files": [
                    {"storage": m.storage, "name": m.name, "referenced_by": list(m.referenced_by)}
                    for m in missing
                ],
            }
            encoded = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            _add(tar, MANIFEST, io.BytesIO(encoded), len(encoded))
        os.replace(partial, path)
    return BackupResult(path=path, manifest=manifest, missing=missing)


# --- restore ----------------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        stream = tar.extractfile(member)
    except KeyError:
        stream = None
    if stream is None:
        raise BackupError("Not a Verbund backup: the archive has no manifest.json.")
    try:
        manifest = json.loads(stream.read())
    except ValueError as error:
        raise BackupError(f"The manifest is not valid JSON: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Not a Verbund backup: the manifest names another format.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {manifest.get('format_version')!r} is not supported "
            f"(this version reads {FORMAT_VERSION})."
        )
    return manifest


def _safe_name(name: str) -> str:
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts:
        raise BackupError(f"The archive names a file outside its storage: {name!r}.")
    return name


def _known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def _pending(manifest: dict[str, Any]) -> list[str]:
    """The code's migrations the backup has not applied; refuses a backup that applied
    migrations the code does not know (made by a newer version)."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    known = _known_migrations()
    unknown = sorted(applied - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"The backup was made by a newer version of Verbund (migrations unknown here: "
            f"{listed}). Install that version first."
        )
    return sorted(f"{app}.{name}" for app, name in known - applied)


def target_contents() -> tuple[list[str], list[str]]:
    """Tables of the configured database with rows (beyond what `migrate` writes) and
    the storages that hold files: what a restore would overwrite."""
    with connection.cursor() as cursor:
        tables = []
        for table in _tables(cursor, connection.vendor):
            if table in FILLED_BY_MIGRATE:
                continue
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                tables.append(table)
    stores = []
    for alias in sorted({column.storage for column in file_columns()}):
        root = Path(_storage_location(alias))
        if root.is_dir() and any(p.is_file() for p in root.rglob("*")):
            stores.append(f"{alias} ({root})")
    return tables, stores


def _storage_location(alias: str) -> str:
    storage = storages[alias]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(f"Storage {alias!r} is not on the file system.")
    return str(storage.location)


@contextmanager
def _open_archive(path: Path) -> Iterator[tarfile.TarFile]:
    if not path.is_file():
        raise BackupError(f"No such backup: {path}.")
    try:
        tar = tarfile.open(path, mode="r:*")  # noqa: SIM115  (closed below)
    except tarfile.TarError as error:
        raise BackupError(f"{path} is not a readable tar archive: {error}.") from error
    with tar:
        yield tar


def _extract_checked(
    tar: tarfile.TarFile, member_name: str, target: Path, size: int, sha256: str
) -> None:
    try:
        member = tar.getmember(member_name)
    except KeyError:
        raise BackupError(f"The archive lacks {member_name}.") from None
    stream = tar.extractfile(member) if member.isfile() else None
    if stream is None:
        raise BackupError(f"{member_name} in the archive is not a regular file.")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    written = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            written += len(chunk)
            out.write(chunk)
    if written != size or digest.hexdigest() != sha256:
        raise BackupError(
            f"{member_name} does not match the manifest (SHA-256 or size differs): the "
            f"archive is damaged or was altered. Nothing was restored."
        )


def _restore_sqlite(copy: Path) -> None:
    connections.close_all()
    source = sqlite3.connect(copy)
    try:
        target = sqlite3.connect(_sqlite_path())
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _restore_postgres(dump: Path) -> None:
    pg_restore = _postgres_tool("pg_restore")
    connections.close_all()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )


def _place_file(staged: Path, alias: str, name: str) -> None:
    destination = _storage_path(alias, name)
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.replace(staged, destination)
    except OSError:  # another file system
        shutil.copyfile(staged, destination)
        os.chmod(destination, 0o600)


def backup_restore(
    path: Path, *, force: bool = False, say: Callable[[str], None] = lambda _: None
) -> RestoreResult:
    """Check the archive completely, then replace the configured database and put the
    files in place; then verify the audit trail. Refuses a target with data unless
    ``force``; nothing is changed before every check has passed."""
    with _open_archive(path.resolve()) as tar:
        manifest = _read_manifest(tar)
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(
                f"The backup holds a {database['vendor']} database; the configured one is "
                f"{connection.vendor}. Restore it into a {database['vendor']} database."
            )
        pending = _pending(manifest)
        entries = [
            (str(entry["storage"]), _safe_name(str(entry["name"])), entry)
            for entry in manifest["files"]
        ]
        for alias in {alias for alias, _, _ in entries}:
            if alias not in settings.STORAGES:
                raise BackupError(f"The backup holds files of storage {alias!r}, unknown here.")
        if not force:
            tables, stores = target_contents()
            if tables or stores:
                what = []
                if tables:
                    what.append(f"the database has data ({', '.join(tables[:5])} …)")
                if stores:
                    what.append(f"files exist in {', '.join(stores)}")
                raise BackupError(
                    f"Refusing to restore: {' and '.join(what)}. Restore into an empty "
                    f"database and empty storage, or pass --force to replace them."
                )
        staging_root = Path(_storage_location("private")).parent
        staging_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=staging_root, prefix=".verbund-restore-") as work:
            staged_db = Path(work) / "database"
            _extract_checked(
                tar, database["member"], staged_db, database["size"], database["sha256"]
            )
            staged = []
            for number, (alias, name, entry) in enumerate(entries):
                target = Path(work) / "files" / str(number)
                _extract_checked(
                    tar, f"{FILES_PREFIX}/{alias}/{name}", target, entry["size"], entry["sha256"]
                )
                staged.append((target, alias, name))
            say(f"Archive checked: database and {len(staged)} files match the manifest.")
            if connection.vendor == "sqlite":
                _restore_sqlite(staged_db)
            else:
                _restore_postgres(staged_db)
            say("Database restored.")
            for target, alias, name in staged:
                _place_file(target, alias, name)
            say(f"{len(staged)} files restored.")
    connections.close_all()
    if pending:
        return RestoreResult(manifest, len(staged), None, pending)
    _check_counts(manifest)
    return RestoreResult(manifest, len(staged), audit_verify(), pending)


def _check_counts(manifest: dict[str, Any]) -> None:
    with connection.cursor() as cursor:
        restored = _describe(cursor, connection.vendor)["tables"]
    differ = sorted(
        table for table, count in manifest["tables"].items() if restored.get(table) != count
    )
    if differ:
        raise BackupError(
            f"Row counts after the restore differ from the manifest in: {', '.join(differ)}."
        )
