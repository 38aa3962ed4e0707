"""Payment providers, shaped after XBezahldienste.

A provider offers two calls: create a payment transaction (the platform sends
a request id, the amount, a purpose and where the citizen comes back to; the
provider answers with its transaction id and the URL of its pay page) and ask
for a transaction's status. The platform never trusts the return URL's
parameters: after the citizen comes back it asks the provider.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.urls import reverse

from verbund.payments.models import PaymentStatus, SimulatedTransaction


@dataclass(frozen=True)
class ProviderTransaction:
    transaction_id: str
    pay_url: str
    status: str


class PaymentProvider(Protocol):
    name: str

    def create(
        self, *, request_id: str, amount: Decimal, currency: str, purpose: str, redirect_url: str
    ) -> ProviderTransaction: ...

    def status(self, transaction_id: str) -> str: ...


class SimulatedProvider:
    """The built-in stand-in for a real provider (demo and tests).

    Its book is :class:`SimulatedTransaction`; its pay page is the simulator
    view, where the citizen chooses to pay, cancel or fail.
    """

    name = "simulated"

    def create(
        self, *, request_id: str, amount: Decimal, currency: str, purpose: str, redirect_url: str
    ) -> ProviderTransaction:
        transaction, _created = SimulatedTransaction.objects.get_or_create(
            request_id=request_id,
            defaults={
                "amount": amount,
                "currency": currency,
                "purpose": purpose,
                "redirect_url": redirect_url,
            },
        )
        return ProviderTransaction(
            transaction_id=str(transaction.pk),
            pay_url=reverse("payments:simulator", kwargs={"transaction_id": transaction.pk}),
            status=transaction.status,
        )

    def status(self, transaction_id: str) -> str:
        try:
            pk = uuid.UUID(transaction_id)
        except ValueError:
            return PaymentStatus.FAILED
        transaction = SimulatedTransaction.objects.filter(pk=pk).first()
        return PaymentStatus.FAILED if transaction is None else transaction.status


PROVIDERS: dict[str, type[SimulatedProvider]] = {"simulated": SimulatedProvider}


def provider() -> PaymentProvider:
    """The configured provider (``VERBUND_PAYMENT_PROVIDER``)."""
    return PROVIDERS[settings.VERBUND_PAYMENT_PROVIDER]()


def safe_redirect(url: str) -> bool:
    """Only the platform's own pages are return targets: no open redirects."""
    if url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return True
    return url.startswith(settings.VERBUND_PUBLIC_URL + "/")
