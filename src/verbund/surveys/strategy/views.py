"""The strategy pages: the network's view of who works on what, one member's strategy,
and the forms its own staff write it with."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, access_child_by_id
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.networks import selectors as network_selectors
from verbund.networks.models import Network
from verbund.surveys.strategy import selectors, services
from verbund.surveys.strategy.forms import GoalForm, MeasureForm, StrategyForm
from verbund.surveys.strategy.models import MeasureStatus, Strategy, StrategyGoal, StrategyMeasure


def _member(network: Network, authority_pk: int) -> Authority:
    """An active member of the network by id; 404 for any other authority."""
    if authority_pk not in network_selectors.active_member_ids(network):
        raise Http404
    return network_selectors.authority_by_id(authority_pk)


def _writes(request: HttpRequest, authority: Authority) -> bool:
    return authority.pk in grants_for(request.user).authority_ids()


def _own_strategy(request: HttpRequest, pk: int, authority_pk: int) -> Strategy:
    network = access_by_id(request.user, Network, pk)
    authority = _member(network, authority_pk)
    strategy = selectors.strategy_of(network, authority)
    if strategy is None:
        raise Http404
    return access_child_by_id(
        request.user,
        Strategy,
        strategy.pk,
        parent=network,
        parent_field="network",
        action=Action.CHANGE,
    )


def _to_strategy(network_id: int, authority_id: int) -> HttpResponse:
    return redirect("staff:strategy", pk=network_id, authority_pk=authority_id)


@staff_required
@require_safe
def network_strategies(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    overview = selectors.network_overview(network)
    mine = grants_for(request.user).authority_ids()
    return render(
        request,
        "staff/surveys/strategy/overview.html",
        {
            "network": network,
            "overview": overview,
            "own_members": [m for m in overview.members if m.pk in mine],
        },
    )


@staff_required
@require_safe
def strategy_detail(request: HttpRequest, pk: int, authority_pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    authority = _member(network, authority_pk)
    return render(
        request,
        "staff/surveys/strategy/detail.html",
        {
            "network": network,
            "authority": authority,
            "strategy": selectors.strategy_of(network, authority),
            "may_write": _writes(request, authority),
            "statuses": MeasureStatus.choices,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest, pk: int, authority_pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    authority = _member(network, authority_pk)
    if not _writes(request, authority):
        raise Http404
    current = selectors.strategy_of(network, authority)
    initial = (
        {"title": current.title, "summary": current.summary, "adopted_on": current.adopted_on}
        if current
        else {"title": _("Digitalstrategie %(name)s") % {"name": authority.name}}
    )
    form = StrategyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategy_save(
                actor=request.user, network=network, authority=authority, **form.cleaned_data
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Die Strategie ist gespeichert."))
            return _to_strategy(network.pk, authority.pk)
    return _page(request, network, authority, form, _("Strategie bearbeiten"))


def _page(
    request: HttpRequest, network: Network, authority: Authority, form: object, title: str
) -> HttpResponse:
    return render(
        request,
        "staff/surveys/form_page.html",
        {
            "network": network,
            "survey": None,
            "form": form,
            "title": f"{title}: {authority.name}",
            "submit_label": _("Speichern"),
            "back": reverse(
                "staff:strategy", kwargs={"pk": network.pk, "authority_pk": authority.pk}
            ),
        },
        status=400 if getattr(form, "errors", None) else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, pk: int, authority_pk: int) -> HttpResponse:
    strategy = _own_strategy(request, pk, authority_pk)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, strategy=strategy, **form.cleaned_data)
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            return _to_strategy(strategy.network_id, strategy.authority_id)
    return _page(request, strategy.network, strategy.authority, form, _("Ziel hinzufügen"))


@staff_required
@require_POST
def goal_delete(request: HttpRequest, pk: int, authority_pk: int, goal_pk: int) -> HttpResponse:
    strategy = _own_strategy(request, pk, authority_pk)
    goal = access_child_by_id(
        request.user,
        StrategyGoal,
        goal_pk,
        parent=strategy,
        parent_field="strategy",
        action=Action.CHANGE,
    )
    services.goal_remove(actor=request.user, goal=goal)
    messages.success(request, _("Das Ziel ist entfernt."))
    return _to_strategy(strategy.network_id, strategy.authority_id)


@staff_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, pk: int, authority_pk: int, goal_pk: int) -> HttpResponse:
    strategy = _own_strategy(request, pk, authority_pk)
    goal = access_child_by_id(
        request.user,
        StrategyGoal,
        goal_pk,
        parent=strategy,
        parent_field="strategy",
        action=Action.CHANGE,
    )
    groups, items = selectors.groups_and_items(strategy.network)
    form = MeasureForm(
        request.POST or None,
        groups=[(g.pk, g.name) for g in groups],
        items=[(i.pk, i.title) for i in items],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.measure_add(
                actor=request.user,
                goal=goal,
                title=data["title"],
                status=data["status"],
                due_on=data["due_on"],
                project_group=next((g for g in groups if g.pk == data["project_group"]), None),
                roadmap_item=next((i for i in items if i.pk == data["roadmap_item"]), None),
            )
        except ValidationError as error:
            refusal_to_form(form, error)
        else:
            return _to_strategy(strategy.network_id, strategy.authority_id)
    return _page(request, strategy.network, strategy.authority, form, _("Maßnahme hinzufügen"))


@staff_required
@require_POST
def measure_status(
    request: HttpRequest, pk: int, authority_pk: int, measure_pk: int
) -> HttpResponse:
    strategy = _own_strategy(request, pk, authority_pk)
    measure = access_by_id(request.user, StrategyMeasure, measure_pk, Action.CHANGE)
    if measure.goal.strategy_id != strategy.pk:
        raise Http404
    try:
        services.measure_status_set(
            actor=request.user, measure=measure, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        refusal_to_messages(request, error)
    return _to_strategy(strategy.network_id, strategy.authority_id)
