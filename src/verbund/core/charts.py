"""Charts drawn on the server as SVG, each with the same numbers as a table.

Pages ship no JavaScript, so a chart is a piece of inline SVG computed here and
put into the page by ``components/chart.html``, which adds the data table
inside a ``<details>`` element. Every builder returns a ``Chart``: the SVG
(escaped, ``role="img"``, named by its own ``<title>`` and ``<desc>``) and a
``ChartTable`` with caption, header and rows as display strings.

Numbers are formatted in the active language (German by default: "40.700,00 €").
Colours come from ``PALETTE`` only; every colour used for a graphical object has
at least 3:1 contrast against the white chart background (WCAG 1.4.11), every
text at least 4.5:1 against what it is drawn on (WCAG 1.4.3), and meaning never
depends on colour alone: values are written as text, stacked parts carry a
pattern, matrix cells show the level number. See docs/charts.md.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

EURO = "€"
"""The ``unit`` that formats values as euro amounts with two decimal places."""

Number = Decimal | int


@dataclass(frozen=True)
class Palette:
    """The chart colours, with the contrast each one is chosen for.

    Contrast ratios are against ``background`` (white) unless noted; the tests
    recompute them with the WCAG formula.
    """

    background: str = "#ffffff"
    text: str = "#131525"  # KERN's default text colour, 18.1:1
    outline: str = "#4d5566"  # axes, cell borders and empty tracks, 7.5:1
    # Parts of stacked bars and single bars; each at least 4.8:1. Neighbouring
    # parts are separated by a white gap and distinguished by ``PATTERNS``.
    series: tuple[str, ...] = (
        "#2044aa",  # KERN action blue, 8.5:1
        "#c04f00",  # vermilion, 4.8:1
        "#007a5a",  # bluish green, 5.3:1
        "#a6477f",  # reddish purple, 5.5:1
        "#8a6500",  # ochre, 5.3:1
        "#4d5566",  # slate, 7.5:1
    )
    # Level matrix, lowest to highest level: (cell fill, number colour). The
    # number has at least 6.1:1 against its fill; cells have an ``outline``
    # border, so even the palest cell stands out from the background.
    levels: tuple[tuple[str, str], ...] = (
        ("#f4f5fa", "#131525"),  # 16.6:1
        ("#c9d3f0", "#131525"),  # 12.1:1
        ("#8fa3de", "#131525"),  # 7.3:1
        ("#3c5bbf", "#ffffff"),  # 6.1:1
        ("#142c70", "#ffffff"),  # 12.9:1
    )


PALETTE = Palette()

# One pattern per series, drawn in white over the series colour on an 8×8 tile,
# so that parts of a stacked bar differ by more than colour (also in greyscale
# print): (path, stroke width). The first series is solid.
PATTERNS: tuple[tuple[str, float], ...] = (
    ("", 0),  # solid
    ("M-2 2l4-4M0 8l8-8M6 10l4-4", 1.5),  # diagonal stripes
    ("M4 4h.01", 3),  # dots (a round cap on a zero-length line)
    ("M0 0l8 8M8 0l-8 8", 1.5),  # cross-hatch
    ("M0 4h8", 1.5),  # horizontal stripes
    ("M4 0v8", 1.5),  # vertical stripes
)

# Layout, in SVG user units (1 unit = 1 CSS pixel at natural size). Bar charts:
# labels left of PLOT_X, bars over PLOT_WIDTH, values right-aligned at VALUE_X.
WIDTH = 720
LABEL_X = 4
PLOT_X = 240
PLOT_WIDTH = 320
VALUE_X = WIDTH - 8
TOP = 8
ROW_HEIGHT = 36
BAR_HEIGHT = 24
BOTTOM = 8
FONT_SIZE = 16  # KERN's small text size
BASELINE = 6  # from a row's middle to the text baseline: about 0.35 em
# Fira Sans needs about half an em (8 units) per character: 28 characters fit
# left of PLOT_X, 18 right of the bars.
MAX_LABEL_CHARS = 28
MAX_LEGEND_CHARS = 80
LEGEND_ROW = 28
LEGEND_SWATCH = 18
EMPTY_HEIGHT = 48

# Level matrix: column headers rotated by 45° above the cells, legend below. A long
# column name wraps onto up to MAX_COLUMN_LINES lines of MAX_COLUMN_LABEL_CHARS,
# COLUMN_LINE_HEIGHT apart across the slant; the columns then move apart so that the
# next header starts COLUMN_GAP beyond the last line of one (clearly more than a line,
# so that the lines of one name read together), and the header grows.
MATRIX_HEADER = 144
CELL_WIDTH = 52
CELL_HEIGHT = 36
MAX_COLUMN_LABEL_CHARS = 24
MAX_COLUMN_LINES = 3
COLUMN_LINE_HEIGHT = 17
COLUMN_GAP = 30
SLANT = Decimal("0.7072")  # sin 45°, rounded up: offsets along the rotated axes
MATRIX_LEGEND_ROW = 36
MATRIX_LEGEND_CELL = (36, 28)
MATRIX_MIN_WIDTH = 480

_CENT = Decimal("0.01")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class ChartTable:
    """The data-table alternative: the first cell of each row is its row header."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: bool = True  # right-align the cells after the row header


