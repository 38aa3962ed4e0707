"""What the audit entries of specialist systems' access mean (``core.audit_terms``),
and how API clients are named in them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import FLAG, AuditField, AuditNames, AuditTerms, Choice, Reference
from verbund.integrations.models import ApiClient, DeliveryStatus, Scope

API_CLIENT = "integrations.ApiClient"

TERMS = AuditTerms(
    key="integrations",
    group=_("Anbindung von Fachverfahren"),
    actions={
        "integrations.api_client_created": _("API-Zugang eines Fachverfahrens angelegt"),
        "integrations.api_client_revoked": _("API-Zugang eines Fachverfahrens widerrufen"),
        "integrations.api_client_callback_set": _("Callback-URL eines Fachverfahrens geändert"),
        "integrations.submission_acknowledged": _(
            "Übernahme eines Antrags durch ein Fachverfahren"
        ),
        "integrations.submission_announced": _("Fachverfahren über einen Antrag benachrichtigt"),
        "integrations.event_announced": _("Fachverfahren über ein Ereignis benachrichtigt"),
        "integrations.webhook_retried": _("Benachrichtigung erneut angestoßen"),
        "integrations.webhook_delivered": _("Benachrichtigung zugestellt"),
        "integrations.webhook_failed": _("Benachrichtigung endgültig fehlgeschlagen"),
    },
    fields={
        "scopes": AuditField(_("Berechtigungen"), Choice(Scope.choices), many=True),
        "new_secret": AuditField(_("neues Signaturgeheimnis"), FLAG),
        "client": AuditField(_("Fachverfahren"), Reference(API_CLIENT)),
        "clients": AuditField(_("Fachverfahren"), Reference(API_CLIENT), many=True),
        "case": AuditField(_("Vorgang"), Reference("cases.Case")),
        "accepted": AuditField(_("übernommen"), FLAG),
        "reason": AuditField(_("Begründung")),
        "deliveries": AuditField(_("Benachrichtigungen (Kennung)"), many=True),
        "status": AuditField(_("Stand der Zustellung"), Choice(DeliveryStatus.choices)),
        "attempts": AuditField(_("Versuche")),
        "status_code": AuditField(_("HTTP-Status der Antwort")),
        "error": AuditField(_("Fehler")),
        "event": AuditField(_("Ereignis")),
    },
)


def _clients(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): name for pk, name in ApiClient.objects.filter(pk__in=ids).values_list("pk", "name")
    }


NAMES = (AuditNames(API_CLIENT, _clients),)
