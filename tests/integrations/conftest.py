"""Fixtures of the integration tests: the world of tests/applications (Kreis Düren
processes the Reitkennzeichen of Merzenich's citizens), local webhook receivers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.cases.conftest import dueren_clerk as dueren_clerk
from tests.cases.conftest import rhein_erft as rhein_erft


@pytest.fixture(autouse=True)
def _local_webhooks(settings: Any) -> None:
    # Receivers in these tests are pytest-httpserver on 127.0.0.1 (plain http).
    settings.VERBUND_WEBHOOK_ALLOW_LOCAL = True
    settings.VERBUND_WEBHOOK_TIMEOUT = 0.5
