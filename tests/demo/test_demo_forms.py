"""The demo's form definitions are valid and fit the demo catalogue."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from verbund.demo import catalogue
from verbund.demo.forms import FORMS
from verbund.formengine import engine
from verbund.formengine.models import FormVersion

# docs/forms.md: a step key is a slug of a-z, 0-9 and -; two keys are pages of the journey.
STEP_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"pruefen", "speichern"}
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def _conditions(definition: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every condition with its place: step ``when``, property ``x-when``, fee ``when``."""
    found = [(f"steps.{s['key']}", s["when"]) for s in definition["steps"] if "when" in s]
    found += [
        (f"properties.{name}", prop["x-when"])
        for name, prop in definition["schema"]["properties"].items()
        if "x-when" in prop
    ]
    found += [(f"fees.{f['label']}", f["when"]) for f in definition.get("fees", []) if "when" in f]
    return found


def test_the_forms_are_those_of_demo_services() -> None:
    slugs = {service.slug for service in catalogue.SERVICES}
    assert set(FORMS) == {
        "baugenehmigung",
        "gewerbeanmeldung",
        "reitkennzeichen-nrw",
        "fahrzeug-ausser-betrieb-setzen",
        "pflegewohngeld-nrw",
    }
    assert set(FORMS) <= slugs


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_definition_has_the_documented_shape(slug: str) -> None:
    """Checked without the engine, straight from docs/forms.md."""
    definition = FORMS[slug]
    assert set(definition) <= {"schema", "steps", "fees", "contact"}
    schema = definition["schema"]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["type"] == "object"
    properties = schema["properties"]
    assert set(schema["required"]) <= set(properties)

    keys = [step["key"] for step in definition["steps"]]
    assert len(keys) == len(set(keys)), "step keys repeat"
    for key in keys:
        assert STEP_KEY.match(key), key
        assert key not in RESERVED, key
    placed = [name for step in definition["steps"] for name in step["fields"]]
    assert sorted(placed) == sorted(properties), "every property in exactly one step"
    assert all(step["title"].strip() for step in definition["steps"])

    # A condition is a valid schema and looks only at answers asked on an earlier page.
    step_of = {name: i for i, step in enumerate(definition["steps"]) for name in step["fields"]}
    for where, condition in _conditions(definition):
        Draft202012Validator.check_schema(condition)
        asked_on = next(
            (i for i, s in enumerate(definition["steps"]) if f"steps.{s['key']}" == where), None
        )
        for name in condition.get("properties", {}):
            assert name in properties, f"{where} looks at unknown {name!r}"
            if asked_on is not None:
                assert step_of[name] < asked_on, f"{where} looks at the later {name!r}"

    for fee in definition.get("fees", []):
        if "rate" in fee:  # a share of a money answer, set with the Bescheid
            assert 0 < Decimal(fee["rate"]) < 1, fee
            assert properties[fee["of"]]["format"] == "money", fee
            assert fee["due"] == "decision", fee
            continue
        assert re.fullmatch(r"\d+\.\d{2}", fee["amount"]), fee
        assert Decimal(fee["amount"]) > 0
    contact = definition["contact"]
    assert properties[contact["email"]]["format"] == "email"
    assert contact["name"] == ["vorname", "nachname"]
    assert set(contact["name"]) <= set(properties)


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_fee_labels_are_the_adopters_labels(slug: str) -> None:
    """Each adopter's amount replaces a line of the definition, label for label."""
    service = next(s for s in catalogue.SERVICES if s.slug == slug)
    # Fixed amounts: each adopter sets its own. A rate of an answer is the same for all.
    labels = [fee["label"] for fee in FORMS[slug].get("fees", []) if "amount" in fee]
    assert len(labels) == len(set(labels))
    for adoption in service.adoptions:
        assert {label for label, _amount in adoption.fees} <= set(labels), adoption.authority
    adopter_labels = {label for a in service.adoptions for label, _amount in a.fees}
    for label in labels:
        assert label in adopter_labels, label


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_definition_is_valid_and_fees_match_the_adopters(slug: str) -> None:
    definition = FORMS[slug]
    assert engine.validate_definition(definition) == []
    service = next(s for s in catalogue.SERVICES if s.slug == slug)
    adopter_labels = {label for a in service.adoptions for label, _amount in a.fees}
    # The builder names what is charged for; each adopter sets the amount of exactly those.
    fixed = {fee["label"] for fee in definition.get("fees", []) if "amount" in fee}
    assert fixed == adopter_labels


def test_reitkennzeichen_fees_follow_the_first_issue() -> None:
    form = engine.compile_form(FORMS["reitkennzeichen-nrw"])
    first = engine.compute_fees(form, {"erstausgabe": True})
    later = engine.compute_fees(form, {"erstausgabe": False})
    assert str(engine.fee_total(first)) == "40.00"
    assert [line.label for line in later] == ["Jahresplakette mit Reitabgabe (Folgejahre)"]


def test_the_baugenehmigung_fee_follows_the_rohbauwert_and_comes_with_the_bescheid() -> None:
    form = engine.compile_form(FORMS["baugenehmigung"])
    # The demo application's Rohbauwert, as the form engine parses "312.000,00".
    answers = {"rohbauwert": "312000.00"}
    assert engine.compute_fees(form, answers) == []  # nothing to pay with the application
    lines = engine.compute_fees(form, answers, due=engine.Due.DECISION)
    assert [(line.label, line.total) for line in lines] == [
        (
            "Baugenehmigung, 10 v. T. des Rohbauwerts (AVerwGebO NRW, Tarifstelle 2.4)",
            Decimal("3120.00"),
        )
    ]
    small = engine.compute_fees(form, {"rohbauwert": "4000.00"}, due=engine.Due.DECISION)
    assert engine.fee_total(small) == Decimal("100.00")


@pytest.mark.django_db
def test_load_demo_publishes_each_form() -> None:
    # Loaded again, it publishes no second version (tests/demo/test_load_demo.py counts
    # every table).
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(FormVersion.objects.values_list("service__slug", "number")) == [
        ("baugenehmigung", 1),
        ("fahrzeug-ausser-betrieb-setzen", 1),
        ("gewerbeanmeldung", 1),
        ("pflegewohngeld-nrw", 1),
        ("reitkennzeichen-nrw", 1),
    ]
