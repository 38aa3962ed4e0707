"""Payment providers, shaped after XBezahldienste.

A provider offers two calls (docs/payments.md):

- **create** a payment transaction: the platform sends a request id (its own
  id of the attempt; sending it again yields the same transaction), the
  amount, the currency, a purpose and the URL the citizen comes back to
  (``redirectUrl``); the provider answers with its transaction id
  (``paymentTransactionId``), the URL of its pay page to send the citizen to
  and the transaction's status;
- ask for a transaction's **status** by its transaction id.

The platform never trusts the return URL's parameters: after the citizen comes
back it asks the provider. Which provider is used is chosen by
``settings.VERBUND_PAYMENT_PROVIDER``, a name in :data:`PROVIDERS`; a payment
is always asked about at the provider that created it (``Payment.provider``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from verbund.payments.models import PaymentStatus, SimulatedTransaction

DEFAULT_PROVIDER = "simulated"
# The longest return URL a provider's book (and SimulatedTransaction) keeps.
MAX_REDIRECT_URL = 500
# Whitespace and control characters (browsers drop some of them, so that
# "/\t/evil.example" would become "//evil.example") and backslashes (read as "/").
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


class ProviderError(Exception):
    """The provider could not be reached or refused the request."""


@dataclass(frozen=True)
class ProviderTransaction:
    """The provider's answer to *create* (XBezahldienste: ``PaymentTransaction``)."""

    transaction_id: str
    pay_url: str
    status: PaymentStatus


class PaymentProvider(Protocol):
    """What every provider implements; see docs/payments.md."""

    name: str

    def create(
        self, *, request_id: str, amount: Decimal, currency: str, purpose: str, redirect_url: str
    ) -> ProviderTransaction:
        """Create (or, for a known ``request_id``, return) a transaction.

        Raises ``ValueError`` for a request the provider refuses (e.g. a
        ``redirect_url`` outside this platform) and :class:`ProviderError`
        when the provider cannot be reached.
        """
        ...

    def status(self, transaction_id: str) -> PaymentStatus:
        """The transaction's status; ``INITIAL`` while the citizen is still busy."""
        ...


def safe_redirect(url: str) -> bool:
    """Only the platform's own pages are return targets: no open redirects.

    Allowed are a path on this site (``/antrag/…``, not ``//host``) and an
    absolute URL below ``settings.VERBUND_PUBLIC_URL``.
    """
    if not url or len(url) > MAX_REDIRECT_URL or _UNSAFE_URL_CHARS.search(url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    public = str(getattr(settings, "VERBUND_PUBLIC_URL", "")).rstrip("/")
    return bool(public) and (url == public or url.startswith(public + "/"))


class SimulatedProvider:
    """The built-in stand-in for a real provider (demo and tests).

    Its book is :class:`SimulatedTransaction`; its pay page is the simulator
    view, where the citizen chooses to pay, cancel or fail. No money moves.
    """

    name = "simulated"

    def create(
        self, *, request_id: str, amount: Decimal, currency: str, purpose: str, redirect_url: str
    ) -> ProviderTransaction:
        if not request_id or len(request_id) > 100:
            raise ValueError("The request id must have 1 to 100 characters.")
        if not safe_redirect(redirect_url):
            raise ValueError("The redirect URL must be a page of this platform.")
        transaction, _created = SimulatedTransaction.objects.get_or_create(
            request_id=request_id,
            defaults={
                "amount": amount,
                "currency": currency,
                "purpose": purpose[:140],
                "redirect_url": redirect_url,
            },
        )
        return ProviderTransaction(
            transaction_id=str(transaction.pk),
            pay_url=reverse("payments:simulator", kwargs={"transaction_id": transaction.pk}),
            status=PaymentStatus(transaction.status),
        )

    def status(self, transaction_id: str) -> PaymentStatus:
        try:
            pk = uuid.UUID(transaction_id)
        except ValueError:
            return PaymentStatus.FAILED
        transaction = SimulatedTransaction.objects.filter(pk=pk).first()
        # A transaction the provider does not know can never be paid.
        return PaymentStatus.FAILED if transaction is None else PaymentStatus(transaction.status)


ProviderFactory = Callable[[], PaymentProvider]

# The providers known by name; a real provider adds itself with register_provider.
PROVIDERS: dict[str, ProviderFactory] = {SimulatedProvider.name: SimulatedProvider}


def register_provider(name: str, factory: ProviderFactory) -> None:
    """Make a provider choosable as ``VERBUND_PAYMENT_PROVIDER = name``.

    ``name`` is stored in ``Payment.provider`` (at most 40 characters).
    """
    if not name or len(name) > 40:
        raise ValueError("A provider name has 1 to 40 characters.")
    PROVIDERS[name] = factory


def configured_provider_name() -> str:
    return str(getattr(settings, "VERBUND_PAYMENT_PROVIDER", "") or DEFAULT_PROVIDER)


def provider(name: str | None = None) -> PaymentProvider:
    """The provider called ``name``, or the configured one (``VERBUND_PAYMENT_PROVIDER``)."""
    chosen = name or configured_provider_name()
    factory = PROVIDERS.get(chosen)
    if factory is None:
        raise ImproperlyConfigured(
            f"Unknown payment provider {chosen!r}; known are {', '.join(sorted(PROVIDERS))}."
        )
    return factory()


def simulator_enabled() -> bool:
    """The simulator's pay page is served only while the simulated provider is configured."""
    return configured_provider_name() == SimulatedProvider.name
