"""Writes on workshops, their invitations, agenda, materials, minutes and decisions.
Each function is atomic, reports every problem at once in German (nothing is saved then)
and writes one audit entry of its own as its last write.

The life of a workshop: planned (members are invited and answer, the agenda grows,
materials are added) → held (minutes and decisions follow) or cancelled. A decision
may have an effect: it sets a member's level in a cooperation area from a day (through
``networks.services.area_level_set``) or puts an item on the roadmap (through
``networks.roadmap.services.roadmap_propose``); those write their own audit entries
too, and the decision keeps what they created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record, field_changes
from verbund.networks.groups.services import document_problems
from verbund.networks.models import (
    AreaParticipation,
    CooperationArea,
    Network,
    ParticipationLevel,
)
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.roadmap.services import roadmap_propose
from verbund.networks.selectors import active_member_ids
from verbund.networks.services import area_level_set
from verbund.networks.workshops.models import (
    AgendaItem,
    DecisionEffect,
    Invitation,
    InvitationResponse,
    Workshop,
    WorkshopDecision,
    WorkshopFormat,
    WorkshopLevel,
    WorkshopMaterial,
    WorkshopStatus,
)

__all__ = [
    "MAX_AGENDA_MINUTES",
    "MAX_ATTENDEES",
    "AreaLevelEffect",
    "Effect",
    "RoadmapItemEffect",
    "agenda_item_add",
    "decision_record",
    "invitation_answer",
    "material_add",
    "minutes_write",
    "workshop_cancel",
    "workshop_create",
    "workshop_hold",
    "workshop_invite",
    "workshop_update",
]

MAX_ATTENDEES = 50  # people one member sends
MAX_AGENDA_MINUTES = 480  # one agenda item


@dataclass(frozen=True)
class AreaLevelEffect:
    """A decision's effect: ``authority`` works in ``area`` on ``level`` from
    ``valid_from``."""

    area: CooperationArea
    authority: Authority
    level: int
    valid_from: dt.date


@dataclass(frozen=True)
class RoadmapItemEffect:
    """A decision's effect: a new item on the network's roadmap, proposed by a member."""

    title: str
    proposed_by: Authority
    description: str = ""
    planned_on: dt.date | None = None


Effect = AreaLevelEffect | RoadmapItemEffect


def _moment(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _day(value: dt.date) -> str:
    return formats.date_format(value)


def _names(authorities: Sequence[Authority]) -> str:
    return ", ".join(sorted(a.name for a in authorities))


def _not_a_member(authority: Authority) -> str:
    return _("%(name)s ist kein Mitglied des Verbunds.") % {"name": authority.name}


def _locked(workshop: Workshop) -> Workshop:
    return (
        Workshop.objects.select_for_update(of=("self",))
        .select_related("network")
        .get(pk=workshop.pk)
    )


def _minutes_long(starts_at: dt.datetime, ends_at: dt.datetime) -> int:
    return int((ends_at - starts_at).total_seconds() // 60)


def _agenda_minutes(workshop: Workshop) -> int:
    total = workshop.agenda_items.aggregate(total=Sum("duration_minutes"))["total"]
    return int(total or 0)


def _too_long(agenda: int, length: int) -> str:
    return _(
        "Die Tagesordnung dauert %(agenda)s Minuten, länger als der Workshop (%(length)s Minuten)."
    ) % {"agenda": agenda, "length": length}


# --- the workshop ---------------------------------------------------------------------------


def _workshop_state(workshop: Workshop) -> dict[str, Any]:
    return {
        "title": workshop.title,
        "level": workshop.level,
        "format": workshop.format,
        "starts_at": workshop.starts_at,
        "ends_at": workshop.ends_at,
        "place": workshop.place,
        "description": workshop.description,
    }


def _workshop_problems(
    *, title: str, level: str, format: str, starts_at: dt.datetime, ends_at: dt.datetime
) -> list[str]:
    problems: list[str] = []
    if not title:
        problems.append(_("Bitte geben Sie einen Titel an."))
    if level not in WorkshopLevel.values:
        problems.append(_("Unbekannte Ebene des Workshops."))
    if format not in WorkshopFormat.values:
        problems.append(_("Unbekanntes Format des Workshops."))
    if ends_at <= starts_at:
        problems.append(_("Das Ende muss nach dem Beginn liegen."))
    return problems


def workshop_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    level: str,
    format: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    description: str = "",
) -> Workshop:
    """Plan a workshop of ``network``."""
    with transaction.atomic():
        title = title.strip()
        problems = _workshop_problems(
            title=title, level=level, format=format, starts_at=starts_at, ends_at=ends_at
        )
        if problems:
            raise ValidationError(problems)
        workshop = Workshop(
            network=network,
            title=title,
            level=level,
            format=format,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            description=description.strip(),
        )
        workshop.full_clean()
        workshop.save()
        audit_record(
            actor=actor,
            action="networks.workshop_created",
            obj=workshop,
            network=network.pk,
            changes=field_changes(None, {**_workshop_state(workshop), "status": workshop.status}),
        )
        return workshop


def workshop_update(
    *,
    actor: Actor,
    workshop: Workshop,
    title: str,
    level: str,
    format: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    description: str,
) -> Workshop:
    """Change a planned or held workshop's particulars. A held workshop cannot move into
    the future, and the agenda must still fit into the time."""
    with transaction.atomic():
        workshop = _locked(workshop)
        title = title.strip()
        problems = _workshop_problems(
            title=title, level=level, format=format, starts_at=starts_at, ends_at=ends_at
        )
        if workshop.status == WorkshopStatus.CANCELLED:
            problems.append(_("Ein abgesagter Workshop kann nicht mehr geändert werden."))
        if workshop.status == WorkshopStatus.HELD and starts_at > timezone.now():
            problems.append(
                _(
                    "Der Workshop hat schon stattgefunden; sein Beginn kann nicht in der "
                    "Zukunft liegen."
                )
            )
        agenda = _agenda_minutes(workshop)
        if ends_at > starts_at and agenda > _minutes_long(starts_at, ends_at):
            problems.append(_too_long(agenda, _minutes_long(starts_at, ends_at)))
        if problems:
            raise ValidationError(problems)
        before = _workshop_state(workshop)
        workshop.title, workshop.level, workshop.format = title, level, format
        workshop.starts_at, workshop.ends_at = starts_at, ends_at
        workshop.place, workshop.description = place.strip(), description.strip()
        changes = field_changes(before, _workshop_state(workshop))
        if not changes:
            return workshop
        workshop.full_clean()
        workshop.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="networks.workshop_updated",
            obj=workshop,
            network=workshop.network_id,
            changes=changes,
        )
        return workshop


def workshop_hold(*, actor: Actor, workshop: Workshop) -> Workshop:
    """Record that a planned workshop took place (once it has begun)."""
    with transaction.atomic():
        workshop = _locked(workshop)
        problems: list[str] = []
        if workshop.status != WorkshopStatus.PLANNED:
            problems.append(
                _(
                    "Nur ein geplanter Workshop kann als durchgeführt erfasst werden; "
                    "dieser ist %(status)s."
                )
                % {"status": workshop.get_status_display()}
            )
        if workshop.starts_at > timezone.now():
            problems.append(
                _("Der Workshop beginnt erst am %(moment)s.")
                % {"moment": _moment(workshop.starts_at)}
            )
        if problems:
            raise ValidationError(problems)
        workshop.status = WorkshopStatus.HELD
        workshop.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="networks.workshop_held",
            obj=workshop,
            network=workshop.network_id,
            changes=field_changes({"status": WorkshopStatus.PLANNED}, {"status": workshop.status}),
        )
        return workshop


def workshop_cancel(*, actor: Actor, workshop: Workshop) -> Workshop:
    """Call off a planned workshop."""
    with transaction.atomic():
        workshop = _locked(workshop)
        if workshop.status != WorkshopStatus.PLANNED:
            raise ValidationError(
                _("Nur ein geplanter Workshop kann abgesagt werden; dieser ist %(status)s.")
                % {"status": workshop.get_status_display()}
            )
        workshop.status = WorkshopStatus.CANCELLED
        workshop.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="networks.workshop_cancelled",
            obj=workshop,
            network=workshop.network_id,
            changes=field_changes(
                {"status": WorkshopStatus.PLANNED}, {"status": WorkshopStatus.CANCELLED}
            ),
        )
        return workshop


# --- invitations ----------------------------------------------------------------------------


def workshop_invite(
    *, actor: Actor, workshop: Workshop, authorities: Sequence[Authority]
) -> list[Invitation]:
    """Invite members of the network (today's) that are not invited yet; their answers
    start open."""
    with transaction.atomic():
        workshop = _locked(workshop)
        invitees = {a.pk: a for a in authorities}
        problems: list[str] = []
        if workshop.status != WorkshopStatus.PLANNED:
            problems.append(_("Einladen lässt sich nur zu einem geplanten Workshop."))
        if not invitees:
            problems.append(_("Bitte wählen Sie mindestens ein Mitglied aus."))
        members = active_member_ids(workshop.network)
        outsiders = [a for a in invitees.values() if a.pk not in members]
        if outsiders:
            problems.append(
                _("Keine Mitglieder des Verbunds: %(names)s.") % {"names": _names(outsiders)}
            )
        invited = set(workshop.invitations.values_list("authority_id", flat=True))
        again = [a for a in invitees.values() if a.pk in invited]
        if again:
            problems.append(_("Bereits eingeladen: %(names)s.") % {"names": _names(again)})
        if problems:
            raise ValidationError(problems)
        created = Invitation.objects.bulk_create(
            Invitation(workshop=workshop, authority=a)
            for a in sorted(invitees.values(), key=lambda a: a.name)
        )
        audit_record(
            actor=actor,
            action="networks.workshop_invited",
            obj=workshop,
            network=workshop.network_id,
            changes={"invited": [None, sorted(a.ars for a in invitees.values())]},
        )
        return created


def invitation_answer(
    *, actor: Actor, invitation: Invitation, response: str, attendees: int = 0
) -> Invitation:
    """Accept (with 1 to ``MAX_ATTENDEES`` people) or decline (nobody comes) an
    invitation while the workshop is planned. The same answer again records nothing."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("workshop", "authority")
            .get(pk=invitation.pk)
        )
        workshop = invitation.workshop
        problems: list[str] = []
        if workshop.status == WorkshopStatus.CANCELLED:
            problems.append(_("Der Workshop ist abgesagt."))
        elif workshop.status == WorkshopStatus.HELD:
            problems.append(_("Der Workshop hat bereits stattgefunden."))
        if response not in (InvitationResponse.ACCEPTED, InvitationResponse.DECLINED):
            problems.append(_("Bitte sagen Sie zu oder ab."))
        elif response == InvitationResponse.ACCEPTED and not 1 <= attendees <= MAX_ATTENDEES:
            problems.append(
                _("Bitte geben Sie an, wie viele Personen teilnehmen (1 bis %(max)s).")
                % {"max": MAX_ATTENDEES}
            )
        if problems:
            raise ValidationError(problems)
        if response == InvitationResponse.DECLINED:
            attendees = 0
        before = {"response": invitation.response, "attendees": invitation.attendees}
        changes = field_changes(before, {"response": response, "attendees": attendees})
        if not changes:
            return invitation
        invitation.response, invitation.attendees = response, attendees
        invitation.answered_at = timezone.now()
        invitation.answered_by_id = actor_id(actor)
        invitation.full_clean()
        invitation.save(update_fields=["response", "attendees", "answered_at", "answered_by"])
        audit_record(
            actor=actor,
            action="networks.invitation_answered",
            obj=invitation,
            network=workshop.network_id,
            authority=invitation.authority,
            changes={"workshop": workshop.pk, **changes},
        )
        return invitation


