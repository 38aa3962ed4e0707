"""Latency of ``GET /api/v1/places?q=`` under concurrent clients against gunicorn.

    .venv/bin/python bench/bench_places.py [--clients 8] [--workers 2] [--seconds 20]
                                           [--repeat 3] [--register PATH] [--no-postgres]

For each backend (SQLite, then PostgreSQL unless ``--no-postgres``) the script
creates a fresh database, imports the full GV100AD register (the demo excerpt
when ../shared is absent) and runs three scenarios, each against a fresh
``gunicorn verbund.wsgi`` with the given number of sync workers: "fixed" (24
typical queries, answered from the cache after the first time), "typing"
(thousands of name prefixes as citizens type them, many cache misses) and
"uncached" (the typing mix with ``VERBUND_PLACES_CACHE_SECONDS=0``). After a
warm-up, ``--clients`` client processes request their mix in a loop for
``--seconds``, ``--repeat`` times; the run with the median p95 is reported,
with the range of p95 over all runs. Every response must be 200 with a ``count``; the script
prints requests/s and p50/p95/p99/max latency measured by the clients.
Client processes run on the same machine as the server and share its cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

# One random key per run: every process of the run signs alike, and no fixed key exists.
SECRET_KEY = secrets.token_urlsafe(50)

ROOT = Path(__file__).resolve().parents[1]
FULL_REGISTER = ROOT.parent / "shared" / "data" / "destatis" / "GV100AD_31082025.txt"
DEMO_REGISTER = ROOT / "src" / "verbund" / "authorities" / "fixtures" / "gv100ad_demo.txt"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DB = "verbund_bench_places"

# Fixed queries: short and long name prefixes, umlauts left out, postcodes and
# keys. One-letter prefixes match hundreds of rows.
FIXED_QUERIES = [
    "m", "me", "merz", "merzenich", "julich", "Jülich", "koln", "Köln", "ber", "berlin",
    "frankfurt", "munchen", "bad", "neu", "sch", "a", "wurzburg", "olpe", "sieg", "52399",
    "97", "053", "09679", "hochsauerland",
]  # fmt: skip
TYPING_EVERY = 7  # every 7th Gemeinde of the register is "typed"


def typing_queries(register: Path) -> list[str]:
    """What citizens type letter by letter: every prefix (2+ letters) of every
    ``TYPING_EVERY``-th Gemeinde name, in the register's order, shuffled with a
    fixed seed. Thousands of distinct queries, so many miss the cache."""
    import random

    names = []
    with register.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines):
            if line.startswith("60") and number % TYPING_EVERY == 0:
                names.append(line[22:72].split(",")[0].strip())
    queries = [name[:end] for name in names for end in range(2, len(name) + 1)]
    random.Random(2026).shuffle(queries)
    return queries


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
        "VERBUND_SECRET_KEY": SECRET_KEY,
        "VERBUND_DATABASE_URL": database_url,
        "VERBUND_LOG_LEVEL": "ERROR",
    }


def _verbund(database_url: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "verbund", *args],
        env=_env(database_url),
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/places?q=a")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def _client(
    port: int,
    seconds: float,
    offset: int,
    paths: list[str],
    queue: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    """One client: a keep-alive connection, requests in a loop, latencies in ms."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies: list[float] = []
    errors = 0
    index = offset
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        path = paths[index % len(paths)]
        index += 1
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200 or b'"count"' not in body:
            errors += 1
        latencies.append(elapsed)
    queue.put((latencies, errors))


def _load(port: int, clients: int, seconds: float, queries: list[str]) -> dict[str, float]:
    paths = [f"/api/v1/places?{urllib.parse.urlencode({'q': q})}" for q in queries]
    return _load_paths(port, clients, seconds, paths)


def _load_paths(port: int, clients: int, seconds: float, paths: list[str]) -> dict[str, float]:
    """``clients`` processes request ``paths`` in a loop (each from its own offset)."""
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    processes = [
        multiprocessing.Process(
            target=_client, args=(port, seconds, i * len(paths) // clients, paths, queue)
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    wall = time.perf_counter() - started
    for process in processes:
        process.join()
    latencies = sorted(value for lat, _errors in results for value in lat)
    errors = sum(errors for _lat, errors in results)
    if errors:
        raise RuntimeError(f"{errors} responses were not 200 with a count")

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies),
        "p95": percentile(95),
        "p99": percentile(99),
        "max": latencies[-1],
    }


SCENARIOS = ("fixed", "typing", "uncached")


def _bench(database_url: str, register: Path, args: argparse.Namespace) -> dict[str, dict]:  # type: ignore[type-arg]
    """One gunicorn per scenario: the fixed mix and the typing mix with the
    answer cache, and the typing mix without it (every answer from the database)."""
    _verbund(database_url, "migrate", "--no-input", "-v", "0")
    _verbund(database_url, "import_gv100ad", str(register))
    typing = typing_queries(register)
    results = {}
    for scenario in SCENARIOS:
        queries = FIXED_QUERIES if scenario == "fixed" else typing
        env = _env(database_url)
        if scenario == "uncached":
            env["VERBUND_PLACES_CACHE_SECONDS"] = "0"
        port = _free_port()
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
            env=env,
            cwd=ROOT,
        )
        try:
            _wait_for(port)
            _load(port, args.clients, 2, FIXED_QUERIES)  # warm-up: connections, bytecode
            # The machine's speed varies from minute to minute: repeat and take the
            # run with the median p95, and report the range of p95 over the runs.
            runs = sorted(
                (_load(port, args.clients, args.seconds, queries) for _ in range(args.repeat)),
                key=lambda figures: figures["p95"],
            )
            results[scenario] = {
                "distinct_queries": len(set(queries)),
                **runs[len(runs) // 2],
                "p95_min": runs[0]["p95"],
                "p95_max": runs[-1]["p95"],
            }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    return results


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (median p95)")
    parser.add_argument("--register", type=Path)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    register = args.register or (FULL_REGISTER if FULL_REGISTER.is_file() else DEMO_REGISTER)
    print(f"register: {register.name}; {args.clients} clients, {args.workers} workers")

    backends: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        backends.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
        if not args.no_postgres:
            _postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            _postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            backends.append(("PostgreSQL", f"{POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            for name, url in backends:
                for scenario, figures in _bench(url, register, args).items():
                    print(
                        f"{name:<10} {scenario:<9} {figures['distinct_queries']:>5} queries "
                        f"{figures['requests']:>7.0f} requests  "
                        f"{figures['rps']:5.0f} req/s  p50 {figures['p50']:5.1f} ms  "
                        f"p95 {figures['p95']:5.1f} ms "
                        f"({figures['p95_min']:.1f}–{figures['p95_max']:.1f})  "
                        f"p99 {figures['p99']:5.1f} ms  "
                        f"max {figures['max']:6.1f} ms"
                    )
                    print(json.dumps({"backend": name, "scenario": scenario, **figures}))
        finally:
            if not args.no_postgres:
                _postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


if __name__ == "__main__":
    main()
