"""Answering, asking back and declining; what is counted and what is kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.assistant.conftest import Catalogue
from verbund.assistant.models import DailyCount, OpenQuestion, Outcome
from verbund.assistant.services import assistant_ask
from verbund.assistant.text import Reading

pytestmark = pytest.mark.django_db


def _counts() -> dict[tuple[int | None, str], int]:
    return {
        (network_id, outcome): count
        for network_id, outcome, count in DailyCount.objects.values_list(
            "network_id", "outcome", "count"
        )
    }


def test_a_question_is_answered_with_the_office_and_fees_of_the_place(
    catalogue: Catalogue,
) -> None:
    reply = assistant_ask(question="Mein Perso läuft ab, was muss ich tun?", place="Merzenich")
    assert reply.outcome is Outcome.ANSWERED
    assert reply.place is not None
    assert reply.place.ars == "053580040040"
    (card,) = reply.cards
    assert (card.slug, card.title) == ("personalausweis", "Personalausweis beantragen")
    assert card.place == "Gemeinde Merzenich"
    assert card.responsible == "Gemeinde Merzenich"
    assert card.offered is True
    assert [(f.label, f.amount) for f in card.fees] == [
        ("ab 24 Jahren", Decimal("46.00")),
        ("unter 24 Jahren", Decimal("27.60")),
    ]
    assert card.office is not None
    assert (card.office.name, card.office.street, card.office.opening_hours) == (
        "Bürgerbüro",
        "Rathausplatz 1",
        ("Mo–Fr 8:00–12:00", "Do 14:00–18:00"),
    )
    assert card.online_url == ""
    assert [(s.key, s.lines, s.items) for s in card.sections] == [
        ("kosten", ("Der Personalausweis kostet 46 Euro, unter 24 Jahren 27,60 Euro.",), False),
        ("unterlagen", ("biometrisches Passfoto", "bisheriger Ausweis"), True),
        ("fristen", ("Ab 16 Jahren brauchen Sie einen gültigen Ausweis.",), False),
    ]
    key = catalogue.ausweis.leika_key
    assert card.sections[0].source.url == f"/leistungen/{key}/?ars=053580040040#section-kosten"
    assert card.summary == catalogue.ausweis.summary
    # Counted for the place's network; an answered question's text is not kept.
    assert _counts() == {(catalogue.network.pk, "answered"): 1}
    assert OpenQuestion.objects.count() == 0


def test_without_a_place_the_card_has_no_office(catalogue: Catalogue) -> None:
    reply = assistant_ask(question="Ich habe mir einen Welpen gekauft")
    assert reply.outcome is Outcome.ANSWERED
    (card,) = reply.cards
    assert (card.slug, card.place, card.office, card.fees) == (
        "hundesteuer-anmeldung",
        "",
        None,
        (),
    )
    assert _counts() == {(None, "answered"): 1}


def test_an_unanswerable_question_is_declined_handed_over_and_kept_anonymised(
    catalogue: Catalogue,
) -> None:
    question = "Ich heiße Erika Muster, wie wird das Wetter am 12.05. in Merzenich?"
    reply = assistant_ask(question=question, place="Merzenich")
    assert reply.outcome is Outcome.ABSTAINED
    assert reply.message.startswith("Dazu kann ich nichts sagen.")
    assert reply.cards == ()
    assert reply.handoff is not None
    assert reply.handoff.phone == "115"
    assert [o.name for o in reply.handoff.offices] == ["Bürgerbüro"]
    assistant_ask(question=question.upper(), place="Merzenich")
    (kept,) = OpenQuestion.objects.all()
    assert kept.text == "Ich heiße [Name] wie wird das Wetter am [Zahl]. in Merzenich?"
    assert (kept.count, kept.network_id, kept.outcome) == (
        2,
        catalogue.network.pk,
        "abstained",
    )
    assert _counts() == {(catalogue.network.pk, "abstained"): 2}


def test_choosing_a_service_after_a_clarifying_question_answers_it(
    catalogue: Catalogue,
) -> None:
    reply = assistant_ask(question="egal", service="sperrmuell-abholung")
    assert reply.outcome is Outcome.ANSWERED
    assert [c.slug for c in reply.cards] == ["sperrmuell-abholung"]
    # A draft or unknown slug is no choice: the question is read as usual.
    catalogue.hund.status = "draft"
    catalogue.hund.save()
    reply = assistant_ask(question="", service="hundesteuer-anmeldung")
    assert (reply.outcome, reply.reading) == (Outcome.REFUSED, Reading.EMPTY)


@pytest.mark.parametrize(
    ("question", "reading", "start"),
    [
        ("", Reading.EMPTY, "Bitte schreiben Sie Ihre Frage"),
        ("   ", Reading.EMPTY, "Bitte schreiben Sie Ihre Frage"),
        ("Hund " * 101, Reading.TOO_LONG, "Ihre Frage ist länger als 500 Zeichen."),
        ("12345 ???", Reading.NO_WORDS, "In Ihrer Eingabe habe ich keine Wörter erkannt."),
    ],
)
def test_unusable_input_gets_a_clear_answer_and_is_not_kept(
    catalogue: Catalogue, question: str, reading: Reading, start: str
) -> None:
    reply = assistant_ask(question=question, place="Merzenich")
    assert (reply.outcome, reply.reading) == (Outcome.REFUSED, reading)
    assert reply.message.startswith(start)
    assert OpenQuestion.objects.count() == 0
    assert _counts() == {(catalogue.network.pk, "refused"): 1}


def test_a_foreign_question_without_a_match_is_declined_in_two_languages(
    catalogue: Catalogue,
) -> None:
    reply = assistant_ask(question="What time does the football match start tonight?")
    assert (reply.outcome, reply.reading) == (Outcome.REFUSED, Reading.NOT_GERMAN)
    assert "Please ask in German" in reply.message
    (kept,) = OpenQuestion.objects.all()
    assert (kept.network_id, kept.outcome) == (None, "refused")


def test_places_by_name_postcode_and_key(catalogue: Catalogue) -> None:
    assert assistant_ask(question="Perso", place="52399").place.ars == "053580040040"  # type: ignore[union-attr]
    reply = assistant_ask(question="Perso", ars="053580040040")
    assert reply.place is not None
    assert reply.place.ars == "053580040040"
    reply = assistant_ask(question="Perso", ars="999999999999")
    assert reply.place is None
    assert (
        reply.place_message == "Diesen Ort kennen wir nicht. Bitte geben Sie ihn noch einmal ein."
    )
    reply = assistant_ask(question="Perso", place="Nirgendwohausen")
    assert reply.place_message.startswith("Zu „Nirgendwohausen“ haben wir keine Gemeinde")
