"""KPI formulas: the allowed subset, every refusal with a German message on the field
``formula``, unknown figures, division by zero at definition and at evaluation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from verbund.benchmarks.formula import Undefined, parse

D = Decimal
KNOWN = {"faelle", "einwohner", "kosten", "online"}


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("faelle / einwohner * 1000", {"faelle": D(450), "einwohner": D(9000)}, D(50)),
        ("(kosten + 100) / faelle", {"kosten": D(900), "faelle": D(4)}, D(250)),
        ("-faelle + 2.5", {"faelle": D(1)}, D("1.5")),
        ("online / faelle * 100", {"online": D(1), "faelle": D(3)}, D(1) / D(3) * 100),
        ("kosten - faelle * 0.1", {"kosten": D(1), "faelle": D(3)}, D("0.7")),
    ],
)
def test_allowed_formulas_evaluate_exactly(
    text: str, values: dict[str, Decimal], expected: Decimal
) -> None:
    assert parse(text, KNOWN).evaluate(values) == expected


def test_names_are_collected() -> None:
    assert parse("faelle / einwohner", KNOWN).names == frozenset({"faelle", "einwohner"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Formel: Bitte geben Sie eine Formel an."),
        ("faelle /", "Formel: „faelle /“ ist keine gültige Formel."),
        ("faelle ** 2", "Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."),
        ("faelle % 2", "Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."),
        ("~faelle", "Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."),
        (
            "__import__('os').system('true')",
            "Formel: Erlaubt sind nur Zahlen, Kürzel von Grundzahlen, +, −, ×, ÷ und Klammern.",
        ),
        (
            "faelle.real",
            "Formel: Erlaubt sind nur Zahlen, Kürzel von Grundzahlen, +, −, ×, ÷ und Klammern.",
        ),
        (
            "faelle if kosten else 1",
            "Formel: Erlaubt sind nur Zahlen, Kürzel von Grundzahlen, +, −, ×, ÷ und Klammern.",
        ),
        ("'abc'", "Formel: Nur Zahlen und Kürzel von Grundzahlen sind erlaubt."),
        ("True + faelle", "Formel: Nur Zahlen und Kürzel von Grundzahlen sind erlaubt."),
        ("100 * 2", "Formel: Die Formel muss mindestens eine Grundzahl verwenden."),
        ("faelle / 0", "Formel: Die Formel teilt durch null."),
        ("faelle / (2 - 2)", "Formel: Die Formel teilt durch null."),
        ("faelle / (1 / 0)", "Formel: Die Formel teilt durch null."),
        (
            "faelle / personal",
            "Formel: Unbekannte Grundzahl „personal“. Vorhanden: einwohner, faelle, kosten, "
            "online.",
        ),
        ("x" * 501, "Formel: Die Formel ist zu lang (höchstens 500 Zeichen)."),
    ],
)
def test_refused_formulas_name_the_field(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse(text, KNOWN)
    assert caught.value.message_dict == {"formula": [message]}


def test_division_by_zero_at_evaluation_is_undefined() -> None:
    formula = parse("kosten / faelle", KNOWN)
    with pytest.raises(Undefined) as caught:
        formula.evaluate({"kosten": D(10), "faelle": D(0)})
    assert caught.value.reason == "Division durch null"


def test_a_missing_figure_is_undefined() -> None:
    with pytest.raises(Undefined) as caught:
        parse("kosten / faelle", KNOWN).evaluate({"kosten": D(10)})
    assert caught.value.reason == "Grundzahl „faelle“ fehlt"
