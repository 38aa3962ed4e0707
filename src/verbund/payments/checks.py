"""System checks on the payment provider setting."""

from __future__ import annotations

from typing import Any

from django.core import checks

from verbund.payments.providers import PROVIDERS, SimulatedProvider, configured_provider_name


@checks.register()
def check_payment_provider_known(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    name = configured_provider_name()
    if name in PROVIDERS:
        return []
    return [
        checks.Error(
            f"VERBUND_PAYMENT_PROVIDER is {name!r}, which is not a known payment provider.",
            hint=f"Known providers: {', '.join(sorted(PROVIDERS))}.",
            id="payments.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_payment_provider_real(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn before a production instance accepts simulated payments."""
    if configured_provider_name() != SimulatedProvider.name:
        return []
    return [
        checks.Warning(
            "The simulated payment provider is configured: citizens can 'pay' fees "
            "on the simulator page without any money moving.",
            hint="Set VERBUND_PAYMENT_PROVIDER to a real provider (docs/payments.md).",
            id="payments.W001",
        )
    ]
