"""A survey's answers for spreadsheets and statistics programs: CSV and XLSX, one row
per submitted recipient, with a code book.

The columns: ARS, Name, Land, Art, Einwohner, abgeschickt am, ausgefüllt von, then
one per question, named by its key: a multiple choice has one 0/1 column per option
(``<key>.<option>``), a matrix one column per row (``<key>.<row>``). Answers are
written as codes (option keys, numbers, ISO dates); the code book names each column,
its question, type, codes and their labels, scores, the field of action and when the
question is asked. An empty cell: the question was not asked of that recipient or
not answered.

CSV is what German Excel opens by double click: UTF-8 with a byte order mark, ";"
between cells, a decimal comma, ``\\r\\n`` line ends. A text cell that starts like a
formula (``= + - @``, a tab or a carriage return) gets an apostrophe in front, in
the CSV and in the XLSX, so that no spreadsheet runs it (CSV injection). The XLSX is
written by openpyxl in write-only mode (rows streamed, nothing kept per cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from verbund.core.spreadsheets import escape_formula
from verbund.surveys import engine
from verbund.surveys.breakdowns import breakdown, kind_group, land_names
from verbund.surveys.engine import Type
from verbund.surveys.models import Recipient, Survey
from verbund.surveys.results.selectors import submitted_recipients
from verbund.surveys.results.stats import number_text

Value = str | int | Decimal | dt.date | dt.datetime | None
CODEBOOK_SHEET = "Codebuch"
ANSWERS_SHEET = "Antworten"


@dataclass(frozen=True)
class Column:
    """One column of the answers: its name, how to read it from a recipient, and its
    entry in the code book."""

    name: str
    value: Callable[[Recipient, dict[str, str]], Value]
    number: int | None = None
    text: str = ""
    type: str = ""
    codes: str = ""
    scores: str = ""
    field: str = ""
    condition: str = ""

    def codebook_row(self) -> list[Value]:
        return [
            self.name,
            self.number,
            self.text,
            self.type,
            self.codes,
            self.scores,
            self.field,
            self.condition,
        ]


CODEBOOK_HEADER = (
    "Spalte",
    "Frage-Nr.",
    "Frage",
    "Art",
    "Codes",
    "Punkte",
    "Handlungsfeld",
    "gestellt, wenn",
)


def _submitted_at(recipient: Recipient, _lands: dict[str, str]) -> Value:
    if recipient.submitted_at is None:
        return None
    return timezone.localtime(recipient.submitted_at).replace(tzinfo=None, microsecond=0)


def _land(recipient: Recipient, lands: dict[str, str]) -> Value:
    land = breakdown("land")
    assert land is not None
    return land.group(recipient.authority, lands)[1]


FIXED_COLUMNS: tuple[Column, ...] = (
    Column("ARS", lambda r, _l: r.authority.ars, text="Amtlicher Regionalschlüssel"),
    Column("Name", lambda r, _l: r.authority.name, text="Name der Behörde laut Register"),
    Column("Land", _land, text="Land"),
    Column("Art", lambda r, _l: kind_group(r.authority)[1], text="Art der Gebietskörperschaft"),
    Column("Einwohner", lambda r, _l: r.authority.population, text="Einwohner laut Register"),
    Column("abgeschickt am", _submitted_at, text="Zeitpunkt des Abschickens (Ortszeit)"),
    Column("ausgefüllt von", lambda r, _l: r.respondent, text="Angabe der Befragten"),
)


def _answer(key: str) -> Callable[[Recipient, dict[str, str]], Any]:
    return lambda recipient, _lands: (recipient.answers or {}).get(key)


def _pairs(pairs: Iterable[tuple[str, object]]) -> str:
    return "; ".join(f"{key} = {label}" for key, label in pairs)


def _score_text(options: Sequence[engine.Option]) -> str:
    return _pairs((o.key, number_text(o.score)) for o in options if o.score is not None)


def _condition_text(question: engine.Question) -> str:
    if question.show_if is None:
        return ""
    return f"{question.show_if.question} = {' oder '.join(question.show_if.values)}"


def _number_codes(question: engine.Question) -> str:
    parts = [_("Zahl")]
    if question.minimum is not None and question.maximum is not None:
        parts.append(
            _("von %(min)s bis %(max)s")
            % {"min": number_text(question.minimum), "max": number_text(question.maximum)}
        )
    elif question.minimum is not None:
        parts.append(_("ab %(min)s") % {"min": number_text(question.minimum)})
    elif question.maximum is not None:
        parts.append(_("bis %(max)s") % {"max": number_text(question.maximum)})
    parts.append(
        ngettext("%(n)s Nachkommastelle", "%(n)s Nachkommastellen", question.decimals)
        % {"n": question.decimals}
    )
    return ", ".join(parts)


def _scale_codes(question: engine.Question) -> str:
    labels = {}
    values = question.scale_values
    if question.min_label:
        labels[values[0]] = question.min_label
    if question.max_label:
        labels[values[-1]] = question.max_label
    return "; ".join(f"{v} = {labels[v]}" if v in labels else str(v) for v in values)


def _codes(question: engine.Question) -> str:
    if question.type is Type.NUMBER:
        return _number_codes(question)
    if question.type is Type.SCALE:
        return _scale_codes(question)
    if question.type is Type.DATE:
        return _("Datum (JJJJ-MM-TT)")
    if question.type is Type.TEXT:
        return _("Freitext")
    return _pairs((o.key, o.label) for o in question.options)


def columns(survey: engine.Survey) -> list[Column]:
    """Every column of the answers table, the fixed ones first."""
    found = list(FIXED_COLUMNS)
    for q in survey.questions:
        common: dict[str, Any] = {
            "number": q.number,
            "type": engine.TYPE_LABELS[q.type],
            "field": survey.field_label(q.field) if q.field else "",
            "condition": _condition_text(q),
        }
        if q.type is Type.MULTIPLE:
            for option in q.options:
                found.append(
                    Column(
                        f"{q.key}.{option.key}",
                        _picked(q.key, option.key),
                        text=f"{q.text} – {option.label}",
                        codes=_("1 = genannt; 0 = nicht genannt"),
                        scores=number_text(option.score) if option.score is not None else "",
                        **common,
                    )
                )
        elif q.type is Type.MATRIX:
            for row in q.rows:
                found.append(
                    Column(
                        f"{q.key}.{row.key}",
                        _matrix_cell(q.key, row.key),
                        text=f"{q.text} – {row.label}",
                        codes=_pairs((o.key, o.label) for o in q.options),
                        scores=_score_text(q.options),
                        **common,
                    )
                )
        else:
            scores = _score_text(q.options)
            if q.type is Type.SCALE and q.scored:
                scores = _("Punkte = Wert")
            read = _day(q.key) if q.type is Type.DATE else _answer(q.key)
            found.append(Column(q.key, read, text=q.text, codes=_codes(q), scores=scores, **common))
    return found


def _picked(key: str, option: str) -> Callable[[Recipient, dict[str, str]], Value]:
    def read(recipient: Recipient, _lands: dict[str, str]) -> Value:
        chosen = (recipient.answers or {}).get(key)
        if not chosen:
            return None
        return 1 if option in chosen else 0

    return read


def _day(key: str) -> Callable[[Recipient, dict[str, str]], Value]:
    def read(recipient: Recipient, _lands: dict[str, str]) -> Value:
        value = (recipient.answers or {}).get(key)
        return dt.date.fromisoformat(value) if isinstance(value, str) else None

    return read


def _matrix_cell(key: str, row: str) -> Callable[[Recipient, dict[str, str]], Value]:
    def read(recipient: Recipient, _lands: dict[str, str]) -> Value:
        cells = (recipient.answers or {}).get(key)
        return cells.get(row) if isinstance(cells, dict) else None

    return read


def _typed(value: Any) -> Value:
    """A float of the JSON as the exact decimal it was typed as (4.5, not 4.4999…)."""
    if isinstance(value, float):
        return Decimal(str(value))
    if value is None or isinstance(value, (str, int, Decimal, dt.date)):
        return value
    return str(value)


def answer_rows(survey: Survey) -> tuple[list[Column], list[list[Value]]]:
    """The columns and one row of values per submitted recipient (by the authority's
    name); values typed: text, whole numbers, ``Decimal``, dates, ``None`` for empty."""
    compiled = engine.compile_survey(survey.definition)
    cols = columns(compiled)
    lands = land_names()
    rows = [
        [_typed(col.value(recipient, lands)) for col in cols]
        for recipient in submitted_recipients(survey)
    ]
    return cols, rows


# --- CSV ------------------------------------------------------------------------------------


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_formula(str(value))


def _csv(rows: Iterable[Sequence[Value]]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def results_csv(survey: Survey) -> bytes:
    """The answers as CSV (UTF-8 with BOM)."""
    cols, rows = answer_rows(survey)
    return _csv([[c.name for c in cols], *rows])


def codebook_csv(survey: Survey) -> bytes:
    """The code book as CSV (UTF-8 with BOM): one row per column of the answers."""
    cols = columns(engine.compile_survey(survey.definition))
    return _csv([CODEBOOK_HEADER, *(c.codebook_row() for c in cols)])


# --- XLSX -----------------------------------------------------------------------------------


def _xlsx_cell(value: Value) -> Any:
    if isinstance(value, str):
        # Control characters are not allowed in the file format; they carry no meaning.
        return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def results_xlsx(survey: Survey) -> bytes:
    """The answers (sheet "Antworten") and the code book (sheet "Codebuch") as XLSX."""
    cols, rows = answer_rows(survey)
    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet: Any, names: Sequence[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(name))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    answers = book.create_sheet(ANSWERS_SHEET)
    answers.freeze_panes = "C2"
    header(answers, [c.name for c in cols])
    for row in rows:
        answers.append([_xlsx_cell(v) for v in row])

    codebook = book.create_sheet(CODEBOOK_SHEET)
    codebook.freeze_panes = "A2"
    header(codebook, CODEBOOK_HEADER)
    for col in cols:
        codebook.append([_xlsx_cell(v) for v in col.codebook_row()])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
