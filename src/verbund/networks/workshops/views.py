"""Staff pages of a network's workshops: the list (upcoming first, past below), one
workshop with its agenda, invitations, materials, minutes and decisions, and the forms
that plan and record it.

Who may do what is the policy's (networks/workshops/policies.py): members' staff read;
the network's coordinators plan and change workshops (CHANGE); an invitation is answered
by the coordinators or by the staff of the invited member (CHANGE on the invitation).
Bad input answers 400 with the form and its messages; nothing is saved then."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.core.storage import private_download
from verbund.networks import selectors
from verbund.networks.models import CooperationArea, Network
from verbund.networks.workshops import selectors as selectors_workshops
from verbund.networks.workshops import services as services_workshops
from verbund.networks.workshops.forms import (
    AgendaItemForm,
    AnswerForm,
    DecisionForm,
    InviteForm,
    MaterialForm,
    MinutesForm,
    WorkshopForm,
)
from verbund.networks.workshops.models import (
    DecisionEffect,
    Invitation,
    InvitationResponse,
    Workshop,
    WorkshopMaterial,
    WorkshopStatus,
)

# --- access and helpers ---------------------------------------------------------------------


def _workshop(request: HttpRequest, pk: int, workshop_pk: int, action: Action) -> Workshop:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, Workshop, workshop_pk, parent=network, parent_field="network", action=action
    )


def _network_members(network: Network) -> list[tuple[int, str]]:
    return [
        (m.authority_id, m.authority.name)
        for m in selectors.active_memberships(network).order_by("authority__name")
    ]


def _pick(choices: Sequence[tuple[int, str]], authority_id: int) -> Authority:
    """One of the offered authorities by id; 404 for any other."""
    if authority_id not in {pk for pk, _name in choices}:
        raise Http404
    return selectors.authority_by_id(authority_id)


def _data(request: HttpRequest) -> QueryDict | None:
    """The submitted form data on a POST (even an empty one), else ``None``: an unbound
    form."""
    return request.POST if request.method == "POST" else None


def _to_workshop(workshop: Workshop) -> HttpResponse:
    return redirect("staff:workshop", pk=workshop.network_id, workshop_pk=workshop.pk)


def _workshop_url(workshop: Workshop) -> str:
    return reverse("staff:workshop", kwargs={"pk": workshop.network_id, "workshop_pk": workshop.pk})


def _form_page(
    request: HttpRequest,
    network: Network,
    form: forms.Form,
    title: str,
    submit_label: str,
    back: str,
    *,
    multipart: bool = False,
    template: str = "staff/networks/form_page.html",
) -> HttpResponse:
    """The form, answering 400 when it carries errors (bad input or a refusal)."""
    return render(
        request,
        template,
        {
            "network": network,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "back": back,
            "multipart": multipart,
        },
        status=400 if form.errors else 200,
    )


# --- the list and one workshop --------------------------------------------------------------


@staff_required
@require_safe
def network_workshops(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    return render(
        request,
        "staff/networks/workshops/workshops.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "workshops": selectors_workshops.workshops_of_network(network),
        },
    )


@staff_required
@require_safe
def workshop_detail(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.VIEW)
    answerable = set(
        scoped(request.user, Invitation, Action.CHANGE)
        .filter(workshop=workshop)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "staff/networks/workshops/workshop.html",
        {
            "network": workshop.network,
            "workshop": workshop,
            "detail": selectors_workshops.workshop_detail(workshop),
            "may_change": can(request.user, Action.CHANGE, workshop),
            "answerable": answerable if workshop.status == WorkshopStatus.PLANNED else set(),
            "planned": workshop.status == WorkshopStatus.PLANNED,
            "held": workshop.status == WorkshopStatus.HELD,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    form = WorkshopForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services_workshops.workshop_create(
                actor=request.user, network=network, **form.cleaned_data
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request, _("Der Workshop „%(title)s“ ist angelegt.") % {"title": workshop.title}
            )
            return _to_workshop(workshop)
    return _form_page(
        request,
        network,
        form,
        _("Workshop planen"),
        _("Anlegen"),
        reverse("staff:network_workshops", kwargs={"pk": network.pk}),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def workshop_edit(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    initial = {
        "title": workshop.title,
        "level": workshop.level,
        "format": workshop.format,
        "starts_at": workshop.starts_at,
        "ends_at": workshop.ends_at,
        "place": workshop.place,
        "description": workshop.description,
    }
    form = WorkshopForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_workshops.workshop_update(
                actor=request.user, workshop=workshop, **form.cleaned_data
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Angaben zum Workshop wurden gespeichert."))
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Workshop bearbeiten"),
        _("Speichern"),
        _workshop_url(workshop),
    )


@staff_required
@require_POST
def workshop_hold(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    try:
        services_workshops.workshop_hold(actor=request.user, workshop=workshop)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _(
                "„%(title)s“ ist als durchgeführt erfasst. Jetzt können Sie Protokoll und "
                "Beschlüsse erfassen."
            )
            % {"title": workshop.title},
        )
    return _to_workshop(workshop)


@staff_required
@require_POST
def workshop_cancel(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    try:
        services_workshops.workshop_cancel(actor=request.user, workshop=workshop)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("„%(title)s“ ist abgesagt.") % {"title": workshop.title})
    return _to_workshop(workshop)


# --- invitations ----------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def workshop_invite(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    outside = [(a.pk, a.name) for a in selectors_workshops.members_not_invited(workshop)]
    form = InviteForm(_data(request), members=outside)
    if request.method == "POST" and form.is_valid():
        chosen = (
            [pk for pk, _name in outside]
            if form.cleaned_data["everyone"]
            else form.cleaned_data["members"]
        )
        try:
            invitations = services_workshops.workshop_invite(
                actor=request.user,
                workshop=workshop,
                authorities=[_pick(outside, i) for i in chosen],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            count = len(invitations)
            messages.success(
                request,
                ngettext(
                    "%(count)s Mitglied ist eingeladen.",
                    "%(count)s Mitglieder sind eingeladen.",
                    count,
                )
                % {"count": count},
            )
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Mitglieder einladen"),
        _("Einladen"),
        _workshop_url(workshop),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def invitation_answer(
    request: HttpRequest, pk: int, workshop_pk: int, invitation_pk: int
) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.VIEW)
    invitation = access_child_by_id(
        request.user,
        Invitation,
        invitation_pk,
        parent=workshop,
        parent_field="workshop",
        action=Action.CHANGE,
    )
    initial = {
        "response": invitation.response if invitation.response != InvitationResponse.OPEN else None,
        "attendees": invitation.attendees or None,
    }
    form = AnswerForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_workshops.invitation_answer(
                actor=request.user,
                invitation=invitation,
                response=form.cleaned_data["response"],
                attendees=form.cleaned_data["attendees"] or 0,
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Die Antwort von %(name)s ist gespeichert.")
                % {"name": invitation.authority.name},
            )
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Einladung beantworten: %(name)s") % {"name": invitation.authority.name},
        _("Antwort senden"),
        _workshop_url(workshop),
    )


# --- agenda and materials -------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def agenda_item_add(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    members = _network_members(workshop.network)
    form = AgendaItemForm(_data(request), members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services_workshops.agenda_item_add(
                actor=request.user,
                workshop=workshop,
                title=data["title"],
                duration_minutes=data["duration_minutes"],
                presenter=_pick(members, data["presenter"])
                if data["presenter"] is not None
                else None,
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("„%(title)s“ steht auf der Tagesordnung.") % {"title": item.title},
            )
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Tagesordnungspunkt hinzufügen"),
        _("Hinzufügen"),
        _workshop_url(workshop),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def material_add(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    # An upload page (settings.VERBUND_UPLOAD_URL_NAMES): its files may be larger.
    form = MaterialForm(request.POST, request.FILES) if request.method == "POST" else MaterialForm()
    if request.method == "POST" and form.is_valid():
        try:
            material = services_workshops.material_add(
                actor=request.user,
                workshop=workshop,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            messages.success(
                request,
                _("Die Unterlage „%(title)s“ ist abgelegt.") % {"title": material.title},
            )
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Unterlage ablegen"),
        _("Hochladen"),
        _workshop_url(workshop),
        multipart=True,
    )


_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}


@staff_required  # type: ignore[arg-type]
@require_safe
def workshop_material(
    request: HttpRequest, pk: int, workshop_pk: int, material_pk: int
) -> FileResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.VIEW)
    material = access_child_by_id(
        request.user, WorkshopMaterial, material_pk, parent=workshop, parent_field="workshop"
    )
    suffix = PurePath(material.file_name).suffix.lower()
    return private_download(
        material.file,
        filename=material.file_name,
        content_type=_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )


# --- minutes and decisions ------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def minutes_write(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    form = MinutesForm(_data(request), initial={"text": workshop.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services_workshops.minutes_write(
                actor=request.user, workshop=workshop, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Das Protokoll ist gespeichert."))
            return _to_workshop(workshop)
    return _form_page(
        request,
        workshop.network,
        form,
        _("Protokoll schreiben"),
        _("Speichern"),
        _workshop_url(workshop),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def decision_record(request: HttpRequest, pk: int, workshop_pk: int) -> HttpResponse:
    workshop = _workshop(request, pk, workshop_pk, Action.CHANGE)
    network = workshop.network
    members = _network_members(network)
    areas = {a.pk: a for a in scoped(request.user, CooperationArea).filter(network=network)}
    form = DecisionForm(
        _data(request),
        areas=[(a.pk, a.name) for a in areas.values()],
        members=members,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        effect: services_workshops.Effect | None = None
        if data["effect"] == DecisionEffect.AREA_LEVEL:
            effect = services_workshops.AreaLevelEffect(
                area=areas[data["area"]],
                authority=_pick(members, data["authority"]),
                level=data["level"],
                valid_from=data["valid_from"],
            )
        elif data["effect"] == DecisionEffect.ROADMAP_ITEM:
            effect = services_workshops.RoadmapItemEffect(
                title=data["item_title"],
                proposed_by=_pick(members, data["proposed_by"]),
                description=data["item_description"],
                planned_on=data["planned_on"],
            )
        try:
            services_workshops.decision_record(
                actor=request.user, workshop=workshop, text=data["text"], effect=effect
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Beschluss ist erfasst."))
            return _to_workshop(workshop)
    return _form_page(
        request,
        network,
        form,
        _("Beschluss erfassen"),
        _("Erfassen"),
        _workshop_url(workshop),
        template="staff/networks/workshops/decision_form.html",
    )
