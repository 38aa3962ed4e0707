"""Server-drawn SVG charts: exact geometry, exact tables, escaping and accessibility."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from verbund.core import charts
from verbund.core.charts import (
    PALETTE,
    PATTERNS,
    PLOT_WIDTH,
    Chart,
    bar_chart,
    format_euro,
    format_number,
    format_percent,
    level_matrix,
    progress_bars,
    stacked_bar_chart,
    whole_percent,
)

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = {0: "keine", 1: "interessiert", 2: "plant", 3: "pilotiert", 4: "nutzt"}
EVIL = '<script>alert("x")</script> & Co'


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    with translation.override("de"):
        yield


def _svg(chart: Chart) -> ET.Element:
    """The chart's SVG as XML: parsing fails unless it is well-formed."""
    return ET.fromstring(str(chart.svg))  # noqa: S314  (our own output, no entities)


def _texts(chart: Chart) -> list[str]:
    """The visible texts, in drawing order (tooltips left out)."""
    return [
        (text.text or "") + "".join(child.tail or "" for child in text)
        for text in _svg(chart).iter(f"{SVG}text")
    ]


def _fill(group: ET.Element) -> str | None:
    """The fill of a group's first rect: a bar, a cell or a legend swatch."""
    rect = group.find(f"{SVG}rect")
    assert rect is not None
    return rect.get("fill")


def _all_charts(label: str = "Stadt A", title: str = "Titel") -> list[Chart]:
    return [
        bar_chart(title, [(label, 5)]),
        stacked_bar_chart(title, ["Sockel", "Fälle"], [(label, [1, 2])]),
        progress_bars(title, [(label, 1, 2)]),
        level_matrix(title, ["Kfz", "Hund"], [(label, [0, None])], LEVELS),
    ]


# --- bar chart -------------------------------------------------------------------


def test_bar_widths_are_exact_shares_of_the_plot_width() -> None:
    chart = bar_chart("Fälle", [("Stadt A", 50), ("Stadt B", 100)], chart_id="faelle")

    root = _svg(chart)
    bars = [rect.attrib for group in root.findall(f"{SVG}g") for rect in group.iter(f"{SVG}rect")]
    assert PLOT_WIDTH == 320
    assert bars == [
        {"x": "240", "y": "14", "width": "160", "height": "24", "fill": PALETTE.series[0]},
        {"x": "240", "y": "50", "width": "320", "height": "24", "fill": PALETTE.series[0]},
    ]
    assert root.get("viewBox") == "0 0 720 88"
    assert (root.get("width"), root.get("height")) == ("720", "88")
    assert _texts(chart) == ["Stadt A", "50", "Stadt B", "100"]


def test_bar_lengths_are_rounded_to_a_hundredth() -> None:
    chart = bar_chart("Fälle", [("A", 1), ("B", 3)])

    widths = [rect.get("width") for rect in _svg(chart).iter(f"{SVG}rect")][1:]
    assert widths == ["106.67", "320"]


def test_bar_chart_max_value_sets_the_scale() -> None:
    chart = bar_chart("Fälle", [("A", 25)], max_value=100)

    assert [rect.get("width") for rect in _svg(chart).iter(f"{SVG}rect")][1:] == ["80"]


def test_bar_chart_table_has_the_formatted_values() -> None:
    chart = bar_chart(
        "Kostenanteile",
        [("Stadt Paderborn", Decimal("40700")), ("Altenbeken", Decimal("2.675"))],
        unit="€",
        label_header="Mitglied",
        value_header="Anteil",
    )

    assert chart.table == charts.ChartTable(
        caption="Kostenanteile",
        header=("Mitglied", "Anteil"),
        rows=(("Stadt Paderborn", "40.700,00 €"), ("Altenbeken", "2,68 €")),
        numeric=True,
    )
    assert _texts(chart) == ["Stadt Paderborn", "40.700,00 €", "Altenbeken", "2,68 €"]


