"""``verbund vat_remind``: e-mail each authority's admins the revenue streams newly due
for a §2b UStG re-assessment (a daily job, ``VERBUND_PERIODIC_JOBS``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from verbund.vat.reminders import remind


class Command(BaseCommand):
    help = "Remind authority admins of revenue streams due for a §2b UStG re-assessment."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind()
        self.stdout.write(f"Sent {sent} reminders.")
