"""Writes on networks and memberships. Each function is atomic and audited."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.networks.hooks import ServiceSummary, service_directory
from verbund.networks.models import (
    Agreement,
    AgreementKind,
    AreaParticipation,
    AreaTool,
    CooperationArea,
    Membership,
    MembershipRole,
    Network,
    ParticipationLevel,
)
from verbund.networks.selectors import active_member_ids

_EDITABLE_FIELDS = ("name", "kind", "description", "operator_name")


def _network_state(network: Network) -> dict[str, Any]:
    return {name: getattr(network, name) for name in _EDITABLE_FIELDS}


def network_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    kind: str,
    description: str = "",
    operator_name: str = "",
) -> Network:
    with transaction.atomic():
        if Network.objects.filter(Q(name=name) | Q(slug=slug)).exists():
            raise ValidationError(_("Ein Verbund mit diesem Namen oder Kurznamen besteht bereits."))
        network = Network(
            name=name, slug=slug, kind=kind, description=description, operator_name=operator_name
        )
        network.full_clean()
        network.save()
        audit_record(
            actor=actor,
            action="networks.network_created",
            obj=network,
            network=network,
            changes=field_changes(None, {"slug": slug, **_network_state(network)}),
        )
        return network


def network_update(
    *, actor: Actor, network: Network, name: str, kind: str, description: str, operator_name: str
) -> Network:
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        before = _network_state(network)
        network.name, network.kind = name, kind
        network.description, network.operator_name = description, operator_name
        changes = field_changes(before, _network_state(network))
        if not changes:
            return network
        network.full_clean()
        network.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="networks.network_updated",
            obj=network,
            network=network,
            changes=changes,
        )
        return network


def _overlapping(network: Network, authority: Authority, joined_on: dt.date) -> bool:
    """True when the authority already has a membership that is open on or after ``joined_on``."""
    return (
        Membership.objects.filter(network=network, authority=authority)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=joined_on))
        .exists()
    )


def membership_add(
    *,
    actor: Actor,
    network: Network,
    authority: Authority,
    role: str = MembershipRole.MEMBER,
    joined_on: dt.date,
) -> Membership:
    with transaction.atomic():
        if authority.dissolved_on is not None:
            raise ValidationError(
                _("%(name)s ist aufgelöst und kann nicht Mitglied werden.") % {"name": authority}
            )
        if _overlapping(network, authority, joined_on):
            raise ValidationError(
                _("%(name)s ist in diesem Zeitraum bereits Mitglied des Verbunds.")
                % {"name": authority}
            )
        membership = Membership(
            network=network, authority=authority, role=role, joined_on=joined_on
        )
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            action="networks.membership_added",
            obj=membership,
            network=network,
            authority=authority,
            changes=field_changes(
                None, {"authority": authority.ars, "role": role, "joined_on": joined_on}
            ),
        )
        return membership


def membership_end(*, actor: Actor, membership: Membership, left_on: dt.date) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.left_on is not None:
            raise ValidationError(_("Diese Mitgliedschaft ist bereits beendet."))
        if left_on < membership.joined_on:
            raise ValidationError(_("Das Austrittsdatum liegt vor dem Beitritt."))
        membership.left_on = left_on
        membership.save(update_fields=["left_on"])
        audit_record(
            actor=actor,
            action="networks.membership_ended",
            obj=membership,
            network=membership.network_id,
            authority=membership.authority_id,
            changes=field_changes({"left_on": None}, {"left_on": left_on}),
        )
        return membership


# --- cooperation areas and levels ---------------------------------------------------------


def area_create(
    *,
    actor: Actor,
    network: Network,
    name: str,
    description: str = "",
    position: int = 0,
    tool: str = "",
) -> CooperationArea:
    with transaction.atomic():
        name = name.strip()
        if CooperationArea.objects.filter(network=network, name__iexact=name).exists():
            raise ValidationError(
                _("Das Kooperationsfeld „%(name)s“ gibt es in diesem Verbund schon.")
                % {"name": name}
            )
        if tool and CooperationArea.objects.filter(network=network, tool=tool).exists():
            raise ValidationError(
                {
                    "tool": _(
                        "Hinter einem anderen Feld dieses Verbunds steht schon das Werkzeug "
                        "„%(tool)s“."
                    )
                    % {"tool": AreaTool(tool).label}
                }
            )
        area = CooperationArea(
            network=network, name=name, description=description, position=position, tool=tool
        )
        area.full_clean()
        area.save()
        audit_record(
            actor=actor,
            action="networks.area_created",
            obj=area,
            network=network,
            changes=field_changes(
                None, {"name": name, "position": position, **({"tool": tool} if tool else {})}
            ),
        )
        return area


def area_level_set(
    *,
    actor: Actor,
    area: CooperationArea,
    authority: Authority,
    level: int,
    valid_from: dt.date,
    note: str = "",
) -> AreaParticipation:
    """Set a member's level in an area from ``valid_from``: the running level ends the
    day before, the new one starts. Only members of the area's network on that day."""
    with transaction.atomic():
        if level not in ParticipationLevel.values:
            raise ValidationError(_("Die Stufe muss zwischen 0 und 4 liegen."))
        if authority.pk not in active_member_ids(area.network, on=valid_from):
            raise ValidationError(
                _("%(name)s ist am %(date)s kein Mitglied des Verbunds.")
                % {"name": authority.name, "date": formats.date_format(valid_from)}
            )
        running = (
            AreaParticipation.objects.select_for_update()
            .filter(area=area, authority=authority, valid_to__isnull=True)
            .first()
        )
        before = None
        if running is not None:
            if valid_from <= running.valid_from:
                raise ValidationError(
                    _("Die neue Stufe muss nach dem %(date)s beginnen, ab dem die bisherige gilt.")
                    % {"date": formats.date_format(running.valid_from)}
                )
            if running.level == level:
                return running
            before = running.level
            running.valid_to = valid_from - dt.timedelta(days=1)
            running.save(update_fields=["valid_to"])
        participation = AreaParticipation(
            area=area, authority=authority, level=level, valid_from=valid_from, note=note
        )
        participation.full_clean()
        participation.save()
        audit_record(
            actor=actor,
            action="networks.area_level_set",
            obj=participation,
            network=area.network_id,
            authority=authority,
            changes={"level": [before, level], "valid_from": [None, valid_from.isoformat()]},
        )
        return participation


