"""The embedded SQLite database and its -wal and -shm files are readable by the service
user only (mode 0600): a fresh database as the real settings create it, and an older
one with looser modes whenever a connection opens (verbund.core.sqlite)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db.utils import ConnectionHandler

# Runs in a process of its own with the real settings: opens the database, writes in
# WAL mode and reports the modes while the connection (and so -wal and -shm) is open.
WRITE_AND_REPORT = """
import json, os, stat, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x integer)")
    cursor.execute("INSERT INTO t VALUES (1)")
    journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
name = connection.settings_dict["NAME"]
modes = {
    suffix: oct(stat.S_IMODE(os.stat(str(name) + suffix).st_mode))
    for suffix in ("", "-wal", "-shm")
    if os.path.exists(str(name) + suffix)
}
print(json.dumps({"journal": journal, "modes": modes}))
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_database_and_its_wal_files_are_private(tmp_path: Path) -> None:
    database = tmp_path / "frisch.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", WRITE_AND_REPORT],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "verbund.settings",
            "VERBUND_SECRET_KEY": "subprocess-test-key-" + os.urandom(16).hex(),
            "VERBUND_DATABASE_URL": f"sqlite:///{database}",
            "VERBUND_DATA_DIR": str(tmp_path),
        },
        # The usual umask, which would make every new file readable by all (0644).
        umask=0o022,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"journal": "wal", "modes": {"": "0o600", "-wal": "0o600", "-shm": "0o600"}}
    assert _mode(database) == 0o600


def test_an_older_database_is_made_private_when_it_is_opened(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    database = tmp_path / "alt.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        path.write_bytes(b"")
        path.chmod(0o644)
    # The options of settings.py for SQLite (WAL), whatever database the tests run on.
    wrapper = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(database),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
            }
        }
    )["default"]
    with django_db_blocker.unblock():
        try:
            wrapper.connect()
            with wrapper.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x integer)")
                cursor.execute("INSERT INTO t VALUES (1)")
            modes = {
                suffix: _mode(Path(f"{database}{suffix}"))
                for suffix in ("", "-wal", "-shm")
                if Path(f"{database}{suffix}").exists()
            }
        finally:
            wrapper.close()
    assert modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
