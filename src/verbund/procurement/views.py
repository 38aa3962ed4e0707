"""Staff pages of the joint procurement: a network's calls, a call with its demand,
value estimation, threshold check, 80/20 table, mandates, lots and awards; entering
demand, granting the mandate, pooling lots, recording awards, the agreement, the cost
allocation and the demand summary (CSV).

Who may do what is the policies' (``procurement/policies.py``); every id from the URL
is loaded through the access layer, so another network's ids answer 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.charts import format_euro
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships, authority_by_id
from verbund.procurement import selectors, services
from verbund.procurement.export import summary_csv
from verbund.procurement.forms import (
    AllocateForm,
    AwardForm,
    CallForm,
    LineForm,
    LotForm,
    MandateForm,
)
from verbund.procurement.models import CallStatus, DemandCall, DemandLine, Lot, Mandate

# --- helpers -------------------------------------------------------------------------------------


def _members(network: Network) -> list[tuple[int, str]]:
    return [(m.authority_id, m.authority.name) for m in active_memberships(network)]


def _own_members(request: HttpRequest, network: Network, *roles: str) -> list[tuple[int, str]]:
    """The active members the user acts for: all of them for a coordinator (unless
    ``roles`` ask for the member's own role), else the user's own authorities."""
    grants = grants_for(request.user)
    members = _members(network)
    if not roles and network.pk in grants.coordinated_network_ids:
        return members
    own = grants.authority_ids(*roles)
    return [(pk, name) for pk, name in members if pk in own]


def _call(request: HttpRequest, call_pk: int, action: Action = Action.VIEW) -> DemandCall:
    return access_by_id(request.user, DemandCall, call_pk, action)


def _form_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    return render(request, f"staff/procurement/{template}", context, status=status)


# --- a network's calls ---------------------------------------------------------------------------


@staff_required
@require_safe
def network_procurement(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    calls = selectors.calls_of_network(scoped(request.user, DemandCall), network)
    return render(
        request,
        "staff/procurement/network.html",
        {
            "network": network,
            "coordinating": can(request.user, Action.CHANGE, network),
            "rows": [
                (call, figures, format_euro(figures.value))
                for call in calls
                for figures in [selectors.call_figures(call)]
            ],
        },
    )


def _call_values(form: CallForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "subject": data["subject"],
        "description": data["description"],
        "cpv_code": data["cpv_code"],
        "deadline": data["deadline"],
        "term_months": data["term_months"],
        "option_months": data["option_months"],
        "option_percent": data["option_percent"] if data["option_percent"] is not None else 0,
        "lead_authority": authority_by_id(data["lead_authority"]),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    form = CallForm(request.POST or None, members=_members(network))
    if request.method == "POST":
        if form.is_valid():
            try:
                call = services.demand_call_create(
                    actor=request.user, network=network, **_call_values(form)
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Bedarfsabfrage ist angelegt."))
                return redirect("staff:procurement_call", call_pk=call.pk)
        return _form_page(
            request, "call_form.html", {"form": form, "network": network, "call": None}, status=400
        )
    return _form_page(request, "call_form.html", {"form": form, "network": network, "call": None})


@staff_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.CHANGE)
    initial = {
        "subject": call.subject,
        "description": call.description,
        "cpv_code": call.cpv_code,
        "deadline": call.deadline,
        "term_months": call.term_months,
        "option_months": call.option_months,
        "option_percent": format(call.option_percent.normalize(), "f").replace(".", ","),
        "lead_authority": call.lead_authority_id,
    }
    form = CallForm(request.POST or None, members=_members(call.network), initial=initial)
    context = {"form": form, "network": call.network, "call": call}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.demand_call_update(actor=request.user, call=call, **_call_values(form))
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Bedarfsabfrage ist gespeichert."))
                return redirect("staff:procurement_call", call_pk=call.pk)
        return _form_page(request, "call_form.html", context, status=400)
    return _form_page(request, "call_form.html", context)


# --- one call ------------------------------------------------------------------------------------


@staff_required
@require_safe
def call_detail(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk)
    all_lines = selectors.call_lines(call)
    figures = selectors.call_figures(call, all_lines)
    managing = can(request.user, Action.MANAGE, call)
    coordinating = can(request.user, Action.CHANGE, call)
    lines = selectors.lines_in(scoped(request.user, DemandLine), call)
    changeable = {
        line.pk for line in scoped(request.user, DemandLine, Action.CHANGE).filter(call=call)
    }
    mandates = selectors.mandates_in(scoped(request.user, Mandate), call)
    withdrawable = {m.pk for m in scoped(request.user, Mandate, Action.CHANGE).filter(call=call)}
    granting = _own_members(request, call.network, "authority_admin")
    mandated = {m.authority_id for m in mandates}
    open_for_demand = call.status == CallStatus.OPEN and timezone.localdate() <= call.deadline
    return render(
        request,
        "staff/procurement/call.html",
        {
            "call": call,
            "figures": figures,
            "value": format_euro(figures.value),
            "annual": format_euro(figures.annual),
            "lots": [(lot, format_euro(lot.value)) for lot in figures.lots],
            "quota": figures.quota,
            "quota_text": (format_euro(figures.quota.quota), format_euro(figures.quota.used))
            if figures.quota
            else None,
            "lines": [
                (line, format_euro(selectors.line_annual(line)), line.pk in changeable)
                for line in lines
            ],
            "totals": [
                (t, format_euro(t.annual), format_euro(t.value))
                for t in selectors.member_totals(call, all_lines)
            ]
            if managing
            else [],
            "mandates": [
                (m, m.pk in withdrawable and call.status == CallStatus.OPEN) for m in mandates
            ],
            "mandate_form": MandateForm(
                authorities=[
                    (pk, name)
                    for pk, name in granting
                    if pk not in mandated and pk != call.lead_authority_id
                ]
            ),
            "may_grant": call.status != CallStatus.AWARDED
            and any(pk not in mandated and pk != call.lead_authority_id for pk, _n in granting),
            "may_add": open_for_demand and bool(_own_members(request, call.network)),
            "managing": managing,
            "coordinating": coordinating,
            "open_for_demand": open_for_demand,
            "statuses": CallStatus,
        },
    )


@staff_required
@require_POST
def call_close(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.CHANGE)
    try:
        services.demand_call_close(actor=request.user, call=call)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request, _("Die Bedarfsabfrage ist geschlossen; bilden Sie jetzt die Lose.")
        )
    return redirect("staff:procurement_call", call_pk=call.pk)


# --- demand lines --------------------------------------------------------------------------------


def _line_values(form: LineForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "description": data["description"],
        "quantity": data["quantity"],
        "unit": data["unit"],
        "unit_price": data["unit_price"],
        "delivery_site": data["delivery_site"],
        "budget_line": data["budget_line"],
    }


@staff_required
@require_http_methods(["GET", "POST"])
def line_add(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk)
    authorities = _own_members(request, call.network)
    if not authorities:
        raise PermissionDenied
    form = LineForm(request.POST or None, authorities=authorities)
    context = {"form": form, "call": call, "line": None}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.demand_line_add(
                    actor=request.user,
                    call=call,
                    authority=authority_by_id(form.cleaned_data["authority"]),
                    **_line_values(form),
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Ihr Bedarf ist gemeldet."))
                return redirect("staff:procurement_call", call_pk=call.pk)
        return _form_page(request, "line_form.html", context, status=400)
    return _form_page(request, "line_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, line_pk: int) -> HttpResponse:
    line = access_by_id(request.user, DemandLine, line_pk, Action.CHANGE)
    initial = {
        "description": line.description,
        "quantity": format(line.quantity, "f").replace(".", ","),
        "unit": line.unit,
        "unit_price": format(line.unit_price, "f").replace(".", ","),
        "delivery_site": line.delivery_site,
        "budget_line": line.budget_line,
    }
    form = LineForm(request.POST or None, authorities=None, initial=initial)
    context = {"form": form, "call": line.call, "line": line}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.demand_line_update(actor=request.user, line=line, **_line_values(form))
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Bedarfsmeldung ist gespeichert."))
                return redirect("staff:procurement_call", call_pk=line.call_id)
        return _form_page(request, "line_form.html", context, status=400)
    return _form_page(request, "line_form.html", context)


@staff_required
@require_POST
def line_remove(request: HttpRequest, line_pk: int) -> HttpResponse:
    line = access_by_id(request.user, DemandLine, line_pk, Action.CHANGE)
    try:
        services.demand_line_remove(actor=request.user, line=line)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Bedarfsmeldung ist zurückgezogen."))
    return redirect("staff:procurement_call", call_pk=line.call_id)


# --- mandates ------------------------------------------------------------------------------------


@staff_required
@require_POST
def mandate_grant(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk)
    authorities = _own_members(request, call.network, "authority_admin")
    if not authorities:
        raise PermissionDenied
    form = MandateForm(request.POST, authorities=authorities)
    if not form.is_valid():
        for message in form.errors.get("authority", []):
            messages.error(request, str(message))
        return redirect("staff:procurement_call", call_pk=call.pk)
    authority = authority_by_id(form.cleaned_data["authority"])
    try:
        services.mandate_grant(actor=request.user, call=call, authority=authority)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("%(member)s hat %(lead)s das Mandat erteilt, im Namen des Mitglieds zu vergeben.")
            % {"member": authority.name, "lead": call.lead_authority.name},
        )
    return redirect("staff:procurement_call", call_pk=call.pk)


@staff_required
@require_POST
def mandate_withdraw(request: HttpRequest, mandate_pk: int) -> HttpResponse:
    mandate = access_by_id(request.user, Mandate, mandate_pk, Action.CHANGE)
    try:
        services.mandate_withdraw(actor=request.user, mandate=mandate)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Das Mandat ist zurückgezogen."))
    return redirect("staff:procurement_call", call_pk=mandate.call_id)


# --- lots and awards -----------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def lot_create(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.CHANGE)
    lines = selectors.call_lines(call)
    choices = [
        (
            line.pk,
            f"{line.authority.name}: {line.description} ({line.quantity} {line.unit})"
            + (f" – {line.lot}" if line.lot else ""),
        )
        for line in lines
    ]
    form = LotForm(request.POST or None, lines=choices)
    context = {"form": form, "call": call}
    if request.method == "POST":
        if form.is_valid():
            chosen = set(form.cleaned_data["lines"])
            try:
                lot = services.lot_create(
                    actor=request.user,
                    call=call,
                    title=form.cleaned_data["title"],
                    lines=[line for line in lines if line.pk in chosen],
                    cpv_code=form.cleaned_data["cpv_code"],
                    region=form.cleaned_data["region"],
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("%(lot)s ist gebildet.") % {"lot": str(lot)})
                return redirect("staff:procurement_call", call_pk=call.pk)
        return _form_page(request, "lot_form.html", context, status=400)
    return _form_page(request, "lot_form.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def award_record(request: HttpRequest, lot_pk: int) -> HttpResponse:
    lot = access_by_id(request.user, Lot, lot_pk, Action.MANAGE)
    form = AwardForm(request.POST or None)
    context = {"form": form, "call": lot.call, "lot": lot}
    if request.method == "POST":
        if form.is_valid():
            try:
                services.award_record(actor=request.user, lot=lot, **form.cleaned_data)
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Der Zuschlag ist erfasst."))
                return redirect("staff:procurement_call", call_pk=lot.call_id)
        return _form_page(request, "award_form.html", context, status=400)
    return _form_page(request, "award_form.html", context)


# --- agreement, cost allocation, export ----------------------------------------------------------


@staff_required
@require_POST
def agreement_create(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.CHANGE)
    try:
        call = services.demand_call_agreement_create(actor=request.user, call=call)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Die Vereinbarung „%(title)s“ ist angelegt.")
            % {"title": call.agreement.title if call.agreement else ""},
        )
    return redirect("staff:procurement_call", call_pk=call.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.CHANGE)
    today = timezone.localdate()
    form = AllocateForm(
        request.POST or None,
        initial={
            "period_start": today.replace(month=1, day=1),
            "period_end": today.replace(month=12, day=31),
        },
    )
    shares = selectors.member_shares(call)
    names = dict(_members(call.network))
    context = {
        "form": form,
        "call": call,
        "shares": sorted(
            ((names.get(pk, str(pk)), format_euro(value)) for pk, value in shares.items()),
        ),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.demand_call_allocate(actor=request.user, call=call, **form.cleaned_data)
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Beschaffung steht jetzt in der Kostenverteilung."))
                return redirect("staff:procurement_call", call_pk=call.pk)
        return _form_page(request, "allocate_form.html", context, status=400)
    return _form_page(request, "allocate_form.html", context)


@staff_required
@require_safe
def summary_export(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = _call(request, call_pk, Action.MANAGE)
    lines = selectors.call_lines(call)
    text = summary_csv(
        call,
        lines,
        selectors.member_totals(call, lines),
        selectors.call_figures(call, lines),
    )
    response = HttpResponse(
        ("\ufeff" + text).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bedarf-{call.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
