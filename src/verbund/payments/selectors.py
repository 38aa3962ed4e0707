"""Reads on payments."""

from __future__ import annotations

import uuid
from typing import Any

from verbund.payments.models import Payable, Payment, SimulatedTransaction


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def latest_payment(submission: Payable) -> Payment | None:
    """The submission's newest payment attempt, or None if it has none."""
    return Payment.objects.filter(submission_id=submission.pk).order_by("-created_at").first()


def payment_by_id(pk: Any) -> Payment | None:
    """The payment with this id; None for an unknown id or one that is no UUID."""
    key = _uuid(pk)
    return None if key is None else Payment.objects.filter(pk=key).first()


def simulated_transaction(pk: Any) -> SimulatedTransaction | None:
    """The simulated provider's transaction with this id, or None."""
    key = _uuid(pk)
    return None if key is None else SimulatedTransaction.objects.filter(pk=key).first()
