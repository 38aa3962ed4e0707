"""Cases: what an authority's back office works on.

Every submitted application opens exactly one case in the inbox of its
*processing* authority (the responsible authority itself, or the member that
processes for it under an agreement). The status history is what the citizen
sees on the status page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Zahlung ausstehend")
    RECEIVED = "received", _("Eingegangen")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    WAITING_APPLICANT = "waiting_applicant", _("Rückfrage an Sie")
    WAITING_STATEMENT = "waiting_statement", _("Stellungnahme angefragt")
    GRANTED = "granted", _("Entschieden: bewilligt")
    REFUSED = "refused", _("Entschieden: abgelehnt")
    CLOSED = "closed", _("Abgeschlossen")


# Which status may follow which; the back office (issue #5) refines the permissions.
TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.AWAITING_PAYMENT: frozenset({CaseStatus.RECEIVED}),
    CaseStatus.RECEIVED: frozenset({CaseStatus.IN_PROGRESS}),
    CaseStatus.IN_PROGRESS: frozenset(
        {
            CaseStatus.WAITING_APPLICANT,
            CaseStatus.WAITING_STATEMENT,
            CaseStatus.GRANTED,
            CaseStatus.REFUSED,
        }
    ),
    CaseStatus.WAITING_APPLICANT: frozenset({CaseStatus.IN_PROGRESS}),
    CaseStatus.WAITING_STATEMENT: frozenset({CaseStatus.IN_PROGRESS}),
    CaseStatus.GRANTED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.REFUSED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}


class Case(models.Model):
    submission = models.OneToOneField(
        "applications.Submission", on_delete=models.PROTECT, related_name="case"
    )
    # The processing authority: whose inbox the case is in (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("bearbeitende Behörde"),
    )
    responsible = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zuständige Behörde"),
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Status"), max_length=20, choices=CaseStatus.choices)
    received_at = models.DateTimeField(_("eingegangen am"))
    due_on = models.DateField(_("zu erledigen bis"), null=True, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        ordering = ("-received_at", "-id")
        indexes = [models.Index(fields=("authority", "status", "-received_at"))]

    def __str__(self) -> str:
        return self.submission.reference


class CaseEvent(models.Model):
    """One entry of a case's status history, shown to the applicant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("Status"), max_length=20, choices=CaseStatus.choices)
    # A note for the applicant; shown on the status page.
    note = models.TextField(_("Hinweis"), blank=True)
    created_at = models.DateTimeField(_("am"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.case}: {self.status}"
