"""The form engine against the contract of docs/forms.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.http import QueryDict

from verbund.formengine import engine

TODAY = dt.date(2026, 11, 22)


def definition() -> dict[str, Any]:
    return {
        "schema": {
            "$schema": engine.DRAFT_2020_12,
            "type": "object",
            "properties": {
                "erstausgabe": {"type": "boolean", "title": "Ist es die erste Ausgabe?"},
                "nummer": {
                    "type": "string",
                    "title": "Nummer des Reitkennzeichens",
                    "pattern": "^[A-Z]{2,3} [0-9]{1,5}$",
                    "x-error": "Die Nummer sieht aus wie „OE 1234“.",
                },
                "name": {"type": "string", "title": "Ihr Name", "maxLength": 20},
                "geboren": {
                    "type": "string",
                    "format": "date",
                    "title": "Geburtsdatum",
                    "x-date": "past",
                },
                "pferde": {
                    "type": "integer",
                    "title": "Anzahl der Pferde",
                    "minimum": 1,
                    "maximum": 9,
                },
                "einkommen": {"type": "string", "format": "money", "title": "Einkommen"},
                "art": {
                    "type": "string",
                    "title": "Art",
                    "oneOf": [
                        {"const": "reit", "title": "Reitpferd"},
                        {"const": "fahr", "title": "Fahrpferd"},
                    ],
                },
                "farben": {
                    "type": "array",
                    "title": "Farben",
                    "uniqueItems": True,
                    "items": {"enum": ["braun", "schwarz"]},
                },
                "anschrift": {"type": "object", "x-kind": "address", "title": "Anschrift"},
                "iban": {"type": "string", "format": "iban", "title": "IBAN"},
                "email": {"type": "string", "format": "email", "title": "E-Mail"},
                "telefon": {"type": "string", "format": "phone", "title": "Telefon"},
                "nachweis": {"type": "array", "x-kind": "file", "title": "Nachweis", "maxItems": 2},
                "text": {"type": "string", "x-kind": "textarea", "title": "Bemerkung"},
            },
            "required": [
                "erstausgabe",
                "nummer",
                "name",
                "pferde",
                "anschrift",
                "email",
                "nachweis",
            ],
        },
        "steps": [
            {"key": "erstausgabe", "title": "Ist es die erste Ausgabe?", "fields": ["erstausgabe"]},
            {
                "key": "nummer",
                "title": "Nummer",
                "fields": ["nummer"],
                "when": {
                    "properties": {"erstausgabe": {"const": False}},
                    "required": ["erstausgabe"],
                },
            },
            {
                "key": "person",
                "title": "Über Sie",
                "fields": ["name", "geboren", "pferde", "einkommen", "art", "farben"],
            },
            {
                "key": "kontakt",
                "title": "Kontakt",
                "fields": ["anschrift", "iban", "email", "telefon"],
            },
            {"key": "nachweis", "title": "Nachweis", "fields": ["nachweis", "text"]},
        ],
        "fees": [
            {
                "label": "Erstausgabe",
                "amount": "25.00",
                "when": {"properties": {"erstausgabe": {"const": True}}},
            },
            {"label": "Plakette", "amount": "10.00", "per": "pferde"},
        ],
        "contact": {"email": "email", "name": "name"},
    }


@pytest.fixture
def form() -> engine.Form:
    return engine.compile_form(definition())


def post(**data: Any) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def test_valid_definition_compiles_with_kinds(form: engine.Form) -> None:
    assert engine.validate_definition(definition()) == []
    kinds = {name: f.kind for name, f in form.fields_by_name.items()}
    assert kinds == {
        "erstausgabe": engine.Kind.YESNO,
        "nummer": engine.Kind.TEXT,
        "name": engine.Kind.TEXT,
        "geboren": engine.Kind.DATE,
        "pferde": engine.Kind.NUMBER,
        "einkommen": engine.Kind.MONEY,
        "art": engine.Kind.CHOICE,
        "farben": engine.Kind.MULTICHOICE,
        "anschrift": engine.Kind.ADDRESS,
        "iban": engine.Kind.IBAN,
        "email": engine.Kind.EMAIL,
        "telefon": engine.Kind.PHONE,
        "nachweis": engine.Kind.FILE,
        "text": engine.Kind.TEXTAREA,
    }
    assert form.fields_by_name["art"].choices == (
        engine.Choice("reit", "Reitpferd"),
        engine.Choice("fahr", "Fahrpferd"),
    )
    assert form.steps[0].single_question
    assert form.contact_email == "email"
    assert form.contact_name == ("name",)
    assert engine.applicant_name(form, {"name": " Anna Schmidt "}) == "Anna Schmidt"


def test_the_applicants_name_may_join_several_answers() -> None:
    both = definition()
    both["contact"]["name"] = ["name", "text"]
    form = engine.compile_form(both)
    assert form.contact_name == ("name", "text")
    assert engine.applicant_name(form, {"name": "Anna", "text": "Schmidt"}) == "Anna Schmidt"
    assert engine.applicant_name(form, {"text": "Schmidt"}) == "Schmidt"
    assert engine.applicant_name(form, {}) == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("steps"), "steps: at least one step is needed"),
        (
            lambda d: d["steps"][2]["fields"].append("name"),
            "steps[2].fields: 'name' is already asked in step person",
        ),
        (
            lambda d: d["steps"][4]["fields"].remove("text"),
            "schema.properties.text: not asked in any step",
        ),
        (
            lambda d: d["steps"][1].update(key="Nummer 2"),
            "steps[1].key: a slug of a-z, 0-9, - and _",
        ),
        (lambda d: d["steps"][1].update(key="person"), "steps[2].key: 'person' is used twice"),
        (
            lambda d: d["fees"][0].update(amount="25"),
            'fees[0].amount: a decimal string with two places, e.g. "16.80"',
        ),
        (lambda d: d["fees"][1].update(per="name"), "fees[1].per: must name a number question"),
        (
            lambda d: d["steps"][1].update(when={"type": 5}),
            "steps[1].when: the condition is not a valid JSON Schema (5 is not valid under any of "
            "the given schemas)",
        ),
        (
            lambda d: d["schema"]["properties"]["name"].update({"x-kind": "karte"}),
            "schema.properties.name: unknown kind of question (see docs/forms.md)",
        ),
        (
            lambda d: d["contact"].update(email="name"),
            "contact.email: must name an e-mail question",
        ),
        (lambda d: d["steps"][1].update(key="pruefen"), "steps[1].key: 'pruefen' is reserved"),
        (
            lambda d: d["contact"].update(name=["name", "nachname"]),
            "contact.name: unknown question 'nachname'",
        ),
    ],
)
def test_invalid_definitions_are_refused_with_the_place(change: Any, message: str) -> None:
    broken = definition()
    change(broken)
    errors = engine.validate_definition(broken)
    assert message in errors
    with pytest.raises(engine.DefinitionError):
        engine.compile_form(broken)


def test_not_an_object() -> None:
    assert engine.validate_definition([]) == ["The definition must be a JSON object."]


def test_conditions_show_and_skip_steps(form: engine.Form) -> None:
    assert [s.key for s in form.visible_steps({})] == [
        "erstausgabe",
        "person",
        "kontakt",
        "nachweis",
    ]
    assert [s.key for s in form.visible_steps({"erstausgabe": False})] == [
        "erstausgabe",
        "nummer",
        "person",
        "kontakt",
        "nachweis",
    ]
    # An answer to a skipped step is dropped.
    assert engine.prune(form, {"erstausgabe": True, "nummer": "OE 1"}) == {"erstausgabe": True}


def test_parse_every_kind(form: engine.Form) -> None:
    person = form.step("person")
    assert person is not None
    result = engine.parse_step(
        form,
        person,
        post(
            **{
                "name": "  Anna   Schmidt ",
                "geboren-tag": "3",
                "geboren-monat": "4",
                "geboren-jahr": "1980",
                "pferde": "2",
                "einkommen": "1.234,5",
                "art": "fahr",
                "farben": ["schwarz", "braun"],
            }
        ),
        {},
        today=TODAY,
    )
    assert result.errors == {}
    assert result.values == {
        "name": "Anna Schmidt",
        "geboren": "1980-04-03",
        "pferde": 2,
        "einkommen": "1234.50",
        "art": "fahr",
        "farben": ["braun", "schwarz"],
    }
    kontakt = form.step("kontakt")
    assert kontakt is not None
    result = engine.parse_step(
        form,
        kontakt,
        post(
            **{
                "anschrift-strasse": "Valdersweg",
                "anschrift-hausnummer": "1",
                "anschrift-plz": "52399",
                "anschrift-ort": "Merzenich",
                "iban": "de02 1203 0000 0000 2020 51",
                "email": "anna@example.de",
                "telefon": "02421 22-0",
            }
        ),
        {},
        today=TODAY,
    )
    assert result.errors == {}
    assert result.values == {
        "anschrift": {
            "strasse": "Valdersweg",
            "hausnummer": "1",
            "plz": "52399",
            "ort": "Merzenich",
        },
        "iban": "DE02120300000000202051",
        "email": "anna@example.de",
        "telefon": "02421 22-0",
    }


def test_bad_input_gets_clear_german_messages(form: engine.Form) -> None:
    person = form.step("person")
    kontakt = form.step("kontakt")
    assert person is not None
    assert kontakt is not None
    result = engine.parse_step(
        form,
        person,
        post(
            **{
                "name": "x" * 21,
                "geboren-tag": "31",
                "geboren-monat": "2",
                "geboren-jahr": "1980",
                "pferde": "zwei",
                "einkommen": "viel",
                "art": "esel",
                "farben": ["lila"],
            }
        ),
        {},
        today=TODAY,
    )
    assert result.values == {}
    assert result.errors == {
        "name": "„Ihr Name“ darf höchstens 20 Zeichen lang sein.",
        "geboren": "„Geburtsdatum“ muss ein echtes Datum sein.",
        "pferde": "Geben Sie bei „Anzahl der Pferde“ eine ganze Zahl ein, zum Beispiel 3.",
        "einkommen": "Geben Sie bei „Einkommen“ einen Betrag in Euro ein, zum Beispiel 16,80.",
        "art": "Wählen Sie bei „Art“ eine der angebotenen Antworten.",
        "farben": "Wählen Sie bei „Farben“ nur die angebotenen Antworten.",
    }
    result = engine.parse_step(
        form,
        kontakt,
        post(
            **{
                "anschrift-strasse": "Valdersweg",
                "anschrift-hausnummer": "1",
                "anschrift-plz": "5239",
                "anschrift-ort": "Merzenich",
                "iban": "DE02120300000000202052",
                "email": "anna@",
                "telefon": "12",
            }
        ),
        {},
        today=TODAY,
    )
    assert result.errors == {
        "anschrift": "Die Postleitzahl bei „Anschrift“ hat fünf Ziffern, zum Beispiel 52399.",
        "iban": "Die IBAN ist nicht gültig. Prüfen Sie sie bitte; eine deutsche IBAN hat 22 "
        "Zeichen und beginnt mit DE.",
        "email": "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel "
        "name@beispiel.de.",
        "telefon": "Geben Sie eine Telefonnummer ein, zum Beispiel 02421 22-0 oder +49 2421 220.",
    }
    # Raw input comes back to be shown beside the errors.
    assert result.raw["anschrift"]["plz"] == "5239"


def test_required_range_pattern_and_future_date(form: engine.Form) -> None:
    person = form.step("person")
    nummer = form.step("nummer")
    assert person is not None
    assert nummer is not None
    result = engine.parse_step(
        form,
        person,
        post(**{"pferde": "12", "geboren-tag": "1", "geboren-monat": "1", "geboren-jahr": "2027"}),
        {},
        today=TODAY,
    )
    assert result.errors == {
        "name": "Geben Sie „Ihr Name“ an.",
        "geboren": "„Geburtsdatum“ muss in der Vergangenheit liegen.",
        "pferde": "„Anzahl der Pferde“ darf höchstens 9 sein.",
    }
    result = engine.parse_step(form, nummer, post(nummer="1234"), {"erstausgabe": False})
    assert result.errors == {"nummer": "Die Nummer sieht aus wie „OE 1234“."}


def test_script_is_kept_as_text_not_interpreted(form: engine.Form) -> None:
    person = form.step("person")
    assert person is not None
    result = engine.parse_step(form, person, post(name="<b>x</b>", pferde="1"), {})
    assert result.values["name"] == "<b>x</b>"


def test_fees_follow_answers_and_local_amounts(form: engine.Form) -> None:
    lines = engine.compute_fees(form, {"erstausgabe": True, "pferde": 2})
    assert [line.as_json() for line in lines] == [
        {"label": "Erstausgabe", "amount": "25.00", "quantity": 1, "total": "25.00"},
        {"label": "Plakette", "amount": "10.00", "quantity": 2, "total": "20.00"},
    ]
    assert engine.fee_total(lines) == Decimal("45.00")
    local = engine.compute_fees(
        form, {"erstausgabe": False, "pferde": 1}, {"Plakette": Decimal("12.50")}
    )
    assert engine.fee_total(local) == Decimal("12.50")


RATE_FEE = {
    "label": "Gebühr nach dem Einkommen",
    "rate": "0.0100",
    "of": "einkommen",
    "minimum": "5.00",
    "due": "decision",
}


def test_a_rate_fee_is_a_share_of_a_money_answer_set_with_the_decision() -> None:
    form = engine.compile_form({**definition(), "fees": [*definition()["fees"], RATE_FEE]})
    answers = {"erstausgabe": True, "pferde": 1, "einkommen": "312000.00"}
    # Charged with the application: the fixed lines only, as before.
    assert [line.label for line in engine.compute_fees(form, answers)] == [
        "Erstausgabe",
        "Plakette",
    ]
    decision = engine.compute_fees(form, answers, due=engine.Due.DECISION)
    assert [line.as_json() for line in decision] == [
        {
            "label": "Gebühr nach dem Einkommen",
            "amount": "3120.00",
            "quantity": 1,
            "total": "3120.00",
        }
    ]
    # Rounded half up to the cent; at least the minimum; left out without the answer.
    share = engine.compute_fees(form, {"einkommen": "1234.50"}, due=engine.Due.DECISION)
    assert engine.fee_total(share) == Decimal("12.35")
    small = engine.compute_fees(form, {"einkommen": "100.00"}, due=engine.Due.DECISION)
    assert engine.fee_total(small) == Decimal("5.00")
    assert engine.compute_fees(form, {}, due=engine.Due.DECISION) == []
    # A local amount replaces fixed amounts only.
    local = engine.compute_fees(
        form, answers, {"Gebühr nach dem Einkommen": Decimal("1.00")}, due=engine.Due.DECISION
    )
    assert engine.fee_total(local) == Decimal("3120.00")


@pytest.mark.parametrize(
    ("fee", "message"),
    [
        (
            {**RATE_FEE, "rate": "1.5"},
            'fees[2].rate: a decimal string from 0 to 1, e.g. "0.0100" for 1 %',
        ),
        (
            {**RATE_FEE, "rate": 0.01},
            'fees[2].rate: a decimal string from 0 to 1, e.g. "0.0100" for 1 %',
        ),
        ({**RATE_FEE, "of": "pferde"}, "fees[2].of: must name a money question"),
        ({**RATE_FEE, "of": "unbekannt"}, "fees[2].of: must name a money question"),
        (
            {**RATE_FEE, "minimum": "5"},
            'fees[2].minimum: a decimal string with two places, e.g. "50.00"',
        ),
        (
            {**RATE_FEE, "amount": "5.00"},
            "fees[2]: either amount (and per) or rate (and of), not both",
        ),
        ({**RATE_FEE, "due": "später"}, 'fees[2].due: "application" or "decision"'),
        ({"label": "X", "amount": "5.00", "of": "einkommen"}, "fees[2].of: only with a rate"),
        ({"label": "X", "amount": "5.00", "minimum": "1.00"}, "fees[2].minimum: only with a rate"),
    ],
)
def test_invalid_rate_fees_are_refused_with_the_place(fee: dict[str, Any], message: str) -> None:
    broken = {**definition(), "fees": [*definition()["fees"], fee]}
    assert message in engine.validate_definition(broken)


def test_summary_displays_answers(form: engine.Form) -> None:
    answers = {
        "erstausgabe": True,
        "name": "Anna",
        "geboren": "1980-04-03",
        "pferde": 2,
        "einkommen": "1234.50",
        "art": "fahr",
        "farben": ["braun"],
        "anschrift": {
            "strasse": "Valdersweg",
            "hausnummer": "1",
            "plz": "52399",
            "ort": "Merzenich",
        },
        "iban": "DE02120300000000202051",
        "email": "a@example.de",
        "nachweis": ["f1"],
    }
    sections = engine.summary(form, answers, {"f1": "Nachweis.pdf"})
    rows = {row.field: row.display for section in sections for row in section.rows}
    assert rows == {
        "erstausgabe": "Ja",
        "name": "Anna",
        "geboren": "03.04.1980",
        "pferde": "2",
        "einkommen": "1.234,50 €",
        "art": "Fahrpferd",
        "farben": "braun",
        "anschrift": "Valdersweg 1, 52399 Merzenich",
        "iban": "DE02 1203 0000 0000 2020 51",
        "email": "a@example.de",
        "telefon": "keine Angabe",
        "nachweis": "Nachweis.pdf",
        "text": "keine Angabe",
    }
    assert engine.check_all(form, answers) == {}
    assert engine.check_all(form, {**answers, "nachweis": []}) == {
        "nachweis": {"nachweis": "Laden Sie „Nachweis“ hoch."}
    }


def test_upload_types_are_those_the_upload_checks_know() -> None:
    from verbund.core.uploads import KNOWN_TYPES, _canonical

    assert {_canonical(t) for t in KNOWN_TYPES} == engine.UPLOAD_TYPES
    broken = definition()
    broken["schema"]["properties"]["nachweis"]["x-accept"] = ["application/msword"]
    assert (
        "schema.properties.nachweis.x-accept: a non-empty list of these types: application/pdf, "
        "image/bmp, image/gif, image/heic, image/jpeg, image/png, image/tiff, "
        "image/webp"
    ) in engine.validate_definition(broken)
