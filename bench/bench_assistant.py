"""The citizen assistant: answer latency under concurrent clients, and model memory.

    .venv/bin/python bench/bench_assistant.py [--clients 8] [--workers 2] [--seconds 20]
                                              [--repeat 3] [--no-postgres]

For each backend (SQLite, then PostgreSQL unless ``--no-postgres``) the script
creates a fresh database with the demo (register excerpt and catalogue), builds
the assistant's passage vectors ahead (``verbund assistant-reindex``), starts
``gunicorn verbund.wsgi`` with ``--workers`` sync workers (one OpenMP thread
each) and lets ``--clients`` client processes post the questions of
``tests/assistant/questions.tsv`` to ``POST /api/v1/assistant`` in a loop, half
of them with a place (every answer card then resolves the responsible office).
Each answer is retrieval, decision, cards, the outcome counted in the database,
and for a question without an answer the anonymised text stored. Reports
questions/s and p50/p95/p99/max latency measured by the clients (the run with
the median p95 of ``--repeat`` runs), the resident memory of each worker, and
separately the memory the model and index add to one process.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_places as common

ROOT = common.ROOT
QUESTIONS = ROOT / "tests" / "assistant" / "questions.tsv"
POSTGRES_DB = "verbund_bench_assistant"
PLACES = ("Merzenich", "Jülich", "52428", "Olpe", "Höchberg", "Kerpen")


def _bodies() -> list[bytes]:
    bodies = []
    for number, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines()[1:]):
        if not line.strip() or line.startswith("#") or line.startswith("question\t"):
            continue
        question = line.split("\t")[0]
        place = PLACES[number % len(PLACES)] if number % 2 else ""
        bodies.append(json.dumps({"question": question, "place": place}).encode())
    return bodies


def _client(
    port: int,
    seconds: float,
    offset: int,
    bodies: list[bytes],
    queue: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    errors = 0
    index = offset
    end = time.perf_counter() + seconds
    headers = {"Content-Type": "application/json"}
    while time.perf_counter() < end:
        body = bodies[index % len(bodies)]
        index += 1
        start = time.perf_counter()
        connection.request("POST", "/api/v1/assistant", body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200 or b'"outcome"' not in data:
            errors += 1
    queue.put((latencies, errors))


def _load(port: int, clients: int, seconds: float, bodies: list[bytes]) -> dict[str, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    processes = [
        multiprocessing.Process(
            target=_client, args=(port, seconds, i * len(bodies) // clients, bodies, queue)
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
        raise RuntimeError(f"{errors} answers were not 200 with an outcome")

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


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


MEMORY_PROBE = """
import os, django, json
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
django.setup()
from verbund.catalogue.index import routing_index
routing_index()
before = rss()
from verbund.assistant.index import assistant_index
from verbund.assistant.services import assistant_ask
index = assistant_index()
assistant_ask(question="Mein Perso läuft ab", place="Merzenich", record=False)
print(json.dumps({"before_mb": before, "after_mb": rss(), "passages": index.matrix.shape[0],
                  "services": len(index.services)}))
"""


def _memory(database_url: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        env={**common._env(database_url), "OMP_NUM_THREADS": "1"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def _bench(database_url: str, args: argparse.Namespace) -> dict[str, object]:
    common._verbund(database_url, "migrate", "--no-input", "-v", "0")
    common._verbund(database_url, "load_demo")
    common._verbund(database_url, "assistant_reindex")
    memory = _memory(database_url)
    bodies = _bodies()
    port = common._free_port()
    env = {
        **common._env(database_url),
        "OMP_NUM_THREADS": "1",
        # The bench's clients share one address; the per-address limit would stop them
        # (it is still counted on every question, as in production).
        "VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE": "1000000",
    }
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
        common._wait_for(port)
        _load(port, args.clients, 3, bodies)  # warm-up: each worker loads model and index
        runs = sorted(
            (_load(port, args.clients, args.seconds, bodies) for _ in range(args.repeat)),
            key=lambda figures: figures["p95"],
        )
        workers = [round(_rss_mb(pid), 1) for pid in _children(server.pid)]
        return {
            "questions": len(bodies),
            **runs[len(runs) // 2],
            "p95_min": runs[0]["p95"],
            "p95_max": runs[-1]["p95"],
            "worker_rss_mb": workers,
            **memory,
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
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(f"{args.clients} clients, {args.workers} workers, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        backends = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.no_postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            backends.append(("PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            for name, url in backends:
                f = _bench(url, args)
                print(
                    f"{name:<10} {f['requests']:>6.0f} questions  {f['rps']:5.1f} q/s  "
                    f"p50 {f['p50']:5.1f} ms  p95 {f['p95']:5.1f} ms "
                    f"({f['p95_min']:.1f}–{f['p95_max']:.1f})  p99 {f['p99']:5.1f} ms  "
                    f"max {f['max']:6.1f} ms  workers {f['worker_rss_mb']} MB  "
                    f"model+index +{f['after_mb'] - f['before_mb']:.0f} MB"  # type: ignore[operator]
                )
                print(json.dumps({"backend": name, **f}))
        finally:
            if not args.no_postgres:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


if __name__ == "__main__":
    main()
