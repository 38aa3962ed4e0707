"""The fee calculation (Gebührenkalkulation after KAG NRW and the Länder's fee laws).

Pure Python with ``Decimal``: no models, no database. A sheet is read from its
exchange document (:func:`from_document`, the documented JSON format
``verbund-fee-sheet`` version 1), checked (:func:`validate`: every problem at once,
keyed by the field's path, in German) and computed (:func:`compute`), with every
intermediate figure kept so the sheet can show and print how the fee came about.

Two kinds of sheet:

* **administrative** (Verwaltungsgebühr): posts by grade give an annual cost and a
  minute rate; the steps of one case (minutes by grade) give the cost per case.
* **usage** (Benutzungsgebühr): cost lines by type (with calculatory depreciation
  and interest), minus other revenue, minus returned over-coverage and plus
  recovered under-coverage of earlier years, divided by the planned units; after
  the year the Nachkalkulation compares the actual cost with the revenue.

Rounding is a setting of the sheet: ``end`` rounds only the fee, ``rates`` rounds
the minute rates to cents first. Either way the fee is rounded half up to cents.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORMAT = "verbund-fee-sheet"
VERSION = 1
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# Over- and under-coverage must be settled within the next four years (§ 6 Abs. 2 KAG NRW).
SETTLEMENT_YEARS = 4
MAX_AMOUNT = Decimal("1000000000000")  # a trillion euros: a typo, not a budget
MAX_ROWS = 500
MIN_YEAR, MAX_YEAR = 1990, 2100


class SheetKind(StrEnum):
    ADMINISTRATIVE = "administrative"
    USAGE = "usage"


class Rounding(StrEnum):
    END = "end"
    RATES = "rates"


class CostKind(StrEnum):
    PERSONNEL = "personnel"
    MATERIAL = "material"
    EXTERNAL = "external"
    ADMINISTRATION = "administration"
    DEPRECIATION = "depreciation"
    INTEREST = "interest"


class CarryKind(StrEnum):
    OVER = "over"  # Überdeckung: returned, lowers the cost to cover
    UNDER = "under"  # Unterdeckung: recovered, raises it


KIND_LABELS = {
    SheetKind.ADMINISTRATIVE: gettext_lazy("Verwaltungsgebühr"),
    SheetKind.USAGE: gettext_lazy("Benutzungsgebühr"),
}
ROUNDING_LABELS = {
    Rounding.END: gettext_lazy("nur der Gebührenbetrag am Ende"),
    Rounding.RATES: gettext_lazy("Minutensätze zuerst auf Cent"),
}
COST_KIND_LABELS = {
    CostKind.PERSONNEL: gettext_lazy("Personalkosten"),
    CostKind.MATERIAL: gettext_lazy("Sachkosten"),
    CostKind.EXTERNAL: gettext_lazy("Fremdleistungen"),
    CostKind.ADMINISTRATION: gettext_lazy("Verwaltungskosten"),
    CostKind.DEPRECIATION: gettext_lazy("Kalkulatorische Abschreibung"),
    CostKind.INTEREST: gettext_lazy("Kalkulatorische Zinsen"),
}
CARRY_LABELS = {
    CarryKind.OVER: gettext_lazy("Überdeckung (wird zurückgegeben)"),
    CarryKind.UNDER: gettext_lazy("Unterdeckung (wird nachgeholt)"),
}


def rounding_rule(rounding: str) -> str:
    """The rounding rule in words, as printed on the sheet."""
    if rounding == Rounding.RATES:
        return _(
            "Rundung: Die Minutensätze werden zuerst kaufmännisch auf volle Cent gerundet; "
            "die Gebühr ist die Summe der Minuten mal gerundetem Satz, auf volle Cent gerundet."
        )
    return _(
        "Rundung: Alle Zwischenwerte werden ungerundet weitergerechnet; erst der "
        "Gebührenbetrag wird kaufmännisch auf volle Cent gerundet."
    )


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- the sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grade:
    """A post of one grade (KGSt personnel cost rate table): what it costs a year."""

    grade: str
    personnel_cost: Decimal
    material_cost: Decimal  # Sachkosten of the workplace
    overhead_percent: Decimal  # Gemeinkosten as a percentage of the personnel cost
    annual_hours: Decimal

    @property
    def overhead(self) -> Decimal:
        return self.personnel_cost * self.overhead_percent / HUNDRED

    @property
    def annual_cost(self) -> Decimal:
        return self.personnel_cost + self.material_cost + self.overhead

    @property
    def annual_minutes(self) -> Decimal:
        return self.annual_hours * 60

    @property
    def minute_rate(self) -> Decimal:
        return self.annual_cost / self.annual_minutes


@dataclass(frozen=True)
class TimeLine:
    """One step of a case: ``minutes`` by ``grade`` in ``share_percent`` of the cases
    (the lines of one activity split it between grades; their shares sum to 100)."""

    activity: str
    grade: str
    minutes: Decimal
    share_percent: Decimal = HUNDRED


@dataclass(frozen=True)
class CostLine:
    """One cost of a usage fee. ``amount`` for personnel, material, external and
    administration; depreciation from the acquisition value and the useful life;
    interest from the residual values, the deductible capital and the rate."""

    kind: str
    label: str
    amount: Decimal | None = None
    acquisition_value: Decimal | None = None
    useful_life: Decimal | None = None
    opening_value: Decimal | None = None
    closing_value: Decimal | None = None
    deductible_capital: Decimal | None = None
    rate_percent: Decimal | None = None


@dataclass(frozen=True)
class Revenue:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class CarryForward:
    """Over- or under-coverage of an earlier year settled in this sheet's year."""

    kind: str
    arose_year: int
    amount: Decimal

    @property
    def due_year(self) -> int:
        return self.arose_year + SETTLEMENT_YEARS


