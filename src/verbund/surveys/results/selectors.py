"""Reads for a survey's results: its recipients with their authorities, grouped by
Land, kind and size class (``surveys.breakdowns``), and the figures per question over
the submitted answers (``stats``).

Only submitted answers count; a recipient's draft is never read here. Who may see
what (the rule of five, the names) is the view's business: these functions return
everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from verbund.surveys import engine
from verbund.surveys.breakdowns import (
    BREAKDOWNS,
    Breakdown,
    GroupCount,
    breakdown,
    count_by,
    land_names,
)
from verbund.surveys.models import Recipient, Survey
from verbund.surveys.results.stats import QuestionResult, Response, question_results

UNKNOWN_GROUP = "unbekannt"
"""The query value of the group "unbekannt" (its key is empty, which means "all")."""


def group_value(key: str) -> str:
    """A group's key as the filter writes it in the query string."""
    return key or UNKNOWN_GROUP


@dataclass(frozen=True)
class GroupTable:
    """Asked and answered per group of one breakdown."""

    breakdown: Breakdown
    groups: list[GroupCount]


@dataclass(frozen=True)
class SurveyResults:
    survey: engine.Survey
    asked: int  # recipients in the chosen groups
    answered: int  # of those, the ones who submitted
    respondents: list[Recipient]  # they, by the authority's name
    questions: list[QuestionResult]
    tables: list[GroupTable]  # asked and answered per breakdown, over the chosen groups


@dataclass(frozen=True)
class SurveyRecipients:
    """Everyone a survey asked, with their authorities, and the Länder's names."""

    survey: Survey
    recipients: list[Recipient]  # by the authority's name
    lands: dict[str, str]

    @property
    def choices(self) -> list[GroupTable]:
        """Per breakdown, the groups of everyone asked: what a filter may choose."""
        return _tables(self.recipients, self.lands)


def survey_recipients(survey: Survey) -> SurveyRecipients:
    """Two queries: the Länder's names and the recipients with their authorities."""
    lands = land_names()
    recipients = list(
        Recipient.objects.filter(survey=survey)
        .select_related("authority")
        .order_by("authority__name", "pk")
    )
    return SurveyRecipients(survey, recipients, lands)


def submitted_recipients(survey: Survey) -> list[Recipient]:
    """The recipients who submitted, with their authority, by its name: one query."""
    return list(
        Recipient.objects.filter(survey=survey, submitted_at__isnull=False)
        .select_related("authority")
        .order_by("authority__name", "pk")
    )


def survey_results(
    asked: Survey | SurveyRecipients, *, groups: Mapping[str, str] | None = None
) -> SurveyResults:
    """The results over the submitted answers of the recipients in every chosen group
    (``{"land": "09", "groesse": "unbekannt"}``: breakdown key → the group's
    :func:`group_value`); an unknown breakdown key is ignored, an unknown group
    matches nobody. Reads nothing more when given :func:`survey_recipients`."""
    if isinstance(asked, Survey):
        asked = survey_recipients(asked)
    compiled = engine.compile_survey(asked.survey.definition)
    lands = asked.lands
    chosen = [
        (found, value)
        for key, value in (groups or {}).items()
        if (found := breakdown(key)) is not None
    ]
    selected = [
        r
        for r in asked.recipients
        if all(group_value(b.group(r.authority, lands)[0]) == value for b, value in chosen)
    ]
    submitted = [r for r in selected if r.submitted_at is not None]
    responses = [Response(r.answers or {}, r.authority.name) for r in submitted]
    return SurveyResults(
        survey=compiled,
        asked=len(selected),
        answered=len(submitted),
        respondents=submitted,
        questions=question_results(compiled, responses),
        tables=_tables(selected, lands),
    )


def _tables(recipients: list[Recipient], lands: dict[str, str]) -> list[GroupTable]:
    rows = [(r.authority, r.submitted_at is not None) for r in recipients]
    return [GroupTable(b, count_by(b, rows, lands)) for b in BREAKDOWNS]
