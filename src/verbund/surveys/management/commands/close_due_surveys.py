"""``verbund close_due_surveys``: close every running survey whose deadline has passed
(a daily housekeeping job, ``VERBUND_PERIODIC_JOBS``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from verbund.surveys.services import surveys_close_due


class Command(BaseCommand):
    help = "Close every running survey whose deadline has passed."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = surveys_close_due()
        self.stdout.write(f"Closed {closed} surveys past their deadline.")