def test_bar_chart_default_headers_and_other_units() -> None:
    chart = bar_chart("Nachnutzung", [("Kfz-Zulassung", 1234)], unit="Mitglieder")

    assert chart.table.header == ("Bezeichnung", "Wert")
    assert chart.table.rows == (("Kfz-Zulassung", "1.234 Mitglieder"),)


def test_long_labels_are_shortened_in_the_svg_only() -> None:
    label = "Verbandsgemeinde Bad Neuenahr-Ahrweiler Land"
    chart = bar_chart("Fälle", [(label, 3)])

    shortened = next(_svg(chart).iter(f"{SVG}text"))
    assert _texts(chart)[0] == "Verbandsgemeinde Bad Neuena…"
    assert len(_texts(chart)[0]) == charts.MAX_LABEL_CHARS
    assert shortened.find(f"{SVG}title") is not None
    assert shortened.findtext(f"{SVG}title") == label
    assert chart.table.rows == ((label, "3"),)


def test_all_zero_values_draw_no_bars_and_do_not_divide_by_zero() -> None:
    chart = bar_chart("Fälle", [("A", 0), ("B", Decimal("0.00"))])

    rects = list(_svg(chart).iter(f"{SVG}rect"))
    assert len(rects) == 1  # only the white background
    assert _texts(chart) == ["A", "0", "B", "0,00"]
    assert bar_chart("Fälle", [("A", 0)], max_value=0).table.rows == (("A", "0"),)


@pytest.mark.parametrize(
    ("rows", "max_value"),
    [
        ([("A", -1)], None),
        ([("A", Decimal("-0.01"))], None),
        ([("A", 1)], -5),
        ([("A", 10)], 5),  # a bar longer than the scale would lie
        ([("A", Decimal("NaN"))], None),
        ([("A", Decimal("Infinity"))], None),
    ],
)
def test_bar_chart_rejects_negative_and_out_of_scale_values(
    rows: list[tuple[str, Decimal | int]], max_value: int | None
) -> None:
    with pytest.raises(ValueError, match=r"negative|exceeds|finite"):
        bar_chart("Fälle", rows, max_value=max_value)


