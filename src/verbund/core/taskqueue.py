"""A lease on background tasks, so that no task is lost when its worker dies.

django-tasks-db keeps every task as a ``DBTaskResult`` row. Its worker claims a
READY row by setting it RUNNING, stamping ``started_at`` and appending its id to
``worker_ids``; after the task it sets SUCCESSFUL or FAILED. A worker that dies in
between (``kill -9``, out of memory, power loss) leaves the row RUNNING for ever,
and nothing ever runs the task again.

Here a claim is a lease of ``VERBUND_TASK_LEASE_SECONDS`` counted from
``started_at``. :func:`expired_tasks_revive` puts every RUNNING row whose lease
ran out back to READY, so that any worker runs it again (at-least-once), or,
once it has been claimed ``VERBUND_TASK_MAX_ATTEMPTS`` times, marks it FAILED
with :class:`TaskAttemptsExhausted`, so that a task that kills its worker every
time cannot loop for ever. The attempt count is the number of claims, which the
package already records: ``len(worker_ids)`` (``TaskResult.attempts``).

:class:`LeasedWorker` is the package's worker with a loop of its own that revives
expired leases when it starts and then every half lease, before it claims; the
claim, the run and the recording of the outcome are the package's. ``verbund
task_worker`` runs it (docs/operations.md, ADR 0018).

A task that raises is tried again with back-off (ADR 0023): :func:`result_run`
records the exception on the row and puts it back to READY with ``run_after``
``VERBUND_TASK_RETRY_SECONDS`` × 4^(attempt − 1) later (1 min, 4 min, 16 min… by
default), until it has been claimed ``VERBUND_TASK_MAX_ATTEMPTS`` times; then it is
FAILED. Both workers run tasks through it: this one and the broker's
(:mod:`verbund.core.taskbroker`).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

__all__ = [
    "LeasedWorker",
    "Revival",
    "TaskAttemptsExhausted",
    "expired_tasks_revive",
    "lease_seconds",
    "max_attempts",
    "result_run",
    "retry_delay",
]

logger = logging.getLogger(__name__)

# Below this a lease may run out while a healthy task still waits on a slow mail server
# (several SMTP round trips of up to VERBUND_SMTP_TIMEOUT each) or a webhook attempt
# (whose own lease is 4 × VERBUND_WEBHOOK_TIMEOUT + 60 s): the task would then run twice
# at the same time, and a webhook attempt revived too early is skipped.
LEASE_FLOOR_SECONDS = 120.0


class TaskAttemptsExhausted(Exception):
    """Recorded on a task that no worker finished within its lease, attempt after attempt."""


def lease_seconds() -> float:
    return float(settings.VERBUND_TASK_LEASE_SECONDS)


def max_attempts() -> int:
    return int(settings.VERBUND_TASK_MAX_ATTEMPTS)


def retry_delay(attempt: int) -> dt.timedelta:
    """How long a task waits after its ``attempt``-th claim raised: the base
    (``VERBUND_TASK_RETRY_SECONDS``) times 4^(attempt − 1)."""
    base = float(settings.VERBUND_TASK_RETRY_SECONDS)
    return dt.timedelta(seconds=base * 4 ** max(0, attempt - 1))


def result_run(result: DBTaskResult) -> str:
    """Run the task of a claimed (RUNNING) row and record the outcome: SUCCESSFUL with
    its return value; after an exception READY again with ``run_after`` set by
    :func:`retry_delay` while claims remain, else FAILED. Returns the new status.

    The row changes only while it is still this claim (RUNNING, same ``started_at``):
    if its lease ran out meanwhile and another worker took it over, that worker
    records the outcome, not this one."""
    try:
        task = result.task
    except (ImportError, SuspiciousOperation) as error:
        # Code that is gone does not come back by waiting.
        result.set_failed(error)
        logger.error("Task id=%s names no task: %s", result.pk, result.task_path)
        return str(TaskResultStatus.FAILED)
    backend_type = type(task.get_backend())
    task_result = result.task_result
    task_started.send(sender=backend_type, task_result=task_result)
    try:
        if task.takes_context:
            value = task.call(
                TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
            )
        else:
            value = task.call(*task_result.args, **task_result.kwargs)
        result.set_successful(value)
    except Exception as error:
        status = _result_failed(result, error)
    else:
        status = TaskResultStatus.SUCCESSFUL
    if status != TaskResultStatus.READY:
        task_finished.send(sender=backend_type, task_result=result.task_result)
    return str(status)


def _result_failed(result: DBTaskResult, error: Exception) -> str:
    claims = len(result.worker_ids)
    if claims >= max_attempts():
        result.set_failed(error)
        logger.error(
            "Task id=%s path=%s failed in attempt %d of %d: %r",
            result.pk,
            result.task_path,
            claims,
            max_attempts(),
            error,
        )
        return str(TaskResultStatus.FAILED)
    run_after = timezone.now() + retry_delay(claims)
    DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    ).update(
        status=TaskResultStatus.READY,
        run_after=run_after,
        exception_class_path=f"{type(error).__module__}.{type(error).__qualname__}",
        traceback="".join(traceback.format_exception(error)),
    )
    logger.warning(
        "Task id=%s path=%s raised in attempt %d of %d (%r); tried again after %s.",
        result.pk,
        result.task_path,
        claims,
        max_attempts(),
        error,
        run_after.isoformat(timespec="seconds"),
    )
    return str(TaskResultStatus.READY)


@dataclass(frozen=True)
class Revival:
    """The ids of the results put back in the queue and of those given up."""

    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def expired_tasks_revive(
    *,
    backend_name: str = DEFAULT_TASK_BACKEND_ALIAS,
    now: dt.datetime | None = None,
    lease: float | None = None,
    attempts: int | None = None,
) -> Revival:
    """Put RUNNING results of ``backend_name`` whose lease (``lease`` seconds from
    ``started_at``; default ``VERBUND_TASK_LEASE_SECONDS``) has expired back to READY,
    or mark them FAILED once they have been claimed ``attempts`` times (default
    ``VERBUND_TASK_MAX_ATTEMPTS``).

    One transaction, exclusive on SQLite; on PostgreSQL the rows are locked with
    SKIP LOCKED, so a row another worker is reviving is left to that worker. Each
    row changes only if it is still the same claim (RUNNING, same ``started_at``):
    two workers never both revive one claim, and a claim made meanwhile is never
    taken away.
    """
    now = now or timezone.now()
    lease = lease_seconds() if lease is None else lease
    attempts = max_attempts() if attempts is None else attempts
    cutoff = now - dt.timedelta(seconds=lease)
    expired = (
        DBTaskResult.objects.running()
        .filter(backend_name=backend_name, started_at__lt=cutoff)
        .select_for_update(skip_locked=True)
        .order_by("started_at")
    )
    requeued: list[str] = []
    failed: list[str] = []
    with exclusive_transaction(expired.db):
        for result in expired:
            same_claim = DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            )
            claims = len(result.worker_ids)
            if claims < attempts:
                if same_claim.update(status=TaskResultStatus.READY):
                    requeued.append(str(result.pk))
                    logger.warning(
                        "Task id=%s path=%s: no worker finished attempt %d of %d within its "
                        "lease of %g s (worker %s); put back in the queue.",
                        result.pk,
                        result.task_path,
                        claims,
                        attempts,
                        lease,
                        result.worker_ids[-1] if result.worker_ids else "?",
                    )
                continue
            error = TaskAttemptsExhausted(
                f"No worker finished this task within its lease of {lease:g} s in "
                f"{claims} attempts (workers: {', '.join(result.worker_ids)}); given up "
                f"after VERBUND_TASK_MAX_ATTEMPTS={attempts}."
            )
            if same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=(
                    f"{TaskAttemptsExhausted.__module__}.{TaskAttemptsExhausted.__qualname__}"
                ),
                traceback="".join(traceback.format_exception_only(error)),
            ):
                failed.append(str(result.pk))
                logger.error("Task id=%s path=%s failed: %s", result.pk, result.task_path, error)
    return Revival(requeued=requeued, failed=failed)


class LeasedWorker(Worker):
    """django-tasks-db's worker that revives expired leases before it claims.

    The options are the package's (queues, interval, batch, max tasks, worker id);
    ``lease`` and ``attempts`` come from the settings unless given.
    """

    def __init__(
        self, *, lease: float | None = None, attempts: int | None = None, **options: Any
    ) -> None:
        super().__init__(**options)
        self.lease = lease_seconds() if lease is None else lease
        self.attempts = max_attempts() if attempts is None else attempts
        # Looking for expired leases scans the RUNNING rows; twice per lease bounds the
        # wait after an expiry by half a lease without scanning on every poll.
        self.revive_every = max(self.interval, self.lease / 2)

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s lease=%gs attempts=%d",
            self.worker_id,
            ",".join(self.queue_names),
            self.lease,
            self.attempts,
        )
        if self.startup_delay and self.interval:
            # Workers started together (a deployment) do not all poll in step.
            time.sleep(random.random())  # noqa: S311
        next_revival = time.monotonic()
        while self.running:
            # A connection may have been dropped while this worker slept.
            close_old_connections()
            if time.monotonic() >= next_revival:
                self.revive()
                next_revival = time.monotonic() + self.revive_every
            asked, result = self.claim()
            if result is not None:
                self.run_task(result)
            elif self.batch and asked:
                logger.info("No more tasks for worker_id=%s; exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Ran %d tasks on worker_id=%s; exiting.", self._run_tasks, self.worker_id
                )
                return
            close_old_connections()
            # After a signal (self.running cleared) the worker exits instead of sleeping.
            if self.running and result is None:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run a claimed task; an exception brings it back later (:func:`result_run`)."""
        try:
            self.running_task = True
            result_run(db_task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def revive(self) -> Revival:
        """Revive expired leases; nothing when SQLite is busy (the next round will)."""
        try:
            return expired_tasks_revive(
                backend_name=self.backend_name, lease=self.lease, attempts=self.attempts
            )
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            return Revival()

    def claim(self) -> tuple[bool, DBTaskResult | None]:
        """Claim the next READY task of this worker's queues: (whether the queue could be
        asked, the claimed result or None). Claiming is the package's: the row is locked
        (SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite) and marked RUNNING
        with this worker's id."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                result = tasks.get_locked()
                if result is not None:
                    result.claim(self.worker_id)
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            return False, None
        return True, result


@checks.register()
def check_task_lease(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse a lease or an attempt limit that cannot work."""
    found: list[checks.CheckMessage] = []
    if not lease_seconds() > 0:
        found.append(
            checks.Error(
                f"VERBUND_TASK_LEASE_SECONDS is {lease_seconds():g}; it must be positive.",
                hint="The default is 300 (docs/operations.md).",
                id="core.E001",
            )
        )
    if max_attempts() < 1:
        found.append(
            checks.Error(
                f"VERBUND_TASK_MAX_ATTEMPTS is {max_attempts()}; it must be at least 1.",
                hint="The default is 3 (docs/operations.md).",
                id="core.E002",
            )
        )
    return found


@checks.register(deploy=True)
def check_task_lease_long_enough(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn before a lease so short that healthy tasks run twice."""
    if not 0 < lease_seconds() < LEASE_FLOOR_SECONDS:
        return []
    return [
        checks.Warning(
            f"VERBUND_TASK_LEASE_SECONDS is {lease_seconds():g}: a task that waits on a slow "
            "mail server or specialist system may outlive its lease and run a second time "
            "at once.",
            hint=f"Use at least {LEASE_FLOOR_SECONDS:g} s; the default is 300 "
            "(docs/operations.md).",
            id="core.W001",
        )
    ]
