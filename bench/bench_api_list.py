"""The submissions list of the API for specialist systems over HTTP, against its SQL floor.

    .venv/bin/python bench/bench_api_list.py [--cases 100000] [--authority 05358]
                                             [--clients 1,8] [--workers 2] [--seconds 15]
                                             [--repeat 3] [--depths 100,500,900]
                                             [--floor-seconds 15] [--calls 200]
                                             [--max-foreign 5] [--retries 2] [--pause 10]
                                             [--keep] [--reuse] [--profile]

On PostgreSQL (``verbund_bench_api``, dropped and created, dropped at the end unless
``--keep``): ``migrate``, ``load_demo`` (the demo register excerpt, services, forms,
staff and a few demo cases), then complete cases (status not ``awaiting_payment``) of
ONE authority (``--authority``, an ARS; default Kreis Düren) with their submissions,
written with ``COPY`` (never the ORM per row) until that authority has exactly
``--cases`` complete cases, then ``VACUUM ANALYZE``. An API client of that authority
with the scope ``submissions:read`` is created with
``verbund.integrations.services.api_client_create`` (its bearer token is used below).
``--reuse`` measures again on a database kept with ``--keep`` (a new client).

Scenarios of ``GET /api/v1/submissions`` (``Authorization: Bearer …``):

* **numbered** (a): ``?state=all&page_size=100``, the first numbered page with its COUNT;
* **cursor** (b): ``?state=all&page_size=100&cursor=``, the first page by cursor;
* **deep** (c): cursor pages deep in the list: each client starts at one of
  ``--starts`` random cursors between the ``--depths`` (pages of 100) and follows
  ``nextCursor`` for ``--follow`` pages, then jumps to the next start.

Every answer is checked: 200, 100 results, the expected first reference (the list's
order computed from the database beforehand), ``count`` = ``--cases`` in (a), null in
(b) and (c), a ``nextCursor``. One wrong answer stops the bench.

In process (a child with the bench database): the view through Django's test client
with the bearer header (``--calls`` calls per scenario, p50 of the whole view and of
its SQL) and the exact SQL statements one request of each scenario runs
(``CaptureQueriesContext``), after one warm-up request so that the client's
``last_used_at`` is fresh (as in the steady state under load). ``--profile`` prints
a cProfile of the view per scenario.

Over HTTP: ``gunicorn verbund.wsgi`` with ``--workers`` sync workers (debug off), and
1 and 8 (``--clients``) client processes that request in a loop for ``--seconds``, after
a 2 s warm-up, ``--repeat`` times; the run with the median p50 is reported, with the
range of p50. A run during which other processes took more than ``--max-foreign`` per
cent of the CPU is repeated (``--retries``), and the share is reported with every run.

SQL floor: exactly the captured statements of one request as one pgbench transaction
(``pgbench -n -f … -c 1|8 -j 1|2 -T --floor-seconds -l``; the deep scenario with one
script per captured start cursor), with the p50 of the per-transaction log and
pgbench's average. Reported: HTTP p50 ÷ floor p50 per scenario and client count
(goal of issue #13: ≤ 1.5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import bench_inbox as inbox
import bench_journeys as machine
import bench_places as common

ROOT = common.ROOT
POSTGRES_DB = "verbund_bench_api"
DUEREN = "05358"  # Kreis Düren
SEED = 2026
YEARS = 3
PAGE = 100
LIST = "/api/v1/submissions"
SCENARIOS = ("numbered", "cursor", "deep")
CLIENT_NAME = "Bench Fachverfahren"
PGBENCH = "/usr/bin/pgbench"
# The status by age of bench_inbox without awaiting_payment: complete cases only.
STATUS_BY_AGE = [
    (limit, {s: w for s, w in table.items() if s != "awaiting_payment"})
    for limit, table in inbox.STATUS_BY_AGE
]


# --- child processes (run with the bench database's settings) --------------------------


def generate(cases: int, ars: str) -> dict[str, Any]:
    """Complete cases of one authority with their submissions, by COPY, until the
    authority has ``cases`` complete cases; then VACUUM ANALYZE."""
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction

    from verbund.applications.models import Submission
    from verbund.applications.services import REFERENCE_ALPHABET
    from verbund.authorities.folding import fold
    from verbund.authorities.models import Authority
    from verbund.cases.models import (
        DEFAULT_FILE_NUMBER_PATTERN,
        DEFAULT_RETENTION_YEARS,
        Case,
        CaseSettings,
        CaseType,
        FileNumberCounter,
    )
    from verbund.cases.placeholders import render_file_number
    from verbund.catalogue.models import Service
    from verbund.formengine.models import FormVersion

    started = time.perf_counter()
    rng = random.Random(SEED)
    berlin = ZoneInfo("Europe/Berlin")
    authority = Authority.objects.get(ars=ars, dissolved_on__isnull=True)
    existing = Case.objects.filter(authority=authority).exclude(status="awaiting_payment").count()
    wanted = cases - existing
    if wanted < 0:
        raise SystemExit(f"{authority.name} has {existing} complete cases already")
    services = {s.slug: s for s in Service.objects.all()}
    slugs = [
        slug
        for slug in inbox.SERVICE_WEIGHTS
        if slug in services
        and (authority.kind == "kreisfreie_stadt" or services[slug].level == authority.kind)
    ]
    if not slugs:
        raise SystemExit(f"no demo service at the level of {authority.name}")
    service_ids = [services[s].pk for s in slugs]
    weights = [inbox.SERVICE_WEIGHTS[s] for s in slugs]
    processing = {s.pk: s.processing_days for s in services.values()}
    versions = dict(FormVersion.objects.order_by("service_id", "pk").values_list("service", "pk"))
    any_version = FormVersion.objects.order_by("pk").values_list("pk", flat=True).first()
    if any_version is None:
        raise SystemExit("no form version: load_demo publishes the demo forms")
    pattern = (
        CaseSettings.objects.filter(authority=authority)
        .values_list("file_number_pattern", flat=True)
        .first()
    ) or DEFAULT_FILE_NUMBER_PATTERN
    plan_codes = dict(CaseType.objects.values_list("service", "file_plan_code"))
    retention = dict(CaseType.objects.values_list("service", "retention_years"))
    counters = {
        c.year: c.last for c in FileNumberCounter.objects.filter(authority=authority)
    }  # numbers go on after what exists
    taken = set(Case.objects.values_list("reference", flat=True))
    taken |= set(Submission.objects.values_list("reference", flat=True))
    places = list(
        Authority.objects.filter(
            kind="gemeinde", dissolved_on__isnull=True, ars__startswith=ars[:5]
        ).values_list("id", flat=True)
    ) or [authority.pk]
    sub_id = (Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    case_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    names = [(fn, ln, fold(f"{fn} {ln}")) for fn in inbox.FIRST_NAMES for ln in inbox.LAST_NAMES]
    tables = [(limit, list(table), list(table.values())) for limit, table in STATUS_BY_AGE]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    span = YEARS * 365 * 86400
    arrivals = sorted(rng.random() for _n in range(wanted))
    deadlines: dict[tuple[Any, int], Any] = {}
    subs: list[tuple[Any, ...]] = []
    rows: list[tuple[Any, ...]] = []
    made = time.perf_counter()
    for fraction in arrivals:
        received = now - dt.timedelta(seconds=span * (1 - fraction))
        received += dt.timedelta(microseconds=rng.randrange(1_000_000))
        local = received.astimezone(berlin)
        age = (now - received).days
        table = next(t for t in tables if age < t[0])
        status = rng.choices(table[1], table[2])[0]
        service_id = rng.choices(service_ids, weights)[0]
        first, last, key = names[rng.randrange(len(names))]
        while True:
            chars = "".join(rng.choices(REFERENCE_ALPHABET, k=8))
            ref = f"VB-{local.year}-{chars[:4]}-{chars[4:]}"
            if ref not in taken:
                taken.add(ref)
                break
        counters[local.year] = counters.get(local.year, 0) + 1
        if pattern == DEFAULT_FILE_NUMBER_PATTERN:
            file_number = f"{local.year}/{counters[local.year]:05d}"
        else:
            file_number = render_file_number(
                pattern,
                year=local.year,
                number=counters[local.year],
                file_plan_code=plan_codes.get(service_id, ""),
            )
        due = None
        days = processing.get(service_id)
        if days:
            due = deadlines.get((local.date(), days))
            if due is None:
                due = deadlines[(local.date(), days)] = inbox._add_working_days(local.date(), days)
        closed = retain = None
        if status == "closed":
            closed = min(now, received + dt.timedelta(days=rng.randint(3, 90)))
            years = retention.get(service_id, DEFAULT_RETENTION_YEARS)
            retain = dt.date(closed.astimezone(berlin).year + years, 12, 31)
        email = f"{key.replace(' ', '.')}.{sub_id}@example.invalid"
        answers = json.dumps(
            {"vorname": first, "nachname": last, "email": email}, ensure_ascii=False
        )
        subs.append(
            (
                sub_id, ref, uuid.UUID(int=rng.getrandbits(128), version=4), service_id,
                versions.get(service_id, any_version), rng.choice(places), authority.pk,
                authority.pk, answers, "[]", "0.00", "submitted",
                f"{rng.getrandbits(128):032x}", email, f"{first} {last}", "de", received, None,
            )
        )  # fmt: skip
        rows.append(
            (
                case_id, sub_id, authority.pk, authority.pk, False, service_id, ref,
                f"{first} {last}", key, file_number, status, None, received, due, "", closed,
                retain, "", None, 1, closed or received,
            )
        )  # fmt: skip
        sub_id += 1
        case_id += 1
    make_s = time.perf_counter() - made
    written = time.perf_counter()
    raw = connection.connection
    assert raw is not None
    with transaction.atomic(), raw.cursor() as pg:
        for table_name, columns, data in (
            ("applications_submission", SUB_COLUMNS, subs),
            ("cases_case", CASE_COLUMNS, rows),
        ):
            with pg.copy(f"COPY {table_name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        for table_name in ("applications_submission", "cases_case"):
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                f"(SELECT max(id) FROM {table_name}))"
            )
        for year, last_number in counters.items():
            FileNumberCounter.objects.update_or_create(
                authority=authority, year=year, defaults={"last": last_number}
            )
    write_s = time.perf_counter() - written
    analyzed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) applications_submission")
        cursor.execute("VACUUM (ANALYZE) cases_case")
        cursor.execute("ANALYZE")
    return {
        "authority": {"id": authority.pk, "ars": authority.ars, "name": authority.name},
        "existing": existing,
        "generated": wanted,
        "services": slugs,
        "make_s": make_s,
        "write_s": write_s,
        "analyze_s": time.perf_counter() - analyzed,
        "total_s": time.perf_counter() - started,
    }


SUB_COLUMNS = (
    "id", "reference", "submit_key", "service_id", "version_id", "place_id", "responsible_id",
    "authority_id", "answers", "fee_lines", "fee_total", "status", "status_salt", "email",
    "applicant_name", "language", "submitted_at", "paid_at",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "submission_id", "authority_id", "responsible_id", "on_behalf", "service_id",
    "reference", "applicant_name", "applicant_key", "file_number", "status", "assignee_id",
    "received_at", "due_on", "attention", "closed_at", "retention_until", "disposal_state",
    "disposal_id", "version", "updated_at",
)  # fmt: skip


def prepare(ars: str, depths: list[int], starts: int, follow: int) -> dict[str, Any]:
    """A new API client, the list's order straight from the database and the start
    cursors of the deep scenario."""
    from verbund.api.pagination import cursor_encode
    from verbund.authorities.models import Authority
    from verbund.cases.models import Case
    from verbund.integrations.models import Scope
    from verbund.integrations.services import api_client_create

    authority = Authority.objects.get(ars=ars, dissolved_on__isnull=True)
    name = f"{CLIENT_NAME} {uuid.uuid4().hex[:8]}"
    _client, token = api_client_create(
        actor=None, authority=authority, name=name, scopes=[Scope.SUBMISSIONS_READ]
    )
    order = list(
        Case.objects.filter(authority=authority)
        .exclude(status="awaiting_payment")
        .order_by("-received_at", "-id")
        .values_list("reference", "received_at", "id")
    )
    low, high = min(depths), max(depths)
    if (high + follow + 1) * PAGE > len(order):
        raise SystemExit(f"{len(order)} cases are too few for depth {high} + {follow} pages")
    rng = random.Random(SEED)
    # The captured depths themselves, then random ones between them.
    chosen = list(depths) + [rng.randint(low, high) for _n in range(max(0, starts - len(depths)))]
    deep = []
    for depth in chosen:
        position = depth * PAGE  # the first row of page depth + 1
        _ref, received_at, pk = order[position - 1]
        deep.append(
            {"depth": depth, "position": position, "cursor": cursor_encode(received_at, pk)}
        )
    expected = {str(i): order[i][0] for i in range(0, len(order), PAGE)}
    return {"token": token, "client": name, "count": len(order), "first": order[0][0],
            "deep": deep, "page_first": expected}  # fmt: skip


def in_process(prepared: dict[str, Any], calls: int, profile: bool) -> dict[str, Any]:
    """The view in this process: its time, its SQL time and its exact statements."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Bearer {prepared['token']}", HTTP_HOST="127.0.0.1")
    client.get(LIST, {"state": "all", "page_size": PAGE})  # last_used_at fresh
    timer: list[float] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timer.append(time.perf_counter() - start)

    out: dict[str, Any] = {}
    for scenario in SCENARIOS:
        requests = _requests(scenario, prepared)
        captured: list[list[str]] = []
        # One capture per request of the scenario's first few (the deep one: each depth).
        wanted = len(prepared["deep"][:3]) if scenario == "deep" else 1
        for query, expected in requests[:wanted]:
            with CaptureQueriesContext(connection) as context:
                response = client.get(LIST + query)
            wrong = check(response.status_code, response.content, expected, scenario)
            if wrong:
                raise SystemExit(f"{scenario} {query}: {wrong}")
            captured.append([q["sql"] for q in context.captured_queries])
        view_ms, sql_ms = [], []
        for number in range(calls):
            query, expected = requests[number % len(requests)]
            timer.clear()
            start = time.perf_counter()
            with connection.execute_wrapper(timed):
                response = client.get(LIST + query)
            view_ms.append((time.perf_counter() - start) * 1000)
            sql_ms.append(sum(timer) * 1000)
            wrong = check(response.status_code, response.content, expected, scenario)
            if wrong:
                raise SystemExit(f"{scenario} {query}: {wrong}")
        out[scenario] = {
            "sql": captured,
            "view_p50": statistics.median(view_ms),
            "sql_p50": statistics.median(sql_ms),
            "statements": len(captured[0]),
        }
        print(
            f"  in process {scenario:<8} whole view p50 {out[scenario]['view_p50']:6.2f} ms, "
            f"of which SQL {out[scenario]['sql_p50']:6.2f} ms ({len(captured[0])} statements)",
            flush=True,
        )
        for statement in captured[0]:
            print(f"    {statement}")
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for number in range(calls):
                client.get(LIST + requests[number % len(requests)][0])
            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(25)
    return out


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    import django

    django.setup()
    depths = [int(d) for d in args.depths.split(",")]
    if args.child == "generate":
        result = generate(args.cases, args.authority)
    elif args.child == "prepare":
        result = prepare(args.authority, depths, args.starts, args.follow)
    else:
        prepared = json.loads(Path(args.prepared).read_text())
        result = in_process(prepared, args.calls, args.profile)
    Path(args.out).write_text(json.dumps(result, default=str))


