"""Headers on every kind of page: the Content-Security-Policy (django-csp, settings.py)
and ``Cache-Control: private, no-store`` on the pages nobody may keep a copy of
(core.middleware.NoStoreMiddleware); public catalogue pages stay cacheable. And the
rule that makes the strict policy possible: no inline script or style in a template
that a browser gets.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import verbund
from tests.applications.conftest import World
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.applications.test_journey import fill_until_check
from tests.cases.conftest import submit
from tests.clients import logged_in
from tests.factories import make_user
from tests.integrations.partners import bearer, make_client
from verbund.applications.links import status_token
from verbund.core.charts import bar_chart

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
TEMPLATES = Path(verbund.__file__).parent / "templates"
# Standalone documents that only WeasyPrint renders into PDFs (core.pdf); no browser
# gets them, so their print stylesheets are no matter for the policy.
PDF_TEMPLATES = {
    "applications/receipt.html",
    "cases/letter.html",
    "networks/statement.html",
    "staff/benchmarks/report.html",
    "staff/fees/sheet_pdf.html",
    "staff/vat/export_pdf.html",
}


def policy(response: Any) -> dict[str, list[str]]:
    """The Content-Security-Policy as directive → sources (django-csp writes the
    directives in no fixed order)."""
    header = response["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";")]
    parsed = {words[0]: words[1:] for words in directives if words}
    assert len(parsed) == len(directives), header
    return parsed


# --- Content-Security-Policy --------------------------------------------------------------


def test_the_policy_is_sent_on_a_citizen_page(client: Client, world: World) -> None:
    base = fill_until_check(client, world)
    for url in ("/", "/leistungen/", base + "pruefen/", "/gibt-es-nicht/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert policy(response) == POLICY, url


def test_the_policy_is_sent_on_a_staff_page(demo_on: None) -> None:
    response = logged_in(make_user(demo=True)).get("/verwaltung/")
    assert response.status_code == 200
    assert policy(response) == POLICY


def test_the_policy_is_sent_by_the_api(world: World) -> None:
    submit(world)
    _client, token = make_client(world.dueren)
    for response in (
        Client().get("/api/v1/places", {"q": "Merz"}),
        bearer(token).get("/api/v1/submissions"),
    ):
        assert response.status_code == 200
        assert policy(response) == POLICY


def _settings_in_a_process(**environ: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json; from verbund import settings; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "VERBUND_SECRET_KEY": "subprocess-test-key-" + os.urandom(16).hex(),
            **environ,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_forms_may_post_to_the_configured_pay_page() -> None:
    done = _settings_in_a_process(VERBUND_CSP_FORM_ACTION="https://pay.example.de")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '["\'self\'", "https://pay.example.de"]'


@pytest.mark.parametrize("source", ["'unsafe-inline'", "*", "https://a.example; script-src *"])
def test_only_origins_widen_form_action(source: str) -> None:
    done = _settings_in_a_process(VERBUND_CSP_FORM_ACTION=source)
    assert done.returncode != 0
    assert "is not an origin like https://pay.example.de" in done.stderr


def _browser_templates() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*.html")
        if path.relative_to(TEMPLATES).as_posix() not in PDF_TEMPLATES
    )


def test_no_template_has_inline_script_or_style() -> None:
    assert len(_browser_templates()) > 80
    inline = re.compile(
        r"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=|javascript:", re.IGNORECASE
    )
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}"
        for path in _browser_templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inline.search(line)
    ]
    assert found == []
    for name in PDF_TEMPLATES:
        assert (TEMPLATES / name).is_file(), name


def test_a_chart_has_no_style_attribute() -> None:
    chart = bar_chart("Fälle", [("Merzenich", 3)])
    assert " style=" not in chart.svg
    assert 'class="verbund-chart__svg"' in chart.svg


# --- Cache-Control ---------------------------------------------------------------------------


def test_private_pages_are_not_stored(client: Client, world: World, demo_on: None) -> None:
    base = fill_until_check(client, world)
    submission = submit(world)
    status = f"/status/{submission.reference}/{status_token(submission)}/"
    _client, token = make_client(world.dueren)
    staff = logged_in(make_user(demo=True))
    no_store = "private, no-store"
    # A view's own header keeps what it has and gains what is missing.
    never_cache = "max-age=0, no-cache, no-store, must-revalidate, private"
    pages = [
        (client, base + "pruefen/", 200, no_store),  # a draft
        (client, base + "kontakt/", 200, no_store),
        (client, status, 200, no_store),  # the status page
        (client, status + "quittung.pdf", 200, no_store),
        (Client(), "/konto/anmelden/", 200, never_cache),
        (staff, "/verwaltung/", 200, no_store),
        (staff, "/verwaltung/behoerden/999999/", 404, no_store),
        (bearer(token), "/api/v1/submissions", 200, no_store),
        (bearer(token), f"/api/v1/submissions/{submission.reference}", 200, no_store),
    ]
    for page_client, url, code, header in pages:
        response = page_client.get(url)
        assert response.status_code == code, url
        assert response["Cache-Control"] == header, url
    # Redirects too: an unknown draft step of this draft sends back to the open one.
    redirected = client.post(base + "pruefen/")
    assert redirected.status_code == 302
    assert redirected["Cache-Control"] == "private, no-store"


def test_public_pages_stay_cacheable(client: Client, world: World) -> None:
    for url in ("/", "/leistungen/", f"/leistungen/{world.service.key}/", "/impressum/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Cache-Control" not in response, url
    places = client.get("/api/v1/places", {"q": "Merz"})
    assert places["Cache-Control"] == "public, max-age=60"
