"""Latency of the good-practice search (``GET /api/v1/good-practices`` and the public
page ``/gute-beispiele/``) under concurrent clients against gunicorn.

    .venv/bin/python bench/bench_practices.py [--clients 8] [--workers 2] [--seconds 15]
                                              [--repeat 3] [--practices 500]
                                              [--register PATH] [--no-postgres]

For each backend (SQLite, then PostgreSQL unless ``--no-postgres``) the script creates
a fresh database, imports the full GV100AD register (the demo excerpt when ../shared is
absent), loads the demo (catalogue services, networks) and publishes ``--practices``
good practices through the services (fixed seed): authorities drawn from the Kreise
and Gemeinden of every Land, all eight fields of action, texts of 1–2 kB, one in five
linked to a catalogue service. Then ``gunicorn verbund.wsgi`` with ``--workers`` sync
workers, a warm-up, and ``--clients`` client processes that request a mix of searches
(words with and without umlauts, one and two words, filters by field of action, Land,
kind and service, pages 1–3, no-hit queries) in a loop, ``--repeat`` times per
scenario: "api" (the JSON list) and "page" (the HTML page). The run with the median p95
is reported, with the range of p95 over the runs. Every answer must be a 200 (the API's
with a ``count``, the page's a whole document). Client processes run on the same
machine as the server and share its cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from decimal import Decimal
from pathlib import Path

import bench_places as common

ROOT = common.ROOT
POSTGRES_DB = "verbund_bench_practices"
SEED = 2026

# Words a practice is about, per field of action: titles and texts draw from them, and
# so do the searches.
TOPICS: dict[str, tuple[str, ...]] = {
    "medizin": ("Ärztehaus", "Telemedizin", "Gemeindeschwester", "Pflegeberatung",
                     "Hausarztpraxis", "Notfallversorgung"),
    "bildung": ("Schul-WLAN", "Medienentwicklungsplan", "Schulbegleitung", "Volkshochschule",
                  "Lernplattform", "Ganztagsbetreuung"),
    "mobilitaet": ("Bürgerbus", "Rufbus", "Radschnellweg", "Carsharing", "Mitfahrbank",
                 "Schülerverkehr"),
    "wirtschaft": ("Gründerzentrum", "Digitalsprechstunde", "Fachkräftebörse", "Gewerbegebiet",
                "Breitbandausbau", "Innenstadtmanagement"),
    "nahversorgung": ("Dorfladen", "Wochenmarkt", "Abholstation", "Lieferdienst",
                     "Genossenschaftsladen", "Dorfgasthaus"),
    "innovation": ("Geoportal", "Open Data", "Sensorik", "Reallabor", "Smart City",
                   "Künstliche Intelligenz"),
    "egov": ("E-Akte", "E-Rechnung", "Online-Antrag", "Ratsinformationssystem",
                    "IT-Sicherheit", "E-Vergabe"),
    "sonstiges": ("Ehrenamtsbörse", "Klimaschutz", "Bürgerbeteiligung", "Leerstandsmanagement",
              "Friedhofsverwaltung", "Tourismus"),
}  # fmt: skip
PHRASES = (
    "gemeinsam mit den Nachbarkommunen", "mit Fördermitteln des Landes", "im ländlichen Raum",
    "für ältere Menschen", "ohne zusätzliches Personal", "in einer Projektgruppe",
    "mit einem kommunalen Unternehmen", "nach einem Jahr Erprobung", "mit den Vereinen vor Ort",
    "für Familien mit Kindern", "über die Kreisgrenze hinweg", "mit offenen Standards",
)  # fmt: skip
PERIODS = ("once", "monthly", "yearly")


def _sentence(rng: random.Random, topic: str) -> str:
    return (
        f"{rng.choice(('Das', 'Unser', 'Ein'))} Vorhaben {topic} läuft "
        f"{rng.choice(PHRASES)} und {rng.choice(PHRASES)}; "
        f"{rng.choice(('es entlastet', 'es erreicht', 'es verbindet'))} "
        f"{rng.randrange(2, 400)} {rng.choice(('Haushalte', 'Betriebe', 'Schulen', 'Orte'))}."
    )


def seed(count: int) -> None:
    """Publish ``count`` practices through the services (run inside Django)."""
    import django

    django.setup()
    from verbund.authorities.models import Authority, AuthorityKind
    from verbund.catalogue.selectors import published_services
    from verbund.practices.services import PracticeContent, practice_create, practice_publish

    rng = random.Random(SEED)
    kreise = list(
        Authority.objects.filter(
            kind__in=(AuthorityKind.KREIS, AuthorityKind.KREISFREIE_STADT),
            dissolved_on__isnull=True,
        ).order_by("ars")
    )
    gemeinden = list(
        Authority.objects.filter(kind=AuthorityKind.GEMEINDE, dissolved_on__isnull=True)
        .exclude(textkennzeichen__in=("65", "66"))
        .order_by("ars")[::97]
    )
    services = list(published_services())
    for number in range(count):
        field = rng.choice(list(TOPICS))
        topic = rng.choice(TOPICS[field])
        authority = rng.choice(kreise if rng.random() < 0.6 else gemeinden)
        text = [_sentence(rng, rng.choice(TOPICS[field])) for _ in range(12)]
        amount = rng.choice((None, rng.randrange(1_000, 2_000_000)))
        content = PracticeContent(
            title=f"{topic} {rng.choice(PHRASES)} ({number})",
            summary=" ".join(text[:2]),
            problem=" ".join(text[2:5]),
            solution=" ".join(text[5:9]),
            results=" ".join(text[9:]),
            cost_text=rng.choice(("", "Aus dem Haushalt.", "Gefördert vom Land.")),
            cost_amount=None if amount is None else Decimal(amount),
            cost_period="" if amount is None else rng.choice(PERIODS),
            contact_name="Team Digitalisierung",
            contact_email=f"digital@{authority.ars}.bench.invalid",
            field_of_action=field,
            service=rng.choice(services) if services and rng.random() < 0.2 else None,
        )
        practice = practice_create(actor=None, authority=authority, content=content)
        practice_publish(actor=None, practice=practice)


def queries(service_keys: list[str]) -> list[dict[str, str]]:
    """The search mix: words (as typed, with and without umlauts, one or two), filters
    alone and combined, pages 1–3 and queries that find nothing."""
    rng = random.Random(SEED + 1)
    words = [w for topics in TOPICS.values() for w in topics]
    spelled = ["aerztehaus", "buergerbus", "kuenstliche", "ARZTEHAUS", "gründerzentrum"]
    mix: list[dict[str, str]] = []
    for _ in range(600):
        query: dict[str, str] = {}
        roll = rng.random()
        if roll < 0.5:
            query["q"] = rng.choice(words + spelled)
        elif roll < 0.65:
            query["q"] = f"{rng.choice(words)} {rng.choice(('land', 'kinder', 'vereinen'))}"
        elif roll < 0.7:
            query["q"] = rng.choice(("weltraumbahnhof", "zzz", "quantencomputer"))
        if rng.random() < 0.3:
            query["field"] = rng.choice(list(TOPICS))
        if rng.random() < 0.3:
            query["land"] = f"{rng.randrange(1, 17):02d}"
        if rng.random() < 0.15:
            query["kind"] = rng.choice(("kreis", "gemeinde", "kreisfreie_stadt"))
        if service_keys and rng.random() < 0.1:
            query["service"] = rng.choice(service_keys)
        if len(query) <= 1 and "q" not in query and rng.random() < 0.5:
            query["page"] = str(rng.choice((2, 3)))
        mix.append(query)
    return mix


def _client(
    port: int,
    seconds: float,
    offset: int,
    paths: list[str],
    distinct: bool,
    queue: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    """One client: a keep-alive connection, requests in a loop, latencies in ms. A page
    past the end (404) counts as an answer: the mix asks for pages 2 and 3 blindly.
    ``distinct``: every request carries a parameter of its own (which the search
    ignores), so that no answer is one the worker kept."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies: list[float] = []
    errors = 0
    index = offset
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        path = paths[index % len(paths)]
        if distinct:
            path = f"{path}{'&' if '?' in path else '?'}nocache={offset}-{index}"
        index += 1
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        if path.startswith("/api/"):
            ok = (response.status == 200 and b'"count"' in body) or response.status == 404
        else:
            ok = response.status == 200 and body.rstrip().endswith(b"</html>")
        errors += not ok
    queue.put((latencies, errors))


