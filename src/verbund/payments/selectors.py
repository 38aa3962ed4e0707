"""Reads on payments."""

from __future__ import annotations

import uuid
from typing import Any

from verbund.applications.models import Submission
from verbund.payments.models import Payment, SimulatedTransaction


def latest_payment(submission: Submission) -> Payment | None:
    return Payment.objects.filter(submission=submission).order_by("-created_at").first()


def payment_by_id(pk: Any) -> Payment | None:
    try:
        key = uuid.UUID(str(pk))
    except ValueError:
        return None
    return Payment.objects.filter(pk=key).first()


def simulated_transaction(pk: Any) -> SimulatedTransaction | None:
    try:
        key = uuid.UUID(str(pk))
    except ValueError:
        return None
    return SimulatedTransaction.objects.filter(pk=key).first()
