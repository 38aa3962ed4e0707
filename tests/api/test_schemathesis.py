"""Schemathesis over the whole /api/v1/ OpenAPI document, loaded from the WSGI app.

Every operation is called with generated input, valid and invalid, and a token
that has all scopes, in a world with real data (a submission of Düren with a
document): once with the real reference and document id, so that the partner
endpoints reach their validation and services, and once with generated ones.

* No answer of any operation may be a server error.
* The partner endpoints' answers must also conform to the document: status code,
  content type, headers and body. The public endpoints document only their 200
  answer (their 400 and 404 are described in docs/architecture.md), so for them
  only server errors count.

Deterministic (Hypothesis derandomized, no example database) and limited to a
few examples per operation and mode. The cases are drawn with
``operation.as_strategy()`` under ``@given``: the pytest plugin's lazy fixture
loader (``schemathesis.pytest.from_fixture``) does not run under pytest 9.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks as st_checks
from schemathesis.generation import GenerationMode

from tests.applications.conftest import World
from tests.applications.conftest import world as world  # the fixture, re-exported
from tests.cases.conftest import submit
from tests.integrations.partners import make_client
from verbund.cases.models import DocumentVersion

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 8
PARTNER_PREFIXES = ("/api/v1/submissions", "/api/v1/cases")
# Generated references mostly name no submission: the documented 404 is the right
# answer to such a "valid" request, so that check does not apply to this API.
EXCLUDED_CHECKS = [st_checks.positive_data_acceptance]
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Call the WSGI app as Django's test client does: without closing the database
    connection at the start and end of each request. (Outside a test that is right; inside
    the test's transaction it closes the connection on PostgreSQL.)"""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_data(world: World) -> dict[str, str]:
    submission = submit(world)
    version = DocumentVersion.objects.filter(document__case=submission.case).first()
    assert version is not None
    _client, token = make_client(world.dueren)
    return {"token": token, "reference": submission.reference, "version_id": str(version.pk)}


def _hypothesis_test(
    strategy: Any, label: str, *, partner: bool, statuses: Counter[str]
) -> Callable[[], None]:
    """A Hypothesis test that calls the app with each case and validates the answer."""

    @SETTINGS
    @given(case=strategy)
    def call(case: Any) -> None:
        if partner:
            response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
        else:
            response = case.call_and_validate(checks=[st_checks.not_a_server_error])
        statuses[f"{label} {response.status_code}"] += 1

    return call


def _run(real_data: dict[str, str], *, real_paths: bool) -> tuple[list[str], Counter[str]]:
    """Failures (one line per operation and mode) and the answers' status codes."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {real_data['token']}"}
    known = {"reference": real_data["reference"], "version_id": real_data["version_id"]}
    operations = [result.ok() for result in schema.get_all_operations()]
    # Eight public operations (places, services, routes, good practices, the citizen
    # assistant) and six for specialist systems.
    assert len(operations) == 18
    failures: list[str] = []
    statuses: Counter[str] = Counter()
    for operation in operations:
        partner = operation.path.startswith(PARTNER_PREFIXES)
        fixed = {
            p.name: known[p.name]
            for p in operation.path_parameters
            if real_paths and p.name in known
        }
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(
                generation_mode=mode, headers=headers, path_parameters=fixed or None
            )

            try:
                _hypothesis_test(strategy, operation.label, partner=partner, statuses=statuses)()
            except Unsatisfiable:
                # Nothing invalid to generate: every parameter is fixed or takes any string.
                continue
            except (Exception, BaseExceptionGroup) as exc:  # report every operation's failure
                failures.append(f"{operation.label} ({mode}): {exc}")
    return failures, statuses


def test_real_references_give_no_server_error_and_conform(real_data: dict[str, str]) -> None:
    failures, statuses = _run(real_data, real_paths=True)
    assert not failures, "\n\n".join(failures)
    # The real reference reached the partner endpoints' data, not only their 404.
    assert statuses["GET /api/v1/submissions/{reference} 200"] > 0
    assert statuses["GET /api/v1/submissions/{reference}/documents/{version_id} 200"] > 0
    assert statuses["GET /api/v1/submissions 200"] > 0
    posts = [
        "POST /api/v1/submissions/{reference}/acknowledgement",
        "POST /api/v1/cases/{reference}/status",
        "POST /api/v1/cases/{reference}/decision",
    ]
    for label in posts:
        answered = {key.rsplit(" ", 1)[1] for key in statuses if key.startswith(label)}
        assert answered - {"404"}, label


def test_generated_references_give_no_server_error_and_conform(
    real_data: dict[str, str],
) -> None:
    failures, _statuses = _run(real_data, real_paths=False)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("q", ["\x0f" + "ä" * 120, "x" * 300])
def test_place_queries_that_no_cache_key_may_hold(q: str) -> None:
    """Found by schemathesis: the place search used the raw query as its cache key,
    which a cache refuses when it is long or has control characters (a 500)."""
    response = Client().get("/api/v1/places", {"q": q})
    assert response.status_code in {200, 400}


HUGE = "33507751362387464192"


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/places", {"page": HUGE}, 400),
        ("/api/v1/services", {"page": HUGE}, 404),
    ],
)
def test_pages_too_far_for_a_database_offset(
    path: str, params: dict[str, str], status: int
) -> None:
    """Found by schemathesis: a page number whose offset overflows the database's
    integer (a 500 in the place search) is refused; the in-memory service search
    answers with its ordinary "no such page"."""
    assert Client().get(path, params).status_code == status


def test_a_submission_page_too_far_is_refused(real_data: dict[str, str]) -> None:
    response = Client(HTTP_AUTHORIZATION=f"Bearer {real_data['token']}").get(
        "/api/v1/submissions", {"page": HUGE}
    )
    assert response.status_code == 400
    assert response.json() == {
        "page": ["Stelle sicher, dass dieser Wert kleiner oder gleich 1000000 ist."]
    }
