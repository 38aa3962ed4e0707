"""A survey of 294 Kreise with 60 questions: the results page, the XLSX export and the launch.

    .venv/bin/python bench/bench_surveys.py [--requests 30] [--exports 5] [--launches 3]
                                            [--no-postgres | --no-sqlite] [--json PATH]

The issue (#14): 294 responses × 60 questions, the results page computed and rendered
in under 300 ms server time, the XLSX export in under 3 s, and ``survey_launch``
queueing 294 invitations in under 5 s.

For each backend (SQLite, then PostgreSQL) the script makes a fresh database (SQLite:
a file in a temporary directory with the project's settings; PostgreSQL:
``verbund_bench_surveys`` on 127.0.0.1:5432, dropped and created, dropped at the end),
migrates it, imports the full GV100AD register and runs ``collectstatic`` (debug is
off, as in production). A child process with the project's settings then builds,
through the services only: a network with the first 294 Kreise (by ARS) as members
and a coordinator; a survey of 6 sections × 10 questions (every type: yes/no, two
single choices, a multiple choice, two matrices, a scale, a number, a date, a free
text; each section's first single choice is asked only after a "ja"); the 294 Kreise
as recipients; ``survey_launch``; then 294 answers (random, seed 2026, about 90 % of
the optional questions answered) saved and submitted with ``response_save`` and
``response_submit``.

Measured in that process, through Django's test client (the whole stack: middleware,
access checks, queries, figures, charts, template; no network, no WSGI server):

* **page** – ``GET …/ergebnisse/`` as the coordinator (every free text with the
  authority's name), 3 warm-up requests, then ``--requests``; p50, p95, max; every
  answer must be a 200 that says "294 von 294";
* **page, one Land** – the same with ``?land=<the Land with the most recipients>``;
* **figures only** – ``selectors.survey_results`` (the two queries and the statistics)
  without the page, to tell computing from rendering;
* **XLSX** – ``GET …/ergebnisse.xlsx``, ``--exports`` times (p50, max); read back once
  with openpyxl: 295 rows on "Antworten", one row per column on "Codebuch";
* **CSV** – ``GET …/ergebnisse.csv``, ``--exports`` times;
* **launch** – ``survey_launch`` of ``--launches`` surveys with the same 294 recipients
  (each queues 294 invitation tasks in the database backend, in its transaction); the
  first is the measured survey itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_inbox as inbox
import bench_journeys as machine
import bench_places as common

POSTGRES_DB = "verbund_bench_surveys"
SEED = 2026
RECIPIENTS = 294
SECTIONS = 6
PASSWORD = "Verbund-Bench-2026!"
WORDS = (
    "Schulungen", "gemeinsame", "Beschaffung", "Rechenzentrum", "E-Akte", "Personal",
    "Fördermittel", "Austausch", "Standards", "Schnittstellen", "Breitband", "Mobilität",
    "Pflege", "Schulen", "Ärztemangel", "Nahversorgung", "Informationssicherheit", "Portal",
    "Beratung", "Vergabe", "Rechnung", "Betrieb", "Fachverfahren", "Haushalt",
)  # fmt: skip


# --- the survey ---------------------------------------------------------------------------


def definition() -> dict[str, Any]:
    """6 sections of 10 questions, every type, one condition per section."""
    fields = [
        {"key": key, "label": label}
        for key, label in (
            ("medizin", "Medizinische Versorgung"),
            ("bildung", "Bildung"),
            ("mobil", "Mobilität"),
            ("wirtschaft", "Wirtschaftsförderung / Mittelstand 4.0"),
            ("nahversorgung", "Nahversorgung"),
            ("innovation", "Innovation"),
            ("egov", "E-Government"),
        )
    ]
    stand = [
        {"key": "alle", "label": "umgesetzt (alle Bereiche)", "score": 3},
        {"key": "teile", "label": "umgesetzt (einige Bereiche)", "score": 2},
        {"key": "projekt", "label": "aktuelles Projekt", "score": 1},
        {"key": "geplant", "label": "geplant", "score": 1},
        {"key": "kein", "label": "kein Thema", "score": 0},
    ]
    sections = []
    for s in range(1, SECTIONS + 1):
        field = fields[s % len(fields)]["key"]
        k = f"s{s}"

        def q(name: str, kind: str, text: str, k: str = k, **extra: Any) -> dict[str, Any]:
            return {"key": f"{k}_{name}", "type": kind, "text": text, **extra}

        def options(prefix: str, label: str, count: int) -> list[dict[str, Any]]:
            return [{"key": f"{prefix}{n}", "label": f"{label} {n}"} for n in range(1, count + 1)]

        partners = [{**o, "score": 1} for o in options("p", "Partner", 6)]
        needs = [{"key": key, "label": key} for key in ("hoch", "mittel", "gering")]
        aktiv = {"question": f"{k}_aktiv", "in": ["ja"]}
        questions = [
            q("aktiv", "yesno", f"Ist Thema {s} bei Ihnen aktiv?", required=True, field=field,
              scores={"ja": 1, "nein": 0}),
            q("stand", "single", "Wie weit ist die Umsetzung?", field=field, options=stand,
              show_if=aktiv),
            q("partner", "multiple", "Mit wem arbeiten Sie zusammen?", options=partners),
            q("vorhaben", "matrix", "Wie steht es um diese Vorhaben?", field=field,
              rows=options("v", "Vorhaben", 5), options=stand[1:]),
            q("zufrieden", "scale", "Wie zufrieden sind Sie?", min=1, max=5, scored=True,
              min_label="gar nicht", max_label="sehr", field=field),
            q("stellen", "number", "Wie viele Stellen?", min=0, max=1000, decimals=1),
            q("prio", "single", "Welche Priorität hat das Thema?", options=options("r", "Rang", 5)),
            q("seit", "date", "Seit wann?"),
            q("wunsch", "text", "Was wünschen Sie sich?", multiline=True),
            q("bedarf", "matrix", "Wie groß ist der Bedarf?", rows=options("b", "Bereich", 3),
              options=needs),
        ]  # fmt: skip
        sections.append({"key": k, "title": f"Abschnitt {s}", "questions": questions})
    return {"fields": fields, "sections": sections}


def random_answers(survey: Any, rng: random.Random) -> dict[str, Any]:
    """Valid answers in question order, only to questions shown by the earlier ones."""
    from verbund.surveys import engine
    from verbund.surveys.engine import Type

    answers: dict[str, Any] = {}
    for q in survey.questions:
        if q.key not in engine.visible_keys(survey, answers):
            continue
        if not q.required and rng.random() > 0.9:
            continue
        keys = [o.key for o in q.options]
        if q.type in (Type.SINGLE, Type.YESNO):
            answers[q.key] = rng.choice(keys)
        elif q.type is Type.MULTIPLE:
            answers[q.key] = sorted(rng.sample(keys, rng.randint(1, len(keys))), key=keys.index)
        elif q.type is Type.MATRIX:
            answers[q.key] = {r.key: rng.choice(keys) for r in q.rows}
        elif q.type is Type.SCALE:
            answers[q.key] = rng.choice(q.scale_values)
        elif q.type is Type.NUMBER:
            answers[q.key] = rng.randint(0, 10_000) / 10
        elif q.type is Type.DATE:
            answers[q.key] = (
                dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
            ).isoformat()
        else:
            answers[q.key] = " ".join(rng.choices(WORDS, k=rng.randint(3, 40))) + "."
    return answers


# --- the measuring child (Django set up on the bench database) ----------------------------


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(ordered)}


def measure(requests: int, exports: int, launches: int) -> dict[str, Any]:
    import io

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from openpyxl import load_workbook

    from verbund.accounts.models import User
    from verbund.accounts.services import network_role_grant, staff_user_create
    from verbund.authorities.models import Authority, AuthorityKind
    from verbund.networks.models import NetworkKind
    from verbund.networks.services import membership_add, network_create
    from verbund.surveys import engine
    from verbund.surveys.models import Recipient
    from verbund.surveys.results import selectors
    from verbund.surveys.services import (
        AddressLine,
        recipients_add,
        response_save,
        response_submit,
        survey_create,
        survey_launch,
    )

    out: dict[str, Any] = {"vendor": connection.vendor}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
        )
        out["server_version"] = cursor.fetchone()[0].split(" on ")[0]

    started = time.perf_counter()
    kreise = list(
        Authority.objects.filter(kind=AuthorityKind.KREIS, dissolved_on__isnull=True).order_by(
            "ars"
        )[:RECIPIENTS]
    )
    if len(kreise) < RECIPIENTS:
        raise SystemExit(f"only {len(kreise)} Kreise in the register")
    network = network_create(
        actor=None,
        name="Kreisverbund Bench",
        slug="bench-umfragen",
        kind=NetworkKind.COUNTY_NETWORK,
    )
    for kreis in kreise:
        membership_add(actor=None, network=network, authority=kreis, joined_on=dt.date(2020, 1, 1))
    coordinator = staff_user_create(
        actor=None,
        authority=kreise[0],
        username="bench.koordination",
        display_name="Koordination",
        email="koordination@example.org",
        password=PASSWORD,
        role="clerk",
    )
    User.objects.filter(pk=coordinator.pk).update(two_factor_exempt=True)  # VERBUND_DEMO=1
    network_role_grant(actor=None, network=network, user=coordinator, role="coordinator")
    lines = [AddressLine(k, f"umfrage-{k.ars}@example.org") for k in kreise]
    surveys = []
    for number in range(1, launches + 1):
        survey = survey_create(
            actor=coordinator,
            network=network,
            title=f"Digitalisierung der Kreise {number}",
            closes_on=timezone.localdate() + dt.timedelta(days=30),
            definition=definition(),
        )
        recipients_add(actor=coordinator, survey=survey, lines=lines)
        surveys.append(survey)
    launch_s = []
    for survey in surveys:
        begun = time.perf_counter()
        survey_launch(actor=coordinator, survey=survey)
        launch_s.append(time.perf_counter() - begun)
    survey = surveys[0]
    compiled = engine.compile_survey(survey.definition)
    rng = random.Random(SEED)
    answered_started = time.perf_counter()
    for recipient in Recipient.objects.filter(survey=survey).order_by("authority__ars"):
        response_save(recipient=recipient, answers=random_answers(compiled, rng))
        response_submit(recipient=recipient, respondent="Digitalisierungsbeauftragte")
    out["setup"] = {
        "world_s": answered_started - started,
        "answers_s": time.perf_counter() - answered_started,
        "questions": len(compiled.questions),
        "answers": sum(len(r.answers) for r in Recipient.objects.filter(survey=survey)),
    }
    print(
        f"  {len(compiled.questions)} questions, {RECIPIENTS} recipients; "
        f"{out['setup']['answers']:,} answers submitted in {out['setup']['answers_s']:.1f} s",
        flush=True,
    )
    out["launch_s"] = {**_stats(launch_s), "runs": launch_s}
    print("  launch: " + ", ".join(f"{s * 1000:.0f} ms" for s in launch_s), flush=True)

    client = Client()
    client.force_login(coordinator)
    kwargs = {"pk": network.pk, "survey_pk": survey.pk}
    page_url = reverse("staff:survey_results", kwargs=kwargs)
    lands: dict[str, int] = {}
    for kreis in kreise:
        lands[kreis.ars[:2]] = lands.get(kreis.ars[:2], 0) + 1
    land = max(lands, key=lambda key: lands[key])
    foreign: dict[str, dict[str, float]] = {}
    cpu_times: dict[str, list[float]] = {}

    def timed(url: str, expect: bytes, count: int, warm: int = 3) -> tuple[list[float], int]:
        """Wall times of ``count`` GETs after ``warm`` untimed ones. This process's CPU
        time of each goes to ``cpu_times[url]`` (on a shared machine the wall time
        includes waiting for a core), the others' share of the CPU to ``foreign[url]``."""
        times = []
        cpu_times[url] = []
        size = 0
        before, begun_all = machine._cpu(), time.perf_counter()
        for index in range(warm + count):
            begun, begun_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed = time.perf_counter() - begun
            if index >= warm:
                cpu_times[url].append(time.process_time() - begun_cpu)
            if response.status_code != 200 or expect not in response.content:
                raise SystemExit(f"{url}: {response.status_code}, {expect!r} missing")
            size = len(response.content)
            if index >= warm:
                times.append(elapsed)
        foreign[url] = machine._foreign(before, machine._cpu(), time.perf_counter() - begun_all)
        return times, size

    page, size = timed(page_url, f"{RECIPIENTS} von {RECIPIENTS} befragten".encode(), requests)
    out["page_ms"] = {**_stats([t * 1000 for t in page]), "bytes": size, **foreign[page_url]}
    out["page_cpu_ms"] = _stats([t * 1000 for t in cpu_times[page_url]])
    filtered, fsize = timed(
        f"{page_url}?land={land}", f"{lands[land]} von {lands[land]}".encode(), requests
    )
    out["page_land_ms"] = {**_stats([t * 1000 for t in filtered]), "bytes": fsize, "land": land}
    figures = []
    for _n in range(requests):
        begun = time.perf_counter()
        selectors.survey_results(survey)
        figures.append((time.perf_counter() - begun) * 1000)
    out["figures_ms"] = _stats(figures)
    print(
        f"  page p50 {out['page_ms']['p50']:.1f} ms, p95 {out['page_ms']['p95']:.1f} ms "
        f"(CPU of this process p50 {out['page_cpu_ms']['p50']:.1f}, "
        f"p95 {out['page_cpu_ms']['p95']:.1f} ms) "
        f"({size / 1e6:.2f} MB; others {out['page_ms']['foreign_cpu']:.0f} % of the CPU); "
        f"one Land ({land}, {lands[land]}): p50 "
        f"{out['page_land_ms']['p50']:.1f} ms; figures alone p50 {out['figures_ms']['p50']:.1f} ms",
        flush=True,
    )

    xlsx_url = reverse("staff:survey_results_xlsx", kwargs=kwargs)
    xlsx, xsize = timed(xlsx_url, b"PK", exports, warm=1)
    book = load_workbook(io.BytesIO(client.get(xlsx_url).content), read_only=True)
    answers_sheet, codebook = book["Antworten"], book["Codebuch"]
    rows = sum(1 for _row in answers_sheet.iter_rows(values_only=True))
    columns = len(next(answers_sheet.iter_rows(values_only=True)))
    codebook_rows = sum(1 for _row in codebook.iter_rows(values_only=True))
    if rows != RECIPIENTS + 1 or codebook_rows != columns + 1:
        raise SystemExit(f"XLSX: {rows} rows, {columns} columns, code book {codebook_rows} rows")
    out["xlsx_s"] = {
        **_stats(xlsx),
        "bytes": xsize,
        "rows": rows,
        "columns": columns,
        **foreign[xlsx_url],
    }
    csv_url = reverse("staff:survey_results_csv", kwargs=kwargs)
    csv_times, csize = timed(csv_url, b"ARS;Name", exports, warm=1)
    out["csv_s"] = {**_stats(csv_times), "bytes": csize}
    print(
        f"  XLSX p50 {out['xlsx_s']['p50'] * 1000:.0f} ms, "
        f"max {out['xlsx_s']['max'] * 1000:.0f} ms "
        f"({rows} rows × {columns} columns, {xsize / 1e3:.0f} kB); CSV p50 "
        f"{out['csv_s']['p50'] * 1000:.0f} ms",
        flush=True,
    )
    return out


