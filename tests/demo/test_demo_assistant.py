"""The demo's citizen assistant: the DLZ's search terms, and the questions its
members' citizens asked that the catalogue could not answer, anonymised."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from verbund.assistant.models import OpenQuestion, Outcome, Synonym
from verbund.assistant.services import assistant_ask

pytestmark = pytest.mark.django_db


def test_demo_assistant() -> None:
    call_command("load_demo", stdout=StringIO())
    terms = set(Synonym.objects.values_list("network__slug", "service__slug", "term"))
    assert terms == {
        ("dlz", "maengel-melden", "Wilder Müll"),
        ("dlz", "sondernutzung-strasse", "Umzugswagen parken"),
        ("dlz", "wohnsitz-abmelden", "Zweitwohnung aufgeben"),
    }
    dlz = {
        (text, count)
        for text, count in OpenQuestion.objects.filter(network__slug="dlz").values_list(
            "text", "count"
        )
    }
    assert dlz == {
        ("Wie lautet das WLAN-Passwort in der Stadtbücherei?", 1),
        ("Wann fährt der nächste Bus nach Düren?", 2),
        ("Ich heiße [Name] wann kommt mein Rentenbescheid?", 1),
    }
    # Asked without a place: no network, shown to every network's coordinators.
    assert list(OpenQuestion.objects.filter(network=None).values_list("text", "outcome")) == [
        ("Wer gewinnt die Bürgermeisterwahl?", Outcome.ABSTAINED)
    ]
    # A term the coordination added leads the assistant to the service.
    reply = assistant_ask(question="Umzugswagen parken", place="Jülich", record=False)
    assert [c.slug for c in reply.cards] == ["sondernutzung-strasse"]
    assert reply.cards[0].responsible == "Stadt Jülich"
    assert Synonym.objects.count() == 3
