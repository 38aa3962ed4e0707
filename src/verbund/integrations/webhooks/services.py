"""Delivering webhooks to specialist systems: every step of a message's life, in one place.

1. :func:`submission_announce` — a case became complete (``cases.hooks.CASE_RECEIVED``):
   one :class:`~verbund.integrations.models.WebhookDelivery` per active client of the
   processing authority with a callback URL and the scope ``submissions:read``, and its
   task, in the case's transaction. The message carries no personal data.
2. :func:`webhook_deliver` — the task ``integrations.tasks.deliver_webhook`` runs it:
   claim the attempt (:func:`webhook_attempt_start`), send it signed
   (``transport.send``), record the outcome (:func:`webhook_attempt_finish`): delivered;
   the next attempt after the back-off, enqueued in the same transaction; or, after the
   last attempt, failed. A revoked client or one without a callback URL fails at once
   (:func:`webhook_give_up`). Nothing a receiver does makes the task raise.
3. :func:`webhook_retry` — staff's "retry now" for a failed or waiting delivery.

``transport`` holds what is sent and where: which URLs are allowed, the FIT-Connect
style signature, the HTTP call and the back-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.cases.models import Case
from verbund.core.actors import Actor
from verbund.core.audit import audit_record
from verbund.integrations.models import ApiClient, DeliveryStatus, Scope, WebhookDelivery
from verbund.integrations.services import require_active_client
from verbund.integrations.webhooks import transport

EVENT_SUBMISSION_NEW = "submission.new"


def _enqueue(delivery: WebhookDelivery, *, at: dt.datetime | None = None) -> None:
    # The task calls back into this module (tasks call services, services enqueue tasks).
    from verbund.integrations.tasks import deliver_webhook

    task = deliver_webhook if at is None else deliver_webhook.using(run_after=at)
    task.enqueue(str(delivery.pk))


def _api_url(name: str, reference: str) -> str:
    path = reverse(name, kwargs={"reference": reference})
    return f"{settings.VERBUND_PUBLIC_URL}{path}"


def _announce(
    *,
    authority_id: int,
    scope: str,
    event: str,
    reference: str,
    href: str,
    audit_action: str,
    obj: Any,
    case: Case | None = None,
    fields: Callable[[], dict[str, str]] | None = None,
    audit_changes: dict[str, Any] | None = None,
) -> list[WebhookDelivery]:
    """One delivery (and its task) per active client of the authority with a callback
    URL and ``scope``, written in the caller's transaction, and one audit entry. The
    message names the event and where to fetch its object, nothing of its content."""
    clients = [
        client
        for client in ApiClient.objects.filter(
            authority_id=authority_id, active=True, revoked_at__isnull=True
        )
        .exclude(callback_url="")
        .order_by("pk")
        if client.has_scope(scope)
    ]
    if not clients:
        return []
    # Read only when someone is told: a case without listening clients costs no query.
    extra = fields() if fields else {}
    now = timezone.now()
    created = []
    with transaction.atomic():
        for client in clients:
            delivery = WebhookDelivery(
                client=client,
                authority_id=authority_id,
                case=case,
                event=event,
                status=DeliveryStatus.PENDING,
                next_attempt_at=now,
                created_at=now,
            )
            delivery.payload = {
                "type": event,
                "deliveryId": str(delivery.id),
                "reference": reference,
                "href": href,
                **extra,
                "timestamp": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
            }
            delivery.save(force_insert=True)
            _enqueue(delivery)
            created.append(delivery)
        audit_record(
            actor=None,
            action=audit_action,
            obj=obj,
            authority=authority_id,
            changes={
                **(audit_changes or {}),
                "deliveries": [str(d.id) for d in created],
                "clients": [c.pk for c in clients],
            },
        )
    return created


def submission_announce(*, case: Case) -> list[WebhookDelivery]:
    """Tell the authority's specialist systems about a new, complete submission.

    Called by ``cases.services`` inside the transaction in which the case becomes
    "received": one delivery per active client of the processing authority with a
    callback URL and the scope ``submissions:read``, and its task, are written in
    that same transaction. The message carries no personal data.
    """
    return _announce(
        authority_id=case.authority_id,
        scope=Scope.SUBMISSIONS_READ,
        event=EVENT_SUBMISSION_NEW,
        reference=case.reference,
        href=_api_url("api:submission-detail", case.reference),
        audit_action="integrations.submission_announced",
        obj=case,
        case=case,
        fields=lambda: {"serviceKey": case.service.key},
    )


def authority_event_announce(
    *,
    authority_id: int,
    scope: str,
    event: str,
    reference: str,
    href_name: str,
    obj: Any,
) -> list[WebhookDelivery]:
    """Tell the authority's clients with ``scope`` and a callback URL of ``event`` about
    the object ``reference`` (its API address is ``href_name``). Called inside the
    writing transaction by higher apps (the e-invoice inbox); like
    :func:`submission_announce`, the message carries no content, only where to fetch it."""
    return _announce(
        authority_id=authority_id,
        scope=scope,
        event=event,
        reference=reference,
        href=_api_url(href_name, reference),
        audit_action="integrations.event_announced",
        obj=obj,
        audit_changes={"event": event},
    )


def webhook_retry(*, actor: Actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Staff's "retry now": one more attempt at once, for a delivery that failed or
    waits for its next attempt."""
    with transaction.atomic():
        locked = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("client")
            .get(pk=delivery.pk)
        )
        if locked.status == DeliveryStatus.DELIVERED:
            raise ValidationError(_("Diese Nachricht ist bereits zugestellt."), code="delivered")
        require_active_client(locked.client)
        if not locked.client.callback_url:
            raise ValidationError(
                _("Für diesen Zugang ist keine Callback-URL hinterlegt."), code="no_callback"
            )
        before = locked.status
        locked.status = DeliveryStatus.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
        _enqueue(locked)
        audit_record(
            actor=actor,
            action="integrations.webhook_retried",
            obj=locked,
            authority=locked.authority_id,
            changes={"status": [before, DeliveryStatus.PENDING], "attempts": locked.attempts},
        )
    return locked


