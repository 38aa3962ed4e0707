"""Writes of the integrations app: API clients and acknowledgements (webhook
deliveries: ``webhooks.services``).

Every function takes keyword-only arguments, runs in one transaction and records
its audit entry in it (docs/integrations.md lists the actions). A write that
changes nothing records nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseStatus
from verbund.cases.services import case_interface_note, case_set_status
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record
from verbund.integrations.models import (
    ApiClient,
    Scope,
    SubmissionAcknowledgement,
)
from verbund.integrations.selectors import TOKEN_PREFIX, client_actor, token_hash
from verbund.integrations.webhooks import transport

NAME_MAX_LENGTH = 100
REASON_MAX_LENGTH = 1000
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
        refusal = transport.callback_url_refusal(url)
        if refusal is not None:
            raise ValidationError({"callback_url": refusal}, code="callback_url")
    return url


def require_active_client(client: ApiClient) -> None:
    """Refuse a write for a revoked client."""
    if not client.active or client.revoked_at is not None:
        raise ValidationError(_("Dieser Zugang ist widerrufen."), code="revoked")


# --- clients ------------------------------------------------------------------------------


def api_client_create(
    *,
    actor: Actor,
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
            created_by_id=actor_id(actor),
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


def api_client_revoke(*, actor: Actor, client: ApiClient) -> ApiClient:
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
    *, actor: Actor, client: ApiClient, callback_url: str, new_secret: bool = False
) -> ApiClient:
    """Set or remove the callback URL. A client without a secret gets one with its
    first URL, and ``new_secret`` replaces it; removing the URL removes the secret."""
    url = _clean_callback_url(callback_url)
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        require_active_client(locked)
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
        require_active_client(locked)
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


def acknowledgements_erase(*, case: Case) -> int:
    """Empty the reasons specialist systems gave for a case (they may name the applicant);
    part of deleting the case's personal data (``cases.records``). The number emptied."""
    return SubmissionAcknowledgement.objects.filter(case=case).exclude(reason="").update(reason="")