def test_bar_chart_rejects_floats_and_booleans() -> None:
    with pytest.raises(TypeError, match="int or Decimal"):
        bar_chart("Fälle", [("A", 1.5)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="int or Decimal"):
        bar_chart("Fälle", [("A", True)])


# --- stacked bar chart -------------------------------------------------------------


def test_stacked_parts_follow_each_other_and_fill_the_plot() -> None:
    chart = stacked_bar_chart(
        "Roadmap",
        ["geplant", "läuft", "fertig"],
        [("Netz A", [1, 2, 3]), ("Netz B", [0, 3, 0])],
        chart_id="roadmap",
    )

    root = _svg(chart)
    rows = root.findall(f"{SVG}g")[:2]
    parts = [
        [(rect.get("x"), rect.get("width"), rect.get("fill")) for rect in row.iter(f"{SVG}rect")]
        for row in rows
    ]
    assert parts == [
        [
            ("240", "53.33", PALETTE.series[0]),
            ("293.33", "106.67", "url(#roadmap-pattern-1)"),
            ("400", "160", "url(#roadmap-pattern-2)"),
        ],
        [("240", "160", "url(#roadmap-pattern-1)")],
    ]
    patterns = [pattern.get("id") for pattern in root.iter(f"{SVG}pattern")]
    assert patterns == ["roadmap-pattern-1", "roadmap-pattern-2"]
    assert _texts(chart) == ["Netz A", "6", "Netz B", "3", "geplant", "läuft", "fertig"]


def test_stacked_legend_uses_the_parts_fills() -> None:
    chart = stacked_bar_chart("Kosten", ["Sockel", "Einwohner"], [("A", [1, 1])], chart_id="k")

    legend = _svg(chart).findall(f"{SVG}g")[1:]
    assert [(_fill(g), g.findtext(f"{SVG}text")) for g in legend] == [
        (PALETTE.series[0], "Sockel"),
        ("url(#k-pattern-1)", "Einwohner"),
    ]


def test_stacked_table_has_parts_and_total() -> None:
    chart = stacked_bar_chart(
        "Kostenteile je Mitglied",
        ["Sockelbetrag", "Einwohner", "Fälle"],
        [("Stadt A", [Decimal("1000"), Decimal("2500.5"), 0])],
        unit="€",
        label_header="Mitglied",
    )

    assert chart.table.header == ("Mitglied", "Sockelbetrag", "Einwohner", "Fälle", "Summe")
    assert chart.table.rows == (("Stadt A", "1.000,00 €", "2.500,50 €", "0,00 €", "3.500,50 €"),)


def test_stacked_rows_with_all_zero_parts_draw_nothing() -> None:
    chart = stacked_bar_chart("Roadmap", ["a", "b"], [("A", [0, 0])])

    first_row = _svg(chart).findall(f"{SVG}g")[0]
    assert list(first_row.iter(f"{SVG}rect")) == []
    assert chart.table.rows == (("A", "0", "0", "0"),)


def test_stacked_bar_chart_checks_its_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        stacked_bar_chart("R", ["a", "b"], [("A", [1, -1])])
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        stacked_bar_chart("R", ["a", "b"], [("A", [1])])
    with pytest.raises(ValueError, match="at least one category"):
        stacked_bar_chart("R", [], [])
    with pytest.raises(ValueError, match="At most 6 categories"):
        stacked_bar_chart("R", list("abcdefg"), [])
    with pytest.raises(ValueError, match="exceeds"):
        stacked_bar_chart("R", ["a", "b"], [("A", [3, 3])], max_value=5)


# --- progress bars -----------------------------------------------------------------


def test_progress_bars_fill_their_share_of_a_full_track() -> None:
    chart = progress_bars(
        "Projektgruppen", [("PG Kfz", 2, 3), ("PG Hunde", 0, 4), ("PG neu", 0, 0)]
    )

    rows = _svg(chart).findall(f"{SVG}g")
    rects = [[(r.get("width"), r.get("fill")) for r in g.iter(f"{SVG}rect")] for g in rows]
    track = ("320", PALETTE.background)
    assert rects == [[track, ("213.33", PALETTE.series[0])], [track], [track]]
    assert _texts(chart) == [
        "PG Kfz",
        "2 von 3 (67 %)",
        "PG Hunde",
        "0 von 4 (0 %)",
        "PG neu",
        "0 von 0",
    ]
    assert chart.table.header == ("Bezeichnung", "Erledigt", "Gesamt", "Anteil")
    assert chart.table.rows == (
        ("PG Kfz", "2", "3", "67 %"),
        ("PG Hunde", "0", "4", "0 %"),
        ("PG neu", "0", "0", "–"),
    )


@pytest.mark.parametrize(
    ("done", "total", "text"),
    [
        (0, 5, "0 %"),
        (1, 3, "33 %"),
        (1, 8, "13 %"),  # 12.5 rounds half up
        (5, 5, "100 %"),
        (199, 200, "99 %"),  # not finished, so not 100 %
        (1, 1000, "1 %"),  # started, so not 0 %
        (0, 0, "–"),
    ],
)
def test_format_percent(done: int, total: int, text: str) -> None:
    assert format_percent(done, total) == text


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        ([("A", -1, 3)], ValueError),
        ([("A", 1, -3)], ValueError),
        ([("A", 4, 3)], ValueError),
        ([("A", Decimal(1), 3)], TypeError),
    ],
)
def test_progress_bars_check_their_counts(
    rows: list[tuple[str, int, int]], error: type[Exception]
) -> None:
    with pytest.raises(error):
        progress_bars("PG", rows)


# --- level matrix ------------------------------------------------------------------


