"""Responsibility resolutions per second, in process: every Gemeinde × every service.

    .venv/bin/python bench/bench_resolution.py [--register PATH] [--repeat 5]

Creates a fresh SQLite database, imports the full GV100AD register (the demo
excerpt when ../shared is absent) and the demo catalogue (`verbund load-demo`),
builds the routing index once and then resolves every current Gemeinde against
every published service, ``--repeat`` times; it reports the median rate and the
range. The time to build the index (what a worker pays after a write) is
reported separately, with the memory the index holds. Every resolution is
checked to name a responsible authority.
"""

from __future__ import annotations

import argparse
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
FULL_REGISTER = ROOT.parent / "shared" / "data" / "destatis" / "GV100AD_31082025.txt"
DEMO_REGISTER = ROOT / "src" / "verbund" / "authorities" / "fixtures" / "gv100ad_demo.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--register", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    register = args.register or (FULL_REGISTER if FULL_REGISTER.is_file() else DEMO_REGISTER)
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "verbund.settings",
            "VERBUND_SECRET_KEY": SECRET_KEY,
            "VERBUND_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "VERBUND_LOG_LEVEL": "ERROR",
        }
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["import_gv100ad", str(register)],
            ["load_demo"],
        ):
            subprocess.run(
                [sys.executable, "-m", "verbund", *command],
                env=env,
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        os.environ.update(env)
        import django

        django.setup()
        import tracemalloc

        from verbund.catalogue.index import routing_index, routing_index_reset

        tracemalloc.start()
        started = time.perf_counter()
        index = routing_index()
        build_ms = (time.perf_counter() - started) * 1000
        index_mb = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        places = list(index.gemeinden.values())
        services = list(index.services.values())
        rates = []
        for _ in range(args.repeat):
            resolve = index.resolve
            started = time.perf_counter()
            count = 0
            for service in services:
                for place in places:
                    if resolve(service, place).responsible is None:
                        raise RuntimeError("no responsible authority")
                    count += 1
            rates.append(count / (time.perf_counter() - started))
        builds = []
        for _ in range(args.repeat):
            routing_index_reset()
            started = time.perf_counter()
            routing_index()
            builds.append((time.perf_counter() - started) * 1000)
        print(
            f"register: {register.name}; {len(places)} Gemeinden × {len(services)} services "
            f"= {len(places) * len(services)} resolutions per run, {args.repeat} runs"
        )
        print(
            f"resolutions/s: median {statistics.median(rates):,.0f} "
            f"(range {min(rates):,.0f}–{max(rates):,.0f})"
        )
        print(
            f"index build: first {build_ms:.0f} ms (under tracemalloc), then median "
            f"{statistics.median(builds):.0f} ms; index memory {index_mb:.1f} MB"
        )


if __name__ == "__main__":
    main()