# --- agenda and materials -------------------------------------------------------------------


def agenda_item_add(
    *,
    actor: Actor,
    workshop: Workshop,
    title: str,
    duration_minutes: int,
    presenter: Authority | None = None,
) -> AgendaItem:
    """Add an item at the end of a planned workshop's agenda; the agenda must fit into
    the workshop's time."""
    with transaction.atomic():
        workshop = _locked(workshop)
        title = title.strip()
        problems: list[str] = []
        if workshop.status != WorkshopStatus.PLANNED:
            problems.append(_("Die Tagesordnung lässt sich nur vor dem Workshop ergänzen."))
        if not title:
            problems.append(_("Bitte benennen Sie den Tagesordnungspunkt."))
        if not 1 <= duration_minutes <= MAX_AGENDA_MINUTES:
            problems.append(
                _("Die Dauer muss zwischen 1 und %(max)s Minuten liegen.")
                % {"max": MAX_AGENDA_MINUTES}
            )
        else:
            agenda = _agenda_minutes(workshop) + duration_minutes
            length = _minutes_long(workshop.starts_at, workshop.ends_at)
            if agenda > length:
                problems.append(_too_long(agenda, length))
        if presenter is not None and presenter.pk not in active_member_ids(workshop.network):
            problems.append(_not_a_member(presenter))
        if problems:
            raise ValidationError(problems)
        last = workshop.agenda_items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem(
            workshop=workshop,
            position=last + 1,
            title=title,
            duration_minutes=duration_minutes,
            presenter=presenter,
        )
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            action="networks.agenda_item_added",
            obj=item,
            network=workshop.network_id,
            changes=field_changes(
                None,
                {
                    "workshop": workshop.pk,
                    "position": item.position,
                    "title": title,
                    "duration_minutes": duration_minutes,
                    "presenter": presenter.ars if presenter is not None else None,
                },
            ),
        )
        return item