# --- the driver ---------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    cpu = ""
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": subprocess.run(["date"], capture_output=True, text=True).stdout.strip(),
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def _backend(name: str, url: str, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = inbox._env(url, str(tmp / f"data-{name}"))
    setup = {
        "migrate_s": inbox._run(env, "-m", "verbund", "migrate", "--no-input", "-v", "0"),
        "register_s": inbox._run(env, "-m", "verbund", "import_gv100ad", str(common.FULL_REGISTER)),
        "collectstatic_s": inbox._run(
            env, "-m", "verbund", "collectstatic", "--no-input", "-v", "0"
        ),
    }
    print(
        f"{name}: migrate {setup['migrate_s']:.1f} s, register {setup['register_s']:.1f} s, "
        f"collectstatic {setup['collectstatic_s']:.1f} s",
        flush=True,
    )
    out = tmp / f"{name}.json"
    inbox._run(
        env,
        __file__,
        "--child",
        "--out",
        str(out),
        "--requests",
        str(args.requests),
        "--exports",
        str(args.exports),
        "--launches",
        str(args.launches),
        quiet=False,
    )
    result: dict[str, Any] = json.loads(out.read_text())
    result["database_setup"] = setup
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests of the page")
    parser.add_argument("--exports", type=int, default=5, help="timed downloads of each export")
    parser.add_argument("--launches", type=int, default=3, help="surveys launched (and timed)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
        import django

        django.setup()
        result = measure(args.requests, args.exports, args.launches)
        Path(args.out).write_text(json.dumps(result, default=str))
        return

    if not common.FULL_REGISTER.is_file():
        raise SystemExit(f"the full register is needed: {common.FULL_REGISTER}")
    machine = _machine()
    print(
        f"{machine['date']}; nproc {machine['nproc']}, {machine['cpu']}, Python {machine['python']}"
    )
    results: dict[str, Any] = {"machine": machine}
    with tempfile.TemporaryDirectory(prefix="verbund-bench-surveys-") as tmp_dir:
        tmp = Path(tmp_dir)
        if not args.no_sqlite:
            results["SQLite"] = _backend("SQLite", f"sqlite:///{tmp}/bench.sqlite3", tmp, args)
        if not args.no_postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            try:
                results["PostgreSQL"] = _backend(
                    "PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}", tmp, args
                )
            finally:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    if args.json:
        args.json.write_text(json.dumps(results, default=str, indent=1))

    print()
    print(
        "backend | page p50 / p95 / max | page CPU p50 / p95 | one Land p50 / p95 | "
        "figures alone p50 | XLSX p50 / max | CSV p50 | launch p50 / max | others' CPU (page)"
    )
    verdicts = []
    for name in ("SQLite", "PostgreSQL"):
        if name not in results:
            continue
        r = results[name]
        page, land, xlsx, launch = r["page_ms"], r["page_land_ms"], r["xlsx_s"], r["launch_s"]
        print(
            f"{name} {r['server_version']} | {page['p50']:.1f} / {page['p95']:.1f} / "
            f"{page['max']:.1f} ms | {r['page_cpu_ms']['p50']:.1f} / "
            f"{r['page_cpu_ms']['p95']:.1f} ms | {land['p50']:.1f} / {land['p95']:.1f} ms | "
            f"{r['figures_ms']['p50']:.1f} ms | {xlsx['p50'] * 1000:.0f} / "
            f"{xlsx['max'] * 1000:.0f} ms | {r['csv_s']['p50'] * 1000:.0f} ms | "
            f"{launch['p50'] * 1000:.0f} / {launch['max'] * 1000:.0f} ms | "
            f"{page['foreign_cpu']:.0f} %"
        )
        verdicts.append(
            f"{name}: page p95 < 300 ms {'reached' if page['p95'] < 300 else 'MISSED'}, "
            f"XLSX < 3 s {'reached' if xlsx['max'] < 3 else 'MISSED'}, "
            f"launch < 5 s {'reached' if launch['max'] < 5 else 'MISSED'}"
        )
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
