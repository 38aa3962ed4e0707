"""Reads of the citizen assistant for its coordinators' page and the network page.

What a user may see goes through the access layer (``scoped``): a network's search
terms are seen by its members' staff, open questions only by coordinators
(``assistant.policies``). The daily counts hold no text and no person; they are read
for a network the caller has already accessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from verbund.assistant.models import DailyCount, OpenQuestion, Outcome, Synonym
from verbund.catalogue.models import Service
from verbund.catalogue.selectors import routing_index
from verbund.core.access import scoped
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    """How the assistant fared for a network's places over ``days`` days up to today."""

    days: int
    answered: int = 0
    clarify: int = 0
    abstained: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.clarify + self.abstained + self.refused

    @property
    def answer_rate(self) -> int | None:
        """Answered questions in per cent (rounded half up) of all questions but the
        clarifying ones: a citizen who then picks a service is counted as answered
        once more, so a clarification is a step, not an outcome. ``None`` without any."""
        finished = self.answered + self.abstained + self.refused
        if not finished:
            return None
        rate = Decimal(100 * self.answered) / Decimal(finished)
        return int(rate.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def outcome_counts(network: Network, *, days: int, today: dt.date | None = None) -> OutcomeCounts:
    """The counts of the ``days`` calendar days ending with ``today`` (inclusive)."""
    last = today or timezone.localdate()
    first = last - dt.timedelta(days=days - 1)
    rows = (
        DailyCount.objects.filter(network=network, day__gte=first, day__lte=last)
        .values("outcome")
        .annotate(total=Sum("count"))
        .order_by()
    )
    totals: dict[str, int] = {row["outcome"]: int(row["total"] or 0) for row in rows}
    return OutcomeCounts(
        days=days,
        answered=totals.get(Outcome.ANSWERED, 0),
        clarify=totals.get(Outcome.CLARIFY, 0),
        abstained=totals.get(Outcome.ABSTAINED, 0),
        refused=totals.get(Outcome.REFUSED, 0),
    )


def open_questions(user: Any, network: Network) -> QuerySet[OpenQuestion]:
    """The questions without an answer that ``user`` may see for ``network``: those
    asked for one of its places and those asked without a place (``network`` is
    null), not dismissed, most frequent first."""
    return (
        scoped(user, OpenQuestion)
        .filter(Q(network=network) | Q(network__isnull=True), dismissed=False)
        .select_related("nearest")
        .order_by("-count", "-last_asked", "pk")
    )


@dataclass(frozen=True)
class SynonymGroup:
    service: Service
    synonyms: list[Synonym] = field(default_factory=list)


def network_synonyms(user: Any, network: Network) -> list[SynonymGroup]:
    """The search terms ``network``'s coordinators added, as ``user`` may see them,
    grouped by service (services and terms by title and term)."""
    rows = (
        scoped(user, Synonym)
        .filter(network=network)
        .select_related("service")
        .order_by("service__title", "service_id", "term", "pk")
    )
    groups: list[SynonymGroup] = []
    for synonym in rows:
        if not groups or groups[-1].service.pk != synonym.service_id:
            groups.append(SynonymGroup(synonym.service))
        groups[-1].synonyms.append(synonym)
    return groups


@dataclass(frozen=True, slots=True)
class MemberPlace:
    """A member Gemeinde with the key the assistant takes as ``?ars=``."""

    name: str
    ars: str


def member_places(network: Network) -> list[MemberPlace]:
    """The network's current members that are Gemeinden the assistant knows (a Kreis is
    no place of residence), by name."""
    index = routing_index()
    found = [index.place(m.authority.ars12) for m in active_memberships(network)]
    return [
        MemberPlace(place.official_name, place.ars12)
        for place in sorted((p for p in found if p is not None), key=lambda p: (p.name, p.ars))
    ]
