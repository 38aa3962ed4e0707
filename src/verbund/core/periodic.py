"""Periodic jobs: the daily housekeeping, started by one scheduler (ADR 0023).

``VERBUND_PERIODIC_JOBS`` lists each job as ``name``, local time ``HH:MM`` and the
management command with its arguments. ``verbund task_scheduler`` calls
:func:`periodic_jobs_enqueue` on every sweep; a job whose time has come since its
last start is enqueued as an ordinary task (``core.tasks.housekeeping_run``), so a
worker runs it with the same lease, retries and record as every other task. A
scheduler that was down at the time starts the job when it is back; a job never
runs twice for one day, even with two schedulers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

__all__ = ["PeriodicJob", "job_named", "jobs", "next_start", "periodic_jobs_enqueue"]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    at: dt.time
    command: str
    arguments: tuple[str, ...]


def jobs() -> list[PeriodicJob]:
    found = []
    for entry in settings.VERBUND_PERIODIC_JOBS:
        name, at, command, *arguments = entry
        try:
            hour, minute = (int(part) for part in str(at).split(":"))
            time = dt.time(hour, minute)
        except ValueError:
            raise ImproperlyConfigured(
                f"VERBUND_PERIODIC_JOBS: {name!r} has the time {at!r}; use HH:MM."
            ) from None
        found.append(PeriodicJob(str(name), time, str(command), tuple(map(str, arguments))))
    return found


def job_named(name: str) -> PeriodicJob:
    for job in jobs():
        if job.name == name:
            return job
    raise LookupError(f"no periodic job named {name!r} (VERBUND_PERIODIC_JOBS)")


def next_start(job: PeriodicJob, after: dt.datetime) -> dt.datetime:
    """The first local ``job.at`` strictly after ``after``."""
    local = timezone.localtime(after)
    candidate = timezone.make_aware(dt.datetime.combine(local.date(), job.at))
    if candidate <= local:
        candidate = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), job.at)
        )
    return candidate


def periodic_jobs_enqueue(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose time came since it last started; the names enqueued.
    A job seen for the first time starts at its next time, not at once."""
    from verbund.core.models import PeriodicRun
    from verbund.core.tasks import housekeeping_run

    now = now or timezone.now()
    started = []
    for job in jobs():
        run = PeriodicRun.objects.filter(pk=job.name).first()
        if run is None:
            try:
                with transaction.atomic():
                    PeriodicRun.objects.create(name=job.name, last_run_at=now)
            except IntegrityError:
                pass  # another scheduler registered it just now
            continue
        if next_start(job, run.last_run_at) > now:
            continue
        with transaction.atomic():
            moved = PeriodicRun.objects.filter(pk=job.name, last_run_at=run.last_run_at).update(
                last_run_at=now
            )
            if moved:
                housekeeping_run.enqueue(job.name)
                started.append(job.name)
    return started
