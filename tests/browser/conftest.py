"""Headless Chromium (Debian's package, never `playwright install`) against a live server."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, Page

from verbund.accounts.models import User

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# from the test body are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).is_file():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (make browser-deps)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Chromium would send Accept-Language: en-US; a German visitor is the default.
    return {**browser_context_args, "locale": "de-DE"}


@pytest.fixture(autouse=True)
def _browser_settings(settings: Any) -> None:
    # Demo users skip the second factor (static files: tests/conftest.py).
    settings.VERBUND_DEMO = True


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(5_000)
    return page


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n        ")
                lines.append(f"        {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; zero violations allowed."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    assert violations == [], f"axe on {page.url}:\n{_describe(violations)}"


@pytest.fixture
def axe() -> Callable[[Page], None]:
    return assert_accessible


def login(context: BrowserContext, live_server_url: str, user: User) -> None:
    """Give the browser the session cookie of a logged-in Django test client."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server_url}])
