"""Writes on project groups, their tasks, milestones and documents. Each function is
atomic, reports every problem at once (nothing is saved then) and writes an audit
entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.networks.groups.models import (
    GroupDocument,
    GroupTask,
    Milestone,
    ProjectGroup,
    ProjectGroupStatus,
)
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# What a document of a project group may be: PDF and office files, told by their
# first bytes as well as by their name (a renamed executable is refused).
_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"  # OOXML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy doc, xls, ppt
DOCUMENT_TYPES: dict[str, bytes] = {
    ".pdf": _PDF,
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".odp": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".ppt": _OLE,
}


def _day(value: dt.date) -> str:
    return formats.date_format(value)


def _names(authorities: Sequence[Authority]) -> str:
    return ", ".join(sorted(a.name for a in authorities))


def _group_state(group: ProjectGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "goal": group.goal,
        "status": group.status,
        "lead": group.lead.ars,
        "started_on": group.started_on,
        "ended_on": group.ended_on,
    }


def _group_problems(
    *,
    network: Network,
    name: str,
    status: str,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    exclude_id: int | None = None,
) -> list[str]:
    problems: list[str] = []
    if not name:
        problems.append(_("Bitte geben Sie einen Namen an."))
    else:
        same = ProjectGroup.objects.filter(network=network, name__iexact=name)
        if exclude_id is not None:
            same = same.exclude(pk=exclude_id)
        if same.exists():
            problems.append(
                _("Die Projektgruppe „%(name)s“ gibt es in diesem Verbund schon.") % {"name": name}
            )
    if status not in ProjectGroupStatus.values:
        problems.append(_("Unbekannter Stand der Projektgruppe."))
    if started_on is not None and ended_on is not None and ended_on < started_on:
        problems.append(_("Das Ende liegt vor dem Beginn."))
    if status == ProjectGroupStatus.COMPLETED and ended_on is None:
        problems.append(_("Eine abgeschlossene Projektgruppe braucht ein Enddatum."))
    return problems


def group_create(
    *,
    actor: Actor,
    network: Network,
    name: str,
    goal: str = "",
    status: str = ProjectGroupStatus.PLANNED,
    lead: Authority,
    members: Sequence[Authority] = (),
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> ProjectGroup:
    """Found a project group. The lead is always one of its members; every member must
    be an active member of the network today."""
    with transaction.atomic():
        name = name.strip()
        everyone = {a.pk: a for a in (*members, lead)}
        problems = _group_problems(
            network=network, name=name, status=status, started_on=started_on, ended_on=ended_on
        )
        network_members = active_member_ids(network)
        outsiders = [a for a in everyone.values() if a.pk not in network_members]
        if outsiders:
            problems.append(
                _("Keine Mitglieder des Verbunds: %(names)s.") % {"names": _names(outsiders)}
            )
        if problems:
            raise ValidationError(problems)
        group = ProjectGroup(
            network=network,
            name=name,
            goal=goal.strip(),
            status=status,
            lead=lead,
            started_on=started_on,
            ended_on=ended_on,
        )
        group.full_clean()
        group.save()
        group.members.set(everyone.values())
        audit_record(
            actor=actor,
            action="networks.project_group_created",
            obj=group,
            network=network,
            authority=lead,
            changes=field_changes(
                None,
                {**_group_state(group), "members": sorted(a.ars for a in everyone.values())},
            ),
        )
        return group


def group_update(
    *,
    actor: Actor,
    group: ProjectGroup,
    name: str,
    goal: str,
    status: str,
    lead: Authority,
    started_on: dt.date | None,
    ended_on: dt.date | None,
) -> ProjectGroup:
    """Change a group's name, goal, status, lead (one of its members) or period."""
    with transaction.atomic():
        group = ProjectGroup.objects.select_for_update().select_related("lead").get(pk=group.pk)
        name = name.strip()
        problems = _group_problems(
            network=group.network,
            name=name,
            status=status,
            started_on=started_on,
            ended_on=ended_on,
            exclude_id=group.pk,
        )
        if not group.members.filter(pk=lead.pk).exists():
            problems.append(
                _(
                    "Die Federführung muss bei einem Mitglied der Projektgruppe liegen; "
                    "%(name)s gehört nicht dazu."
                )
                % {"name": lead.name}
            )
        if problems:
            raise ValidationError(problems)
        before = _group_state(group)
        group.name, group.goal, group.status, group.lead = name, goal.strip(), status, lead
        group.started_on, group.ended_on = started_on, ended_on
        changes = field_changes(before, _group_state(group))
        if not changes:
            return group
        group.full_clean()
        group.save()
        audit_record(
            actor=actor,
            action="networks.project_group_updated",
            obj=group,
            network=group.network_id,
            authority=lead,
            changes=changes,
        )
        return group


