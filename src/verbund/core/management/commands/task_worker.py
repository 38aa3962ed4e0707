"""``verbund task_worker``: run the background tasks, with a lease (ADR 0018).

The options are those of django-tasks-db's ``db_worker``. Unlike it, this worker
puts a task whose worker died back in the queue once its lease
(``VERBUND_TASK_LEASE_SECONDS``) has run out, and gives a task up after
``VERBUND_TASK_MAX_ATTEMPTS`` claims (:mod:`verbund.core.taskqueue`).

Why a command of its own rather than one that shadows ``db_worker``: Django takes
a command from the first installed app that has one, so shadowing would depend on
the order of ``INSTALLED_APPS`` — reordering it would silently bring back the
worker that loses tasks — and ``db_worker`` would no longer do what the package's
documentation says.
"""

from __future__ import annotations

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from verbund.core import taskbroker, taskqueue


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks. A task whose worker died is run again once its lease "
        "(VERBUND_TASK_LEASE_SECONDS) has expired, at most VERBUND_TASK_MAX_ATTEMPTS times."
    )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        # Revivals are warnings and give-ups errors, shown at any verbosity but 0; the
        # start-up line is information, like the package's own.
        levels = {0: logging.CRITICAL, 1: logging.INFO}
        logging.getLogger(taskqueue.__name__).setLevel(levels.get(verbosity, logging.DEBUG))

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: dict,
    ) -> None:
        self.configure_logging(verbosity)
        lease, attempts = taskqueue.lease_seconds(), taskqueue.max_attempts()
        if not lease > 0 or attempts < 1:
            raise CommandError(
                "VERBUND_TASK_LEASE_SECONDS must be positive and VERBUND_TASK_MAX_ATTEMPTS "
                f"at least 1 (they are {lease:g} and {attempts})."
            )
        queue_names = queue_name.split(",")
        if taskbroker.broker_url():
            self.run_broker_worker(
                queue_names, burst=batch, max_jobs=max_tasks, name=worker_id, verbosity=verbosity
            )
            return
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = taskqueue.LeasedWorker(
            lease=lease,
            attempts=attempts,
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if reload and not batch:
            # As db_worker: the reloader's child process runs the worker and owns the signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

    def run_broker_worker(
        self,
        queue_names: list[str],
        *,
        burst: bool,
        max_jobs: int | None,
        name: str,
        verbosity: int,
    ) -> None:
        """With ``VERBUND_TASK_BROKER_URL``: an RQ worker on the tasks' queues (ADR 0023).
        Each job claims its task's row and runs it in this process;
        RQ ends a job that outlives the lease."""
        if "*" in queue_names:
            raise CommandError(
                "With a broker, name the queues (--queue-name default,…); '*' needs the "
                "database worker."
            )
        worker = taskbroker.BrokerWorker(
            [taskbroker.queue_for(name) for name in queue_names],
            connection=taskbroker.connection(),
            # RQ refuses a name whose previous holder has not yet timed out in Redis (a
            # worker killed a moment ago and restarted by systemd): the pid makes it new.
            name=f"{name}.{os.getpid()}",
        )
        levels = {0: "CRITICAL", 1: "INFO"}
        worker.work(burst=burst, max_jobs=max_jobs, logging_level=levels.get(verbosity, "DEBUG"))
