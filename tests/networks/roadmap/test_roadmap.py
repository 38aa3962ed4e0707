"""The development roadmap of an Entwicklungspartnerschaft: a member proposes an online
service, a member takes the build, others commit to adopt, the builder develops and
publishes it, linked to its catalogue service, and the roadmap counts its adopters.
Every refused step says why in German and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AdoptionFactory, MembershipFactory, NetworkFactory, ServiceFactory
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.core.models import AuditEntry
from verbund.networks.models import Network
from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem, RoadmapStatus
from verbund.networks.roadmap.selectors import roadmap_of_network, roadmap_row
from verbund.networks.roadmap.services import (
    roadmap_commit,
    roadmap_propose,
    roadmap_publish,
    roadmap_start_development,
    roadmap_take_build,
    roadmap_withdraw_commitment,
)

pytestmark = pytest.mark.django_db

SOEST, OLPE, HSK, SIWI, MK = "05974", "05966", "05958", "05970", "05962"
SWF = (SOEST, OLPE, HSK, SIWI, MK)
DUEREN = "05358"  # a Kreis outside the network


@dataclass
class Swf:
    network: Network
    members: dict[str, Authority]
    outsider: Authority
    service: Service  # published, built by Soest
    foreign_service: Service  # published, built by Olpe
    draft: Service  # built by Soest, not published

    def __getitem__(self, ars: str) -> Authority:
        return self.members[ars]


@pytest.fixture
def swf(demo_register: None) -> Swf:
    network = NetworkFactory(
        name="Entwicklungspartnerschaft Südwestfalen",
        slug="suedwestfalen",
        kind="development_partnership",
    )
    members = {ars: Authority.objects.get(ars=ars) for ars in SWF}
    for authority in members.values():
        MembershipFactory(network=network, authority=authority, joined_on=dt.date(2023, 1, 1))
    return Swf(
        network,
        members,
        Authority.objects.get(ars=DUEREN),
        ServiceFactory(builder=members[SOEST], kreis=True, title="Jagdschein verlängern"),
        ServiceFactory(builder=members[OLPE], kreis=True, title="Führerschein umtauschen"),
        ServiceFactory(builder=members[SOEST], kreis=True, draft=True, title="Entwurf"),
    )


def propose(swf: Swf, **overrides: Any) -> RoadmapItem:
    values: dict[str, Any] = {
        "actor": None,
        "network": swf.network,
        "proposed_by": swf[OLPE],
        "title": "Jagdschein online verlängern",
        "description": "Verlängerung des Jahresjagdscheins ohne Behördengang.",
        "leika_key": "99070004000000",
        "planned_on": dt.date(2026, 9, 30),
        **overrides,
    }
    return roadmap_propose(**values)


def state(item: RoadmapItem) -> tuple[str, str | None, str | None, list[str]]:
    item.refresh_from_db()
    return (
        item.status,
        item.builder.ars if item.builder else None,
        item.service.title if item.service else None,
        sorted(item.commitments.values_list("authority__ars", flat=True)),  # by key
    )


def actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="networks.roadmap_")
        .order_by("id")
        .values_list("action", flat=True)
    )


def refused(call: Callable[[], object], *messages: str) -> None:
    """``call`` raises exactly ``messages`` and leaves every roadmap row and the audit
    trail as they were."""
    before = (
        list(RoadmapItem.objects.order_by("pk").values()),
        list(AdoptionCommitment.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.messages == list(messages)
    assert (
        list(RoadmapItem.objects.order_by("pk").values()),
        list(AdoptionCommitment.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    ) == before


def test_full_life_cycle_from_proposal_to_adopted_by_three(swf: Swf) -> None:
    item = propose(swf)
    assert state(item) == ("proposed", None, None, [])
    assert item.proposed_by == swf[OLPE]
    assert item.planned_on == dt.date(2026, 9, 30)

    roadmap_commit(actor=None, item=item, authority=swf[OLPE], committed_on=dt.date(2026, 2, 1))
    roadmap_take_build(actor=None, item=item, builder=swf[SOEST])
    assert state(item) == ("proposed", SOEST, None, [OLPE])
    roadmap_commit(actor=None, item=item, authority=swf[HSK])
    roadmap_commit(actor=None, item=item, authority=swf[MK])
    roadmap_start_development(actor=None, item=item, planned_on=dt.date(2026, 12, 31))
    assert state(item) == ("in_development", SOEST, None, [HSK, MK, OLPE])
    assert item.planned_on == dt.date(2026, 12, 31)
    roadmap_withdraw_commitment(actor=None, item=item, authority=swf[MK])
    assert state(item) == ("in_development", SOEST, None, [HSK, OLPE])

    row = roadmap_row(item)
    assert [c.authority.ars for c in row.commitments] == [HSK, OLPE]  # by name
    assert row.commitments[1].committed_on == dt.date(2026, 2, 1)
    assert row.adopted_by is None

    roadmap_publish(actor=None, item=item, service_id=swf.service.pk)
    assert state(item) == ("published", SOEST, "Jagdschein verlängern", [HSK, OLPE])

    # Adopted by: running adoptions of the linked service by members today. An ended one,
    # a future one and one of a non-member do not count.
    for ars in (SOEST, OLPE, HSK):
        AdoptionFactory(service=swf.service, authority=swf[ars])
    AdoptionFactory(service=swf.service, authority=swf[SIWI], ended=True)
    AdoptionFactory(service=swf.service, authority=swf[MK], started_on=dt.date(2099, 1, 1))
    AdoptionFactory(service=swf.service, authority=swf.outsider)
    assert roadmap_row(item).adopted_by == 3

    assert actions() == [
        "networks.roadmap_proposed",
        "networks.roadmap_committed",
        "networks.roadmap_build_taken",
        "networks.roadmap_committed",
        "networks.roadmap_committed",
        "networks.roadmap_development_started",
        "networks.roadmap_commitment_withdrawn",
        "networks.roadmap_published",
    ]
    published = AuditEntry.objects.get(action="networks.roadmap_published")
    assert published.network_id == swf.network.pk
    assert published.authority_id == swf[SOEST].pk
    assert published.changes == {
        "status": ["in_development", "published"],
        "service": [None, swf.service.key],
    }
    taken = AuditEntry.objects.get(action="networks.roadmap_build_taken")
    assert taken.changes == {"builder": [None, SOEST]}


def test_roadmap_counts_items_per_status(swf: Swf) -> None:
    empty = roadmap_of_network(swf.network)
    assert empty.rows == []
    assert empty.counts == {"proposed": 0, "in_development": 0, "published": 0}

    first = propose(swf, title="B-Vorhaben")
    second = propose(swf, title="A-Vorhaben", leika_key="")
    propose(swf, title="C-Vorhaben", proposed_by=swf[MK])
    for item, builder in ((first, SOEST), (second, OLPE)):
        roadmap_take_build(actor=None, item=item, builder=swf[builder])
        roadmap_start_development(actor=None, item=item)
    roadmap_publish(actor=None, item=first, service_id=swf.service.pk)
    roadmap_commit(actor=None, item=second, authority=swf[SIWI])
    AdoptionFactory(service=swf.service, authority=swf[SIWI])
    # Another network's roadmap is not counted.
    other = NetworkFactory(slug="anderer")
    MembershipFactory(network=other, authority=swf[SOEST])
    roadmap_propose(actor=None, network=other, proposed_by=swf[SOEST], title="Fremd")

    roadmap = roadmap_of_network(swf.network)
    assert roadmap.counts == {"proposed": 1, "in_development": 1, "published": 1}
    assert roadmap.total == 3
    assert [
        (
            r.item.title,
            r.item.status,
            [c.authority.ars for c in r.commitments],
            r.adopted_by,
        )
        for r in roadmap.rows
    ] == [
        ("A-Vorhaben", "in_development", [SIWI], None),
        ("B-Vorhaben", "published", [], 1),
        ("C-Vorhaben", "proposed", [], None),
    ]


def test_a_bad_proposal_is_refused_with_every_problem(swf: Swf) -> None:
    propose(swf)
    refused(
        lambda: propose(
            swf, title=" jagdschein ONLINE verlängern ", leika_key="12345", proposed_by=swf.outsider
        ),
        "Das Vorhaben „jagdschein ONLINE verlängern“ steht schon in der Entwicklungsplanung.",
        "Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99.",
        "Düren ist kein Mitglied des Verbunds.",
    )
    refused(lambda: propose(swf, title="   "), "Bitte geben Sie eine Bezeichnung an.")
    assert RoadmapItem.objects.count() == 1


def test_taking_the_build_is_refused_outside_its_rules(swf: Swf) -> None:
    item = propose(swf)
    refused(
        lambda: roadmap_take_build(actor=None, item=item, builder=swf.outsider),
        "Düren ist kein Mitglied des Verbunds.",
    )
    roadmap_commit(actor=None, item=item, authority=swf[HSK])
    refused(
        lambda: roadmap_take_build(actor=None, item=item, builder=swf[HSK]),
        "Hochsauerlandkreis hat die Nachnutzung zugesagt; bitte ziehen Sie die Zusage zuerst "
        "zurück.",
    )
    roadmap_take_build(actor=None, item=item, builder=swf[SOEST])
    refused(
        lambda: roadmap_take_build(actor=None, item=item, builder=swf[MK]),
        "Soest hat die Entwicklung bereits übernommen.",
    )
    roadmap_start_development(actor=None, item=item)
    refused(
        lambda: roadmap_take_build(actor=None, item=item, builder=swf[MK]),
        "Die Entwicklung kann nur übernommen werden, solange das Vorhaben vorgeschlagen ist.",
    )
    assert state(item) == ("in_development", SOEST, None, [HSK])


def test_illegal_status_steps_are_refused(swf: Swf) -> None:
    item = propose(swf)
    refused(
        lambda: roadmap_start_development(actor=None, item=item),
        "Noch hat kein Mitglied die Entwicklung übernommen.",
    )
    refused(
        lambda: roadmap_publish(actor=None, item=item, service_id=swf.service.pk),
        "Veröffentlicht werden kann nur ein Vorhaben in Entwicklung.",
    )
    roadmap_take_build(actor=None, item=item, builder=swf[SOEST])
    refused(
        lambda: roadmap_publish(actor=None, item=item, service_id=swf.service.pk),
        "Veröffentlicht werden kann nur ein Vorhaben in Entwicklung.",
    )
    roadmap_start_development(actor=None, item=item)
    refused(
        lambda: roadmap_start_development(actor=None, item=item),
        "Die Entwicklung kann nur bei einem vorgeschlagenen Vorhaben beginnen.",
    )
    # The service must be published and built by the item's builder.
    refused(
        lambda: roadmap_publish(actor=None, item=item, service_id=swf.foreign_service.pk),
        "Die Leistung „Führerschein umtauschen“ hat Olpe entwickelt, nicht Soest, das die "
        "Entwicklung dieses Vorhabens übernommen hat.",
    )
    refused(
        lambda: roadmap_publish(actor=None, item=item, service_id=swf.draft.pk),
        "Die Leistung „Entwurf“ ist im Katalog nicht veröffentlicht.",
    )
    roadmap_publish(actor=None, item=item, service_id=swf.service.pk)
    refused(
        lambda: roadmap_publish(actor=None, item=item, service_id=swf.service.pk),
        "Veröffentlicht werden kann nur ein Vorhaben in Entwicklung.",
    )
    refused(
        lambda: roadmap_start_development(actor=None, item=item),
        "Die Entwicklung kann nur bei einem vorgeschlagenen Vorhaben beginnen.",
    )
    # A second item cannot become the same service.
    second = propose(swf, title="Jagdschein, zweiter Anlauf")
    roadmap_take_build(actor=None, item=second, builder=swf[SOEST])
    roadmap_start_development(actor=None, item=second)
    refused(
        lambda: roadmap_publish(actor=None, item=second, service_id=swf.service.pk),
        "Die Leistung „Jagdschein verlängern“ ist bereits mit dem Vorhaben "
        "„Jagdschein online verlängern“ verknüpft.",
    )
    assert state(item) == ("published", SOEST, "Jagdschein verlängern", [])
    assert state(second) == ("in_development", SOEST, None, [])


def test_commitments_are_refused_outside_their_rules(swf: Swf) -> None:
    item = propose(swf)
    roadmap_take_build(actor=None, item=item, builder=swf[SOEST])
    refused(
        lambda: roadmap_commit(actor=None, item=item, authority=swf[SOEST]),
        "Soest entwickelt das Vorhaben selbst und sagt keine Nachnutzung zu.",
    )
    refused(
        lambda: roadmap_commit(actor=None, item=item, authority=swf.outsider),
        "Düren ist kein Mitglied des Verbunds.",
    )
    roadmap_commit(actor=None, item=item, authority=swf[OLPE])
    refused(
        lambda: roadmap_commit(actor=None, item=item, authority=swf[OLPE]),
        "Olpe hat die Nachnutzung bereits zugesagt.",
    )
    refused(
        lambda: roadmap_withdraw_commitment(actor=None, item=item, authority=swf[MK]),
        "Märkischer Kreis hat keine Nachnutzung zugesagt.",
    )
    refused(
        lambda: roadmap_withdraw_commitment(actor=None, item=item, authority=swf[SOEST]),
        "Soest entwickelt das Vorhaben selbst und sagt keine Nachnutzung zu.",
    )
    roadmap_start_development(actor=None, item=item)
    roadmap_publish(actor=None, item=item, service_id=swf.service.pk)
    refused(
        lambda: roadmap_commit(actor=None, item=item, authority=swf[MK]),
        "Das Vorhaben ist bereits veröffentlicht; statt einer Zusage nutzen Sie die Leistung "
        "im Katalog nach.",
    )
    refused(
        lambda: roadmap_withdraw_commitment(actor=None, item=item, authority=swf[OLPE]),
        "Nach der Veröffentlichung kann eine Zusage nicht mehr zurückgezogen werden.",
    )
    assert state(item) == ("published", SOEST, "Jagdschein verlängern", [OLPE])
    assert item.status == RoadmapStatus.PUBLISHED