@dataclass(frozen=True)
class Chart:
    """An SVG chart and its data table, ready for ``components/chart.html``."""

    id: str
    title: str
    description: str
    svg: SafeString
    table: ChartTable


# --- number formatting ---------------------------------------------------------


def format_number(value: Number, decimal_pos: int | None = None) -> str:
    """A number in the active language's format, grouped: "1.234.567", "12,5".

    With ``decimal_pos`` the value is rounded half up to that many places
    (Django's ``number_format`` would cut the digits off instead).
    """
    if decimal_pos is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimal_pos), ROUND_HALF_UP)
    return formats.number_format(value, decimal_pos, use_l10n=True, force_grouping=True)


def format_euro(value: Number) -> str:
    """An amount in euro, rounded to the cent: "40.700,00 €"."""
    return f"{format_number(value, 2)} {EURO}"


def format_value(value: Number, unit: str = "") -> str:
    """A value with its unit: euro amounts with cents, anything else as it is."""
    if unit == EURO:
        return format_euro(value)
    text = format_number(value)
    return f"{text} {unit}" if unit else text


def whole_percent(done: int, total: int) -> int | None:
    """``done`` of ``total`` in whole per cent; ``None`` without a total.

    Rounded half up, except that an unfinished total never reaches 100 and a
    started one never stays at 0. Every page that writes a share next to a chart
    takes it from here, so the chart and its table never disagree (2 of 3: 67).
    """
    if total == 0:
        return None
    percent = int((Decimal(done * 100) / total).quantize(Decimal(1), ROUND_HALF_UP))
    if done < total:
        percent = min(percent, 99)
    if done > 0:
        percent = max(percent, 1)
    return percent


def format_percent(done: int, total: int) -> str:
    """``done`` of ``total`` as a whole percentage (:func:`whole_percent`): "67 %", or
    "–" without a total."""
    percent = whole_percent(done, total)
    return "–" if percent is None else f"{format_number(percent)} %"


