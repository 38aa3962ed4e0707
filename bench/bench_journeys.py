"""Whole application journeys under load against gunicorn, a baseline, and a crash test.

    .venv/bin/python bench/bench_journeys.py [--users 16] [--workers 2] [--seconds 60]
                                             [--submit-seconds 30] [--submit-drafts 160]
                                             [--repeat 1] [--crash | --only-crash]
                                             [--kills 3] [--crash-after 10]
                                             [--hold-submit outer:300]
                                             [--no-postgres | --no-sqlite]

For each backend (SQLite, then PostgreSQL unless ``--no-postgres``) the script
creates a fresh database, imports the demo register and builds a small world
through the audited services: Kreis Düren and Merzenich are members of a
network, Düren builds, publishes and adopts (online, without fees) a Kreis-level
service whose form has 6 steps (yes/no with a condition, name, date, address,
IBAN, long text, e-mail, phone; no uploads, no fees). Then one
``gunicorn verbund.wsgi`` with ``--workers`` sync workers, with the bench's
settings (``journey_settings``: the product's URLs plus ``POST /bench/baseline/``),
serves every phase:

* **journeys** – ``--users`` client processes each play citizens for
  ``--seconds``: a fresh browser (cookies) per journey, the start page, "start",
  every page of the form (GET, then POST with valid answers), "check your
  answers", submit, the confirmation page. The answers are made per kind of
  question from the compiled form; every journey takes all 6 pages.
* **baseline** – the same users for the same time POST the same answers JSON
  to the baseline view, which stores it in one transaction.
* **submit** – each user first prepares ``--submit-drafts`` drafts up to the
  check page (not timed), then only the submit POSTs are timed, for
  ``--submit-seconds`` or until a user runs out of drafts.
* **crash** (``--crash``) – journeys as above on a fresh gunicorn; every
  ``--crash-after`` seconds, at a moment when a submit is on its way, the
  server's whole process group gets SIGKILL and a new gunicorn starts on the
  same database and port (``--kills`` times), then the load goes on for
  ``--crash-tail`` seconds. Clients retry a request that failed with a
  connection error, with the same cookies; a submit whose answer was lost is
  retried until it gets a reference, and must get the submission that exists
  for its draft, or a new one only if none was made. So that some kills land
  between a submission's commit and its answer, this server holds the answer
  to each successful submit for ``--hold-submit`` (default 300 ms, after the
  session is saved; ``inner:300`` holds it before the session is saved).

After every phase the references the clients were told are compared with the
database: each exists exactly once, with the answers the client sent, and the
database holds none that no client was told about (reported separately as
"lost": allowed only in the crash test). Every submission must have its case,
its two audit entries and its e-mail task, and the audit chain must verify.
Any unexpected status is an error; the first few are printed, and 500
tracebacks from gunicorn's error log. Exit status 0 only if every check holds.
Client processes share the machine's cores with the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import http.cookies
import json
import multiprocessing
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import bench_places as common

ROOT = common.ROOT
BENCH = Path(__file__).resolve().parent
POSTGRES_DB = "verbund_bench_journeys"
DUEREN, MERZENICH = "05358", "053580040040"
SEED = "§SEED§"  # replaced by the journey's seed in every posted value
GRACE_SECONDS = 30.0  # how long a crashed submit is retried after the end
KINDS = ("start page", "start", "step GET", "step POST", "check", "submit", "confirmation")
CONNECTION_ERRORS = (OSError, http.client.HTTPException)
PROXY_ERRORS = (502, 503, 504)
REFERENCE = re.compile(r"^/antrag/bestaetigung/(VB-\d{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/$")
FIRST_STEP = re.compile(r"^/antrag/([0-9a-f-]{36})/([a-z0-9_-]+)/$")

NO_FIRST = {"properties": {"erstantrag": {"const": False}}, "required": ["erstantrag"]}
DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "erstantrag": {
                "type": "boolean",
                "title": "Beantragen Sie die Förderung zum ersten Mal?",
            },
            "aktenzeichen": {
                "type": "string",
                "title": "Aktenzeichen des früheren Bescheids",
                "pattern": "^LR-[0-9]{4}-[0-9]{1,5}$",
                "x-error": "Das Aktenzeichen sieht aus wie „LR-2025-123“.",
            },
            "name": {
                "type": "string",
                "title": "Ihr Name",
                "maxLength": 100,
                "x-autocomplete": "name",
            },
            "geburtsdatum": {
                "type": "string",
                "format": "date",
                "title": "Ihr Geburtsdatum",
                "x-date": "past",
                "x-autocomplete": "bday",
            },
            "anschrift": {"type": "object", "x-kind": "address", "title": "Ihre Anschrift"},
            "iban": {"type": "string", "format": "iban", "title": "IBAN für die Auszahlung"},
            "kontoinhaber": {
                "type": "string",
                "title": "Kontoinhaberin oder Kontoinhaber",
                "maxLength": 100,
            },
            "nutzung": {
                "type": "string",
                "x-kind": "textarea",
                "title": "Wofür werden Sie das Lastenrad nutzen?",
                "description": "Zum Beispiel Wege zur Kita, Einkäufe, Fahrten zur Arbeit.",
                "minLength": 20,
                "maxLength": 2000,
            },
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
            "telefon": {"type": "string", "format": "phone", "title": "Telefon für Rückfragen"},
        },
        "required": [
            "erstantrag",
            "aktenzeichen",
            "name",
            "geburtsdatum",
            "anschrift",
            "iban",
            "kontoinhaber",
            "nutzung",
            "email",
        ],
    },
    "steps": [
        {
            "key": "erstantrag",
            "title": "Beantragen Sie die Förderung zum ersten Mal?",
            "fields": ["erstantrag"],
        },
        {
            "key": "frueherer-antrag",
            "title": "Ihr früherer Antrag",
            "fields": ["aktenzeichen"],
            "when": NO_FIRST,
        },
        {
            "key": "person",
            "title": "Angaben zu Ihnen",
            "fields": ["name", "geburtsdatum", "anschrift"],
        },
        {"key": "bankverbindung", "title": "Bankverbindung", "fields": ["iban", "kontoinhaber"]},
        {
            "key": "nutzung",
            "title": "Wofür werden Sie das Lastenrad nutzen?",
            "fields": ["nutzung"],
        },
        {"key": "kontakt", "title": "So erreichen wir Sie", "fields": ["email", "telefon"]},
    ],
    "contact": {"email": "email", "name": "name"},
}
# Issue #13's small form: 2 pages of 3 questions, no login, no payment, no upload.
SMALL_DEFINITION: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "vorname": {"type": "string", "title": "Vorname", "maxLength": 100},
            "nachname": {"type": "string", "title": "Nachname", "maxLength": 100},
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
            "geburtsdatum": {
                "type": "string",
                "format": "date",
                "title": "Ihr Geburtsdatum",
                "x-date": "past",
            },
            "anzahl": {
                "type": "integer",
                "title": "Wie viele Räder?",
                "minimum": 1,
                "maximum": 9,
            },
            "bemerkung": {"type": "string", "title": "Bemerkung (freiwillig)", "maxLength": 500},
        },
        "required": ["vorname", "nachname", "email", "geburtsdatum", "anzahl"],
    },
    "steps": [
        {"key": "person", "title": "Angaben zu Ihnen", "fields": ["vorname", "nachname", "email"]},
        {
            "key": "angaben",
            "title": "Ihr Antrag",
            "fields": ["geburtsdatum", "anzahl", "bemerkung"],
        },
    ],
    "contact": {"email": "email", "name": "nachname"},
}
FORMS = {"lastenrad": None, "small": SMALL_DEFINITION}  # None: DEFINITION (set below)

# Answers that a kind alone does not determine: "Nein" shows the conditional step.
FIELD_VALUES = {"erstantrag": "nein", "aktenzeichen": "LR-2025-1234"}
LONG_TEXT = (
    "Ich bringe unsere zwei Kinder jeden Morgen mit dem Lastenrad zur Kita in Merzenich "
    "und fahre danach weiter zur Arbeit nach Düren (etwa 9 km). Nachmittags erledige ich "
    "damit die Einkäufe für die Familie. Bisher nutzen wir dafür das Auto; mit der "
    "Förderung können wir auf den Zweitwagen verzichten. Antrag " + SEED + "."
)


# --- the form, as the clients fill it ---------------------------------------------------


def _post_values(field: Any, engine: Any) -> dict[str, str]:
    """What a browser posts for one question: a valid answer for its kind."""
    kind, name = field.kind, field.name
    if name in FIELD_VALUES:
        return {name: FIELD_VALUES[name]}
    if kind is engine.Kind.DATE:
        year = "1986" if field.date_rule != "future" else str(dt.date.today().year + 1)
        return {f"{name}-tag": "14", f"{name}-monat": "3", f"{name}-jahr": year}
    if kind is engine.Kind.ADDRESS:
        return {
            f"{name}-strasse": "Valdersweg",
            f"{name}-hausnummer": "1",
            f"{name}-plz": "52399",
            f"{name}-ort": "Merzenich",
        }
    simple = {
        engine.Kind.TEXT: f"Anna Beispiel {SEED}",
        engine.Kind.TEXTAREA: LONG_TEXT,
        engine.Kind.NUMBER: "2",
        engine.Kind.MONEY: "16,80",
        engine.Kind.YESNO: "ja",
        engine.Kind.POSTCODE: "52399",
        engine.Kind.IBAN: "DE02 1203 0000 0000 2020 51",
        engine.Kind.EMAIL: f"anna.{SEED}@example.de",
        engine.Kind.PHONE: "02421 22-0",
    }
    if kind in simple:
        return {name: simple[kind]}
    if kind is engine.Kind.CHOICE:
        return {name: str(field.choices[0].value)}
    raise ValueError(f"the bench cannot answer a {kind} question ({name})")


def journey_plan(definition: dict[str, Any]) -> dict[str, Any]:
    """The pages a citizen sees, in order, with what each posts, and the answers the
    submission must hold (``SEED`` stands for the journey's seed in both)."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False)  # the engine's messages, should a value fail
    from verbund.formengine import engine

    form = engine.compile_form(definition)
    answers: dict[str, Any] = {}
    completed: list[str] = []
    pages = []
    while open_steps := engine.steps_open(form, answers, completed):
        step = open_steps[0]
        post: dict[str, str] = {"aktion": "weiter"}
        for field in step.fields:
            post.update(_post_values(field, engine))
        result = engine.parse_step(form, step, post, answers)
        if not result.ok:
            raise ValueError(f"the bench's answers for {step.key} are refused: {result.errors}")
        answers = engine.apply_step(form, step, answers, result.values)
        completed.append(step.key)
        pages.append((step.key, post))
    return {
        "pages": pages,
        "answers": json.dumps(engine.prune(form, answers), ensure_ascii=False),
    }


def _fill(template: dict[str, str], seed: str) -> dict[str, str]:
    return {key: value.replace(SEED, seed) for key, value in template.items()}


def answers_json(plan: dict[str, Any], seed: str) -> str:
    return str(plan["answers"]).replace(SEED, seed)


def digest(answers: Any) -> str:
    canonical = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# --- inside Django: the world and the inventory ---------------------------------------------


def definition_of(form: str) -> dict[str, Any]:
    return FORMS[form] or DEFINITION


def offer_service(
    builder: Any, *, service: dict[str, str], office: dict[str, str], form: str
) -> Any:
    """``builder`` builds and publishes a Kreis-level service (``service``: slug, title,
    summary, volltext, online_url), offers it online without fees from an office
    (``office``: name, street, postcode, city, phone, email) and gives it the bench's
    form; inside Django, in the caller's transaction. Returns the service."""
    from verbund.catalogue.models import Level, Themenfeld
    from verbund.catalogue.services import (
        adoption_create,
        office_create,
        service_create,
        service_publish,
    )
    from verbund.formengine.services import form_version_create

    created = service_create(
        actor=None,
        builder=builder,
        unterlagen="Keine; die Rechnung reichen Sie nach dem Kauf ein.",
        processing_days=20,
        themenfeld=Themenfeld.UMWELT,
        level=Level.KREIS,
        maturity=3,
        **service,
    )
    created = service_publish(actor=None, service=created)
    place = office_create(
        actor=None,
        authority=builder,
        opening_hours="Mo–Fr 8:00–12:00",
        accessibility="Das Gebäude ist stufenlos erreichbar.",
        **office,
    )
    adoption_create(
        actor=None,
        service=created,
        authority=builder,
        office=place,
        fees=[],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    form_version_create(actor=None, service=created, definition=definition_of(form))
    return created


def setup_world(form: str = "lastenrad") -> None:
    """Build the bench's world through the audited services; print the service key."""
    import django

    django.setup()
    from django.db import transaction
    from journey_server import create_baseline_table

    from verbund.authorities.models import Authority
    from verbund.networks.models import NetworkKind
    from verbund.networks.services import membership_add, network_create

    with transaction.atomic():
        dueren = Authority.objects.get(ars=DUEREN)
        merzenich = Authority.objects.get(ars=MERZENICH)
        network = network_create(
            actor=None,
            name="Kreisverbund Düren (Bench)",
            slug="bench-dueren",
            kind=NetworkKind.COUNTY_NETWORK,
            description="Kreis Düren und Merzenich, für den Lasttest der Antragsstrecke.",
        )
        for authority in (dueren, merzenich):
            membership_add(
                actor=None, network=network, authority=authority, joined_on=dt.date(2024, 1, 1)
            )
        service = offer_service(
            dueren,
            service={
                "slug": "lastenrad-foerderung",
                "title": "Förderung eines Lastenrads beantragen",
                "summary": (
                    "Der Kreis Düren fördert den Kauf eines Lastenrads mit bis zu 1.000 Euro."
                ),
                "volltext": (
                    "Privatpersonen mit Wohnsitz im Kreis Düren können eine Förderung beantragen."
                ),
                "online_url": "https://portal.bench.verbund.invalid/antrag",
            },
            office={
                "name": "Amt für Klimaschutz",
                "street": "Bismarckstraße 16",
                "postcode": "52351",
                "city": "Düren",
                "phone": "02421 000-0",
                "email": "klimaschutz@bench.verbund.invalid",
            },
            form=form,
        )
        create_baseline_table()
    print(json.dumps({"service": service.key}))


def inventory() -> None:
    """Print what the database holds: every submission and baseline row (reference,
    draft, time, digest of the answers) and the counts that must agree."""
    import django

    django.setup()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult
    from journey_server import BASELINE_TABLE

    from verbund.applications.models import Draft, Submission
    from verbund.cases.models import Case
    from verbund.core.audit import audit_verify
    from verbund.core.models import AuditEntry

    draft_of = {
        submission: str(draft)
        for draft, submission in Draft.objects.filter(submission__isnull=False).values_list(
            "id", "submission_id"
        )
    }
    submissions = [
        [reference, draft_of.get(pk, ""), submitted_at.timestamp(), digest(answers)]
        for pk, reference, submitted_at, answers in Submission.objects.values_list(
            "pk", "reference", "submitted_at", "answers"
        ).iterator()
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT reference, data FROM {BASELINE_TABLE}")
        baseline = [
            [reference, digest(json.loads(data) if isinstance(data, str) else data)]
            for reference, data in cursor.fetchall()
        ]
    # One entry per submission, which also records the case opened for it.
    created = AuditEntry.objects.filter(action="submission.create")
    verification = audit_verify()
    print(
        json.dumps(
            {
                "submissions": submissions,
                "baseline": baseline,
                "drafts_submitted": len(draft_of),
                "cases": Case.objects.count(),
                "audit_submission": created.count(),
                "audit_case": created.filter(changes__has_key="case").count(),
                "tasks": DBTaskResult.objects.filter(
                    task_path="verbund.applications.tasks.send_confirmation"
                ).count(),
                "audit_chain": verification.ok,
                "audit_checked": verification.checked,
                "audit_reason": str(verification.first or ""),
            }
        )
    )


# --- the server ---------------------------------------------------------------------------


DATA_DIR: list[str] = []  # set by main(): a temporary VERBUND_DATA_DIR (collected static files)


def _env(database_url: str) -> dict[str, str]:
    env = common._env(database_url)
    env["DJANGO_SETTINGS_MODULE"] = "journey_settings"
    env["VERBUND_DATA_DIR"] = DATA_DIR[0]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(BENCH), env.get("PYTHONPATH", "")) if p)
    return env


def _django(database_url: str, *args: str) -> str:
    done = subprocess.run(args, env=_env(database_url), cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
        raise RuntimeError(f"{' '.join(args[1:])} failed ({done.returncode})")
    return done.stdout


class Server:
    """``gunicorn verbund.wsgi`` in its own process group, logging into ``log``."""

    def __init__(self, database_url: str, port: int, workers: int, log: Path) -> None:
        self.database_url, self.port, self.workers, self.log = database_url, port, workers, log
        self.process: subprocess.Popen[bytes] | None = None
        self.hold = ""  # BENCH_HOLD_SUBMIT for the crash test (journey_settings)
        self.extra_env: dict[str, str] = {}  # e.g. Redis and the broker (bench_cluster)

    def start(self) -> None:
        env = {**_env(self.database_url), **self.extra_env}
        if self.hold:
            env["BENCH_HOLD_SUBMIT"] = self.hold
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "verbund.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--error-logfile",
                str(self.log),
                "--capture-output",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,  # its own process group, for the crash test
        )

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    return
            except CONNECTION_ERRORS:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer on port {self.port}")

    def kill(self) -> None:
        """SIGKILL to the master and its workers at once (the whole process group)."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def _tracebacks(log: Path, seen: int) -> tuple[list[str], int]:
    """Tracebacks and error lines gunicorn's log gained since byte ``seen``."""
    if not log.exists():
        return [], seen
    text = log.read_text(encoding="utf-8", errors="replace")
    lines = text[seen:].splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("Traceback"):
            end = index + 1
            while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
                end += 1
            blocks.append("\n".join(lines[max(index - 1, 0) : end + 1]))
            index = end + 1
            continue
        if "[ERROR]" in line or "[CRITICAL]" in line:
            blocks.append(line)
        index += 1
    return blocks, len(text)


# --- a browser ----------------------------------------------------------------------------


class Browser:
    """One citizen's browser: a connection and a cookie jar (session, CSRF, messages)."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def forget(self) -> None:
        """A new citizen: nothing remembered."""
        self.cookies = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        json_body: str | None = None,
    ) -> tuple[int, str, bytes]:
        headers = {}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json_body.encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except BaseException:
            self.connection.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value
        return response.status, response.headers.get("Location", ""), content


class Failed(Exception):
    """A request did not get the expected answer; the journey is abandoned."""


class User:
    """One virtual user: plays journeys and records what happened."""

    def __init__(
        self,
        number: int,
        port: int,
        plan: dict[str, Any],
        end: float,
        crash: bool,
        in_flight: Any = None,
    ) -> None:
        self.number, self.plan, self.end, self.crash = number, plan, end, crash
        self.in_flight = in_flight  # shared count of submits on their way (crash test)
        self.browser = Browser(port)
        self.latencies: dict[str, list[float]] = {kind: [] for kind in (*KINDS, "baseline")}
        self.done_at: list[float] = []  # when each timed submit (or store) was answered
        self.errors: Counter[str] = Counter()
        self.connection_errors: Counter[str] = Counter()
        self.samples: list[str] = []
        # [reference, seed, draft, when the first attempt failed (crash test) or None]
        self.references: list[list[Any]] = []
        self.journeys = 0
        self.abandoned = 0
        self.counter = 0

    def result(self) -> dict[str, Any]:
        return {
            "latencies": self.latencies,
            "done_at": self.done_at,
            "errors": dict(self.errors),
            "connection_errors": dict(self.connection_errors),
            "samples": self.samples,
            "references": self.references,
            "journeys": self.journeys,
            "abandoned": self.abandoned,
        }

    def _error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 5:
            self.samples.append(f"user {self.number} {kind}: {what}")

    def call(
        self,
        kind: str,
        method: str,
        path: str,
        status: int,
        form: dict[str, str] | None = None,
        json_body: str | None = None,
        persist: bool = False,
    ) -> tuple[str, bytes, float | None]:
        """One request, timed: (location, body, when a first attempt failed or None).

        In the crash test a connection error is retried with the same cookies, until
        the end (``persist``: until the end plus ``GRACE_SECONDS``)."""
        failed_at = None
        while True:
            if time.monotonic() >= self.end + (GRACE_SECONDS if persist else 0):
                raise Failed
            started = time.perf_counter()
            try:
                got, location, body = self.browser.request(method, path, form, json_body)
            except CONNECTION_ERRORS as error:
                self.connection_errors[kind] += 1
                if not self.crash:
                    self._error(kind, f"{method} {path}: {type(error).__name__}: {error}")
                    raise Failed from error
                failed_at = failed_at or time.time()
                time.sleep(0.2)
                continue
            self.latencies[kind].append((time.perf_counter() - started) * 1000)
            if self.crash and got in PROXY_ERRORS and got != status:
                # Behind a proxy, an app server that died answers as the proxy's 502/504
                # (bench_cluster): the citizen tries again, as after a connection error.
                self.connection_errors[kind] += 1
                failed_at = failed_at or time.time()
                time.sleep(0.2)
                continue
            if got != status:
                self._error(kind, f"{method} {path}: {got} {location} {body[:300]!r}")
                raise Failed
            return location, body, failed_at

    def _expect(self, kind: str, condition: bool, what: str) -> None:
        if not condition:
            self._error(kind, what)
            raise Failed

    # A journey, as a citizen's browser does it.

    def start_draft(self, seed: str, *, pages: bool) -> str:
        """Start an application and fill every page; the draft's base path.

        ``pages``: also GET each page before posting it, as a browser does."""
        start = self.plan["start"]
        if pages or "csrftoken" not in self.browser.cookies:
            self.call("start page", "GET", start, 200)
        csrf = {"csrfmiddlewaretoken": self.browser.cookies.get("csrftoken", "")}
        location, _body, _retried = self.call("start", "POST", start, 302, form=csrf)
        first = self.plan["pages"][0][0]
        match = FIRST_STEP.match(location)
        self._expect("start", bool(match and match[2] == first), f"start went to {location}")
        assert match is not None
        base = f"/antrag/{match[1]}/"
        keys = [key for key, _post in self.plan["pages"]]
        for index, (key, post) in enumerate(self.plan["pages"]):
            if pages:
                self.call("step GET", "GET", f"{base}{key}/", 200)
            nxt = f"{base}{keys[index + 1]}/" if index + 1 < len(keys) else f"{base}pruefen/"
            location, _body, _retried = self.call(
                "step POST", "POST", f"{base}{key}/", 302, form={**_fill(post, seed), **csrf}
            )
            self._expect("step POST", location == nxt, f"{key} went to {location}, not {nxt}")
        return base

    def submit(self, base: str, seed: str, kind: str = "submit") -> str:
        csrf = {"csrfmiddlewaretoken": self.browser.cookies.get("csrftoken", "")}
        if self.in_flight is not None:
            with self.in_flight.get_lock():
                self.in_flight.value += 1
        try:
            location, _body, failed_at = self.call(
                kind, "POST", f"{base}pruefen/", 302, form=csrf, persist=self.crash
            )
        finally:
            if self.in_flight is not None:
                with self.in_flight.get_lock():
                    self.in_flight.value -= 1
        match = REFERENCE.match(location)
        self._expect(kind, match is not None, f"submit went to {location}")
        assert match is not None
        self.references.append([match[1], seed, base.split("/")[2], failed_at])
        return location

    def journey(self) -> None:
        seed = f"{self.number}-{self.counter}"
        self.counter += 1
        self.browser.forget()
        try:
            base = self.start_draft(seed, pages=True)
            self.call("check", "GET", f"{base}pruefen/", 200)
            location = self.submit(base, seed)
            self.done_at.append(time.monotonic())
            _location, body, _retried = self.call("confirmation", "GET", location, 200)
            reference = location.split("/")[3]
            self._expect("confirmation", reference.encode() in body, "no reference on the page")
            self.journeys += 1
        except Failed:
            self.abandoned += 1


def _guarded(target: Any, queue: Any, *args: Any) -> None:
    try:
        queue.put(target(*args))
    except BaseException:
        queue.put({"crashed": traceback.format_exc()})


def _journey_user(
    number: int, port: int, plan: dict[str, Any], end: float, crash: bool, in_flight: Any = None
) -> Any:
    user = User(number, port, plan, end, crash, in_flight)
    while time.monotonic() < end:
        user.journey()
    return user.result()


def _baseline_user(number: int, port: int, plan: dict[str, Any], end: float) -> Any:
    user = User(number, port, plan, end, crash=False)
    while time.monotonic() < end:
        seed = f"b{number}-{user.counter}"
        user.counter += 1
        try:
            _location, body, _retried = user.call(
                "baseline", "POST", "/bench/baseline/", 201, json_body=answers_json(plan, seed)
            )
        except Failed:
            continue
        user.done_at.append(time.monotonic())
        user.references.append([json.loads(body)["reference"], seed, "", None])
    return user.result()


def _submit_user(
    number: int, port: int, plan: dict[str, Any], seconds: float, drafts: int, barrier: Any
) -> Any:
    """Prepare ``drafts`` drafts up to the check page (each its own session), wait
    for the others, then time only the submits."""
    user = User(number, port, plan, time.monotonic() + 3600, crash=False)
    prepared = []
    for index in range(drafts):
        seed = f"s{number}-{index}"
        csrf = user.browser.cookies.get("csrftoken")
        user.browser.forget()
        if csrf:
            user.browser.cookies["csrftoken"] = csrf  # the CSRF cookie outlives sessions
        try:
            base = user.start_draft(seed, pages=False)
        except Failed:
            continue
        prepared.append((base, seed, dict(user.browser.cookies)))
    # Errors while preparing stay counted: they are the product's too.
    preparation = {"prepared": len(prepared), "preparation_errors": sum(user.errors.values())}
    user.latencies = {kind: [] for kind in user.latencies}
    barrier.wait()
    started = time.monotonic()
    user.end = started + seconds
    for base, seed, cookies in prepared:
        if time.monotonic() >= user.end:
            break
        user.browser.cookies = cookies
        try:
            user.submit(base, seed)
        except Failed:
            continue
        user.done_at.append(time.monotonic())
    finished = time.monotonic()
    return {
        **user.result(),
        **preparation,
        "started": started,
        "finished": finished,
        "ran_out": finished < user.end,
    }


def _spawn(users: int, target: Any, args: Any) -> tuple[list[Any], Any]:
    queue: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_guarded, args=(target, queue, number, *args))
        for number in range(users)
    ]
    for process in processes:
        process.start()
    return processes, queue


def _collect(processes: list[Any], queue: Any) -> list[dict[str, Any]]:
    results = [queue.get(timeout=3600) for _ in processes]
    for process in processes:
        process.join()
    crashed = [r["crashed"] for r in results if "crashed" in r]
    if crashed:
        raise RuntimeError("a client process failed:\n" + crashed[0])
    return results


# --- the machine ----------------------------------------------------------------------------


def _cpu() -> tuple[dict[str, float], dict[int, tuple[float, int, str]]]:
    """CPU seconds of the machine (busy, steal) and per process (cpu, parent, name)."""
    tick = os.sysconf("SC_CLK_TCK")
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    machine = {"busy": (sum(values) - values[3] - values[4]) / tick, "steal": values[7] / tick}
    processes = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        rest = text[text.rindex(")") + 2 :].split()
        name = text[text.index("(") + 1 : text.rindex(")")]
        processes[int(entry)] = ((int(rest[11]) + int(rest[12])) / tick, int(rest[1]), name)
    return machine, processes


def _foreign(before: Any, after: Any, wall: float) -> dict[str, float]:
    """What others took of the machine's capacity while a phase ran, in per cent:
    processes that are neither this bench's (its children, gunicorn, clients) nor
    PostgreSQL's, and the hypervisor's steal time."""
    mine = os.getpid()
    (m0, p0), (m1, p1) = before, after

    def ours(pid: int) -> bool:
        for _depth in range(64):
            if pid == mine or p1.get(pid, (0, 0, ""))[2] == "postgres":
                return True
            if pid not in p1 or pid <= 1:
                return False
            pid = p1[pid][1]
        return False

    foreign = sum(
        cpu - p0.get(pid, (0.0,))[0] for pid, (cpu, _parent, _name) in p1.items() if not ours(pid)
    )
    capacity = wall * (os.cpu_count() or 1) / 100
    return {
        "foreign_cpu": round(foreign / capacity, 1),
        "steal": round((m1["steal"] - m0["steal"]) / capacity, 1),
        "busy": round((m1["busy"] - m0["busy"]) / capacity, 1),
    }


# --- figures ------------------------------------------------------------------------------


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": at(95),
        "p99": at(99),
        "max": ordered[-1],
    }


def _figures(results: list[dict[str, Any]], wall: float, count_kind: str) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {}
    for result in results:
        for kind, values in result["latencies"].items():
            latencies.setdefault(kind, []).extend(values)
    every = [v for values in latencies.values() for v in values]
    errors: Counter[str] = Counter()
    connection_errors: Counter[str] = Counter()
    for result in results:
        errors.update(result["errors"])
        connection_errors.update(result["connection_errors"])
    done = sum(len(result["done_at"]) for result in results)
    return {
        "wall": wall,
        "completed": done,
        "rate": done / wall,
        "requests": len(every),
        "rps": len(every) / wall,
        "overall": _percentiles(every),
        "kinds": {kind: _percentiles(v) for kind, v in latencies.items() if v},
        "count_kind": count_kind,
        "journeys": sum(r["journeys"] for r in results),
        "abandoned": sum(r["abandoned"] for r in results),
        "errors": dict(errors),
        "connection_errors": dict(connection_errors),
        "samples": [s for r in results for s in r["samples"]][:8],
    }


# --- checks -------------------------------------------------------------------------------


class Ledger:
    """Every reference a client was told, over all phases of one database."""

    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.submissions: list[list[Any]] = []
        self.baseline: list[list[Any]] = []

    def add(self, results: list[dict[str, Any]], baseline: bool = False) -> None:
        for result in results:
            (self.baseline if baseline else self.submissions).extend(result["references"])

    def check(
        self, database_url: str, phase: str, crash: bool = False
    ) -> tuple[bool, dict[str, Any]]:
        held = json.loads(_django(database_url, sys.executable, __file__, "--inventory"))
        problems: list[str] = []
        report: dict[str, Any] = {"phase": phase}
        for name, told, rows in (
            ("submissions", self.submissions, held["submissions"]),
            ("baseline", self.baseline, held["baseline"]),
        ):
            by_reference = {row[0]: row for row in rows}
            told_references = [entry[0] for entry in told]
            twice = len(told_references) - len(set(told_references))
            missing = [r for r in told_references if r not in by_reference]
            lost = set(by_reference) - set(told_references)
            wrong = [
                entry[0]
                for entry in told
                if entry[0] in by_reference
                and by_reference[entry[0]][-1]
                != digest(json.loads(answers_json(self.plan, entry[1])))
            ]
            report[name] = {
                "told": len(told_references),
                "in_database": len(rows),
                "distinct_in_database": len(by_reference),
                "missing": len(missing),
                "told_twice": twice,
                "lost_responses": len(lost),
                "wrong_answers": len(wrong),
            }
            if missing:
                problems.append(f"{name}: {len(missing)} told but missing, e.g. {missing[:3]}")
            if twice:
                problems.append(f"{name}: {twice} references were told twice")
            if len(by_reference) != len(rows):
                problems.append(f"{name}: a reference is in the database twice")
            if wrong:
                problems.append(f"{name}: {len(wrong)} rows hold other answers, e.g. {wrong[:3]}")
            if lost and not crash:
                problems.append(f"{name}: {len(lost)} rows no client was told about")
            if name == "submissions":
                # Each submission told must belong to the draft the client submitted.
                foreign = [
                    e[0] for e in told if e[0] in by_reference and by_reference[e[0]][1] != e[2]
                ]
                if foreign:
                    problems.append(f"submissions: {len(foreign)} belong to another draft")
                if crash:
                    # A submit that failed with a connection error and was retried: its
                    # submission was made before the failure (the first attempt
                    # committed, the answer was lost) or by the retry.
                    retried = [e for e in told if e[3] is not None and e[0] in by_reference]
                    report["retried_submits"] = {
                        "total": len(retried),
                        "same_as_before_crash": sum(
                            1 for e in retried if by_reference[e[0]][2] < e[3]
                        ),
                        "created_on_retry": sum(
                            1 for e in retried if by_reference[e[0]][2] >= e[3]
                        ),
                    }
        total = len(held["submissions"])
        counts = {
            key: held[key]
            for key in ("drafts_submitted", "cases", "audit_submission", "audit_case", "tasks")
        }
        report["counts"] = {"submissions": total, **counts, "audit_chain": held["audit_chain"]}
        for key, value in counts.items():
            if value != total:
                problems.append(f"{key}: {value}, but {total} submissions")
        if not held["audit_chain"]:
            problems.append(f"audit chain broken: {held['audit_reason']}")
        report["problems"] = problems
        return not problems, report


# --- phases -------------------------------------------------------------------------------


def _journeys(port: int, args: argparse.Namespace, plan: dict[str, Any], seconds: float) -> Any:
    cpu = _cpu()
    started = time.monotonic()
    processes, queue = _spawn(args.users, _journey_user, (port, plan, started + seconds, False))
    results = _collect(processes, queue)
    wall = time.monotonic() - started
    return results, {**_figures(results, wall, "submissions"), **_foreign(cpu, _cpu(), wall)}


def _baseline(port: int, args: argparse.Namespace, plan: dict[str, Any]) -> Any:
    cpu = _cpu()
    started = time.monotonic()
    processes, queue = _spawn(args.users, _baseline_user, (port, plan, started + args.seconds))
    results = _collect(processes, queue)
    wall = time.monotonic() - started
    return results, {**_figures(results, wall, "stores"), **_foreign(cpu, _cpu(), wall)}


def _submits(port: int, args: argparse.Namespace, plan: dict[str, Any]) -> Any:
    barrier = multiprocessing.Barrier(args.users + 1)  # the users and this process
    processes, queue = _spawn(
        args.users, _submit_user, (port, plan, args.submit_seconds, args.submit_drafts, barrier)
    )
    barrier.wait(timeout=3600)
    cpu, timed = _cpu(), time.monotonic()
    results = _collect(processes, queue)
    cpu_after, timed = _cpu(), time.monotonic() - timed
    # Count only while every user was still submitting: until the first ran out of
    # drafts (or the time was up).
    start = min(r["started"] for r in results)
    stop = min(r["finished"] for r in results)
    figures = _figures(results, stop - start, "submits")
    figures["completed"] = sum(1 for r in results for t in r["done_at"] if t <= stop)
    figures["rate"] = figures["completed"] / (stop - start)
    figures["prepared"] = sum(r["prepared"] for r in results)
    figures["preparation_errors"] = sum(r["preparation_errors"] for r in results)
    figures["ran_out"] = any(r["ran_out"] for r in results)
    figures.update(_foreign(cpu, cpu_after, timed))
    return results, figures


def _hold_seconds(hold: str) -> float:
    return int(hold.split(":")[1]) / 1000 if ":" in hold else 0.0


def _crash(
    server: Server, args: argparse.Namespace, plan: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Journeys while the server is killed ``--kills`` times, every ``--crash-after``
    seconds, each time at a moment when a submit is on its way."""
    in_flight = multiprocessing.Value("i", 0)
    started = time.monotonic()
    end = started + args.kills * args.crash_after + args.crash_tail
    processes, queue = _spawn(args.users, _journey_user, (server.port, plan, end, True, in_flight))
    cpu = _cpu()
    kills = []
    for number in range(args.kills):
        time.sleep(max(0.0, started + (number + 1) * args.crash_after - time.monotonic()))
        waited = time.monotonic()
        while in_flight.value == 0 and time.monotonic() < waited + 5:
            time.sleep(0.001)
        # Half the hold later: a submit that was being processed is then being held.
        time.sleep(_hold_seconds(args.hold_submit) / 2)
        submits = in_flight.value
        killed_at = time.time()
        server.kill()
        server.start()
        server.wait_ready(plan["start"])
        kills.append(
            {
                "at": round(time.monotonic() - started, 1),
                "submits_on_their_way": submits,
                "down_seconds": round(time.time() - killed_at, 1),
            }
        )
        print(
            f"  crash {number + 1}: SIGKILL to gunicorn's process group at "
            f"{kills[-1]['at']:.1f} s with {submits} submit(s) on their way; "
            f"answering again after {kills[-1]['down_seconds']:.1f} s"
        )
    results = _collect(processes, queue)
    wall = time.monotonic() - started
    figures = {**_figures(results, wall, "submissions"), **_foreign(cpu, _cpu(), wall)}
    figures["kills"] = kills
    return results, figures


# --- output -------------------------------------------------------------------------------


def _print_phase(backend: str, phase: str, figures: dict[str, Any]) -> None:
    overall = figures["overall"]
    print(
        f"{backend:<10} {phase:<9} {figures['completed']:>6} {figures['count_kind']:<11} "
        f"{figures['rate']:7.1f}/s  {figures['rps']:6.0f} req/s  "
        f"p50 {overall.get('p50', 0):6.1f}  p95 {overall.get('p95', 0):6.1f}  "
        f"p99 {overall.get('p99', 0):6.1f} ms  errors {sum(figures['errors'].values())}"
    )
    if "foreign_cpu" in figures:
        print(
            f"{'':<21}machine: busy {figures['busy']:.0f} %, other processes "
            f"{figures['foreign_cpu']:.1f} %, steal {figures['steal']:.1f} %"
            + ("  WARNING: not alone on this machine" if figures["foreign_cpu"] > 5 else "")
        )
    for kind, p in figures["kinds"].items():
        print(
            f"{'':<21}{kind:<13} {p['n']:>7}  p50 {p['p50']:6.1f}  p95 {p['p95']:6.1f}  "
            f"p99 {p['p99']:6.1f}  max {p['max']:7.1f} ms"
        )
    for sample in figures["samples"]:
        print(f"{'':<21}error: {sample}")


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda f: f["rate"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["rate_min"], chosen["rate_max"] = ordered[0]["rate"], ordered[-1]["rate"]
    return chosen


def _bench(
    name: str, database_url: str, args: argparse.Namespace, tmp: Path
) -> tuple[bool, dict[str, Any]]:
    _django(database_url, sys.executable, "-m", "verbund", "migrate", "--no-input", "-v", "0")
    if not (tmp / "data" / "static" / "staticfiles.json").exists():
        # The pages need the static files' manifest, as in production.
        _django(database_url, sys.executable, "-m", "verbund", "collectstatic", "--no-input")
    _django(
        database_url, sys.executable, "-m", "verbund", "import_gv100ad", str(common.DEMO_REGISTER)
    )
    world = json.loads(_django(database_url, sys.executable, __file__, "--world", args.form))
    plan = journey_plan(definition_of(args.form))
    plan["start"] = f"/antrag/neu/{world['service']}/?ort={MERZENICH}"
    ledger = Ledger(plan)
    log = tmp / f"gunicorn-{name}.log"
    seen = 0
    ok = True
    out: dict[str, Any] = {"backend": name, "pages": len(plan["pages"])}

    def check(phase: str, crash: bool = False) -> None:
        nonlocal ok, seen
        good, report = ledger.check(database_url, phase, crash)
        blocks, seen = _tracebacks(log, seen)
        for block in blocks[:5]:
            print(f"  gunicorn log ({phase}):\n{block}")
        if blocks:
            report["problems"].append(f"{len(blocks)} errors in gunicorn's log")
            good = False
        ok = ok and good
        out.setdefault("checks", []).append(report)
        subs = report["submissions"]
        line = (
            f"  check {phase}: {subs['told']} told / {subs['in_database']} in the database, "
            f"missing {subs['missing']}, twice {subs['told_twice']}, "
            f"lost responses {subs['lost_responses']}, wrong answers {subs['wrong_answers']}; "
            f"baseline {report['baseline']['told']} / {report['baseline']['in_database']}"
        )
        if "retried_submits" in report:
            line += f"; retried submits {report['retried_submits']}"
        print(line + ("" if good else f"  FAILED: {report['problems']}"))

    server = Server(database_url, common._free_port(), args.workers, log)
    server.start()
    try:
        server.wait_ready(plan["start"])
        results, _warm_up = _journeys(server.port, args, plan, 3)
        ledger.add(results)
        runs: dict[str, list[dict[str, Any]]] = {"journeys": [], "baseline": [], "submit": []}
        for _run in range(0 if args.only_crash else args.repeat):
            results, figures = _journeys(server.port, args, plan, args.seconds)
            ledger.add(results)
            _print_phase(name, "journeys", figures)
            runs["journeys"].append(figures)
            check("journeys")
            results, figures = _baseline(server.port, args, plan)
            ledger.add(results, baseline=True)
            _print_phase(name, "baseline", figures)
            runs["baseline"].append(figures)
            check("baseline")
            results, figures = _submits(server.port, args, plan)
            ledger.add(results)
            _print_phase(name, "submit", figures)
            print(
                f"  submit: {figures['prepared']} drafts prepared, "
                f"{figures['completed']} submitted in {figures['wall']:.1f} s"
                + (" (a user ran out of drafts)" if figures["ran_out"] else "")
            )
            runs["submit"].append(figures)
            check("submit")
    finally:
        server.stop()
    if not args.only_crash:
        for phase, phase_runs in runs.items():
            out[phase] = _median_run(phase_runs)
        if any(sum(f["errors"].values()) for phase_runs in runs.values() for f in phase_runs):
            ok = False
        out["ratio_journey"] = out["journeys"]["rate"] / out["baseline"]["rate"]
        out["ratio_submit"] = out["submit"]["rate"] / out["baseline"]["rate"]

    if args.crash or args.only_crash:
        server.hold = "" if args.hold_submit == "none" else args.hold_submit
        server.start()
        try:
            server.wait_ready(plan["start"])
            results, figures = _crash(server, args, plan)
        finally:
            server.stop()
        ledger.add(results)
        _print_phase(name, "crash", figures)
        print(f"  crash: connection errors {figures['connection_errors']}")
        out["crash"] = figures
        check("crash", crash=True)
        if sum(figures["errors"].values()):
            ok = False
    return ok, out


def main() -> None:
    if sys.argv[1:2] == ["--world"]:
        setup_world(*sys.argv[2:3])
        return
    if sys.argv[1:] == ["--inventory"]:
        inventory()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16, help="virtual users (client processes)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--seconds", type=float, default=60.0, help="journeys and baseline")
    parser.add_argument("--submit-seconds", type=float, default=30.0)
    parser.add_argument("--submit-drafts", type=int, default=160, help="prepared per user")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the three phases")
    parser.add_argument("--crash", action="store_true", help="also run the crash test")
    parser.add_argument("--only-crash", action="store_true", help="the crash test alone")
    parser.add_argument("--kills", type=int, default=3, help="SIGKILLs in the crash test")
    parser.add_argument("--crash-after", type=float, default=10.0, help="seconds between kills")
    parser.add_argument("--crash-tail", type=float, default=8.0, help="load after the last kill")
    parser.add_argument(
        "--hold-submit",
        default="outer:300",
        help="crash test: hold each submit's answer (outer:MS after the session is saved, "
        "inner:MS before; none)",
    )
    parser.add_argument(
        "--form",
        choices=sorted(FORMS),
        default="lastenrad",
        help="lastenrad: the 6-page form; small: 2 pages of 3 questions (issue #13)",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    print(
        f"{args.users} users, {args.workers} workers, {args.seconds:.0f} s per phase, "
        f"submit phase {args.submit_seconds:.0f} s"
    )
    all_ok = True
    with tempfile.TemporaryDirectory(prefix="verbund-bench-") as tmp:
        DATA_DIR.append(f"{tmp}/data")
        backends = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp}/bench.sqlite3")]
        if not args.no_postgres:
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
            common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            backends.append(("PostgreSQL", f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"))
        try:
            summaries = []
            for name, url in backends:
                ok, out = _bench(name, url, args, Path(tmp))
                all_ok = all_ok and ok
                summaries.append((name, ok, out))
                print(json.dumps(out, default=str))
        finally:
            if not args.no_postgres:
                common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    print()
    print(
        "backend    | submissions/s | journey req/s | p95 all | baseline/s | p95 | "
        "ratio | submit/s | p95 | ratio | checks"
    )
    for name, ok, out in summaries:
        if "journeys" not in out:
            continue
        j, b, s = out["journeys"], out["baseline"], out["submit"]
        print(
            f"{name:<10} | {j['rate']:13.1f} | {j['rps']:13.0f} | {j['overall']['p95']:5.1f} ms"
            f" | {b['rate']:10.0f} | {b['overall']['p95']:5.1f} ms | {out['ratio_journey']:.3f}"
            f" | {s['rate']:8.1f} | {s['overall']['p95']:5.1f} ms | {out['ratio_submit']:.2f}"
            f" | {'ok' if ok else 'FAILED'}"
        )
    for name, ok, out in summaries:
        if "crash" in out:
            crash = out["crash"]
            check = out["checks"][-1]
            print(
                f"{name:<10} crash: {len(crash['kills'])} kills, {crash['completed']} submissions, "
                f"connection errors {sum(crash['connection_errors'].values())}, "
                f"other errors {sum(crash['errors'].values())}, "
                f"retried submits {check.get('retried_submits')}, "
                f"lost responses {check['submissions']['lost_responses']}, "
                f"problems {check['problems'] or 'none'}"
                f" | {'ok' if ok else 'FAILED'}"
            )
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
