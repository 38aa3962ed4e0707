"""Deploy checks on the settings-wide switches and defaults meant for demos and development.

``verbund check --deploy`` reports them as warnings (ids ``verbund.W…``); a
production instance shows none of them. Checks that need an app's own
knowledge live with that app (e.g. ``payments.checks``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_demo_off(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Warn while demo mode lets the demo users skip the second factor."""
    if not getattr(settings, "VERBUND_DEMO", False):
        return []
    return [
        checks.Warning(
            "VERBUND_DEMO is on: users created by 'verbund load-demo' log in with a "
            "published password and without a second factor.",
            hint="Unset VERBUND_DEMO (or set it to 0) on every instance that holds real data.",
            id="verbund.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_local_webhooks_off(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Warn while webhooks may go to this machine (the development allowance)."""
    # The same default as the webhooks themselves: on with DEBUG.
    if not getattr(settings, "VERBUND_WEBHOOK_ALLOW_LOCAL", settings.DEBUG):
        return []
    return [
        checks.Warning(
            "VERBUND_WEBHOOK_ALLOW_LOCAL is on: API clients may register callback URLs "
            "that point to this machine, over plain http.",
            hint="Unset VERBUND_WEBHOOK_ALLOW_LOCAL (and VERBUND_DEBUG) in production; "
            "callbacks then must be https to public addresses.",
            id="verbund.W002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_from_environment(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Warn while SECRET_KEY comes from the development key file of `make setup`."""
    if getattr(settings, "VERBUND_SECRET_KEY_SOURCE", "") != "file":
        return []
    return [
        checks.Warning(
            "SECRET_KEY is read from the development key file "
            f"{settings.DEVELOPMENT_KEY_FILE}, not from VERBUND_SECRET_KEY.",
            hint="Set VERBUND_SECRET_KEY in the service's environment (docs/operations.md); "
            "the file is then ignored.",
            id="verbund.W003",
        )
    ]
