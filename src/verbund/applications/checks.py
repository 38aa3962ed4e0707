"""System checks of applications."""

from __future__ import annotations

from typing import Any

from django.core import checks

from verbund.applications import hooks


@checks.register()
def submissions_reach_an_inbox(**kwargs: Any) -> list[checks.CheckMessage]:
    """A citizen must never get a reference without a case: some installed app must open
    it (verbund.cases does, from its AppConfig.ready())."""
    if len(hooks.SUBMISSION_RECEIVED) == 0:
        return [
            checks.Error(
                "No app listens to applications.hooks.SUBMISSION_RECEIVED: submissions would "
                "reach no inbox.",
                hint="Add verbund.cases to INSTALLED_APPS.",
                id="verbund.applications.E001",
            )
        ]
    return []
