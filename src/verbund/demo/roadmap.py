"""The demo's development roadmap: the Entwicklungspartnerschaft Südwestfalen, five
Kreise that share their online services, each built by one of them (the IT provider
runs the platform). Three items are published and linked to the demo catalogue's
services (whose adoptions give "genutzt von"), two are in development with commitments,
one is only proposed.

Loaded through the roadmap services, idempotently: an item whose title is already on
the network's roadmap is left as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.networks.models import Network
from verbund.networks.roadmap.services import (
    roadmap_commit,
    roadmap_propose,
    roadmap_publish,
    roadmap_start_development,
    roadmap_take_build,
)

SOEST, OLPE, HSK, SIWI, MK = "05974", "05966", "05958", "05970", "05962"


@dataclass(frozen=True)
class DemoRoadmapItem:
    title: str
    description: str
    proposed_by: str
    builder: str | None
    planned_on: dt.date | None
    commitments: tuple[tuple[str, dt.date], ...]  # (member, committed on)
    in_development: bool = False
    service: str = ""  # slug of the demo catalogue service it became (published)


ITEMS: tuple[DemoRoadmapItem, ...] = (
    DemoRoadmapItem(
        "Pflegewohngeld online beantragen",
        "Antrag auf Pflegewohngeld für Bewohnerinnen und Bewohner von Pflegeeinrichtungen, "
        "mit Nachweisen zum Hochladen.",
        proposed_by=OLPE,
        builder=SOEST,
        planned_on=dt.date(2024, 1, 15),
        commitments=((OLPE, dt.date(2023, 3, 1)), (SIWI, dt.date(2023, 4, 15))),
        service="pflegewohngeld-nrw",
    ),
    DemoRoadmapItem(
        "Digitaler Bauantrag",
        "Baugenehmigung elektronisch beantragen, mit Beteiligung der Fachstellen.",
        proposed_by=SIWI,
        builder=SIWI,
        planned_on=dt.date(2023, 10, 1),
        commitments=((OLPE, dt.date(2023, 2, 1)), (HSK, dt.date(2023, 5, 1))),
        service="baugenehmigung",
    ),
    DemoRoadmapItem(
        "Führerschein online umtauschen",
        "Umtausch alter Führerscheine in den EU-Kartenführerschein, mit Terminbuchung.",
        proposed_by=SOEST,
        builder=OLPE,
        planned_on=dt.date(2023, 11, 1),
        commitments=((SOEST, dt.date(2023, 3, 15)), (MK, dt.date(2023, 6, 1))),
        service="fuehrerschein-umtausch",
    ),
    DemoRoadmapItem(
        "Jagdschein online verlängern",
        "Verlängerung des Jahresjagdscheins ohne Behördengang, mit Nachweis der "
        "Jagdhaftpflichtversicherung.",
        proposed_by=HSK,
        builder=HSK,
        planned_on=dt.date(2026, 9, 30),
        commitments=(
            (SOEST, dt.date(2025, 11, 1)),
            (OLPE, dt.date(2025, 11, 15)),
            (MK, dt.date(2026, 1, 10)),
        ),
        in_development=True,
    ),
    DemoRoadmapItem(
        "Waffenbesitzkarte beantragen",
        "Erteilung und Änderung der Waffenbesitzkarte, mit Abfrage bei der Waffenbehörde.",
        proposed_by=MK,
        builder=MK,
        planned_on=dt.date(2027, 3, 31),
        commitments=((SIWI, dt.date(2026, 2, 1)),),
        in_development=True,
    ),
    DemoRoadmapItem(
        "Unterhaltsvorschuss beantragen",
        "Antrag auf Unterhaltsvorschuss beim Jugendamt; noch sucht der Vorschlag ein "
        "Mitglied, das ihn entwickelt.",
        proposed_by=SIWI,
        builder=None,
        planned_on=None,
        commitments=((HSK, dt.date(2026, 3, 1)),),
    ),
)


def load_roadmap(network: Network) -> None:
    """Put the demo items on Südwestfalen's roadmap and walk each to its stage."""
    members = {a.ars: a for a in Authority.objects.filter(memberships__network=network)}
    for spec in ITEMS:
        if network.roadmap_items.filter(title=spec.title).exists():
            continue
        service = Service.objects.get(slug=spec.service) if spec.service else None
        item = roadmap_propose(
            actor=None,
            network=network,
            proposed_by=members[spec.proposed_by],
            title=spec.title,
            description=spec.description,
            leika_key=(service.leika_key or "") if service else "",
            planned_on=spec.planned_on,
        )
        for ars, committed_on in spec.commitments:
            roadmap_commit(actor=None, item=item, authority=members[ars], committed_on=committed_on)
        if spec.builder is None:
            continue
        item = roadmap_take_build(actor=None, item=item, builder=members[spec.builder])
        item = roadmap_start_development(actor=None, item=item)
        if service is not None:
            roadmap_publish(actor=None, item=item, service_id=service.pk)