def material_add(
    *, actor: Actor, workshop: Workshop, title: str, upload: UploadedFile
) -> WorkshopMaterial:
    """Store a material of the workshop privately, with its SHA-256: a PDF or office
    file of at most 20 MB, told by its name and its first bytes."""
    with transaction.atomic():
        workshop = _locked(workshop)
        title = title.strip()
        problems: list[str] = []
        if workshop.status == WorkshopStatus.CANCELLED:
            problems.append(_("Der Workshop ist abgesagt."))
        if not title:
            problems.append(_("Bitte geben Sie einen Titel an."))
        problems += document_problems(upload)
        if problems:
            raise ValidationError(problems)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        material = WorkshopMaterial(
            workshop=workshop,
            title=title,
            file_name=PurePath(upload.name or "unterlage").name[:255],
            size=upload.size or 0,
            sha256=digest.hexdigest(),
        )
        material.file = upload
        material.full_clean()
        material.save()
        audit_record(
            actor=actor,
            action="networks.workshop_material_added",
            obj=material,
            network=workshop.network_id,
            changes=field_changes(
                None,
                {
                    "workshop": workshop.pk,
                    "title": title,
                    "file_name": material.file_name,
                    "size": material.size,
                    "sha256": material.sha256,
                },
            ),
        )
        return material