# --- agreements ---------------------------------------------------------------------------


def _period_overlaps(starts_on: dt.date, ends_on: dt.date | None) -> Q:
    """Agreements whose period meets [starts_on, ends_on] (open ends included)."""
    overlap = Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    if ends_on is not None:
        overlap &= Q(starts_on__lte=ends_on)
    return overlap


def _agreement_problems(
    *,
    network: Network,
    processing: Authority,
    parties: Sequence[Authority],
    services: Sequence[ServiceSummary],
    starts_on: dt.date,
    ends_on: dt.date | None,
    exclude_id: int | None = None,
) -> list[str]:
    problems: list[str] = []
    party_ids = {party.pk for party in parties}
    if ends_on is not None and ends_on < starts_on:
        problems.append(_("Das Ende liegt vor dem Beginn."))
    if processing.pk not in party_ids:
        problems.append(
            _("Das erledigende Mitglied %(name)s ist keine Vertragspartei.")
            % {"name": processing.name}
        )
    if len(party_ids) < 2:
        problems.append(_("Eine Vereinbarung braucht mindestens zwei Vertragsparteien."))
    members = active_member_ids(network, on=starts_on)
    outsiders = sorted(party.name for party in parties if party.pk not in members)
    if outsiders:
        problems.append(
            _("Am %(date)s keine Mitglieder des Verbunds: %(names)s.")
            % {"date": formats.date_format(starts_on), "names": ", ".join(outsiders)}
        )
    served = party_ids - {processing.pk}
    if services and served:
        clashes = (
            Agreement.objects.filter(_period_overlaps(starts_on, ends_on))
            .filter(services__in=[s.pk for s in services], parties__in=served)
            .distinct()
        )
        if exclude_id is not None:
            clashes = clashes.exclude(pk=exclude_id)
        for other in clashes.prefetch_related("services", "parties").order_by("title"):
            other_parties = {p.pk for p in other.parties.all()} - {other.processing_id}
            other_services = {s.pk for s in other.services.all()}
            for service in sorted(services, key=lambda s: s.title):
                if service.pk not in other_services:
                    continue
                for party in sorted(parties, key=lambda p: p.name):
                    if party.pk in served and party.pk in other_parties:
                        problems.append(
                            _(
                                "Für %(service)s und %(member)s gilt in diesem Zeitraum "
                                "bereits die Vereinbarung „%(title)s“."
                            )
                            % {"service": service.title, "member": party.name, "title": other.title}
                        )
    return problems


