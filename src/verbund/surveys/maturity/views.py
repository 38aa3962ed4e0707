"""The maturity pages: the coordinators' overview of every respondent, and one
authority's profile against the others (its own staff and the coordinators)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id
from verbund.core.auth import staff_required
from verbund.networks.models import Network
from verbund.surveys.maturity import selectors
from verbund.surveys.models import Recipient, Survey


def _survey(request: HttpRequest, pk: int, survey_pk: int, action: Action) -> Survey:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, Survey, survey_pk, parent=network, parent_field="network", action=action
    )


@staff_required
@require_safe
def maturity_overview(request: HttpRequest, pk: int, survey_pk: int) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.CHANGE)
    dims, rows = selectors.indices(survey)
    spread = [
        selectors.distribution([v for r in rows if (v := r.values.get(d.key)) is not None])
        for d in dims
    ]
    return render(
        request,
        "staff/surveys/maturity/overview.html",
        {
            "network": survey.network,
            "survey": survey,
            "dims": dims,
            "rows": [(row, [row.values.get(d.key) for d in dims]) for row in rows],
            "spread": spread,
            "method": selectors.QUARTILE_METHOD,
            "min_values": selectors.MIN_VALUES,
        },
    )


@staff_required
@require_safe
def maturity_profile(
    request: HttpRequest, pk: int, survey_pk: int, recipient_pk: int
) -> HttpResponse:
    survey = _survey(request, pk, survey_pk, Action.VIEW)
    recipient = access_child_by_id(
        request.user, Recipient, recipient_pk, parent=survey, parent_field="survey"
    )
    rows = selectors.profile(survey, recipient.authority)
    shown = [r for r in rows if r.own is not None]
    chart = (
        charts.bar_chart(
            recipient.authority.name,
            [(r.dimension.label, round(r.own or 0)) for r in shown],
            unit="%",
            max_value=100,
            label_header=_("Handlungsfeld"),
            value_header=_("Index"),
            chart_id="reifegrad-profil",
        )
        if shown
        else None
    )
    return render(
        request,
        "staff/surveys/maturity/profile.html",
        {
            "network": survey.network,
            "survey": survey,
            "recipient": recipient,
            "rows": rows,
            "chart": chart,
            "method": selectors.QUARTILE_METHOD,
            "min_values": selectors.MIN_VALUES,
        },
    )