# --- minutes and decisions ------------------------------------------------------------------


def minutes_write(*, actor: Actor, workshop: Workshop, text: str) -> Workshop:
    """Write (or revise) the minutes of a held workshop, with who wrote them and when.
    The same text again records nothing."""
    with transaction.atomic():
        workshop = _locked(workshop)
        text = text.strip()
        problems: list[str] = []
        if workshop.status != WorkshopStatus.HELD:
            problems.append(
                _(
                    "Das Protokoll kann erst geschrieben werden, wenn der Workshop "
                    "stattgefunden hat."
                )
            )
        if not text:
            problems.append(_("Bitte schreiben Sie das Protokoll."))
        if problems:
            raise ValidationError(problems)
        changes = field_changes({"minutes": workshop.minutes or None}, {"minutes": text})
        if not changes:
            return workshop
        workshop.minutes = text
        workshop.minutes_by_id = actor_id(actor)
        workshop.minutes_at = timezone.now()
        workshop.full_clean()
        workshop.save(update_fields=["minutes", "minutes_by", "minutes_at"])
        audit_record(
            actor=actor,
            action="networks.workshop_minutes_written",
            obj=workshop,
            network=workshop.network_id,
            changes=changes,
        )
        return workshop


def _area_effect_problems(workshop: Workshop, effect: AreaLevelEffect) -> list[str]:
    problems: list[str] = []
    area, authority = effect.area, effect.authority
    if area.network_id != workshop.network_id:
        problems.append(
            _("Das Kooperationsfeld „%(area)s“ gehört nicht zu diesem Verbund.")
            % {"area": area.name}
        )
    if effect.level not in ParticipationLevel.values:
        problems.append(_("Die Stufe muss zwischen 0 und 4 liegen."))
    if authority.pk not in active_member_ids(workshop.network, on=effect.valid_from):
        problems.append(
            _("%(name)s ist am %(date)s kein Mitglied des Verbunds.")
            % {"name": authority.name, "date": _day(effect.valid_from)}
        )
    running = (
        AreaParticipation.objects.filter(area=area, authority=authority, valid_to__isnull=True)
        .only("level", "valid_from")
        .first()
    )
    if area.network_id == workshop.network_id and running is not None:
        if effect.valid_from <= running.valid_from:
            problems.append(
                _("Die neue Stufe muss nach dem %(date)s beginnen, ab dem die bisherige gilt.")
                % {"date": _day(running.valid_from)}
            )
        if running.level == effect.level:
            problems.append(
                _("%(name)s hat im Kooperationsfeld „%(area)s“ bereits die Stufe %(level)s.")
                % {"name": authority.name, "area": area.name, "level": effect.level}
            )
    return problems


