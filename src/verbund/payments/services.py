"""Writes on payments: starting a transaction and recording its outcome.

``payment_start`` and ``payment_refresh`` are the platform's records and are
audited (``payments.payment_started``, ``payments.payment_completed``).
``simulated_transaction_decide`` writes the book of the simulated provider,
which stands in for an external system; like a real provider's book it is not
part of the platform's audit trail (the outcome is audited when the platform
learns it through ``payment_refresh``).
"""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.payments.models import (
    FINAL_STATUSES,
    Payable,
    Payment,
    PaymentStatus,
    SimulatedTransaction,
)
from verbund.payments.providers import (
    ProviderError,
    configured_provider_name,
    provider,
    safe_redirect,
)

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
# Payment.amount has ten digits, two of them after the decimal point.
MAX_AMOUNT = Decimal("100000000")
MAX_PURPOSE = 140


def _check_amount(amount: Decimal) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError("The amount must be a finite Decimal.")
    if amount <= 0 or amount >= MAX_AMOUNT:
        raise ValueError("The amount must be positive and below 100,000,000.")
    if amount != amount.quantize(CENT):
        raise ValueError("The amount must be in whole cents.")


def payment_start(
    *, submission: Payable, amount: Decimal, purpose: str, return_url: str, actor: Actor = None
) -> Payment:
    """Create a transaction at the configured provider for ``submission``.

    The citizen is then sent to the returned payment's ``pay_url``; the
    provider sends them back to ``return_url`` (a path of this site or a URL
    below ``VERBUND_PUBLIC_URL``; anything else raises ``ValueError``). The
    request id sent to the provider is the payment's id.

    Nothing is charged twice: open (``INITIAL``) attempts of the submission are
    first asked about at their provider. If one of the submission's payments
    is ``PAYED``, that payment is returned; if an attempt for the same amount
    is still open, it is returned (the citizen continues on its pay page).
    Otherwise a new ``INITIAL`` payment is created. Callers look at the
    returned payment's ``status``.

    The caller serialises starts for one submission (applications locks the
    submission's row around this call), so that a double click cannot open two
    attempts.
    """
    _check_amount(amount)
    purpose = purpose.strip()[:MAX_PURPOSE]
    if not purpose:
        raise ValueError("A payment needs a purpose.")
    if not safe_redirect(return_url):
        raise ValueError("The return URL must be a page of this platform.")
    open_payments = Payment.objects.filter(
        submission_id=submission.pk, status=PaymentStatus.INITIAL
    )
    for open_payment in open_payments:
        payment_refresh(payment=open_payment, actor=actor)
    name = configured_provider_name()
    chosen = provider(name)
    with transaction.atomic():
        earlier = Payment.objects.filter(submission_id=submission.pk).order_by("-created_at")
        paid = earlier.filter(status=PaymentStatus.PAYED).first()
        if paid is not None:
            return paid
        still_open = earlier.filter(status=PaymentStatus.INITIAL, amount=amount).first()
        if still_open is not None:
            return still_open
        payment = Payment.objects.create(
            submission_id=submission.pk,
            authority_id=submission.responsible_id,
            amount=amount,
            purpose=purpose,
            provider=name,
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
            action="payments.payment_started",
            obj=payment,
            authority=payment.authority_id,
            changes=field_changes(
                None,
                {
                    "submission": submission.reference,
                    "amount": str(amount),
                    "currency": payment.currency,
                    "purpose": payment.purpose,
                    "provider": name,
                    "transaction_id": payment.transaction_id,
                    "status": str(payment.status),
                },
            ),
        )
    return payment


def payment_refresh(*, payment: Payment, actor: Actor = None) -> Payment:
    """Ask the payment's provider for the outcome and record a final status once.

    ``INITIAL`` moves to ``PAYED``, ``FAILED`` or ``CANCELED`` exactly once
    (with ``completed_at`` and one audit entry); a final status never changes
    again, and asking again changes nothing. While the provider answers
    ``INITIAL`` or cannot be reached, the payment stays as it is.
    """
    if payment.status in FINAL_STATUSES:
        return payment
    try:
        reported = provider(payment.provider).status(payment.transaction_id)
    except ProviderError:
        logger.warning("payment provider %s did not answer for %s", payment.provider, payment.pk)
        return payment
    if reported not in FINAL_STATUSES:
        return payment
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status in FINAL_STATUSES:
            return locked
        before = locked.status
        locked.status = PaymentStatus(reported)
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="payments.payment_completed",
            obj=locked,
            authority=locked.authority_id,
            changes={"status": [before, str(locked.status)]},
        )
    return locked


def simulated_transaction_decide(
    *, transaction_id: Any, status: str
) -> SimulatedTransaction | None:
    """The simulated provider's own book: the citizen paid, cancelled or failed.

    Only an ``INITIAL`` transaction changes; a decided one stays as it is.
    Returns the transaction, or None for an unknown id.
    """
    if status not in FINAL_STATUSES:
        raise ValueError("unknown outcome")
    try:
        key = uuid.UUID(str(transaction_id))
    except ValueError:
        return None
    with transaction.atomic():
        found = SimulatedTransaction.objects.select_for_update().filter(pk=key).first()
        if found is None:
            return None
        if found.status == PaymentStatus.INITIAL:
            found.status = PaymentStatus(status)
            found.save(update_fields=["status", "updated_at"])
    return found
