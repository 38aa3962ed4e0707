"""Writes on payments: starting a transaction and recording its outcome."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from verbund.applications.models import Submission
from verbund.core.audit import audit_record
from verbund.payments.models import FINAL_STATUSES, Payment, PaymentStatus, SimulatedTransaction
from verbund.payments.providers import provider, safe_redirect


def payment_start(
    *, submission: Submission, amount: Decimal, purpose: str, return_url: str, actor: Any = None
) -> Payment:
    """Create a transaction at the provider for ``submission``; the citizen goes to ``pay_url``."""
    if amount <= 0:
        raise ValueError("A payment needs a positive amount.")
    if not safe_redirect(return_url):
        raise ValueError("The return URL must be a page of this platform.")
    chosen = provider()
    with transaction.atomic():
        payment = Payment.objects.create(
            submission=submission,
            authority_id=submission.responsible_id,
            amount=amount,
            purpose=purpose[:140],
            provider=chosen.name,
        )
        created = chosen.create(
            request_id=str(payment.pk),
            amount=amount,
            currency=payment.currency,
            purpose=payment.purpose,
            redirect_url=return_url,
        )
        payment.transaction_id = created.transaction_id
        payment.pay_url = created.pay_url
        payment.save(update_fields=["transaction_id", "pay_url", "updated_at"])
        audit_record(
            actor=actor,
            action="payment.start",
            obj=payment,
            authority=payment.authority_id,
            changes={"amount": str(amount), "provider": chosen.name},
        )
    return payment


def payment_refresh(*, payment: Payment) -> Payment:
    """Ask the provider for the outcome; a final status is recorded once and never changes."""
    if payment.status in FINAL_STATUSES:
        return payment
    status = provider().status(payment.transaction_id)
    if status == PaymentStatus.INITIAL:
        return payment
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status in FINAL_STATUSES:
            return locked
        locked.status = status
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at", "updated_at"])
        audit_record(
            actor=None,
            action="payment.complete",
            obj=locked,
            authority=locked.authority_id,
            changes={"status": status},
        )
    return locked


def simulated_transaction_decide(
    *, transaction_id: Any, status: str
) -> SimulatedTransaction | None:
    """The simulated provider's own book: the citizen paid, cancelled or failed.

    Only an ``INITIAL`` transaction changes; returns None for an unknown one.
    """
    if status not in FINAL_STATUSES:
        raise ValueError("unknown outcome")
    with transaction.atomic():
        found = SimulatedTransaction.objects.select_for_update().filter(pk=transaction_id).first()
        if found is None:
            return None
        if found.status == PaymentStatus.INITIAL:
            found.status = status
            found.save(update_fields=["status", "updated_at"])
    return found