def test_level_matrix_writes_every_level_as_text() -> None:
    chart = level_matrix(
        "Beteiligung",
        ["Kfz-Zulassung", "Hundesteuer", "Wohngeld"],
        [("Stadt A", [0, 1, 4]), ("Gemeinde B", [3, None, 2])],
        LEVELS,
        label_header="Mitglied",
    )

    rows = _svg(chart).findall(f"{SVG}g")[:2]
    cells = [[text.text for text in row.iter(f"{SVG}text")] for row in rows]
    assert cells == [["Stadt A", "0", "1", "4"], ["Gemeinde B", "3", "–", "2"]]
    fills = [[rect.get("fill") for rect in row.iter(f"{SVG}rect")] for row in rows]
    levels = [fill for fill, _ink in PALETTE.levels]
    assert fills == [
        [levels[0], levels[1], levels[4]],
        [levels[3], PALETTE.background, levels[2]],
    ]
    legend = _svg(chart).findall(f"{SVG}g")[2:]
    assert [[text.text for text in g.iter(f"{SVG}text")] for g in legend] == [
        ["0", "keine"],
        ["1", "interessiert"],
        ["2", "plant"],
        ["3", "pilotiert"],
        ["4", "nutzt"],
        ["–", "keine Angabe"],
    ]
    assert chart.table == charts.ChartTable(
        caption="Beteiligung",
        header=("Mitglied", "Kfz-Zulassung", "Hundesteuer", "Wohngeld"),
        rows=(
            ("Stadt A", "0 (keine)", "1 (interessiert)", "4 (nutzt)"),
            ("Gemeinde B", "3 (pilotiert)", "–", "2 (plant)"),
        ),
        numeric=False,
    )
    assert "Stufen: 0 – keine; 1 – interessiert; 2 – plant; 3 – pilotiert; 4 – nutzt." in (
        chart.description
    )


def test_level_matrix_cells_have_an_outline_and_a_readable_number() -> None:
    chart = level_matrix("B", ["a"], [("A", [3])], LEVELS)

    cell = _svg(chart).findall(f"{SVG}g")[0]
    rect, number = cell.find(f"{SVG}rect"), cell.findall(f"{SVG}text")[1]
    assert rect is not None
    fill, ink = PALETTE.levels[3]
    assert (rect.get("fill"), rect.get("stroke")) == (fill, PALETTE.outline)
    assert (number.text, number.get("fill"), number.get("text-anchor")) == ("3", ink, "middle")


def test_level_matrix_without_gaps_has_no_gap_legend() -> None:
    chart = level_matrix("B", ["a"], [("A", [1])], {1: "ja", 2: "nein"})

    legend = [g.findall(f"{SVG}text")[1].text for g in _svg(chart).findall(f"{SVG}g")[1:]]
    assert legend == ["ja", "nein"]
    # Two levels take the palest and the darkest colour.
    fills = [_fill(g) for g in _svg(chart).findall(f"{SVG}g")[1:]]
    assert fills == [PALETTE.levels[0][0], PALETTE.levels[-1][0]]


def test_level_matrix_checks_its_input() -> None:
    with pytest.raises(ValueError, match="unknown level 7"):
        level_matrix("B", ["a"], [("A", [7])], LEVELS)
    with pytest.raises(ValueError, match="has 1 cells for 2 columns"):
        level_matrix("B", ["a", "b"], [("A", [1])], LEVELS)
    with pytest.raises(ValueError, match="at least one level"):
        level_matrix("B", ["a"], [("A", [None])], {})
    with pytest.raises(ValueError, match="At most 5 levels"):
        level_matrix("B", ["a"], [], {n: str(n) for n in range(6)})


# --- shared behaviour --------------------------------------------------------------


def test_every_chart_is_well_formed_and_labelled_by_its_title_and_desc() -> None:
    for chart in _all_charts():
        root = _svg(chart)
        assert isinstance(chart.svg, SafeString)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
        title, desc = root[0], root[1]
        assert (title.tag, title.get("id"), title.text) == (
            f"{SVG}title",
            f"{chart.id}-title",
            "Titel",
        )
        assert (desc.tag, desc.get("id"), desc.text) == (
            f"{SVG}desc",
            f"{chart.id}-desc",
            chart.description,
        )
        assert chart.description.endswith("Die Werte stehen auch in der Tabelle zum Diagramm.")
        # A white background keeps PALETTE's contrast also in the dark colour scheme.
        assert root[2].attrib == {
            "width": root.get("width"),
            "height": root.get("height"),
            "fill": "#ffffff",
        }


