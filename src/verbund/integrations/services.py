"""Writes of the integrations app: API clients, acknowledgements and webhooks.

Every function takes keyword-only arguments, runs in one transaction and records
its audit entry in it (docs/integrations.md lists the actions). A write that
changes nothing records nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseStatus
from verbund.cases.services import case_interface_note, case_set_status
from verbund.core.audit import audit_record
from verbund.integrations import webhooks
from verbund.integrations.models import (
    ApiClient,
    DeliveryStatus,
    Scope,
    SubmissionAcknowledgement,
    WebhookDelivery,
)
from verbund.integrations.selectors import TOKEN_PREFIX, client_actor, token_hash

NAME_MAX_LENGTH = 100
REASON_MAX_LENGTH = 1000
EVENT_SUBMISSION_NEW = "submission.new"
# ``last_used_at`` is written at most this often per client (not once per request).
TOUCH_INTERVAL = dt.timedelta(minutes=1)
PREFIX_LENGTH = 12


def _new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def _new_secret() -> str:
    return secrets.token_urlsafe(48)


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = set(scopes)
    unknown = chosen - set(Scope.values)
    if unknown or not chosen:
        raise ValidationError(
            {"scopes": _("Bitte wählen Sie mindestens eine der angebotenen Berechtigungen.")},
            code="scopes",
        )
    return [scope for scope in Scope.values if scope in chosen]


def _clean_callback_url(url: str) -> str:
    url = (url or "").strip()
    if url:
        refusal = webhooks.callback_url_refusal(url)
        if refusal is not None:
            raise ValidationError({"callback_url": refusal}, code="callback_url")
    return url


def _require_active(client: ApiClient) -> None:
    if not client.active or client.revoked_at is not None:
        raise ValidationError(_("Dieser Zugang ist widerrufen."), code="revoked")


# --- clients ------------------------------------------------------------------------------


def api_client_create(
    *,
    actor: Any,
    authority: Authority,
    name: str,
    scopes: Iterable[str],
    callback_url: str = "",
) -> tuple[ApiClient, str]:
    """A new client for ``authority``. Returns the client and its token in plain text:
    the only time the token exists outside the caller's hands (only its SHA-256 is
    stored). With a callback URL the client also gets a new signing secret."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Bitte geben Sie eine Bezeichnung an.")}, code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {
                "name": _("Die Bezeichnung darf höchstens %(n)d Zeichen lang sein.")
                % {"n": NAME_MAX_LENGTH}
            },
            code="too_long",
        )
    chosen = _clean_scopes(scopes)
    url = _clean_callback_url(callback_url)
    token = _new_token()
    with transaction.atomic():
        if ApiClient.objects.filter(
            authority=authority, name=name, revoked_at__isnull=True
        ).exists():
            raise ValidationError(
                {"name": _("Ein Zugang mit dieser Bezeichnung besteht bereits.")}, code="unique"
            )
        client = ApiClient.objects.create(
            authority=authority,
            name=name,
            token_prefix=token[:PREFIX_LENGTH],
            token_hash=token_hash(token),
            scopes=chosen,
            callback_url=url,
            callback_secret=_new_secret() if url else "",
            created_at=timezone.now(),
            created_by=actor if getattr(actor, "pk", None) is not None else None,
        )
        audit_record(
            actor=actor,
            action="integrations.api_client_created",
            obj=client,
            authority=authority.pk,
            changes={
                "name": name,
                "token_prefix": client.token_prefix,
                "scopes": chosen,
                "callback_url": url,
            },
        )
    return client, token


def api_client_revoke(*, actor: Any, client: ApiClient) -> ApiClient:
    """The token stops working at once; deliveries still waiting are not sent."""
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        if locked.revoked_at is not None:
            return locked
        locked.active = False
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["active", "revoked_at"])
        audit_record(
            actor=actor,
            action="integrations.api_client_revoked",
            obj=locked,
            authority=locked.authority_id,
            changes={"active": [True, False], "token_prefix": locked.token_prefix},
        )
    return locked


