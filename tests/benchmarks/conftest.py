"""A network of six members with a comparison ring over them (through the services)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.benchmarks import services
from verbund.benchmarks.models import Kpi, Participant, Period, Ring
from verbund.networks.models import Network

D = Decimal
# faelle, einwohner per member: KPI faelle / einwohner * 1000 gives 10, 20, …, 60
FIGURES = [(D(100 * i), D(10_000)) for i in range(1, 7)]


@dataclass
class World:
    network: Network
    members: list[Authority]
    outsider: Authority
    coordinator: User
    clerks: list[User]
    outsider_clerk: User
    ring: Ring
    participants: list[Participant]
    kpi: Kpi
    period: Period


@pytest.fixture
def world(db: None) -> World:
    network = NetworkFactory(name="Verbund Test", slug="verbund-test")
    members = [
        AuthorityFactory(name=f"Gemeinde {c}", ars=f"0990000000{i:02d}")
        for i, c in enumerate("ABCDEF")
    ]
    for member in members:
        MembershipFactory(network=network, authority=member)
    outsider = AuthorityFactory(name="Gemeinde Z", ars="099000000099")
    MembershipFactory(network=network, authority=outsider)
    coordinator = make_user(username="koordination")
    NetworkRoleFactory(user=coordinator, network=network)
    clerks = []
    for index, member in enumerate(members):
        clerk = make_user(username=f"sb{index}")
        AuthorityRoleFactory(user=clerk, authority=member)
        clerks.append(clerk)
    outsider_clerk = make_user(username="sb.z")
    AuthorityRoleFactory(user=outsider_clerk, authority=outsider)
    ring = services.ring_create(
        actor=coordinator,
        network=network,
        name="Bürgerbüros",
        authority_ids=[m.pk for m in members],
    )
    services.figure_create(actor=coordinator, ring=ring, key="faelle", label="Fälle")
    services.figure_create(
        actor=coordinator, ring=ring, key="einwohner", label="Einwohner", unit="EW"
    )
    kpi = services.kpi_create(
        actor=coordinator,
        ring=ring,
        key="faelle_je_1000",
        label="Fälle je 1.000 Einwohner",
        formula="faelle / einwohner * 1000",
        decimals=1,
    )
    period = services.period_create(actor=coordinator, ring=ring, year=2025)
    participants = sorted(ring.participants.all(), key=lambda p: p.authority.ars)
    return World(
        network,
        members,
        outsider,
        coordinator,
        clerks,
        outsider_clerk,
        ring,
        participants,
        kpi,
        period,
    )


def fill(world: World, count: int = 6) -> None:
    """Values for the first ``count`` participants."""
    pairs = list(zip(world.participants, FIGURES, strict=True))
    for participant, (faelle, einwohner) in pairs[:count]:
        services.values_set(
            actor=world.coordinator,
            period=world.period,
            participant=participant,
            values={"faelle": faelle, "einwohner": einwohner},
        )
