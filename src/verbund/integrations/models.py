"""Specialist systems (Fachverfahren) of an authority and what the platform sends them.

An authority's admins create an :class:`ApiClient` per specialist system: it reads
the authority's complete submissions through the API (``/api/v1/submissions``),
confirms that it took them over (:class:`SubmissionAcknowledgement`) and may report
the case's progress and its decision. A client with a callback URL is told of every
new submission by a signed webhook; each message is a :class:`WebhookDelivery`
whose attempts and errors stay visible to the authority's admins.

Every row carries the authority it belongs to (``authority``), see
docs/integrations.md.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    SUBMISSIONS_READ = "submissions:read", _("Anträge abrufen (submissions:read)")
    SUBMISSIONS_ACKNOWLEDGE = (
        "submissions:acknowledge",
        _("Übernahme von Anträgen bestätigen oder ablehnen (submissions:acknowledge)"),
    )
    CASES_WRITE = "cases:write", _("Status setzen und Bescheide erlassen (cases:write)")
    INVOICES_READ = (
        "invoices:read",
        _("Angenommene E-Rechnungen abrufen (invoices:read)"),
    )


class ApiClient(models.Model):
    """A specialist system's access: a bearer token (only its SHA-256 is stored) with
    scopes, and optionally a callback URL with the secret that signs the webhooks."""

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    # The token's first characters, to tell tokens apart on the staff page and in logs.
    token_prefix = models.CharField(_("Schlüsselanfang"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Berechtigungen"), default=list)
    callback_url = models.URLField(_("Callback-URL"), max_length=500, blank=True)
    # Kept in plain text: the platform needs it to sign every webhook (HMAC).
    callback_secret = models.CharField(max_length=128, blank=True, editable=False)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt am"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("zuletzt genutzt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Zugang")
        verbose_name_plural = _("API-Zugänge")
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "name"],
                condition=Q(revoked_at__isnull=True),
                name="unique_active_client_name_per_authority",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class SubmissionAcknowledgement(models.Model):
    """A client's answer to a submission: taken over, or refused with a reason.
    Each client answers each case once."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="acknowledgements")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField(_("übernommen"))
    reason = models.TextField(_("Begründung"), blank=True)
    created_at = models.DateTimeField(_("am"))

    class Meta:
        verbose_name = _("Rückmeldung eines Fachverfahrens")
        verbose_name_plural = _("Rückmeldungen von Fachverfahren")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["client", "case"], name="one_acknowledgement_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.case}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("wird zugestellt")
    DELIVERED = "delivered", _("zugestellt")
    FAILED = "failed", _("fehlgeschlagen")


class WebhookDelivery(models.Model):
    """One webhook message to one client, with the outcome of its last attempt."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="deliveries")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    event = models.CharField(_("Ereignis"), max_length=50)
    payload = models.JSONField()
    status = models.CharField(
        _("Status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("letzte Antwort"), null=True, blank=True)
    last_error = models.CharField(_("letzter Fehler"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("angelegt am"))
    delivered_at = models.DateTimeField(_("zugestellt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("authority", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.event} → {self.client}"
