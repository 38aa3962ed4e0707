"""Several app servers and task workers behind nginx on one machine (issue #13).

    .venv/bin/python bench/bench_cluster.py [--servers 2] [--workers 1] [--task-workers 2]
        [--users 16] [--seconds 60] [--form lastenrad]
        [--redis redis://127.0.0.1:6379/7] [--broker redis://127.0.0.1:6379/8]
        [--kill-after 15] [--tail 25]
        [--tenant-users 4] [--tenant-think 0.5] [--tenant-seconds 30] [--mail-delay-ms 100]

The layout of docs/operations.md "Several machines", on one machine: a fresh
PostgreSQL database, ``--servers`` gunicorn app servers (``--workers`` sync workers
each, ``deploy/cluster/gunicorn.conf.py``), ``--task-workers`` ``verbund task_worker``
processes (with ``--broker``: RQ on that Redis and one ``verbund task_scheduler``;
without: the database queue), nginx from Debian in front
(``deploy/cluster/nginx.conf.template``; installed with apt when missing), the cache
and sessions in Redis (``--redis``, flushed at the start), one private storage
directory shared by all (``VERBUND_PRIVATE_ROOT``), JSON logs, and e-mails written
to an outbox directory (``VERBUND_EMAIL_DIR``). The world is bench_journeys.py's
(Kreis Düren's service, applied for from Merzenich: tenant A) plus tenant B: the
Hochsauerlandkreis builds and offers its own service with its own form version (the
same questions), applied for from Brilon.

Phases, each checked like bench_journeys.py (every reference a client was told
exists once, with its answers, draft, case, audit entry and e-mail task; no
submission nobody was told about; the audit chains verify; no error in any log):

1. **single** – journeys of ``--users`` against one gunicorn with as many workers as
   all app servers together (``--servers`` × ``--workers``: 2, as in
   bench_journeys.py), directly, as bench_journeys.py measures one server: the
   single-server figure of this run, on the same database, Redis and machine.
2. **cluster** – the same journeys through nginx to the app servers.
3. **crash** – journeys through nginx; after ``--kill-after`` seconds, at a moment
   when a submit is on its way, the first app server's whole process group (master
   and workers) gets SIGKILL, and so does the first task worker (with an RQ work
   horse) as soon as it is in the middle of an e-mail (each takes
   ``--mail-delay-ms``, as with an SMTP server: ``cluster_settings``); both start
   again 2 s later and the load goes on for ``--tail`` seconds. Clients retry
   connection errors and the proxy's 502/504 with the same cookies; the app server
   to be killed holds each successful submit's answer 300 ms, so that the kill can
   land between a submission's commit and its answer.
4. **tenants** – ``--tenant-users`` citizens of tenant B, each pausing
   ``--tenant-think`` seconds before every request (a modest load), alone; then
   the same while ``--users`` citizens of tenant A saturate the platform (no
   pauses); then, as a control, while as many more citizens of B itself do so.
   B's per-request p95 each time and the ratios to B alone (goal with A: ≤ 1.5).

Then the task queue must drain (the killed worker's task comes back after its
lease, 20 s here), every submission must have exactly one confirmation e-mail in
the outbox, and ``verbund verify-audit`` must pass. Exit status 0 only if every
check holds. Prints a JSON summary, then a table.
"""

from __future__ import annotations

import argparse
import contextlib
import email
import email.policy
import getpass
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_journeys as bj
import bench_places as common
from redis import Redis

ROOT = common.ROOT
POSTGRES_DB = "verbund_bench_cluster"
HSK, BRILON = "05958", "059580012012"
DEPLOY = ROOT / "deploy" / "cluster"
LEASE = "20"  # seconds: the killed worker's task comes back within the run
METRICS_TOKEN = "bench-cluster-metrics"
REFERENCE = re.compile(r"VB-\d{4}-[2-9A-Z]{4}-[2-9A-Z]{4}")


# --- inside Django ----------------------------------------------------------------------


