"""A small world for the joint procurement: the DLZ network (its area "Beschaffung"
carries the ``procurement`` tool) with three members – Merzenich leads the procedure,
Jülich and Kerpen report demand – an authority of another network, and their staff.

Dates are explicit (the services take ``today``): the call of 1.12.2026 asks for demand
until 15.01.2027; the thresholds of 2026–2027 apply.
"""

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
from verbund.core.models import AuditEntry
from verbund.networks.models import Network
from verbund.networks.services import area_create
from verbund.procurement import services
from verbund.procurement.models import Award, DemandCall, DemandLine, Lot, Mandate

D = Decimal
CREATED = dt.date(2026, 12, 1)
DEADLINE = dt.date(2027, 1, 15)
REPORTED = dt.date(2026, 12, 10)
AFTER = dt.date(2027, 1, 16)
PRINTERS = "Multifunktionsdrucker (Rahmenvertrag)"


@dataclass
class World:
    network: Network
    other_network: Network
    merzenich: Authority  # the lead authority
    juelich: Authority
    kerpen: Authority
    olpe: Authority  # of another network
    coordinator: User
    other_coordinator: User
    merzenich_clerk: User
    merzenich_admin: User
    juelich_clerk: User
    juelich_admin: User
    kerpen_clerk: User
    kerpen_admin: User
    olpe_clerk: User


@pytest.fixture
def world(db: None, demo_on: None) -> World:
    merzenich = AuthorityFactory(ars="053580040040", name="Merzenich")
    juelich = AuthorityFactory(ars="053580024024", name="Jülich")
    kerpen = AuthorityFactory(ars="053620032032", name="Kerpen")
    olpe = AuthorityFactory(ars="05966", name="Olpe")
    network = NetworkFactory(name="DLZ", slug="dlz")
    other = NetworkFactory(name="Südwestfalen", slug="swf")
    MembershipFactory(network=network, authority=merzenich, lead=True)
    for member in (juelich, kerpen):
        MembershipFactory(network=network, authority=member)
    MembershipFactory(network=other, authority=olpe)
    area_create(actor=None, network=network, name="Beschaffung", tool="procurement")

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
        kerpen=kerpen,
        olpe=olpe,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        merzenich_clerk=staff("sb.merzenich", merzenich),
        merzenich_admin=staff("admin.merzenich", merzenich, admin=True),
        juelich_clerk=staff("sb.juelich", juelich),
        juelich_admin=staff("admin.juelich", juelich, admin=True),
        kerpen_clerk=staff("sb.kerpen", kerpen),
        kerpen_admin=staff("admin.kerpen", kerpen, admin=True),
        olpe_clerk=staff("sb.olpe", olpe),
    )


def make_call(world: World, **kwargs: Any) -> DemandCall:
    values: dict[str, Any] = {
        "actor": world.coordinator,
        "network": world.network,
        "subject": PRINTERS,
        "cpv_code": "30120000-6",
        "deadline": DEADLINE,
        "term_months": 36,
        "option_months": 12,
        "option_percent": D(20),
        "lead_authority": world.merzenich,
        "today": CREATED,
    }
    return services.demand_call_create(**{**values, **kwargs})


def add_line(
    world: World, call: DemandCall, authority: Authority, quantity: str, price: str, **kwargs: Any
) -> DemandLine:
    values: dict[str, Any] = {
        "actor": world.coordinator,
        "call": call,
        "authority": authority,
        "description": "Multifunktionsgerät A3, Farbe",
        "quantity": D(quantity),
        "unit": "Stück",
        "unit_price": D(price),
        "today": REPORTED,
    }
    return services.demand_line_add(**{**values, **kwargs})


def counts() -> tuple[int, ...]:
    return (
        DemandCall.objects.count(),
        DemandLine.objects.count(),
        Mandate.objects.count(),
        Lot.objects.count(),
        Award.objects.count(),
        AuditEntry.objects.count(),
    )