# --- chart builders ------------------------------------------------------------


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Number]],
    *,
    unit: str = "",
    max_value: Number | None = None,
    label_header: str | None = None,
    value_header: str | None = None,
    description: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Horizontal bars, one per row: label left, bar, value right.

    The longest bar spans ``PLOT_WIDTH``; with ``max_value`` (for several charts
    on one scale) the bars are measured against it instead. Values must not be
    negative nor exceed ``max_value``; all-zero values draw no bars.
    """
    title = _clean(title)
    labels = [_clean(label) for label, _value in rows]
    values = [_checked(value) for _label, value in rows]
    scale = _scale(values, max_value)
    header = (label_header or _("Bezeichnung"), value_header or _("Wert"))
    texts = [format_value(value, unit) for value in values]
    table = ChartTable(title, header, tuple(zip(labels, texts, strict=True)))
    if not rows:
        return _empty(title, table, chart_id)
    ident = _chart_id(title, chart_id)

    body = [_axis(len(rows))]
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        top = _row_top(index)
        parts = [_label(label, top)]
        width = _length(value, scale)
        if width:
            parts.append(_rect(PLOT_X, top + _bar_offset(), width, BAR_HEIGHT, PALETTE.series[0]))
        parts.append(_value_text(text, top))
        body.append(_element("g", {}, "".join(parts)))
    desc = description or " ".join(
        [
            ngettext(
                "Balkendiagramm mit %(count)d Balken.",
                "Balkendiagramm mit %(count)d Balken.",
                len(rows),
            )
            % {"count": len(rows)},
            _see_table(),
        ]
    )
    return _chart(ident, title, desc, _rows_height(len(rows)), "".join(body), table)


def stacked_bar_chart(
    title: str,
    categories: Sequence[str],
    rows: Sequence[tuple[str, Sequence[Number]]],
    *,
    unit: str = "",
    max_value: Number | None = None,
    label_header: str | None = None,
    total_header: str | None = None,
    description: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Horizontal bars split into parts, one part per category, with a legend.

    Each row has one value per category; the bar's length is the row's total,
    written right of it. Parts have the colour and pattern of their category in
    the legend and are separated by a white gap. At most ``len(PALETTE.series)``
    categories.
    """
    title = _clean(title)
    names = [_clean(name) for name in categories]
    if not names:
        raise ValueError("A stacked bar chart needs at least one category.")
    if len(names) > len(PALETTE.series):
        raise ValueError(f"At most {len(PALETTE.series)} categories, got {len(names)}.")
    labels = [_clean(label) for label, _values in rows]
    parts: list[list[Decimal]] = []
    for label, values in rows:
        if len(values) != len(names):
            raise ValueError(
                f"Row {label[:40]!r} has {len(values)} values for {len(names)} categories."
            )
        parts.append([_checked(value) for value in values])
    totals = [sum(values, Decimal(0)) for values in parts]
    scale = _scale(totals, max_value)
    header = (label_header or _("Bezeichnung"), *names, total_header or _("Summe"))
    table = ChartTable(
        title,
        header,
        tuple(
            (label, *(format_value(v, unit) for v in values), format_value(total, unit))
            for label, values, total in zip(labels, parts, totals, strict=True)
        ),
    )
    if not rows:
        return _empty(title, table, chart_id)
    ident = _chart_id(title, chart_id)

    body = [_axis(len(rows))]
    for index, (label, values, total) in enumerate(zip(labels, parts, totals, strict=True)):
        top = _row_top(index)
        row = [_label(label, top)]
        # Edges come from the running total, so rounding never adds up along the bar.
        start, running = Decimal(0), Decimal(0)
        for series, value in enumerate(values):
            running += value
            end = _length(running, scale)
            if end > start:
                row.append(
                    _rect(
                        PLOT_X + start,
                        top + _bar_offset(),
                        end - start,
                        BAR_HEIGHT,
                        _series_fill(ident, series),
                        stroke=PALETTE.background,
                    )
                )
            start = end
        row.append(_value_text(format_value(total, unit), top))
        body.append(_element("g", {}, "".join(row)))
    legend_top = _rows_height(len(rows)) + BOTTOM
    for series, name in enumerate(names):
        top = legend_top + series * LEGEND_ROW
        body.append(
            _element(
                "g",
                {},
                _rect(
                    LABEL_X,
                    top,
                    LEGEND_SWATCH,
                    LEGEND_SWATCH,
                    _series_fill(ident, series),
                    stroke=PALETTE.outline,
                )
                + _text(
                    _truncate(name, MAX_LEGEND_CHARS),
                    LABEL_X + LEGEND_SWATCH + 8,
                    top + LEGEND_SWATCH // 2 + BASELINE,
                ),
            )
        )
    height = legend_top + len(names) * LEGEND_ROW + BOTTOM
    desc = description or " ".join(
        [
            ngettext(
                "Gestapeltes Balkendiagramm mit %(count)d Balken, aufgeteilt nach: %(parts)s.",
                "Gestapeltes Balkendiagramm mit %(count)d Balken, aufgeteilt nach: %(parts)s.",
                len(rows),
            )
            % {"count": len(rows), "parts": ", ".join(names)},
            _see_table(),
        ]
    )
    return _chart(ident, title, desc, height, _patterns(ident, len(names)) + "".join(body), table)


