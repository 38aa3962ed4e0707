"""Several app servers and task workers behind nginx on one machine (issue #13).

    .venv/bin/python bench/bench_cluster.py [--servers 2] [--workers 2] [--task-workers 2]
        [--users 16] [--seconds 60] [--form lastenrad]
        [--redis redis://127.0.0.1:6379/7] [--broker redis://127.0.0.1:6379/8]
        [--kill-after 15] [--tail 25] [--tenant-users 4] [--tenant-seconds 30]

The layout of docs/operations.md "Several machines", on one machine: a fresh
PostgreSQL database, ``--servers`` gunicorn app servers (``--workers`` sync workers
each), ``--task-workers`` ``verbund task_worker`` processes, with ``--broker`` RQ on
Redis and one ``verbund task_scheduler``, nginx from Debian in front
(``deploy/cluster/nginx.conf.template``; installed with apt when missing), the cache
and sessions in Redis (``--redis``), e-mails written to an outbox directory
(``VERBUND_EMAIL_DIR``). The world is bench_journeys.py's (Kreis Düren's service,
applied for from Merzenich) plus a second tenant: the Hochsauerlandkreis adopts the
same service, applied for from Brilon.

Phases, each checked like bench_journeys.py (every reference told exists once, with
its answers, case, audit entry and e-mail task; the audit chains verify):

1. **single** – journeys of ``--users`` against the first app server directly: the
   single-server figure of this run.
2. **cluster** – the same journeys through nginx to all app servers.
3. **crash** – journeys through nginx; after ``--kill-after`` seconds, at a moment
   when a submit is on its way, the first app server's whole process group and one
   task worker with its work horse get SIGKILL; both are started again 2 s later and
   the load goes on for ``--tail`` seconds. Clients retry connection errors and the
   proxy's 502/504 with the same cookies.
4. **tenants** – tenant B (Brilon, ``--tenant-users``) alone, then B again while
   tenant A (Merzenich, ``--users``) saturates the platform: B's per-request p95
   both times and their ratio (goal ≤ 1.5).

Then the task queue must drain (the killed worker's task comes back after its lease,
20 s here), and every submission must have got exactly one confirmation e-mail in
the outbox. Exit status 0 only if every check holds.
"""

from __future__ import annotations

import argparse
import contextlib
import email
import email.policy
import getpass
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
TEMPLATE = ROOT / "deploy" / "cluster" / "nginx.conf.template"
LEASE = "20"  # seconds: the killed worker's task comes back within the run


# --- inside Django ----------------------------------------------------------------------


def second_tenant() -> None:
    """The Hochsauerlandkreis joins the bench's network and adopts the service."""
    import datetime as dt

    import django

    django.setup()
    from django.db import transaction

    from verbund.authorities.models import Authority
    from verbund.catalogue.models import Service
    from verbund.catalogue.services import adoption_create, office_create
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
        office = office_create(
            actor=None,
            authority=hsk,
            name="Fachdienst Klimaschutz",
            street="Steinstraße 27",
            postcode="59872",
            city="Meschede",
            phone="0291 94-0",
            email="klimaschutz@hsk.bench.verbund.invalid",
            opening_hours="Mo–Fr 8:00–12:00",
            accessibility="Das Gebäude ist stufenlos erreichbar.",
        )
        adoption_create(
            actor=None,
            service=Service.objects.get(slug="lastenrad-foerderung"),
            authority=hsk,
            office=office,
            fees=[],
            online=True,
            started_on=dt.date(2025, 1, 1),
        )
    print(json.dumps({"tenant_b": hsk.name}))


