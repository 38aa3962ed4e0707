"""Change counters for per-process caches (see :class:`verbund.core.models.Generation`)."""

from __future__ import annotations

from django.db.models import F

from verbund.core.models import Generation

# Moved by every import of the municipality register (bulk writes send no signals).
REGISTER_GENERATION = "register"


def generation_bump(key: str) -> None:
    """Move the counter ``key`` on (inside the caller's transaction)."""
    if not Generation.objects.filter(key=key).update(value=F("value") + 1):
        Generation.objects.get_or_create(key=key, defaults={"value": 1})


def generation_current(key: str) -> int:
    return Generation.objects.filter(key=key).values_list("value", flat=True).first() or 0
