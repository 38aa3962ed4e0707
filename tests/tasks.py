"""Running enqueued background tasks in tests, as the worker would."""

from __future__ import annotations

from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult


def run_tasks() -> int:
    """Run the READY tasks in order of enqueueing; the number run. (The worker itself
    closes the database connection, which a test inside a transaction must keep.)"""
    count = 0
    for result in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
        task = import_string(result.task_path)
        task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.status = "SUCCESSFUL"
        result.save(update_fields=["status"])
        count += 1
    return count
