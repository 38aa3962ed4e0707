"""Writes on the development roadmap of a network. Each function is atomic and audited;
every problem is reported at once (German messages) and nothing is saved then.

The life cycle: proposed (a member proposes; a member takes the build) → in development
(the builder starts) → published (the builder links its published catalogue service).
Other members commit to adopt while the item is proposed or in development.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.core.identifiers import LEIKA_KEY
from verbund.networks.hooks import service_directory
from verbund.networks.models import Network
from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem, RoadmapStatus
from verbund.networks.selectors import active_member_ids

__all__ = [
    "roadmap_commit",
    "roadmap_propose",
    "roadmap_publish",
    "roadmap_start_development",
    "roadmap_take_build",
    "roadmap_withdraw_commitment",
]


def _not_a_member(authority: Authority) -> str:
    return _("%(name)s ist kein Mitglied des Verbunds.") % {"name": authority.name}


def _locked(item: RoadmapItem) -> RoadmapItem:
    return (
        RoadmapItem.objects.select_for_update(of=("self",))
        .select_related("network", "builder", "proposed_by", "service")
        .get(pk=item.pk)
    )


def roadmap_propose(
    *,
    actor: Actor,
    network: Network,
    proposed_by: Authority,
    title: str,
    description: str = "",
    leika_key: str = "",
    planned_on: dt.date | None = None,
) -> RoadmapItem:
    """Put a new online service on the network's roadmap, proposed by a member."""
    with transaction.atomic():
        title, leika_key = title.strip(), leika_key.strip()
        problems: list[str] = []
        if not title:
            problems.append(_("Bitte geben Sie eine Bezeichnung an."))
        elif RoadmapItem.objects.filter(network=network, title__iexact=title).exists():
            problems.append(
                _("Das Vorhaben „%(title)s“ steht schon in der Entwicklungsplanung.")
                % {"title": title}
            )
        if leika_key and not LEIKA_KEY.match(leika_key):
            problems.append(_("Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99."))
        if proposed_by.pk not in active_member_ids(network):
            problems.append(_not_a_member(proposed_by))
        if problems:
            raise ValidationError(problems)
        item = RoadmapItem(
            network=network,
            title=title,
            description=description.strip(),
            leika_key=leika_key,
            proposed_by=proposed_by,
            planned_on=planned_on,
        )
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            action="networks.roadmap_proposed",
            obj=item,
            network=network,
            authority=proposed_by,
            changes=field_changes(
                None,
                {
                    "title": title,
                    "leika_key": leika_key,
                    "proposed_by": proposed_by.ars,
                    "status": item.status,
                    "planned_on": planned_on,
                },
            ),
        )
        return item


def roadmap_take_build(*, actor: Actor, item: RoadmapItem, builder: Authority) -> RoadmapItem:
    """A member takes on building the item; only while it is proposed and nobody has."""
    with transaction.atomic():
        item = _locked(item)
        problems: list[str] = []
        if item.status != RoadmapStatus.PROPOSED:
            problems.append(
                _(
                    "Die Entwicklung kann nur übernommen werden, solange das Vorhaben "
                    "vorgeschlagen ist."
                )
            )
        elif item.builder is not None:
            problems.append(
                _("%(name)s hat die Entwicklung bereits übernommen.") % {"name": item.builder.name}
            )
        if builder.pk not in active_member_ids(item.network):
            problems.append(_not_a_member(builder))
        if item.commitments.filter(authority=builder).exists():
            problems.append(
                _(
                    "%(name)s hat die Nachnutzung zugesagt; bitte ziehen Sie die Zusage zuerst "
                    "zurück."
                )
                % {"name": builder.name}
            )
        if problems:
            raise ValidationError(problems)
        item.builder = builder
        item.save(update_fields=["builder"])
        audit_record(
            actor=actor,
            action="networks.roadmap_build_taken",
            obj=item,
            network=item.network,
            authority=builder,
            changes=field_changes({"builder": None}, {"builder": builder.ars}),
        )
        return item


def roadmap_start_development(
    *, actor: Actor, item: RoadmapItem, planned_on: dt.date | None = None
) -> RoadmapItem:
    """The builder starts the development: proposed → in development. ``planned_on``,
    when given, replaces the target date."""
    with transaction.atomic():
        item = _locked(item)
        problems: list[str] = []
        if item.status != RoadmapStatus.PROPOSED:
            problems.append(
                _("Die Entwicklung kann nur bei einem vorgeschlagenen Vorhaben beginnen.")
            )
        elif item.builder is None:
            problems.append(_("Noch hat kein Mitglied die Entwicklung übernommen."))
        if problems:
            raise ValidationError(problems)
        before = {"status": item.status, "planned_on": item.planned_on}
        item.status = RoadmapStatus.IN_DEVELOPMENT
        if planned_on is not None:
            item.planned_on = planned_on
        item.save(update_fields=["status", "planned_on"])
        audit_record(
            actor=actor,
            action="networks.roadmap_development_started",
            obj=item,
            network=item.network,
            authority=item.builder,
            changes=field_changes(before, {"status": item.status, "planned_on": item.planned_on}),
        )
        return item