def task_state() -> None:
    """The e-mail tasks by status, and the references of the submissions."""
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
    print(
        json.dumps(
            {
                "tasks": {row["status"]: row["n"] for row in rows},
                "all_open": DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count(),
                "references": list(Submission.objects.values_list("reference", flat=True)),
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
        """SIGKILL to the process and its children (an RQ work horse has a session of
        its own), as when its machine goes down."""
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
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    print("nginx is missing: installing Debian's package", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx-light"], check=False)
    if not Path("/usr/sbin/nginx").exists():
        subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=True)
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
            TEMPLATE.read_text(encoding="utf-8"),
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


# --- the run -----------------------------------------------------------------------------


def _env(url: str, args: argparse.Namespace, outbox: Path) -> dict[str, str]:
    env = {
        **bj._env(url),
        "VERBUND_REDIS_URL": args.redis,
        "VERBUND_EMAIL_DIR": str(outbox),
        "VERBUND_TASK_LEASE_SECONDS": LEASE,
        "VERBUND_LOG_LEVEL": "WARNING",
    }
    if args.broker:
        env["VERBUND_TASK_BROKER_URL"] = args.broker
    return env


def _flush(url: str) -> None:
    Redis.from_url(url).flushdb()


def _b_p95(results: list[dict[str, Any]]) -> float:
    every = [v for r in results for values in r["latencies"].values() for v in values]
    return bj._percentiles(every).get("p95", 0.0)


def _tenants(port: int, args: argparse.Namespace, plan_a: Any, plan_b: Any) -> Any:
    """B alone, then B while A saturates; B's per-request figures both times."""
    started = time.monotonic()
    end = started + args.tenant_seconds
    alone_procs, alone_queue = bj._spawn(
        args.tenant_users, bj._journey_user, (port, plan_b, end, False)
    )
    alone = bj._collect(alone_procs, alone_queue)
    alone_figures = bj._figures(alone, time.monotonic() - started, "submissions")
    figures: dict[str, Any] = {"b_alone": alone_figures}
    results = list(alone)
    # The same load beside B twice: from tenant A, then from more citizens of B itself.
    # On one machine both take CPU from B; only the first may not add waiting on locks.
    for name, plan_other in (("with_a", plan_a), ("with_more_b", plan_b)):
        started = time.monotonic()
        end = started + args.tenant_seconds
        o_procs, o_queue = bj._spawn(args.users, bj._journey_user, (port, plan_other, end, False))
        b_procs, b_queue = bj._spawn(
            args.tenant_users, bj._journey_user, (port, plan_b, end, False)
        )
        b_results = bj._collect(b_procs, b_queue)
        other = bj._collect(o_procs, o_queue)
        wall = time.monotonic() - started
        figures[f"b_{name}"] = bj._figures(b_results, wall, "submissions")
        figures[f"load_{name}"] = bj._figures(other, wall, "submissions")
        results += b_results + other
    alone_p95 = max(alone_figures["overall"]["p95"], 1e-9)
    figures["ratio_p95"] = figures["b_with_a"]["overall"]["p95"] / alone_p95
    figures["ratio_p95_same_tenant"] = figures["b_with_more_b"]["overall"]["p95"] / alone_p95
    return results, figures


def _crash(port: int, app: bj.Server, worker: Process, args: argparse.Namespace, plan: Any) -> Any:
    in_flight: Any = bj.multiprocessing.Value("i", 0)
    started = time.monotonic()
    end = started + args.kill_after + args.tail
    processes, queue = bj._spawn(args.users, bj._journey_user, (port, plan, end, True, in_flight))
    time.sleep(args.kill_after)
    waited = time.monotonic()
    while in_flight.value == 0 and time.monotonic() < waited + 5:
        time.sleep(0.001)
    time.sleep(0.15)  # half the hold: a submit being answered is being held
    submits = in_flight.value
    app.kill()
    worker.kill()
    killed = round(time.monotonic() - started, 1)
    print(f"  SIGKILL at {killed} s to app server {app.port} and {worker.name} ({submits} submits)")
    time.sleep(2)
    app.start()
    worker.start()
    results = bj._collect(processes, queue)
    figures = bj._figures(results, time.monotonic() - started, "submissions")
    figures["killed_at"], figures["submits_on_their_way"] = killed, submits
    return results, figures


def _drain(url: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        state = json.loads(bj._django(url, sys.executable, __file__, "--tasks"))
        if state["all_open"] == 0 or time.monotonic() > deadline:
            return state
        time.sleep(2)


def _outbox(outbox: Path, references: list[str]) -> dict[str, Any]:
    """How many e-mails in the outbox name each reference."""
    wanted = set(references)
    counts: dict[str, int] = dict.fromkeys(wanted, 0)
    pattern = re.compile(r"VB-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
    messages = 0
    for path in outbox.glob("*.log"):
        for raw in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
            if not raw.strip():
                continue
            messages += 1
            parsed = email.message_from_string(raw.strip(), policy=email.policy.default)
            body = parsed.get_body()
            text = str(parsed["Subject"]) + (body.get_content() if body is not None else raw)
            for reference in set(pattern.findall(text)) & wanted:
                counts[reference] += 1
    return {
        "messages": messages,
        "missing": sorted(r for r, n in counts.items() if n == 0)[:5],
        "missing_count": sum(1 for n in counts.values() if n == 0),
        "twice_count": sum(1 for n in counts.values() if n > 1),
        "twice": sorted(r for r, n in counts.items() if n > 1)[:5],
    }


def main() -> None:
    if sys.argv[1:] == ["--second-tenant"]:
        second_tenant()
        return
    if sys.argv[1:] == ["--tasks"]:
        task_state()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--form", choices=sorted(bj.FORMS), default="lastenrad")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--broker", default="", help="e.g. redis://127.0.0.1:6379/8")
    parser.add_argument("--kill-after", type=float, default=15.0)
    parser.add_argument("--tail", type=float, default=25.0)
    parser.add_argument("--tenant-users", type=int, default=4)
    parser.add_argument("--tenant-seconds", type=float, default=30.0)
    args = parser.parse_args()

    url = f"{common.POSTGRES_SERVER}/{POSTGRES_DB}"
    ok = True
    summary: dict[str, Any] = {
        "servers": args.servers,
        "gunicorn_workers": args.workers,
        "task_workers": args.task_workers,
        "users": args.users,
        "broker": bool(args.broker),
    }
    with tempfile.TemporaryDirectory(prefix="verbund-cluster-") as name:
        tmp = Path(name)
        bj.DATA_DIR.append(str(tmp / "data"))
        outbox = tmp / "outbox"
        outbox.mkdir()
        common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
        common._postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
        for redis in (args.redis, args.broker):
            if redis:
                _flush(redis)
        started: list[Any] = []
        try:
            python = [sys.executable, "-m", "verbund"]
            bj._django(url, *python, "migrate", "--no-input", "-v", "0")
            bj._django(url, *python, "collectstatic", "--no-input", "-v", "0")
            bj._django(url, *python, "import_gv100ad", str(common.DEMO_REGISTER))
            world = json.loads(bj._django(url, sys.executable, bj.__file__, "--world", args.form))
            bj._django(url, sys.executable, __file__, "--second-tenant")
            plan = bj.journey_plan(bj.definition_of(args.form))
            plan["start"] = f"/antrag/neu/{world['service']}/?ort={bj.MERZENICH}"
            plan_b = {**plan, "start": f"/antrag/neu/{world['service']}/?ort={BRILON}"}
            ledger = bj.Ledger(plan)
            env = _env(url, args, outbox)

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
                server.extra_env = {**env, "VERBUND_PROXY_COUNT": "1"}
                servers.append(server)
            proxy = Proxy(tmp / "nginx", common._free_port(), [s.port for s in servers])
            for process in [*workers, *servers, proxy]:
                process.start()
                started.append(process)
            for server in servers:
                server.wait_ready(plan["start"])
            front = bj.Server(url, proxy.port, 0, tmp / "none.log")  # only to wait on
            front.wait_ready(plan["start"])

            def check(phase: str, crash: bool = False) -> None:
                nonlocal ok
                good, report = ledger.check(url, phase, crash)
                for n, server in enumerate(servers):
                    blocks, _seen = bj._tracebacks(server.log, 0)
                    if blocks and not crash:
                        report["problems"].append(f"app server {n + 1}: {blocks[0][:300]}")
                        good = False
                subs = report["submissions"]
                print(
                    f"  check {phase}: told {subs['told']}, in the database "
                    f"{subs['in_database']}, missing {subs['missing']}, twice "
                    f"{subs['told_twice']}, lost responses {subs['lost_responses']}"
                    + ("" if good else f"  FAILED: {report['problems']}")
                )
                ok = ok and good
                summary.setdefault("checks", []).append(report)

            results, _warm = bj._journeys(proxy.port, args, plan, 3)
            ledger.add(results)
            for phase, port in (("single", servers[0].port), ("cluster", proxy.port)):
                results, figures = bj._journeys(port, args, plan, args.seconds)
                ledger.add(results)
                bj._print_phase(phase, "journeys", figures)
                summary[phase] = figures
                ok = ok and not figures["errors"]
                check(phase)

            # The crash: app servers that hold each submit's answer, so that the kill
            # lands between a submission's commit and its answer.
            for server in servers:
                server.stop()
                server.hold = "outer:300"
                server.start()
            for server in servers:
                server.wait_ready(plan["start"])
            results, figures = _crash(proxy.port, servers[0], workers[0], args, plan)
            ledger.add(results)
            bj._print_phase("crash", "journeys", figures)
            print(f"  connection errors and proxy errors retried: {figures['connection_errors']}")
            summary["crash"] = figures
            ok = ok and not figures["errors"]
            check("crash", crash=True)
            for server in servers:
                server.stop()
                server.hold = ""
                server.start()
            for server in servers:
                server.wait_ready(plan["start"])

            results, figures = _tenants(proxy.port, args, plan, plan_b)
            ledger.add(results)
            keys = ("b_alone", "b_with_a", "load_with_a", "b_with_more_b", "load_with_more_b")
            for key in keys:
                bj._print_phase("tenants", key, figures[key])
            print(
                f"  tenant B p95 with A / alone: {figures['ratio_p95']:.2f} (goal <= 1.5); "
                f"with as many more of B's own citizens / alone: "
                f"{figures['ratio_p95_same_tenant']:.2f}"
            )
            summary["tenants"] = figures
            ok = ok and not any(figures[key]["errors"] for key in keys)
            check("tenants")

            state = _drain(url, 120)
            mails = _outbox(outbox, state["references"])
            summary["tasks"], summary["outbox"] = state["tasks"], mails
            print(
                f"  tasks after recovery: {state['tasks']}, still open {state['all_open']}; "
                f"outbox: {mails['messages']} e-mails, missing {mails['missing_count']} "
                f"{mails['missing']}, twice {mails['twice_count']} {mails['twice']}"
            )
            if state["all_open"] or mails["missing_count"] or set(state["tasks"]) != {"SUCCESSFUL"}:
                ok = False
        finally:
            for process in reversed(started):
                process.stop()
            common._postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB}")
    print(json.dumps(summary, default=str))
    single, cluster = summary.get("single"), summary.get("cluster")
    if single and cluster:
        print()
        print("phase    | journeys/s | req/s | p50 | p95 per request")
        for phase in ("single", "cluster", "crash"):
            f = summary[phase]
            print(
                f"{phase:<8} | {f['rate']:10.1f} | {f['rps']:5.0f} | "
                f"{f['overall']['p50']:5.1f} ms | {f['overall']['p95']:5.1f} ms"
            )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
