"""Staff pages of a network: overview, editing, members, cooperation areas and their
levels, binding agreements, and its audit trail."""

from __future__ import annotations

import copy
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import coordinators_of_network
from verbund.authorities.models import Authority
from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.audit_log import audit_log, describe_entries
from verbund.core.auth import staff_required
from verbund.core.models import AuditEntry
from verbund.core.panels import render_panels
from verbund.core.refusals import refusal_to_messages
from verbund.core.storage import private_download
from verbund.networks import hooks, selectors, services
from verbund.networks.forms import (
    AgreementEndForm,
    AgreementForm,
    AreaForm,
    AreaLevelForm,
    MembershipAddForm,
    MembershipEndForm,
    NetworkForm,
)
from verbund.networks.hooks import service_directory
from verbund.networks.models import (
    Agreement,
    CooperationArea,
    Membership,
    Network,
    ParticipationLevel,
)


@staff_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    return render(
        request,
        "staff/networks/detail.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "members": selectors.active_memberships(network),
            "other_memberships": selectors.past_and_future_memberships(network),
            "coordinators": coordinators_of_network(network.pk),
            "panels": render_panels(hooks.NETWORK_PAGE, request, network),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    # The form edits a copy; the service compares it with the stored row and audits.
    form = NetworkForm(request.POST or None, instance=copy.copy(network))
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(actor=request.user, network=network, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Angaben zum Verbund wurden gespeichert."))
            return redirect("staff:network", pk=network.pk)
    return render(request, "staff/networks/edit.html", {"network": network, "form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    form = MembershipAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                actor=request.user,
                network=network,
                authority=form.cleaned_data["ars"],
                role=form.cleaned_data["role"],
                joined_on=form.cleaned_data["joined_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s wurde als Mitglied aufgenommen.") % {"name": membership.authority},
            )
            return redirect("staff:network", pk=network.pk)
    return render(request, "staff/networks/membership_add.html", {"network": network, "form": form})


def _membership(request: HttpRequest, pk: int, membership_pk: int, action: Action) -> Membership:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user,
        Membership,
        membership_pk,
        parent=network,
        parent_field="network",
        action=action,
    )


@staff_required
@require_safe
def membership_detail(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(request, pk, membership_pk, Action.VIEW)
    network = membership.network
    periods = list(selectors.memberships_of_member(network, membership.authority_id))
    # The log of these memberships, for those who may read the network's log.
    entries = scoped(request.user, AuditEntry).filter(
        network_id=network.pk,
        object_type=Membership._meta.label,
        object_id__in=[str(period.pk) for period in periods],
    )
    may_change = can(request.user, Action.CHANGE, membership)
    return render(
        request,
        "staff/networks/membership.html",
        {
            "network": network,
            "membership": membership,
            "today": timezone.localdate(),
            "periods": periods,
            "log": describe_entries(list(entries.select_related("actor").order_by("id"))),
            "may_change": may_change,
            "end_form": MembershipEndForm() if may_change and membership.left_on is None else None,
        },
    )


@staff_required
@require_POST
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(request, pk, membership_pk, Action.CHANGE)
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("Die Mitgliedschaft von %(name)s endet zum %(date)s.")
                % {
                    "name": membership.authority.official_name,
                    "date": formats.date_format(form.cleaned_data["left_on"]),
                },
            )
    else:
        messages.error(request, _("Bitte geben Sie ein gültiges Austrittsdatum an."))
    return redirect("staff:membership", pk=membership.network_id, membership_pk=membership.pk)


@staff_required
def network_audit(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    entries = scoped(request.user, AuditEntry).filter(network_id=network.pk)
    return render(
        request, "staff/networks/audit.html", {"network": network, **audit_log(request, entries)}
    )


# --- cooperation areas ----------------------------------------------------------------------


def _members(network: Network) -> list[tuple[int, str]]:
    return [(m.authority_id, m.authority.name) for m in selectors.active_memberships(network)]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@staff_required
@require_safe
def network_areas(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    asked = request.GET.get("stichtag", "")
    day = _day(asked)
    areas, rows = selectors.area_matrix(network, on=day)
    return render(
        request,
        "staff/networks/areas.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "day": day or timezone.localdate(),
            "bad_day": bool(asked) and day is None,
            "areas": areas,
            "rows": rows,
            "levels": ParticipationLevel.choices,
            "history": selectors.area_history(network),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.area_create(actor=request.user, network=network, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Das Kooperationsfeld „%(name)s“ ist angelegt.") % {"name": area.name}
            )
            return redirect("staff:network_areas", pk=network.pk)
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": _("Kooperationsfeld anlegen"),
            "submit_label": _("Anlegen"),
            "back": reverse("staff:network_areas", kwargs={"pk": network.pk}),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def area_level_set(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    areas = selectors.areas_of_network(network)
    form = AreaLevelForm(
        request.POST or None,
        areas=[(a.pk, a.name) for a in areas],
        members=_members(network),
        initial={"area": request.GET.get("feld"), "authority": request.GET.get("mitglied")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area = access_child_by_id(
            request.user,
            CooperationArea,
            data["area"],
            parent=network,
            parent_field="network",
            action=Action.CHANGE,
        )
        authority = access_authority_of_network(network, data["authority"])
        try:
            services.area_level_set(
                actor=request.user,
                area=area,
                authority=authority,
                level=data["level"],
                valid_from=data["valid_from"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s: %(area)s ab %(date)s auf Stufe %(level)s.")
                % {
                    "name": authority.name,
                    "area": area.name,
                    "date": formats.date_format(data["valid_from"]),
                    "level": data["level"],
                },
            )
            return redirect("staff:network_areas", pk=network.pk)
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": _("Stufe der Beteiligung setzen"),
            "submit_label": _("Stufe setzen"),
            "back": reverse("staff:network_areas", kwargs={"pk": network.pk}),
        },
    )


def access_authority_of_network(network: Network, authority_id: int) -> Authority:
    """A member of ``network`` (today) by id; 404 for anyone else."""
    if authority_id not in selectors.active_member_ids(network):
        raise Http404
    return selectors.authority_by_id(authority_id)


# --- agreements -----------------------------------------------------------------------------


@staff_required
@require_safe
def network_agreements(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    return render(
        request,
        "staff/networks/agreements.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "rows": selectors.agreements_of_network(network),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    members = _members(network)
    areas = selectors.areas_of_network(network)
    services_offered = [(s.pk, s.title) for s in service_directory().published()]
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        members=members,
        services=services_offered,
        areas=[(a.pk, a.name) for a in areas],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {a.pk: a for a in areas}
        try:
            agreement = services.agreement_create(
                actor=request.user,
                network=network,
                title=data["title"],
                kind=data["kind"],
                processing=access_authority_of_network(network, data["processing"]),
                parties=[access_authority_of_network(network, i) for i in data["parties"]],
                service_ids=data["services"],
                areas=[by_id[i] for i in data["areas"]],
                tasks=data["tasks"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                notice_months=data["notice_months"],
                cost_key=data["cost_key"],
                document=data["document"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Die Vereinbarung „%(title)s“ ist erfasst.") % {"title": agreement.title}
            )
            return redirect("staff:agreement", pk=network.pk, agreement_pk=agreement.pk)
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": _("Vereinbarung erfassen"),
            "submit_label": _("Vereinbarung speichern"),
            "back": reverse("staff:network_agreements", kwargs={"pk": network.pk}),
            "multipart": True,
        },
    )


def _agreement(request: HttpRequest, pk: int, agreement_pk: int, action: Action) -> Agreement:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, Agreement, agreement_pk, parent=network, parent_field="network", action=action
    )


@staff_required
@require_safe
def agreement_detail(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, agreement_pk, Action.VIEW)
    row = next(
        r for r in selectors.agreements_of_network(agreement.network) if r.agreement == agreement
    )
    return render(
        request,
        "staff/networks/agreement.html",
        {
            "network": agreement.network,
            "row": row,
            "agreement": row.agreement,
            "may_change": can(request.user, Action.CHANGE, agreement),
            "end_form": AgreementEndForm(initial={"ends_on": timezone.localdate()}),
        },
    )


@staff_required
@require_POST
def agreement_end(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, agreement_pk, Action.CHANGE)
    form = AgreementEndForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_end(
                actor=request.user, agreement=agreement, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("Die Vereinbarung endet am %(date)s.")
                % {"date": formats.date_format(form.cleaned_data["ends_on"])},
            )
    else:
        messages.error(request, _("Bitte geben Sie ein gültiges Enddatum an."))
    return redirect("staff:agreement", pk=agreement.network_id, agreement_pk=agreement.pk)


@staff_required  # type: ignore[arg-type]
@require_safe
def agreement_document(request: HttpRequest, pk: int, agreement_pk: int) -> FileResponse:
    agreement = _agreement(request, pk, agreement_pk, Action.VIEW)
    if not agreement.document.name:
        raise Http404
    return private_download(
        agreement.document,
        filename=agreement.document_name or "vereinbarung.pdf",
        content_type="application/pdf",
    )


# --- the coordinator's dashboard ---------------------------------------------------------

# Agreements whose end or last day for notice falls within this many days are flagged.
SOON_DAYS = 183


def _area_chart(network: Network, day: dt.date) -> charts.Chart | None:
    areas, rows = selectors.area_matrix(network, on=day)
    if not areas:
        return None
    return charts.level_matrix(
        _("Kooperationsfelder und Stufen der Mitglieder"),
        [area.name for area in areas],
        [(row.authority.name, row.levels) for row in rows],
        {int(value): str(label) for value, label in ParticipationLevel.choices},
        label_header=_("Mitglied"),
        chart_id="chart-areas",
    )


@staff_required
@require_safe
def network_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    today = timezone.localdate()
    soon = today + dt.timedelta(days=SOON_DAYS)
    members = selectors.active_memberships(network)
    agreements = [row for row in selectors.agreements_of_network(network) if row.in_force]
    return render(
        request,
        "staff/networks/dashboard.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "today": today,
            "soon": soon,
            "members": members,
            "area_chart": _area_chart(network, today),
            "agreements": agreements,
            "panels": render_panels(hooks.DASHBOARD, request, network),
        },
    )