def webhook_attempt_start(*, delivery_id: Any, now: dt.datetime) -> WebhookDelivery | None:
    """Claim a due delivery for one attempt, or None when it is not due (delivered,
    failed, or its next attempt lies ahead because a newer task took over).

    The claim is one conditional UPDATE that also moves ``next_attempt_at`` past the
    attempt's time, so two workers never send the same attempt, and no lock is held
    while the receiver is asked.
    """
    lease = now + dt.timedelta(seconds=4 * transport.timeout_seconds() + 60)
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(attempts=F("attempts") + 1, next_attempt_at=lease)
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("client").get(pk=delivery_id)


def webhook_attempt_finish(
    *, delivery: WebhookDelivery, outcome: transport.Outcome, now: dt.datetime
) -> WebhookDelivery:
    """Record an attempt's outcome: delivered; or the next attempt, enqueued in the
    same transaction after the back-off; or, after the last attempt, failed.
    Delivered and failed deliveries are audited; the attempts in between are
    recorded on the row only."""
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        locked.last_status_code = outcome.status_code
        locked.last_error = outcome.error[:500]
        if outcome.delivered:
            locked.status = DeliveryStatus.DELIVERED
            locked.delivered_at = now
            locked.next_attempt_at = None
        elif locked.attempts >= transport.max_attempts():
            locked.status = DeliveryStatus.FAILED
            locked.next_attempt_at = None
        else:
            locked.next_attempt_at = now + transport.backoff(locked.attempts)
        locked.save(
            update_fields=[
                "status",
                "next_attempt_at",
                "last_status_code",
                "last_error",
                "delivered_at",
            ]
        )
        if locked.status == DeliveryStatus.PENDING:
            assert locked.next_attempt_at is not None
            _enqueue(locked, at=locked.next_attempt_at)
        else:
            audit_record(
                actor=None,
                action=(
                    "integrations.webhook_delivered"
                    if locked.status == DeliveryStatus.DELIVERED
                    else "integrations.webhook_failed"
                ),
                obj=locked,
                authority=locked.authority_id,
                changes={
                    "attempts": locked.attempts,
                    "status_code": locked.last_status_code,
                    "error": locked.last_error[:200],
                },
            )
    return locked


def webhook_give_up(*, delivery: WebhookDelivery, reason: str) -> WebhookDelivery:
    """A delivery that cannot be sent any more (its client was revoked or has no
    callback URL): failed, with the reason, and still retryable once fixed."""
    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        locked.status = DeliveryStatus.FAILED
        locked.next_attempt_at = None
        locked.last_status_code = None
        locked.last_error = reason[:500]
        locked.save(update_fields=["status", "next_attempt_at", "last_status_code", "last_error"])
        audit_record(
            actor=None,
            action="integrations.webhook_failed",
            obj=locked,
            authority=locked.authority_id,
            changes={"attempts": locked.attempts, "error": reason[:200]},
        )
    return locked


def webhook_deliver(delivery_id: str) -> str:
    """Attempt one delivery; its status afterwards ("skipped" when it is not due)."""
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
        webhook_give_up(delivery=waiting, reason=_("Der Zugang wurde widerrufen."))
        return DeliveryStatus.FAILED
    if not client.callback_url or not client.callback_secret:
        webhook_give_up(
            delivery=waiting, reason=_("Für diesen Zugang ist keine Callback-URL hinterlegt.")
        )
        return DeliveryStatus.FAILED
    delivery = webhook_attempt_start(delivery_id=waiting.pk, now=now)
    if delivery is None:
        return "skipped"
    outcome = transport.send(
        url=delivery.client.callback_url,
        secret=delivery.client.callback_secret,
        payload=delivery.payload,
        now=timezone.now(),
    )
    return webhook_attempt_finish(delivery=delivery, outcome=outcome, now=timezone.now()).status
