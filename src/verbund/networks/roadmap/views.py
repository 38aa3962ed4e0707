"""Staff pages of a network's development roadmap: the roadmap with a chart of items per
status, proposing an item, and an item with its commitments and the steps of its life
cycle as plain POST forms.

Who may do what (``policies.roadmap_acting_authority_ids``): the staff of a member act
for their own authority, coordinators for every member. Steps of the builder (start,
publish) need the builder among those authorities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.authorities.models import Authority
from verbund.core import charts
from verbund.core.access import access_by_id, access_child_by_id
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_messages
from verbund.networks import selectors
from verbund.networks.models import Network
from verbund.networks.roadmap import selectors as selectors_roadmap
from verbund.networks.roadmap import services as services_roadmap
from verbund.networks.roadmap.forms import (
    AuthorityForm,
    PublishForm,
    RoadmapProposeForm,
    StartForm,
)
from verbund.networks.roadmap.models import RoadmapItem, RoadmapStatus
from verbund.networks.roadmap.policies import roadmap_acting_authority_ids


def _acting_members(user: Any, network: Network) -> list[tuple[int, str]]:
    """``(id, name)`` of the members the user may act for, by name."""
    acting = roadmap_acting_authority_ids(user, network)
    return [
        (m.authority_id, m.authority.name)
        for m in selectors.active_memberships(network).order_by("authority__name")
        if m.authority_id in acting
    ]


@staff_required
@require_safe
def network_roadmap(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    roadmap = selectors_roadmap.roadmap_of_network(network)
    chart = charts.bar_chart(
        _("Vorhaben je Stand"),
        [(str(label), roadmap.counts[value]) for value, label in RoadmapStatus.choices],
        label_header=_("Stand"),
        value_header=_("Vorhaben"),
        chart_id="roadmap-chart",
    )
    return render(
        request,
        "staff/networks/roadmap/roadmap.html",
        {
            "network": network,
            "roadmap": roadmap,
            "chart": chart,
            "may_propose": bool(roadmap_acting_authority_ids(request.user, network)),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def roadmap_propose(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    members = _acting_members(request.user, network)
    if not members:
        raise PermissionDenied
    form = RoadmapProposeForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services_roadmap.roadmap_propose(
                actor=request.user,
                network=network,
                proposed_by=selectors.authority_by_id(data["proposed_by"]),
                title=data["title"],
                description=data["description"],
                leika_key=data["leika_key"],
                planned_on=data["planned_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Das Vorhaben „%(title)s“ ist vorgeschlagen.") % {"title": item.title}
            )
            return redirect("staff:roadmap_item", pk=network.pk, item_pk=item.pk)
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": _("Online-Dienst vorschlagen"),
            "submit_label": _("Vorschlagen"),
            "back": reverse("staff:network_roadmap", kwargs={"pk": network.pk}),
        },
    )


def _item(request: HttpRequest, pk: int, item_pk: int) -> RoadmapItem:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, RoadmapItem, item_pk, parent=network, parent_field="network"
    )


@staff_required
@require_safe
def roadmap_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    row = selectors_roadmap.roadmap_row(item)
    item = row.item
    acting = _acting_members(request.user, item.network)
    acting_ids = {pk for pk, _name in acting}
    committed = {c.authority_id for c in row.commitments}
    is_published = item.status == RoadmapStatus.PUBLISHED
    builder_acts = item.builder_id is not None and item.builder_id in acting_ids
    return render(
        request,
        "staff/networks/roadmap/item.html",
        {
            "network": item.network,
            "item": item,
            "row": row,
            "take_choices": [m for m in acting if m[0] not in committed]
            if item.status == RoadmapStatus.PROPOSED and item.builder_id is None
            else [],
            "commit_choices": []
            if is_published
            else [m for m in acting if m[0] not in committed and m[0] != item.builder_id],
            "withdrawable": set()
            if is_published
            else {c.authority_id for c in row.commitments if c.authority_id in acting_ids},
            "may_start": builder_acts and item.status == RoadmapStatus.PROPOSED,
            "publish_choices": [
                (service.pk, service.title)
                for service in selectors_roadmap.roadmap_services_of_builder(item.builder_id)
            ]
            if builder_acts and item.builder_id and item.status == RoadmapStatus.IN_DEVELOPMENT
            else [],
        },
    )


def _acting_authority(request: HttpRequest, item: RoadmapItem) -> Authority | None:
    """The member named in the POST, if the user may act for it; 403 if not."""
    form = AuthorityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie ein Mitglied."))
        return None
    authority_id = form.cleaned_data["authority"]
    if authority_id not in roadmap_acting_authority_ids(request.user, item.network):
        raise PermissionDenied
    return selectors.authority_by_id(authority_id)


def _builder_acts(request: HttpRequest, item: RoadmapItem) -> None:
    acting = roadmap_acting_authority_ids(request.user, item.network)
    if item.builder_id is None or item.builder_id not in acting:
        raise PermissionDenied


def _done(request: HttpRequest, item: RoadmapItem) -> HttpResponse:
    return redirect("staff:roadmap_item", pk=item.network_id, item_pk=item.pk)


@staff_required
@require_POST
def roadmap_take_build(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    authority = _acting_authority(request, item)
    if authority is not None:
        try:
            services_roadmap.roadmap_take_build(actor=request.user, item=item, builder=authority)
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("%(name)s übernimmt die Entwicklung von „%(title)s“.")
                % {"name": authority.name, "title": item.title},
            )
    return _done(request, item)


@staff_required
@require_POST
def roadmap_commit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    authority = _acting_authority(request, item)
    if authority is not None:
        try:
            services_roadmap.roadmap_commit(actor=request.user, item=item, authority=authority)
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("%(name)s hat die Nachnutzung zugesagt.") % {"name": authority.name},
            )
    return _done(request, item)


@staff_required
@require_POST
def roadmap_withdraw_commitment(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    authority = _acting_authority(request, item)
    if authority is not None:
        try:
            services_roadmap.roadmap_withdraw_commitment(
                actor=request.user, item=item, authority=authority
            )
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("Die Zusage von %(name)s ist zurückgezogen.") % {"name": authority.name},
            )
    return _done(request, item)


@staff_required
@require_POST
def roadmap_start_development(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    _builder_acts(request, item)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie ein gültiges Datum an."))
        return _done(request, item)
    try:
        services_roadmap.roadmap_start_development(
            actor=request.user, item=item, planned_on=form.cleaned_data["planned_on"]
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Entwicklung hat begonnen."))
    return _done(request, item)


@staff_required
@require_POST
def roadmap_publish(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    _builder_acts(request, item)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine veröffentlichte Leistung."))
        return _done(request, item)
    try:
        item = services_roadmap.roadmap_publish(
            actor=request.user, item=item, service_id=form.cleaned_data["service"]
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("„%(title)s“ ist veröffentlicht: %(service)s.")
            % {"title": item.title, "service": item.service.title if item.service else ""},
        )
    return _done(request, item)
