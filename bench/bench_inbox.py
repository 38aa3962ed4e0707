"""The back office's inbox with a million cases: latency over HTTP and the plans of its queries.

    .venv/bin/python bench/bench_inbox.py [--cases N] [--authorities 300] [--clients 4]
                                          [--workers 2] [--seconds 15] [--repeat 3]
                                          [--calls 200]
                                          [--max-foreign 5] [--retries 4] [--pause 20]
                                          [--no-postgres | --no-sqlite] [--no-http]
                                          [--no-in-process] [--dir DIR [--reuse]]

For each backend (SQLite, then PostgreSQL) the script creates a fresh database
(SQLite: a file in a temporary directory with the project's settings; PostgreSQL:
``verbund_bench_inbox``, dropped and created, dropped at the end), migrates it,
imports the full GV100AD register (the demo excerpt has too few Gemeinden and
Kreise), runs ``load_demo`` (services, forms, staff users) and then generates
``--cases`` cases (default 1,000,000 on PostgreSQL, 100,000 on SQLite) with plain
SQL: PostgreSQL ``COPY``, SQLite ``executemany`` in big transactions; never the
ORM per row. Each case has its submission (a unique reference
``VB-YYYY-XXXX-XXXX``, small answers, an existing form version), a file number
after the authority's pattern, a German applicant name and its folded search key,
a status that depends on the case's age (old cases are mostly closed), one of
the authority's demo services (Kreis services at Kreise, Gemeinde services at
Gemeinden, all at kreisfreie Städte), a receipt time in the last three years and
a deadline. ``--authorities`` authorities share the cases: every Gemeinde and
Kreis of the demo register (without gemeindefreie Gebiete), filled up with Kreise
from all over Germany; each gets a floor of cases plus a share by population, so
the largest (Region Hannover) has tens of thousands and a small Gemeinde a few
hundred. Then ``VACUUM ANALYZE`` (PostgreSQL) or ``ANALYZE`` (SQLite). The demo clerk
``sb.dueren`` gets the clerk role on the largest authority and on the authority
with the median number of cases.

Measured, per backend:

* in process: ``selectors.inbox_page`` (and ``inbox_services``, and the whole view
  through Django's test client) for every scenario below, and the SQL of the
  inbox's queries with ``EXPLAIN (ANALYZE, BUFFERS)`` (SQLite: ``EXPLAIN QUERY
  PLAN``) for the largest authority;
* over HTTP: ``gunicorn verbund.wsgi`` with ``--workers`` sync workers,
  ``VERBUND_DEMO=1`` (the demo user skips the second factor), debug off;
  ``--clients`` client processes, each with its own session (logged in through
  ``/konto/anmelden/`` with the CSRF token), request in a loop for ``--seconds``,
  ``--repeat`` times per scenario and authority; the run with the median p95 is
  reported, with the range of p95 over the runs:

  - **filtered** (A): the first page with ``status=…&service=…``, every status
    with every service of the authority, shuffled;
  - **search** (B): ``q=<reference>``, the complete reference of one of the
    authority's cases: the answer is a redirect (302) to that case's page;
  - **unfiltered** (C): the first page without filters.

Every answer (but the redirects of B, checked for their address) must be a 200
without an error summary, with the expected number of
rows, the expected first reference and the expected total (computed from the
database beforehand); one wrong answer stops the bench. Client processes share
the machine's cores with the server. A run during which other processes took more
than ``--max-foreign`` per cent of the CPU is repeated (``--retries``), and the share
is reported with every run.

``--dir`` works in that directory and keeps the databases; ``--dir … --reuse``
measures again on them without generating.
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
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

import bench_journeys as machine
import bench_places as common

ROOT = common.ROOT
BENCH = Path(__file__).resolve().parent
POSTGRES_DB = "verbund_bench_inbox"
DEFAULT_CASES = {"PostgreSQL": 1_000_000, "SQLite": 100_000}
CLERK = "sb.dueren"
PASSWORD = "Verbund-Demo-2026!"  # the demo password (verbund.demo.data.DEMO_PASSWORD)
SEED = 2026
YEARS = 3
CHUNK = 50_000
# A floor of cases per authority, as a share of all cases; the rest by population.
FLOOR_SHARE = 0.00015
SCENARIOS = ("filtered", "search", "unfiltered")
LOCAL_KEYS = ("inbox_page", "inbox_services", "view", "view_sql")
# Checked after the PostgreSQL bulk load (which runs without the foreign-key triggers).
FOREIGN_KEYS = (
    ("cases_case", "submission_id", "applications_submission"),
    ("cases_case", "authority_id", "authorities_authority"),
    ("cases_case", "responsible_id", "authorities_authority"),
    ("cases_case", "service_id", "catalogue_service"),
    ("cases_case", "assignee_id", "accounts_user"),
    ("applications_submission", "service_id", "catalogue_service"),
    ("applications_submission", "version_id", "formengine_formversion"),
    ("applications_submission", "place_id", "authorities_authority"),
    ("applications_submission", "responsible_id", "authorities_authority"),
    ("applications_submission", "authority_id", "authorities_authority"),
)
SEARCH_SAMPLE = 2_000
ROW = re.compile(rb'href="/verwaltung/vorgaenge/\d+/" translate="no">(VB-[0-9A-Z-]{14})</a>')
TOTAL = re.compile(rb'<h2 class="kern-heading-medium" id="ergebnis">([\d.]+) Vorg')

# Relative frequencies of the demo services at the level they are offered.
SERVICE_WEIGHTS = {
    "fahrzeug-ausser-betrieb-setzen": 30,
    "fuehrerschein-umtausch": 25,
    "baugenehmigung": 15,
    "schwerbehindertenausweis": 12,
    "pflegewohngeld-nrw": 10,
    "reitkennzeichen-nrw": 3,
    "wohnsitz-anmelden": 30,
    "meldebescheinigung": 20,
    "sperrmuell-abholung": 15,
    "gewerbeanmeldung": 12,
    "geburtsurkunde": 10,
    "hundesteuer-anmeldung": 8,
    "briefwahl-wahlschein": 8,
    "fischereischein": 3,
}
# Status by the case's age in days: the newest are open, most old ones closed.
STATUS_BY_AGE: list[tuple[int, dict[str, float]]] = [
    (7, {"awaiting_payment": 6, "received": 50, "in_progress": 34, "waiting_applicant": 7,
         "waiting_statement": 3}),
    (30, {"awaiting_payment": 2, "received": 8, "in_progress": 40, "waiting_applicant": 10,
          "waiting_statement": 5, "granted": 25, "refused": 5, "closed": 5}),
    (120, {"awaiting_payment": 1, "received": 1, "in_progress": 8, "waiting_applicant": 3,
           "waiting_statement": 2, "granted": 20, "refused": 4, "closed": 61}),
    (10**6, {"awaiting_payment": 0.5, "in_progress": 0.8, "waiting_applicant": 0.3,
             "waiting_statement": 0.2, "granted": 2, "refused": 0.7, "closed": 95.5}),
]  # fmt: skip
STATUSES = (
    "awaiting_payment", "received", "in_progress", "waiting_applicant", "waiting_statement",
    "granted", "refused", "closed",
)  # fmt: skip
WORKING = {"in_progress", "waiting_applicant", "waiting_statement"}
FIRST_NAMES = (
    "Anna", "Maria", "Ursula", "Monika", "Petra", "Elisabeth", "Sabine", "Renate", "Helga",
    "Karin", "Brigitte", "Ingrid", "Erika", "Andrea", "Gisela", "Claudia", "Susanne", "Gabriele",
    "Christa", "Jutta", "Bärbel", "Hannelore", "Käthe", "Jürgen", "Björn", "Jörg", "Sören",
    "Günter", "Hans", "Peter", "Michael", "Thomas", "Andreas", "Wolfgang", "Klaus", "Jürgen",
    "Stefan", "Christian", "Uwe", "Werner", "Horst", "Frank", "Dieter", "Manfred", "Gerhard",
    "Bernd", "Ralf", "Rüdiger", "Lukas", "Leon", "Finn", "Jonas", "Elias", "Noah", "Ben", "Paul",
    "Emma", "Mia", "Sophia", "Hannah", "Lea", "Lena", "Zoë", "Chloé", "René", "José", "Ömer",
    "Ayşe", "Mehmet", "Fatma", "Olga", "Natalia", "Agnieszka", "Łukasz", "Dragan", "Luca",
)  # fmt: skip
LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
    "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller",
    "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
    "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
    "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
    "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
    "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff",
    "Pfeiffer", "Yılmaz", "Kaya", "Öztürk", "Nowak", "Kowalski", "Wiśniewski", "Popović",
    "Rossi", "Nguyen", "Jovanović", "Papadopoulos", "Dąbrowski", "Çelik", "Şahin", "Hübner",
    "Müller-Lüdenscheidt", "Schulze-Frölich", "von der Heydt", "de Vries", "Oğuz",
)  # fmt: skip


# --- child processes (run with the bench database's settings) --------------------------


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    import django

    django.setup()


def _demo_register_keys() -> set[str]:
    """The ARS of the Kreise, kreisfreie Städte and Gemeinden of the demo register."""
    keys = set()
    with common.DEMO_REGISTER.open(encoding="utf-8-sig") as lines:
        for line in lines:
            if line.startswith("40"):
                keys.add(line[10:15])
            elif line.startswith("60"):
                raw = line[10:22]  # GV100AD: Gemeinde 16–18, Verband 19–22
                keys.add(raw[:5] + raw[8:12] + raw[5:8])
    return keys


def _choose_authorities(wanted: int) -> list[dict[str, Any]]:
    """The demo register's Gemeinden and Kreise (no gemeindefreie Gebiete; a kreisfreie
    Stadt once, as Kreis), then Kreise of the full register evenly over the ARS order."""
    from verbund.authorities.models import Authority

    current = list(
        Authority.objects.filter(
            dissolved_on__isnull=True, kind__in=("kreis", "kreisfreie_stadt", "gemeinde")
        )
        .exclude(textkennzeichen__in=("65", "66"))
        .order_by("ars")
        .values("id", "ars", "kind", "name", "population")
    )
    cities = {a["ars"] for a in current if a["kind"] == "kreisfreie_stadt"}
    usable = [a for a in current if not (a["kind"] == "gemeinde" and a["ars"][:5] in cities)]
    demo = _demo_register_keys()
    chosen = [a for a in usable if a["ars"] in demo][:wanted]
    others = [a for a in usable if a["kind"] == "kreis" and a["ars"] not in demo]
    need = wanted - len(chosen)
    if need > len(others):
        raise SystemExit(f"only {len(chosen) + len(others)} usable authorities, {wanted} wanted")
    if need > 0:
        step = len(others) / need
        chosen += [others[int(i * step)] for i in range(need)]
    return chosen


def _counts(authorities: list[dict[str, Any]], cases: int) -> list[int]:
    """A floor for every authority, the rest by population (largest remainder)."""
    floor = max(1, int(cases * FLOOR_SHARE))
    rest = cases - floor * len(authorities)
    if rest < 0:
        raise SystemExit(f"{cases} cases are too few for {len(authorities)} authorities")
    weights = [max(1, a["population"] or 1) for a in authorities]
    total = sum(weights)
    exact = [rest * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: rest - sum(counts)]:
        counts[i] += 1
    return [floor + c for c in counts]


def _add_working_days(start: dt.date, days: int) -> dt.date:
    """Monday to Friday only (the product also skips public holidays; close enough here)."""
    weeks, left = divmod(days, 5)
    day = start + dt.timedelta(weeks=weeks)
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def generate(cases: int, wanted: int) -> dict[str, Any]:
    """Submissions and cases with plain SQL; returns what the bench needs to know."""
    from zoneinfo import ZoneInfo

    from django.db import connection, transaction

    from verbund.accounts.models import User
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
    postgres = connection.vendor == "postgresql"
    authorities = _choose_authorities(wanted)
    counts = _counts(authorities, cases)
    services = {s.slug: s for s in Service.objects.all()}
    missing = sorted(set(SERVICE_WEIGHTS) - set(services))
    if missing:
        raise SystemExit(f"demo services missing: {missing}")
    levels = {"kreis": "kreis", "gemeinde": "gemeinde"}
    offered: dict[str, tuple[list[int], list[float]]] = {}
    for kind in ("kreis", "gemeinde", "kreisfreie_stadt"):
        slugs = [
            slug
            for slug in SERVICE_WEIGHTS
            if kind == "kreisfreie_stadt" or services[slug].level == levels[kind]
        ]
        offered[kind] = ([services[s].pk for s in slugs], [SERVICE_WEIGHTS[s] for s in slugs])
    processing = {s.pk: s.processing_days for s in services.values()}
    versions = dict(FormVersion.objects.order_by("service_id", "pk").values_list("service", "pk"))
    any_version = FormVersion.objects.order_by("pk").values_list("pk", flat=True).first()
    if any_version is None:
        raise SystemExit("no form version: load_demo publishes the demo forms")
    patterns = dict(CaseSettings.objects.values_list("authority", "file_number_pattern"))
    plan_codes = dict(CaseType.objects.values_list("service", "file_plan_code"))
    retention = dict(CaseType.objects.values_list("service", "retention_years"))
    counters = {
        (c.authority_id, c.year): c.last for c in FileNumberCounter.objects.all()
    }  # numbers go on after what exists
    taken = set(Case.objects.values_list("reference", flat=True))
    taken |= set(Submission.objects.values_list("reference", flat=True))
    clerk_id = User.objects.get(username=CLERK).pk
    order = sorted(range(len(counts)), key=lambda i: counts[i])
    largest, median = order[-1], order[len(order) // 2]
    bench_ids = {authorities[largest]["id"], authorities[median]["id"]}
    # Where the applicants live: a Kreis's cases come from its Gemeinden.
    gemeinden: dict[str, list[int]] = {}
    for pk, ars in Authority.objects.filter(kind="gemeinde", dissolved_on__isnull=True).values_list(
        "id", "ars"
    ):
        gemeinden.setdefault(ars[:5], []).append(pk)

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    span = YEARS * 365 * 86400
    arrivals = [(rng.random(), index) for index, count in enumerate(counts) for _n in range(count)]
    arrivals.sort()  # in the order they arrived, all authorities interleaved
    names = [(fn, ln, fold(f"{fn} {ln}")) for fn in FIRST_NAMES for ln in LAST_NAMES]
    status_tables = [(limit, list(table), list(table.values())) for limit, table in STATUS_BY_AGE]
    sub_columns = (
        "id", "reference", "submit_key", "service_id", "version_id", "place_id", "responsible_id",
        "authority_id", "answers", "fee_lines", "fee_total", "status", "status_salt", "email",
        "applicant_name", "language", "submitted_at", "paid_at",
    )  # fmt: skip
    case_columns = (
        "id", "submission_id", "authority_id", "responsible_id", "on_behalf", "service_id",
        "reference", "applicant_name", "applicant_key", "file_number", "status", "assignee_id",
        "received_at", "due_on", "attention", "closed_at", "retention_until", "disposal_state",
        "disposal_id", "version", "updated_at",
    )  # fmt: skip
    sub_id = (Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    case_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def when(value: dt.datetime | dt.date | None) -> Any:
        """As the backend stores it: aware datetimes for psycopg, Django's text in SQLite."""
        if value is None or postgres:
            return value
        if isinstance(value, dt.datetime):  # always UTC here
            return value.replace(tzinfo=None).isoformat(" ", "microseconds")
        return value.isoformat()

    deadlines: dict[tuple[dt.date, int], dt.date] = {}

    def submit_key() -> Any:
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        return key if postgres else key.hex  # Django keeps UUIDs as 32 hex digits in SQLite

    def reference(year: int) -> str:
        while True:
            chars = "".join(rng.choices(REFERENCE_ALPHABET, k=8))
            ref = f"VB-{year}-{chars[:4]}-{chars[4:]}"
            if ref not in taken:
                taken.add(ref)
                return ref

    def rows(chunk: list[tuple[float, int]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        nonlocal sub_id, case_id
        subs, cs = [], []
        for fraction, index in chunk:
            authority = authorities[index]
            received = now - dt.timedelta(seconds=span * (1 - fraction))
            received += dt.timedelta(microseconds=rng.randrange(1_000_000))
            local = received.astimezone(berlin)
            age = (now - received).days
            table = next(t for t in status_tables if age < t[0])
            status = rng.choices(table[1], table[2])[0]
            service_ids, weights = offered[authority["kind"]]
            service_id = rng.choices(service_ids, weights)[0]
            first, last, key = names[rng.randrange(len(names))]
            name = f"{first} {last}"
            ref = reference(local.year)
            year_key = (authority["id"], local.year)
            counters[year_key] = counters.get(year_key, 0) + 1
            pattern = patterns.get(authority["id"], DEFAULT_FILE_NUMBER_PATTERN)
            if pattern == DEFAULT_FILE_NUMBER_PATTERN:  # "{jahr}/{nr:5}", the common case
                file_number = f"{local.year}/{counters[year_key]:05d}"
            else:
                file_number = render_file_number(
                    pattern,
                    year=local.year,
                    number=counters[year_key],
                    file_plan_code=plan_codes.get(service_id, ""),
                )
            days = processing.get(service_id)
            due = None
            if days and status != "awaiting_payment":
                due_key = (local.date(), days)
                due = deadlines.get(due_key)
                if due is None:
                    due = deadlines[due_key] = _add_working_days(local.date(), days)
            closed = retain = None
            if status == "closed":
                closed = min(now, received + dt.timedelta(days=rng.randint(3, 90)))
                years = retention.get(service_id, DEFAULT_RETENTION_YEARS)
                retain = dt.date(closed.astimezone(berlin).year + years, 12, 31)
            assignee = None
            if authority["id"] in bench_ids and status in WORKING and rng.random() < 0.6:
                assignee = clerk_id
            attention = (
                "Antwort der Antragstellerin"
                if status == "waiting_applicant" and rng.random() < 0.1
                else ""
            )
            place = rng.choice(gemeinden.get(authority["ars"][:5]) or [authority["id"]])
            if authority["kind"] == "gemeinde":
                place = authority["id"]
            email = f"{key.replace(' ', '.')}.{sub_id}@example.invalid"
            answers = json.dumps(
                {"vorname": first, "nachname": last, "email": email}, ensure_ascii=False
            )
            unpaid = status == "awaiting_payment"
            submission = (
                sub_id, ref, submit_key(), service_id, versions.get(service_id, any_version),
                place, authority["id"], authority["id"], answers, "[]", "0.00",
                "awaiting_payment" if unpaid else "submitted", f"{rng.getrandbits(128):032x}",
                email, name, "de", when(received), None,
            )  # fmt: skip
            case = (
                case_id, sub_id, authority["id"], authority["id"], False, service_id, ref, name,
                key, file_number, status, assignee, when(received), when(due), attention,
                when(closed), when(retain), "", None, 1, when(closed or received),
            )  # fmt: skip
            subs.append(submission)
            cs.append(case)
            sub_id += 1
            case_id += 1
        return subs, cs

    timings = {"make_s": 0.0, "write_s": 0.0}
    tables = (("applications_submission", sub_columns), ("cases_case", case_columns))

    def chunks() -> Any:
        """The rows in chunks of ``CHUNK`` cases; the time to make them counted apart."""
        for start in range(0, len(arrivals), CHUNK):
            made = time.perf_counter()
            chunk = rows(arrivals[start : start + CHUNK])
            timings["make_s"] += time.perf_counter() - made
            yield chunk

    with connection.cursor() as cursor:
        if postgres:
            # A bulk load as a DBA does it: the plain (non-unique) indexes are dropped and
            # built again afterwards, the foreign-key triggers are off during COPY and the
            # references are checked afterwards in one query per key; unique indexes stay.
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                "('applications_submission', 'cases_case') AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
            )
            plain = cursor.fetchall()
            for index, _definition in plain:
                cursor.execute(f'DROP INDEX "{index}"')
            cursor.execute("SET session_replication_role = replica")
            raw = connection.connection
            assert raw is not None
            for subs, cs in chunks():
                written = time.perf_counter()
                with transaction.atomic(), raw.cursor() as pg:
                    for (table, columns), data in zip(tables, (subs, cs), strict=True):
                        with pg.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                            for row in data:
                                copy.write_row(row)
                timings["write_s"] += time.perf_counter() - written
            cursor.execute("SET session_replication_role = DEFAULT")
            built = time.perf_counter()
            for _index, definition in plain:
                cursor.execute(definition)
            timings["index_s"] = time.perf_counter() - built
            checked = time.perf_counter()
            for table, column, target in FOREIGN_KEYS:
                cursor.execute(
                    f"SELECT count(*) FROM {table} t LEFT JOIN {target} x ON x.id = t.{column} "
                    f"WHERE t.{column} IS NOT NULL AND x.id IS NULL"
                )
                orphans = cursor.fetchone()[0]
                if orphans:
                    raise SystemExit(f"{orphans} rows of {table}.{column} point nowhere")
            timings["check_s"] = time.perf_counter() - checked
            for table, _columns in tables:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        else:
            for subs, cs in chunks():
                written = time.perf_counter()
                with transaction.atomic():
                    for (table, columns), data in zip(tables, (subs, cs), strict=True):
                        marks = ", ".join("%s" for _c in columns)
                        cursor.executemany(
                            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", data
                        )
                timings["write_s"] += time.perf_counter() - written
        with transaction.atomic():
            existing = {(c.authority_id, c.year): c for c in FileNumberCounter.objects.all()}
            for key, counter in existing.items():
                counter.last = counters[key]
            FileNumberCounter.objects.bulk_update(existing.values(), ["last"])
            FileNumberCounter.objects.bulk_create(
                FileNumberCounter(authority_id=a, year=y, last=last)
                for (a, y), last in counters.items()
                if (a, y) not in existing
            )
        timings["insert_s"] = time.perf_counter() - started
        started = time.perf_counter()
        if postgres:
            # What autovacuum does soon after a bulk load (its insert threshold): the
            # visibility map and the statistics, so that no autovacuum runs mid-bench.
            cursor.execute("VACUUM (ANALYZE) applications_submission")
            cursor.execute("VACUUM (ANALYZE) cases_case")
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        timings["analyze_s"] = time.perf_counter() - started
    ranked = sorted(
        ({**a, "cases": counts[i]} for i, a in enumerate(authorities)),
        key=lambda a: a["cases"],
    )
    return {
        **timings,
        "cases": cases,
        "authorities": len(authorities),
        "largest": {**authorities[largest], "cases": counts[largest]},
        "median": {**authorities[median], "cases": counts[median]},
        "smallest": ranked[0],
        "kinds": {
            kind: sum(1 for a in authorities if a["kind"] == kind)
            for kind in ("kreis", "kreisfreie_stadt", "gemeinde")
        },
    }


def expectations(authority_ids: list[int]) -> dict[str, Any]:
    """What each request must show, straight from the database: per authority the
    (status, service) pairs with their totals and newest references, a sample of
    references, and the unfiltered first page."""
    from django.db.models import Count

    from verbund.cases.models import Case

    out: dict[str, Any] = {}
    rng = random.Random(SEED)
    for authority_id in authority_ids:
        cases = Case.objects.filter(authority_id=authority_id)
        counts = {
            (status, service): n
            for status, service, n in cases.order_by()
            .values_list("status", "service")
            .annotate(n=Count("pk"))
            .values_list("status", "service", "n")
        }
        services = sorted({service for _status, service in counts})
        filtered = []
        for status in STATUSES:
            for service in services:
                total = counts.get((status, service), 0)
                first = (
                    cases.filter(status=status, service_id=service)
                    .order_by("-received_at", "-id")
                    .values_list("reference", flat=True)
                    .first()
                )
                filtered.append(
                    {
                        "query": {"status": status, "service": service},
                        "total": total,
                        "rows": min(50, total),
                        "first": first,
                    }
                )
        visible = cases.exclude(status="awaiting_payment")
        references = list(visible.order_by().values_list("reference", "pk"))
        rng.shuffle(references)
        # A complete reference leads straight to the case (a redirect to its page).
        search = [
            {"query": {"q": ref}, "total": 1, "rows": 1, "first": ref, "case": pk}
            for ref, pk in references[:SEARCH_SAMPLE]
        ]
        total = visible.count()
        first = visible.order_by("-received_at", "-id").values_list("reference", flat=True).first()
        unfiltered = [{"query": {}, "total": total, "rows": min(50, total), "first": first}]
        out[str(authority_id)] = {
            "filtered": filtered,
            "search": search,
            "unfiltered": unfiltered,
            "statuses": {s: sum(n for (st, _sv), n in counts.items() if st == s) for s in STATUSES},
            "services": len(services),
        }
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    return {"n": len(ordered), "p50": statistics.median(ordered), "p95": at(95), "p99": at(99)}


def in_process(plan: dict[str, Any], bench: dict[str, Any], calls: int) -> dict[str, Any]:
    """Times of ``inbox_page``, ``inbox_services`` and the whole view in this process, and
    the plans of the inbox's queries for the largest authority."""
    from django.db import connection
    from django.test import Client

    from verbund.accounts.models import User
    from verbund.cases import selectors

    timer: list[float] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timer.append(time.perf_counter() - start)

    user = User.objects.get(username=CLERK)
    client = Client()
    client.force_login(user)
    results: dict[str, Any] = {}
    for label in ("largest", "median"):
        authority_id = bench[label]["id"]
        url = f"/verwaltung/behoerden/{authority_id}/vorgaenge/"
        for scenario in SCENARIOS:
            cases = plan[str(authority_id)][scenario]
            for expected in cases[:3]:  # warm-up
                selectors.inbox_page(authority_id, user_id=user.pk, filters=expected["query"])
            page_ms, services_ms, view_ms = [], [], []
            for number in range(calls):
                expected = cases[number % len(cases)]
                filters = expected["query"]
                start = time.perf_counter()
                page = selectors.inbox_page(authority_id, user_id=user.pk, filters=filters)
                page_ms.append((time.perf_counter() - start) * 1000)
                got = [case.reference for case in page.rows]
                if page.total != expected["total"] or len(got) != expected["rows"]:
                    raise SystemExit(f"inbox_page {filters}: {page.total} {len(got)} {expected}")
                if got and got[0] != expected["first"]:
                    raise SystemExit(f"inbox_page {filters}: first {got[0]} {expected}")
                start = time.perf_counter()
                selectors.inbox_services(authority_id)
                services_ms.append((time.perf_counter() - start) * 1000)
            sql_ms: list[float] = []
            queries: list[int] = []
            for number in range(max(1, calls // 2)):
                expected = cases[number % len(cases)]
                timer.clear()
                start = time.perf_counter()
                with connection.execute_wrapper(timed):
                    response = client.get(url, expected["query"])
                view_ms.append((time.perf_counter() - start) * 1000)
                sql_ms.append(sum(timer) * 1000)
                queries.append(len(timer))
                wrong = check(
                    response.status_code, response.get("Location"), response.content, expected
                )
                if wrong:
                    raise SystemExit(f"view {expected['query']}: {wrong}")
            results[f"{label}/{scenario}"] = {
                "inbox_page": _percentiles(page_ms),
                "inbox_services": _percentiles(services_ms),
                "view": _percentiles(view_ms),
                "view_sql": _percentiles(sql_ms),
                "view_queries": max(queries),
            }
            print(
                f"  in process {label:<7} {scenario:<10} inbox_page p50 "
                f"{results[f'{label}/{scenario}']['inbox_page']['p50']:6.2f} ms p95 "
                f"{results[f'{label}/{scenario}']['inbox_page']['p95']:6.2f} ms | "
                f"inbox_services p50 {statistics.median(services_ms):6.2f} ms | "
                f"whole view p50 {statistics.median(view_ms):6.2f} ms "
                f"p95 {results[f'{label}/{scenario}']['view']['p95']:6.2f} ms, of which SQL "
                f"p50 {statistics.median(sql_ms):6.2f} ms ({max(queries)} queries)",
                flush=True,
            )
    _explain(plan, bench, user.pk)
    results["vendor"] = connection.vendor
    return results


def _typical_filtered(plan: dict[str, Any], authority_id: int) -> dict[str, Any]:
    """The status + service filter a clerk uses most: "received" with the most used service."""
    candidates = [
        e for e in plan[str(authority_id)]["filtered"] if e["query"]["status"] == "received"
    ]
    return max(candidates, key=lambda e: e["total"])


def _explain(plan: dict[str, Any], bench: dict[str, Any], user_id: int) -> None:
    """The plans of the counts, the rows and the services of the filter, and of the
    lookup of a complete reference, for the largest authority."""
    from django.db import connection

    from verbund.cases import selectors

    authority_id = bench["largest"]["id"]
    postgres = connection.vendor == "postgresql"
    closed = max(
        (e for e in plan[str(authority_id)]["filtered"] if e["query"]["status"] == "closed"),
        key=lambda e: e["total"],
    )
    cases = [
        ("A filtered (received, busiest service)", _typical_filtered(plan, authority_id)),
        ("A filtered (closed, busiest service)", closed),
        ("B search by reference", plan[str(authority_id)]["search"][0]),
        ("C unfiltered", plan[str(authority_id)]["unfiltered"][0]),
    ]
    captured: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append((sql, params))
        return execute(sql, params, many, context)

    for title, expected in cases:
        captured.clear()
        with connection.execute_wrapper(capture):
            if title.startswith("B "):
                selectors.inbox_case_by_reference(authority_id, expected["query"]["q"])
            else:
                selectors.inbox_page(authority_id, user_id=user_id, filters=expected["query"])
            if title.startswith("A filtered (received"):
                selectors.inbox_services(authority_id)
        print(f"\n=== {title}: {expected['query']} (total {expected['total']}) ===")
        names = ["counts per status", "page rows", "services of the filter (every request)"]
        if title.startswith("B "):
            names = ["the case with this reference (then a redirect to it)"]
        for name, (sql, params) in zip(names, captured, strict=False):
            print(f"--- {name}:\n{sql}\n    params {list(params)}")
            with connection.cursor() as cursor:
                if postgres:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                else:
                    cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                for row in cursor.fetchall():
                    print("    " + " | ".join(str(col) for col in row[-1:] if col is not None))
    print(flush=True)


def child(args: argparse.Namespace) -> None:
    _django_setup()
    if args.child == "generate":
        result = generate(args.cases, args.authorities)
    elif args.child == "expect":
        result = expectations([int(i) for i in args.ids.split(",")])
    else:
        bench = json.loads(Path(args.bench_file).read_text())
        plan = json.loads(Path(args.plan_file).read_text())
        result = in_process(plan, bench, args.calls)
    Path(args.out).write_text(json.dumps(result, default=str))


# --- the HTTP clients ---------------------------------------------------------------------


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(port: int) -> str:
    """Log in as the clerk through the login page; the session's cookie header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/konto/anmelden/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if response.status != 200 or token is None or "csrftoken" not in cookies:
        raise RuntimeError(f"login page: {response.status}")
    body = urllib.parse.urlencode(
        {"username": CLERK, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    connection.request(
        "POST",
        "/konto/anmelden/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(_cookies(response))
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login: {response.status} {response.headers.get('Location')}")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def check(status: int, location: str | None, body: bytes, expected: dict[str, Any]) -> str:
    """ "" when the answer is the expected one, else what is wrong."""
    if "case" in expected:
        wanted = f"/verwaltung/vorgaenge/{expected['case']}/"
        if status != 302 or location != wanted:
            return f"status {status} to {location}, expected 302 to {wanted}"
        return ""
    if status != 200:
        return f"status {status}"
    if b"verbund-error-summary" in body:
        return "error summary (a filter was refused)"
    refs = ROW.findall(body)
    if len(refs) != expected["rows"]:
        return f"{len(refs)} rows, expected {expected['rows']}"
    if refs and refs[0].decode() != expected["first"]:
        return f"first row {refs[0].decode()}, expected {expected['first']}"
    total = TOTAL.search(body)
    if total is None or int(total.group(1).replace(b".", b"")) != expected["total"]:
        return f"total {total and total.group(1)!r}, expected {expected['total']}"
    return ""


def _client(
    port: int,
    cookie: str,
    seconds: float,
    offset: int,
    requests: list[tuple[str, dict[str, Any]]],
    queue: Any,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    problems: list[str] = []
    index = offset
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not problems:
        path, expected = requests[index % len(requests)]
        index += 1
        start = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        if wrong := check(response.status, response.getheader("Location"), body, expected):
            problems.append(f"{path}: {wrong}")
    queue.put((latencies, problems))


def load(
    port: int, cookies: list[str], seconds: float, requests: list[tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    queue: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_client,
            args=(port, cookie, seconds, i * len(requests) // len(cookies), requests, queue),
        )
        for i, cookie in enumerate(cookies)
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
        raise RuntimeError(f"wrong answers: {problems[:3]}")
    latencies = [value for lat, _found in results for value in lat]
    figures = _percentiles(latencies)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        **figures,
        "max": max(latencies),
    }


# --- the driver ---------------------------------------------------------------------------


def _env(database_url: str, data_dir: str) -> dict[str, str]:
    env = common._env(database_url)
    env.update(
        {
            "VERBUND_DATA_DIR": data_dir,
            "VERBUND_DEMO": "1",
            "VERBUND_DEBUG": "0",
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(BENCH), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
    )
    return env


def _run(env: dict[str, str], *args: str, quiet: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.perf_counter() - started


def _child(env: dict[str, str], tmp: Path, name: str, *args: str) -> Any:
    out = tmp / f"{name}.json"
    _run(env, __file__, "--child", name, "--out", str(out), *args, quiet=False)
    return json.loads(out.read_text())


def _paths(authority_id: int, entries: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    base = f"/verwaltung/behoerden/{authority_id}/vorgaenge/"
    paths = []
    for entry in entries:
        query = urllib.parse.urlencode(entry["query"])
        paths.append((f"{base}?{query}" if query else base, entry))
    random.Random(SEED).shuffle(paths)
    return paths


def bench_backend(name: str, url: str, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    cases = args.cases or DEFAULT_CASES[name]
    env = _env(url, str(tmp / "data"))
    bench_file, plan_file = tmp / f"{name}-bench.json", tmp / f"{name}-plan.json"
    out: dict[str, Any] = {"backend": name}
    if args.reuse:
        generated = json.loads(bench_file.read_text())
        print(f"{name}: the kept database with {generated['cases']:,} cases", flush=True)
        # What each request must show, again: it follows the product's answers.
        ids = f"{generated['largest']['id']},{generated['median']['id']}"
        plan = _child(env, tmp, "expect", "--ids", ids)
        plan_file.write_text(json.dumps(plan))
    else:
        generated, plan = _setup(name, env, cases, tmp, args)
        bench_file.write_text(json.dumps(generated))
        plan_file.write_text(json.dumps(plan))
    out["generated"] = generated
    largest, median = generated["largest"], generated["median"]
    out["in_process"] = {}
    if not args.no_in_process:
        print(f"\n{name}, in process:", flush=True)
        out["in_process"] = _child(
            env,
            tmp,
            "inprocess",
            "--bench-file",
            str(bench_file),
            "--plan-file",
            str(plan_file),
            "--calls",
            str(args.calls),
        )
    out["http"] = {}
    if args.no_http:
        return out
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
        env=env,
        cwd=ROOT,
    )
    try:
        _wait(port)
        cookies = [login(port) for _c in range(args.clients)]
        for label, authority in (("largest", largest), ("median", median)):
            for scenario in SCENARIOS:
                requests = _paths(authority["id"], plan[str(authority["id"])][scenario])
                load(port, cookies, 2, requests)  # warm-up
                runs = sorted(
                    (quiet_run(port, cookies, requests, args) for _r in range(args.repeat)),
                    key=lambda figures: figures["p95"],
                )
                figures = {
                    **runs[len(runs) // 2],
                    "p95_min": runs[0]["p95"],
                    "p95_max": runs[-1]["p95"],
                    "distinct": len(requests),
                }
                out["http"][f"{label}/{scenario}"] = figures
                print(
                    f"{name:<10} {label:<7} {scenario:<10} "
                    f"{figures['distinct']:>5} distinct {figures['requests']:>6} requests "
                    f"{figures['rps']:6.1f} req/s  p50 {figures['p50']:6.1f} ms  "
                    f"p95 {figures['p95']:6.1f} ms "
                    f"({figures['p95_min']:.1f}–{figures['p95_max']:.1f})  "
                    f"p99 {figures['p99']:6.1f} ms  max {figures['max']:6.1f} ms  "
                    f"others {figures['foreign_cpu']:.0f} % of the CPU",
                    flush=True,
                )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return out


def _setup(
    name: str, env: dict[str, str], cases: int, tmp: Path, args: argparse.Namespace
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A fresh database: migrate, the full register, the demo, the generated cases, the
    clerk's roles; returns what was generated and what each request must show."""
    setup: dict[str, float] = {}
    setup["migrate_s"] = _run(env, "-m", "verbund", "migrate", "--no-input", "-v", "0")
    if not (tmp / "data" / "static" / "staticfiles.json").exists():
        # The pages need the static files' manifest, as in production.
        _run(env, "-m", "verbund", "collectstatic", "--no-input")
    setup["register_s"] = _run(env, "-m", "verbund", "import_gv100ad", str(common.FULL_REGISTER))
    setup["load_demo_s"] = _run(env, "-m", "verbund", "load_demo")
    print(
        f"{name}: migrate {setup['migrate_s']:.1f} s, register {setup['register_s']:.1f} s, "
        f"load_demo {setup['load_demo_s']:.1f} s; generating {cases:,} cases …",
        flush=True,
    )
    before = machine._cpu()
    started = time.perf_counter()
    generated = _child(
        env, tmp, "generate", "--cases", str(cases), "--authorities", str(args.authorities)
    )
    generated["child_s"] = time.perf_counter() - started
    generated.update(machine._foreign(before, machine._cpu(), generated["child_s"]))
    generated["setup"] = setup
    largest, median = generated["largest"], generated["median"]
    steps = ", ".join(
        f"{label} {generated[key]:.1f} s"
        for label, key in (
            ("making the rows in Python", "make_s"),
            ("writing", "write_s"),
            ("building the plain indexes", "index_s"),
            ("checking the foreign keys", "check_s"),
        )
        if key in generated
    )
    print(
        f"{name}: {cases:,} cases in {generated['insert_s']:.1f} s ({steps}) "
        f"+ {'VACUUM ANALYZE' if name == 'PostgreSQL' else 'ANALYZE'} "
        f"{generated['analyze_s']:.1f} s; others took {generated['foreign_cpu']:.0f} % of the "
        f"CPU meanwhile\n  {generated['authorities']} authorities {generated['kinds']}; "
        f"largest {largest['name']} ({largest['ars']}) {largest['cases']:,}, "
        f"median {median['name']} ({median['ars']}) {median['cases']:,}, "
        f"smallest {generated['smallest']['name']} {generated['smallest']['cases']:,}",
        flush=True,
    )
    for authority in (largest, median):
        _run(env, "-m", "verbund", "grant_role", CLERK, "--authority", authority["ars"],
             "--role", "clerk")  # fmt: skip
    plan = _child(env, tmp, "expect", "--ids", f"{largest['id']},{median['id']}")
    for label, authority in (("largest", largest), ("median", median)):
        statuses = plan[str(authority["id"])]["statuses"]
        print(f"  {label}: {plan[str(authority['id'])]['services']} services, {statuses}")
    return generated, plan


def quiet_run(
    port: int, cookies: list[str], requests: list[tuple[str, Any]], args: argparse.Namespace
) -> dict[str, Any]:
    """One run; repeated (up to ``--retries`` times, after a pause) while other processes
    on the machine took more than ``--max-foreign`` per cent of its CPU, keeping the
    quietest. The share is reported with the figures."""
    best: dict[str, Any] | None = None
    for attempt in range(args.retries + 1):
        before = machine._cpu()
        started = time.perf_counter()
        figures = load(port, cookies, args.seconds, requests)
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


def _wait(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/konto/anmelden/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases", type=int, help="cases per backend (default 1,000,000 PG, 100,000 SQLite)"
    )
    parser.add_argument("--authorities", type=int, default=300)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (median p95)")
    parser.add_argument("--calls", type=int, default=200, help="in-process calls per scenario")
    parser.add_argument(
        "--max-foreign", type=float, default=5.0, help="repeat a run when others took more %%"
    )
    parser.add_argument("--retries", type=int, default=4, help="repeats of a busy run")
    parser.add_argument("--pause", type=float, default=20.0, help="seconds before a repeat")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--dir",
        type=Path,
        help="work here and keep the databases (PostgreSQL too) and data to look at later",
    )
    parser.add_argument(
        "--no-http", action="store_true", help="only generate and measure in process"
    )
    parser.add_argument("--no-in-process", action="store_true", help="only over HTTP")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on the databases kept in --dir"
    )
    parser.add_argument(
        "--child", choices=("generate", "expect", "inprocess"), help=argparse.SUPPRESS
    )
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    parser.add_argument("--bench-file", help=argparse.SUPPRESS)
    parser.add_argument("--plan-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not common.FULL_REGISTER.is_file():
        raise SystemExit(f"the full register is needed: {common.FULL_REGISTER}")
    print(
        f"{args.clients} clients, {args.workers} workers, {args.repeat} × {args.seconds:.0f} s "
        f"per scenario; {args.authorities} authorities"
    )
    results = []
    if args.reuse and not args.dir:
        raise SystemExit("--reuse needs --dir")
    keep = args.dir is not None
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp_dir:
        tmp = args.dir or tmp_dir
        if keep:
            args.dir.mkdir(parents=True, exist_ok=True)
        backends = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.no_postgres:
            backends.append(("PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            for name, url in backends:
                if name == "PostgreSQL" and not args.reuse:
                    common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
                    common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
                results.append(bench_backend(name, url, Path(tmp), args))
                print(json.dumps(results[-1], default=str), flush=True)
        finally:
            if keep:
                print(f"kept: {tmp} and (PostgreSQL) {POSTGRES_DB}; again with --reuse")
            elif not args.no_postgres:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    print()
    print(
        "backend | authority (cases) | scenario | req/s | p50 | p95 (range) | p99 | "
        "others' CPU | in process: inbox_page p95 | whole view p50 (SQL)"
    )
    for out in results:
        for key, figures in out["http"].items():
            label, scenario = key.split("/")
            authority = out["generated"][label]
            local = out["in_process"].get(key)
            if local is None:
                local = {k: {"p50": float("nan"), "p95": float("nan")} for k in LOCAL_KEYS}
            print(
                f"{out['backend']} | {authority['name']} ({authority['cases']:,}) | "
                f"{scenario} | {figures['rps']:.0f} | {figures['p50']:.1f} ms | "
                f"**{figures['p95']:.1f} ms** "
                f"({figures['p95_min']:.1f}–{figures['p95_max']:.1f}) | "
                f"{figures['p99']:.1f} ms | {figures['foreign_cpu']:.0f} % | "
                f"{local['inbox_page']['p95']:.1f} ms | "
                f"{local['view']['p50']:.1f} ms ({local['view_sql']['p50']:.1f} ms)"
            )


if __name__ == "__main__":
    main()
