"""Reads of the development roadmap: each item with the members that committed to adopt
it and, once published, by how many members of the network its service is adopted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from verbund.networks.hooks import ServiceSummary, service_directory
from verbund.networks.models import Network
from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem, RoadmapStatus
from verbund.networks.selectors import active_member_ids

__all__ = [
    "Roadmap",
    "RoadmapRow",
    "is_overdue",
    "roadmap_of_network",
    "roadmap_row",
    "roadmap_services_of_builder",
]


@dataclass(frozen=True)
class RoadmapRow:
    item: RoadmapItem
    commitments: list[AdoptionCommitment]  # by member name
    # Members of the network with a running adoption of the linked service today
    # (the builder included where it offers the service itself); None until published.
    adopted_by: int | None
    # Its planned date has passed and it is not published yet.
    overdue: bool = False


@dataclass(frozen=True)
class Roadmap:
    rows: list[RoadmapRow]
    counts: dict[str, int]  # per RoadmapStatus value, every status present

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)


def _items(network: Network) -> QuerySet[RoadmapItem]:
    return network.roadmap_items.select_related("proposed_by", "builder", "service").order_by(
        "title"
    )


def _rows(network: Network, items: list[RoadmapItem], on: dt.date) -> list[RoadmapRow]:
    ids = [item.pk for item in items]
    commitments: dict[int, list[AdoptionCommitment]] = {pk: [] for pk in ids}
    for commitment in (
        AdoptionCommitment.objects.filter(item_id__in=ids)
        .select_related("authority")
        .order_by("authority__name")
    ):
        commitments[commitment.item_id].append(commitment)
    service_ids = {item.service_id for item in items if item.service_id is not None}
    adopters: dict[int, set[int]] = {pk: set() for pk in service_ids}
    if service_ids:
        members = active_member_ids(network, on=on)
        adopters.update(service_directory().adopters(service_ids, members, on))
    return [
        RoadmapRow(
            item,
            commitments[item.pk],
            len(adopters[item.service_id])
            if item.status == RoadmapStatus.PUBLISHED and item.service_id is not None
            else None,
            overdue=is_overdue(item, on),
        )
        for item in items
    ]


def is_overdue(item: RoadmapItem, on: dt.date) -> bool:
    """Whether ``item`` should have been published before ``on``: its planned date
    has passed and it is not published."""
    return (
        item.planned_on is not None
        and item.planned_on < on
        and item.status != RoadmapStatus.PUBLISHED
    )


def roadmap_of_network(network: Network, *, on: dt.date | None = None) -> Roadmap:
    """Every item of the network's roadmap by title, with its commitments and adoption
    figure on ``on`` (today by default), and the number of items per status; three
    queries besides the members."""
    day = on or timezone.localdate()
    items = list(_items(network))
    counts = dict.fromkeys(RoadmapStatus.values, 0)
    for item in items:
        counts[item.status] += 1
    return Roadmap(_rows(network, items, day), counts)


def roadmap_row(item: RoadmapItem, *, on: dt.date | None = None) -> RoadmapRow:
    """One item as on the roadmap page."""
    day = on or timezone.localdate()
    fresh = _items(item.network).get(pk=item.pk)
    return _rows(item.network, [fresh], day)[0]


def roadmap_services_of_builder(builder_id: int) -> list[ServiceSummary]:
    """Published catalogue services that ``builder_id`` built, by title: what an item
    of that builder can become."""
    return service_directory().published(builder_id=builder_id)
