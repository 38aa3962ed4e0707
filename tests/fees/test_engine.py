"""The fee engine: examples A and B of DOMAIN-FACTS.md exactly, the rounding rule,
every intermediate figure, the checks with their German messages by field, and the
exchange document."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from tests.fees.conftest import D, example_a, example_b
from verbund.fees import engine


def test_example_a_rounds_only_the_fee_at_the_end() -> None:
    result = engine.compute(example_a())
    assert [g.grade.annual_cost for g in result.grades] == [D(105700), D(81700)]
    assert [g.grade.overhead for g in result.grades] == [D(16000), D(12000)]
    assert result.grades[0].grade.annual_minutes == D(93660)
    assert result.grades[0].rate.quantize(D("0.000001")) == D("1.128550")
    assert result.grades[1].rate.quantize(D("0.000001")) == D("0.872304")
    assert result.cost_per_case.quantize(D("0.000001")) == D("58.226564")
    assert result.fee == D("58.23")
    assert result.total_minutes == D(55)


def test_example_a_rounds_the_minute_rates_first() -> None:
    result = engine.compute(example_a(engine.Rounding.RATES))
    assert [g.rate for g in result.grades] == [D("1.13"), D("0.87")]
    assert [line.cost for line in result.lines] == [D("45.20"), D("13.05")]
    assert result.fee == D("58.25")


def test_the_rounding_rule_is_printed_for_each_setting() -> None:
    assert "erst der Gebührenbetrag" in engine.rounding_rule("end")
    assert "Minutensätze werden zuerst" in engine.rounding_rule("rates")


def test_example_b_usage_fee_and_its_nachkalkulation() -> None:
    result = engine.compute(example_b())
    amounts = [line.amount for line in result.cost_lines]
    assert amounts == [D(120000), D(45000), D(30000), D(15000), D(30000), D(13635)]
    interest = result.cost_lines[5]
    assert interest.average_value == D(615000)
    assert interest.interest_base == D(450000)
    assert result.total_cost == D(253635)
    assert result.other_revenue == D(3635)
    assert result.over_returned == D(10000)
    assert result.to_cover == D(240000)
    assert result.fee == D("6.00")
    assert result.carry_forwards[0].due_year == 2028
    n = result.nachkalkulation
    assert n is not None
    assert n.to_cover == D(234865)
    assert n.revenue == D(246000)
    assert n.difference == D(11135)
    assert n.kind == "over"
    assert (n.settle_from, n.due_year) == (2027, 2030)


def test_an_under_coverage_is_recovered_and_raises_the_fee() -> None:
    sheet = replace(
        example_b(actuals=False), carry_forwards=(engine.CarryForward("under", 2025, D(4000)),)
    )
    result = engine.compute(sheet)
    assert result.to_cover == D(254000)
    assert result.fee == D("6.35")


def test_nachkalkulation_with_less_revenue_is_an_under_coverage() -> None:
    sheet = replace(example_b(), actuals=engine.Actuals(D(248500), D(3635), D(38000)))
    n = engine.compute(sheet).nachkalkulation
    assert n is not None
    assert (n.kind, n.difference) == ("under", D(-6865))


def test_a_step_split_between_grades_weights_by_share() -> None:
    sheet = replace(
        example_a(),
        time_lines=(
            engine.TimeLine("Prüfen", "E 9b", D(40), D(60)),
            engine.TimeLine("Prüfen", "E 6", D(40), D(40)),
        ),
    )
    result = engine.compute(sheet)
    assert result.total_minutes == D(40)
    expected = D(24) * D(105700) / D(93660) + D(16) * D(81700) / D(93660)
    assert result.cost_per_case == expected


def _errors(sheet: engine.Sheet) -> dict[str, list[str]]:
    with pytest.raises(engine.SheetInvalid) as caught:
        engine.compute(sheet)
    return caught.value.errors


def test_negative_minutes_are_refused_naming_the_field() -> None:
    sheet = replace(example_a(), time_lines=(engine.TimeLine("Prüfen", "E 9b", D(-5)),))
    assert _errors(sheet) == {
        "time_lines[0].minutes": ["Zeitaufwand, Zeile 1: Minuten je Fall darf nicht negativ sein."],
        "time_lines": ["Ein Fall muss mehr als 0 Minuten dauern."],
    }


def test_shares_of_an_activity_must_sum_to_100() -> None:
    sheet = replace(
        example_a(),
        time_lines=(
            engine.TimeLine("Prüfen", "E 9b", D(40), D(60)),
            engine.TimeLine("Prüfen", "E 6", D(40), D(30)),
        ),
    )
    assert _errors(sheet) == {
        "time_lines[0].share_percent": [
            "Die Anteile der Tätigkeit „Prüfen“ ergeben zusammen 90 %; sie müssen 100 % ergeben."
        ]
    }


def test_usage_sheet_checks_every_figure() -> None:
    sheet = replace(
        example_b(),
        planned_units=D(0),
        cost_lines=(
            engine.CostLine("personnel", "Personal", amount=D(-1)),
            engine.CostLine("depreciation", "Netz", acquisition_value=D(100), useful_life=D(-40)),
            engine.CostLine(
                "interest",
                "Netz",
                opening_value=D(1),
                closing_value=D(1),
                deductible_capital=D(0),
                rate_percent=D(-3),
            ),
        ),
        other_revenue=(engine.Revenue("Erstattungen", D(-2)),),
        carry_forwards=(engine.CarryForward("over", 2021, D(10)),),
        actuals=engine.Actuals(D(1), D(0), D(-1)),
    )
    errors = _errors(sheet)
    assert errors == {
        "planned_units": ["Geplante Menge muss größer als 0 sein."],
        "cost_lines[0].amount": ["Kosten, Zeile 1: Betrag darf nicht negativ sein."],
        "cost_lines[1].useful_life": ["Kosten, Zeile 2: Nutzungsdauer muss größer als 0 sein."],
        "cost_lines[2].rate_percent": ["Kosten, Zeile 3: Zinssatz darf nicht negativ sein."],
        "other_revenue[0].amount": ["Andere Erlöse, Zeile 1: Betrag darf nicht negativ sein."],
        "carry_forwards[0].arose_year": [
            "Vorträge, Zeile 1: Die Deckung aus 2021 war bis 2025 auszugleichen "
            "(vier Jahre, § 6 Abs. 2 KAG NRW)."
        ],
        "actuals.units": ["Nachkalkulation: tatsächliche Menge darf nicht negativ sein."],
    }


def test_an_unknown_grade_in_a_time_line_is_named() -> None:
    sheet = replace(example_a(), time_lines=(engine.TimeLine("Prüfen", "A 13", D(5)),))
    assert _errors(sheet) == {
        "time_lines[0].grade": [
            "Zeitaufwand, Zeile 1: Die Gruppe „A 13“ steht nicht in der Stellenliste."
        ]
    }


def test_the_document_round_trips_and_keeps_numbers_as_text() -> None:
    for sheet in (example_a(), example_b()):
        document = engine.to_document(sheet)
        assert document["format"] == "verbund-fee-sheet"
        assert document["version"] == 1
        text = json.dumps(document)
        assert engine.from_json(text) == sheet
    assert engine.to_document(example_a())["grades"][0]["personnel_cost"] == "80000"


def test_a_document_with_json_numbers_is_read_as_decimals() -> None:
    text = json.dumps(engine.to_document(example_b())).replace('"3.03"', "3.03")
    sheet = engine.from_json(text)
    assert sheet.cost_lines[5].rate_percent == Decimal("3.03")


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"format": "other"}, {"format": ["Feld „format“ muss „verbund-fee-sheet“ sein."]}),
        ({"version": 2}, {"version": ["Feld „version“: unterstützt wird Version 1."]}),
        ({"year": "zwanzig"}, {"year": ["Feld „year“ muss eine ganze Zahl sein."]}),
        ({"kind": "tax"}, {"kind": ["Feld „kind“ muss „administrative“ oder „usage“ sein."]}),
    ],
)
def test_bad_documents_name_the_field(
    change: dict[str, object], errors: dict[str, list[str]]
) -> None:
    document = {**engine.to_document(example_a()), **change}
    with pytest.raises(engine.SheetInvalid) as caught:
        engine.from_document(document)
    assert caught.value.errors == errors


def test_a_missing_or_malformed_row_value_is_named_by_its_path() -> None:
    document = engine.to_document(example_a())
    document["grades"][1]["annual_hours"] = "viele"
    del document["time_lines"][0]["minutes"]
    with pytest.raises(engine.SheetInvalid) as caught:
        engine.from_document(document)
    assert caught.value.errors == {
        "grades[1].annual_hours": [
            "Feld „grades[1].annual_hours“ muss eine Zahl sein (Dezimalpunkt, z. B. 1234.56)."
        ],
        "time_lines[0].minutes": ["Feld „time_lines[0].minutes“ fehlt."],
    }


def test_result_document_lists_every_intermediate_figure() -> None:
    doc = engine.result_document(engine.compute(example_a()))
    assert doc["fee"] == "58.23"
    assert doc["cost_per_case"] == "58.226564"
    assert doc["grades"][0] == {
        "grade": "E 9b",
        "overhead": "16000.00",
        "annual_cost": "105700.00",
        "annual_minutes": "93660",
        "minute_rate": "1.128550",
        "applied_rate": "1.128550",
    }
