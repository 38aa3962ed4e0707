"""A citizen answers a question whose builder pattern would make Python's ``re`` backtrack
exponentially (``^(a+)+$``, the audit's reproduction): each POST is answered at once."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest
from django.test import Client

from tests.applications.conftest import World
from tests.applications.test_journey import base_of, html, start
from verbund.applications.models import Draft
from verbund.formengine import services

pytestmark = pytest.mark.django_db

# A bound against exponential blow-up (seconds for 26 characters before), not a benchmark.
TIME_BOUND = 0.5
ERROR = "Die Nummer besteht nur aus dem Buchstaben a."


@pytest.fixture
def slow_world(world: World) -> World:
    """The world's service with version 2, whose "nummer" has the audited pattern."""
    definition: dict[str, Any] = copy.deepcopy(world.version.definition)
    definition["schema"]["properties"]["nummer"].update(pattern="^(a+)+$", **{"x-error": ERROR})
    world.version = services.form_version_create(
        actor=None, service=world.service, definition=definition
    )
    assert world.version.number == 2
    return world


def timed_post(client: Client, url: str, data: dict[str, str]) -> tuple[Any, float]:
    started = time.perf_counter()
    response = client.post(url, data)
    return response, time.perf_counter() - started


def test_the_audited_pattern_is_answered_at_once(client: Client, slow_world: World) -> None:
    base = base_of(start(client, slow_world))
    assert client.post(base + "erstausgabe/", {"erstausgabe": "nein"}).status_code == 302
    draft = Draft.objects.get()
    assert draft.version == slow_world.version

    for text in ("a" * 25 + "!", "a" * 99_999 + "!"):
        response, elapsed = timed_post(client, base + "nummer/", {"nummer": text})
        assert elapsed < TIME_BOUND
        assert response.status_code == 200
        assert ERROR in html(response)
        assert 'href="#f-nummer"' in html(response)
        draft.refresh_from_db()
        assert draft.answers == {"erstausgabe": False}

    for text in ("a" * 26, "a" * 100_000):
        response, elapsed = timed_post(client, base + "nummer/", {"nummer": text})
        assert elapsed < TIME_BOUND
        assert response.status_code == 302
        assert response["Location"] == base + "person/"
        draft.refresh_from_db()
        assert draft.answers == {"erstausgabe": False, "nummer": text}
