"""Background tasks of the core: the periodic housekeeping jobs (``core.periodic``)."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import task

from verbund.core.periodic import job_named


class HousekeepingFailed(Exception):
    """A housekeeping command ended with an error (e.g. a broken audit chain)."""


@task()
def housekeeping_run(name: str) -> str:
    """Run the management command of the periodic job ``name``; returns its output.
    Only commands of configured jobs run: the task's argument names the job, not a
    command."""
    job = job_named(name)
    output = io.StringIO()
    try:
        call_command(job.command, *job.arguments, stdout=output, stderr=output)
    except (CommandError, SystemExit) as error:
        raise HousekeepingFailed(f"{job.name}: {error}\n{output.getvalue()}") from None
    return output.getvalue()[-2000:]