def progress_bars(
    title: str,
    rows: Sequence[tuple[str, int, int]],
    *,
    label_header: str | None = None,
    description: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """One track per row, filled to ``done`` of ``total``, with "3 von 5 (60 %)".

    Every track has the full plot width, so rows compare by share, not size.
    ``done`` must lie between 0 and ``total``.
    """
    title = _clean(title)
    labels = [_clean(label) for label, _done, _total in rows]
    checked: list[tuple[int, int]] = []
    for label, done, total in rows:
        for value in (done, total):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Progress counts are whole numbers, got {value!r}.")
        if done < 0 or total < 0:
            raise ValueError(f"Row {label[:40]!r}: counts must not be negative.")
        if done > total:
            raise ValueError(f"Row {label[:40]!r}: {done} done of only {total}.")
        checked.append((done, total))
    header = (label_header or _("Bezeichnung"), _("Erledigt"), _("Gesamt"), _("Anteil"))
    table = ChartTable(
        title,
        header,
        tuple(
            (label, format_number(done), format_number(total), format_percent(done, total))
            for label, (done, total) in zip(labels, checked, strict=True)
        ),
    )
    if not rows:
        return _empty(title, table, chart_id)
    ident = _chart_id(title, chart_id)

    body = []
    for index, (label, (done, total)) in enumerate(zip(labels, checked, strict=True)):
        top = _row_top(index) + _bar_offset()
        width = _length(Decimal(done), Decimal(total))
        parts = [
            _label(label, _row_top(index)),
            _rect(PLOT_X, top, PLOT_WIDTH, BAR_HEIGHT, PALETTE.background, stroke=PALETTE.outline),
        ]
        if width:
            parts.append(_rect(PLOT_X, top, width, BAR_HEIGHT, PALETTE.series[0]))
        summary = _("%(done)s von %(total)s") % {
            "done": format_number(done),
            "total": format_number(total),
        }
        if total:
            summary = f"{summary} ({format_percent(done, total)})"
        parts.append(_value_text(summary, _row_top(index)))
        body.append(_element("g", {}, "".join(parts)))
    desc = description or " ".join(
        [
            ngettext(
                "Fortschritt von %(count)d Eintrag.",
                "Fortschritt von %(count)d Einträgen.",
                len(rows),
            )
            % {"count": len(rows)},
            _see_table(),
        ]
    )
    return _chart(ident, title, desc, _rows_height(len(rows)), "".join(body), table)


def level_matrix(
    title: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int | None]]],
    levels: Mapping[int, str],
    *,
    label_header: str | None = None,
    description: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """A grid of rows × columns (members × areas); each cell shows its level.

    The number is written in every cell, the fill darkens with the level, and
    a legend names the levels. ``None`` is a cell without information ("–").
    ``levels`` maps each level to its name; at most ``len(PALETTE.levels)``.
    """
    title = _clean(title)
    if not levels:
        raise ValueError("A level matrix needs at least one level.")
    if len(levels) > len(PALETTE.levels):
        raise ValueError(f"At most {len(PALETTE.levels)} levels, got {len(levels)}.")
    ordered = sorted(levels)
    names = {level: _clean(levels[level]) for level in ordered}
    colours = _level_colours(ordered)
    column_names = [_clean(name) for name in columns]
    labels = [_clean(label) for label, _cells in rows]
    grid: list[list[int | None]] = []
    for label, cells in rows:
        if len(cells) != len(column_names):
            raise ValueError(
                f"Row {label[:40]!r} has {len(cells)} cells for {len(column_names)} columns."
            )
        for cell in cells:
            if cell is not None and cell not in levels:
                raise ValueError(f"Row {label[:40]!r}: unknown level {cell!r}.")
        grid.append(list(cells))

    def cell_text(cell: int | None) -> str:
        if cell is None:
            return "–"
        return _("%(level)s (%(name)s)") % {"level": cell, "name": names[cell]}

    header = (label_header or _("Bezeichnung"), *column_names)
    table = ChartTable(
        title,
        header,
        tuple(
            (label, *(cell_text(cell) for cell in cells))
            for label, cells in zip(labels, grid, strict=True)
        ),
        numeric=False,
    )
    if not rows or not columns:
        return _empty(title, table, chart_id)
    ident = _chart_id(title, chart_id)

    wrapped = [_wrap(name, MAX_COLUMN_LABEL_CHARS, MAX_COLUMN_LINES) for name in column_names]
    line_count = max(len(lines) for lines in wrapped)
    longest = max(len(line) for lines in wrapped for line in lines)
    # A column further is its width × sin 45° across the slant.
    pitch = max(
        CELL_WIDTH,
        int(
            (((line_count - 1) * COLUMN_LINE_HEIGHT + COLUMN_GAP) / SLANT).to_integral_value(
                ROUND_CEILING
            )
        ),
    )
    header_height = max(
        MATRIX_HEADER,
        int((Decimal(longest * FONT_SIZE) / 2 + (line_count - 1) * COLUMN_LINE_HEIGHT) * SLANT)
        + 24,
    )
    body = []
    for position, (name, lines) in enumerate(zip(column_names, wrapped, strict=True)):
        x = PLOT_X + position * pitch + pitch // 2
        y = header_height - 8
        body.append(
            _text_lines(lines, x, y, full=name, extra={"transform": f"rotate(-45 {x} {y})"})
        )
    for index, (label, cells) in enumerate(zip(labels, grid, strict=True)):
        top = header_height + index * CELL_HEIGHT
        row = [_label(label, top, height=CELL_HEIGHT)]
        for position, cell in enumerate(cells):
            fill, ink = colours[cell] if cell is not None else (PALETTE.background, PALETTE.text)
            row.append(
                _cell(PLOT_X + position * pitch, top, fill, ink, _cell_mark(cell), width=pitch)
            )
        body.append(_element("g", {}, "".join(row)))
    legend_top = header_height + len(rows) * CELL_HEIGHT + 16
    swatch_width, swatch_height = MATRIX_LEGEND_CELL
    entries: list[tuple[int | None, str]] = [(level, names[level]) for level in ordered]
    if any(cell is None for cells in grid for cell in cells):
        entries.append((None, _("keine Angabe")))
    for position, (level, name) in enumerate(entries):
        top = legend_top + position * MATRIX_LEGEND_ROW
        fill, ink = colours[level] if level is not None else (PALETTE.background, PALETTE.text)
        body.append(
            _element(
                "g",
                {},
                _cell(
                    LABEL_X,
                    top,
                    fill,
                    ink,
                    _cell_mark(level),
                    width=swatch_width,
                    height=swatch_height,
                )
                + _text(
                    _truncate(name, MAX_LEGEND_CHARS),
                    LABEL_X + swatch_width + 12,
                    top + swatch_height // 2 + BASELINE,
                ),
            )
        )
    width = max(PLOT_X + len(column_names) * pitch + 120, MATRIX_MIN_WIDTH)
    height = legend_top + len(entries) * MATRIX_LEGEND_ROW + BOTTOM
    legend = "; ".join(f"{level} – {names[level]}" for level in ordered)
    desc = description or " ".join(
        [
            _(
                "Matrix mit %(rows)s und %(columns)s; jede Zelle zeigt die Stufe als Zahl. "
                "Stufen: %(legend)s."
            )
            % {
                "rows": ngettext("%(count)d Zeile", "%(count)d Zeilen", len(rows))
                % {"count": len(rows)},
                "columns": ngettext("%(count)d Spalte", "%(count)d Spalten", len(columns))
                % {"count": len(columns)},
                "legend": legend,
            },
            # The full column names, for whom the SVG is its title and description.
            _("Spalten: %(names)s.") % {"names": "; ".join(column_names)},
            _see_table(),
        ]
    )
    return _chart(ident, title, desc, height, "".join(body), table, width=width)


