"""Forms of the fee calculation: the sheet editor (row tables that work without
JavaScript: a fixed number of empty rows and a "more rows" button), the import upload,
the rate table form and the small action forms.

Numbers are written as people in Germany write them ("1.234,56", "3,03"). The rules
on the figures are the engine's (``engine.validate``): its messages are put at the
field they name, so the editor and the exchange format say the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.catalogue.models import Service
from verbund.fees import engine
from verbund.fees.engine import CarryKind, CostKind, Rounding, SheetKind

EXTRA_ROWS = 3
MORE_ROWS = 5
MAX_EDITOR_ROWS = 200
_NUMBER_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "kern-form-input__input"}
_TEXT_ATTRS = {"autocomplete": "off", "class": "kern-form-input__input"}

_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.234 or 1.234,56
_COMMA = re.compile(r"^-?\d+(?:,\d+)?$")  # 1234 or 1234,56
_POINT = re.compile(r"^-?\d+\.\d{1,2}$")  # 1234.56 as a copy from a program may send it


def german_decimal(text: str) -> Decimal | None:
    """A number as written in Germany, or ``None`` when empty. A negative number passes:
    the engine refuses it in its own words, naming the field."""
    value = re.sub(r"[\s\u00a0]", "", text).removesuffix("€").removesuffix("%")
    if not value:
        return None
    if _GROUPED.match(value) or _COMMA.match(value):
        try:
            return Decimal(value.replace(".", "").replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the patterns admit digits only
            pass
    elif _POINT.match(value):
        return Decimal(value)
    raise forms.ValidationError(_("Geben Sie eine Zahl an, zum Beispiel 1.234,56."))


def german_text(value: Decimal | str | None) -> str:
    """A figure as the editor shows it: decimal comma, no grouping (easy to edit)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    text = (
        format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
    )
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class GermanDecimalField(forms.Field):
    """A number in German notation; empty is ``None``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=dict(_NUMBER_ATTRS)))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "")
        if len(text) > 40:
            raise forms.ValidationError(_("Geben Sie eine Zahl an, zum Beispiel 1.234,56."))
        return german_decimal(text)


# The row tables of each kind of sheet: (part, [(column, label, numeric)]).
Column = tuple[str, Any, str]  # name, label, "number" | "text" | choices key

GRADE_COLUMNS: list[Column] = [
    ("grade", gettext_lazy("Gruppe"), "text"),
    ("personnel_cost", gettext_lazy("Personalkosten €/Jahr"), "number"),
    ("material_cost", gettext_lazy("Sachkosten €/Jahr"), "number"),
    ("overhead_percent", gettext_lazy("Gemeinkosten %"), "number"),
    ("annual_hours", gettext_lazy("Jahresarbeitsstunden"), "number"),
]
TIME_COLUMNS: list[Column] = [
    ("activity", gettext_lazy("Tätigkeit"), "text"),
    ("grade", gettext_lazy("Gruppe"), "text"),
    ("minutes", gettext_lazy("Minuten je Fall"), "number"),
    ("share_percent", gettext_lazy("Anteil der Fälle %"), "number"),
]
COST_COLUMNS: list[Column] = [
    ("kind", gettext_lazy("Kostenart"), "cost_kind"),
    ("label", gettext_lazy("Bezeichnung"), "text"),
    ("amount", gettext_lazy("Betrag €"), "number"),
    ("acquisition_value", gettext_lazy("Anschaffungswert €"), "number"),
    ("useful_life", gettext_lazy("Nutzungsdauer Jahre"), "number"),
    ("opening_value", gettext_lazy("Restwert Jahresanfang €"), "number"),
    ("closing_value", gettext_lazy("Restwert Jahresende €"), "number"),
    ("deductible_capital", gettext_lazy("Abzugskapital €"), "number"),
    ("rate_percent", gettext_lazy("Zinssatz %"), "number"),
]
REVENUE_COLUMNS: list[Column] = [
    ("label", gettext_lazy("Bezeichnung"), "text"),
    ("amount", gettext_lazy("Betrag €"), "number"),
]
CARRY_COLUMNS: list[Column] = [
    ("kind", gettext_lazy("Art"), "carry_kind"),
    ("arose_year", gettext_lazy("entstanden im Jahr"), "number"),
    ("amount", gettext_lazy("Betrag €"), "number"),
]

PARTS: dict[str, tuple[list[Column], Any]] = {
    "grades": (GRADE_COLUMNS, gettext_lazy("Stellen")),
    "time_lines": (TIME_COLUMNS, gettext_lazy("Zeitaufwand")),
    "cost_lines": (COST_COLUMNS, gettext_lazy("Kosten")),
    "other_revenue": (REVENUE_COLUMNS, gettext_lazy("Andere Erlöse")),
    "carry_forwards": (CARRY_COLUMNS, gettext_lazy("Vorträge")),
}
KIND_PARTS = {
    SheetKind.ADMINISTRATIVE: ("grades", "time_lines"),
    SheetKind.USAGE: ("cost_lines", "other_revenue", "carry_forwards"),
}


def _choices(key: str) -> list[tuple[str, Any]]:
    if key == "cost_kind":
        return [(k.value, engine.COST_KIND_LABELS[k]) for k in CostKind]
    return [(k.value, engine.CARRY_LABELS[k]) for k in CarryKind]


def rows_from_document(document: Mapping[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The editor's rows of a sheet document (figures in German notation)."""
    rows: dict[str, list[dict[str, str]]] = {}
    for part, (columns, _label) in PARTS.items():
        rows[part] = [
            {
                name: german_text(item.get(name)) if kind == "number" else str(item.get(name) or "")
                for name, _l, kind in columns
            }
            for item in document.get(part) or []
        ]
    return rows