def group_member_add(*, actor: Actor, group: ProjectGroup, authority: Authority) -> ProjectGroup:
    with transaction.atomic():
        group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
        if group.members.filter(pk=authority.pk).exists():
            raise ValidationError(
                _("%(name)s arbeitet bereits in der Projektgruppe mit.") % {"name": authority.name}
            )
        if authority.pk not in active_member_ids(group.network):
            raise ValidationError(
                _("%(name)s ist kein Mitglied des Verbunds.") % {"name": authority.name}
            )
        group.members.add(authority)
        audit_record(
            actor=actor,
            action="networks.project_group_member_added",
            obj=group,
            network=group.network_id,
            authority=authority,
            changes={"members": [None, authority.ars]},
        )
        return group


def group_member_remove(*, actor: Actor, group: ProjectGroup, authority: Authority) -> ProjectGroup:
    """Take a member out of a group. The lead stays, and so does a member that still
    owns open tasks (hand them over first)."""
    with transaction.atomic():
        group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
        problems: list[str] = []
        if not group.members.filter(pk=authority.pk).exists():
            problems.append(
                _("%(name)s gehört nicht zur Projektgruppe.") % {"name": authority.name}
            )
        if group.lead_id == authority.pk:
            problems.append(
                _("%(name)s hat die Federführung und bleibt daher Mitglied.")
                % {"name": authority.name}
            )
        open_tasks = group.tasks.filter(owner=authority, done_on__isnull=True).count()
        if open_tasks:
            problems.append(
                _("%(name)s ist noch für %(count)s offene Aufgabe(n) verantwortlich.")
                % {"name": authority.name, "count": open_tasks}
            )
        if problems:
            raise ValidationError(problems)
        group.members.remove(authority)
        audit_record(
            actor=actor,
            action="networks.project_group_member_removed",
            obj=group,
            network=group.network_id,
            authority=authority,
            changes={"members": [authority.ars, None]},
        )
        return group


# --- tasks and milestones -------------------------------------------------------------------


def task_create(
    *, actor: Actor, group: ProjectGroup, title: str, owner: Authority, due_on: dt.date
) -> GroupTask:
    """Give the group a task, owned by one of its members."""
    with transaction.atomic():
        group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
        title = title.strip()
        problems: list[str] = []
        if not title:
            problems.append(_("Bitte beschreiben Sie die Aufgabe."))
        if not group.members.filter(pk=owner.pk).exists():
            problems.append(
                _("%(name)s gehört nicht zur Projektgruppe und kann keine Aufgabe übernehmen.")
                % {"name": owner.name}
            )
        if group.status == ProjectGroupStatus.COMPLETED:
            problems.append(_("Die Projektgruppe ist abgeschlossen."))
        if problems:
            raise ValidationError(problems)
        task = GroupTask(group=group, title=title, owner=owner, due_on=due_on)
        task.full_clean()
        task.save()
        audit_record(
            actor=actor,
            action="networks.group_task_created",
            obj=task,
            network=group.network_id,
            authority=owner,
            changes=field_changes(
                None, {"group": group.pk, "title": title, "owner": owner.ars, "due_on": due_on}
            ),
        )
        return task


def task_complete(*, actor: Actor, task: GroupTask, done_on: dt.date | None = None) -> GroupTask:
    """Mark a task done (today by default; not in the future)."""
    with transaction.atomic():
        task = GroupTask.objects.select_for_update().select_related("group").get(pk=task.pk)
        day = done_on or timezone.localdate()
        if task.done_on is not None:
            raise ValidationError(
                _("Die Aufgabe ist seit dem %(date)s erledigt.") % {"date": _day(task.done_on)}
            )
        if day > timezone.localdate():
            raise ValidationError(_("Eine Aufgabe kann nicht in der Zukunft erledigt werden."))
        task.done_on = day
        task.save(update_fields=["done_on"])
        audit_record(
            actor=actor,
            action="networks.group_task_completed",
            obj=task,
            network=task.group.network_id,
            authority=task.owner_id,
            changes=field_changes({"done_on": None}, {"done_on": day}),
        )
        return task


