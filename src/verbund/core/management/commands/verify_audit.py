from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from verbund.core.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exits non-zero at the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if not result.ok:
            raise CommandError(
                f"Audit trail broken at entry #{result.broken_sequence}: {result.reason} "
                f"({result.checked} entries before it are intact)."
            )
        self.stdout.write(f"Audit trail intact: {result.checked} entries verified.")