def api_client_set_callback(
    *, actor: Any, client: ApiClient, callback_url: str, new_secret: bool = False
) -> ApiClient:
    """Set or remove the callback URL. A client without a secret gets one with its
    first URL, and ``new_secret`` replaces it; removing the URL removes the secret."""
    url = _clean_callback_url(callback_url)
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        _require_active(locked)
        before = locked.callback_url
        rotate = bool(url) and (new_secret or not locked.callback_secret)
        if url == before and not rotate:
            return locked
        locked.callback_url = url
        if not url:
            locked.callback_secret = ""
        elif rotate:
            locked.callback_secret = _new_secret()
        locked.save(update_fields=["callback_url", "callback_secret"])
        audit_record(
            actor=actor,
            action="integrations.api_client_callback_set",
            obj=locked,
            authority=locked.authority_id,
            # The secret itself never goes into the audit trail.
            changes={"callback_url": [before, url], "new_secret": rotate},
        )
    return locked


def api_client_touch(*, client: ApiClient, now: dt.datetime | None = None) -> None:
    """Note that the client was used: at most one write per ``TOUCH_INTERVAL``.
    Bookkeeping like Django's ``last_login``, not audited."""
    now = now or timezone.now()
    if client.last_used_at is not None and now - client.last_used_at < TOUCH_INTERVAL:
        return
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now


# --- submissions ----------------------------------------------------------------------


def _submission_url(reference: str) -> str:
    path = reverse("api:submission-detail", kwargs={"reference": reference})
    return f"{settings.VERBUND_PUBLIC_URL}{path}"


def submission_announce(*, case: Case) -> list[WebhookDelivery]:
    """Tell the authority's specialist systems about a new, complete submission.

    Called by ``cases.services`` inside the transaction in which the case becomes
    "received": one delivery per active client of the processing authority with a
    callback URL and the scope ``submissions:read``, and its task, are written in
    that same transaction. The message carries no personal data.
    """
    clients = [
        client
        for client in ApiClient.objects.filter(
            authority_id=case.authority_id, active=True, revoked_at__isnull=True
        )
        .exclude(callback_url="")
        .order_by("pk")
        if client.has_scope(Scope.SUBMISSIONS_READ)
    ]
    if not clients:
        return []
    from verbund.integrations.tasks import deliver_webhook

    now = timezone.now()
    service_key = case.service.key
    created = []
    with transaction.atomic():
        for client in clients:
            delivery = WebhookDelivery(
                client=client,
                authority_id=case.authority_id,
                case=case,
                event=EVENT_SUBMISSION_NEW,
                status=DeliveryStatus.PENDING,
                next_attempt_at=now,
                created_at=now,
            )
            delivery.payload = {
                "type": EVENT_SUBMISSION_NEW,
                "deliveryId": str(delivery.id),
                "reference": case.reference,
                "href": _submission_url(case.reference),
                "serviceKey": service_key,
                "timestamp": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
            }
            delivery.save(force_insert=True)
            deliver_webhook.enqueue(str(delivery.id))
            created.append(delivery)
        audit_record(
            actor=None,
            action="integrations.submission_announced",
            obj=case,
            authority=case.authority_id,
            changes={
                "deliveries": [str(d.id) for d in created],
                "clients": [c.pk for c in clients],
            },
        )
    return created


class AlreadyAcknowledged(ValidationError):
    """The client answered this submission before; nothing was written."""


