"""Tasks through the broker (ADR 0023) with a real Redis and real RQ worker processes:
a task is pushed only once its transaction commits, a broker worker runs it once, a
push the broker lost is pushed again by the sweep, a task whose worker was killed runs
again, a task that raises is tried again after its back-off and then fails, and the
daily housekeeping starts once per day from the scheduler.

Redis at 127.0.0.1:6379 (``VERBUND_TEST_REDIS_URL`` to change); each xdist worker uses
a database of its own, flushed before and after each test. Without Redis the broker
tests are skipped; the back-off and housekeeping tests run anyway.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from redis import Redis
from redis.exceptions import RedisError

from tests.core import test_task_worker
from tests.core.test_task_worker import (
    REPO,
    VERBUND,
    WorkerDatabase,
    lease_env,
    sleep_past_lease,
    wait_for,
)
from tests.core.worker_tasks import fail_always, record_run, wait_for_release
from verbund.core import periodic, taskbroker, taskqueue
from verbund.core.models import PeriodicRun
from verbund.core.tasks import HousekeepingFailed, housekeeping_run

# The shared database of the lease tests, used here as a fixture too.
worker_db = test_task_worker.worker_db

BROKERED = {"default": {"BACKEND": "verbund.core.taskbroker.BrokeredBackend"}}


def _redis_url() -> str:
    base = os.environ.get("VERBUND_TEST_REDIS_URL", "redis://127.0.0.1:6379")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = 15 - int(worker.removeprefix("gw") or 0) % 4  # 15, 14, 13, 12
    return f"{base.rstrip('/')}/{number}"


@pytest.fixture
def broker(settings: Any) -> Iterator[Redis]:
    url = _redis_url()
    redis = Redis.from_url(url, socket_connect_timeout=1)
    try:
        redis.ping()
    except RedisError:
        pytest.skip(f"no Redis at {url}")
    redis.flushdb()
    settings.VERBUND_TASK_BROKER_URL = url
    settings.TASKS = BROKERED
    taskbroker._connection.cache_clear()
    try:
        yield redis
    finally:
        redis.flushdb()
        taskbroker._connection.cache_clear()


def broker_env(redis: Redis, **extra: str) -> dict[str, str]:
    kwargs = redis.connection_pool.connection_kwargs
    url = f"redis://{kwargs.get('host', '127.0.0.1')}:{kwargs.get('port', 6379)}/{kwargs['db']}"
    return {"VERBUND_TASK_BROKER_URL": url, **extra}


def queued(redis: Redis) -> list[str]:
    return [item.decode() for item in redis.lrange("rq:queue:verbund-default", 0, -1)]


def broker_worker(db: WorkerDatabase, redis: Redis, name: str, *options: str) -> list[str]:
    return [str(VERBUND), "task_worker", "--skip-checks", "--worker-id", name, *options]


def run_broker_worker(
    db: WorkerDatabase, redis: Redis, name: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """One RQ worker in burst mode: it runs what the queue holds and exits."""
    try:
        return _run_broker_worker(db, redis, name, **env)
    except subprocess.TimeoutExpired as error:
        output = (error.stderr or b"").decode(errors="replace")
        pytest.fail(f"the worker {name} did not exit:\n{output}")


def _run_broker_worker(
    db: WorkerDatabase, redis: Redis, name: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        broker_worker(db, redis, name, "--batch"),
        env=db.env(**broker_env(redis, **env)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )


def names(worker_ids: list[str]) -> list[str]:
    """The ``--worker-id`` of each claim: RQ workers are named ``<id>.<pid>``."""
    found = []
    for worker_id in worker_ids:
        name, _dot, pid = worker_id.rpartition(".")
        assert pid.isdigit(), worker_id
        found.append(name)
    return found


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …; comm may contain spaces, so split after ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_task_is_pushed_only_after_its_transaction_commits(
    worker_db: WorkerDatabase, broker: Redis
) -> None:
    directory = str(worker_db.directory)
    with transaction.atomic():
        kept = record_run.enqueue(directory).id
        assert queued(broker) == []  # a worker must not see it before the commit
    assert queued(broker) == [f"verbund-{kept}-0"]

    def failed_write() -> None:
        with transaction.atomic():
            record_run.enqueue(directory)
            raise RuntimeError("the write failed")

    with pytest.raises(RuntimeError):
        failed_write()
    assert queued(broker) == [f"verbund-{kept}-0"]
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [uuid.UUID(kept)]


def test_a_broker_worker_runs_the_task_once(worker_db: WorkerDatabase, broker: Redis) -> None:
    result_id = record_run.enqueue(str(worker_db.directory)).id
    worker = run_broker_worker(worker_db, broker, "rq-one")
    assert worker.returncode == 0, worker.stderr
    row = DBTaskResult.objects.get(pk=result_id)
    assert (row.status, row.return_value, names(row.worker_ids)) == ("SUCCESSFUL", 1, ["rq-one"])
    assert worker_db.runs() == 1
    assert queued(broker) == []
    # A second push of the same attempt (two pushes racing) finds the row taken.
    taskbroker.results_dispatch([(result_id, "default", 0)], only_missing=False)
    again = run_broker_worker(worker_db, broker, "rq-two")
    assert again.returncode == 0, again.stderr
    assert worker_db.runs() == 1
    assert names(DBTaskResult.objects.get(pk=result_id).worker_ids) == ["rq-one"]


def test_a_push_the_broker_lost_is_pushed_again_by_the_sweep(
    worker_db: WorkerDatabase, broker: Redis
) -> None:
    result_id = record_run.enqueue(str(worker_db.directory)).id
    broker.flushdb()  # Redis restarted and kept nothing
    later = timezone.now() + dt.timedelta(seconds=3)
    # Within its grace a new row is left to the push after its commit.
    assert taskbroker.due_results_dispatch(now=timezone.now() - dt.timedelta(seconds=1)) == 0
    assert taskbroker.due_results_dispatch(now=later) == 1
    assert queued(broker) == [f"verbund-{result_id}-0"]
    # The job of this attempt is waiting: the next sweep does not push it twice.
    assert taskbroker.due_results_dispatch(now=later) == 0
    assert queued(broker) == [f"verbund-{result_id}-0"]
    worker = run_broker_worker(worker_db, broker, "rq-after-restart")
    assert worker.returncode == 0, worker.stderr
    assert DBTaskResult.objects.get(pk=result_id).status == "SUCCESSFUL"
    assert worker_db.runs() == 1
    # Finished rows are never pushed again.
    assert taskbroker.due_results_dispatch(now=later) == 0


def test_a_task_whose_broker_worker_was_killed_runs_again(
    worker_db: WorkerDatabase, broker: Redis
) -> None:
    result_id = wait_for_release.enqueue(str(worker_db.directory)).id
    with (worker_db.directory / "first.log").open("w") as log:
        first = subprocess.Popen(
            broker_worker(worker_db, broker, "rq-first"),
            env=worker_db.env(**broker_env(broker, **lease_env("2"))),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: worker_db.runs() == 1, "the first worker to start the task")
            row = DBTaskResult.objects.get(pk=result_id)
            assert (row.status, names(row.worker_ids)) == ("RUNNING", ["rq-first"])
        finally:
            # kill -9 the worker and any work horse (which RQ puts in a session of
            # its own) together, as when their machine goes down.
            for pid in [*children(first.pid), first.pid]:
                os.kill(pid, signal.SIGKILL)
            first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL

    # Nothing is pushed while the lease runs: the row is RUNNING.
    assert taskbroker.due_results_dispatch(now=timezone.now() + dt.timedelta(seconds=3)) == 0
    (worker_db.directory / "release").touch()
    sleep_past_lease(result_id, 2.0)
    revival = taskqueue.expired_tasks_revive(lease=2.0)
    assert revival.requeued == [result_id]
    assert taskbroker.due_results_dispatch(now=timezone.now() + dt.timedelta(seconds=3)) == 1
    assert queued(broker) == [f"verbund-{result_id}-1"]
    second = run_broker_worker(worker_db, broker, "rq-second", **lease_env("2"))
    assert second.returncode == 0, second.stderr
    row = DBTaskResult.objects.get(pk=result_id)
    assert (row.status, row.return_value) == ("SUCCESSFUL", "released")
    assert names(row.worker_ids) == ["rq-first", "rq-second"]
    assert worker_db.runs() == 2


def test_a_task_that_raises_is_tried_again_after_its_back_off_then_fails(
    worker_db: WorkerDatabase, broker: Redis, settings: Any
) -> None:
    settings.VERBUND_TASK_RETRY_SECONDS = 60
    result_id = fail_always.enqueue(str(worker_db.directory)).id
    env = {"VERBUND_TASK_RETRY_SECONDS": "60"}
    attempts = []
    for attempt in (1, 2, 3):
        if attempt > 1:
            # The back-off has not passed: the sweep leaves the row alone.
            assert taskbroker.due_results_dispatch() == 0
            DBTaskResult.objects.filter(pk=result_id).update(
                run_after=timezone.now() - dt.timedelta(seconds=5)
            )
            assert (
                taskbroker.due_results_dispatch(now=timezone.now() + dt.timedelta(seconds=3)) == 1
            )
        started = timezone.now()
        worker = run_broker_worker(worker_db, broker, f"rq-{attempt}", **env)
        assert worker.returncode == 0, worker.stderr
        row = DBTaskResult.objects.get(pk=result_id)
        attempts.append(row.status)
        assert row.exception_class_path == "builtins.ConnectionRefusedError"
        assert row.traceback.endswith(
            "ConnectionRefusedError: the mail server refused the connection\n"
        )
        if attempt < 3:
            wait = (row.run_after - started).total_seconds()
            expected = 60 * 4 ** (attempt - 1)
            assert expected <= wait < expected + 10
    assert attempts == ["READY", "READY", "FAILED"]
    assert worker_db.runs() == 3
    assert names(DBTaskResult.objects.get(pk=result_id).worker_ids) == ["rq-1", "rq-2", "rq-3"]
    # A failed row is never pushed again.
    assert taskbroker.due_results_dispatch(now=timezone.now() + dt.timedelta(days=1)) == 0


def test_the_scheduler_command_pushes_what_is_due(worker_db: WorkerDatabase, broker: Redis) -> None:
    result_id = record_run.enqueue(str(worker_db.directory)).id
    broker.flushdb()
    DBTaskResult.objects.filter(pk=result_id).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=10)
    )
    scheduler = subprocess.run(
        [str(VERBUND), "task_scheduler", "--skip-checks", "--once"],
        env=worker_db.env(**broker_env(broker)),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert scheduler.returncode == 0, scheduler.stderr
    assert queued(broker) == [f"verbund-{result_id}-0"]


def test_the_back_off_grows_fourfold(settings: Any) -> None:
    settings.VERBUND_TASK_RETRY_SECONDS = 60
    assert [taskqueue.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [
        60,
        240,
        960,
        3840,
    ]


def _at(day: int, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 12, day, hour, minute))


@pytest.mark.django_db
def test_housekeeping_starts_once_a_day_at_its_time(settings: Any) -> None:
    settings.VERBUND_PERIODIC_JOBS = [("verify-audit", "03:40", "verify_audit")]
    # Seen for the first time: registered, started at its next time.
    assert periodic.periodic_jobs_enqueue(_at(4, 12, 0)) == []
    assert PeriodicRun.objects.get().last_run_at == _at(4, 12, 0)
    assert periodic.periodic_jobs_enqueue(_at(5, 3, 39)) == []
    assert periodic.periodic_jobs_enqueue(_at(5, 3, 40)) == ["verify-audit"]
    assert periodic.periodic_jobs_enqueue(_at(5, 3, 41)) == []
    assert periodic.periodic_jobs_enqueue(_at(5, 23, 0)) == []
    # A scheduler that was down at the time starts it when it is back, once.
    assert periodic.periodic_jobs_enqueue(_at(7, 9, 0)) == ["verify-audit"]
    assert periodic.periodic_jobs_enqueue(_at(7, 9, 5)) == []
    rows = DBTaskResult.objects.filter(task_path="verbund.core.tasks.housekeeping_run")
    assert [row.args_kwargs["args"] for row in rows] == [["verify-audit"], ["verify-audit"]]


@pytest.mark.django_db
def test_housekeeping_runs_its_command_and_fails_loudly(settings: Any) -> None:
    settings.VERBUND_PERIODIC_JOBS = [
        ("verify-audit", "03:40", "verify_audit"),
        ("broken", "03:50", "verify_audit", "--no-such-option"),
    ]
    assert housekeeping_run.call("verify-audit") == (
        "Audit trail intact: 0 entries in 0 chains verified.\n"
    )
    with pytest.raises(HousekeepingFailed, match=r"^broken: "):
        housekeeping_run.call("broken")
    with pytest.raises(LookupError, match="no periodic job named 'rm -rf'"):
        housekeeping_run.call("rm -rf")


def test_a_periodic_job_with_a_bad_time_is_refused(settings: Any) -> None:
    settings.VERBUND_PERIODIC_JOBS = [("verify-audit", "25:99", "verify_audit")]
    with pytest.raises(Exception, match="VERBUND_PERIODIC_JOBS: 'verify-audit' has the time"):
        periodic.jobs()


def test_a_broker_address_rq_cannot_use_is_refused_at_start(settings: Any) -> None:
    def ids() -> list[str]:
        return [message.id or "" for message in taskbroker.check_task_broker()]

    settings.VERBUND_TASK_BROKER_URL = ""
    assert ids() == []
    settings.VERBUND_TASK_BROKER_URL = "amqp://guest:secret@127.0.0.1:5672/"
    settings.TASKS = BROKERED
    assert ids() == ["core.E003"]
    # The password is not repeated in the message.
    assert "secret" not in taskbroker.check_task_broker()[0].msg
    settings.VERBUND_TASK_BROKER_URL = "redis://127.0.0.1:6379/3"
    assert ids() == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert ids() == ["core.W002"]
