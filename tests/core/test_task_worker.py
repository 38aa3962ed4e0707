"""The task lease (ADR 0018) with real worker processes: a task whose worker is killed
runs again, a task that kills every worker ends FAILED, two revivers revive once, and a
hung mail server cannot block a worker.

The workers are ``verbund task_worker`` processes of this virtualenv. They need a
database another process can open: on PostgreSQL the test database itself (the test
commits, ``transactional_db``); on SQLite, whose test database lives in memory, a file
copy of it that the test process uses too for the duration of the test.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core import checks
from django.core.mail import EmailMessage
from django.db import connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.core.worker_tasks import kill_own_worker, record_run, send_mail, wait_for_release
from verbund.core.taskqueue import (
    Revival,
    check_task_lease,
    check_task_lease_long_enough,
    expired_tasks_revive,
)

REPO = Path(__file__).resolve().parents[2]
VERBUND = Path(sys.executable).with_name("verbund")


class WorkerDatabase:
    """The database the test and its worker processes share, and a directory for the
    tasks' files (``runs``, ``release``) and the workers' output."""

    def __init__(self, directory: Path, settings_dict: dict[str, Any], file: Path | None):
        self.directory = directory
        self.settings_dict = settings_dict
        self.file = file
        if file is not None:
            self.url = f"sqlite:///{file}"
        else:
            auth = quote(settings_dict["USER"], safe="")
            if settings_dict["PASSWORD"]:
                auth += ":" + quote(settings_dict["PASSWORD"], safe="")
            host = settings_dict["HOST"] or "localhost"
            port = settings_dict["PORT"] or "5432"
            self.url = f"postgres://{auth}@{host}:{port}/{quote(settings_dict['NAME'])}"

    @property
    def vendor(self) -> str:
        return "sqlite" if self.file is not None else "postgresql"

    @contextmanager
    def bound(self) -> Iterator[None]:
        """Use the shared database in the current thread; close its connection after."""
        if self.file is None:
            try:
                yield
            finally:
                if threading.current_thread() is not threading.main_thread():
                    connections["default"].close()
            return
        previous = connections["default"]
        wrapper = type(previous)({**self.settings_dict, "NAME": str(self.file)}, "default")
        connections["default"] = wrapper
        try:
            yield
        finally:
            wrapper.close()
            connections["default"] = previous

    def env(self, **extra: str) -> dict[str, str]:
        # Nothing of the developer's VERBUND_* environment reaches the worker.
        env = {k: v for k, v in os.environ.items() if not k.startswith("VERBUND_")}
        env.update(
            DJANGO_SETTINGS_MODULE="verbund.settings",
            PYTHONPATH=str(REPO),
            VERBUND_SECRET_KEY="subprocess-test-key-" + os.urandom(16).hex(),
            VERBUND_DATABASE_URL=self.url,
            VERBUND_DATA_DIR=str(self.directory / "data"),
        )
        env.update(extra)
        return env

    def runs(self) -> int:
        """How often the test tasks ran."""
        path = self.directory / "runs"
        return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


@pytest.fixture
def worker_db(transactional_db: None, tmp_path: Path) -> Iterator[WorkerDatabase]:
    memory = connections["default"]
    if memory.vendor == "postgresql":
        yield WorkerDatabase(tmp_path, dict(memory.settings_dict), None)
        return
    file = tmp_path / "worker.sqlite3"
    memory.ensure_connection()
    with closing(sqlite3.connect(file)) as target:
        memory.connection.backup(target)
    database = WorkerDatabase(tmp_path, dict(memory.settings_dict), file)
    with database.bound():
        yield database


def worker_command(worker_id: str, *options: str) -> list[str]:
    return [
        str(VERBUND),
        "task_worker",
        "--skip-checks",
        "--no-startup-delay",
        "--interval",
        "0.05",
        "--worker-id",
        worker_id,
        *options,
    ]


def lease_env(lease: str, attempts: str = "3") -> dict[str, str]:
    return {"VERBUND_TASK_LEASE_SECONDS": lease, "VERBUND_TASK_MAX_ATTEMPTS": attempts}


def run_worker(db: WorkerDatabase, worker_id: str, **env: str) -> subprocess.CompletedProcess[str]:
    """One worker in batch mode: it revives, runs what is ready and exits. A worker that
    hangs fails the test after 30 s."""
    return subprocess.run(
        worker_command(worker_id, "--batch"),
        env=db.env(**env),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def sleep_past_lease(result_id: str, lease: float) -> None:
    started_at = DBTaskResult.objects.get(pk=result_id).started_at
    assert started_at is not None
    remaining = (started_at + dt.timedelta(seconds=lease) - timezone.now()).total_seconds()
    time.sleep(max(0.0, remaining) + 0.05)


def test_a_task_whose_worker_was_killed_runs_again_once_its_lease_expired(
    worker_db: WorkerDatabase,
) -> None:
    result_id = wait_for_release.enqueue(str(worker_db.directory)).id
    with (worker_db.directory / "first.log").open("w") as log:
        first = subprocess.Popen(
            worker_command("first"),
            env=worker_db.env(**lease_env("1")),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: worker_db.runs() == 1, "the first worker to start the task")
            row = DBTaskResult.objects.get(pk=result_id)
            assert (row.status, row.worker_ids) == ("RUNNING", ["first"])
        finally:
            first.kill()
            first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL

    # Within its lease nobody takes it over: it is RUNNING as the auditor found it.
    early = run_worker(worker_db, "early", **lease_env("300"))
    assert early.returncode == 0, early.stderr
    row = DBTaskResult.objects.get(pk=result_id)
    assert (row.status, row.worker_ids, worker_db.runs()) == ("RUNNING", ["first"], 1)

    (worker_db.directory / "release").touch()
    sleep_past_lease(result_id, 1.0)
    late = run_worker(worker_db, "late", **lease_env("1"))
    assert late.returncode == 0, late.stderr
    row = DBTaskResult.objects.get(pk=result_id)
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == ["first", "late"]
    assert row.task_result.attempts == 2
    assert row.return_value == "released"
    assert row.finished_at is not None
    assert worker_db.runs() == 2
    assert (
        f"Task id={result_id} path=tests.core.worker_tasks.wait_for_release: no worker "
        "finished attempt 1 of 3 within its lease of 1 s (worker first); put back in the queue."
    ) in late.stderr


def test_a_task_that_kills_every_worker_fails_after_the_maximum_attempts(
    worker_db: WorkerDatabase,
) -> None:
    result_id = kill_own_worker.enqueue(str(worker_db.directory), os.getpid()).id
    codes = []
    for attempt in (1, 2, 3):
        if attempt > 1:
            sleep_past_lease(result_id, 0.2)
        worker = run_worker(worker_db, f"crash-{attempt}", **lease_env("0.2", attempts="2"))
        codes.append(worker.returncode)
    # Two workers died running it; the third gave it up without running it.
    assert codes == [-signal.SIGKILL, -signal.SIGKILL, 0]
    assert worker_db.runs() == 2
    row = DBTaskResult.objects.get(pk=result_id)
    assert row.status == "FAILED"
    assert row.worker_ids == ["crash-1", "crash-2"]
    assert row.exception_class_path == "verbund.core.taskqueue.TaskAttemptsExhausted"
    assert row.traceback == (
        "verbund.core.taskqueue.TaskAttemptsExhausted: No worker finished this task within "
        "its lease of 0.2 s in 2 attempts (workers: crash-1, crash-2); given up after "
        "VERBUND_TASK_MAX_ATTEMPTS=2.\n"
    )
    assert row.finished_at is not None
    assert row.return_value is None

    # A failed task stays failed: another worker runs nothing.
    after = run_worker(worker_db, "after", **lease_env("0.2", attempts="2"))
    assert after.returncode == 0, after.stderr
    assert DBTaskResult.objects.get(pk=result_id).status == "FAILED"
    assert worker_db.runs() == 2


def abandoned(db: WorkerDatabase) -> str:
    """A ``record_run`` task claimed an hour ago by a worker that died."""
    result_id = str(record_run.enqueue(str(db.directory)).id)
    DBTaskResult.objects.filter(pk=result_id).update(
        status="RUNNING", started_at=timezone.now() - dt.timedelta(hours=1), worker_ids=["dead"]
    )
    return result_id


def test_two_revivers_at_the_same_moment_revive_a_task_once(worker_db: WorkerDatabase) -> None:
    result_id = abandoned(worker_db)
    first_revived, second_done = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def first() -> None:
        with worker_db.bound(), transaction.atomic():
            outcome["first"] = expired_tasks_revive(lease=60, attempts=3)
            first_revived.set()
            # Hold the transaction open while the second reviver looks.
            outcome["second_done_meanwhile"] = second_done.wait(timeout=2.0)

    def second() -> None:
        assert first_revived.wait(timeout=10)
        with worker_db.bound():
            outcome["second"] = expired_tasks_revive(lease=60, attempts=3)
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcome["first"] == Revival(requeued=[result_id], failed=[])
    assert outcome["second"] == Revival(requeued=[], failed=[])
    # PostgreSQL: the second skipped the locked row at once. SQLite: it waited for the
    # first's write lock, then found the task READY.
    assert outcome["second_done_meanwhile"] is (worker_db.vendor == "postgresql")
    row = DBTaskResult.objects.get(pk=result_id)
    assert (row.status, row.worker_ids) == ("READY", ["dead"])


def test_two_worker_processes_started_together_run_an_abandoned_task_once(
    worker_db: WorkerDatabase,
) -> None:
    result_id = abandoned(worker_db)
    workers = [
        subprocess.Popen(
            worker_command(name, "--batch"),
            env=worker_db.env(**lease_env("60")),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    logs = [worker.communicate(timeout=30)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0]
    row = DBTaskResult.objects.get(pk=result_id)
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids in (["dead", "one"], ["dead", "two"])
    assert row.return_value == 1
    assert worker_db.runs() == 1
    assert sum("put back in the queue" in log for log in logs) == 1


@pytest.mark.django_db
def test_revival_touches_only_expired_claims_of_its_backend() -> None:
    now = timezone.now()
    hour_ago = now - dt.timedelta(hours=1)

    def row(status: str, started_at: dt.datetime | None, **fields: Any) -> str:
        return str(
            DBTaskResult.objects.create(
                status=status,
                started_at=started_at,
                args_kwargs={"args": ["/nowhere"], "kwargs": {}},
                task_path="tests.core.worker_tasks.record_run",
                backend_name=fields.pop("backend_name", "default"),
                run_after=get_date_max(),
                worker_ids=fields.pop("worker_ids", ["w1"]),
                **fields,
            ).pk
        )

    expired = row("RUNNING", hour_ago)
    exhausted = row("RUNNING", hour_ago, worker_ids=["w1", "w2", "w3"])
    within_lease = row("RUNNING", now - dt.timedelta(seconds=30))
    other_backend = row("RUNNING", hour_ago, backend_name="other")
    untouched = {
        within_lease: "RUNNING",
        other_backend: "RUNNING",
        row("READY", None, worker_ids=[]): "READY",
        row("SUCCESSFUL", hour_ago): "SUCCESSFUL",
        row("FAILED", hour_ago): "FAILED",
    }

    revival = expired_tasks_revive(now=now, lease=60, attempts=3)

    assert revival == Revival(requeued=[expired], failed=[exhausted])
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert {str(pk): status for pk, status in statuses.items()} == {
        expired: "READY",
        exhausted: "FAILED",
        **untouched,
    }
    assert DBTaskResult.objects.get(pk=expired).worker_ids == ["w1"]
    assert DBTaskResult.objects.get(pk=exhausted).finished_at == now
    # Nothing is left to revive.
    assert expired_tasks_revive(now=now, lease=60, attempts=3) == Revival()


def test_lease_and_attempt_settings_are_checked(settings: Any) -> None:
    registered = checks.registry.registry.get_checks(include_deployment_checks=True)
    assert {check_task_lease, check_task_lease_long_enough} <= set(registered)

    def ids() -> set[str]:
        found = [*check_task_lease(), *check_task_lease_long_enough()]
        return {message.id for message in found if message.id}

    assert ids() == set()
    settings.VERBUND_TASK_LEASE_SECONDS = 30
    assert ids() == {"core.W001"}
    settings.VERBUND_TASK_LEASE_SECONDS = 0
    settings.VERBUND_TASK_MAX_ATTEMPTS = 0
    assert ids() == {"core.E001", "core.E002"}


class HungSmtpServer:
    """Accepts connections and never says a word."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        for connection in self.connections:
            connection.close()
        self.socket.close()


