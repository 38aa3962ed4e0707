"""``verbund task_scheduler``: one process beside the workers (ADR 0023).

Every ``--interval`` seconds (``VERBUND_TASK_SWEEP_SECONDS``, default 5) it

- puts tasks whose worker died back in the queue once their lease ran out
  (``taskqueue.expired_tasks_revive``),
- with a broker (``VERBUND_TASK_BROKER_URL``), pushes every task that is due but
  has no job on the broker: lost pushes, a Redis restart, retries whose back-off
  has passed, deferred tasks (``taskbroker.due_results_dispatch``),
- enqueues the daily housekeeping jobs whose time has come (``core.periodic``).

Without a broker the database workers revive and claim by themselves; the
scheduler then only starts the housekeeping jobs.
"""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.db.utils import OperationalError

from verbund.core import periodic, taskbroker, taskqueue

logger = logging.getLogger("verbund.core.task_scheduler")


class Command(BaseCommand):
    help = (
        "Revive tasks whose worker died, push due tasks to the broker and start the "
        "daily housekeeping. Run exactly one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="seconds between sweeps (default VERBUND_TASK_SWEEP_SECONDS)",
        )
        parser.add_argument("--once", action="store_true", help="one sweep, then exit")

    def handle(self, *args: Any, interval: float | None, once: bool, **options: Any) -> None:
        interval = interval if interval is not None else settings.VERBUND_TASK_SWEEP_SECONDS
        self.running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        broker = taskbroker.broker_url()
        logger.info(
            "Scheduler started: sweep every %gs, broker %s",
            interval,
            "on" if broker else "off (database workers)",
        )
        while self.running:
            close_old_connections()
            try:
                self.sweep(broker=bool(broker))
            except OperationalError:
                # The database is away for a moment; the next sweep tries again.
                logger.warning("Sweep failed; trying again.", exc_info=True)
            except Exception:
                if once:
                    raise
                logger.exception("Sweep failed; trying again.")
            if once:
                return
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(0.2, interval))

    def sweep(self, *, broker: bool) -> None:
        revival = taskqueue.expired_tasks_revive()
        pushed = taskbroker.due_results_dispatch() if broker else 0
        started = periodic.periodic_jobs_enqueue()
        if revival.requeued or revival.failed or pushed or started:
            logger.info(
                "Sweep: %d revived, %d given up, %d pushed to the broker, started %s",
                len(revival.requeued),
                len(revival.failed),
                pushed,
                ", ".join(started) or "no housekeeping",
            )