def test_labels_and_titles_are_escaped() -> None:
    for chart in [*_all_charts(label=EVIL, title=EVIL), bar_chart(EVIL, [])]:
        assert "<script" not in chart.svg
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in chart.svg
        root = _svg(chart)
        assert root.findtext(f"{SVG}title") == EVIL
        assert chart.table.caption == EVIL
        assert chart.id.startswith("chart-scriptalertxscript-co-")
        html = render_to_string("components/chart.html", {"chart": chart})
        assert "<script" not in html
        assert html.count("&lt;script&gt;") >= 3  # figcaption, SVG title, table caption


def test_characters_xml_forbids_are_dropped() -> None:
    chart = bar_chart("Fälle\x00", [("Stadt\x0bA\x1f", 1)])

    assert _texts(chart)[0] == "StadtA"
    assert chart.table.rows == (("StadtA", "1"),)
    assert chart.title == "Fälle"


def test_ids_are_unique_across_charts_with_the_same_title() -> None:
    first, second = bar_chart("Fälle je Mitglied", [("A", 1)]), bar_chart("Fälle je Mitglied", [])

    assert first.id != second.id
    assert first.id.startswith("chart-falle-je-mitglied-")
    assert len(first.id) == len("chart-falle-je-mitglied-") + 8
    ids = {node.get("id") for chart in (first, second) for node in _svg(chart).iter()} - {None}
    assert len(ids) == 4
    assert bar_chart("", [("A", 1)]).id.startswith("chart-diagramm-")


def test_pattern_ids_differ_between_stacked_charts() -> None:
    first = stacked_bar_chart("R", ["a", "b"], [("A", [1, 1])])
    second = stacked_bar_chart("R", ["a", "b"], [("A", [1, 1])])

    first_ids = {p.get("id") for p in _svg(first).iter(f"{SVG}pattern")}
    second_ids = {p.get("id") for p in _svg(second).iter(f"{SVG}pattern")}
    assert first_ids == {f"{first.id}-pattern-1"}
    assert first_ids.isdisjoint(second_ids)


def test_a_given_chart_id_is_used_and_checked() -> None:
    assert bar_chart("F", [("A", 1)], chart_id="faelle-2026").id == "faelle-2026"
    for bad in ["", "2026", 'x" onload="y', "a b"]:
        with pytest.raises(ValueError, match="Not a usable id"):
            bar_chart("F", [("A", 1)], chart_id=bad)


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: bar_chart("Leer", []), id="bar"),
        pytest.param(lambda: stacked_bar_chart("Leer", ["a"], []), id="stacked"),
        pytest.param(lambda: progress_bars("Leer", []), id="progress"),
        pytest.param(lambda: level_matrix("Leer", ["a"], [], LEVELS), id="matrix"),
    ],
)
def test_charts_without_rows_say_so(build: Callable[[], Chart]) -> None:
    chart = build()

    assert _texts(chart) == ["Keine Daten"]
    assert chart.description == "Keine Daten"
    assert _svg(chart).get("viewBox") == "0 0 720 48"
    assert chart.table.caption == "Leer"
    assert chart.table.rows == ()


def test_matrix_without_columns_draws_no_grid() -> None:
    chart = level_matrix("Leer", [], [("Stadt A", [])], LEVELS)

    assert _texts(chart) == ["Keine Daten"]
    assert chart.table.header == ("Bezeichnung",)
    assert chart.table.rows == (("Stadt A",),)


def test_description_can_be_given() -> None:
    chart = bar_chart("F", [("A", 1)], description="Stadt A hat die meisten Fälle.")

    assert chart.description == "Stadt A hat die meisten Fälle."
    assert _svg(chart)[1].text == "Stadt A hat die meisten Fälle."


def test_charts_are_frozen() -> None:
    chart = bar_chart("F", [("A", 1)])
    with pytest.raises(dataclasses.FrozenInstanceError):
        chart.title = "anders"  # type: ignore[misc]