def second_tenant(form: str) -> None:
    """Tenant B: the Hochsauerlandkreis joins the bench's network, builds and publishes
    its own service with its own form version, and offers it; print the service key."""
    import datetime as dt

    import django

    django.setup()
    from django.db import transaction

    from verbund.authorities.models import Authority
    from verbund.networks.models import Network
    from verbund.networks.services import membership_add

    with transaction.atomic():
        hsk = Authority.objects.get(ars=HSK)
        membership_add(
            actor=None,
            network=Network.objects.get(slug="bench-dueren"),
            authority=hsk,
            joined_on=dt.date(2024, 1, 1),
        )
        service = bj.offer_service(
            hsk,
            service={
                "slug": "lastenrad-zuschuss-hsk",
                "title": "Zuschuss zum Lastenrad (Hochsauerlandkreis)",
                "summary": "Der Hochsauerlandkreis bezuschusst den Kauf eines Lastenrads.",
                "volltext": (
                    "Privatpersonen mit Wohnsitz im Hochsauerlandkreis können ihn beantragen."
                ),
                "online_url": "https://portal.bench.verbund.invalid/hsk",
            },
            office={
                "name": "Fachdienst Klimaschutz",
                "street": "Steinstraße 27",
                "postcode": "59872",
                "city": "Meschede",
                "phone": "0291 94-0",
                "email": "klimaschutz@hsk.bench.verbund.invalid",
            },
            form=form,
        )
    print(json.dumps({"service": service.key}))


def task_state() -> None:
    """The e-mail tasks by status, all open tasks, and the submissions' references."""
    import django

    django.setup()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from verbund.applications.models import Submission

    rows = (
        DBTaskResult.objects.filter(task_path="verbund.applications.tasks.send_confirmation")
        .values("status")
        .annotate(n=Count("id"))
    )
    by_authority = Submission.objects.values("authority__ars").annotate(n=Count("id"))
    running: dict[str, int] = {}
    for workers in DBTaskResult.objects.filter(status="RUNNING").values_list(
        "worker_ids", flat=True
    ):
        key = workers[-1] if workers else "?"
        running[key] = running.get(key, 0) + 1
    claims = DBTaskResult.objects.filter(
        task_path="verbund.applications.tasks.send_confirmation"
    ).values_list("worker_ids", flat=True)
    print(
        json.dumps(
            {
                "tasks": {row["status"]: row["n"] for row in rows},
                "all_open": DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count(),
                "running_by_worker": running,
                "claimed_more_than_once": sum(1 for workers in claims if len(workers) > 1),
                "references": list(Submission.objects.values_list("reference", flat=True)),
                "by_authority": {row["authority__ars"]: row["n"] for row in by_authority},
            }
        )
    )


# --- processes --------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Process:
    """A ``verbund`` command in its own session, logging into a file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.args, self.env, self.log = name, args, env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.args,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """SIGKILL to the process and its children (an RQ work horse), as when its
        machine goes down."""
        assert self.process is not None
        for pid in [*_children(self.process.pid), self.process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def _nginx() -> str:
    """Debian's nginx; installed with apt-get when missing (as root, or with sudo)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    print("nginx is missing: installing Debian's package", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "nginx-light"], check=False)
    if not Path("/usr/sbin/nginx").exists():
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "nginx"], check=True)
    return "/usr/sbin/nginx"


