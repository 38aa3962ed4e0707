"""A small world for the fee calculation: a service centre network whose area
"Gebührenkalkulation" carries the ``fees`` tool, two members that delegated it
(level 4), one that did not, an authority outside, and their staff; examples A and B
of DOMAIN-FACTS.md as engine sheets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.factories import (
    AdoptionFactory,
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.catalogue.models import Adoption, Service
from verbund.fees import engine
from verbund.networks.models import Network
from verbund.networks.services import area_create, area_level_set

D = Decimal


def example_a(rounding: str = engine.Rounding.END) -> engine.Sheet:
    """Example A: 40 min E 9b + 15 min E 6 of a case."""
    return engine.Sheet(
        kind=engine.SheetKind.ADMINISTRATIVE,
        title="Gewerbeanmeldung",
        year=2026,
        rounding=rounding,
        grades=(
            engine.Grade("E 9b", D(80000), D(9700), D(20), D(1561)),
            engine.Grade("E 6", D(60000), D(9700), D(20), D(1561)),
        ),
        time_lines=(
            engine.TimeLine("Antrag prüfen und bescheiden", "E 9b", D(40)),
            engine.TimeLine("Erfassen und versenden", "E 6", D(15)),
        ),
    )


def example_b(*, actuals: bool = True) -> engine.Sheet:
    """Example B: a usage fee with a returned over-coverage and its Nachkalkulation."""
    return engine.Sheet(
        kind=engine.SheetKind.USAGE,
        title="Schmutzwassergebühr",
        year=2026,
        unit="m³",
        planned_units=D(40000),
        cost_lines=(
            engine.CostLine("personnel", "Personal Abwasserwerk", amount=D(120000)),
            engine.CostLine("material", "Sachkosten", amount=D(45000)),
            engine.CostLine("external", "Fremdleistungen", amount=D(30000)),
            engine.CostLine("administration", "Verwaltungskostenbeitrag", amount=D(15000)),
            engine.CostLine(
                "depreciation", "Kanalnetz", acquisition_value=D(1200000), useful_life=D(40)
            ),
            engine.CostLine(
                "interest",
                "Kanalnetz",
                opening_value=D(630000),
                closing_value=D(600000),
                deductible_capital=D(165000),
                rate_percent=D("3.03"),
            ),
        ),
        other_revenue=(engine.Revenue("Erstattungen", D(3635)),),
        carry_forwards=(engine.CarryForward("over", 2024, D(10000)),),
        actuals=engine.Actuals(D(248500), D(3635), D(41000)) if actuals else None,
    )


@dataclass
class World:
    network: Network
    other_network: Network
    merzenich: Authority  # delegated (level 4)
    juelich: Authority  # delegated (level 4)
    kerpen: Authority  # member, level 1
    olpe: Authority  # outside the network
    service: Service
    adoption: Adoption  # Merzenich's
    merzenich_clerk: User
    merzenich_admin: User
    juelich_clerk: User
    juelich_admin: User
    kerpen_clerk: User
    olpe_clerk: User
    coordinator: User  # of the network
    other_coordinator: User  # of another network


@pytest.fixture
def world(db: None, demo_on: None) -> World:
    merzenich = AuthorityFactory(ars="053580040040", name="Merzenich")
    juelich = AuthorityFactory(ars="053580024024", name="Jülich")
    kerpen = AuthorityFactory(ars="053620032032", name="Kerpen")
    olpe = AuthorityFactory(ars="05966", name="Olpe")
    network = NetworkFactory(name="DLZ", slug="dlz")
    other = NetworkFactory(name="Südwestfalen", slug="swf")
    for member in (merzenich, juelich, kerpen):
        MembershipFactory(network=network, authority=member, joined_on=dt.date(2024, 1, 1))
    MembershipFactory(network=other, authority=olpe)
    area = area_create(actor=None, network=network, name="Gebührenkalkulation", tool="fees")
    for member, level in ((merzenich, 4), (juelich, 4), (kerpen, 1)):
        area_level_set(
            actor=None, area=area, authority=member, level=level, valid_from=dt.date(2024, 1, 1)
        )
    service = ServiceFactory(slug="gewerbeanmeldung", title="Gewerbe anmelden", builder=merzenich)
    adoption = AdoptionFactory(
        service=service, authority=merzenich, fees=[{"label": "Auskunft", "amount": "5.00"}]
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
        kerpen=kerpen,
        olpe=olpe,
        service=service,
        adoption=adoption,
        merzenich_clerk=staff("sb.merzenich", merzenich),
        merzenich_admin=staff("admin.merzenich", merzenich, admin=True),
        juelich_clerk=staff("sb.juelich", juelich),
        juelich_admin=staff("admin.juelich", juelich, admin=True),
        kerpen_clerk=staff("sb.kerpen", kerpen),
        olpe_clerk=staff("sb.olpe", olpe),
        coordinator=coordinator,
        other_coordinator=other_coordinator,
    )