# --- numbers -----------------------------------------------------------------------


def test_numbers_are_formatted_the_german_way() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(Decimal("12.5")) == "12,5"
    assert format_number(Decimal("0.999"), 2) == "1,00"  # rounded, not cut off
    assert format_euro(Decimal("40700")) == "40.700,00 €"
    assert format_euro(Decimal("2.675")) == "2,68 €"
    assert format_euro(Decimal("0.004")) == "0,00 €"
    assert format_euro(1234567) == "1.234.567,00 €"


def test_numbers_follow_the_active_language() -> None:
    with translation.override("en"):
        assert format_euro(Decimal("40700")) == "40,700.00 €"
        assert progress_bars("PG", [("A", 1000, 2000)]).table.rows == (
            ("A", "1,000", "2,000", "50 %"),
        )


def test_svg_coordinates_are_never_localised() -> None:
    chart = bar_chart("F", [("A", 1), ("B", 3000)])

    widths = [rect.get("width") for rect in _svg(chart).iter(f"{SVG}rect")][1:]
    assert widths == ["0.11", "320"]
    assert _texts(chart) == ["A", "1", "B", "3.000"]


# --- colours -----------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted([_luminance(first), _luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_palette_meets_wcag_contrast() -> None:
    white = PALETTE.background
    assert white == "#ffffff"
    assert _contrast(PALETTE.text, white) >= 4.5  # 1.4.3 text
    assert _contrast(PALETTE.outline, white) >= 3  # 1.4.11 graphical objects
    # Bars and parts carry values as graphics; legend texts are PALETTE.text.
    assert [round(_contrast(c, white), 1) for c in PALETTE.series] == [
        8.5,
        4.8,
        5.3,
        5.5,
        5.3,
        7.5,
    ]
    assert min(_contrast(c, white) for c in PALETTE.series) >= 3
    # Level numbers are text on their cell.
    assert min(_contrast(fill, ink) for fill, ink in PALETTE.levels) >= 4.5
    assert len(PATTERNS) == len(PALETTE.series)
    assert PATTERNS[0] == ("", 0)
    assert len(set(PATTERNS)) == len(PATTERNS)


# --- template ----------------------------------------------------------------------


def _component(chart: Chart) -> ET.Element:
    # The component is XHTML-clean, so it parses as XML and can be checked exactly.
    html = render_to_string("components/chart.html", {"chart": chart})
    return ET.fromstring(html)  # noqa: S314  (our own output, no entities)


def test_component_renders_figure_svg_and_table_in_details() -> None:
    chart = bar_chart("Fälle", [("Stadt A", 50), ("Stadt B", 1200)], chart_id="faelle")

    figure = _component(chart)
    assert (figure.tag, figure.get("id"), figure.get("class")) == (
        "figure",
        "faelle",
        "verbund-chart",
    )
    assert [child.tag for child in figure] == ["figcaption", f"{SVG}svg", "details"]
    assert figure[0].text == "Fälle"
    details = figure[2]
    assert (details.get("class"), details.get("open")) == ("kern-accordion", None)
    summary = details.find("summary")
    assert summary is not None
    assert summary.get("class") == "kern-accordion__header"
    assert summary.findtext("span") == "Daten als Tabelle"
    region = details.find("section/div")
    assert region is not None
    assert region.attrib == {
        "class": "kern-table-responsive",
        "role": "region",
        "aria-labelledby": "faelle-caption",
        "tabindex": "0",
    }
    table = region.find("table")
    assert table is not None
    assert table.get("class") == "kern-table"
    caption = table.find("caption")
    assert caption is not None
    assert (caption.get("id"), caption.text) == ("faelle-caption", "Fälle")
    head = table.find("thead")
    assert head is not None
    assert head.get("class") == "kern-table__head"
    assert [(th.get("scope"), th.get("class"), th.text) for th in head.iter("th")] == [
        ("col", "kern-table__header", "Bezeichnung"),
        ("col", "kern-table__header kern-table__header--numeric", "Wert"),
    ]
    body_rows = table.findall("tbody/tr")
    assert [row.get("class") for row in body_rows] == ["kern-table__row"] * 2
    assert [
        [(c.tag, c.get("scope"), c.get("class"), c.text) for c in row] for row in body_rows
    ] == [
        [
            ("th", "row", "kern-table__cell", "Stadt A"),
            ("td", None, "kern-table__cell kern-table__cell--numeric", "50"),
        ],
        [
            ("th", "row", "kern-table__cell", "Stadt B"),
            ("td", None, "kern-table__cell kern-table__cell--numeric", "1.200"),
        ],
    ]