def roadmap_publish(*, actor: Actor, item: RoadmapItem, service_id: int) -> RoadmapItem:
    """Link the published catalogue service the item became: in development → published.
    The service must be published and built by the item's builder."""
    service = service_directory().services([service_id]).get(service_id)
    if service is None:
        raise ValidationError(_("Diese Leistung gibt es im Katalog nicht."), code="service")
    with transaction.atomic():
        item = _locked(item)
        problems: list[str] = []
        if item.status != RoadmapStatus.IN_DEVELOPMENT:
            problems.append(_("Veröffentlicht werden kann nur ein Vorhaben in Entwicklung."))
        if not service.published:
            problems.append(
                _("Die Leistung „%(title)s“ ist im Katalog nicht veröffentlicht.")
                % {"title": service.title}
            )
        if item.builder is not None and service.builder_id != item.builder_id:
            problems.append(
                _(
                    "Die Leistung „%(title)s“ hat %(other)s entwickelt, nicht %(builder)s, "
                    "das die Entwicklung dieses Vorhabens übernommen hat."
                )
                % {
                    "title": service.title,
                    "other": service.builder_name,
                    "builder": item.builder.name,
                }
            )
        linked = (
            RoadmapItem.objects.filter(network=item.network, service_id=service.pk)
            .exclude(pk=item.pk)
            .first()
        )
        if linked is not None:
            problems.append(
                _("Die Leistung „%(title)s“ ist bereits mit dem Vorhaben „%(other)s“ verknüpft.")
                % {"title": service.title, "other": linked.title}
            )
        if problems:
            raise ValidationError(problems)
        item.status = RoadmapStatus.PUBLISHED
        item.service_id = service.pk
        item.save(update_fields=["status", "service"])
        audit_record(
            actor=actor,
            action="networks.roadmap_published",
            obj=item,
            network=item.network,
            authority=item.builder,
            changes=field_changes(
                {"status": RoadmapStatus.IN_DEVELOPMENT, "service": None},
                {"status": item.status, "service": service.key},
            ),
        )
        return item


def _commitment_problems(item: RoadmapItem, authority: Authority) -> list[str]:
    problems: list[str] = []
    if authority.pk not in active_member_ids(item.network):
        problems.append(_not_a_member(authority))
    if item.builder_id == authority.pk:
        problems.append(
            _("%(name)s entwickelt das Vorhaben selbst und sagt keine Nachnutzung zu.")
            % {"name": authority.name}
        )
    return problems


def roadmap_commit(
    *,
    actor: Actor,
    item: RoadmapItem,
    authority: Authority,
    committed_on: dt.date | None = None,
) -> AdoptionCommitment:
    """A member (not the builder) commits to adopt the item's service once published."""
    with transaction.atomic():
        item = _locked(item)
        problems = _commitment_problems(item, authority)
        if item.status == RoadmapStatus.PUBLISHED:
            problems.insert(
                0,
                _(
                    "Das Vorhaben ist bereits veröffentlicht; statt einer Zusage nutzen Sie die "
                    "Leistung im Katalog nach."
                ),
            )
        if item.commitments.filter(authority=authority).exists():
            problems.append(
                _("%(name)s hat die Nachnutzung bereits zugesagt.") % {"name": authority.name}
            )
        if problems:
            raise ValidationError(problems)
        commitment = AdoptionCommitment(
            item=item, authority=authority, committed_on=committed_on or timezone.localdate()
        )
        commitment.full_clean()
        commitment.save()
        audit_record(
            actor=actor,
            action="networks.roadmap_committed",
            obj=commitment,
            network=item.network,
            authority=authority,
            changes=field_changes(
                None,
                {
                    "item": item.pk,
                    "authority": authority.ars,
                    "committed_on": commitment.committed_on,
                },
            ),
        )
        return commitment


def roadmap_withdraw_commitment(*, actor: Actor, item: RoadmapItem, authority: Authority) -> None:
    """A member withdraws its commitment; only before the item is published."""
    with transaction.atomic():
        item = _locked(item)
        problems = _commitment_problems(item, authority)
        if item.status == RoadmapStatus.PUBLISHED:
            problems.insert(
                0, _("Nach der Veröffentlichung kann eine Zusage nicht mehr zurückgezogen werden.")
            )
        commitment = item.commitments.filter(authority=authority).first()
        if commitment is None and item.builder_id != authority.pk:
            problems.append(
                _("%(name)s hat keine Nachnutzung zugesagt.") % {"name": authority.name}
            )
        if problems:
            raise ValidationError(problems)
        assert commitment is not None
        committed_on = commitment.committed_on
        commitment.delete()
        audit_record(
            actor=actor,
            action="networks.roadmap_commitment_withdrawn",
            obj=item,
            network=item.network,
            authority=authority,
            changes=field_changes(
                {"authority": authority.ars, "committed_on": committed_on},
                {"authority": None, "committed_on": None},
            ),
        )
