"""Delete unfinished applications whose resume period has ended (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from verbund.applications.services import drafts_purge


class Command(BaseCommand):
    help = "Delete expired, unsubmitted drafts and their uploaded files."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{drafts_purge()} expired drafts deleted.")
