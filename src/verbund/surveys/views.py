"""Staff pages of surveys (being written)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.networks.models import Network
from verbund.surveys.models import Survey


@staff_required
@require_safe
def survey_list(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    surveys = scoped(request.user, Survey).filter(network=network)
    return render(
        request,
        "staff/surveys/list.html",
        {
            "network": network,
            "surveys": surveys,
            "may_change": can(request.user, Action.CHANGE, network),
        },
    )
