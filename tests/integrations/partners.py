"""What the integration and partner API tests share: clients with tokens, an HTTP
client that sends the token, running enqueued tasks at a given time, and a
snapshot of every Verbund row (for "nothing changed")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from unittest import mock

from django.apps import apps
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from verbund.authorities.models import Authority
from verbund.integrations.models import ApiClient, Scope
from verbund.integrations.services import api_client_create

ALL_SCOPES = tuple(Scope.values)
VERBUND_APPS = {
    "accounts",
    "authorities",
    "catalogue",
    "core",
    "formengine",
    "networks",
    "portal",
    "applications",
    "cases",
    "payments",
    "integrations",
}


def make_client(
    authority: Authority,
    *,
    name: str = "Fachverfahren",
    scopes: Iterable[str] = ALL_SCOPES,
    callback_url: str = "",
) -> tuple[ApiClient, str]:
    return api_client_create(
        actor=None, authority=authority, name=name, scopes=scopes, callback_url=callback_url
    )


def bearer(token: str, **headers: str) -> Client:
    """A test client that sends ``Authorization: Bearer <token>`` with every request.

    It has made one request already, so that the client's ``last_used_at`` is fresh
    and later requests change nothing in the database but what they are about."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", **headers)
    client.get("/api/v1/submissions")
    return client


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every Verbund model, and the task queue."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        label = model._meta.label
        if label.split(".")[0] in VERBUND_APPS or label == "django_tasks_db.DBTaskResult":
            rows[label] = list(model._default_manager.order_by("pk").values())
    return rows


def ready_tasks(task_name: str | None = None) -> list[DBTaskResult]:
    rows = DBTaskResult.objects.filter(status="READY").order_by("enqueued_at")
    if task_name is not None:
        rows = rows.filter(task_path__endswith=f".{task_name}")
    return list(rows)


def run_tasks(*, at: dt.datetime | None = None, task_name: str | None = None) -> list[Any]:
    """Run the enqueued tasks that are due at ``at`` (default: now) as the worker would,
    with the clock at ``at`` while they run (``db_worker`` itself would close the test's
    database connection). Returns their results in order."""
    at = at or timezone.now()
    results = []
    with mock.patch("django.utils.timezone.now", return_value=at):
        for row in ready_tasks(task_name):
            run_after = row.run_after
            if run_after is not None and run_after.year < 9999 and run_after > at:
                continue
            task = import_string(row.task_path)
            results.append(task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]))
            row.status = "SUCCESSFUL"
            row.save(update_fields=["status"])
    return results
