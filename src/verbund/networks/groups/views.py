"""Staff pages of a network's project groups: the overview with each group's progress,
one group with its members, tasks, milestones and documents, and the forms that change
them.

Who may do what is the policy's (networks/policies.py): members' staff read; the
network's coordinators found and change groups (CHANGE); the coordinators and the
staff of the group's lead member manage its work (MANAGE on the group, CHANGE on a
task, milestone or document)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.authorities.models import Authority
from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id, can
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_messages
from verbund.core.storage import private_download
from verbund.networks import selectors
from verbund.networks.groups import selectors as selectors_groups
from verbund.networks.groups import services as services_groups
from verbund.networks.groups.forms import (
    DocumentForm,
    GroupForm,
    MemberForm,
    MilestoneForm,
    TaskForm,
)
from verbund.networks.groups.models import (
    GroupDocument,
    GroupTask,
    Milestone,
    ProjectGroup,
)
from verbund.networks.models import Network

# --- access ---------------------------------------------------------------------------------


def _group(request: HttpRequest, pk: int, group_pk: int, action: Action) -> ProjectGroup:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, ProjectGroup, group_pk, parent=network, parent_field="network", action=action
    )


def _network_members(network: Network) -> list[tuple[int, str]]:
    return [(m.authority_id, m.authority.name) for m in selectors.active_memberships(network)]


def _group_members(group: ProjectGroup) -> list[tuple[int, str]]:
    return [(a.pk, a.name) for a in group.members.order_by("name")]


def _pick(choices: Sequence[tuple[int, str]], authority_id: int) -> Authority:
    """One of the offered authorities by id; 404 for any other."""
    if authority_id not in {pk for pk, _name in choices}:
        raise Http404
    return selectors.authority_by_id(authority_id)


def _form_page(
    request: HttpRequest,
    network: Network,
    form: forms.Form,
    title: str,
    submit_label: str,
    back: str,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "back": back,
            "multipart": multipart,
        },
    )


def _to_group(group: ProjectGroup) -> HttpResponse:
    return redirect("staff:group", pk=group.network_id, group_pk=group.pk)


def _group_url(group: ProjectGroup) -> str:
    return reverse("staff:group", kwargs={"pk": group.network_id, "group_pk": group.pk})


# --- the overview and one group -------------------------------------------------------------


@staff_required
@require_safe
def network_groups(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    rows = selectors_groups.groups_of_network(network)
    chart = charts.progress_bars(
        _("Erledigte Aufgaben je Projektgruppe"),
        [(row.group.name, row.tasks_done, row.tasks_total) for row in rows],
        label_header=_("Projektgruppe"),
        chart_id="projektgruppen-fortschritt",
    )
    return render(
        request,
        "staff/networks/groups/groups.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "rows": rows,
            "chart": chart,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    members = _network_members(network)
    form = GroupForm(request.POST or None, leads=members, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services_groups.group_create(
                actor=request.user,
                network=network,
                name=data["name"],
                goal=data["goal"],
                status=data["status"],
                lead=_pick(members, data["lead"]),
                members=[_pick(members, i) for i in data["members"]],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Die Projektgruppe „%(name)s“ ist angelegt.") % {"name": group.name}
            )
            return _to_group(group)
    return _form_page(
        request,
        network,
        form,
        _("Projektgruppe anlegen"),
        _("Anlegen"),
        reverse("staff:network_groups", kwargs={"pk": network.pk}),
    )


@staff_required
@require_safe
def group_detail(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.VIEW)
    return render(
        request,
        "staff/networks/groups/group.html",
        {
            "network": group.network,
            "group": group,
            "detail": selectors_groups.group_detail(group),
            "may_change": can(request.user, Action.CHANGE, group),
            "may_manage": can(request.user, Action.MANAGE, group),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.CHANGE)
    members = _group_members(group)
    initial = {
        "name": group.name,
        "goal": group.goal,
        "status": group.status,
        "lead": group.lead_id,
        "started_on": group.started_on,
        "ended_on": group.ended_on,
    }
    form = GroupForm(request.POST or None, initial=initial, leads=members, members=None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_groups.group_update(
                actor=request.user,
                group=group,
                name=data["name"],
                goal=data["goal"],
                status=data["status"],
                lead=_pick(members, data["lead"]),
                started_on=data["started_on"],
                ended_on=data["ended_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Angaben zur Projektgruppe wurden gespeichert."))
            return _to_group(group)
    return _form_page(
        request,
        group.network,
        form,
        _("Projektgruppe bearbeiten"),
        _("Speichern"),
        _group_url(group),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def group_member_add(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.CHANGE)
    outside = [(a.pk, a.name) for a in selectors_groups.members_outside_group(group)]
    form = MemberForm(request.POST or None, members=outside)
    if request.method == "POST" and form.is_valid():
        authority = _pick(outside, form.cleaned_data["authority"])
        try:
            services_groups.group_member_add(actor=request.user, group=group, authority=authority)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s arbeitet jetzt in der Projektgruppe mit.") % {"name": authority.name},
            )
            return _to_group(group)
    return _form_page(
        request,
        group.network,
        form,
        _("Mitglied aufnehmen"),
        _("Aufnehmen"),
        _group_url(group),
    )


@staff_required
@require_POST
def group_member_remove(
    request: HttpRequest, pk: int, group_pk: int, authority_pk: int
) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.CHANGE)
    authority = _pick(_group_members(group), authority_pk)
    try:
        services_groups.group_member_remove(actor=request.user, group=group, authority=authority)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("%(name)s gehört nicht mehr zur Projektgruppe.") % {"name": authority.name},
        )
    return _to_group(group)


# --- tasks, milestones, documents -----------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.MANAGE)
    members = _group_members(group)
    form = TaskForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services_groups.task_create(
                actor=request.user,
                group=group,
                title=data["title"],
                owner=_pick(members, data["owner"]),
                due_on=data["due_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Die Aufgabe „%(title)s“ ist angelegt.") % {"title": task.title}
            )
            return _to_group(group)
    return _form_page(
        request, group.network, form, _("Aufgabe anlegen"), _("Anlegen"), _group_url(group)
    )


def _task(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> GroupTask:
    group = _group(request, pk, group_pk, Action.VIEW)
    return access_child_by_id(
        request.user, GroupTask, task_pk, parent=group, parent_field="group", action=Action.CHANGE
    )


@staff_required
@require_POST
def task_complete(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> HttpResponse:
    task = _task(request, pk, group_pk, task_pk)
    try:
        services_groups.task_complete(actor=request.user, task=task)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("„%(title)s“ ist erledigt.") % {"title": task.title})
    return _to_group(task.group)


@staff_required
@require_POST
def task_reopen(request: HttpRequest, pk: int, group_pk: int, task_pk: int) -> HttpResponse:
    task = _task(request, pk, group_pk, task_pk)
    try:
        services_groups.task_reopen(actor=request.user, task=task)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("„%(title)s“ ist wieder offen.") % {"title": task.title})
    return _to_group(task.group)


@staff_required
@require_http_methods(["GET", "POST"])
def milestone_create(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.MANAGE)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services_groups.milestone_create(
                actor=request.user, group=group, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Der Meilenstein „%(title)s“ ist angelegt.") % {"title": milestone.title},
            )
            return _to_group(group)
    return _form_page(
        request, group.network, form, _("Meilenstein anlegen"), _("Anlegen"), _group_url(group)
    )


@staff_required
@require_POST
def milestone_reach(
    request: HttpRequest, pk: int, group_pk: int, milestone_pk: int
) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.VIEW)
    milestone = access_child_by_id(
        request.user,
        Milestone,
        milestone_pk,
        parent=group,
        parent_field="group",
        action=Action.CHANGE,
    )
    try:
        milestone = services_groups.milestone_reach(actor=request.user, milestone=milestone)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Meilenstein „%(title)s“ am %(date)s erreicht.")
            % {
                "title": milestone.title,
                "date": formats.date_format(milestone.reached_on or milestone.due_on),
            },
        )
    return _to_group(group)


@staff_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    group = _group(request, pk, group_pk, Action.MANAGE)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services_groups.document_add(
                actor=request.user,
                group=group,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            messages.success(
                request,
                _("Das Dokument „%(title)s“ ist abgelegt.") % {"title": document.title},
            )
            return _to_group(group)
    return _form_page(
        request,
        group.network,
        form,
        _("Dokument ablegen"),
        _("Hochladen"),
        _group_url(group),
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
def group_document(request: HttpRequest, pk: int, group_pk: int, document_pk: int) -> FileResponse:
    group = _group(request, pk, group_pk, Action.VIEW)
    document = access_child_by_id(
        request.user, GroupDocument, document_pk, parent=group, parent_field="group"
    )
    suffix = PurePath(document.file_name).suffix.lower()
    return private_download(
        document.file,
        filename=document.file_name,
        content_type=_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
