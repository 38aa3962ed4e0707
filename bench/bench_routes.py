"""Latency of ``GET /api/v1/routes`` under concurrent clients against gunicorn.

    .venv/bin/python bench/bench_routes.py [--clients 8] [--workers 2] [--seconds 20]
                                           [--repeat 3] [--register PATH] [--no-postgres]

For each backend (SQLite, then PostgreSQL unless ``--no-postgres``) the script
creates a fresh database, imports the full GV100AD register (the demo excerpt
when ../shared is absent) and the demo catalogue, starts ``gunicorn
verbund.wsgi`` with ``--workers`` sync workers and lets ``--clients`` client
processes ask for the routes of every demo service in every ``ROUTE_EVERY``-th
Gemeinde (by ARS, and every fifth by AGS) in a loop. Routes are not cached as
whole answers: each request reads the generation counters and resolves in the
worker's routing index. Reports requests/s and p50/p95/p99/max measured by the
clients; the run with the median p95 of ``--repeat`` runs, with the p95 range.
Client processes run on the same machine as the server and share its cores.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

import bench_places as common

ROOT = common.ROOT
POSTGRES_DB = "verbund_bench_routes"
ROUTE_EVERY = 5


def _paths(register: Path, keys: list[str]) -> list[str]:
    places = []
    with register.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines):
            if line.startswith("60") and number % ROUTE_EVERY == 0:
                raw = line[10:22]
                ars = raw[:5] + raw[8:12] + raw[5:8]  # GV100AD: Gemeinde 16–18, Verband 19–22
                places.append((ars, raw[:5] + raw[5:8]))
    paths = []
    for number, (ars, ags) in enumerate(places):
        for key in keys:
            param = "leikaKey" if key.isdigit() else "service"
            area = {"ags": ags} if number % 5 == 0 else {"ars": ars}
            paths.append(f"/api/v1/routes?{urllib.parse.urlencode({param: key, **area})}")
    random.Random(2026).shuffle(paths)
    return paths


def _service_keys(database_url: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "verbund", "export_catalogue"],
        env=common._env(database_url),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    keys = []
    for entry in json.loads(out)["leistung"]:
        leika = entry["referenzLeiKa"]
        keys.append(leika[0]["code"] if leika else entry["id"]["value"])
    return keys


def _bench(database_url: str, register: Path, args: argparse.Namespace) -> dict[str, float]:
    common._verbund(database_url, "migrate", "--no-input", "-v", "0")
    common._verbund(database_url, "import_gv100ad", str(register))
    common._verbund(database_url, "load_demo")
    paths = _paths(register, _service_keys(database_url))
    port = common._free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "verbund.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=common._env(database_url),
        cwd=ROOT,
    )
    try:
        common._wait_for(port)
        # Warm-up: connections, bytecode and each worker's routing index.
        common._load_paths(port, args.clients, 2, paths)
        # Every answer must be 200 with a "count" (the client checks both).
        runs = sorted(
            (
                common._load_paths(port, args.clients, args.seconds, paths)
                for _ in range(args.repeat)
            ),
            key=lambda figures: figures["p95"],
        )
        return {
            "distinct_requests": len(set(paths)),
            **runs[len(runs) // 2],
            "p95_min": runs[0]["p95"],
            "p95_max": runs[-1]["p95"],
        }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--register", type=Path)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    register = args.register or (
        common.FULL_REGISTER if common.FULL_REGISTER.is_file() else common.DEMO_REGISTER
    )
    print(f"register: {register.name}; {args.clients} clients, {args.workers} workers")
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        backends = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.no_postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            backends.append(("PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            for name, url in backends:
                figures = _bench(url, register, args)
                print(
                    f"{name:<10} {figures['distinct_requests']:>6} distinct requests "
                    f"{figures['requests']:>7.0f} requests  {figures['rps']:5.0f} req/s  "
                    f"p50 {figures['p50']:5.1f} ms  p95 {figures['p95']:5.1f} ms "
                    f"({figures['p95_min']:.1f}–{figures['p95_max']:.1f})  "
                    f"p99 {figures['p99']:5.1f} ms  max {figures['max']:6.1f} ms"
                )
                print(json.dumps({"backend": name, **figures}))
        finally:
            if not args.no_postgres:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


if __name__ == "__main__":
    main()
