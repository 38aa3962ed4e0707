"""Headless Chromium (Debian's package, never `playwright install`) against a live server."""

from __future__ import annotations

import functools
import json
import os
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page
from playwright.sync_api import Error as PlaywrightError

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


# What Chromium writes to the console when the Content-Security-Policy blocks something.
CSP_MARK = "Content Security Policy"
_csp_reports: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def watch_csp(page: Page) -> list[str]:
    """Collect the page's reports of blocked scripts, styles, images, forms…"""
    reports = _csp_reports.setdefault(page, [])

    def seen(message: ConsoleMessage) -> None:
        if CSP_MARK in message.text:
            reports.append(f"{page.url}: {message.text}")

    page.on("console", seen)
    return reports


def csp_violations(page: Page) -> list[str]:
    """What the Content-Security-Policy blocked on ``page`` so far."""
    return list(_csp_reports.get(page, []))


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """The test's page; the test fails when the Content-Security-Policy blocked
    anything on it."""
    page.set_default_timeout(5_000)
    reports = watch_csp(page)
    yield page
    assert reports == [], "Content-Security-Policy violations:\n" + "\n".join(reports)


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


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;true"


def assert_accessible(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; zero violations allowed.

    axe is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not govern; ``add_script_tag`` would insert an
    inline script, which the policy blocks (and reports).

    A click on a link starts a navigation that may still be under way when the
    test calls this: axe then meets a document that is being replaced. The run
    waits for the page to load and, when the document changed under it, runs
    again on the new one (at most three times)."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.evaluate(_axe_source())
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                WCAG_TAGS,
            )
        except PlaywrightError as error:
            if attempt == 2 or not _navigated_away(str(error)):
                raise
            page.wait_for_timeout(100)
            continue
        violations = result["violations"]
        assert violations == [], f"axe on {page.url}:\n{_describe(violations)}"
        return


# What Chromium reports when the page's document was replaced during an evaluation.
_NAVIGATION_MARKS = (
    "Execution context was destroyed",
    "reading 'documentElement'",
    "axe is not defined",
)


def _navigated_away(message: str) -> bool:
    return any(mark in message for mark in _NAVIGATION_MARKS)


@pytest.fixture
def axe() -> Callable[[Page], None]:
    return assert_accessible


def follow(link: Locator) -> None:
    """Click a link and wait until the page it leads to has loaded, so that
    what the test does next (axe above all) meets the new page."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()


def login(context: BrowserContext, live_server_url: str, user: User) -> None:
    """Give the browser the session cookie of a logged-in Django test client."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server_url}])
