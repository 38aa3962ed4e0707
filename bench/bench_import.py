"""Time `register_import` of the full GV100AD file on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_import.py [--runs 3] [--register PATH] [--no-postgres]

Each run gets a fresh, migrated database (SQLite: a new file in a temporary
directory; PostgreSQL: ``verbund_bench`` dropped and created again) and a
fresh Python process, because the database is chosen when the settings are
imported. Only the import itself is timed, three times per run: into the
empty database ("fresh"), the same file again ("reimport", every row
unchanged) and a synthetic newer register with every Gemeinde's population
one higher ("update-all", the worst case: every row but the Regions updated).
Prints median and minimum.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# One random key per run: every process of the run signs alike, and no fixed key exists.
SECRET_KEY = secrets.token_urlsafe(50)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REGISTER = ROOT.parent / "shared" / "data" / "destatis" / "GV100AD_31082025.txt"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DB = "verbund_bench"


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
        "VERBUND_SECRET_KEY": SECRET_KEY,
        "VERBUND_DATABASE_URL": database_url,
    }


def _migrate(database_url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "verbund", "migrate", "--no-input", "-v", "0"],
        env=_env(database_url),
        check=True,
        cwd=ROOT,
    )


def _timed_run(database_url: str, register: Path) -> dict[str, float]:
    _migrate(database_url)
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(register)],
        env=_env(database_url),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def _child(register: Path) -> None:
    """Runs inside the fresh process: import twice, print the timings as JSON."""
    import django

    django.setup()
    from verbund.authorities.models import Authority
    from verbund.authorities.services import register_import

    start = time.perf_counter()
    first = register_import(path_or_stream=register, source_name=register.name)
    fresh = time.perf_counter() - start
    start = time.perf_counter()
    again = register_import(path_or_stream=register, source_name=register.name)
    reimport = time.perf_counter() - start
    assert first.created == Authority.objects.count() == again.unchanged

    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        newer = Path(tmp) / "newer.txt"
        newer.write_text(_all_changed(register), encoding="utf-8")
        start = time.perf_counter()
        changed = register_import(path_or_stream=newer, source_name=newer.name)
        update_all = time.perf_counter() - start
    assert changed.created == 0
    assert changed.updated > 0.99 * first.created
    print(
        json.dumps(
            {
                "fresh": fresh,
                "reimport": reimport,
                "update-all": update_all,
                "rows": first.created,
            }
        )
    )


def _all_changed(register: Path) -> str:
    """The register as of 01.01.2100 with every Gemeinde's population raised by one."""
    lines = []
    for line in register.read_text(encoding="utf-8-sig").split("\n"):
        if not line:
            continue
        line = line[:2] + "21000101" + line[10:]
        if line.startswith("60"):
            population = int(line[139:150]) + 1
            line = f"{line[:139]}{population:011d}{line[150:]}"
        lines.append(line + "\n")
    return "".join(lines)


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _report(label: str, runs: list[dict[str, float]]) -> None:
    for key in ("fresh", "reimport", "update-all"):
        values = [run[key] for run in runs]
        print(
            f"{label:<10} {key:<10} median {statistics.median(values):6.2f} s   "
            f"min {min(values):6.2f} s   runs: {', '.join(f'{v:.2f}' for v in values)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--register", type=Path, default=DEFAULT_REGISTER)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.child)
        return
    register: Path = options.register
    if not register.is_file():
        sys.exit(f"register not found: {register}")

    sqlite_runs = []
    for _run in range(options.runs):
        with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
            sqlite_runs.append(_timed_run(f"sqlite:///{tmp}/bench.sqlite3", register))
    rows = int(sqlite_runs[0]["rows"])
    print(f"GV100AD import of {register.name}: {rows} rows, {options.runs} runs each")
    _report("SQLite", sqlite_runs)

    if options.no_postgres:
        return
    postgres_runs = []
    try:
        for _run in range(options.runs):
            _postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            _postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            postgres_runs.append(_timed_run(f"{POSTGRES_SERVER}/{POSTGRES_DB}", register))
    finally:
        _postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    _report("PostgreSQL", postgres_runs)


if __name__ == "__main__":
    main()
