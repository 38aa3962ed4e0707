"""Reads about project groups: the network's overview with each group's progress, and
one group with its tasks, milestones and documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.core.charts import whole_percent
from verbund.networks.groups.models import GroupDocument, GroupTask, Milestone, ProjectGroup
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids


@dataclass(frozen=True)
class GroupRow:
    group: ProjectGroup
    members: int
    tasks_done: int
    tasks_total: int
    tasks_overdue: int
    milestones_reached: int
    milestones_total: int

    @property
    def percent(self) -> int | None:
        """Done tasks in whole per cent, rounded as the progress chart rounds them
        (``core.charts.whole_percent``: 2 of 3 is 67, never 100 while one is open);
        ``None`` without tasks."""
        return whole_percent(self.tasks_done, self.tasks_total)


def _count(model: type[GroupTask] | type[Milestone], condition: Q | None = None) -> Coalesce:
    rows = model.objects.filter(group=OuterRef("pk"))
    if condition is not None:
        rows = rows.filter(condition)
    counted = rows.order_by().values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def groups_of_network(network: Network, *, on: dt.date | None = None) -> list[GroupRow]:
    """Every group of ``network`` by name (ignoring case) with its counts: one query (each count a
    subquery, so no join multiplies another)."""
    day = on or timezone.localdate()
    groups = (
        ProjectGroup.objects.filter(network=network)
        .select_related("lead")
        .annotate(
            n_members=Count("members", distinct=True),
            n_tasks=_count(GroupTask),
            n_done=_count(GroupTask, Q(done_on__isnull=False)),
            n_overdue=_count(GroupTask, Q(done_on__isnull=True, due_on__lt=day)),
            n_milestones=_count(Milestone),
            n_reached=_count(Milestone, Q(reached_on__isnull=False)),
        )
        .order_by(Lower("name"), "pk")
    )
    return [
        GroupRow(
            group=g,
            members=g.n_members,
            tasks_done=g.n_done,
            tasks_total=g.n_tasks,
            tasks_overdue=g.n_overdue,
            milestones_reached=g.n_reached,
            milestones_total=g.n_milestones,
        )
        for g in groups
    ]


@dataclass(frozen=True)
class TaskRow:
    task: GroupTask
    overdue: bool


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    overdue: bool


@dataclass(frozen=True)
class GroupDetail:
    group: ProjectGroup
    members: list[Authority]
    tasks: list[TaskRow]
    milestones: list[MilestoneRow]
    documents: list[GroupDocument]

    @property
    def tasks_done(self) -> int:
        return sum(1 for row in self.tasks if row.task.done_on is not None)

    @property
    def milestones_reached(self) -> int:
        return sum(1 for row in self.milestones if row.milestone.reached_on is not None)


def group_detail(group: ProjectGroup, *, on: dt.date | None = None) -> GroupDetail:
    """The group's members (lead first), tasks (open first, by due date; overdue:
    open and due before ``on``), milestones by date and documents, newest first."""
    day = on or timezone.localdate()
    members = sorted(group.members.all(), key=lambda a: (a.pk != group.lead_id, a.name))
    tasks = [
        TaskRow(task, task.done_on is None and task.due_on < day)
        for task in group.tasks.select_related("owner").order_by(
            ExpressionWrapper(Q(done_on__isnull=False), output_field=BooleanField()),
            "due_on",
            "title",
        )
    ]
    milestones = [
        MilestoneRow(m, m.reached_on is None and m.due_on < day)
        for m in group.milestones.order_by("due_on", "title")
    ]
    documents = list(group.documents.order_by("-uploaded_at", "title"))
    return GroupDetail(group, members, tasks, milestones, documents)


def members_outside_group(group: ProjectGroup) -> QuerySet[Authority]:
    """Today's members of the group's network that are not in the group."""
    return (
        Authority.objects.filter(pk__in=active_member_ids(group.network))
        .exclude(pk__in=group.members.values("pk"))
        .order_by("name")
    )