@pytest.fixture
def hung_smtp() -> Iterator[HungSmtpServer]:
    server = HungSmtpServer()
    try:
        yield server
    finally:
        server.close()


def test_the_smtp_timeout_ends_a_send_to_a_hung_server(
    settings: Any, hung_smtp: HungSmtpServer
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hung_smtp.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 0.3
    started = time.monotonic()
    with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
        EmailMessage("Test", "Test", to=["anna@example.de"]).send()
    assert 0.3 <= time.monotonic() - started < 3
    assert len(hung_smtp.connections) == 1


def test_a_hung_mail_server_cannot_block_the_worker(
    worker_db: WorkerDatabase, hung_smtp: HungSmtpServer
) -> None:
    result_id = send_mail.enqueue("anna@example.de").id
    worker = run_worker(
        worker_db,
        "mailer",
        VERBUND_SMTP_HOST="127.0.0.1",
        VERBUND_SMTP_PORT=str(hung_smtp.port),
        VERBUND_SMTP_TLS="0",
        VERBUND_SMTP_TIMEOUT="0.5",
        # One attempt: the failure is final at once (a retry comes after its back-off).
        VERBUND_TASK_MAX_ATTEMPTS="1",
    )
    assert worker.returncode == 0, worker.stderr
    row = DBTaskResult.objects.get(pk=result_id)
    assert row.status == "FAILED"
    assert row.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert row.traceback.endswith(
        "smtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out\n"
    )
    assert row.started_at is not None
    assert row.finished_at is not None
    # The configured half second, not Django's default of waiting for ever.
    assert 0.5 <= (row.finished_at - row.started_at).total_seconds() < 5
    assert row.worker_ids == ["mailer"]
    assert len(hung_smtp.connections) == 1