def _roadmap_effect_problems(workshop: Workshop, effect: RoadmapItemEffect) -> list[str]:
    problems: list[str] = []
    title = effect.title.strip()
    if not title:
        problems.append(_("Bitte benennen Sie das Vorhaben."))
    elif RoadmapItem.objects.filter(network_id=workshop.network_id, title__iexact=title).exists():
        problems.append(
            _("Das Vorhaben „%(title)s“ steht schon in der Entwicklungsplanung.") % {"title": title}
        )
    if effect.proposed_by.pk not in active_member_ids(workshop.network):
        problems.append(_not_a_member(effect.proposed_by))
    return problems


def decision_record(
    *, actor: Actor, workshop: Workshop, text: str, effect: Effect | None = None
) -> WorkshopDecision:
    """Record a decision of a held workshop. With an effect, carry it out in the same
    transaction (the area level from its day, or the new roadmap item) and keep what it
    created on the decision."""
    with transaction.atomic():
        workshop = _locked(workshop)
        text = text.strip()
        problems: list[str] = []
        if workshop.status != WorkshopStatus.HELD:
            problems.append(_("Beschlüsse werden erfasst, wenn der Workshop stattgefunden hat."))
        if not text:
            problems.append(_("Bitte geben Sie den Beschluss an."))
        if isinstance(effect, AreaLevelEffect):
            problems += _area_effect_problems(workshop, effect)
        elif isinstance(effect, RoadmapItemEffect):
            problems += _roadmap_effect_problems(workshop, effect)
        if problems:
            raise ValidationError(problems)
        decision = WorkshopDecision(workshop=workshop, text=text)
        recorded: dict[str, Any] = {"workshop": workshop.pk, "text": text}
        if isinstance(effect, AreaLevelEffect):
            decision.effect = DecisionEffect.AREA_LEVEL
            decision.area_participation = area_level_set(
                actor=actor,
                area=effect.area,
                authority=effect.authority,
                level=effect.level,
                valid_from=effect.valid_from,
                note=(_("Beschluss: %(title)s") % {"title": workshop.title})[:300],
            )
            recorded |= {
                "area": effect.area.name,
                "authority": effect.authority.ars,
                "area_level": effect.level,
                "valid_from": effect.valid_from,
            }
        elif isinstance(effect, RoadmapItemEffect):
            decision.effect = DecisionEffect.ROADMAP_ITEM
            decision.roadmap_item = roadmap_propose(
                actor=actor,
                network=workshop.network,
                proposed_by=effect.proposed_by,
                title=effect.title,
                description=effect.description,
                planned_on=effect.planned_on,
            )
            recorded |= {
                "roadmap_item": decision.roadmap_item.pk,
                "proposed_by": effect.proposed_by.ars,
            }
        recorded["effect"] = decision.effect
        decision.full_clean()
        decision.save()
        audit_record(
            actor=actor,
            action="networks.workshop_decision_recorded",
            obj=decision,
            network=workshop.network_id,
            authority=effect.authority if isinstance(effect, AreaLevelEffect) else None,
            changes=field_changes(None, recorded),
        )
        return decision