def test_component_leaves_matrix_cells_left_aligned() -> None:
    chart = level_matrix("B", ["Kfz"], [("A", [2])], LEVELS)

    table = _component(chart).find("details/section/div/table")
    assert table is not None
    assert [th.get("class") for th in table.iter("th")] == [
        "kern-table__header",
        "kern-table__header",
        "kern-table__cell",
    ]
    assert [(td.get("class"), td.text) for td in table.iter("td")] == [
        ("kern-table__cell", "2 (plant)")
    ]


def test_component_without_data_shows_an_empty_table_row() -> None:
    chart = stacked_bar_chart("Leer", ["a", "b"], [])

    rows = _component(chart).findall("details/section/div/table/tbody/tr")
    assert len(rows) == 1
    cell = rows[0][0]
    assert (cell.tag, cell.get("colspan"), cell.text) == ("td", "4", "Keine Daten")


def test_whole_percent_is_the_share_format_percent_writes() -> None:
    assert [whole_percent(done, 3) for done in range(4)] == [0, 33, 67, 100]
    assert whole_percent(0, 0) is None
    assert format_percent(2, 3) == f"{whole_percent(2, 3)} %"


def test_long_matrix_columns_wrap_instead_of_being_cut() -> None:
    name = "Strategisches Berichtswesen und Controlling"
    chart = level_matrix("B", [name, "Kfz"], [("A", [1, 2])], LEVELS)
    headers = [t for t in _svg(chart).iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    assert [[span.text for span in t.iter(f"{SVG}tspan")] for t in headers] == [
        ["Strategisches", "Berichtswesen und", "Controlling"],
        ["Kfz"],
    ]
    # The whole name is shown, so there is no tooltip; screen readers get it from the
    # chart's description.
    assert headers[0].find(f"{SVG}title") is None
    assert f"Spalten: {name}; Kfz." in chart.description
    # The lines stack upwards from the baseline next to the cells, 17 units apart.
    spans = list(headers[0].iter(f"{SVG}tspan"))
    assert [span.get("dy") for span in spans] == ["-34", "17", "17"]
    # Columns move apart for three lines: (2 × 17 + 30) / sin 45° → 91 units.
    cells = [r for r in _svg(chart).iter(f"{SVG}rect") if r.get("height") == "36"]
    assert [r.get("width") for r in cells][:2] == ["91", "91"]


def test_a_matrix_column_beyond_three_lines_is_shortened_with_its_full_name_kept() -> None:
    name = "Gemeinsame Beschaffung von Informationstechnik für Schulen und Verwaltung"
    chart = level_matrix("B", [name], [("A", [1])], LEVELS)
    (header,) = [t for t in _svg(chart).iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    assert [span.text for span in header.iter(f"{SVG}tspan")] == [
        "Gemeinsame Beschaffung",
        "von Informationstechnik",
        "für Schulen und Verwalt…",
    ]
    assert header.findtext(f"{SVG}title") == name
    assert name in chart.description
    assert chart.table.header == ("Bezeichnung", name)


def test_a_word_longer_than_a_line_is_split_with_a_hyphen() -> None:
    chart = level_matrix("B", ["Gebührenkalkulationsverfahren"], [("A", [1])], LEVELS)
    (header,) = [t for t in _svg(chart).iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    assert [span.text for span in header.iter(f"{SVG}tspan")] == [
        "Gebührenkalkulationsver-",
        "fahren",
    ]
