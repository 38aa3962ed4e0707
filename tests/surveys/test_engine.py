"""The survey engine on its own: definitions checked with every problem named, what is
shown for which answers, a posted page turned into answers, scores per field of
action, and wording told apart from structure."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.http import QueryDict

from tests.surveys.conftest import ANSWERS, DEFINITION
from verbund.surveys import engine

SURVEY = engine.compile_survey(DEFINITION)


def _post(pairs: list[tuple[str, str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    return data


def test_a_broken_definition_names_every_problem() -> None:
    broken: dict[str, Any] = {
        "fields": [{"key": "egov", "label": ""}],
        "sections": [
            {
                "key": "Abschnitt Eins",
                "title": "Eins",
                "questions": [
                    {"key": "a", "type": "single", "text": "A?", "options": []},
                    {"key": "a", "type": "slider", "text": "B?"},
                    {"key": "c", "type": "scale", "text": "C?", "min": 1, "max": 30},
                    {"key": "d", "type": "number", "text": "D?", "min": 5, "max": 1},
                    {
                        "key": "e",
                        "type": "text",
                        "text": "E?",
                        "field": "bildung",
                        "show_if": {"question": "f", "in": ["x"]},
                    },
                    {"key": "f", "type": "yesno", "text": "F?", "scores": {"vielleicht": 1}},
                ],
            }
        ],
    }
    with pytest.raises(engine.DefinitionError) as error:
        engine.compile_survey(broken)
    assert error.value.problems == [
        "Handlungsfeld 1: Bezeichnung fehlt.",
        "Abschnitt 1: Der Schlüssel muss aus Kleinbuchstaben, Ziffern, „-“ oder „_“ bestehen "
        "(höchstens 40 Zeichen).",
        "Frage 1: Antwortmöglichkeiten fehlen.",
        "Frage 2: Der Schlüssel „a“ ist doppelt.",
        "Frage 2: Unbekannte Art „slider“.",
        "Frage 3: Eine Skala hat 2 bis 11 Stufen.",
        "Frage 4: Das Minimum liegt über dem Maximum.",
        "Frage 5: Unbekanntes Handlungsfeld „bildung“.",
        "Frage 5: Die Bedingung muss sich auf eine frühere Frage beziehen.",
        "Frage 6: Punkte gibt es nur für „ja“ und „nein“.",
    ]


def test_conditions_follow_the_answers_and_chain() -> None:
    chained = copy.deepcopy(DEFINITION)
    chained["sections"][1]["questions"].append(
        {
            "key": "bereiche_detail",
            "type": "text",
            "text": "Welche weiteren?",
            "show_if": {"question": "eakte_bereiche", "in": ["jugendamt"]},
        }
    )
    survey = engine.compile_survey(chained)
    everything = {q.key for q in survey.questions}
    shown = engine.visible_keys(survey, {"eakte": "teile", "eakte_bereiche": ["jugendamt"]})
    assert shown == everything
    # "kein" hides the areas, and with them the question that depends on them.
    hidden = engine.visible_keys(survey, {"eakte": "kein", "eakte_bereiche": ["jugendamt"]})
    assert everything - hidden == {"eakte_bereiche", "bereiche_detail"}
    assert engine.prune(survey, {"eakte": "kein", "eakte_bereiche": ["bauamt"], "x": 1}) == {
        "eakte": "kein"
    }


def test_a_posted_page_becomes_typed_answers() -> None:
    second = SURVEY.sections[1]
    answers, errors = engine.parse_section(
        SURVEY,
        second,
        _post(
            [
                ("q-stellen", "12,5"),
                ("q-zufrieden", "4"),
                ("q-start", "01.05.2023"),
                ("q-wunsch", "  Mehr Austausch.  "),
            ]
        ),
        {"eakte": "alle"},
    )
    assert errors == {}
    assert answers == {
        "eakte": "alle",
        "stellen": 12.5,
        "zufrieden": 4,
        "start": "2023-05-01",
        "wunsch": "Mehr Austausch.",
    }


def test_a_page_with_wrong_values_names_the_questions() -> None:
    first = SURVEY.sections[0]
    _answers, errors = engine.parse_section(
        SURVEY,
        first,
        _post(
            [
                ("q-eakte", "alle"),
                ("q-eakte_bereiche", "bauamt"),
                ("q-eakte_bereiche", "finanzamt"),
                ("q-felder-erechnung", "umgesetzt"),
                ("q-felder-evergabe", "vielleicht"),
                ("q-portal", "ja"),
            ]
        ),
        {},
    )
    assert errors == {
        "eakte_bereiche": "„2. In welchen Bereichen?“: Bitte wählen Sie nur angebotene Antworten.",
        "felder": "„3. Wie steht es um diese Vorhaben?“: "
        "Bitte wählen Sie eine der angebotenen Antworten.",
    }
    second = SURVEY.sections[1]
    _answers, errors = engine.parse_section(
        SURVEY,
        second,
        _post([("q-stellen", "4,55"), ("q-zufrieden", "0"), ("q-start", "31.02.2023")]),
        {},
    )
    assert errors == {
        "stellen": "„5. Wie viele Stellen hat Ihre IT?“: höchstens 1 Nachkommastelle.",
        "zufrieden": "„6. Wie zufrieden sind Sie mit der Zusammenarbeit?“: "
        "Bitte wählen Sie einen Wert der Skala.",
        "start": "„7. Seit wann gibt es Ihre Digitalisierungsstrategie?“: "
        "Bitte geben Sie ein Datum ein (TT.MM.JJJJ).",
    }


def test_what_a_submit_still_needs() -> None:
    assert [q.key for q in engine.missing(SURVEY, {})] == ["eakte", "portal", "stellen"]
    assert engine.missing(SURVEY, ANSWERS) == []
    checked, errors = engine.check_answers(SURVEY, ANSWERS, complete=True)
    assert checked == ANSWERS
    assert errors == {}
    _checked, errors = engine.check_answers(SURVEY, {"frage": 1, "stellen": "4"}, complete=False)
    assert errors == {
        "frage": "Unbekannte Frage „frage“.",
        "stellen": "„5. Wie viele Stellen hat Ihre IT?“: Bitte geben Sie eine Zahl ein.",
    }


def test_scores_add_up_per_field_of_action() -> None:
    scores = {s.field: s for s in engine.scores(SURVEY, ANSWERS)}
    # egov: eakte "teile" 2 of 3, areas bauamt + jugendamt 2 of 3, matrix 2 + 1 of 4,
    # portal "ja" 1 of 1: 8 of 11. bildung: the scale's 4 of 5.
    assert (scores["egov"].points, scores["egov"].maximum) == (Decimal(8), Decimal(11))
    assert scores["egov"].percent == Decimal("72.7")
    assert (scores["bildung"].points, scores["bildung"].maximum) == (Decimal(4), Decimal(5))
    # A hidden question does not count in the maximum.
    low = {s.field: s for s in engine.scores(SURVEY, {"eakte": "kein", "portal": "nein"})}
    assert (low["egov"].points, low["egov"].maximum) == (Decimal(0), Decimal(8))


def test_wording_is_not_structure() -> None:
    reworded = copy.deepcopy(DEFINITION)
    reworded["sections"][0]["title"] = "Anders"
    reworded["sections"][0]["questions"][0]["options"][0]["label"] = "überall"
    reworded["sections"][1]["questions"][0]["help"] = "Neu."
    assert not engine.structure_changes(SURVEY, engine.compile_survey(reworded))
    for change in (
        lambda d: d["sections"][0]["questions"][0]["options"][0].update(score=9),
        lambda d: d["sections"][1]["questions"][0].update(max=900),
        lambda d: d["sections"][1]["questions"][0].update(required=False),
        lambda d: d["sections"][0]["questions"].pop(),
    ):
        changed = copy.deepcopy(DEFINITION)
        change(changed)
        assert engine.structure_changes(SURVEY, engine.compile_survey(changed))


def test_german_numbers_and_reserved_keys() -> None:
    stellen = SURVEY.question("stellen")
    assert engine.check_value(stellen, "1.200", typed=False) == (
        None,
        "„5. Wie viele Stellen hat Ihre IT?“: höchstens 500.",
    )
    assert engine.check_value(stellen, "120", typed=False) == (120.0, "")
    assert engine.check_value(stellen, "1.5", typed=False) == (1.5, "")
    assert engine.check_value(stellen, "2,5", typed=False) == (2.5, "")
    reserved = copy.deepcopy(DEFINITION)
    reserved["sections"][1]["key"] = "absenden"
    with pytest.raises(engine.DefinitionError) as error:
        engine.compile_survey(reserved)
    assert error.value.problems == ["Abschnitt 2: Der Schlüssel „absenden“ ist vergeben."]


def test_yes_no_labels_follow_the_language() -> None:
    from django.utils import translation

    portal = SURVEY.question("portal")
    with translation.override("en"):
        assert [str(o.label) for o in portal.options] == ["Yes", "No"]
    assert [str(o.label) for o in portal.options] == ["Ja", "Nein"]