# --- SVG building blocks -------------------------------------------------------


def _element(name: str, attrs: Mapping[str, object], content: str = "") -> str:
    """One SVG element; attribute values are escaped, ``content`` is markup already."""
    attributes = "".join(f' {key}="{escape(str(value))}"' for key, value in attrs.items())
    if not content:
        return f"<{name}{attributes}/>"
    return f"<{name}{attributes}>{content}</{name}>"


def _chart(
    ident: str,
    title: str,
    description: str,
    height: int,
    body: str,
    table: ChartTable,
    *,
    width: int = WIDTH,
) -> Chart:
    description = _clean(description)
    svg = _element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "verbund-chart__svg",
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            "focusable": "false",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "font-size": FONT_SIZE,
        },
        _element("title", {"id": f"{ident}-title"}, escape(title))
        + _element("desc", {"id": f"{ident}-desc"}, escape(description))
        # Always white behind the chart, also in the dark colour scheme, so that
        # the contrast ratios of PALETTE hold.
        + _element("rect", {"width": width, "height": height, "fill": PALETTE.background})
        + body,
    )
    return Chart(ident, title, description, mark_safe(svg), table)  # noqa: S308  (every value in it is escaped)


def _empty(title: str, table: ChartTable, chart_id: str | None) -> Chart:
    no_data = _("Keine Daten")
    return _chart(
        _chart_id(title, chart_id),
        title,
        no_data,
        EMPTY_HEIGHT,
        _text(no_data, LABEL_X, EMPTY_HEIGHT // 2 + BASELINE),
        table,
    )


def _text(
    text: str,
    x: Number,
    y: Number,
    *,
    anchor: str = "start",
    fill: str = PALETTE.text,
    full: str = "",
    extra: Mapping[str, object] | None = None,
) -> str:
    attrs: dict[str, object] = {"x": _n(x), "y": _n(y), "fill": fill}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    attrs.update(extra or {})
    # A shortened text keeps its full wording as a tooltip; the table has it too.
    tooltip = _element("title", {}, escape(full)) if full and full != text else ""
    return _element("text", attrs, tooltip + escape(text))


def _text_lines(
    lines: Sequence[str],
    x: Number,
    y: Number,
    *,
    full: str,
    extra: Mapping[str, object],
) -> str:
    """Lines of one text, the last on ``y``, the ones before stacked above it (in the
    text's own, possibly rotated, frame); the whole text as its tooltip where the lines
    shorten it."""
    attrs: dict[str, object] = {"x": _n(x), "y": _n(y), "fill": PALETTE.text, **extra}
    spans = "".join(
        _element(
            "tspan",
            {
                "x": _n(x),
                "dy": -(len(lines) - 1) * COLUMN_LINE_HEIGHT if index == 0 else COLUMN_LINE_HEIGHT,
            },
            escape(line),
        )
        for index, line in enumerate(lines)
    )
    tooltip = _element("title", {}, escape(full)) if " ".join(lines) != full else ""
    return _element("text", attrs, tooltip + spans)


def _wrap(text: str, limit: int, max_lines: int) -> list[str]:
    """``text`` on lines of at most ``limit`` characters, broken between words (a word
    longer than a line is split with a hyphen); at most ``max_lines`` lines, the last
    shortened with "…" when the text goes on."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:
            if current:
                lines.append(current)
                current = ""
            lines.append(f"{word[: limit - 1]}-")
            word = word[limit - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _truncate(rest, limit)]
    return lines or [""]


def _label(label: str, top: int, *, height: int = ROW_HEIGHT) -> str:
    return _text(
        _truncate(label, MAX_LABEL_CHARS), LABEL_X, top + height // 2 + BASELINE, full=label
    )


def _value_text(text: str, top: int) -> str:
    return _text(text, VALUE_X, top + ROW_HEIGHT // 2 + BASELINE, anchor="end")


def _rect(
    x: Number, y: Number, width: Number, height: Number, fill: str, *, stroke: str = ""
) -> str:
    attrs: dict[str, object] = {
        "x": _n(x),
        "y": _n(y),
        "width": _n(width),
        "height": _n(height),
        "fill": fill,
    }
    if stroke:
        attrs["stroke"] = stroke
    return _element("rect", attrs)


def _cell(
    x: int,
    y: int,
    fill: str,
    ink: str,
    mark: str,
    *,
    width: int = CELL_WIDTH,
    height: int = CELL_HEIGHT,
) -> str:
    return _rect(x, y, width, height, fill, stroke=PALETTE.outline) + _text(
        mark,
        x + width // 2,
        y + height // 2 + BASELINE,
        anchor="middle",
        fill=ink,
        extra={"font-weight": "bold"},
    )


def _cell_mark(level: int | None) -> str:
    return "–" if level is None else str(level)


def _axis(row_count: int) -> str:
    return _element(
        "line",
        {
            "x1": PLOT_X,
            "y1": TOP,
            "x2": PLOT_X,
            "y2": TOP + row_count * ROW_HEIGHT,
            "stroke": PALETTE.outline,
        },
    )


def _patterns(ident: str, count: int) -> str:
    patterns = []
    for series in range(1, count):
        path, stroke_width = PATTERNS[series]
        patterns.append(
            _element(
                "pattern",
                {
                    "id": f"{ident}-pattern-{series}",
                    "width": 8,
                    "height": 8,
                    "patternUnits": "userSpaceOnUse",
                },
                _element("rect", {"width": 8, "height": 8, "fill": PALETTE.series[series]})
                + _element(
                    "path",
                    {
                        "d": path,
                        "stroke": PALETTE.background,
                        "stroke-width": stroke_width,
                        "stroke-linecap": "round",
                    },
                ),
            )
        )
    return _element("defs", {}, "".join(patterns)) if patterns else ""


def _series_fill(ident: str, series: int) -> str:
    return PALETTE.series[0] if series == 0 else f"url(#{ident}-pattern-{series})"


def _level_colours(ordered: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Spread the levels over the palette, so that two levels are palest and darkest."""
    steps = len(PALETTE.levels) - 1
    if len(ordered) == 1:
        return {ordered[0]: PALETTE.levels[0]}
    return {
        level: PALETTE.levels[round(position * steps / (len(ordered) - 1))]
        for position, level in enumerate(ordered)
    }


# --- values, sizes and texts ---------------------------------------------------


def _checked(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"Chart values are int or Decimal, got {type(value).__name__}.")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"Chart values must be finite, got {value}.")
    if number < 0:
        raise ValueError(f"Chart values must not be negative, got {value}.")
    return number


