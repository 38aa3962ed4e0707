"""The embedded SQLite database is readable by the service user only.

The database holds personal data (applications, case files, TOTP secrets), so its
file and the two SQLite keeps beside it in WAL mode (``-wal``, ``-shm``) get mode
0600. ``settings.py`` creates a new database file with that mode before the first
connection, and SQLite gives the ``-wal`` and ``-shm`` files the mode of the
database file. For a database created before, :func:`restrict_database_files`
takes group and other rights away whenever a connection opens.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

PRIVATE = 0o600
# The database file and what SQLite keeps beside it (WAL mode, or a rollback journal).
SUFFIXES = ("", "-wal", "-shm", "-journal")


def database_path(connection: BaseDatabaseWrapper) -> Path | None:
    """The file of an SQLite connection; ``None`` for other databases and in-memory ones."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def restrict_database_files(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created``: mode 0600 for the database file and its companions where
    group or others may access them."""
    path = database_path(connection)
    if path is None:
        return
    for suffix in SUFFIXES:
        companion = path.with_name(path.name + suffix)
        try:
            mode = stat.S_IMODE(companion.stat().st_mode)
            if mode & 0o077:
                companion.chmod(mode & PRIVATE)
        except FileNotFoundError:
            continue