def task_reopen(*, actor: Actor, task: GroupTask) -> GroupTask:
    with transaction.atomic():
        task = GroupTask.objects.select_for_update().select_related("group").get(pk=task.pk)
        if task.done_on is None:
            raise ValidationError(_("Die Aufgabe ist noch offen."))
        before = task.done_on
        task.done_on = None
        task.save(update_fields=["done_on"])
        audit_record(
            actor=actor,
            action="networks.group_task_reopened",
            obj=task,
            network=task.group.network_id,
            authority=task.owner_id,
            changes=field_changes({"done_on": before}, {"done_on": None}),
        )
        return task


def milestone_create(
    *, actor: Actor, group: ProjectGroup, title: str, due_on: dt.date
) -> Milestone:
    with transaction.atomic():
        group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
        title = title.strip()
        if not title:
            raise ValidationError(_("Bitte benennen Sie den Meilenstein."))
        if group.milestones.filter(title__iexact=title).exists():
            raise ValidationError(
                _("Den Meilenstein „%(title)s“ gibt es in dieser Projektgruppe schon.")
                % {"title": title}
            )
        milestone = Milestone(group=group, title=title, due_on=due_on)
        milestone.full_clean()
        milestone.save()
        audit_record(
            actor=actor,
            action="networks.milestone_created",
            obj=milestone,
            network=group.network_id,
            changes=field_changes(None, {"group": group.pk, "title": title, "due_on": due_on}),
        )
        return milestone


def milestone_reach(
    *, actor: Actor, milestone: Milestone, reached_on: dt.date | None = None
) -> Milestone:
    """Record that a milestone is reached (today by default; not in the future)."""
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update().select_related("group").get(pk=milestone.pk)
        )
        day = reached_on or timezone.localdate()
        if milestone.reached_on is not None:
            raise ValidationError(
                _("Der Meilenstein ist seit dem %(date)s erreicht.")
                % {"date": _day(milestone.reached_on)}
            )
        if day > timezone.localdate():
            raise ValidationError(_("Ein Meilenstein kann nicht in der Zukunft erreicht werden."))
        milestone.reached_on = day
        milestone.save(update_fields=["reached_on"])
        audit_record(
            actor=actor,
            action="networks.milestone_reached",
            obj=milestone,
            network=milestone.group.network_id,
            changes=field_changes({"reached_on": None}, {"reached_on": day}),
        )
        return milestone


# --- documents ------------------------------------------------------------------------------


def document_problems(upload: UploadedFile) -> list[str]:
    """Why ``upload`` cannot be a group document: size, name and first bytes."""
    problems: list[str] = []
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        problems.append(_("Die Datei ist größer als 20 MB."))
    if not upload.size:
        problems.append(_("Die Datei ist leer."))
    suffix = PurePath(upload.name or "").suffix.lower()
    magic = DOCUMENT_TYPES.get(suffix)
    head = upload.read(len(magic)) if magic else b""
    upload.seek(0)
    if magic is None or head != magic:
        problems.append(
            _(
                "Bitte laden Sie ein PDF oder eine Office-Datei hoch (PDF, DOCX, XLSX, PPTX, ODT, "
                "ODS, ODP, DOC, XLS, PPT)."
            )
        )
    return problems


def document_add(
    *, actor: Actor, group: ProjectGroup, title: str, upload: UploadedFile
) -> GroupDocument:
    """Store a document of the group privately, with its SHA-256."""
    with transaction.atomic():
        title = title.strip()
        problems = [] if title else [_("Bitte geben Sie einen Titel an.")]
        problems += document_problems(upload)
        if problems:
            raise ValidationError(problems)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        document = GroupDocument(
            group=group,
            title=title,
            file_name=PurePath(upload.name or "dokument").name[:255],
            size=upload.size or 0,
            sha256=digest.hexdigest(),
        )
        document.file = upload
        document.full_clean()
        document.save()
        audit_record(
            actor=actor,
            action="networks.group_document_added",
            obj=document,
            network=group.network_id,
            changes=field_changes(
                None,
                {
                    "group": group.pk,
                    "title": title,
                    "file_name": document.file_name,
                    "size": document.size,
                    "sha256": document.sha256,
                },
            ),
        )
        return document
