"""Background tasks dispatched through a broker: RQ queues on Redis (ADR 0023).

The database stays the record of every task. :class:`BrokeredBackend` is
django-tasks-db's backend: enqueueing writes the ``DBTaskResult`` row in the
caller's transaction, exactly as without a broker, so a task exists exactly when
the change it follows does. Once that transaction commits, the row's id is pushed
to an RQ queue; an RQ worker (``verbund task_worker`` with
``VERBUND_TASK_BROKER_URL`` set) pops it and runs :func:`result_claim_and_run`,
which claims the row and runs the task like the database worker does
(:func:`verbund.core.taskqueue.result_run`: lease, retry with back-off, attempts).

What the broker may lose, the database still knows. One ``verbund
task_scheduler`` sweeps every ``VERBUND_TASK_SWEEP_SECONDS``
(:func:`due_results_dispatch`): a READY row that is due but has no live job on
the broker is pushed again. That covers a push lost to a crash between commit and
push, a Redis restart (this machine's Redis keeps nothing on disk), a task whose
back-off or ``run_after`` has come, and a task revived after its worker died.

The RQ job of attempt ``n`` of a row has the id ``verbund-<row id>-<n>``, where
``n`` is the number of claims so far. The sweep pushes a job only when that id has
no job waiting or running, so a long queue is not pushed twice; a job popped twice
anyway (two pushes racing) finds its row claimed and does nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import socket
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import checks
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.backend import DatabaseBackend, TaskResult
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception
from redis import Redis
from rq import Queue, SimpleWorker, get_current_job
from rq.job import JobStatus

from verbund.core import taskqueue

__all__ = [
    "BrokerWorker",
    "BrokeredBackend",
    "broker_url",
    "due_results_dispatch",
    "queue_for",
    "result_claim_and_run",
    "results_dispatch",
]

logger = logging.getLogger(__name__)

# A row enqueued this recently is left to the push that follows its commit.
DISPATCH_GRACE = dt.timedelta(seconds=2)
# Rows looked at per sweep; the rest wait for the next one.
SWEEP_BATCH = 1000
# Job states in which the job of an attempt still runs or will run.
_ALIVE = {
    str(status.value)
    for status in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED)
}
# How long RQ keeps a job that died with its worker, for the operator (rq info).
FAILED_JOB_TTL = 7 * 24 * 3600


class BrokerWorker(SimpleWorker):
    """RQ's worker that runs each job in its own process and exits at once when it stops.

    No fork per job (RQ's default): a forked work horse opens a new database
    connection for every task, which cost a third of the journeys' throughput in
    bench_cluster.py; here the worker keeps its connection (``CONN_MAX_AGE``). RQ still
    ends a job that outlives its timeout (the lease) with a signal.

    RQ listens for its commands (``rq suspend``, kill a horse) in a daemon thread.
    At shutdown it stops that thread, and with redis-py 8 ``PubSubWorkerThread.stop()``
    joins a thread that waits up to a minute for a message once unsubscribed: a
    worker in burst mode hung for up to a minute after "done" (seen in
    tests/core/test_task_broker.py). The subscription ends here; the daemon thread
    ends with the process."""

    def unsubscribe(self) -> None:
        if self.pubsub_thread:
            self.log.info("Worker %s: unsubscribing", self.name)
            self.pubsub.unsubscribe()


def broker_url() -> str:
    return str(getattr(settings, "VERBUND_TASK_BROKER_URL", "") or "")


@functools.cache
def _connection(url: str) -> Redis:
    return Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)


def connection() -> Redis:
    url = broker_url()
    if not url:
        raise RuntimeError("VERBUND_TASK_BROKER_URL is not set")
    return _connection(url)


def queue_for(queue_name: str) -> Queue:
    """The RQ queue of a task queue (``default`` → ``verbund-default``)."""
    return Queue(f"verbund-{queue_name}", connection=connection())


def job_id(result_id: Any, claims: int) -> str:
    return f"verbund-{result_id}-{claims}"


def results_dispatch(rows: Iterable[tuple[Any, str, int]], *, only_missing: bool) -> int:
    """Push a job for each ``(row id, queue name, claims so far)``; with
    ``only_missing`` skip a row whose job of this attempt is still waiting or running.
    Returns the number of jobs pushed."""
    pushed = 0
    redis = connection()
    for result_id, queue_name, claims in rows:
        identifier = job_id(result_id, claims)
        if only_missing:
            status = redis.hget(f"rq:job:{identifier}", "status")
            if isinstance(status, bytes) and status.decode() in _ALIVE:
                continue
        queue_for(queue_name).enqueue_call(
            func=result_claim_and_run,
            args=(str(result_id),),
            job_id=identifier,
            timeout=int(taskqueue.lease_seconds()),
            result_ttl=0,
            failure_ttl=FAILED_JOB_TTL,
        )
        pushed += 1
    return pushed


def _push_after_commit(result_id: Any, queue_name: str) -> None:
    try:
        results_dispatch([(result_id, queue_name, 0)], only_missing=False)
    except Exception:  # the scheduler's sweep pushes it later
        logger.warning(
            "Task id=%s: the broker did not take it; the scheduler will push it again.",
            result_id,
            exc_info=True,
        )


class BrokeredBackend(DatabaseBackend):
    """django-tasks-db's backend that also pushes each task to the broker once the
    transaction that wrote it has committed (immediately outside a transaction).

    A task with ``run_after`` in the future is not pushed now: the scheduler pushes
    it when it is due."""

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        result: TaskResult = super().enqueue(task, args, kwargs)
        if task.run_after is None or task.run_after <= timezone.now():
            result_id, queue_name = result.id, task.queue_name
            transaction.on_commit(lambda: _push_after_commit(result_id, queue_name))
        return result


def due_results_dispatch(*, backend_name: str = "default", now: dt.datetime | None = None) -> int:
    """Push every READY row of ``backend_name`` that is due and has no live job on the
    broker (the scheduler's sweep). Returns the number of jobs pushed."""
    now = now or timezone.now()
    rows = (
        DBTaskResult.objects.filter(
            backend_name=backend_name,
            status=TaskResultStatus.READY,
            enqueued_at__lte=now - DISPATCH_GRACE,
        )
        .filter(_due(now))
        .order_by("-priority", "run_after", "enqueued_at")
        .values_list("id", "queue_name", "worker_ids")[:SWEEP_BATCH]
    )
    return results_dispatch(
        [(pk, queue_name, len(worker_ids)) for pk, queue_name, worker_ids in rows],
        only_missing=True,
    )


def _due(now: dt.datetime) -> Q:
    return Q(run_after=get_date_max()) | Q(run_after__lte=now)


def _worker_id() -> str:
    job = get_current_job()
    name = getattr(job, "worker_name", None) if job is not None else None
    return str(name or f"{socket.gethostname()}:{os.getpid()}")[:64]


def result_claim_and_run(result_id: str) -> str:
    """What an RQ job runs: claim the row if it is READY and due, run its task
    (:func:`verbund.core.taskqueue.result_run`) and return the row's new status, or
    ``"not ready"`` when another job or worker has it or it has finished."""
    close_old_connections()
    try:
        rows = (
            DBTaskResult.objects.filter(pk=result_id)
            .ready()  # READY and due: the package's own definition
            .select_for_update(skip_locked=True)
        )
        try:
            with exclusive_transaction(rows.db):
                result = rows.first()
                if result is not None:
                    result.claim(_worker_id())
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            # SQLite is busy: the row stays READY and the sweep pushes it again.
            return "not ready"
        if result is None:
            return "not ready"
        return taskqueue.result_run(result)
    finally:
        close_old_connections()


BROKER_SCHEMES = ("redis://", "rediss://", "unix://")


@checks.register()
def check_task_broker(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse a broker address RQ cannot use, at start rather than at the first task; and
    a broker without the backend that pushes to it (a VERBUND_TASK_BACKEND of one's own)."""
    url = broker_url()
    found: list[checks.CheckMessage] = []
    if url and not url.startswith(BROKER_SCHEMES):
        found.append(
            checks.Error(
                f"VERBUND_TASK_BROKER_URL starts with {url.split('//')[0] + '//'!r}; it "
                "must start with redis://, rediss:// or unix:// (RQ runs on Redis).",
                hint="docs/operations.md, 'Task broker (Redis) and the scheduler'.",
                id="core.E003",
            )
        )
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    if url and backend != f"{__name__}.BrokeredBackend":
        found.append(
            checks.Warning(
                f"VERBUND_TASK_BROKER_URL is set, but the task backend is {backend}: "
                "tasks are not pushed to the broker, and its workers wait for ever.",
                hint="Unset VERBUND_TASK_BACKEND, or the broker.",
                id="core.W002",
            )
        )
    return found