@dataclass(frozen=True)
class Actuals:
    """The year's outcome for the Nachkalkulation."""

    cost: Decimal
    other_revenue: Decimal
    units: Decimal


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str
    year: int
    rounding: str = Rounding.END
    notes: str = ""
    grades: tuple[Grade, ...] = ()
    time_lines: tuple[TimeLine, ...] = ()
    unit: str = ""
    planned_units: Decimal | None = None
    cost_lines: tuple[CostLine, ...] = ()
    other_revenue: tuple[Revenue, ...] = ()
    carry_forwards: tuple[CarryForward, ...] = ()
    actuals: Actuals | None = None


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeResult:
    grade: Grade
    rate: Decimal  # the minute rate applied (rounded to cents under "rates")


@dataclass(frozen=True)
class TimeLineResult:
    line: TimeLine
    rate: Decimal
    cost: Decimal


@dataclass(frozen=True)
class CostLineResult:
    line: CostLine
    amount: Decimal
    average_value: Decimal | None = None  # interest: ½ · (opening + closing)
    interest_base: Decimal | None = None  # interest: average − deductible capital


@dataclass(frozen=True)
class CarryResult:
    carry: CarryForward
    due_year: int


@dataclass(frozen=True)
class Nachkalkulation:
    actual_cost: Decimal
    actual_other_revenue: Decimal
    carried: Decimal  # returned over-coverage minus recovered under-coverage, as planned
    to_cover: Decimal
    units: Decimal
    revenue: Decimal
    difference: Decimal  # positive: over-coverage; negative: under-coverage
    kind: str  # over, under or "" when balanced
    settle_from: int
    due_year: int


@dataclass(frozen=True)
class Result:
    kind: str
    rounding: str
    cost_per_case: Decimal  # the unrounded full cost of one case or unit
    fee: Decimal  # rounded to cents
    grades: tuple[GradeResult, ...] = ()
    lines: tuple[TimeLineResult, ...] = ()
    total_minutes: Decimal = Decimal(0)
    cost_lines: tuple[CostLineResult, ...] = ()
    cost_by_kind: tuple[tuple[str, Decimal], ...] = ()
    total_cost: Decimal = Decimal(0)
    other_revenue: Decimal = Decimal(0)
    over_returned: Decimal = Decimal(0)
    under_recovered: Decimal = Decimal(0)
    to_cover: Decimal = Decimal(0)
    planned_units: Decimal = Decimal(0)
    carry_forwards: tuple[CarryResult, ...] = ()
    nachkalkulation: Nachkalkulation | None = None


