"""`verbund archive-reindex`: rebuild the archive's full-text index from the pages' text."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbund.archive.search.services import archive_reindex
from verbund.authorities.models import Authority


class Command(BaseCommand):
    help = "Rebuild the full-text index of the archive pages (all, or one authority's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--authority", metavar="ARS", help="only the pages of this authority (its key)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authority_id = None
        if options["authority"]:
            authority = Authority.objects.filter(ars=options["authority"]).first()
            if authority is None:
                raise CommandError(f"No authority with the key {options['authority']}.")
            authority_id = authority.pk
        started = time.perf_counter()
        count = archive_reindex(authority_id=authority_id)
        self.stdout.write(f"{count} pages indexed in {time.perf_counter() - started:.1f} s.")