def _load(
    port: int, clients: int, seconds: float, paths: list[str], distinct: bool
) -> dict[str, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    processes = [
        multiprocessing.Process(
            target=_client,
            args=(port, seconds, i * len(paths) // clients, paths, distinct, queue),
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
        raise RuntimeError(f"{errors} answers were not what the request asks for")

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


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    """The project's settings on ``database_url``, with the collected static files (the
    pages need their manifest, as in production) below ``data_dir``."""
    return {**common._env(database_url), "VERBUND_DATA_DIR": str(data_dir)}


def _verbund(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "verbund", *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def _service_keys(env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "verbund", "export_catalogue"],
        env=env,
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


# Scenario → (path, every request distinct). "api" and "page" repeat the mix: after the
# first round the workers answer from what they kept; "-new" makes every request new.
SCENARIOS = {
    "api": ("/api/v1/good-practices", False),
    "page": ("/gute-beispiele/", False),
    "api-new": ("/api/v1/good-practices", True),
    "page-new": ("/gute-beispiele/", True),
}


def _bench(
    database_url: str, data_dir: Path, register: Path, args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    env = _env(database_url, data_dir)
    _verbund(env, "migrate", "--no-input", "-v", "0")
    if not (data_dir / "static" / "staticfiles.json").exists():
        _verbund(env, "collectstatic", "--no-input")
    _verbund(env, "import_gv100ad", str(register))
    _verbund(env, "load_demo")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--seed", str(args.practices)], env=env, check=True, cwd=ROOT
    )
    print(f"  {args.practices} practices published in {time.perf_counter() - started:.1f} s")
    mix = queries(_service_keys(env))
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
    results = {}
    try:
        common._wait_for(port)
        for scenario, (base, distinct) in SCENARIOS.items():
            paths = [f"{base}?{urllib.parse.urlencode(q)}" if q else base for q in mix]
            _load(port, args.clients, 2, paths, distinct)  # warm-up: connections, bytecode
            runs = sorted(
                (
                    _load(port, args.clients, args.seconds, paths, distinct)
                    for _ in range(args.repeat)
                ),
                key=lambda figures: figures["p95"],
            )
            results[scenario] = {
                "distinct_requests": len(set(paths)),
                **runs[len(runs) // 2],
                "p95_min": runs[0]["p95"],
                "p95_max": runs[-1]["p95"],
            }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (median p95)")
    parser.add_argument("--practices", type=int, default=500)
    parser.add_argument("--register", type=Path)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)  # the data, in Django
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed)
        return
    register = args.register or (
        common.FULL_REGISTER if common.FULL_REGISTER.is_file() else common.DEMO_REGISTER
    )
    print(
        f"register: {register.name}; {args.practices} practices; "
        f"{args.clients} clients, {args.workers} workers"
    )
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        backends = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.no_postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            backends.append(("PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            for name, url in backends:
                print(name)
                data_dir = Path(tmp) / "data"
                for scenario, figures in _bench(url, data_dir, register, args).items():
                    print(
                        f"{name:<10} {scenario:<8} {figures['distinct_requests']:>4.0f} distinct "
                        f"{figures['requests']:>7.0f} requests  {figures['rps']:5.0f} req/s  "
                        f"p50 {figures['p50']:5.1f} ms  p95 {figures['p95']:5.1f} ms "
                        f"({figures['p95_min']:.1f}–{figures['p95_max']:.1f})  "
                        f"p99 {figures['p99']:5.1f} ms  max {figures['max']:6.1f} ms"
                    )
                    print(json.dumps({"backend": name, "scenario": scenario, **figures}))
        finally:
            if not args.no_postgres:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    main()