class Proxy:
    """nginx with the template's configuration, in a prefix of its own."""

    def __init__(self, prefix: Path, port: int, upstreams: list[int]) -> None:
        self.prefix, self.port = prefix, port
        self.binary = _nginx()
        prefix.mkdir(parents=True, exist_ok=True)
        values = {
            "USER_LINE": f"user {getpass.getuser()};" if os.geteuid() == 0 else "",
            "PREFIX": str(prefix),
            "LISTEN": f"127.0.0.1:{port}",
            "UPSTREAMS": "\n".join(
                f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams
            ),
            # The bench's clients all come from 127.0.0.1: a trusted gateway.
            "TRUSTED": "        127.0.0.1 0;",
        }
        # ${NAME} only: nginx's own $variables stay as they are.
        conf = re.sub(
            r"\$\{([A-Z_]+)\}",
            lambda match: values[match[1]],
            (DEPLOY / "nginx.conf.template").read_text(encoding="utf-8"),
        )
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(conf, encoding="utf-8")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        test = subprocess.run(
            [self.binary, "-t", "-p", str(self.prefix), "-c", str(self.conf)],
            capture_output=True,
            text=True,
        )
        if test.returncode:
            raise RuntimeError(f"nginx refuses the configuration:\n{test.stderr}")
        self.process = subprocess.Popen(
            [self.binary, "-p", str(self.prefix), "-c", str(self.conf), "-g", "daemon off;"],
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class Logs:
    """Errors that the processes' logs gained since the last look: JSON lines at level
    ERROR or above (the app's and workers' own logs, VERBUND_LOG_FORMAT=json), and
    gunicorn's tracebacks and [ERROR] lines; and how often a task was revived."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.seen: dict[Path, int] = {}
        self.revived = 0
        self.json_lines = 0

    def scan(self) -> list[str]:
        """What every log gained since the last scan."""
        found = []
        for path in self.paths:
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            seen = self.seen.get(path, 0)
            blocks, _end = bj._tracebacks(path, seen)
            found += [f"{path.name}: {block[:400]}" for block in blocks]
            for line in text[seen:].splitlines():
                if not line.startswith("{"):
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    found.append(f"{path.name}: not JSON: {line[:200]}")
                    continue
                self.json_lines += 1
                if "put back in the queue" in str(record.get("message", "")):
                    self.revived += 1
                if record.get("level") in ("ERROR", "CRITICAL"):
                    found.append(f"{path.name}: {line[:400]}")
            self.seen[path] = len(text)
        return found


# --- load ------------------------------------------------------------------------------


class Citizen(bj.User):
    """A journey user who reads each page for ``think`` seconds before the next
    request (not timed): a modest load, unlike the bench's users who never pause."""

    think = 0.0

    def call(self, *args: Any, **kwargs: Any) -> tuple[str, bytes, float | None]:
        time.sleep(self.think)
        return super().call(*args, **kwargs)


def _citizen(number: int, port: int, plan: dict[str, Any], end: float, think: float) -> Any:
    user = Citizen(number, port, plan, end, crash=False)
    user.think = think
    while time.monotonic() < end:
        user.journey()
    return user.result()


def _tenants(port: int, args: argparse.Namespace, plan_a: Any, plan_b: Any) -> Any:
    """B alone, then B while A saturates, then B while more of B's citizens do."""
    figures: dict[str, Any] = {}
    # Warm-up: every gunicorn worker builds what it keeps of B's service and form.
    end = time.monotonic() + 3
    results = bj._collect(*bj._spawn(args.users, bj._journey_user, (port, plan_b, end, False)))
    for name, plan_other in (("alone", None), ("with_a", plan_a), ("with_more_b", plan_b)):
        cpu = bj._cpu()
        started = time.monotonic()
        end = started + args.tenant_seconds
        others: Any = None
        if plan_other is not None:
            others = bj._spawn(args.users, bj._journey_user, (port, plan_other, end, False))
        b_results = bj._collect(
            *bj._spawn(args.tenant_users, _citizen, (port, plan_b, end, args.tenant_think))
        )
        wall = time.monotonic() - started
        if others is not None:
            other = bj._collect(*others)
            figures[f"load_{name}"] = bj._figures(other, wall, "submissions")
            results += other
        figures[f"b_{name}"] = {
            **bj._figures(b_results, wall, "submissions"),
            **bj._foreign(cpu, bj._cpu(), wall),
        }
        results += b_results
    alone_p95 = max(figures["b_alone"]["overall"].get("p95", 0.0), 1e-9)
    figures["ratio_p95"] = figures["b_with_a"]["overall"]["p95"] / alone_p95
    figures["ratio_p95_same_tenant"] = figures["b_with_more_b"]["overall"]["p95"] / alone_p95
    return results, figures


def _busy(worker: Process, markers: Path, timeout: float) -> bool:
    """Wait until ``worker`` or a child of it is sending an e-mail (cluster_settings)."""
    assert worker.process is not None
    pid = str(worker.process.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for marker in markers.iterdir():
            if pid in marker.name.split("-"):
                return True
        time.sleep(0.002)
    return False


def _crash(
    url: str,
    port: int,
    app: bj.Server,
    worker: Process,
    args: argparse.Namespace,
    plan: Any,
    markers: Path,
) -> Any:
    in_flight: Any = bj.multiprocessing.Value("i", 0)
    started = time.monotonic()
    end = started + args.kill_after + args.tail
    processes, queue = bj._spawn(args.users, bj._journey_user, (port, plan, end, True, in_flight))
    time.sleep(args.kill_after)
    waited = time.monotonic()
    # Several submits on their way, so that some of them are likely on the server killed
    # (the proxy spreads them over all servers).
    while in_flight.value < 2 * args.servers and time.monotonic() < waited + 5:
        time.sleep(0.001)
    time.sleep(0.15)  # half the hold: a submit being answered is being held
    submits = in_flight.value
    app.kill()
    killed = round(time.monotonic() - started, 1)
    # The worker: when it (or its work horse) is in the middle of an e-mail.
    mid_task = _busy(worker, markers, timeout=5.0)
    worker.kill()
    print(
        f"  SIGKILL at {killed} s to app server :{app.port} (master and workers), with "
        f"{submits} submit(s) on their way, and to {worker.name}"
        + (" in the middle of an e-mail task" if mid_task else " (between tasks)"),
        flush=True,
    )
    # The tasks the killed worker was running: they stay RUNNING until their lease ends.
    held = json.loads(bj._django(url, sys.executable, __file__, "--tasks"))["running_by_worker"]
    print(f"  tasks running at the kill, by worker: {held or 'none'}")
    time.sleep(max(0.0, killed + 2 - (time.monotonic() - started)))
    app.start()
    worker.start()
    app.wait_ready("/readyz")
    print(f"  both started again; app server answering after {time.monotonic() - waited:.1f} s")
    results = bj._collect(processes, queue)
    figures = bj._figures(results, time.monotonic() - started, "submissions")
    figures["killed_at"], figures["submits_on_their_way"] = killed, submits
    figures["tasks_running_at_kill"] = held
    figures["worker_killed_mid_task"] = mid_task
    return results, figures


def _drain(url: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        state = json.loads(bj._django(url, sys.executable, __file__, "--tasks"))
        if state["all_open"] == 0 or time.monotonic() > deadline:
            return state
        time.sleep(2)


def _outbox(outbox: Path, references: list[str]) -> dict[str, Any]:
    """How many e-mails in the outbox name each submission's reference."""
    counts: dict[str, int] = dict.fromkeys(references, 0)
    messages = strangers = 0
    for path in outbox.glob("*.log"):
        # The file backend writes each message followed by a line of 79 dashes.
        for raw in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
            if not raw.strip():
                continue
            messages += 1
            parsed = email.message_from_string(raw.strip(), policy=email.policy.default)
            body = parsed.get_body()
            text = str(parsed["Subject"]) + (body.get_content() if body is not None else raw)
            named = set(REFERENCE.findall(text))
            for reference in named:
                if reference in counts:
                    counts[reference] += 1
            if not named & set(counts):
                strangers += 1
    return {
        "messages": messages,
        "submissions": len(counts),
        "exactly_once": sum(1 for n in counts.values() if n == 1),
        "missing_count": sum(1 for n in counts.values() if n == 0),
        "missing": sorted(r for r, n in counts.items() if n == 0)[:5],
        "twice_count": sum(1 for n in counts.values() if n > 1),
        "twice": sorted(r for r, n in counts.items() if n > 1)[:5],
        "naming_no_submission": strangers,
    }


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _probes(proxy: Proxy, servers: list[bj.Server]) -> dict[str, Any]:
    """Health and metrics as the docs promise them: /healthz and /readyz through the
    proxy, /metrics refused by the proxy and given to a scraper with the token."""
    token = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    metrics, body = _get(servers[0].port, "/metrics", token)
    found = {
        "healthz": _get(proxy.port, "/healthz")[0],
        "readyz": _get(proxy.port, "/readyz")[0],
        "metrics_through_proxy": _get(proxy.port, "/metrics", token)[0],
        "metrics_on_app_server": metrics,
        "metrics_counts_requests": b"verbund_http_requests_total" in body,
    }
    found["ok"] = found == {
        "healthz": 200,
        "readyz": 200,
        "metrics_through_proxy": 404,
        "metrics_on_app_server": 200,
        "metrics_counts_requests": True,
    }
    return found


# --- the run -----------------------------------------------------------------------------


def _env(url: str, args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    env = {
        **bj._env(url),
        "VERBUND_REDIS_URL": args.redis,
        "VERBUND_EMAIL_DIR": str(tmp / "outbox"),
        # The storage every app server and worker shares (NFS on several machines).
        "VERBUND_PRIVATE_ROOT": str(tmp / "shared" / "private"),
        "VERBUND_TASK_LEASE_SECONDS": LEASE,
        "VERBUND_LOG_FORMAT": "json",
        "VERBUND_LOG_LEVEL": "WARNING",
        "VERBUND_METRICS_TOKEN": METRICS_TOKEN,
        "DJANGO_SETTINGS_MODULE": "cluster_settings",
        "BENCH_MAIL_DELAY_MS": str(args.mail_delay_ms),
        "BENCH_MAIL_MARKERS": str(tmp / "markers"),
    }
    env.pop("VERBUND_TASK_BROKER_URL", None)
    if args.broker:
        env["VERBUND_TASK_BROKER_URL"] = args.broker
    return env


def _row(name: str, f: dict[str, Any]) -> str:
    o = f["overall"]
    return (
        f"{name:<22} | {f['rate']:10.1f} | {f['rps']:5.0f} | {o.get('p50', 0):6.1f} ms "
        f"| {o.get('p95', 0):6.1f} ms | {sum(f['errors'].values()):6} "
        f"| {f.get('foreign_cpu', '-'):>5} %"
    )


def main() -> None:
    if sys.argv[1:2] == ["--second-tenant"]:
        second_tenant(*sys.argv[2:3])
        return
    if sys.argv[1:] == ["--tasks"]:
        task_state()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2, help="gunicorn app servers")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="gunicorn workers per app server; the single server gets servers × workers",
    )
    parser.add_argument("--task-workers", type=int, default=2, help="verbund task_worker")
    parser.add_argument("--users", type=int, default=16, help="virtual users (tenant A)")
    parser.add_argument("--seconds", type=float, default=60.0, help="single and cluster")
    parser.add_argument("--form", choices=sorted(bj.FORMS), default="lastenrad")
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/7", help="cache and sessions; flushed"
    )
    parser.add_argument(
        "--broker",
        default="",
        help="VERBUND_TASK_BROKER_URL, e.g. redis://127.0.0.1:6379/8 (flushed), and one "
        "task_scheduler; without: the database queue",
    )
    parser.add_argument("--kill-after", type=float, default=15.0, help="crash: load before")
    parser.add_argument("--tail", type=float, default=25.0, help="crash: load after the kill")
    parser.add_argument("--tenant-users", type=int, default=4, help="tenant B's citizens")
    parser.add_argument(
        "--tenant-think", type=float, default=0.5, help="B's pause before each request (s)"
    )
    parser.add_argument("--tenant-seconds", type=float, default=30.0, help="per tenant phase")
    parser.add_argument(
        "--mail-delay-ms",
        type=int,
        default=100,
        help="time each e-mail takes (as with an SMTP server), so the kill can hit a task",
    )
    args = parser.parse_args()
    if args.broker and args.broker.rstrip("/") == args.redis.rstrip("/"):
        parser.error("--broker and --redis need different Redis databases (both are flushed)")

    url = f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"
    ok = True
    summary: dict[str, Any] = {
        "servers": args.servers,
        "gunicorn_workers": args.workers,
        "task_workers": args.task_workers,
        "users": args.users,
        "form": args.form,
        "broker": bool(args.broker),
        "cpus": os.cpu_count(),
        "problems": [],
    }
    problems: list[str] = summary["problems"]
    print(
        f"{args.servers} app servers × {args.workers} gunicorn workers, {args.task_workers} "
        f"task workers ({'broker ' + args.broker if args.broker else 'database queue'}), "
        f"nginx, PostgreSQL, Redis {args.redis}; {args.users} users",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="verbund-cluster-") as name:
        tmp = Path(name)
        bj.DATA_DIR.append(str(tmp / "data"))
        (tmp / "outbox").mkdir()
        (tmp / "markers").mkdir()
        (tmp / "shared" / "private").mkdir(parents=True)
        common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
        common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
        for redis in (args.redis, args.broker):
            if redis:
                Redis.from_url(redis).flushdb()
        started: list[Any] = []
        try:
            python = [sys.executable, "-m", "verbund"]
            bj._django(url, *python, "migrate", "--no-input", "-v", "0")
            bj._django(url, *python, "collectstatic", "--no-input", "-v", "0")
            bj._django(url, *python, "import_gv100ad", str(common.DEMO_REGISTER))
            world = json.loads(bj._django(url, sys.executable, bj.__file__, "--world", args.form))
            tenant_b = json.loads(
                bj._django(url, sys.executable, __file__, "--second-tenant", args.form)
            )
            plan = bj.journey_plan(bj.definition_of(args.form))
            plan["start"] = f"/antrag/neu/{world['service']}/?ort={bj.MERZENICH}"
            plan_b = {**plan, "start": f"/antrag/neu/{tenant_b['service']}/?ort={BRILON}"}
            # Both services ask the same questions: one ledger checks both tenants.
            ledger = bj.Ledger(plan)
            env = _env(url, args, tmp)

            workers = [
                Process(
                    f"task worker {n + 1}",
                    [
                        *python,
                        "task_worker",
                        "--no-startup-delay",
                        "--interval",
                        "0.5",
                        "--worker-id",
                        f"bench-worker-{n + 1}",
                    ],
                    env,
                    tmp / f"worker-{n + 1}.log",
                )
                for n in range(args.task_workers)
            ]
            if args.broker:
                workers.append(
                    Process("scheduler", [*python, "task_scheduler"], env, tmp / "scheduler.log")
                )
            servers = []
            for n in range(args.servers):
                server = bj.Server(url, common._free_port(), args.workers, tmp / f"app-{n + 1}.log")
                server.extra_env = {
                    **env,
                    "VERBUND_PROXY_COUNT": "1",
                    # The example configuration, and its JSON access log in a file.
                    "GUNICORN_CMD_ARGS": f"--config {DEPLOY / 'gunicorn.conf.py'} "
                    f"--access-logfile {tmp / f'access-{n + 1}.log'}",
                }
                servers.append(server)
            proxy = Proxy(tmp / "nginx", common._free_port(), [s.port for s in servers])
            for process in [*workers, *servers, proxy]:
                process.start()
                started.append(process)
            for server in servers:
                server.wait_ready("/readyz")
            front = bj.Server(url, proxy.port, 0, tmp / "none.log")  # only to wait on
            front.wait_ready("/readyz")
            logs = Logs([*(s.log for s in servers), *(w.log for w in workers)])
            logs.scan()

            def check(phase: str, crash: bool = False) -> None:
                nonlocal ok
                good, report = ledger.check(url, phase, crash)
                errors = logs.scan()
                if errors:
                    report["log_errors"] = errors[:5]
                    print(f"  {len(errors)} error(s) in the logs ({phase}):")
                    for error in errors[:5]:
                        print(f"    {error}")
                    report["problems"].append(f"{len(errors)} errors in the logs")
                    good = False
                subs = report["submissions"]
                print(
                    f"  check {phase}: told {subs['told']}, in the database "
                    f"{subs['in_database']}, missing {subs['missing']}, told twice "
                    f"{subs['told_twice']}, in the database twice "
                    f"{subs['in_database'] - subs['distinct_in_database']}, nobody told "
                    f"{subs['lost_responses']}, wrong answers {subs['wrong_answers']}"
                    + (f"; retried submits {report['retried_submits']}" if crash else "")
                    + ("" if good else f"  FAILED: {report['problems']}"),
                    flush=True,
                )
                if not good:
                    problems.extend(f"{phase}: {p}" for p in report["problems"])
                ok = ok and good
                summary.setdefault("checks", []).append(report)

            def measured(phase: str, figures: dict[str, Any], label: str = "journeys") -> None:
                nonlocal ok
                bj._print_phase(phase, label, figures)
                if figures["errors"]:
                    problems.append(f"{phase} {label}: errors {figures['errors']}")
                    ok = False

            summary["probes"] = probes = _probes(proxy, servers)
            print(f"  probes: {probes}")
            if not probes["ok"]:
                problems.append(f"probes: {probes}")
                ok = False

            # The single-server figure as bench_journeys.py measures it: one gunicorn
            # with as many workers as all app servers together, without the proxy, on
            # the same database, Redis and machine.
            single = bj.Server(
                url, common._free_port(), args.servers * args.workers, tmp / "single.log"
            )
            single.extra_env = {
                **env,
                "GUNICORN_CMD_ARGS": f"--config {DEPLOY / 'gunicorn.conf.py'} "
                f"--access-logfile {tmp / 'access-single.log'}",
            }
            logs.paths.append(single.log)
            single.start()
            try:
                single.wait_ready("/readyz")
                ledger.add(bj._journeys(single.port, args, plan, 3)[0])  # warm-up
                results, figures = bj._journeys(single.port, args, plan, args.seconds)
            finally:
                single.stop()
            ledger.add(results)
            measured("single", figures)
            summary["single"] = figures
            check("single")

            ledger.add(bj._journeys(proxy.port, args, plan, 3)[0])  # warm-up
            results, figures = bj._journeys(proxy.port, args, plan, args.seconds)
            ledger.add(results)
            measured("cluster", figures)
            summary["cluster"] = figures
            check("cluster")

            # The crash: the app server to be killed holds each submit's answer, so that
            # the kill can land between a submission's commit and its answer.
            # Only the server to be killed holds them: the others serve at full speed.
            servers[0].stop()
            servers[0].hold = "outer:300"
            servers[0].start()
            servers[0].wait_ready("/readyz")
            results, figures = _crash(
                url, proxy.port, servers[0], workers[0], args, plan, tmp / "markers"
            )
            ledger.add(results)
            measured("crash", figures)
            print(f"  retried after connection errors and 502/504: {figures['connection_errors']}")
            summary["crash"] = figures
            check("crash", crash=True)
            servers[0].stop()
            servers[0].hold = ""
            servers[0].start()
            servers[0].wait_ready("/readyz")

            results, figures = _tenants(proxy.port, args, plan, plan_b)
            ledger.add(results)
            for key in ("b_alone", "b_with_a", "load_with_a", "b_with_more_b", "load_with_more_b"):
                measured("tenants", figures[key], key)
            print(
                f"  tenant B's p95 with A saturating / alone: {figures['ratio_p95']:.2f} "
                f"(goal <= 1.5); with as many more of B's own citizens / alone: "
                f"{figures['ratio_p95_same_tenant']:.2f}"
            )
            summary["tenants"] = figures
            check("tenants")

            state = _drain(url, 120)
            mails = _outbox(tmp / "outbox", state["references"])
            summary["tasks"], summary["outbox"] = state["tasks"], mails
            summary["submissions_by_authority"] = state["by_authority"]
            summary["tasks_revived"] = logs.revived
            summary["tasks_claimed_more_than_once"] = state["claimed_more_than_once"]
            summary["json_log_lines"] = logs.json_lines
            print(
                f"  tasks after recovery: {state['tasks']}, still open {state['all_open']}, "
                f"revived after their lease {logs.revived}, e-mail tasks claimed more than once "
                f"{state['claimed_more_than_once']}; outbox: {mails['messages']} "
                f"e-mails for {mails['submissions']} submissions, exactly once "
                f"{mails['exactly_once']}, missing {mails['missing_count']} "
                f"{mails['missing']}, twice or more {mails['twice_count']} {mails['twice']}"
            )
            if state["all_open"] or set(state["tasks"]) != {"SUCCESSFUL"}:
                problems.append(f"tasks not all done: {state['tasks']}, open {state['all_open']}")
                ok = False
            if mails["missing_count"] or mails["twice_count"] or mails["naming_no_submission"]:
                problems.append(f"outbox: {mails}")
                ok = False
            audit = subprocess.run(
                [*python, "verify_audit"], env=env, cwd=ROOT, capture_output=True, text=True
            )
            summary["verify_audit"] = (audit.stdout or audit.stderr).strip()
            print(f"  verbund verify-audit: {summary['verify_audit']}")
            if audit.returncode:
                problems.append(f"verify-audit: {summary['verify_audit']}")
                ok = False
            # gunicorn's access log (deploy/cluster/gunicorn.conf.py): JSON lines.
            access = []
            for n in range(args.servers):
                for line in (tmp / f"access-{n + 1}.log").read_text().splitlines()[-100:]:
                    try:
                        access.append(json.loads(line))
                    except ValueError:
                        problems.append(f"access log {n + 1}: not JSON: {line[:200]}")
                        ok = False
            summary["access_log_sample"] = access[-1] if access else None
        finally:
            for process in reversed(started):
                process.stop()
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    summary["ok"] = ok
    print(json.dumps(summary, default=str))
    print()
    print(
        "phase                  | journeys/s | req/s | p50 per request | p95 per request | errors "
        "| other processes' CPU"
    )
    for phase in ("single", "cluster", "crash"):
        if phase in summary:
            print(_row(phase, summary[phase]))
    tenants = summary.get("tenants")
    if tenants:
        for key in ("b_alone", "b_with_a", "load_with_a", "b_with_more_b", "load_with_more_b"):
            print(_row(key, tenants[key]))
    if "single" in summary and "cluster" in summary:
        print(
            f"cluster / single journeys/s: "
            f"{summary['cluster']['rate'] / summary['single']['rate']:.2f} (goal >= 1)"
        )
    if tenants:
        print(
            f"tenant B p95 with A / alone: {tenants['ratio_p95']:.2f} (goal <= 1.5); "
            f"control, with more of B / alone: {tenants['ratio_p95_same_tenant']:.2f}"
        )
    if "outbox" in summary:
        checks = summary["checks"]
        crash = next(c for c in checks if c["phase"] == "crash")
        last = checks[-1]["submissions"]
        mails = summary["outbox"]
        print(
            f"crash: retried submits {crash.get('retried_submits')}; after all phases: "
            f"{last['in_database']} submissions, told but missing {last['missing']}, "
            f"doubled {last['in_database'] - last['distinct_in_database']}, nobody told "
            f"{last['lost_responses']}; e-mails exactly once {mails['exactly_once']}, "
            f"missing {mails['missing_count']}, twice {mails['twice_count']}; worker killed "
            f"mid-task: {summary['crash'].get('worker_killed_mid_task')}, tasks revived after "
            f"their lease {summary['tasks_revived']}, e-mail tasks claimed more than once "
            f"{summary['tasks_claimed_more_than_once']}"
        )
    print("ok" if ok else f"FAILED: {problems}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
