"""The services of good practices: exact outcomes, every refusal names all its problems
and changes nothing (no practice, no audit entry), each write is audited in the
publishing authority's chain; the search over published practices."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.practices.conftest import COMPLETE, World, answered_survey, day, publish
from verbund.core.models import AuditEntry
from verbund.practices.models import FieldOfAction, GoodPractice, PracticeStatus
from verbund.practices.selectors import practice_search, published_practice, search_words
from verbund.practices.services import (
    PracticeContent,
    content_of,
    practice_create,
    practice_propose_from_answer,
    practice_publish,
    practice_update,
    practice_withdraw,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return GoodPractice.objects.count(), AuditEntry.objects.count()


def _refused(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {field: _flat(errors) for field, errors in exc.value.error_dict.items()}


def _flat(errors: list[ValidationError]) -> list[str]:
    return [message for error in errors for message in error.messages]


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- create ---------------------------------------------------------------------------------


def test_create_saves_a_draft_with_every_field_and_audits_it(world: World) -> None:
    practice = practice_create(
        actor=world.soest_clerk,
        authority=world.soest,
        content=replace(
            COMPLETE,
            title="  Ärztehaus in kommunaler Trägerschaft ",
            service=world.service,
            roadmap_item=world.roadmap_item,
        ),
    )
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert practice.published_at is None
    assert practice.authority == world.soest
    assert practice.title == "Ärztehaus in kommunaler Trägerschaft"
    assert practice.cost_amount == Decimal("250000.00")
    assert practice.cost_period == "once"
    assert practice.field_of_action == FieldOfAction.MEDICAL_CARE
    assert practice.service == world.service
    assert practice.roadmap_item == world.roadmap_item
    assert practice.project_group is None
    assert practice.search_text == (
        "arztehaus in kommunaler tragerschaft "
        "der kreis betreibt ein arztehaus und halt so die versorgung auf dem land. "
        "drei hausarzte gingen in rente, nachfolger fanden sich nicht. "
        "ein medizinisches versorgungszentrum mit angestellten arztinnen. "
        "seit 2022 wieder vier hausarztsitze besetzt."
    )
    (entry,) = _entries("practices.practice_created")
    assert entry.authority_id == world.soest.pk
    assert entry.network_id is None
    assert entry.actor_id == world.soest_clerk.pk
    assert entry.object_id == str(practice.pk)
    assert entry.changes["title"] == [None, "Ärztehaus in kommunaler Trägerschaft"]
    assert entry.changes["cost_amount"] == [None, "250000.00"]
    assert entry.changes["service"] == [None, world.service.pk]
    assert entry.changes["roadmap_item"] == [None, world.roadmap_item.pk]
    assert entry.changes["status"] == [None, "draft"]
    assert "project_group" not in entry.changes  # nothing recorded where nothing is set


def test_a_draft_may_be_incomplete(world: World) -> None:
    practice = practice_create(
        actor=None, authority=world.merzenich, content=PracticeContent(title="Bürgerbus")
    )
    assert (practice.status, practice.summary, practice.field_of_action) == (
        "draft",
        "",
        FieldOfAction.OTHER,
    )


def test_create_refuses_every_problem_at_once_and_saves_nothing(world: World) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_create(
            actor=None,
            authority=world.soest,
            content=PracticeContent(
                title="   ",
                summary="x" * 601,
                contact_email="anna@",
                contact_phone="ruf mich an",
                cost_amount=Decimal("-1"),
                cost_period="",
                field_of_action="raumfahrt",
                service=world.draft_service,
                project_group=world.group,  # Würzburg's network: Soest is no member
            ),
        )
    assert _refused(exc) == {
        "title": ["Bitte geben Sie einen Titel an."],
        "summary": ["„Kurz gefasst“ darf höchstens 600 Zeichen lang sein."],
        "field_of_action": ["Unbekanntes Handlungsfeld."],
        "contact_email": ["Die E-Mail-Adresse der Ansprechperson ist ungültig."],
        "contact_phone": ["Eine Telefonnummer besteht aus Ziffern, Leerzeichen und + ( ) / -."],
        "cost_amount": ["Die Kosten dürfen nicht negativ sein."],
        "cost_period": ["Geben Sie an, ob der Betrag einmalig, monatlich oder jährlich anfällt."],
        "service": ["Die Leistung „Noch nicht fertig“ ist nicht im Katalog veröffentlicht."],
        "project_group": [
            "Projektgruppe „Digitaler Bauantrag“ gehört zum Verbund „Kreisverbund Würzburg“, "
            "in dem Soest nicht Mitglied ist."
        ],
    }
    assert _counts() == before


def test_a_roadmap_item_of_a_foreign_network_is_refused(world: World) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_create(
            actor=None,
            authority=world.wuerzburg,
            content=replace(COMPLETE, roadmap_item=world.roadmap_item, cost_period="weekly"),
        )
    assert _refused(exc) == {
        "cost_period": ["Unbekannter Zeitraum der Kosten."],
        "roadmap_item": [
            "Vorhaben „Digitale Jagdschein“ gehört zum Verbund "
            "„Digitale Modellregion Südwestfalen“, in dem Würzburg nicht Mitglied ist."
        ],
    }
    assert _counts() == before


def test_a_member_links_its_own_networks_group(world: World) -> None:
    practice = practice_create(
        actor=None, authority=world.wuerzburg, content=replace(COMPLETE, project_group=world.group)
    )
    assert practice.project_group == world.group


@pytest.mark.parametrize(
    ("amount", "period", "refusal"),
    [
        (None, "yearly", {"cost_amount": ["Zum Zeitraum der Kosten fehlt der Betrag."]}),
        (
            Decimal("1.005"),
            "once",
            {"cost_amount": ["Geben Sie den Betrag mit höchstens zwei Nachkommastellen an."]},
        ),
        (Decimal("1E+12"), "once", {"cost_amount": ["Der Betrag ist zu groß."]}),
        (Decimal("NaN"), "once", {"cost_amount": ["Die Kosten dürfen nicht negativ sein."]}),
    ],
)
def test_cost_amount_and_period_belong_together(
    world: World, amount: Decimal | None, period: str, refusal: dict[str, list[str]]
) -> None:
    with pytest.raises(ValidationError) as exc:
        practice_create(
            actor=None,
            authority=world.soest,
            content=replace(COMPLETE, cost_amount=amount, cost_period=period),
        )
    assert _refused(exc) == refusal
    assert _counts() == (0, AuditEntry.objects.count())


def test_no_cost_at_all_and_zero_cost_are_fine(world: World) -> None:
    free = practice_create(
        actor=None,
        authority=world.soest,
        content=replace(COMPLETE, cost_amount=Decimal("0"), cost_period="yearly"),
    )
    unknown = practice_create(
        actor=None,
        authority=world.soest,
        content=replace(COMPLETE, cost_amount=None, cost_period="", cost_text=""),
    )
    assert (free.cost_amount, unknown.cost_amount) == (Decimal("0"), None)


# --- publish, withdraw ----------------------------------------------------------------------


def test_publish_needs_a_complete_practice_and_changes_nothing_when_refused(world: World) -> None:
    draft = practice_create(
        actor=None,
        authority=world.soest,
        content=PracticeContent(title="Bürgerbus", solution="Ehrenamtliche fahren."),
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_publish(actor=world.soest_clerk, practice=draft)
    assert exc.value.messages == [
        "Zum Veröffentlichen fehlt noch: Kurz gefasst, Ausgangslage, Ansprechperson, "
        "E-Mail-Adresse der Ansprechperson."
    ]
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == ("draft", None)
    assert _counts() == before


def test_publish_and_withdraw_and_publish_again(world: World) -> None:
    draft = practice_create(actor=None, authority=world.soest, content=COMPLETE)
    published = practice_publish(actor=world.soest_clerk, practice=draft)
    assert published.status == PracticeStatus.PUBLISHED
    assert published.published_at is not None
    assert published_practice(published.pk) == published
    (entry,) = _entries("practices.practice_published")
    assert entry.authority_id == world.soest.pk
    assert entry.changes["status"] == ["draft", "published"]
    assert entry.changes["published_at"][0] is None

    with pytest.raises(ValidationError) as exc:
        practice_publish(actor=None, practice=published)
    assert exc.value.messages == [
        "„Ärztehaus in kommunaler Trägerschaft“ ist bereits veröffentlicht."
    ]

    withdrawn = practice_withdraw(actor=world.soest_clerk, practice=published)
    assert withdrawn.status == PracticeStatus.WITHDRAWN
    assert published_practice(published.pk) is None
    (entry,) = _entries("practices.practice_withdrawn")
    assert entry.changes == {"status": ["published", "withdrawn"]}
    assert entry.authority_id == world.soest.pk

    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_withdraw(actor=None, practice=withdrawn)
    assert exc.value.messages == [
        "„Ärztehaus in kommunaler Trägerschaft“ ist nicht veröffentlicht."
    ]
    assert _counts() == before

    again = practice_publish(actor=None, practice=withdrawn)
    assert again.status == PracticeStatus.PUBLISHED
    assert len(_entries("practices.practice_published")) == 2


def test_publish_checks_the_links_again(world: World) -> None:
    """A group linked while the authority was a member cannot be published once it left."""
    draft = practice_create(
        actor=None, authority=world.wuerzburg, content=replace(COMPLETE, project_group=world.group)
    )
    world.wue.memberships.update(left_on=day(-400).date())
    with pytest.raises(ValidationError) as exc:
        practice_publish(actor=None, practice=draft)
    assert exc.value.messages == [
        "Projektgruppe „Digitaler Bauantrag“ gehört zum Verbund „Kreisverbund Würzburg“, "
        "in dem Würzburg nicht Mitglied ist."
    ]


# --- update ---------------------------------------------------------------------------------


def test_update_records_only_what_changed(world: World) -> None:
    practice = practice_create(actor=None, authority=world.soest, content=COMPLETE)
    same = practice_update(actor=world.soest_clerk, practice=practice, content=COMPLETE)
    assert same.pk == practice.pk
    assert _entries("practices.practice_updated") == []

    changed = practice_update(
        actor=world.soest_clerk,
        practice=practice,
        content=replace(COMPLETE, results="Fünf Sitze besetzt.", service=world.other_service),
    )
    assert changed.results == "Fünf Sitze besetzt."
    assert "funf sitze besetzt" in changed.search_text
    (entry,) = _entries("practices.practice_updated")
    assert entry.changes == {
        "results": ["Seit 2022 wieder vier Hausarztsitze besetzt.", "Fünf Sitze besetzt."],
        "service": [None, world.other_service.pk],
    }


def test_a_published_practice_stays_complete(world: World) -> None:
    practice = publish(world.soest)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_update(
            actor=None, practice=practice, content=replace(content_of(practice), problem=" ")
        )
    assert exc.value.messages == ["Zum Veröffentlichen fehlt noch: Ausgangslage."]
    practice.refresh_from_db()
    assert practice.problem == COMPLETE.problem
    assert _counts() == before


# --- proposing from a survey answer ---------------------------------------------------------


ANSWER = (
    "Unser Bürgerbus fährt seit 2019 mit ehrenamtlichen Fahrerinnen und Fahrern die Dörfer "
    "ohne Linienverkehr an und bringt ältere Menschen zum Arzt und zum Einkaufen.\n"
    "Die Fahrzeuge least der Kreis."
)


def test_an_answer_proposes_a_draft_of_the_answering_authority(world: World) -> None:
    recipient = answered_survey(world, {"strategie": "ja", "beispiel": ANSWER})
    practice = practice_propose_from_answer(
        actor=world.soest_clerk, recipient=recipient, text_question_key="beispiel"
    )
    practice.refresh_from_db()
    assert practice.authority == world.soest
    assert practice.status == PracticeStatus.DRAFT
    assert practice.solution == ANSWER
    assert practice.title == (
        "Unser Bürgerbus fährt seit 2019 mit ehrenamtlichen Fahrerinnen und Fahrern die Dörfer "
        "ohne Linienverkehr an und bringt…"
    )
    assert len(practice.title) <= 120
    assert practice.field_of_action == FieldOfAction.MOBILITY  # the question's field "Mobilität"
    assert (practice.source_recipient, practice.source_question) == (recipient, "beispiel")
    (entry,) = _entries("practices.practice_proposed")
    assert entry.authority_id == world.soest.pk
    assert entry.changes["survey"] == [None, "Digitaler Landkreis"]
    assert entry.changes["question"] == [
        None,
        "Welches Vorhaben könnten andere von Ihnen übernehmen?",
    ]
    assert entry.changes["field_of_action"] == [None, "mobilitaet"]


def test_a_question_without_a_known_field_proposes_other(world: World) -> None:
    recipient = answered_survey(world, {"sonst": "Kurze Idee"})
    practice = practice_propose_from_answer(
        actor=None, recipient=recipient, text_question_key="sonst"
    )
    assert (practice.title, practice.field_of_action) == ("Kurze Idee", FieldOfAction.OTHER)


@pytest.mark.parametrize(
    ("answers", "key", "submitted", "messages"),
    [
        (
            {"beispiel": ANSWER},
            "gibt-es-nicht",
            True,
            ["Die Umfrage hat keine Frage „gibt-es-nicht“."],
        ),
        (
            {"strategie": "ja"},
            "strategie",
            True,
            ["Nur eine Antwort auf eine Textfrage kann ein Beispiel vorschlagen."],
        ),
        (
            {"beispiel": ANSWER},
            "beispiel",
            False,
            ["Die Antworten dieser Behörde sind noch nicht abgeschickt."],
        ),
        ({"beispiel": "  "}, "beispiel", True, ["Auf diese Frage gibt es keine Antwort."]),
        (
            {},
            "beispiel",
            False,
            [
                "Die Antworten dieser Behörde sind noch nicht abgeschickt.",
                "Auf diese Frage gibt es keine Antwort.",
            ],
        ),
    ],
)
def test_proposals_that_cannot_be_are_refused(
    world: World, answers: dict[str, str], key: str, submitted: bool, messages: list[str]
) -> None:
    recipient = answered_survey(world, answers, submitted=submitted)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_propose_from_answer(actor=None, recipient=recipient, text_question_key=key)
    assert exc.value.messages == messages
    assert _counts() == before


def test_one_answer_proposes_one_practice(world: World) -> None:
    recipient = answered_survey(world, {"beispiel": ANSWER})
    practice_propose_from_answer(actor=None, recipient=recipient, text_question_key="beispiel")
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        practice_propose_from_answer(actor=None, recipient=recipient, text_question_key="beispiel")
    assert exc.value.messages == [
        "Aus dieser Antwort ist schon das Beispiel „Unser Bürgerbus fährt seit 2019 mit "
        "ehrenamtlichen Fahrerinnen und Fahrern die Dörfer ohne Linienverkehr an und bringt…“ "
        "vorgeschlagen."
    ]
    assert _counts() == before


# --- the search -----------------------------------------------------------------------------


def test_search_words_are_folded() -> None:
    # ae/oe/ue fold like ä/ö/ü, on both sides: "Soest" is "sost" in the text as well.
    assert search_words("  Ärztehaus, SOEST  aerztehaus ") == ["arztehaus", "sost"]
    assert search_words("E-Akte") == ["e", "akte"]
    assert search_words("") == []
    assert len(search_words(" ".join(f"wort{n}" for n in range(20)))) == 8


def test_search_finds_published_practices_by_every_word_newest_first(world: World) -> None:
    doctor = publish(world.soest, when=day(1))
    bus = publish(
        world.olpe,
        when=day(3),
        title="Bürgerbus im Sauerland",
        summary="Ehrenamtliche fahren Ältere zum Arzt.",
        field_of_action=FieldOfAction.MOBILITY,
        service=world.service,
    )
    akte = publish(
        world.merzenich,
        when=day(2),
        title="E-Akte in der Gemeinde",
        summary="Papierlos seit 2024.",
        problem="Akten stapelten sich.",
        solution="Ein Dokumentenmanagementsystem.",
        results="Schnellere Bescheide.",
        field_of_action=FieldOfAction.E_GOVERNMENT,
    )
    hidden = practice_create(actor=None, authority=world.soest, content=COMPLETE)  # a draft
    gone = publish(world.soest, when=day(4))
    practice_withdraw(actor=None, practice=gone)

    def ids(**filters: object) -> list[int]:
        return [p.pk for p in practice_search(**filters).practices]  # type: ignore[arg-type]

    assert ids() == [bus.pk, akte.pk, doctor.pk]
    assert practice_search().count == 3
    assert hidden.pk not in ids(q="arztehaus")
    assert ids(q="ÄRZTEHAUS") == [doctor.pk]
    assert ids(q="aerztehaus kommunaler") == [doctor.pk]
    assert ids(q="arzt") == [bus.pk, doctor.pk]  # "zum Arzt", "Ärztehaus", "Ärztinnen"
    assert ids(q="arzt sauerland") == [bus.pk]
    assert ids(q="bescheide") == [akte.pk]  # results are searched
    assert ids(q="e-akte") == [akte.pk]
    assert ids(q="weltraum") == []
    assert ids(field_of_action="mobilitaet") == [bus.pk]
    assert ids(land="05") == [bus.pk, akte.pk, doctor.pk]
    assert ids(land="09") == []
    assert ids(kind="gemeinde") == [akte.pk]
    assert ids(kind="kreis", land="05") == [bus.pk, doctor.pk]
    assert ids(service=world.service) == [bus.pk]
    assert ids(q="arzt", field_of_action="medizin") == [doctor.pk]


def test_search_pages(world: World) -> None:
    made = [publish(world.soest, when=day(n), title=f"Beispiel {n}") for n in range(5)]
    page = practice_search(limit=2, offset=2)
    assert page.count == 5
    assert [p.pk for p in page.practices] == [made[2].pk, made[1].pk]
    assert practice_search(limit=2, offset=6).practices == []


def test_the_search_reads_the_counters_only(
    world: World, django_assert_num_queries: object
) -> None:
    for n in range(3):
        publish(world.soest, when=day(n), service=world.service)
    with django_assert_num_queries(2):  # type: ignore[operator]
        practice_search()  # the change counters, then the index is built
    with django_assert_num_queries(1):  # type: ignore[operator]
        page = practice_search(q="arztehaus", land="05", kind="kreis", service=world.service)
        assert [p.service.title for p in page.practices if p.service] == ["Gewerbe anmelden"] * 3
        assert {p.authority.name for p in page.practices} == {"Soest"}
