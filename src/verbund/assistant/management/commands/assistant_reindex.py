"""``verbund assistant-reindex``: embed the catalogue's passages ahead of the first
question (after an upgrade or a large import) and drop vectors no passage uses."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from verbund.assistant.index import assistant_index, passage_vectors_prune


class Command(BaseCommand):
    help = "Build the citizen assistant's index now and prune stale passage vectors."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        index = assistant_index()
        pruned = passage_vectors_prune()
        self.stdout.write(
            f"{len(index.services)} services, {index.matrix.shape[0]} passages, "
            f"{pruned} stale vectors removed, {time.perf_counter() - started:.1f} s"
        )
