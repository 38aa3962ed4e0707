"""The coordinators' page of the citizen assistant, below a network:
``/verwaltung/netzwerke/<network>/assistent/``.

Everyone who sees the network (its members' staff, its coordinators) sees how the
assistant fared for the network's places, its search terms and the links that
preset a member's place. Only the network's coordinators see the questions it
could not answer (``assistant.policies``) and change anything: they add and
remove search terms and mark open questions as dealt with. Everyone else gets 403
on a write, and a network they do not see is a 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.assistant import selectors, services
from verbund.assistant.forms_staff import SynonymForm
from verbund.assistant.models import OpenQuestion, Synonym
from verbund.core.access import Action, access_by_id, access_child_by_id, can
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form
from verbund.networks.models import Network

# The periods the page counts over, in days up to today.
PERIODS = (7, 30)


def _page_url(network: Network, anchor: str = "") -> str:
    url = reverse("staff:assistant_network", kwargs={"network_pk": network.pk})
    return f"{url}#{anchor}" if anchor else url


def _prefill(request: HttpRequest, network: Network) -> dict[str, Any]:
    """The add form filled from an open question (``?frage=<id>``): its text as the term,
    its nearest service as the service. The text never travels in the address."""
    number = request.GET.get("frage", "")
    if not number.isdigit() or len(number) > 18:
        return {}
    question = selectors.open_questions(request.user, network).filter(pk=int(number)).first()
    if question is None:
        return {}
    initial: dict[str, Any] = {"term": question.text}
    if question.nearest is not None and question.nearest.is_published:
        initial["service"] = question.nearest.pk
    return initial


def _render(
    request: HttpRequest, network: Network, form: SynonymForm | None, *, status: int = 200
) -> HttpResponse:
    counts = [selectors.outcome_counts(network, days=days) for days in PERIODS]
    ask_url = request.build_absolute_uri(reverse("assistant:ask"))
    return render(
        request,
        "staff/assistant/network.html",
        {
            "network": network,
            "may_change": form is not None,
            "form": form,
            "counts": counts,
            "questions": list(selectors.open_questions(request.user, network)),
            "groups": selectors.network_synonyms(request.user, network),
            "ask_url": ask_url,
            "places": [
                (place, f"{ask_url}?{urlencode({'ars': place.ars})}")
                for place in selectors.member_places(network)
            ],
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def network_assistant(request: HttpRequest, network_pk: int) -> HttpResponse:
    if request.method != "POST":
        network = access_by_id(request.user, Network, network_pk)
        may_change = can(request.user, Action.CHANGE, network)
        form = SynonymForm(initial=_prefill(request, network)) if may_change else None
        return _render(request, network, form)

    network = access_by_id(request.user, Network, network_pk, Action.CHANGE)
    form = SynonymForm(request.POST)
    if form.is_valid():
        try:
            synonym = services.synonym_add(
                actor=request.user,
                network=network,
                service=form.cleaned_data["service"],
                term=form.cleaned_data["term"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("„%(term)s“ führt jetzt zu „%(service)s“.")
                % {"term": synonym.term, "service": synonym.service.title},
            )
            return redirect(_page_url(network, "suchbegriffe"))
    return _render(request, network, form, status=400)


@staff_required
@require_POST
def synonym_remove(request: HttpRequest, network_pk: int, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, network_pk, Action.CHANGE)
    synonym = access_child_by_id(
        request.user, Synonym, pk, parent=network, parent_field="network", action=Action.CHANGE
    )
    term, title = synonym.term, synonym.service.title
    services.synonym_remove(actor=request.user, synonym=synonym)
    messages.success(
        request,
        _("Der Suchbegriff „%(term)s“ für „%(service)s“ ist entfernt.")
        % {"term": term, "service": title},
    )
    return redirect(_page_url(network, "suchbegriffe"))


@staff_required
@require_POST
def question_dismiss(request: HttpRequest, network_pk: int, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, network_pk, Action.CHANGE)
    question = access_by_id(request.user, OpenQuestion, pk, Action.CHANGE)
    # A question of another network the user also coordinates is not this page's.
    if question.network_id not in (None, network.pk):
        raise Http404
    if not question.dismissed:
        services.open_question_dismiss(actor=request.user, question=question, network=network)
        messages.success(request, _("Die Frage ist als erledigt markiert."))
    return redirect(_page_url(network, "offene-fragen"))
