"""Tasks that real worker processes run in tests/core/test_task_worker.py.

Each run appends a line to ``runs`` in the given directory, so a test counts the
runs exactly; the directory is the test's own.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from django.core.mail import EmailMessage
from django_tasks import task


def _record_run(directory: str) -> None:
    with (Path(directory) / "runs").open("a", encoding="utf-8") as runs:
        runs.write(f"{os.getpid()}\n")


@task()
def wait_for_release(directory: str) -> str:
    """Run until the file ``release`` exists (at most 30 s), so the test can kill the
    worker while the task is RUNNING."""
    _record_run(directory)
    deadline = time.monotonic() + 30
    while not (Path(directory) / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.02)
    return "released"


@task()
def kill_own_worker(directory: str, test_pid: int) -> None:
    """Kill the worker that runs it, every time (never the test process itself)."""
    _record_run(directory)
    if os.getpid() == test_pid:
        raise RuntimeError("run by the test process, not by a worker")
    os.kill(os.getpid(), signal.SIGKILL)


@task()
def record_run(directory: str) -> int:
    """Count the run; the number of runs so far."""
    _record_run(directory)
    return len((Path(directory) / "runs").read_text(encoding="utf-8").splitlines())


@task()
def send_mail(to: str) -> bool:
    """Send one e-mail through the configured backend."""
    EmailMessage("Test", "Test", to=[to]).send()
    return True


@task()
def fail_always(directory: str) -> None:
    """Count the run, then raise: a task whose every attempt fails."""
    _record_run(directory)
    raise ConnectionRefusedError("the mail server refused the connection")