def agreement_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    kind: str,
    processing: Authority,
    parties: Sequence[Authority],
    service_ids: Sequence[int] = (),
    areas: Sequence[CooperationArea] = (),
    tasks: str = "",
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    notice_months: int = 6,
    cost_key: str = "",
    document: UploadedFile | None = None,
) -> Agreement:
    """Record a binding agreement. While it is in force the routing sends the covered
    services' cases of every other party to the processing member; the services must
    be published in the catalogue. Every problem is reported at once; nothing is saved
    then."""
    found = service_directory().services(service_ids)
    services = [found[pk] for pk in dict.fromkeys(service_ids) if pk in found]
    unpublished = [pk for pk in dict.fromkeys(service_ids) if pk not in found]
    unpublished += [s.pk for s in services if not s.published]
    with transaction.atomic():
        # Serialise agreement writes so that two overlapping ones cannot both pass.
        Network.objects.select_for_update().get(pk=network.pk)
        problems = _agreement_problems(
            network=network,
            processing=processing,
            parties=parties,
            services=services,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        if unpublished:
            problems.append(
                _("Eine gewählte Leistung ist im Katalog nicht veröffentlicht."),
            )
        if kind not in AgreementKind.values:
            problems.append(_("Unbekannte Art der Vereinbarung."))
        if any(area.network_id != network.pk for area in areas):
            problems.append(_("Ein Kooperationsfeld gehört zu einem anderen Verbund."))
        if problems:
            raise ValidationError(problems)
        agreement = Agreement(
            network=network,
            title=title.strip(),
            kind=kind,
            processing=processing,
            tasks=tasks,
            starts_on=starts_on,
            ends_on=ends_on,
            notice_months=notice_months,
            cost_key=cost_key,
        )
        if document is not None:
            digest = hashlib.sha256()
            for chunk in document.chunks():
                digest.update(chunk)
            agreement.document_sha256 = digest.hexdigest()
            agreement.document_name = (document.name or "")[:255]
            agreement.document = document
        agreement.full_clean()
        agreement.save()
        agreement.parties.set(parties)
        agreement.services.set([s.pk for s in services])
        agreement.areas.set(areas)
        audit_record(
            actor=actor,
            action="networks.agreement_created",
            obj=agreement,
            network=network,
            authority=processing,
            changes=field_changes(
                None,
                {
                    "title": agreement.title,
                    "kind": kind,
                    "processing": processing.ars,
                    "parties": sorted(p.ars for p in parties),
                    "services": sorted((s.leika_key for s in services), key=lambda key: key or ""),
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                    "document_sha256": agreement.document_sha256,
                },
            ),
        )
        return agreement


def agreement_end(*, actor: Actor, agreement: Agreement, ends_on: dt.date) -> Agreement:
    """End an agreement (or move its end earlier): from the day after, the covered cases
    go to each member itself again."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if ends_on < agreement.starts_on:
            raise ValidationError(_("Das Ende liegt vor dem Beginn."))
        if agreement.ends_on is not None and ends_on >= agreement.ends_on:
            raise ValidationError(
                _("Die Vereinbarung endet bereits am %(date)s.")
                % {"date": formats.date_format(agreement.ends_on)}
            )
        before = agreement.ends_on
        agreement.ends_on = ends_on
        agreement.save(update_fields=["ends_on"])
        audit_record(
            actor=actor,
            action="networks.agreement_ended",
            obj=agreement,
            network=agreement.network_id,
            authority=agreement.processing_id,
            changes=field_changes({"ends_on": before}, {"ends_on": ends_on}),
        )
        return agreement
