"""Access policies for payments: the payee authority's staff see them; nobody
changes a payment by hand (only the provider's answer does)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, Policy, register
from verbund.payments.models import Payment, SimulatedTransaction


class PaymentPolicy(Policy[Payment]):
    model = Payment

    def scope(self, user: Any, action: Action) -> QuerySet[Payment]:
        if action is Action.VIEW:
            return Payment.objects.filter(authority_id__in=grants_for(user).authority_ids())
        return Payment.objects.none()


class SimulatedTransactionPolicy(Policy[SimulatedTransaction]):
    model = SimulatedTransaction

    def scope(self, user: Any, action: Action) -> QuerySet[SimulatedTransaction]:
        return SimulatedTransaction.objects.none()


register(PaymentPolicy())
register(SimulatedTransactionPolicy())
