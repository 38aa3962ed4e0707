"""The 17,500 € test's figure over a big register (issue #18: 300 members × 200 revenue
streams, the group totals under 200 ms), in process.

    .venv/bin/python bench/bench_vat.py [--members 300] [--streams 200] [--rounds 30]
        [--database postgres://postgres@127.0.0.1:5432/bench_vat]

A fresh SQLite database in a temporary directory, or ``--database`` (an empty
database the script migrates and fills), no register needed:
``--members`` Gemeinden, each with 20 groups of similar activities and ``--streams``
revenue streams (every fifth without a group, so it forms its own), each with the
forecast and actual of two years: 300 × 200 = 60,000 streams and 120,000 amounts by
default. The rows are bulk-inserted (the services would take minutes and measure
nothing of the figure). Timed: ``selectors.group_totals`` for all members and one year
(one ``GROUP BY``; p50/p95/max over ``--rounds``), the same for one member, and one
member's ``register_of`` (the register page's reads). Prints the figures as JSON and
checks the totals against a sum in Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import bench_inbox as inbox
import bench_places as common

GOAL_MS = 200.0
YEAR = 2027
GROUPS = 20


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def _fill(members: int, streams: int) -> tuple[list[int], dict[tuple[int, str], Decimal]]:
    from django.db import connection, transaction

    from verbund.authorities.models import Authority
    from verbund.vat.models import ActivityGroup, RevenueStream, StreamAmount, group_key

    expected: dict[tuple[int, str], Decimal] = {}
    with transaction.atomic():
        Authority.objects.bulk_create(
            Authority(
                ars=f"0999{n:08d}",
                ags=f"0999{n:04d}",
                kind="gemeinde",
                name=f"Benchgemeinde {n}",
                search_name=f"benchgemeinde {n}",
                gebietsstand=dt.date(2025, 8, 31),
            )
            for n in range(members)
        )
        ids = list(
            Authority.objects.filter(ars__startswith="0999")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ActivityGroup.objects.bulk_create(
            ActivityGroup(authority_id=aid, name=f"Gruppe {g}")
            for aid in ids
            for g in range(GROUPS)
        )
        groups: dict[int, list[int]] = {}
        for gid, aid in ActivityGroup.objects.order_by("pk").values_list("pk", "authority_id"):
            groups.setdefault(aid, []).append(gid)
        RevenueStream.objects.bulk_create(
            (
                RevenueStream(
                    authority_id=aid,
                    title=f"Einnahme {s}",
                    legal_form="public_law" if s % 3 else "private_law",
                    legal_basis=f"Satzung {s}",
                    counterparty="private",
                    group_id=None if s % 5 == 0 else groups[aid][s % GROUPS],
                )
                for aid in ids
                for s in range(streams)
            ),
            batch_size=5000,
        )
        rows = list(RevenueStream.objects.values_list("pk", "authority_id", "group_id"))
        amounts = []
        for number, (sid, aid, gid) in enumerate(rows):
            for year in (YEAR - 1, YEAR):
                forecast = Decimal(100 + (number * 37 + year) % 9000) + Decimal("0.25")
                amounts.append(
                    StreamAmount(
                        stream_id=sid,
                        authority_id=aid,
                        year=year,
                        forecast=forecast,
                        actual=forecast - 1,
                    )
                )
                if year == YEAR:
                    key = (aid, group_key(gid, sid))
                    expected[key] = expected.get(key, Decimal(0)) + forecast
        StreamAmount.objects.bulk_create(amounts, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return ids, expected


def measure(members: int, streams: int, rounds: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verbund.vat import selectors

    started = time.perf_counter()
    ids, expected = _fill(members, streams)
    out: dict[str, Any] = {
        "members": members,
        "streams": members * streams,
        "amounts": members * streams * 2,
        "fill_s": round(time.perf_counter() - started, 1),
    }
    with CaptureQueriesContext(connection) as queries:
        totals = selectors.group_totals(ids, YEAR)
    assert len(queries) == 1, len(queries)
    assert totals == expected, "group totals differ from the sum in Python"
    out["groups"] = len(totals)
    out["groups_over_17500"] = sum(1 for v in totals.values() if v > Decimal("17500"))
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        selectors.group_totals(ids, YEAR)
        timings.append(time.perf_counter() - start)
    out["group_totals_all_members"] = _stats(timings)
    timings = []
    for number in range(rounds):
        start = time.perf_counter()
        selectors.group_totals([ids[number % len(ids)]], YEAR)
        timings.append(time.perf_counter() - start)
    out["group_totals_one_member"] = _stats(timings)
    timings = []
    for number in range(rounds):
        start = time.perf_counter()
        selectors.register_of(ids[number % len(ids)], YEAR)
        timings.append(time.perf_counter() - start)
    out["register_of_one_member"] = _stats(timings)
    out["goal_ms"] = GOAL_MS
    out["reached"] = out["group_totals_all_members"]["p95_ms"] < GOAL_MS
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", default="", help="an empty database URL (PostgreSQL)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
        import django

        django.setup()
        result = measure(args.members, args.streams, args.rounds)
        Path(args.out).write_text(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = args.database or f"sqlite:///{tmp / 'bench.sqlite3'}"
        env = inbox._env(url, str(tmp / "data"))
        inbox._run(env, "-m", "verbund", "migrate", "--no-input", "-v", "0")
        out = tmp / "vat.json"
        inbox._run(
            env,
            __file__,
            "--child",
            "--out",
            str(out),
            "--members",
            str(args.members),
            "--streams",
            str(args.streams),
            "--rounds",
            str(args.rounds),
            quiet=False,
        )
        result = json.loads(out.read_text())
    result["backend"] = "postgresql" if args.database.startswith("postgres") else "sqlite"
    result["python"] = sys.version.split()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    _ = common  # the bench scripts' shared settings (ROOT, secret key) come with inbox
    main()
