"""The cache of place-search responses, and when it is emptied.

The register changes a few times a year (an import) while the place picker is
asked on every keystroke, so answers are kept for
``VERBUND_PLACES_CACHE_SECONDS`` (300 s by default).
Every write to an authority in this process empties the cache at once and again
when the transaction commits. With the default per-process memory cache, the
other worker processes notice an import done elsewhere (``verbund
import-gv100ad``) when their entries expire; with a shared cache (Redis) the
import empties it for all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

CACHE_ALIAS = "places"


def places_cache_seconds() -> int:
    """How long an answer is kept (``VERBUND_PLACES_CACHE_SECONDS``, 0 turns caching off)."""
    return int(settings.VERBUND_PLACES_CACHE_SECONDS)


def places_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def places_cache_clear() -> None:
    """Forget every cached answer, now and once more when the current transaction commits."""
    places_cache().clear()
    transaction.on_commit(places_cache().clear)


def _authority_changed(**kwargs: Any) -> None:
    places_cache_clear()


def connect_signals() -> None:
    from verbund.authorities.models import Authority

    post_save.connect(_authority_changed, sender=Authority, dispatch_uid="places_cache_save")
    post_delete.connect(_authority_changed, sender=Authority, dispatch_uid="places_cache_delete")
