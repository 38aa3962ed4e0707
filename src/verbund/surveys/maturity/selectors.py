"""Reads of the maturity profiles (docs/surveys.md, "Maturity").

The index of a field of action is the share of the points a recipient's answers reach
of the points the questions shown to it could give (``engine.scores``), in per cent.
Two figures come from the platform instead of the questionnaire, for authorities
that offer services on it: the mean OZG maturity of the published services it
offers (0–7, as a share of 7) and the share of those services that can be applied
for online. The overall index is the mean of the survey's fields of action.

Distributions: minimum, quartiles (``statistics.quantiles``, method "inclusive":
linear interpolation between the sorted values, as Excel's QUARTILE.INC and R's
type 7), maximum, over every submitted answer; none is shown with fewer than
``MIN_VALUES`` values.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.catalogue.models import MATURITY_MAX
from verbund.catalogue.selectors import offer_figures
from verbund.surveys import engine
from verbund.surveys.models import Recipient, Survey

MIN_VALUES = 5
OVERALL = "__overall__"
OZG = "__ozg__"
ONLINE = "__online__"
QUARTILE_METHOD = (
    "Quartile: lineare Interpolation zwischen den geordneten Werten "
    "(Methode „inclusive“, wie QUARTILE.INC in Excel und Typ 7 in R)."
)


@dataclass(frozen=True)
class Distribution:
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def distribution(values: Sequence[float]) -> Distribution | None:
    """The five figures of ``values``; None below :data:`MIN_VALUES` values."""
    if len(values) < MIN_VALUES:
        return None
    ordered = sorted(values)
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Distribution(len(ordered), ordered[0], q1, median, q3, ordered[-1])


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    source: str  # "survey" or "platform"


@dataclass
class Index:
    """One recipient's values per dimension (per cent, None where there is none)."""

    recipient: Recipient
    values: dict[str, float | None]


def _percent(points: Decimal, maximum: Decimal) -> float | None:
    return float(points * 100 / maximum) if maximum else None


def dimensions(survey: engine.Survey) -> list[Dimension]:
    scored = {q.field for q in survey.questions if q.max_score is not None and q.field}
    found = [Dimension(f.key, f.label, "survey") for f in survey.fields if f.key in scored]
    return [
        *found,
        Dimension(OVERALL, _("Gesamtindex (Mittel der Handlungsfelder)"), "survey"),
        Dimension(OZG, _("OZG-Reifegrad der angebotenen Leistungen"), "platform"),
        Dimension(ONLINE, _("Anteil online beantragbarer Leistungen"), "platform"),
    ]


def indices(survey: Survey) -> tuple[list[Dimension], list[Index]]:
    """Every submitted recipient's index per dimension (two queries)."""
    compiled = engine.compile_survey(survey.definition)
    dims = dimensions(compiled)
    fields = [d.key for d in dims if d.source == "survey" and d.key != OVERALL]
    recipients = list(
        Recipient.objects.filter(survey=survey, submitted_at__isnull=False)
        .select_related("authority")
        .order_by("authority__name", "authority__ars")
    )
    offers = offer_figures([r.authority_id for r in recipients], on=timezone.localdate())
    result: list[Index] = []
    for recipient in recipients:
        scores = {s.field: s for s in engine.scores(compiled, recipient.answers)}
        values: dict[str, float | None] = {}
        for key in fields:
            score = scores.get(key)
            values[key] = _percent(score.points, score.maximum) if score else None
        present = [v for k, v in values.items() if v is not None]
        values[OVERALL] = sum(present) / len(present) if present else None
        offer = offers[recipient.authority_id]
        mean = offer.maturity_mean
        values[OZG] = mean * 100 / MATURITY_MAX if mean is not None else None
        values[ONLINE] = offer.online * 100 / offer.services if offer.services else None
        result.append(Index(recipient, values))
    return dims, result


@dataclass(frozen=True)
class ProfileRow:
    dimension: Dimension
    own: float | None
    distribution: Distribution | None
    below: int  # how many others have a lower value (the own rank, pseudonymised)
    count: int  # how many values there are


def profile(survey: Survey, authority: Authority) -> list[ProfileRow]:
    """One authority's values against everyone's (no names)."""
    dims, all_indices = indices(survey)
    own = next((i for i in all_indices if i.recipient.authority_id == authority.pk), None)
    rows = []
    for dim in dims:
        values = [v for i in all_indices if (v := i.values.get(dim.key)) is not None]
        mine = own.values.get(dim.key) if own is not None else None
        rows.append(
            ProfileRow(
                dimension=dim,
                own=mine,
                distribution=distribution(values),
                below=sum(1 for v in values if mine is not None and v < mine),
                count=len(values),
            )
        )
    return rows
