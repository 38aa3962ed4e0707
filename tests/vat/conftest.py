"""A small world for the §2b UStG activity analysis: a service centre network whose area
"Umsatzsteuer (§ 2b UStG)" carries the ``vat`` tool, Merzenich delegated it (level 4),
Jülich and Kerpen did not, Olpe is outside; their staff and the coordinators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
from verbund.networks.models import Network
from verbund.networks.services import area_create, area_level_set
from verbund.vat import services
from verbund.vat.models import RevenueStream

D = Decimal
YEAR = 2027

# Answers for a public-law activity that none of steps 1–3 settles.
PUBLIC_OPEN = {"exchange": True, "sustained": True, "abs4_catalogue": False}


@dataclass
class World:
    network: Network
    other_network: Network
    merzenich: Authority  # delegated (level 4)
    juelich: Authority  # member, did not delegate
    olpe: Authority  # outside the network
    merzenich_clerk: User
    merzenich_admin: User
    juelich_clerk: User
    juelich_admin: User
    olpe_clerk: User
    coordinator: User
    other_coordinator: User


@pytest.fixture
def world(db: None, demo_on: None) -> World:
    merzenich = AuthorityFactory(ars="053580040040", name="Merzenich")
    juelich = AuthorityFactory(ars="053580024024", name="Jülich")
    olpe = AuthorityFactory(ars="05966", name="Olpe")
    network = NetworkFactory(name="DLZ", slug="dlz")
    other = NetworkFactory(name="Südwestfalen", slug="swf")
    for member in (merzenich, juelich):
        MembershipFactory(network=network, authority=member, joined_on=dt.date(2024, 1, 1))
    MembershipFactory(network=other, authority=olpe)
    area = area_create(actor=None, network=network, name="Umsatzsteuer (§ 2b UStG)", tool="vat")
    for member, level in ((merzenich, 4), (juelich, 2)):
        area_level_set(
            actor=None, area=area, authority=member, level=level, valid_from=dt.date(2024, 1, 1)
        )

    def staff(name: str, authority: Authority, *, admin: bool = False) -> User:
        user = make_user(username=name, demo=True)
        AuthorityRoleFactory(user=user, authority=authority, admin=admin)
        return user

    coordinator = make_user(username="koordination.dlz", demo=True)
    NetworkRoleFactory(user=coordinator, network=network)
    other_coordinator = make_user(username="koordination.swf", demo=True)
    NetworkRoleFactory(user=other_coordinator, network=other)
    return World(
        network=network,
        other_network=other,
        merzenich=merzenich,
        juelich=juelich,
        olpe=olpe,
        merzenich_clerk=staff("sb.merzenich", merzenich),
        merzenich_admin=staff("admin.merzenich", merzenich, admin=True),
        juelich_clerk=staff("sb.juelich", juelich),
        juelich_admin=staff("admin.juelich", juelich, admin=True),
        olpe_clerk=staff("sb.olpe", olpe),
        coordinator=coordinator,
        other_coordinator=other_coordinator,
    )


def make_stream(authority: Authority, **values: Any) -> RevenueStream:
    base: dict[str, Any] = {
        "title": "Parkgebühren",
        "legal_form": "public_law",
        "legal_basis": "Parkgebührenordnung vom 1.1.2020",
        "counterparty": "private",
    }
    base.update(values)
    return services.stream_create(actor=None, authority=authority, **base)
