"""Payments shaped after XBezahldienste.

A :class:`Payment` is one transaction at a payment provider for one
submission: created as ``INITIAL``, the citizen is redirected to the
provider's page, comes back, and the platform asks the provider for the
outcome (``PAYED``, ``FAILED`` or ``CANCELED``; the spelling is the
standard's). :class:`SimulatedTransaction` is the book of the built-in
simulated provider used by the demo and the tests.
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    INITIAL = "INITIAL", _("begonnen")
    PAYED = "PAYED", _("bezahlt")
    FAILED = "FAILED", _("fehlgeschlagen")
    CANCELED = "CANCELED", _("abgebrochen")


FINAL_STATUSES = frozenset({PaymentStatus.PAYED, PaymentStatus.FAILED, PaymentStatus.CANCELED})


class Payable(Protocol):
    """What a payment is for: a citizen's submission (``Payment.submission``; the
    applications app, which builds on payments, passes its ``Submission``)."""

    pk: Any
    reference: str
    responsible_id: Any


class Payment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(
        "applications.Submission", on_delete=models.PROTECT, related_name="payments"
    )
    # The payee: the responsible authority, whose fees these are (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Behörde"),
    )
    amount = models.DecimalField(_("Betrag"), max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    purpose = models.CharField(_("Verwendungszweck"), max_length=140)
    provider = models.CharField(_("Zahlungsdienst"), max_length=40)
    # The provider's id of the transaction (XBezahldienste: paymentTransactionId).
    transaction_id = models.CharField(max_length=100, blank=True)
    pay_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.INITIAL
    )
    created_at = models.DateTimeField(_("begonnen am"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zahlung")
        verbose_name_plural = _("Zahlungen")
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"{self.purpose} ({self.status})"


class SimulatedTransaction(models.Model):
    """A transaction at the built-in simulated payment provider."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The requestId the platform sent: creating twice with it yields the same transaction.
    request_id = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    purpose = models.CharField(max_length=140)
    redirect_url = models.CharField(max_length=500)
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.INITIAL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.purpose} ({self.status})"
