"""Background tasks of the integrations app, run by ``verbund db_worker``.

``deliver_webhook`` makes one attempt to deliver one message. A receiver that
times out, refuses the connection or answers other than 2xx is recorded on the
delivery and asked again later (``webhooks.BACKOFF``), up to
``VERBUND_WEBHOOK_MAX_ATTEMPTS``; then the delivery is "failed" and waits on the
staff page for a "retry now". Nothing a receiver does makes the task raise.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from verbund.integrations import services, webhooks
from verbund.integrations.models import DeliveryStatus, WebhookDelivery


@task()
def deliver_webhook(delivery_id: str) -> str:
    """Attempt one delivery; returns its status afterwards ("skipped" when not due)."""
    now = timezone.now()
    waiting = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .select_related("client")
        .first()
    )
    if waiting is None:
        return "skipped"
    client = waiting.client
    if not client.active or client.revoked_at is not None:
        services.webhook_give_up(delivery=waiting, reason=_("Der Zugang wurde widerrufen."))
        return DeliveryStatus.FAILED
    if not client.callback_url or not client.callback_secret:
        services.webhook_give_up(
            delivery=waiting, reason=_("Für diesen Zugang ist keine Callback-URL hinterlegt.")
        )
        return DeliveryStatus.FAILED
    delivery = services.webhook_attempt_start(delivery_id=waiting.pk, now=now)
    if delivery is None:
        return "skipped"
    outcome = webhooks.send(
        url=delivery.client.callback_url,
        secret=delivery.client.callback_secret,
        payload=delivery.payload,
        now=timezone.now(),
    )
    delivery = services.webhook_attempt_finish(
        delivery=delivery, outcome=outcome, now=timezone.now()
    )
    return delivery.status
