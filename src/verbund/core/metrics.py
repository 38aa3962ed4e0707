"""Prometheus metrics (``GET /metrics``), for the operator's monitoring.

Two kinds of figures:

* **per request**, counted in the app server's processes by
  :class:`MetricsMiddleware`: ``verbund_http_requests_total`` (method, route,
  status class) and ``verbund_http_request_duration_seconds`` (route). With several
  gunicorn workers, set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory for the
  service (prometheus-client's multiprocess mode) so that every worker's counts are
  summed; without it, each answer holds only the figures of the worker that
  answered.
* **from the database**, read when scraped, so they are the same on every app
  server: the task queue by state (``verbund_tasks``), failed tasks
  (``verbund_task_failures``) and what the apps above register in
  :data:`METRICS` (applications: submissions per processing authority).

``/metrics`` answers 404 unless ``VERBUND_METRICS_TOKEN`` is set and the request
carries it as ``Authorization: Bearer …``: the figures name authorities and must
not be public.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from verbund.core.hooks import Hook

# Collectors of the apps above core (registered from their ``ready()``); each yields
# metric families read from the database at scrape time.
MetricsSource = Callable[[], Iterable[Metric]]
METRICS: Hook[MetricsSource] = Hook("core.metrics")

REQUESTS = Counter(
    "verbund_http_requests",
    "Answered HTTP requests",
    ["method", "route", "status"],
)
DURATION = Histogram(
    "verbund_http_request_duration_seconds",
    "Time from the request's arrival in the app to its answer",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def _route(request: HttpRequest) -> str:
    """The URL pattern, not the path: ``api/v1/submissions/<str:reference>``, so that
    references and ids do not make a series each."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return str(match.route or match.view_name or "unmatched")


class MetricsMiddleware:
    """Counts and times every request; outermost, so that it sees every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        DURATION.labels(route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method or "", route, f"{response.status_code // 100}xx").inc()
        return response


class _DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        by_status = dict(
            DBTaskResult.objects.order_by()
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        tasks = GaugeMetricFamily(
            "verbund_tasks", "Background tasks in the queue by state", labels=["state"]
        )
        for state in ("READY", "RUNNING", "SUCCESSFUL", "FAILED"):
            tasks.add_metric([state.lower()], by_status.get(state, 0))
        yield tasks
        yield GaugeMetricFamily(
            "verbund_task_failures",
            "Background tasks that failed for good (kept until purged)",
            value=by_status.get("FAILED", 0),
        )
        for source in METRICS:
            yield from source()


def _authorised(request: HttpRequest) -> bool:
    token = getattr(settings, "VERBUND_METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        per_process = CollectorRegistry()
        multiprocess.MultiProcessCollector(per_process)
    else:
        per_process = REGISTRY
    database = CollectorRegistry()
    database.register(_DatabaseCollector())
    body = generate_latest(per_process) + generate_latest(database)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
