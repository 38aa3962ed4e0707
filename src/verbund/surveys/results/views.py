"""Staff pages of a survey's results: the figures per question with their charts,
filtered by Land, kind and size class, and the exports.

Who sees what: the network's members' staff and its coordinators see the results
(VIEW on the survey). Whoever cannot change the survey (members' staff) sees nothing
of a selection with fewer than :data:`MIN_ANSWERS` answers, no answered count below
it in the tables, and the free texts without the authorities' names, sorted by text
so that their order does not tell who wrote them. The coordinators (CHANGE) see
everything, and only they download the answers (CSV, XLSX) and the code book: those
name every authority.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id, can
from verbund.core.auth import staff_required
from verbund.networks.models import Network
from verbund.surveys import engine
from verbund.surveys.engine import Type
from verbund.surveys.models import Survey
from verbund.surveys.results import exports, selectors
from verbund.surveys.results.selectors import GroupTable, group_value
from verbund.surveys.results.stats import (
    MULTIPLE_NOTE,
    QUARTILE_METHOD,
    QuestionResult,
    TextAnswer,
    cached_number,
    percent_text,
    share,
)

MIN_ANSWERS = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _survey(request: HttpRequest, pk: int, survey_pk: int, action: Action) -> Survey:
    network = access_by_id(request.user, Network, pk)
    survey = access_child_by_id(
        request.user, Survey, survey_pk, parent=network, parent_field="network", action=action
    )
    survey.network = network  # checked to be the same; saves reading it again
    return survey


class ResultsFilterForm(forms.Form):
    """The groups to evaluate, from the query string: one choice per breakdown (Land,
    Art, Größenklasse), combined. An invalid value is reported and ignored."""

    def __init__(self, *args: Any, choices: Sequence[GroupTable], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for table in choices:
            self.fields[table.breakdown.key] = forms.ChoiceField(
                label=table.breakdown.label,
                required=False,
                choices=[
                    ("", _("Alle")),
                    *((group_value(g.key), g.label) for g in table.groups),
                ],
            )

    def groups(self) -> dict[str, str]:
        """The valid, chosen groups (``is_valid()`` must have run)."""
        data = getattr(self, "cleaned_data", {})
        return {key: value for key, value in data.items() if value and key not in self.errors}


# --- what the page shows of a question --------------------------------------------------------


@dataclass(frozen=True)
class QuestionView:
    result: QuestionResult
    condition: str = ""  # when the question is asked, if not always
    chart: charts.Chart | None = None
    table: charts.ChartTable | None = None  # shown as it is (figures, or a matrix too wide)
    years: charts.ChartTable | None = None
    texts: tuple[TextAnswer, ...] = ()

    @property
    def question(self) -> engine.Question:
        return self.result.question

    @property
    def type_label(self) -> str:
        return engine.TYPE_LABELS[self.question.type]

    @property
    def multiple(self) -> bool:
        return self.question.type is Type.MULTIPLE

    @property
    def texts_html(self) -> SafeString:
        """The free texts as list items (with the authority's name where it is kept),
        escaped, line breaks kept. Built here, not in a template loop nor with
        ``format_html`` per item: a survey of 294 Kreise has thousands of texts, and
        either took a third of the page's time."""
        items = []
        for answer in self.texts:
            text = html.escape(answer.text).replace("\r\n", "\n").replace("\n", "<br>")
            name = (
                f' <span class="kern-body--small">({html.escape(answer.respondent)})</span>'
                if answer.respondent
                else ""
            )
            items.append(f'<li class="kern-body">{text}{name}</li>')
        return mark_safe("".join(items))  # noqa: S308  (every part is escaped above)


def _condition_text(survey: engine.Survey, question: engine.Question) -> str:
    """ "nur gestellt, wenn „1. …“ mit „a“ oder „b“ beantwortet wurde"; empty without a
    condition."""
    condition = question.show_if
    if condition is None:
        return ""
    target = survey.question(condition.question)
    labels = [
        option.label if (option := target.option(v)) is not None else v for v in condition.values
    ]
    return _("nur gestellt, wenn „%(question)s“ mit %(values)s beantwortet wurde") % {
        "question": target.label,
        "values": _(" oder ").join(f"„{label}“" for label in labels),
    }


def _option_table(result: QuestionResult) -> charts.ChartTable:
    return charts.ChartTable(
        result.question.label,
        (_("Antwort"), _("Anzahl"), _("Anteil")),
        tuple((o.label, cached_number(o.count), o.percent_text) for o in result.options),
    )


def _option_chart(result: QuestionResult) -> charts.Chart:
    chart = charts.bar_chart(
        result.question.label,
        [(o.label, o.percent or Decimal(0)) for o in result.options],
        unit="%",
        max_value=100,
        label_header=_("Antwort"),
        value_header=_("Anteil"),
        chart_id=f"frage-{result.question.key}",
    )
    return replace(chart, table=_option_table(result))


def _matrix_table(result: QuestionResult) -> charts.ChartTable:
    options = result.question.options
    return charts.ChartTable(
        result.question.label,
        (_("Zeile"), *(o.label for o in options), _("Antworten")),
        tuple(
            (
                row.label,
                *(f"{cached_number(o.count)} ({o.percent_text})" for o in row.options),
                cached_number(row.answered),
            )
            for row in result.rows
        ),
    )


def _matrix_chart(result: QuestionResult) -> charts.Chart:
    chart = charts.stacked_bar_chart(
        result.question.label,
        [o.label for o in result.question.options],
        [(row.label, [o.count for o in row.options]) for row in result.rows],
        label_header=_("Zeile"),
        total_header=_("Antworten"),
        description=_(
            "Gestapeltes Balkendiagramm: je Zeile die Zahl der Antworten, aufgeteilt nach "
            "%(parts)s. Die Werte stehen auch in der Tabelle zum Diagramm."
        )
        % {"parts": ", ".join(o.label for o in result.question.options)},
        chart_id=f"frage-{result.question.key}",
    )
    return replace(chart, table=_matrix_table(result))


def _summary_table(result: QuestionResult) -> charts.ChartTable | None:
    if result.summary is None:
        return None
    return charts.ChartTable(
        _("Kennzahlen: %(question)s") % {"question": result.question.label},
        (_("Kennzahl"), _("Wert")),
        tuple(result.summary.rows()),
    )


def _question_view(survey: engine.Survey, result: QuestionResult, *, names: bool) -> QuestionView:
    kind = result.question.type
    condition = _condition_text(survey, result.question)
    if result.answered == 0:
        return QuestionView(result, condition)
    if kind in (Type.SINGLE, Type.YESNO, Type.MULTIPLE):
        return QuestionView(result, condition, chart=_option_chart(result))
    if kind is Type.MATRIX:
        if len(result.question.options) > len(charts.PALETTE.series):
            return QuestionView(result, condition, table=_matrix_table(result))
        return QuestionView(result, condition, chart=_matrix_chart(result))
    if kind is Type.SCALE:
        return QuestionView(
            result, condition, chart=_option_chart(result), table=_summary_table(result)
        )
    if kind is Type.NUMBER:
        return QuestionView(result, condition, table=_summary_table(result))
    if kind is Type.DATE:
        assert result.dates is not None
        dates = result.dates
        return QuestionView(
            result,
            condition,
            table=charts.ChartTable(
                _("Kennzahlen: %(question)s") % {"question": result.question.label},
                (_("Kennzahl"), _("Wert")),
                (
                    (_("frühestes Datum"), dates.earliest.strftime("%d.%m.%Y")),
                    (_("spätestes Datum"), dates.latest.strftime("%d.%m.%Y")),
                ),
                numeric=False,
            ),
            years=charts.ChartTable(
                _("Antworten je Jahr: %(question)s") % {"question": result.question.label},
                (_("Jahr"), _("Anzahl"), _("Anteil")),
                tuple(
                    (str(year), cached_number(n), percent_text(share(n, result.answered)))
                    for year, n in dates.years
                ),
            ),
        )
    texts = result.texts
    if not names:
        texts = tuple(sorted((TextAnswer(t.text, "") for t in texts), key=lambda t: t.text))
    return QuestionView(result, condition, texts=texts)


@dataclass(frozen=True)
class GroupRow:
    label: str
    query: str  # the page's query string that shows this group (within the other choices)
    asked: int
    answered: str  # the count, or "weniger als 5"
    rate: str


def _group_rows(table: GroupTable, groups: dict[str, str], *, everything: bool) -> list[GroupRow]:
    rows = []
    for group in table.groups:
        shown = everything or group.answered >= MIN_ANSWERS
        rows.append(
            GroupRow(
                group.label,
                urlencode({**groups, table.breakdown.key: group_value(group.key)}),
                group.asked,
                cached_number(group.answered) if shown else _("weniger als 5"),
                percent_text(share(group.answered, group.asked)) if shown else "–",
            )
        )
    return rows


# --- the pages ------------------------------------------------------------------------------


@staff_required
@require_safe
def survey_results(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.VIEW)
    may_change = can(request.user, Action.CHANGE, survey)
    asked = selectors.survey_recipients(survey)
    choices = asked.choices
    form = ResultsFilterForm(request.GET or None, choices=choices)
    groups: dict[str, str] = {}
    if form.is_bound:
        form.is_valid()
        groups = form.groups()
    results = selectors.survey_results(asked, groups=groups)
    withheld = not may_change and results.answered < MIN_ANSWERS
    sections = []
    if not withheld:
        by_key = {r.question.key: r for r in results.questions}
        sections = [
            (
                section,
                [
                    _question_view(results.survey, by_key[q.key], names=may_change)
                    for q in section.questions
                ],
            )
            for section in results.survey.sections
        ]
    chosen = [
        (table.breakdown.label, group.label)
        for table in choices
        for group in table.groups
        if groups.get(table.breakdown.key) == group_value(group.key)
    ]
    return render(
        request,
        "staff/surveys/results/results.html",
        {
            "network": survey.network,
            "survey": survey,
            "may_change": may_change,
            "form": form,
            "chosen": chosen,
            "results": results,
            "withheld": withheld,
            "answered": cached_number(results.answered),
            "rate": percent_text(share(results.answered, results.asked)),
            "sections": sections,
            "tables": [
                (table.breakdown, _group_rows(table, groups, everything=may_change))
                for table in results.tables
            ],
            "min_answers": MIN_ANSWERS,
            "quartile_method": QUARTILE_METHOD,
            "multiple_note": MULTIPLE_NOTE,
        },
    )


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def survey_results_csv(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    with translation.override("de"):
        body = exports.results_csv(survey)
    return _download(body, "text/csv; charset=utf-8", f"umfrage-{survey.pk}-antworten.csv")


@staff_required
@require_safe
def survey_results_xlsx(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    with translation.override("de"):
        body = exports.results_xlsx(survey)
    return _download(body, XLSX, f"umfrage-{survey.pk}-antworten.xlsx")


@staff_required
@require_safe
def survey_codebook_csv(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    with translation.override("de"):
        body = exports.codebook_csv(survey)
    return _download(body, "text/csv; charset=utf-8", f"umfrage-{survey.pk}-codebuch.csv")
