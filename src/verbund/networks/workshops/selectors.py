"""Reads about workshops: the network's list (upcoming first, past below) with the
invitations' figures, the next workshops for the dashboard, and one workshop with its
agenda, invitations, materials and decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from verbund.authorities.models import Authority
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids
from verbund.networks.workshops.models import (
    AgendaItem,
    Invitation,
    InvitationResponse,
    Workshop,
    WorkshopDecision,
    WorkshopMaterial,
    WorkshopStatus,
)


@dataclass(frozen=True)
class WorkshopRow:
    workshop: Workshop
    invited: int
    accepted: int
    attendees: int


@dataclass(frozen=True)
class WorkshopList:
    upcoming: list[WorkshopRow]  # not yet over, the next first
    past: list[WorkshopRow]  # over, the latest first


def _invitations(condition: Q | None = None, *, total: str = "") -> Coalesce:
    rows = Invitation.objects.filter(workshop=OuterRef("pk"))
    if condition is not None:
        rows = rows.filter(condition)
    figure = Sum(total) if total else Count("pk")
    counted = rows.order_by().values("workshop").annotate(n=figure).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def workshops_of_network(network: Network, *, now: dt.datetime | None = None) -> WorkshopList:
    """Every workshop of ``network`` with its invitations' figures, in one query: those
    not over at ``now`` (now by default) by start, then the past ones, latest first."""
    moment = now or timezone.now()
    workshops = Workshop.objects.filter(network=network).annotate(
        n_invited=_invitations(),
        n_accepted=_invitations(Q(response=InvitationResponse.ACCEPTED)),
        n_attendees=_invitations(total="attendees"),
    )
    rows = [
        WorkshopRow(w, w.n_invited, w.n_accepted, w.n_attendees)
        for w in workshops.order_by("starts_at", "title", "pk")
    ]
    upcoming = [row for row in rows if row.workshop.ends_at >= moment]
    past = [row for row in reversed(rows) if row.workshop.ends_at < moment]
    return WorkshopList(upcoming, past)


def next_workshops(
    network: Network, *, now: dt.datetime | None = None, limit: int = 5
) -> list[Workshop]:
    """The next workshops of ``network`` that are neither over nor cancelled."""
    moment = now or timezone.now()
    return list(
        Workshop.objects.filter(network=network, ends_at__gte=moment)
        .exclude(status=WorkshopStatus.CANCELLED)
        .order_by("starts_at", "title", "pk")[:limit]
    )


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    starts_at: dt.datetime  # the workshop's start plus the items before


@dataclass(frozen=True)
class WorkshopDetail:
    workshop: Workshop
    agenda: list[AgendaRow]
    invitations: list[Invitation]
    materials: list[WorkshopMaterial]
    decisions: list[WorkshopDecision]

    @property
    def agenda_minutes(self) -> int:
        return sum(row.item.duration_minutes for row in self.agenda)

    @property
    def accepted(self) -> int:
        return sum(1 for i in self.invitations if i.response == InvitationResponse.ACCEPTED)

    @property
    def declined(self) -> int:
        return sum(1 for i in self.invitations if i.response == InvitationResponse.DECLINED)

    @property
    def open(self) -> int:
        return sum(1 for i in self.invitations if i.response == InvitationResponse.OPEN)

    @property
    def attendees(self) -> int:
        return sum(i.attendees for i in self.invitations)


def workshop_detail(workshop: Workshop) -> WorkshopDetail:
    """The workshop's agenda in order (each item with its start), the invited members
    by name, the materials (newest first) and the decisions with what they created."""
    agenda = []
    moment = workshop.starts_at
    for item in workshop.agenda_items.select_related("presenter").order_by("position"):
        agenda.append(AgendaRow(item, moment))
        moment += dt.timedelta(minutes=item.duration_minutes)
    invitations = list(
        workshop.invitations.select_related("authority", "answered_by").order_by("authority__name")
    )
    materials = list(workshop.materials.order_by("-uploaded_at", "title"))
    decisions = list(
        workshop.decisions.select_related(
            "area_participation__area", "area_participation__authority", "roadmap_item"
        ).order_by("decided_at", "pk")
    )
    return WorkshopDetail(workshop, agenda, invitations, materials, decisions)


def members_not_invited(workshop: Workshop) -> QuerySet[Authority]:
    """Today's members of the workshop's network that are not invited yet, by name."""
    return (
        Authority.objects.filter(pk__in=active_member_ids(workshop.network))
        .exclude(pk__in=workshop.invitations.values("authority_id"))
        .order_by("name")
    )
