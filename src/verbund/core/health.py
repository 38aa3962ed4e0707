"""Health and readiness for the operator's load balancer and orchestrator.

* ``GET /healthz`` — liveness: the process answers. No database, so that a slow
  database never gets app servers restarted.
* ``GET /readyz`` — readiness: this app server can serve requests: the database
  answers, every migration of the code is applied, the cache answers and the
  private storage is writable. 503 with the names of the failed checks otherwise,
  so that the balancer sends requests elsewhere.

Both answer JSON without details that would help an attacker (no error texts, no
versions); the failed check's reason goes to the log.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from verbund.core.storage import private_storage

logger = logging.getLogger(__name__)


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _migrations() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")


def _cache() -> None:
    key = f"verbund:ready:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _storage() -> None:
    storage = private_storage()
    name = storage.save(f"health/{uuid.uuid4().hex}", ContentFile(b"ready"))
    storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "migrations": _migrations,
    "cache": _cache,
    "storage": _storage,
}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means "not ready"; the reason is logged
            logger.exception("readiness check %s failed", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    ready = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "failed", "checks": results}, status=200 if ready else 503
    )
