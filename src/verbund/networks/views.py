"""Staff pages of a network: overview, editing, members and its audit trail."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.accounts.selectors import coordinators_of_network
from verbund.catalogue.selectors import network_reuse
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.models import AuditEntry
from verbund.networks import selectors, services
from verbund.networks.forms import MembershipAddForm, MembershipEndForm, NetworkForm
from verbund.networks.models import Membership, Network


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
            "end_form": MembershipEndForm(),
            "reuse": network_reuse(network),
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


@staff_required
@require_POST
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    membership = access_child_by_id(
        request.user,
        Membership,
        membership_pk,
        parent=network,
        parent_field="network",
        action=Action.CHANGE,
    )
    form = MembershipEndForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Die Mitgliedschaft von %(name)s endet zum %(date)s.")
                % {"name": membership.authority, "date": form.cleaned_data["left_on"]},
            )
    else:
        messages.error(request, _("Bitte geben Sie ein gültiges Austrittsdatum an."))
    return redirect("staff:network", pk=network.pk)


@staff_required
def network_audit(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    entries = (
        scoped(request.user, AuditEntry)
        .filter(network_id=network.pk)
        .select_related("authority")
        .order_by("-sequence")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "staff/networks/audit.html", {"network": network, "page": page})
