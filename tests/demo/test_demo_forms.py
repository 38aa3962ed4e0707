"""The demo's form definitions are valid and fit the demo catalogue."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from verbund.demo import catalogue
from verbund.demo.forms import FORMS
from verbund.formengine import engine
from verbund.formengine.models import FormVersion


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_definition_is_valid_and_fees_match_the_adopters(slug: str) -> None:
    definition = FORMS[slug]
    assert engine.validate_definition(definition) == []
    service = next(s for s in catalogue.SERVICES if s.slug == slug)
    adopter_labels = {label for a in service.adoptions for label, _amount in a.fees}
    # The builder names what is charged for; each adopter sets the amount of exactly those.
    assert {fee["label"] for fee in definition.get("fees", [])} == adopter_labels


def test_reitkennzeichen_fees_follow_the_first_issue() -> None:
    form = engine.compile_form(FORMS["reitkennzeichen-nrw"])
    first = engine.compute_fees(form, {"erstausgabe": True})
    later = engine.compute_fees(form, {"erstausgabe": False})
    assert str(engine.fee_total(first)) == "40.00"
    assert [line.label for line in later] == ["Jahresplakette mit Reitabgabe (Folgejahre)"]


@pytest.mark.django_db
def test_load_demo_publishes_each_form_once() -> None:
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(FormVersion.objects.values_list("service__slug", "number")) == [
        ("fahrzeug-ausser-betrieb-setzen", 1),
        ("pflegewohngeld-nrw", 1),
        ("reitkennzeichen-nrw", 1),
    ]
    call_command("load_demo", stdout=io.StringIO())
    assert FormVersion.objects.count() == 3
