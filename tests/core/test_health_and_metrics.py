"""What the operator's balancer and monitoring read: /healthz, /readyz, /metrics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from tests.applications.conftest import World
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.cases.conftest import submit
from verbund.applications.tasks import send_confirmation
from verbund.core import health

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-the-tests"


def test_healthz_answers_without_the_database(
    client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_readyz_checks_database_migrations_cache_and_storage(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok"},
    }


def test_readyz_is_503_and_names_the_failed_check(
    client: Client, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unapplied() -> None:
        raise RuntimeError("3 migrations not applied")

    monkeypatch.setitem(health.CHECKS, "migrations", unapplied)
    # The private storage's directory is a file: nothing can be written there.
    blocked = tmp_path / "blocked"
    blocked.write_text("not a directory")
    storages = dict(settings.STORAGES)
    storages["private"] = {**storages["private"], "OPTIONS": {"location": str(blocked / "x")}}
    settings.STORAGES = storages
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": "ok", "migrations": "failed", "cache": "ok", "storage": "failed"},
    }
    assert "not applied" not in response.content.decode()  # reasons go to the log only


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Token {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_are_not_public(client: Client, settings: Any, header: str | None) -> None:
    settings.VERBUND_METRICS_TOKEN = TOKEN
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get("/metrics", **headers).status_code == 404


def test_without_a_token_setting_metrics_do_not_exist(client: Client, settings: Any) -> None:
    settings.VERBUND_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def _scrape(client: Client) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    samples: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            key = tuple(sorted(sample.labels.items()))
            samples.setdefault(sample.name, {})[key] = sample.value
    return samples


def test_metrics_count_requests_tasks_and_submissions_per_authority(
    world: World, client: Client, settings: Any
) -> None:
    settings.VERBUND_METRICS_TOKEN = TOKEN
    submit(world)
    submit(world, name="Bernd Zweiter")
    submit(world, name="Carla Offen", paid=False)
    send_confirmation.enqueue(1)  # one more task, still waiting
    before = _scrape(client)
    route = (("method", "GET"), ("route", "healthz"), ("status", "2xx"))
    counted_before = before.get("verbund_http_requests_total", {}).get(route, 0.0)
    for _ in range(3):
        client.get("/healthz")
    client.get("/gibt-es-nicht/")
    after = _scrape(client)
    assert after["verbund_http_requests_total"][route] == counted_before + 3
    missing = (("method", "GET"), ("route", "unmatched"), ("status", "4xx"))
    assert after["verbund_http_requests_total"][missing] >= 1
    assert after["verbund_http_request_duration_seconds_count"][(("route", "healthz"),)] >= 3
    # From the database: the same on every app server.
    submissions = after["verbund_submissions_total"]
    assert submissions == {(("authority", world.dueren.ars),): 3.0}
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(status="READY").count()
    assert ready >= 1
    assert after["verbund_tasks"][(("state", "ready"),)] == ready
    assert after["verbund_tasks"][(("state", "failed"),)] == 0
    assert after["verbund_task_failures"][()] == 0


def test_routes_are_patterns_not_paths(world: World, client: Client, settings: Any) -> None:
    settings.VERBUND_METRICS_TOKEN = TOKEN
    submission = submit(world)
    client.get(f"/api/v1/submissions/{submission.reference}")  # 401 without a token
    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert submission.reference not in body
    assert re.search(r'route="api/v1/submissions/<str:reference>"', body)