class SheetForm(forms.Form):
    """The whole sheet: its head, the row tables of its kind and, for a usage fee, the
    Nachkalkulation. ``rows`` gives how many rows each table shows."""

    title = forms.CharField(label=gettext_lazy("Bezeichnung der Gebühr"), max_length=200)
    year = forms.IntegerField(
        label=gettext_lazy("Kalkulationsjahr"), min_value=1990, max_value=2100
    )
    rounding = forms.ChoiceField(
        label=gettext_lazy("Rundung"),
        choices=[(r.value, engine.ROUNDING_LABELS[r]) for r in Rounding],
        help_text=gettext_lazy(
            "Die Regel wird auf die Kalkulation gedruckt. „Nur am Ende“ rechnet alle "
            "Zwischenwerte ungerundet."
        ),
    )
    service = forms.TypedChoiceField(
        label=gettext_lazy("Leistung im Katalog"), required=False, coerce=int, empty_value=None
    )
    notes = forms.CharField(
        label=gettext_lazy("Erläuterungen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.CharField(
        label=gettext_lazy("Maßeinheit"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("z. B. m³, Grabstelle, Tonne"),
    )
    planned_units = GermanDecimalField(label=gettext_lazy("Geplante Menge"))
    actual_cost = GermanDecimalField(label=gettext_lazy("Tatsächliche Kosten €"))
    actual_other_revenue = GermanDecimalField(label=gettext_lazy("Tatsächliche andere Erlöse €"))
    actual_units = GermanDecimalField(label=gettext_lazy("Tatsächliche Menge"))
    note = forms.CharField(
        label=gettext_lazy("Was haben Sie geändert?"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Erscheint in der Versionsliste."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        kind: str,
        services: Sequence[Service],
        rows: Mapping[str, int],
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=dict(initial) if initial else None)
        self.kind = kind
        self.rows = dict(rows)
        cast(forms.ChoiceField, self.fields["service"]).choices = [
            ("", _("– keine –")),
            *((s.pk, s.title) for s in services),
        ]
        self._services = {s.pk: s for s in services}
        if kind == SheetKind.ADMINISTRATIVE:
            for name in (
                "unit",
                "planned_units",
                "actual_cost",
                "actual_other_revenue",
                "actual_units",
            ):
                del self.fields[name]
        for part in KIND_PARTS[SheetKind(kind)]:
            columns, part_label = PARTS[part]
            for i in range(self.rows.get(part, 0)):
                for name, label, col_kind in columns:
                    field_label = _("%(part)s, Zeile %(n)d: %(column)s") % {
                        "part": part_label,
                        "n": i + 1,
                        "column": label,
                    }
                    field: forms.Field
                    if col_kind == "number":
                        field = GermanDecimalField(label=field_label)
                    elif col_kind == "text":
                        field = forms.CharField(
                            label=field_label,
                            required=False,
                            max_length=200,
                            widget=forms.TextInput(attrs=dict(_TEXT_ATTRS)),
                        )
                    else:
                        field = forms.ChoiceField(
                            label=field_label, required=False, choices=_choices(col_kind)
                        )
                    self.fields[f"{part}-{i}-{name}"] = field
        self.row_index: dict[str, list[int]] = {}
        self.chosen_service: Service | None = None
        self.sheet: engine.Sheet | None = None

    def built(self) -> engine.Sheet:
        """The sheet of a valid form."""
        assert self.sheet is not None
        return self.sheet

    def table(self, part: str) -> list[list[forms.BoundField]]:
        columns, _label = PARTS[part]
        return [
            [self[f"{part}-{i}-{name}"] for name, _l, _k in columns]
            for i in range(self.rows.get(part, 0))
        ]

    def _part_rows(self, part: str) -> list[dict[str, Any]]:
        columns, _label = PARTS[part]
        found = []
        self.row_index[part] = []
        for i in range(self.rows.get(part, 0)):
            values = {name: self.cleaned_data.get(f"{part}-{i}-{name}") for name, _l, _k in columns}
            # A select always sends its first choice: the kind alone is no content.
            filled = {k: v for k, v in values.items() if v not in (None, "") and k != "kind"}
            if not filled:
                continue
            self.row_index[part].append(i)
            found.append(values)
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        service_id = data.get("service")
        self.chosen_service = self._services.get(service_id) if service_id else None
        try:
            self.sheet = self._sheet(data)
        except engine.SheetInvalid as exc:  # pragma: no cover - the form gives complete rows
            self._add_engine_errors(exc.errors)
            return data
        self._add_engine_errors(engine.validate(self.sheet))
        return data

    def _sheet(self, data: Mapping[str, Any]) -> engine.Sheet:
        def dec(value: Any, default: Decimal = Decimal(0)) -> Decimal:
            return value if isinstance(value, Decimal) else default

        common: dict[str, Any] = {
            "kind": self.kind,
            "title": data["title"].strip(),
            "year": data["year"],
            "rounding": data["rounding"],
            "notes": data.get("notes", "").strip(),
        }
        if self.kind == SheetKind.ADMINISTRATIVE:
            return engine.Sheet(
                **common,
                grades=tuple(
                    engine.Grade(
                        grade=(r["grade"] or "").strip(),
                        personnel_cost=dec(r["personnel_cost"]),
                        material_cost=dec(r["material_cost"]),
                        overhead_percent=dec(r["overhead_percent"]),
                        annual_hours=dec(r["annual_hours"]),
                    )
                    for r in self._part_rows("grades")
                ),
                time_lines=tuple(
                    engine.TimeLine(
                        activity=(r["activity"] or "").strip(),
                        grade=(r["grade"] or "").strip(),
                        minutes=dec(r["minutes"]),
                        share_percent=dec(r["share_percent"], engine.HUNDRED),
                    )
                    for r in self._part_rows("time_lines")
                ),
            )
        cost_lines = []
        for r in self._part_rows("cost_lines"):
            kind = r["kind"] or CostKind.PERSONNEL
            values: dict[str, Any] = {"kind": kind, "label": (r["label"] or "").strip()}
            if kind == CostKind.DEPRECIATION:
                names: tuple[str, ...] = ("acquisition_value", "useful_life")
            elif kind == CostKind.INTEREST:
                names = ("opening_value", "closing_value", "deductible_capital", "rate_percent")
            else:
                names = ("amount",)
            for name in names:
                values[name] = r[name]
            cost_lines.append(engine.CostLine(**values))
        actual = [
            data.get("actual_cost"),
            data.get("actual_other_revenue"),
            data.get("actual_units"),
        ]
        actuals = None
        if any(v is not None for v in actual):
            actuals = engine.Actuals(
                cost=dec(actual[0]), other_revenue=dec(actual[1]), units=dec(actual[2])
            )
            if actual[0] is None:
                self.add_error(
                    "actual_cost",
                    _("Nachkalkulation: Bitte geben Sie die tatsächlichen Kosten an."),
                )
            if actual[2] is None:
                self.add_error(
                    "actual_units", _("Nachkalkulation: Bitte geben Sie die tatsächliche Menge an.")
                )
        carries = []
        for i, r in enumerate(self._part_rows("carry_forwards")):
            year = r["arose_year"]
            if year is None or year != year.to_integral_value():
                self.add_error(
                    f"carry_forwards-{self.row_index['carry_forwards'][i]}-arose_year",
                    _("Vorträge, Zeile %(n)d: Geben Sie das Jahr an, z. B. 2024.") % {"n": i + 1},
                )
                year = Decimal(0)
            carries.append(
                engine.CarryForward(
                    kind=r["kind"] or CarryKind.OVER, arose_year=int(year), amount=dec(r["amount"])
                )
            )
        return engine.Sheet(
            **common,
            unit=(data.get("unit") or "").strip(),
            planned_units=data.get("planned_units"),
            cost_lines=tuple(cost_lines),
            other_revenue=tuple(
                engine.Revenue(label=(r["label"] or "").strip(), amount=dec(r["amount"]))
                for r in self._part_rows("other_revenue")
            ),
            carry_forwards=tuple(carries),
            actuals=actuals,
        )

    def _add_engine_errors(self, errors: Mapping[str, list[str]]) -> None:
        """Put the engine's messages at the field each path names."""
        for path, messages in errors.items():
            field = _field_of(path, self.row_index)
            if field == "actuals.cost":
                field = "actual_cost"
            elif field == "actuals.other_revenue":
                field = "actual_other_revenue"
            elif field == "actuals.units":
                field = "actual_units"
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


_PATH = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def _field_of(path: str, row_index: Mapping[str, list[int]]) -> str:
    match = _PATH.match(path)
    if not match:
        return path
    part, index, name = match.group(1), int(match.group(2)), match.group(3)
    rows = row_index.get(part, [])
    row = rows[index] if index < len(rows) else index
    return f"{part}-{row}-{name}"


def row_counts(
    data: Mapping[str, Any] | None, filled: Mapping[str, int], kind: str
) -> dict[str, int]:
    """How many rows each table shows: the posted count (plus more where "more rows" was
    pressed), else the filled rows plus a few empty ones."""
    counts: dict[str, int] = {}
    more = data.get("more") if data else None
    for part in KIND_PARTS[SheetKind(kind)]:
        posted = data.get(f"{part}-rows") if data else None
        if posted is not None and str(posted).isdigit():
            count = int(posted)
        else:
            count = filled.get(part, 0) + EXTRA_ROWS
        if more == part:
            count += MORE_ROWS
        counts[part] = max(1, min(count, MAX_EDITOR_ROWS))
    return counts


def initial_of(document: Mapping[str, Any], service_id: int | None) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": document.get("title", ""),
        "year": document.get("year"),
        "rounding": document.get("rounding", Rounding.END),
        "notes": document.get("notes", ""),
        "service": service_id,
        "unit": document.get("unit", ""),
        "planned_units": german_text(document.get("planned_units")),
    }
    actuals = document.get("actuals") or {}
    initial["actual_cost"] = german_text(actuals.get("cost"))
    initial["actual_other_revenue"] = german_text(actuals.get("other_revenue"))
    initial["actual_units"] = german_text(actuals.get("units"))
    for part, rows in rows_from_document(document).items():
        for i, row in enumerate(rows):
            for name, value in row.items():
                initial[f"{part}-{i}-{name}"] = value
    return initial


def filled_counts(document: Mapping[str, Any]) -> dict[str, int]:
    return {part: len(document.get(part) or []) for part in PARTS}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei (JSON, Format „verbund-fee-sheet“)"),
        help_text=gettext_lazy("Höchstens 1 MB."),
    )

    MAX_BYTES = 1024 * 1024

    def clean_file(self) -> engine.Sheet:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 1 MB."))
        raw = upload.read()
        try:
            return engine.from_json(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Die Datei ist nicht in UTF-8 kodiert.")) from None
        except engine.SheetInvalid as exc:
            raise forms.ValidationError(_messages(exc.errors)) from None


def _messages(errors: Mapping[str, Iterable[str]]) -> list[str]:
    out = []
    for path, messages in errors.items():
        for message in messages:
            out.append(f"{path}: {message}" if path and path not in message else message)
    return out


class CopyForm(forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("Für welche Behörde?"), coerce=int)
    year = forms.IntegerField(
        label=gettext_lazy("Kalkulationsjahr"), min_value=1990, max_value=2100
    )

    def __init__(
        self, data: Any = None, *, authorities: Sequence[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["authority"]).choices = list(authorities)


class AttachForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Bezeichnung der Gebühr in der Leistung"), max_length=200
    )


class RateTableForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Bezeichnung"), max_length=200)
    edition = forms.CharField(
        label=gettext_lazy("Ausgabe"),
        max_length=60,
        help_text=gettext_lazy("z. B. KGSt-Bericht 2025/2026"),
    )
    year = forms.IntegerField(
        label=gettext_lazy("gilt für das Jahr"), min_value=1990, max_value=2100
    )
    source = forms.CharField(label=gettext_lazy("Quelle"), max_length=300, required=False)

    def __init__(self, data: Any = None, *, rows: int, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.rows = {"grades": rows}
        columns, part_label = PARTS["grades"]
        for i in range(rows):
            for name, label, col_kind in columns:
                field_label = _("%(part)s, Zeile %(n)d: %(column)s") % {
                    "part": part_label,
                    "n": i + 1,
                    "column": label,
                }
                if col_kind == "number":
                    self.fields[f"grades-{i}-{name}"] = GermanDecimalField(label=field_label)
                else:
                    self.fields[f"grades-{i}-{name}"] = forms.CharField(
                        label=field_label,
                        required=False,
                        max_length=40,
                        widget=forms.TextInput(attrs=dict(_TEXT_ATTRS)),
                    )
        self.row_index: dict[str, list[int]] = {"grades": []}

    def table(self) -> list[list[forms.BoundField]]:
        columns, _label = PARTS["grades"]
        return [
            [self[f"grades-{i}-{name}"] for name, _l, _k in columns]
            for i in range(self.rows["grades"])
        ]

    def grades(self) -> list[engine.Grade]:
        found = []
        for i in range(self.rows["grades"]):
            values = {
                name: self.cleaned_data.get(f"grades-{i}-{name}") for name, _l, _k in GRADE_COLUMNS
            }
            if all(v in (None, "") for v in values.values()):
                continue
            self.row_index["grades"].append(i)
            found.append(
                engine.Grade(
                    grade=(values["grade"] or "").strip(),
                    personnel_cost=values["personnel_cost"]
                    if values["personnel_cost"] is not None
                    else Decimal(0),
                    material_cost=values["material_cost"]
                    if values["material_cost"] is not None
                    else Decimal(0),
                    overhead_percent=values["overhead_percent"]
                    if values["overhead_percent"] is not None
                    else Decimal(0),
                    annual_hours=values["annual_hours"]
                    if values["annual_hours"] is not None
                    else Decimal(0),
                )
            )
        return found

    def add_refusal(self, errors: Mapping[str, list[str]]) -> None:
        for path, messages in errors.items():
            field = _field_of(path, self.row_index)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
