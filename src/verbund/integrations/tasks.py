"""Background tasks of the integrations app, run by the task worker.

``deliver_webhook`` makes one attempt to deliver one message
(``webhooks.services.webhook_deliver``). A receiver that times out, refuses the
connection or answers other than 2xx is recorded on the delivery and asked again
later (``webhooks.transport.BACKOFF``), up to ``VERBUND_WEBHOOK_MAX_ATTEMPTS``; then
the delivery is "failed" and waits on the staff page for a "retry now". Nothing a
receiver does makes the task raise.
"""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_webhook(delivery_id: str) -> str:
    """Attempt one delivery; returns its status afterwards ("skipped" when not due)."""
    from verbund.integrations.webhooks.services import webhook_deliver

    return webhook_deliver(delivery_id)
