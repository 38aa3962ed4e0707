"""Builder patterns cannot hang a worker: RE2 matches them, publication refuses the rest.

The reproduction of the audit: a field with ``"pattern": "^(a+)+$"`` made Python's
backtracking ``re`` take 7.5 s for one POST of 26 characters.
"""

from __future__ import annotations

import copy
import logging
import re
import time
from typing import Any

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from tests.factories import SIMPLE_DEFINITION, FormVersionFactory, ServiceFactory
from verbund.catalogue.models import Service
from verbund.core.models import AuditEntry
from verbund.demo.forms import FORMS
from verbund.formengine import engine, patterns, services
from verbund.formengine.models import FormVersion, ServiceForm
from verbund.formengine.selectors import form_of

# A bound against exponential blow-up, not a benchmark: RE2 needs milliseconds here.
TIME_BOUND = 0.5
SLOW = "^(a+)+$"
KENNUNG_ERROR = "Die Kennung besteht nur aus dem Buchstaben a."


def definition_with(prop: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """SIMPLE_DEFINITION with a third question ``kennung`` on its own step."""
    definition = copy.deepcopy(SIMPLE_DEFINITION)
    definition["schema"]["properties"]["kennung"] = {  # type: ignore[index]
        "type": "string",
        "title": "Kennung",
        **prop,
    }
    definition["steps"].append(  # type: ignore[attr-defined]
        {"key": "kennung", "title": "Ihre Kennung", "fields": ["kennung"], **extra}
    )
    return definition


def post(**data: str) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return query


def answer(form: engine.Form, text: str) -> tuple[engine.StepResult, float]:
    """The ``kennung`` step posted with ``text``, and how long parsing took."""
    step = form.step("kennung")
    assert step is not None
    started = time.perf_counter()
    result = engine.parse_step(form, step, post(kennung=text), {})
    return result, time.perf_counter() - started


# The exact refusal of the backreference in ``^([A-Z]{2}) \1$``.
BACKREFERENCE = (
    "Frage „kennung“ im Schritt „kennung“ (schema.properties.kennung.pattern): Das Muster "
    "enthält einen Rückverweis (\\1). Rückverweise, Lookahead und Lookbehind sind nicht "
    "erlaubt, weil sich solche Muster nicht in linearer Zeit prüfen lassen."
)


@pytest.fixture
def service(db: None) -> Service:
    return ServiceFactory(title="Kennung melden")  # type: ignore[no-any-return]


# --- the audited pattern: accepted, and answered in linear time ----------------------


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        pytest.param("a" * 25 + "!", False, id="26-characters-not-matching"),
        pytest.param("a" * 26, True, id="26-characters-matching"),
        pytest.param("a" * 99_999 + "!", False, id="100000-characters-not-matching"),
        pytest.param("a" * 100_000, True, id="100000-characters-matching"),
    ],
)
def test_nested_quantifier_is_published_and_answered_in_linear_time(
    service: Service, text: str, valid: bool
) -> None:
    definition = definition_with({"pattern": SLOW, "x-error": KENNUNG_ERROR})
    assert engine.validate_definition(definition) == []
    version = services.form_version_create(actor=None, service=service, definition=definition)
    result, elapsed = answer(form_of(version), text)
    assert elapsed < TIME_BOUND
    if valid:
        assert (result.values, result.errors) == ({"kennung": text}, {})
    else:
        assert (result.values, result.errors) == ({}, {"kennung": KENNUNG_ERROR})


# --- what publication refuses, with the place and the reason --------------------------


def test_backreference_is_refused_at_publication_and_nothing_is_saved(service: Service) -> None:
    definition = definition_with({"pattern": "^([A-Z]{2}) \\1$"})
    assert engine.validate_definition(definition) == [BACKREFERENCE]
    with pytest.raises(ValidationError) as refused:
        services.form_version_create(actor=None, service=service, definition=definition)
    assert refused.value.messages == [BACKREFERENCE]
    assert not FormVersion.objects.exists()
    assert not AuditEntry.objects.filter(action="form.publish").exists()

    # The builder's draft is kept (work is not lost), but publishing it is refused too.
    services.form_save_draft(actor=None, service=service, definition=definition)
    with pytest.raises(ValidationError) as refused:
        services.form_publish(actor=None, service=service)
    assert refused.value.messages == [BACKREFERENCE]
    assert ServiceForm.objects.get().draft == definition
    assert not FormVersion.objects.exists()
    assert not AuditEntry.objects.filter(action="form.publish").exists()


