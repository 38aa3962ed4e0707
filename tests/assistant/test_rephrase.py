"""The optional language model that rephrases a card's summary: off by default, and
its reply is shown only when it keeps every number and adds nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.assistant.conftest import Catalogue
from verbund.assistant.rephrase import acceptable, rephrase
from verbund.assistant.services import assistant_ask

ORIGINAL = "Der Ausweis kostet 46 Euro, unter 24 Jahren 27,60 Euro."


@pytest.mark.parametrize(
    ("rephrased", "ok"),
    [
        ("Ab 24 Jahren zahlen Sie 46 Euro. Sind Sie jünger, zahlen Sie 27,60 Euro.", True),
        ("Der Ausweis kostet 46 Euro.", False),  # a number dropped
        ("Der Ausweis kostet 46 Euro, unter 24 Jahren 27,60 Euro, Express 32 Euro.", False),
        ("Siehe www.example.org: 46 Euro, unter 24 Jahren 27,60 Euro.", False),
        ("", False),
        ("46 24 27,60 " + "sehr lang " * 40, False),
    ],
)
def test_acceptable(rephrased: str, ok: bool) -> None:
    assert acceptable(ORIGINAL, rephrased) is ok


def test_off_by_default_sends_nothing(settings: Any) -> None:
    assert settings.VERBUND_ASSISTANT_REPHRASE_URL == ""
    assert rephrase(ORIGINAL) == ""


def _answer(content: str, seen: list[dict[str, Any]]) -> Any:
    def handler(request: Request) -> Response:
        seen.append(json.loads(request.data))
        body = {"choices": [{"message": {"role": "assistant", "content": content}}]}
        return Response(json.dumps(body), content_type="application/json")

    return handler


@pytest.mark.django_db
def test_the_card_shows_an_acceptable_rephrasing_beside_the_quote(
    catalogue: Catalogue, settings: Any, httpserver: HTTPServer
) -> None:
    settings.VERBUND_ASSISTANT_REPHRASE_URL = httpserver.url_for("/v1")
    plain = "Ist Ihr Ausweis alt oder weg? Dann gehen Sie zum Bürgerbüro."
    seen: list[dict[str, Any]] = []
    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(
        _answer(plain, seen)
    )
    question = "Mein Perso läuft ab, was muss ich tun?"
    reply = assistant_ask(question=question, place="Merzenich")
    (card,) = reply.cards
    assert (card.summary, card.summary_plain) == (catalogue.ausweis.summary, plain)
    # Only the catalogue's text went out, never the citizen's question.
    assert [m["content"] for m in seen[0]["messages"]][1] == catalogue.ausweis.summary
    assert question not in json.dumps(seen)


@pytest.mark.django_db
def test_a_reply_that_changes_a_number_or_fails_is_not_shown(
    catalogue: Catalogue, settings: Any, httpserver: HTTPServer
) -> None:
    settings.VERBUND_ASSISTANT_REPHRASE_URL = httpserver.url_for("/v1")
    httpserver.expect_request("/v1/chat/completions").respond_with_json(
        {"choices": [{"message": {"content": "Der Ausweis kostet 50 Euro."}}]}
    )
    (card,) = assistant_ask(question="Mein Perso läuft ab", place="Merzenich").cards
    assert (card.slug, card.summary_plain) == ("personalausweis", "")
    httpserver.clear()
    httpserver.expect_request("/v1/chat/completions").respond_with_data("kaputt", status=500)
    (card,) = assistant_ask(question="Mein Perso läuft ab", place="Merzenich").cards
    assert card.summary_plain == ""