# --- requests, answers and the HTTP clients ------------------------------------------------


def _requests(scenario: str, prepared: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The starting requests of a scenario: (query, what the answer must show)."""
    base = f"?state=all&page_size={PAGE}"
    if scenario == "numbered":
        return [(base, {"first": prepared["first"], "count": prepared["count"], "position": 0})]
    if scenario == "cursor":
        return [(base + "&cursor=", {"first": prepared["first"], "count": None, "position": 0})]
    return [
        (
            f"{base}&cursor={start['cursor']}",
            {
                "first": prepared["page_first"][str(start["position"])],
                "count": None,
                "position": start["position"],
            },
        )
        for start in prepared["deep"]
    ]


def check(status: int, body: bytes, expected: dict[str, Any], scenario: str) -> str:
    """ "" when the answer is the expected one, else what is wrong."""
    if status != 200:
        return f"status {status}: {body[:200]!r}"
    data = json.loads(body)
    results = data.get("results") or []
    if len(results) != PAGE:
        return f"{len(results)} results"
    if results[0].get("reference") != expected["first"]:
        return f"first {results[0].get('reference')}, expected {expected['first']}"
    if data.get("count") != expected["count"]:
        return f"count {data.get('count')}, expected {expected['count']}"
    if not data.get("nextCursor"):
        return "no nextCursor"
    return ""


def _client(
    port: int,
    token: str,
    scenario: str,
    prepared: dict[str, Any],
    seconds: float,
    offset: int,
    follow: int,
    queue: Any,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    starts = _requests(scenario, prepared)
    latencies: list[float] = []
    problems: list[str] = []
    index = offset
    query, expected = starts[index % len(starts)]
    steps = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not problems:
        start = time.perf_counter()
        connection.request("GET", LIST + query, headers=headers)
        response = connection.getresponse()
        body = response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        if wrong := check(response.status, body, expected, scenario):
            problems.append(f"{query}: {wrong}")
            break
        steps += 1
        if scenario == "deep" and steps < follow:
            # The next page after this one, by the answer's own cursor.
            position = expected["position"] + PAGE
            cursor = json.loads(body)["nextCursor"]
            query = f"?state=all&page_size={PAGE}&cursor={cursor}"
            expected = {
                "first": prepared["page_first"][str(position)],
                "count": None,
                "position": position,
            }
        else:
            steps = 0
            index += 1
            query, expected = starts[index % len(starts)]
    queue.put((latencies, problems))


def load(
    port: int, token: str, scenario: str, prepared: dict[str, Any], clients: int,
    seconds: float, follow: int,
) -> dict[str, Any]:  # fmt: skip
    queue: Any = multiprocessing.Queue()
    count = len(prepared["deep"]) if scenario == "deep" else 1
    processes = [
        multiprocessing.Process(
            target=_client,
            args=(port, token, scenario, prepared, seconds, i * count // clients, follow, queue),
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _p in processes]
    wall = time.perf_counter() - started
    for process in processes:
        process.join()
    problems = [p for _lat, found in results for p in found]
    if problems:
        raise RuntimeError(f"wrong answers ({scenario}): {problems[:3]}")
    latencies = [value for lat, _found in results for value in lat]
    return {"requests": len(latencies), "rps": len(latencies) / wall,
            **inbox._percentiles(latencies)}  # fmt: skip


def quiet_run(
    port: int, token: str, scenario: str, prepared: dict[str, Any], clients: int,
    args: argparse.Namespace,
) -> dict[str, Any]:  # fmt: skip
    """One run, repeated while others took more than ``--max-foreign`` % of the CPU."""
    best: dict[str, Any] | None = None
    for attempt in range(args.retries + 1):
        before = machine._cpu()
        started = time.perf_counter()
        figures = load(port, token, scenario, prepared, clients, args.seconds, args.follow)
        figures.update(machine._foreign(before, machine._cpu(), time.perf_counter() - started))
        if best is None or figures["foreign_cpu"] < best["foreign_cpu"]:
            best = figures
        if figures["foreign_cpu"] <= args.max_foreign:
            break
        print(f"    (others took {figures['foreign_cpu']:.0f} % of the CPU: again)", flush=True)
        if attempt < args.retries:
            time.sleep(args.pause)
    assert best is not None
    return best


# --- the SQL floor -------------------------------------------------------------------------


def floor(
    name: str, captured: list[list[str]], clients: int, seconds: float, tmp: Path
) -> dict[str, Any]:
    """The captured statements of one request as one pgbench transaction."""
    scripts = []
    for number, statements in enumerate(captured):
        script = tmp / f"floor-{name}-{number}.sql"
        script.write_text("".join(" ".join(s.split()) + ";\n" for s in statements))
        scripts += ["-f", f"{script}@1"]
    logs = tmp / f"pgbench-{name}-{clients}"
    for old in tmp.glob(f"{logs.name}.*"):
        old.unlink()
    before = machine._cpu()
    started = time.perf_counter()
    result = subprocess.run(
        [
            PGBENCH, "-n", "-h", "127.0.0.1", "-U", "postgres", "-d", POSTGRES_DB,
            "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 1)),
            "-T", str(int(seconds)), "-l", f"--log-prefix={logs}", *scripts,
        ],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures = machine._foreign(before, machine._cpu(), time.perf_counter() - started)
    latencies = []
    for log in tmp.glob(f"{logs.name}.*"):
        for line in log.read_text().splitlines():
            latencies.append(int(line.split()[2]) / 1000)  # µs → ms
    average = re.search(r"latency average = ([\d.]+) ms", result.stdout)
    tps = re.search(r"tps = ([\d.]+)", result.stdout)
    if not latencies or average is None or tps is None:
        raise RuntimeError(f"pgbench: {result.stdout}\n{result.stderr}")
    return {
        **inbox._percentiles(latencies),
        "average": float(average.group(1)),
        "tps": float(tps.group(1)),
        **figures,
    }


def quiet_floor(
    name: str, captured: list[list[str]], clients: int, tmp: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """The floor, measured again while others took more than ``--max-foreign`` %."""
    best: dict[str, Any] | None = None
    for attempt in range(args.retries + 1):
        figures = floor(name, captured, clients, args.floor_seconds, tmp)
        if best is None or figures["foreign_cpu"] < best["foreign_cpu"]:
            best = figures
        if figures["foreign_cpu"] <= args.max_foreign:
            break
        print(f"    (others took {figures['foreign_cpu']:.0f} % of the CPU: again)", flush=True)
        if attempt < args.retries:
            time.sleep(args.pause)
    assert best is not None
    return best


# --- the driver ---------------------------------------------------------------------------


def _run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def _child(env: dict[str, str], tmp: Path, name: str, args: argparse.Namespace, *extra: str) -> Any:
    out = tmp / f"{name}.json"
    subprocess.run(
        [
            sys.executable, __file__, "--child", name, "--out", str(out),
            "--authority", args.authority, "--cases", str(args.cases),
            "--depths", args.depths, "--starts", str(args.starts), "--follow", str(args.follow),
            "--calls", str(args.calls), *(["--profile"] if args.profile else []), *extra,
        ],
        env=env, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.read_text())


def _wait(port: int, token: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", LIST, headers={"Authorization": f"Bearer {token}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def bench(tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = inbox._env(f"{common.POSTGRES_SERVER}/{POSTGRES_DB}", str(tmp / "data"))
    out: dict[str, Any] = {"clients": args.client_counts}
    _run(env, "-m", "verbund", "collectstatic", "--no-input")  # as in production
    if not args.reuse:
        setup = {"migrate_s": _run(env, "-m", "verbund", "migrate", "--no-input", "-v", "0")}
        setup["load_demo_s"] = _run(env, "-m", "verbund", "load_demo")
        print(
            f"migrate {setup['migrate_s']:.1f} s, load_demo {setup['load_demo_s']:.1f} s; "
            f"generating …",
            flush=True,
        )
        before = machine._cpu()
        started = time.perf_counter()
        generated = _child(env, tmp, "generate", args)
        generated.update(machine._foreign(before, machine._cpu(), time.perf_counter() - started))
        generated["setup"] = setup
        out["generated"] = generated
        print(
            f"{generated['authority']['name']}: {generated['existing']} complete demo cases + "
            f"{generated['generated']:,} generated in {generated['total_s']:.1f} s (rows in "
            f"Python {generated['make_s']:.1f} s, COPY {generated['write_s']:.1f} s, VACUUM "
            f"ANALYZE {generated['analyze_s']:.1f} s); services {generated['services']}; "
            f"others took {generated['foreign_cpu']:.0f} % of the CPU",
            flush=True,
        )
    prepared = _child(env, tmp, "prepare", args)
    if prepared["count"] != args.cases:
        raise SystemExit(f"{prepared['count']} complete cases, expected {args.cases}")
    prepared_file = tmp / "prepared.json"
    prepared_file.write_text(json.dumps(prepared))
    print(
        f"client {prepared['client']!r}; {prepared['count']:,} complete cases, newest "
        f"{prepared['first']}; deep starts at pages "
        f"{sorted(s['depth'] for s in prepared['deep'])}",
        flush=True,
    )
    print("\nin process:", flush=True)
    local = _child(env, tmp, "inprocess", args, "--prepared", str(prepared_file))
    out["in_process"] = {k: {x: v for x, v in f.items() if x != "sql"} for k, f in local.items()}
    out["sql"] = {k: f["sql"] for k, f in local.items()}

    print("\nSQL floor (pgbench):", flush=True)
    out["floor"] = {}
    for scenario in SCENARIOS:
        for clients in args.client_counts:
            figures = quiet_floor(scenario, local[scenario]["sql"], clients, tmp, args)
            out["floor"][f"{scenario}/{clients}"] = figures
            print(
                f"  {scenario:<8} {clients} clients: {figures['tps']:7.1f} tx/s  p50 "
                f"{figures['p50']:6.2f} ms  average {figures['average']:6.2f} ms  p95 "
                f"{figures['p95']:6.2f} ms; others {figures['foreign_cpu']:.0f} % of the CPU",
                flush=True,
            )
    if args.no_http:
        return out
    print("\nHTTP:", flush=True)
    out["http"] = {}
    port = common._free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"), "verbund.wsgi",
            "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning",
        ],
        env=env, cwd=ROOT,
    )  # fmt: skip
    token = prepared["token"]
    try:
        _wait(port, token)
        for scenario in SCENARIOS:
            for clients in args.client_counts:
                load(port, token, scenario, prepared, clients, 2, args.follow)  # warm-up
                runs = sorted(
                    (
                        quiet_run(port, token, scenario, prepared, clients, args)
                        for _r in range(args.repeat)
                    ),
                    key=lambda figures: figures["p50"],
                )
                figures = {
                    **runs[len(runs) // 2],
                    "p50_min": runs[0]["p50"],
                    "p50_max": runs[-1]["p50"],
                }
                base = out["floor"][f"{scenario}/{clients}"]
                figures["ratio"] = figures["p50"] / base["p50"]
                out["http"][f"{scenario}/{clients}"] = figures
                print(
                    f"  {scenario:<8} {clients} clients: {figures['requests']:6} requests "
                    f"{figures['rps']:6.1f} req/s  p50 {figures['p50']:6.2f} ms "
                    f"({figures['p50_min']:.2f}–{figures['p50_max']:.2f})  p95 "
                    f"{figures['p95']:6.2f} ms  p99 {figures['p99']:6.2f} ms; floor p50 "
                    f"{base['p50']:.2f} ms → {figures['ratio']:.2f}×; others "
                    f"{figures['foreign_cpu']:.0f} % of the CPU",
                    flush=True,
                )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--authority", default=DUEREN, help="ARS of the authority")
    parser.add_argument("--clients", default="1,8", help="client counts, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (median p50)")
    parser.add_argument("--depths", default="100,500,900", help="pages of the deep starts")
    parser.add_argument("--starts", type=int, default=30, help="deep start cursors")
    parser.add_argument("--follow", type=int, default=10, help="pages followed from a start")
    parser.add_argument("--floor-seconds", type=float, default=15.0)
    parser.add_argument("--calls", type=int, default=200, help="in-process calls per scenario")
    parser.add_argument("--max-foreign", type=float, default=5.0)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--pause", type=float, default=10.0)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="measure on the kept database")
    parser.add_argument("--no-http", action="store_true", help="in process and the floor only")
    parser.add_argument("--profile", action="store_true", help="cProfile of the view")
    parser.add_argument("--child", choices=("generate", "prepare", "inprocess"),
                        help=argparse.SUPPRESS)  # fmt: skip
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--prepared", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    args.client_counts = [int(c) for c in args.clients.split(",")]
    print(
        f"{args.cases:,} cases; clients {args.client_counts}, {args.workers} workers, "
        f"{args.repeat} × {args.seconds:.0f} s per scenario; floor {args.floor_seconds:.0f} s",
        flush=True,
    )
    if not args.reuse:
        common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
        common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
    try:
        with tempfile.TemporaryDirectory(prefix="verbund-bench-api-") as tmp_dir:
            out = bench(Path(tmp_dir), args)
    finally:
        if not args.keep:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    print(json.dumps(out, default=str), flush=True)
    print(
        "\nscenario | clients | req/s | p50 (range) | p95 | p99 | others' CPU | "
        "SQL floor p50 (average) | HTTP p50 ÷ floor p50 | in process: view p50 (SQL)"
    )
    for key, figures in out.get("http", {}).items():
        scenario, clients = key.split("/")
        base = out["floor"][key]
        local = out["in_process"][scenario]
        print(
            f"{scenario} | {clients} | {figures['rps']:.0f} | {figures['p50']:.2f} ms "
            f"({figures['p50_min']:.2f}–{figures['p50_max']:.2f}) | {figures['p95']:.2f} ms | "
            f"{figures['p99']:.2f} ms | {figures['foreign_cpu']:.0f} % | "
            f"{base['p50']:.2f} ms ({base['average']:.2f} ms) | **{figures['ratio']:.2f}×** | "
            f"{local['view_p50']:.2f} ms ({local['sql_p50']:.2f} ms)"
        )


if __name__ == "__main__":
    main()