FORBIDDEN = (
    "Rückverweise, Lookahead und Lookbehind sind nicht erlaubt, weil sich solche Muster "
    "nicht in linearer Zeit prüfen lassen."
)
IN_KENNUNG = "Frage „kennung“ im Schritt „kennung“ (schema.properties.kennung.pattern): "
NAME_IS = {"properties": {"name": {"pattern": "^(?=A)"}}}


@pytest.mark.parametrize(
    ("prop", "extra", "message"),
    [
        pytest.param(
            {"pattern": "(?P<x>a)(?P=x)"},
            {},
            IN_KENNUNG + "Das Muster enthält einen Rückverweis ((?P=). " + FORBIDDEN,
            id="python-named-backreference",
        ),
        pytest.param(
            {"pattern": "(?<x>a)\\k<x>"},
            {},
            IN_KENNUNG + "Das Muster enthält einen Rückverweis (\\k). " + FORBIDDEN,
            id="ecma-named-backreference",
        ),
        pytest.param(
            {"pattern": "^(?!00)[0-9]{5}$"},
            {},
            IN_KENNUNG + "Das Muster enthält einen Lookahead oder Lookbehind ((?!). " + FORBIDDEN,
            id="negative-lookahead",
        ),
        pytest.param(
            {"pattern": "(?<=a)b"},
            {},
            IN_KENNUNG + "Das Muster enthält einen Lookahead oder Lookbehind ((?<=). " + FORBIDDEN,
            id="lookbehind",
        ),
        pytest.param(
            {"pattern": "a" * 1001},
            {},
            IN_KENNUNG + "Das Muster ist 1001 Zeichen lang; erlaubt sind höchstens 1000.",
            id="too-long",
        ),
        pytest.param(
            {"pattern": "^(a{100}){100}$"},
            {},
            IN_KENNUNG + "Das Muster ist zu umfangreich, um es sicher zu prüfen (invalid "
            "repetition size: {100}). Verwenden Sie weniger oder kleinere Wiederholungen, etwa "
            "„+“ zusammen mit „maxLength“ statt „{1,500}“.",
            id="too-large",
        ),
        pytest.param(
            {"pattern": "^(DN"},
            {},
            IN_KENNUNG + "Das Muster ist kein gültiger regulärer Ausdruck in der Schreibweise, "
            "die die Prüfung versteht (RE2): missing ): ^(DN.",
            id="not-a-regular-expression",
        ),
        pytest.param(
            {},
            {"when": NAME_IS},
            "Bedingung des Schritts „kennung“ (steps[2].when.properties.name.pattern): "
            "Das Muster enthält einen Lookahead oder Lookbehind ((?=). " + FORBIDDEN,
            id="step-condition",
        ),
        pytest.param(
            {"x-when": NAME_IS},
            {},
            "Bedingung der Frage „kennung“ im Schritt „kennung“ "
            "(schema.properties.kennung.x-when.properties.name.pattern): "
            "Das Muster enthält einen Lookahead oder Lookbehind ((?=). " + FORBIDDEN,
            id="question-condition",
        ),
        pytest.param(
            {"type": "array", "uniqueItems": True, "items": {"enum": ["aa"], "pattern": "(a)\\1"}},
            {},
            "Frage „kennung“ im Schritt „kennung“ (schema.properties.kennung.items.pattern): "
            "Das Muster enthält einen Rückverweis (\\1). " + FORBIDDEN,
            id="nested-in-the-question",
        ),
        pytest.param(
            {},
            {"when": {"patternProperties": {"^(a+)+$": {"const": True}}}},
            "Bedingung des Schritts „kennung“ (steps[2].when.patternProperties): "
            "„patternProperties“ wird nicht unterstützt; nennen Sie jede Eigenschaft einzeln "
            "unter „properties“.",
            id="pattern-properties",
        ),
    ],
)
def test_patterns_re2_cannot_match_are_refused_with_the_place(
    prop: dict[str, Any], extra: dict[str, Any], message: str
) -> None:
    definition = definition_with(prop, **extra)
    assert engine.validate_definition(definition) == [message]


def test_fee_conditions_are_checked_too() -> None:
    definition = definition_with({})
    definition["fees"] = [{"label": "Gebühr", "amount": "5.00", "when": NAME_IS}]
    assert engine.validate_definition(definition) == [
        "Bedingung der Gebühr „Gebühr“ (fees[0].when.properties.name.pattern): "
        "Das Muster enthält einen Lookahead oder Lookbehind ((?=). " + FORBIDDEN
    ]