def _scale(values: Sequence[Decimal], max_value: Number | None) -> Decimal:
    """The value drawn with the full plot width; 0 when there is nothing to draw."""
    largest = max(values, default=Decimal(0))
    if max_value is None:
        return largest
    scale = _checked(max_value)
    if largest > scale:
        raise ValueError(f"A value ({largest}) exceeds max_value ({scale}).")
    return scale


def _length(value: Decimal, scale: Decimal) -> Decimal:
    """``value`` as a bar length in units, rounded to 0.01; zero for a zero scale."""
    if not scale:
        return Decimal(0)
    return (value * PLOT_WIDTH / scale).quantize(_CENT, ROUND_HALF_UP)


def _n(value: Number) -> str:
    """A coordinate for SVG: "160", "106.67" (never German, never an exponent)."""
    if isinstance(value, int):
        return str(value)
    return format(value.quantize(_CENT, ROUND_HALF_UP).normalize(), "f")


def _row_top(index: int) -> int:
    return TOP + index * ROW_HEIGHT


def _bar_offset() -> int:
    return (ROW_HEIGHT - BAR_HEIGHT) // 2


def _rows_height(row_count: int) -> int:
    return TOP + row_count * ROW_HEIGHT + BOTTOM


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _clean(text: object) -> str:
    """Text without the control characters XML forbids (they would break the SVG)."""
    return _XML_INVALID.sub("", str(text))


def _see_table() -> str:
    return _("Die Werte stehen auch in der Tabelle zum Diagramm.")


def _chart_id(title: str, chart_id: str | None) -> str:
    """The given id, checked, or one from the title plus a random suffix.

    Inline SVGs share the page's id space (``<title>``, ``<desc>``, patterns),
    so two charts with the same title must still get different ids.
    """
    if chart_id is not None:
        if not _ID.fullmatch(chart_id):
            raise ValueError(f"Not a usable id: {chart_id!r}.")
        return chart_id
    slug = slugify(title)[:40].strip("-") or "diagramm"
    return f"chart-{slug}-{uuid.uuid4().hex[:8]}"
