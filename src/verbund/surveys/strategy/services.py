"""Writes on members' strategies. Each function is atomic, refuses with a German
``ValidationError`` naming every problem (nothing is saved then) and writes one audit
entry to the chain of the authority whose strategy it is."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.models import Network
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import active_member_ids
from verbund.surveys.strategy.models import (
    FieldOfAction,
    MeasureStatus,
    Strategy,
    StrategyGoal,
    StrategyMeasure,
)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def strategy_save(
    *,
    actor: Actor,
    network: Network,
    authority: Authority,
    title: str,
    summary: str = "",
    adopted_on: dt.date | None = None,
) -> Strategy:
    """Write the member's strategy in the network (made the first time)."""
    title = title.strip()
    problems: list[str] = []
    if not title:
        problems.append(_("Bitte geben Sie einen Titel an."))
    if authority.pk not in active_member_ids(network):
        problems.append(_("%(name)s ist kein Mitglied des Verbunds.") % {"name": authority.name})
    if adopted_on is not None and adopted_on > timezone.localdate():
        problems.append(_("Das Beschlussdatum liegt in der Zukunft."))
    _refuse(problems)
    with transaction.atomic():
        strategy, created = Strategy.objects.select_for_update().get_or_create(
            network=network,
            authority=authority,
            defaults={"title": title, "summary": summary.strip(), "adopted_on": adopted_on},
        )
        if not created:
            strategy.title, strategy.summary = title, summary.strip()
            strategy.adopted_on = adopted_on
            strategy.save(update_fields=["title", "summary", "adopted_on", "updated_at"])
        audit_record(
            actor=actor,
            action="strategy.create" if created else "strategy.update",
            obj=strategy,
            authority=authority.pk,
            changes={"title": title, "adopted_on": adopted_on},
        )
    return strategy


def goal_add(*, actor: Actor, strategy: Strategy, field: str, goal: str) -> StrategyGoal:
    goal = goal.strip()
    problems: list[str] = []
    if field not in FieldOfAction.values:
        problems.append(_("Bitte wählen Sie ein Handlungsfeld."))
    if not goal:
        problems.append(_("Bitte beschreiben Sie das Ziel."))
    _refuse(problems)
    with transaction.atomic():
        created = StrategyGoal.objects.create(strategy=strategy, field=field, goal=goal)
        audit_record(
            actor=actor,
            action="strategy.goal_add",
            obj=created,
            authority=strategy.authority_id,
            changes={"field": field, "goal": goal},
        )
    return created


def goal_remove(*, actor: Actor, goal: StrategyGoal) -> None:
    with transaction.atomic():
        authority_id = goal.strategy.authority_id
        changes = {"field": goal.field, "goal": goal.goal, "measures": goal.measures.count()}
        audit_record(
            actor=actor,
            action="strategy.goal_remove",
            obj=goal,
            authority=authority_id,
            changes=changes,
        )
        goal.delete()


def measure_add(
    *,
    actor: Actor,
    goal: StrategyGoal,
    title: str,
    status: str = MeasureStatus.PLANNED,
    due_on: dt.date | None = None,
    project_group: ProjectGroup | None = None,
    roadmap_item: RoadmapItem | None = None,
) -> StrategyMeasure:
    """A measure towards the goal, optionally done in one of the network's project
    groups or as an item of its roadmap."""
    title = title.strip()
    network_id = goal.strategy.network_id
    problems: list[str] = []
    if not title:
        problems.append(_("Bitte benennen Sie die Maßnahme."))
    if status not in MeasureStatus.values:
        problems.append(_("Unbekannter Stand der Maßnahme."))
    if project_group is not None and project_group.network_id != network_id:
        problems.append(_("Die Projektgruppe gehört nicht zu diesem Verbund."))
    if roadmap_item is not None and roadmap_item.network_id != network_id:
        problems.append(_("Das Vorhaben gehört nicht zur Entwicklungsplanung dieses Verbunds."))
    _refuse(problems)
    with transaction.atomic():
        measure = StrategyMeasure.objects.create(
            goal=goal,
            title=title,
            status=status,
            due_on=due_on,
            project_group=project_group,
            roadmap_item=roadmap_item,
        )
        audit_record(
            actor=actor,
            action="strategy.measure_add",
            obj=measure,
            authority=goal.strategy.authority_id,
            changes={
                "title": title,
                "status": status,
                "due_on": due_on,
                "group": project_group.pk if project_group else None,
                "roadmap_item": roadmap_item.pk if roadmap_item else None,
            },
        )
    return measure


def measure_status_set(*, actor: Actor, measure: StrategyMeasure, status: str) -> StrategyMeasure:
    if status not in MeasureStatus.values:
        raise ValidationError([_("Unbekannter Stand der Maßnahme.")])
    with transaction.atomic():
        before = measure.status
        measure.status = status
        measure.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="strategy.measure_status",
            obj=measure,
            authority=measure.goal.strategy.authority_id,
            changes={"status": [before, status]},
        )
    return measure