class SheetInvalid(ValueError):
    """The sheet cannot be computed: ``errors`` maps a field's path
    (``time_lines[2].minutes``) to German messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = dict(errors)


# --- checks ------------------------------------------------------------------------------------


class _Problems:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def at_least(
        self, path: str, value: Decimal | None, label: str, *, positive: bool = False
    ) -> None:
        if value is None:
            self.add(path, _("%(label)s: Bitte geben Sie einen Wert an.") % {"label": label})
        elif positive and value <= 0:
            self.add(path, _("%(label)s muss größer als 0 sein.") % {"label": label})
        elif value < 0:
            self.add(path, _("%(label)s darf nicht negativ sein.") % {"label": label})
        elif value >= MAX_AMOUNT:
            self.add(path, _("%(label)s ist zu groß.") % {"label": label})

    def percent(self, path: str, value: Decimal | None, label: str) -> None:
        self.at_least(path, value, label)
        if value is not None and value > HUNDRED:
            self.add(path, _("%(label)s darf höchstens 100 %% sein.") % {"label": label})


def _row(label: str, number: int) -> str:
    return _("%(part)s, Zeile %(n)d") % {"part": label, "n": number}


def validate(sheet: Sheet) -> dict[str, list[str]]:
    """Every problem of ``sheet``, by the field's path; empty when it can be computed."""
    p = _Problems()
    if sheet.kind not in SheetKind.__members__.values():
        p.add("kind", _("Art: „%(value)s“ gibt es nicht.") % {"value": sheet.kind})
    if not sheet.title.strip():
        p.add("title", _("Bitte geben Sie eine Bezeichnung der Gebühr an."))
    elif len(sheet.title) > 200:
        p.add("title", _("Die Bezeichnung darf höchstens 200 Zeichen lang sein."))
    if not MIN_YEAR <= sheet.year <= MAX_YEAR:
        p.add(
            "year",
            _("Das Kalkulationsjahr muss zwischen %(min)d und %(max)d liegen.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
        )
    if sheet.rounding not in Rounding.__members__.values():
        p.add("rounding", _("Rundung: „%(value)s“ gibt es nicht.") % {"value": sheet.rounding})
    if sheet.kind == SheetKind.ADMINISTRATIVE:
        _validate_administrative(sheet, p)
    elif sheet.kind == SheetKind.USAGE:
        _validate_usage(sheet, p)
    return p.errors


def validate_grades(grades: tuple[Grade, ...] | list[Grade]) -> dict[str, list[str]]:
    """Every problem of a list of posts (a sheet's or a rate table's), by path."""
    p = _Problems()
    _validate_grades(grades, p)
    return p.errors


def _validate_grades(grades: tuple[Grade, ...] | list[Grade], p: _Problems) -> set[str]:
    if not grades:
        p.add("grades", _("Bitte geben Sie mindestens eine Besoldungs- oder Entgeltgruppe an."))
    seen: set[str] = set()
    for i, grade in enumerate(grades):
        at, row = f"grades[{i}]", _row(_("Stellen"), i + 1)
        if not grade.grade.strip():
            p.add(f"{at}.grade", _("%(row)s: Bitte nennen Sie die Gruppe.") % {"row": row})
        elif grade.grade in seen:
            p.add(
                f"{at}.grade",
                _("%(row)s: Die Gruppe „%(grade)s“ steht schon weiter oben.")
                % {"row": row, "grade": grade.grade},
            )
        seen.add(grade.grade)
        p.at_least(f"{at}.personnel_cost", grade.personnel_cost, _("%s: Personalkosten") % row)
        p.at_least(f"{at}.material_cost", grade.material_cost, _("%s: Sachkosten") % row)
        p.percent(f"{at}.overhead_percent", grade.overhead_percent, _("%s: Gemeinkosten") % row)
        p.at_least(
            f"{at}.annual_hours",
            grade.annual_hours,
            _("%s: Jahresarbeitsstunden") % row,
            positive=True,
        )
    return seen


def _validate_administrative(sheet: Sheet, p: _Problems) -> None:
    seen = _validate_grades(sheet.grades, p)
    if not sheet.time_lines:
        p.add("time_lines", _("Bitte geben Sie mindestens einen Arbeitsschritt an."))
    shares: dict[str, tuple[int, Decimal]] = {}
    for i, line in enumerate(sheet.time_lines):
        at, row = f"time_lines[{i}]", _row(_("Zeitaufwand"), i + 1)
        if not line.activity.strip():
            p.add(f"{at}.activity", _("%(row)s: Bitte nennen Sie die Tätigkeit.") % {"row": row})
        if line.grade not in seen:
            p.add(
                f"{at}.grade",
                _("%(row)s: Die Gruppe „%(grade)s“ steht nicht in der Stellenliste.")
                % {"row": row, "grade": line.grade},
            )
        p.at_least(f"{at}.minutes", line.minutes, _("%s: Minuten je Fall") % row)
        p.percent(f"{at}.share_percent", line.share_percent, _("%s: Anteil der Fälle") % row)
        if line.share_percent is not None and line.share_percent <= 0:
            p.add(f"{at}.share_percent", _("%s: Der Anteil muss größer als 0 sein.") % row)
        first, total = shares.get(line.activity, (i, Decimal(0)))
        shares[line.activity] = (first, total + (line.share_percent or 0))
    for activity, (first, total) in shares.items():
        if activity.strip() and total != HUNDRED:
            p.add(
                f"time_lines[{first}].share_percent",
                _(
                    "Die Anteile der Tätigkeit „%(activity)s“ ergeben zusammen %(total)s %%; "
                    "sie müssen 100 %% ergeben."
                )
                % {"activity": activity, "total": _plain(total)},
            )
    if sheet.time_lines and not any(line.minutes and line.minutes > 0 for line in sheet.time_lines):
        p.add("time_lines", _("Ein Fall muss mehr als 0 Minuten dauern."))


def _validate_usage(sheet: Sheet, p: _Problems) -> None:
    if not sheet.unit.strip():
        p.add("unit", _("Bitte nennen Sie die Maßeinheit der Gebühr (z. B. m³)."))
    p.at_least("planned_units", sheet.planned_units, _("Geplante Menge"), positive=True)
    if not sheet.cost_lines:
        p.add("cost_lines", _("Bitte geben Sie mindestens eine Kostenzeile an."))
    for i, line in enumerate(sheet.cost_lines):
        at, row = f"cost_lines[{i}]", _row(_("Kosten"), i + 1)
        if line.kind not in CostKind.__members__.values():
            p.add(
                f"{at}.kind",
                _("%(row)s: Kostenart „%(value)s“ gibt es nicht.")
                % {"row": row, "value": line.kind},
            )
            continue
        if not line.label.strip():
            p.add(f"{at}.label", _("%(row)s: Bitte geben Sie eine Bezeichnung an.") % {"row": row})
        if line.kind == CostKind.DEPRECIATION:
            p.at_least(
                f"{at}.acquisition_value", line.acquisition_value, _("%s: Anschaffungswert") % row
            )
            p.at_least(
                f"{at}.useful_life", line.useful_life, _("%s: Nutzungsdauer") % row, positive=True
            )
        elif line.kind == CostKind.INTEREST:
            p.at_least(
                f"{at}.opening_value",
                line.opening_value,
                _("%s: Restbuchwert am Jahresanfang") % row,
            )
            p.at_least(
                f"{at}.closing_value", line.closing_value, _("%s: Restbuchwert am Jahresende") % row
            )
            p.at_least(
                f"{at}.deductible_capital", line.deductible_capital, _("%s: Abzugskapital") % row
            )
            p.percent(f"{at}.rate_percent", line.rate_percent, _("%s: Zinssatz") % row)
        else:
            p.at_least(f"{at}.amount", line.amount, _("%s: Betrag") % row)
    for i, revenue in enumerate(sheet.other_revenue):
        at, row = f"other_revenue[{i}]", _row(_("Andere Erlöse"), i + 1)
        if not revenue.label.strip():
            p.add(f"{at}.label", _("%(row)s: Bitte geben Sie eine Bezeichnung an.") % {"row": row})
        p.at_least(f"{at}.amount", revenue.amount, _("%s: Betrag") % row)
    for i, carry in enumerate(sheet.carry_forwards):
        at, row = f"carry_forwards[{i}]", _row(_("Vorträge"), i + 1)
        if carry.kind not in CarryKind.__members__.values():
            p.add(
                f"{at}.kind",
                _("%(row)s: Art „%(value)s“ gibt es nicht.") % {"row": row, "value": carry.kind},
            )
        p.at_least(f"{at}.amount", carry.amount, _("%s: Betrag") % row)
        if carry.arose_year >= sheet.year:
            p.add(
                f"{at}.arose_year",
                _("%(row)s: Ein Vortrag stammt aus einem Jahr vor %(year)d.")
                % {"row": row, "year": sheet.year},
            )
        elif sheet.year > carry.due_year:
            p.add(
                f"{at}.arose_year",
                _(
                    "%(row)s: Die Deckung aus %(arose)d war bis %(due)d auszugleichen "
                    "(vier Jahre, § 6 Abs. 2 KAG NRW)."
                )
                % {"row": row, "arose": carry.arose_year, "due": carry.due_year},
            )
    if sheet.actuals is not None:
        p.at_least("actuals.cost", sheet.actuals.cost, _("Nachkalkulation: tatsächliche Kosten"))
        p.at_least(
            "actuals.other_revenue",
            sheet.actuals.other_revenue,
            _("Nachkalkulation: andere Erlöse"),
        )
        p.at_least("actuals.units", sheet.actuals.units, _("Nachkalkulation: tatsächliche Menge"))


def _plain(value: Decimal) -> str:
    text = (
        format(value.normalize(), "f") if value == value.to_integral() else str(value.normalize())
    )
    return text.replace(".", ",")


# --- computing ---------------------------------------------------------------------------------


def compute(sheet: Sheet) -> Result:
    """The computed sheet; raises :class:`SheetInvalid` with every problem."""
    errors = validate(sheet)
    if errors:
        raise SheetInvalid(errors)
    if sheet.kind == SheetKind.ADMINISTRATIVE:
        return _administrative(sheet)
    return _usage(sheet)


def _administrative(sheet: Sheet) -> Result:
    grades = []
    rates: dict[str, Decimal] = {}
    for grade in sheet.grades:
        rate = grade.minute_rate
        if sheet.rounding == Rounding.RATES:
            rate = money(rate)
        rates[grade.grade] = rate
        grades.append(GradeResult(grade, rate))
    lines = []
    total = Decimal(0)
    minutes = Decimal(0)
    for line in sheet.time_lines:
        effective = line.minutes * line.share_percent / HUNDRED
        cost = effective * rates[line.grade]
        lines.append(TimeLineResult(line, rates[line.grade], cost))
        total += cost
        minutes += effective
    return Result(
        kind=sheet.kind,
        rounding=sheet.rounding,
        cost_per_case=total,
        fee=money(total),
        grades=tuple(grades),
        lines=tuple(lines),
        total_minutes=minutes,
    )


def cost_line_amount(line: CostLine) -> CostLineResult:
    if line.kind == CostKind.DEPRECIATION:
        assert line.acquisition_value is not None
        assert line.useful_life is not None
        return CostLineResult(line, line.acquisition_value / line.useful_life)
    if line.kind == CostKind.INTEREST:
        assert line.opening_value is not None
        assert line.closing_value is not None
        assert line.deductible_capital is not None
        assert line.rate_percent is not None
        average = (line.opening_value + line.closing_value) / 2
        base = average - line.deductible_capital
        # Capital the users paid for themselves bears no interest; it cannot earn any.
        amount = max(base, Decimal(0)) * line.rate_percent / HUNDRED
        return CostLineResult(line, amount, average_value=average, interest_base=base)
    assert line.amount is not None
    return CostLineResult(line, line.amount)


def _usage(sheet: Sheet) -> Result:
    assert sheet.planned_units is not None
    cost_lines = tuple(cost_line_amount(line) for line in sheet.cost_lines)
    by_kind: dict[str, Decimal] = {}
    for result in cost_lines:
        by_kind[result.line.kind] = by_kind.get(result.line.kind, Decimal(0)) + result.amount
    total_cost = sum((r.amount for r in cost_lines), Decimal(0))
    other = sum((r.amount for r in sheet.other_revenue), Decimal(0))
    over = sum((c.amount for c in sheet.carry_forwards if c.kind == CarryKind.OVER), Decimal(0))
    under = sum((c.amount for c in sheet.carry_forwards if c.kind == CarryKind.UNDER), Decimal(0))
    to_cover = total_cost - other - over + under
    if to_cover <= 0:
        raise SheetInvalid(
            {"cost_lines": [_("Nach Erlösen und Vorträgen bleiben keine Kosten zu decken.")]}
        )
    per_unit = to_cover / sheet.planned_units
    fee = money(per_unit)
    nachkalkulation = None
    if sheet.actuals is not None:
        actual = sheet.actuals
        actual_to_cover = actual.cost - actual.other_revenue - over + under
        revenue = actual.units * fee
        difference = revenue - actual_to_cover
        kind = CarryKind.OVER if difference > 0 else CarryKind.UNDER if difference < 0 else ""
        nachkalkulation = Nachkalkulation(
            actual_cost=actual.cost,
            actual_other_revenue=actual.other_revenue,
            carried=over - under,
            to_cover=actual_to_cover,
            units=actual.units,
            revenue=revenue,
            difference=difference,
            kind=kind,
            settle_from=sheet.year + 1,
            due_year=sheet.year + SETTLEMENT_YEARS,
        )
    order = list(CostKind)
    return Result(
        kind=sheet.kind,
        rounding=sheet.rounding,
        cost_per_case=per_unit,
        fee=fee,
        cost_lines=cost_lines,
        cost_by_kind=tuple(sorted(by_kind.items(), key=lambda kv: order.index(CostKind(kv[0])))),
        total_cost=total_cost,
        other_revenue=other,
        over_returned=over,
        under_recovered=under,
        to_cover=to_cover,
        planned_units=sheet.planned_units,
        carry_forwards=tuple(CarryResult(c, c.due_year) for c in sheet.carry_forwards),
        nachkalkulation=nachkalkulation,
    )


# --- the exchange document -----------------------------------------------------------------------


def _text(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(value, "f")


def to_document(sheet: Sheet) -> dict[str, Any]:
    """The sheet as its exchange document (numbers as strings: no float ever)."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": sheet.kind,
        "title": sheet.title,
        "year": sheet.year,
        "rounding": sheet.rounding,
        "notes": sheet.notes,
    }
    if sheet.kind == SheetKind.ADMINISTRATIVE:
        doc["grades"] = [
            {
                "grade": g.grade,
                "personnel_cost": _text(g.personnel_cost),
                "material_cost": _text(g.material_cost),
                "overhead_percent": _text(g.overhead_percent),
                "annual_hours": _text(g.annual_hours),
            }
            for g in sheet.grades
        ]
        doc["time_lines"] = [
            {
                "activity": t.activity,
                "grade": t.grade,
                "minutes": _text(t.minutes),
                "share_percent": _text(t.share_percent),
            }
            for t in sheet.time_lines
        ]
        return doc
    doc["unit"] = sheet.unit
    doc["planned_units"] = _text(sheet.planned_units)
    lines = []
    for line in sheet.cost_lines:
        item: dict[str, Any] = {"kind": line.kind, "label": line.label}
        if line.kind == CostKind.DEPRECIATION:
            item["acquisition_value"] = _text(line.acquisition_value)
            item["useful_life"] = _text(line.useful_life)
        elif line.kind == CostKind.INTEREST:
            item["opening_value"] = _text(line.opening_value)
            item["closing_value"] = _text(line.closing_value)
            item["deductible_capital"] = _text(line.deductible_capital)
            item["rate_percent"] = _text(line.rate_percent)
        else:
            item["amount"] = _text(line.amount)
        lines.append(item)
    doc["cost_lines"] = lines
    doc["other_revenue"] = [
        {"label": r.label, "amount": _text(r.amount)} for r in sheet.other_revenue
    ]
    doc["carry_forwards"] = [
        {"kind": c.kind, "arose_year": c.arose_year, "amount": _text(c.amount)}
        for c in sheet.carry_forwards
    ]
    doc["actuals"] = (
        None
        if sheet.actuals is None
        else {
            "cost": _text(sheet.actuals.cost),
            "other_revenue": _text(sheet.actuals.other_revenue),
            "units": _text(sheet.actuals.units),
        }
    )
    return doc


class _Reader:
    """Reads a document's values, collecting every problem by path."""

    def __init__(self) -> None:
        self.problems = _Problems()

    def decimal(
        self, obj: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> Decimal | None:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.problems.add(
                    f"{path}{key}", _("Feld „%(field)s“ fehlt.") % {"field": f"{path}{key}"}
                )
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal | float):
            self.problems.add(
                f"{path}{key}",
                _("Feld „%(field)s“ muss eine Zahl sein.") % {"field": f"{path}{key}"},
            )
            return None
        try:
            # A float only reaches here from a JSON reader without parse_float=Decimal;
            # its shortest text is what the author wrote.
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problems.add(
                f"{path}{key}",
                _("Feld „%(field)s“ muss eine Zahl sein (Dezimalpunkt, z. B. 1234.56).")
                % {"field": f"{path}{key}"},
            )
            return None
        return number

    def text(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key, None)
        if value is None:
            if required:
                self.problems.add(
                    f"{path}{key}", _("Feld „%(field)s“ fehlt.") % {"field": f"{path}{key}"}
                )
            return ""
        if not isinstance(value, str):
            self.problems.add(
                f"{path}{key}",
                _("Feld „%(field)s“ muss ein Text sein.") % {"field": f"{path}{key}"},
            )
            return ""
        return value.strip()

    def integer(self, obj: Mapping[str, Any], key: str, path: str) -> int:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            self.problems.add(
                f"{path}{key}",
                _("Feld „%(field)s“ muss eine ganze Zahl sein.") % {"field": f"{path}{key}"},
            )
            return 0
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = Decimal("0.5")
        if number != number.to_integral_value():
            self.problems.add(
                f"{path}{key}",
                _("Feld „%(field)s“ muss eine ganze Zahl sein.") % {"field": f"{path}{key}"},
            )
            return 0
        return int(number)

    def rows(self, obj: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = obj.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problems.add(
                key, _("Feld „%(field)s“ muss eine Liste von Objekten sein.") % {"field": key}
            )
            return []
        if len(value) > MAX_ROWS:
            self.problems.add(
                key,
                _("Feld „%(field)s“ hat mehr als %(max)d Zeilen.")
                % {"field": key, "max": MAX_ROWS},
            )
            return []
        return value


def from_document(doc: Any) -> Sheet:
    """The sheet of an exchange document; raises :class:`SheetInvalid` naming every field
    that is missing or malformed (the figures' rules are :func:`validate`'s)."""
    if not isinstance(doc, dict):
        raise SheetInvalid({"": [_("Die Datei enthält kein JSON-Objekt.")]})
    if doc.get("format") != FORMAT:
        raise SheetInvalid(
            {"format": [_("Feld „format“ muss „%(format)s“ sein.") % {"format": FORMAT}]}
        )
    if doc.get("version") != VERSION:
        raise SheetInvalid(
            {
                "version": [
                    _("Feld „version“: unterstützt wird Version %(version)d.")
                    % {"version": VERSION}
                ]
            }
        )
    r = _Reader()
    kind = r.text(doc, "kind", "")
    sheet_kwargs: dict[str, Any] = {
        "kind": kind,
        "title": r.text(doc, "title", ""),
        "year": r.integer(doc, "year", ""),
        "rounding": r.text(doc, "rounding", "", required=False) or Rounding.END,
        "notes": r.text(doc, "notes", "", required=False),
    }
    if kind == SheetKind.ADMINISTRATIVE:
        sheet_kwargs["grades"] = tuple(
            Grade(
                grade=r.text(g, "grade", f"grades[{i}]."),
                personnel_cost=r.decimal(g, "personnel_cost", f"grades[{i}].") or Decimal(0),
                material_cost=r.decimal(g, "material_cost", f"grades[{i}].") or Decimal(0),
                overhead_percent=r.decimal(g, "overhead_percent", f"grades[{i}].") or Decimal(0),
                annual_hours=r.decimal(g, "annual_hours", f"grades[{i}].") or Decimal(0),
            )
            for i, g in enumerate(r.rows(doc, "grades"))
        )
        sheet_kwargs["time_lines"] = tuple(
            TimeLine(
                activity=r.text(t, "activity", f"time_lines[{i}]."),
                grade=r.text(t, "grade", f"time_lines[{i}]."),
                minutes=r.decimal(t, "minutes", f"time_lines[{i}].") or Decimal(0),
                share_percent=r.decimal(t, "share_percent", f"time_lines[{i}].", required=False)
                or HUNDRED,
            )
            for i, t in enumerate(r.rows(doc, "time_lines"))
        )
    elif kind == SheetKind.USAGE:
        sheet_kwargs["unit"] = r.text(doc, "unit", "")
        sheet_kwargs["planned_units"] = r.decimal(doc, "planned_units", "")
        lines = []
        for i, c in enumerate(r.rows(doc, "cost_lines")):
            at = f"cost_lines[{i}]."
            line_kind = r.text(c, "kind", at)
            values: dict[str, Any] = {"kind": line_kind, "label": r.text(c, "label", at)}
            if line_kind == CostKind.DEPRECIATION:
                names: tuple[str, ...] = ("acquisition_value", "useful_life")
            elif line_kind == CostKind.INTEREST:
                names = ("opening_value", "closing_value", "deductible_capital", "rate_percent")
            else:
                names = ("amount",)
            for name in names:
                values[name] = r.decimal(c, name, at)
            lines.append(CostLine(**values))
        sheet_kwargs["cost_lines"] = tuple(lines)
        sheet_kwargs["other_revenue"] = tuple(
            Revenue(
                label=r.text(o, "label", f"other_revenue[{i}]."),
                amount=r.decimal(o, "amount", f"other_revenue[{i}].") or Decimal(0),
            )
            for i, o in enumerate(r.rows(doc, "other_revenue"))
        )
        sheet_kwargs["carry_forwards"] = tuple(
            CarryForward(
                kind=r.text(c, "kind", f"carry_forwards[{i}]."),
                arose_year=r.integer(c, "arose_year", f"carry_forwards[{i}]."),
                amount=r.decimal(c, "amount", f"carry_forwards[{i}].") or Decimal(0),
            )
            for i, c in enumerate(r.rows(doc, "carry_forwards"))
        )
        actuals = doc.get("actuals")
        if actuals is not None:
            if not isinstance(actuals, dict):
                r.problems.add("actuals", _("Feld „actuals“ muss ein Objekt oder null sein."))
            else:
                sheet_kwargs["actuals"] = Actuals(
                    cost=r.decimal(actuals, "cost", "actuals.") or Decimal(0),
                    other_revenue=r.decimal(actuals, "other_revenue", "actuals.", required=False)
                    or Decimal(0),
                    units=r.decimal(actuals, "units", "actuals.") or Decimal(0),
                )
    elif kind:
        r.problems.add("kind", _("Feld „kind“ muss „administrative“ oder „usage“ sein."))
    if r.problems.errors:
        raise SheetInvalid(r.problems.errors)
    return Sheet(**sheet_kwargs)


def from_json(text: str | bytes) -> Sheet:
    """The sheet of an exchange file's text."""
    try:
        doc = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise SheetInvalid(
            {"": [_("Die Datei ist kein gültiges JSON: %(error)s") % {"error": exc}]}
        ) from None
    return from_document(doc)


def result_document(result: Result) -> dict[str, Any]:
    """The computed figures as JSON (what ``verbund fee-sheet`` prints and a version
    keeps): amounts in euros as strings, intermediate figures to six places."""
    six = 6
    doc: dict[str, Any] = {
        "kind": result.kind,
        "rounding": result.rounding,
        "cost_per_case": _text(result.cost_per_case, six),
        "fee": _text(result.fee, 2),
    }
    if result.kind == SheetKind.ADMINISTRATIVE:
        doc["grades"] = [
            {
                "grade": g.grade.grade,
                "overhead": _text(g.grade.overhead, 2),
                "annual_cost": _text(g.grade.annual_cost, 2),
                "annual_minutes": _text(g.grade.annual_minutes, 0),
                "minute_rate": _text(g.grade.minute_rate, six),
                "applied_rate": _text(g.rate, six),
            }
            for g in result.grades
        ]
        doc["time_lines"] = [
            {
                "activity": t.line.activity,
                "grade": t.line.grade,
                "minutes": _text(t.line.minutes),
                "share_percent": _text(t.line.share_percent),
                "rate": _text(t.rate, six),
                "cost": _text(t.cost, six),
            }
            for t in result.lines
        ]
        doc["total_minutes"] = _text(result.total_minutes, 2)
        return doc
    doc["cost_lines"] = [
        {"kind": c.line.kind, "label": c.line.label, "amount": _text(c.amount, 2)}
        for c in result.cost_lines
    ]
    doc["cost_by_kind"] = {kind: _text(amount, 2) for kind, amount in result.cost_by_kind}
    doc["total_cost"] = _text(result.total_cost, 2)
    doc["other_revenue"] = _text(result.other_revenue, 2)
    doc["over_returned"] = _text(result.over_returned, 2)
    doc["under_recovered"] = _text(result.under_recovered, 2)
    doc["to_cover"] = _text(result.to_cover, 2)
    doc["planned_units"] = _text(result.planned_units)
    doc["carry_forwards"] = [
        {
            "kind": c.carry.kind,
            "arose_year": c.carry.arose_year,
            "amount": _text(c.carry.amount, 2),
            "due_year": c.due_year,
        }
        for c in result.carry_forwards
    ]
    n = result.nachkalkulation
    doc["nachkalkulation"] = (
        None
        if n is None
        else {
            "actual_cost": _text(n.actual_cost, 2),
            "actual_other_revenue": _text(n.actual_other_revenue, 2),
            "carried": _text(n.carried, 2),
            "to_cover": _text(n.to_cover, 2),
            "units": _text(n.units),
            "revenue": _text(n.revenue, 2),
            "difference": _text(abs(n.difference), 2),
            "kind": n.kind,
            "settle_from": n.settle_from,
            "due_year": n.due_year,
        }
    )
    return doc


__all__ = [
    "FORMAT",
    "VERSION",
    "Actuals",
    "CarryForward",
    "CarryKind",
    "CostKind",
    "CostLine",
    "Grade",
    "Result",
    "Revenue",
    "Rounding",
    "Sheet",
    "SheetInvalid",
    "SheetKind",
    "TimeLine",
    "compute",
    "from_document",
    "from_json",
    "result_document",
    "rounding_rule",
    "to_document",
    "validate",
]
