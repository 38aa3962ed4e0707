"""Error pages as citizens get them, and the demo served the way production serves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_missing_page_is_the_friendly_404_without_debug(client: Client, settings: Any) -> None:
    settings.DEBUG = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Seite nicht gefunden – Verbund</title>" in html
    assert '<h1 class="kern-heading-large">Seite nicht gefunden</h1>' in html
    assert '<a class="kern-link" href="/">Zur Startseite</a>' in html
    # Not Django's technical page with the URL list.
    assert "Using the URLconf" not in html
    assert "urlpatterns" not in html
    assert "/verwaltung/" not in html


def _dry_run(target: str) -> str:
    """The commands ``make <target>`` runs, setup left out."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        [make, "--no-print-directory", "-n", "-o", "setup", target],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_make_run_serves_the_demo_without_debug() -> None:
    commands = _dry_run("run")
    assert "runserver 127.0.0.1:" in commands
    assert "VERBUND_DEMO=1" in commands
    # Debug would show Django's technical pages, with every URL, to anyone who mistypes.
    assert "VERBUND_DEBUG" not in commands
    # Without debug the hashed static files come from collectstatic (served by WhiteNoise).
    lines = commands.splitlines()
    collect = next(i for i, line in enumerate(lines) if "collectstatic --no-input" in line)
    serve = next(i for i, line in enumerate(lines) if "runserver" in line)
    assert collect < serve


def test_make_dev_keeps_the_debug_pages_for_developers() -> None:
    commands = _dry_run("dev")
    serve = next(line for line in commands.splitlines() if "runserver" in line)
    before = commands.splitlines()[commands.splitlines().index(serve) - 1]
    assert "VERBUND_DEBUG=1" in before + serve