def submission_acknowledge(
    *, client: ApiClient, case: Case, accepted: bool, reason: str = ""
) -> SubmissionAcknowledgement:
    """The specialist system took the submission over, or refused it.

    Taken over: the case's history says so, and a received case is now in progress.
    Refused (with a reason): the history says so and the case stands out in the
    inbox, so that a clerk takes care of it; the case itself stays where it is.
    """
    reason = (reason or "").strip()
    if not accepted and not reason:
        raise ValidationError(
            {"reason": _("Bitte begründen Sie, warum das Fachverfahren den Antrag ablehnt.")},
            code="required",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Die Begründung darf höchstens %(n)d Zeichen lang sein.")
                % {"n": REASON_MAX_LENGTH}
            },
            code="too_long",
        )
    if case.authority_id != client.authority_id:
        raise ValidationError(_("Dieser Vorgang gehört einer anderen Behörde."), code="foreign")
    actor = client_actor(client)
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        _require_active(locked)
        if SubmissionAcknowledgement.objects.filter(client=locked, case=case).exists():
            raise AlreadyAcknowledged(
                _("Das Fachverfahren hat zu diesem Antrag bereits eine Rückmeldung gegeben."),
                code="acknowledged",
            )
        try:
            with transaction.atomic():
                row = SubmissionAcknowledgement.objects.create(
                    client=locked,
                    case=case,
                    authority_id=case.authority_id,
                    accepted=accepted,
                    reason=reason,
                    created_at=timezone.now(),
                )
        except IntegrityError:
            raise AlreadyAcknowledged(
                _("Das Fachverfahren hat zu diesem Antrag bereits eine Rückmeldung gegeben."),
                code="acknowledged",
            ) from None
        if accepted:
            event = case_interface_note(
                actor=actor,
                case=case,
                text=_("Vom Fachverfahren „%(name)s“ übernommen.") % {"name": locked.name},
            )
            if event.status == CaseStatus.RECEIVED:
                case_set_status(actor=actor, case=case, status=CaseStatus.IN_PROGRESS)
        else:
            case_interface_note(
                actor=actor,
                case=case,
                text=_("Vom Fachverfahren „%(name)s“ abgelehnt: %(reason)s")
                % {"name": locked.name, "reason": reason},
                attention=True,
            )
        audit_record(
            actor=actor,
            action="integrations.submission_acknowledged",
            obj=row,
            authority=case.authority_id,
            changes={
                "client": locked.pk,
                "case": case.pk,
                "accepted": accepted,
                "reason": reason[:200],
            },
        )
    return row


# --- webhook deliveries ---------------------------------------------------------------


def webhook_retry(*, actor: Any, delivery: WebhookDelivery) -> WebhookDelivery:
    """Staff's "retry now": one more attempt at once, for a delivery that failed or
    waits for its next attempt."""
    from verbund.integrations.tasks import deliver_webhook

    with transaction.atomic():
        locked = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("client")
            .get(pk=delivery.pk)
        )
        if locked.status == DeliveryStatus.DELIVERED:
            raise ValidationError(_("Diese Nachricht ist bereits zugestellt."), code="delivered")
        _require_active(locked.client)
        if not locked.client.callback_url:
            raise ValidationError(
                _("Für diesen Zugang ist keine Callback-URL hinterlegt."), code="no_callback"
            )
        before = locked.status
        locked.status = DeliveryStatus.PENDING
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
        deliver_webhook.enqueue(str(locked.pk))
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
    lease = now + dt.timedelta(seconds=4 * webhooks.timeout_seconds() + 60)
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(attempts=F("attempts") + 1, next_attempt_at=lease)
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("client").get(pk=delivery_id)


def webhook_attempt_finish(
    *, delivery: WebhookDelivery, outcome: webhooks.Outcome, now: dt.datetime
) -> WebhookDelivery:
    """Record an attempt's outcome: delivered; or the next attempt, enqueued in the
    same transaction after the back-off; or, after the last attempt, failed.
    Delivered and failed deliveries are audited; the attempts in between are
    recorded on the row only."""
    from verbund.integrations.tasks import deliver_webhook

    with transaction.atomic():
        locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        locked.last_status_code = outcome.status_code
        locked.last_error = outcome.error[:500]
        if outcome.delivered:
            locked.status = DeliveryStatus.DELIVERED
            locked.delivered_at = now
            locked.next_attempt_at = None
        elif locked.attempts >= webhooks.max_attempts():
            locked.status = DeliveryStatus.FAILED
            locked.next_attempt_at = None
        else:
            locked.next_attempt_at = now + webhooks.backoff(locked.attempts)
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
            deliver_webhook.using(run_after=locked.next_attempt_at).enqueue(str(locked.pk))
        else:
            audit_record(
                actor=None,
                action=f"integrations.webhook_{locked.status}",
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


def acknowledgements_erase(*, case: Case) -> int:
    """Empty the reasons specialist systems gave for a case (they may name the applicant);
    part of deleting the case's personal data (``cases.records``). The number emptied."""
    return SubmissionAcknowledgement.objects.filter(case=case).exclude(reason="").update(reason="")
