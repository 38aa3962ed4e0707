"""Settings of the cluster bench (``bench/bench_cluster.py``): the journey bench's
settings (``journey_settings``), and with ``BENCH_MAIL_DELAY_MS`` an e-mail backend
that takes that long per e-mail, as an SMTP server does, so that the bench's
``kill -9`` can land on a task worker in the middle of a task.

While it sends, :class:`SlowFileBackend` keeps a marker file
``<pid>-<parent pid>`` in ``BENCH_MAIL_MARKERS``: the bench kills the worker when
one of its processes (or its RQ work horse) has one. Killed in the pause, the
e-mail is not written; the task stays RUNNING until its lease ends and is then run
again, and written once.
"""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend
from django.core.mail.message import EmailMessage
from journey_settings import *  # noqa: F403


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        marker = Path(os.environ["BENCH_MAIL_MARKERS"]) / f"{os.getpid()}-{os.getppid()}"
        marker.touch()
        try:
            time.sleep(int(os.environ["BENCH_MAIL_DELAY_MS"]) / 1000)
        finally:
            marker.unlink(missing_ok=True)
        return super().send_messages(email_messages)


if os.environ.get("BENCH_MAIL_DELAY_MS") and os.environ.get("BENCH_MAIL_MARKERS"):
    EMAIL_BACKEND = "cluster_settings.SlowFileBackend"
