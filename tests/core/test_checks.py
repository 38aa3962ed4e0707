"""The deploy checks on settings-wide switches (``verbund check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, run_checks


def deploy_messages() -> dict[str, CheckMessage]:
    return {
        str(message.id): message
        for message in run_checks(include_deployment_checks=True)
        if str(message.id).startswith("verbund.")
    }


def test_demo_mode_is_reported_only_when_on(settings: Any) -> None:
    settings.VERBUND_DEMO = True
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = False
    assert deploy_messages() == {
        "verbund.W001": Warning(
            "VERBUND_DEMO is on: users created by 'verbund load-demo' log in with a "
            "published password and without a second factor.",
            hint="Unset VERBUND_DEMO (or set it to 0) on every instance that holds real data.",
            id="verbund.W001",
        )
    }
    settings.VERBUND_DEMO = False
    assert deploy_messages() == {}


def test_local_webhooks_are_reported_only_when_allowed(settings: Any) -> None:
    settings.VERBUND_DEMO = False
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = True
    assert deploy_messages() == {
        "verbund.W002": Warning(
            "VERBUND_WEBHOOK_ALLOW_LOCAL is on: API clients may register callback URLs "
            "that point to this machine, over plain http.",
            hint="Unset VERBUND_WEBHOOK_ALLOW_LOCAL (and VERBUND_DEBUG) in production; "
            "callbacks then must be https to public addresses.",
            id="verbund.W002",
        )
    }
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = False
    assert deploy_messages() == {}


def test_the_checks_run_only_with_deploy(settings: Any) -> None:
    settings.VERBUND_DEMO = True
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = True
    assert [m.id for m in run_checks() if str(m.id).startswith("verbund.")] == []
    assert sorted(deploy_messages()) == ["verbund.W001", "verbund.W002"]