def test_the_refusal_is_in_english_for_an_english_builder() -> None:
    from django.utils import translation

    definition = definition_with({"pattern": "^([A-Z]{2}) \\1$"})
    with translation.override("en"):
        assert engine.validate_definition(definition) == [
            "Question “kennung” in step “kennung” (schema.properties.kennung.pattern): The "
            "pattern contains a backreference (\\1). Backreferences, lookahead and lookbehind "
            "are not allowed because such patterns cannot be checked in linear time."
        ]


# --- versions published before the rule: still readable, and failing closed -----------


def test_an_older_version_with_a_refused_pattern_fails_closed(
    service: Service, caplog: pytest.LogCaptureFixture
) -> None:
    definition = definition_with({"pattern": "^(a)\\1$", "x-error": KENNUNG_ERROR})
    definition["schema"]["properties"]["hinweis"] = {
        "type": "string",
        "title": "Hinweis",
        "x-when": {"patternProperties": {"^(a+)+$": {"const": "x"}}},
    }
    definition["steps"][2]["fields"].append("hinweis")
    assert len(engine.validate_definition(definition)) == 2
    # Published before patterns were checked: straight into the table.
    version = FormVersionFactory(service=service, definition=definition)
    form = form_of(version)
    step = form.step("kennung")
    assert step is not None
    # The condition with patternProperties is never evaluated: it does not match.
    answers = {"name": "a" * 30 + "!", "kennung": "aa"}
    assert form.visible_fields(step, answers) == [form.fields_by_name["kennung"]]
    kennung = form.fields_by_name["kennung"]
    with caplog.at_level(logging.WARNING, logger="verbund.formengine.patterns"):
        assert engine.check_value(kennung, "aa") == KENNUNG_ERROR
        assert engine.check_value(kennung, "b") == KENNUNG_ERROR
    assert [r.getMessage() for r in caplog.records] == [
        "A published form uses a pattern RE2 refuses; no answer matches it: '^(a)\\\\1$'"
    ]
    # Answers already given stay readable.
    assert [row.display for row in engine.summary(form, answers)[2].rows] == ["aa"]


