"""Reads about surveys: a network's surveys with their answer counts, the tracking of
one survey (asked, started, answered; by Land, kind and size class), the addresses of
a network's members and selections from the register."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from verbund.authorities.models import Authority, AuthorityKind
from verbund.catalogue.selectors import office_emails
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships
from verbund.surveys import breakdowns
from verbund.surveys.models import Recipient, Survey


@dataclass(frozen=True)
class SurveyRow:
    survey: Survey
    asked: int
    answered: int


def surveys_of_network(network: Network) -> list[SurveyRow]:
    rows = (
        Survey.objects.filter(network=network)
        .annotate(
            asked=Count("recipients"),
            answered=Count("recipients", filter=Q(recipients__submitted_at__isnull=False)),
        )
        .order_by("-created_at", "-id")
    )
    return [SurveyRow(s, s.asked, s.answered) for s in rows]


def recipients_of(survey: Survey) -> QuerySet[Recipient]:
    return (
        Recipient.objects.filter(survey=survey)
        .select_related("authority")
        .order_by("authority__name", "authority__ars")
    )


@dataclass(frozen=True)
class Tracking:
    asked: int
    started: int
    answered: int
    groups: dict[str, list[breakdowns.GroupCount]]  # breakdown key → counts

    @property
    def missing(self) -> int:
        return self.asked - self.answered


def tracking(survey: Survey) -> Tracking:
    """How far the answers are: in all, and by each breakdown (one query)."""
    rows = list(
        Recipient.objects.filter(survey=survey)
        .select_related("authority")
        .only(
            "submitted_at",
            "saved_at",
            "authority__ars",
            "authority__kind",
            "authority__textkennzeichen",
            "authority__population",
            "authority__name",
        )
    )
    lands = breakdowns.land_names()
    pairs = [(r.authority, r.submitted_at is not None) for r in rows]
    return Tracking(
        asked=len(rows),
        started=sum(1 for r in rows if r.saved_at is not None and r.submitted_at is None),
        answered=sum(1 for r in rows if r.submitted_at is not None),
        groups={b.key: breakdowns.count_by(b, pairs, lands) for b in breakdowns.BREAKDOWNS},
    )


@dataclass(frozen=True)
class MemberAddresses:
    found: list[tuple[Authority, str]]
    without: list[Authority]


def member_addresses(network: Network) -> MemberAddresses:
    """The network's active members with the address of their first office that has
    one; those without any address to write to."""
    members = [m.authority for m in active_memberships(network).select_related("authority")]
    emails = office_emails([a.pk for a in members])
    return MemberAddresses(
        found=[(a, emails[a.pk]) for a in members if a.pk in emails],
        without=[a for a in members if a.pk not in emails],
    )


def lands() -> list[tuple[str, str]]:
    return list(
        Authority.objects.filter(kind=AuthorityKind.LAND).order_by("ars").values_list("ars", "name")
    )


def register_selection(filters: dict[str, object], land: str = "") -> QuerySet[Authority]:
    """Authorities of the register (not dissolved) matching ``filters``, in one Land."""
    chosen = Authority.objects.filter(dissolved_on__isnull=True, **filters)
    if land:
        chosen = chosen.filter(ars__startswith=land)
    return chosen.order_by("ars")
