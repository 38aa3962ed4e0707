"""A computed sheet in words and German figures, for its page and its PDF."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from verbund.core import charts
from verbund.fees import engine
from verbund.fees.engine import CarryKind, CostKind, SheetKind


def part_label(part: str) -> str:
    # Looked up when shown, so the active language applies.
    labels = {
        "kind": _("Art"),
        "title": _("Bezeichnung"),
        "year": _("Kalkulationsjahr"),
        "rounding": _("Rundung"),
        "notes": _("Erläuterungen"),
        "grades": _("Stellen"),
        "time_lines": _("Zeitaufwand"),
        "unit": _("Maßeinheit"),
        "planned_units": _("Geplante Menge"),
        "cost_lines": _("Kosten"),
        "other_revenue": _("Andere Erlöse"),
        "carry_forwards": _("Vorträge"),
        "actuals": _("Nachkalkulation"),
        "service": _("Leistung"),
    }
    return labels.get(part, part)


def euro(value: Decimal) -> str:
    return charts.format_euro(engine.money(value))


def number(value: Decimal, places: int | None = None) -> str:
    if places is None:
        value = value.normalize() if value != value.to_integral() else value.quantize(Decimal(1))
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def rate(value: Decimal) -> str:
    """A minute rate: four places show what rounding to cents would change."""
    return f"{number(value, 4)} €"


def describe(sheet: engine.Sheet, result: engine.Result) -> dict[str, Any]:
    """Everything the page and the PDF show of a computed sheet."""
    shown: dict[str, Any] = {
        "kind_label": str(engine.KIND_LABELS[SheetKind(sheet.kind)]),
        "rounding_rule": engine.rounding_rule(sheet.rounding),
        "fee": euro(result.fee),
        "cost_per_case": rate(result.cost_per_case),
        "administrative": sheet.kind == SheetKind.ADMINISTRATIVE,
    }
    if sheet.kind == SheetKind.ADMINISTRATIVE:
        shown["grades"] = [
            [
                g.grade.grade,
                euro(g.grade.personnel_cost),
                euro(g.grade.material_cost),
                f"{number(g.grade.overhead_percent)} %",
                euro(g.grade.overhead),
                euro(g.grade.annual_cost),
                number(g.grade.annual_hours),
                number(g.grade.annual_minutes),
                rate(g.grade.minute_rate),
                rate(g.rate),
            ]
            for g in result.grades
        ]
        shown["lines"] = [
            [
                t.line.activity,
                t.line.grade,
                number(t.line.minutes),
                f"{number(t.line.share_percent)} %",
                rate(t.rate),
                rate(t.cost),
            ]
            for t in result.lines
        ]
        shown["total_minutes"] = number(result.total_minutes)
        return shown
    lines = []
    for c in result.cost_lines:
        line = c.line
        if line.kind == CostKind.DEPRECIATION:
            assert line.acquisition_value is not None
            assert line.useful_life is not None
            basis = _("%(value)s ÷ %(years)s Jahre") % {
                "value": euro(line.acquisition_value),
                "years": number(line.useful_life),
            }
        elif line.kind == CostKind.INTEREST:
            assert line.opening_value is not None
            assert line.closing_value is not None
            assert line.deductible_capital is not None
            assert line.rate_percent is not None
            basis = _("(½ · (%(opening)s + %(closing)s) − %(deductible)s) × %(rate)s %%") % {
                "opening": euro(line.opening_value),
                "closing": euro(line.closing_value),
                "deductible": euro(line.deductible_capital),
                "rate": number(line.rate_percent),
            }
        else:
            basis = ""
        lines.append(
            [str(engine.COST_KIND_LABELS[CostKind(line.kind)]), line.label, basis, euro(c.amount)]
        )
    shown["cost_lines"] = lines
    shown["cost_by_kind"] = [
        [str(engine.COST_KIND_LABELS[CostKind(kind)]), euro(amount)]
        for kind, amount in result.cost_by_kind
    ]
    shown["total_cost"] = euro(result.total_cost)
    shown["other_revenue"] = euro(result.other_revenue)
    shown["revenue_lines"] = [[r.label, euro(r.amount)] for r in sheet.other_revenue]
    shown["over_returned"] = euro(result.over_returned)
    shown["under_recovered"] = euro(result.under_recovered)
    shown["to_cover"] = euro(result.to_cover)
    shown["unit"] = sheet.unit
    shown["planned_units"] = number(result.planned_units)
    shown["carry_forwards"] = [
        [
            str(engine.CARRY_LABELS[CarryKind(c.carry.kind)]),
            str(c.carry.arose_year),
            euro(c.carry.amount),
            str(c.due_year),
        ]
        for c in result.carry_forwards
    ]
    n = result.nachkalkulation
    if n is not None:
        shown["nachkalkulation"] = {
            "actual_cost": euro(n.actual_cost),
            "actual_other_revenue": euro(n.actual_other_revenue),
            "carried": euro(n.carried),
            "to_cover": euro(n.to_cover),
            "units": number(n.units),
            "revenue": euro(n.revenue),
            "difference": euro(abs(n.difference)),
            "kind": n.kind,
            "kind_label": _("Überdeckung")
            if n.kind == CarryKind.OVER
            else _("Unterdeckung")
            if n.kind == CarryKind.UNDER
            else _("ausgeglichen"),
            "settle_from": n.settle_from,
            "due_year": n.due_year,
        }
    return shown