class _Forbidden:
    """Stands in for Python's ``re`` inside jsonschema: any use is a failure."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"jsonschema used re.{name} on a builder pattern")


def test_no_builder_pattern_reaches_pythons_re(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (jsonschema._keywords, jsonschema._utils, jsonschema._format):
        monkeypatch.setattr(module, "re", _Forbidden())
    definition = definition_with(
        {"pattern": "^[A-Z]{2}-[0-9]+$", "x-when": {"properties": {"name": {"pattern": "^A"}}}},
    )
    definition["schema"]["properties"]["anschrift"] = {
        "type": "object",
        "x-kind": "address",
        "title": "Anschrift",
    }
    definition["steps"][2]["fields"].append("anschrift")
    definition["$comment"] = "fresh, so that no cache answers for the engine"
    assert engine.validate_definition(definition) == []
    form = engine.compile_form(definition)
    step = form.step("kennung")
    assert step is not None
    result = engine.parse_step(
        form,
        step,
        post(
            kennung="DN-12",
            **{
                "anschrift-strasse": "Valdersweg",
                "anschrift-hausnummer": "1",
                "anschrift-plz": "52399",
                "anschrift-ort": "Merzenich",
            },
        ),
        {"name": "Anna"},
    )
    assert result.errors == {}
    assert result.values["kennung"] == "DN-12"
    assert [f.name for f in form.visible_fields(step, {"name": "Berta"})] == ["anschrift"]


# --- the dialect ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        # Not anchored unless the pattern says so, as in JSON Schema.
        ("b", "abc", True),
        ("^b", "abc", False),
        # "$" is the end of the text only (Python's re also matched before a final newline).
        ("^a$", "a\n", False),
        # ECMA-262's \uXXXX, which RE2 writes \x{XXXX}; an escaped backslash stays one.
        ("^\\u00c4rger$", "Ärger", True),
        ("^[\\u00c4-\\u00dc]$", "Ö", True),
        ("^\\\\u00c4$", "\\u00c4", True),
        # Unicode letters by property; \w and \d are ASCII, as in ECMA-262.
        ("^\\p{L}+$", "Müller", True),
        ("^\\w+$", "Müller", False),
        ("^\\d{5}$", "５２３９９", False),
        ("(?i)^dn$", "Dn", True),
    ],
)
def test_the_dialect(pattern: str, text: str, found: bool) -> None:
    assert patterns.refusal(pattern) is None
    assert patterns.search(pattern, text) is found


# --- the demo forms' patterns validate exactly as before ------------------------------


@pytest.mark.parametrize(
    ("slug", "field", "valid", "invalid"),
    [
        (
            "reitkennzeichen-nrw",
            "kennzeichen",
            ["HSK 1234", "OE1", "ÖHR 12345", "K 1"],
            ["hsk 1234", "HSKX 1", "HSK 123456", "HSK-1234", "HSK  1", ""],
        ),
        (
            "fahrzeug-ausser-betrieb-setzen",
            "kennzeichen",
            ["DN-AB 123", "DÜW-X 1E", "K-AB1234H", "OE-Z 9"],
            ["DN AB 123", "DN-ABC 123", "DN-AB 12345", "dn-ab 123", "DN-AB 123X"],
        ),
        (
            "fahrzeug-ausser-betrieb-setzen",
            "fin",
            ["WVWZZZ1JZXW000001", "12345678901234567"],
            ["WVWZZZ1JZXW00000O", "WVWZZZ1JZXW00000", "WVWZZZ1JZXW0000012", "wvwzzz1jzxw000001"],
        ),
        (
            "fahrzeug-ausser-betrieb-setzen",
            "sicherheitscode",
            ["aB3dE5f", "1234567"],
            ["aB3dE5", "aB3dE5f!", "äB3dE5f", "aB3dE5fg"],
        ),
    ],
)
def test_demo_patterns_validate_as_before(
    slug: str, field: str, valid: list[str], invalid: list[str]
) -> None:
    definition = FORMS[slug]
    assert engine.validate_definition(definition) == []
    question = engine.compile_form(definition).fields_by_name[field]
    pattern = question.schema["pattern"]
    for text in valid:
        assert engine.check_value(question, text) is None, text
        assert re.search(pattern, text) is not None, text  # as Python's re decided before
    for text in invalid:
        assert engine.check_value(question, text) == question.error_message, text
        assert re.search(pattern, text) is None, text


def _demo_step(slug: str, key: str) -> tuple[engine.Form, engine.Step]:
    form = engine.compile_form(FORMS[slug])
    step = form.step(key)
    assert step is not None
    return form, step


IBAN_ERROR = (
    "Die IBAN ist nicht gültig. Prüfen Sie sie bitte; eine deutsche IBAN hat 22 Zeichen und "
    "beginnt mit DE."
)


@pytest.mark.parametrize(
    ("text", "value", "error"),
    [
        ("DE02 1203 0000 0000 2020 51", "DE02120300000000202051", None),
        ("de02120300000000202051", "DE02120300000000202051", None),
        ("DE02120300000000202052", None, IBAN_ERROR),
        ("DE0212030000000020205", None, IBAN_ERROR),
    ],
)
def test_the_demo_iban_validates_as_before(text: str, value: str | None, error: str | None) -> None:
    form, step = _demo_step("fahrzeug-ausser-betrieb-setzen", "erstattung")
    result = engine.parse_step(form, step, post(iban=text), {})
    assert result.values == ({"iban": value} if value else {})
    assert result.errors == ({"iban": error} if error else {})


POSTCODE_ERROR = "Die Postleitzahl bei „Ihre Anschrift“ hat fünf Ziffern, zum Beispiel 52399."


@pytest.mark.parametrize(
    ("postcode", "valid"),
    [
        ("52399", True),
        ("01067", True),
        ("01001", True),
        ("99998", True),
        ("10000", True),
        ("00999", False),
        ("00123", False),
        ("5239", False),
        ("523990", False),
        ("5239a", False),
        # Full-width digits were \d to Python's re; a postcode has ASCII digits.
        ("５２３９９", False),
    ],
)
def test_the_demo_postcodes_validate_as_before(postcode: str, valid: bool) -> None:
    form, step = _demo_step("reitkennzeichen-nrw", "halter")
    address = {
        "anschrift-strasse": "Valdersweg",
        "anschrift-hausnummer": "1",
        "anschrift-plz": postcode,
        "anschrift-ort": "Merzenich",
    }
    result = engine.parse_step(form, step, post(vorname="Anna", nachname="Schmidt", **address), {})
    if valid:
        assert result.errors == {}
        assert result.values["anschrift"]["plz"] == postcode
    else:
        assert result.errors == {"anschrift": POSTCODE_ERROR}
    # The address's own schema (matched by RE2) agrees with the engine's parsing.
    anschrift = form.fields_by_name["anschrift"]
    parts = {"strasse": "Valdersweg", "hausnummer": "1", "plz": postcode, "ort": "Merzenich"}
    assert (engine.check_value(anschrift, parts) is None) is valid
