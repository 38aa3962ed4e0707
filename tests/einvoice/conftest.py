"""A small world for the eRechnung inbox: the DLZ network with its inbox address,
members Jülich (Leitweg-ID 05358024-12345-38) and Merzenich, Olpe in another network
with its own inbox; their staff and the coordinators; and a valid sample invoice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
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
from verbund.einvoice import leitweg, services
from verbund.einvoice.models import InvoiceInbox, LeitwegId
from verbund.einvoice.samples import Sample, SampleLine, ubl_invoice
from verbund.networks.models import Network

JUELICH_ID = "05358024-12345-" + leitweg.check_digits("05358024", "12345")
UNKNOWN_ID = "05358040-999-" + leitweg.check_digits("05358040", "999")

SAMPLE = Sample(
    number="RE-2026-0815",
    issue_date=dt.date(2026, 11, 20),
    leitweg_id=JUELICH_ID,
    seller_name="Bürotechnik Rur GmbH",
    seller_vat_id="DE123456789",
    seller_street="Marktstraße 1",
    seller_city="Düren",
    seller_zip="52349",
    seller_contact="Petra Schmitz",
    seller_phone="+49 2421 123456",
    seller_email="rechnung@buerotechnik-rur.example",
    buyer_name="Stadt Jülich",
    buyer_street="Große Rurstraße 17",
    buyer_city="Jülich",
    buyer_zip="52428",
    lines=(
        SampleLine("Kopierpapier A4, 500 Blatt", Decimal("40"), Decimal("4.25")),
        SampleLine("Wartung Multifunktionsgerät", Decimal("2"), Decimal("85.00"), unit="HUR"),
    ),
)


def sample_xml(**changes: object) -> bytes:
    return ubl_invoice(replace(SAMPLE, **changes))  # type: ignore[arg-type]


@dataclass
class World:
    network: Network
    other_network: Network
    inbox: InvoiceInbox
    other_inbox: InvoiceInbox
    juelich: Authority
    merzenich: Authority
    olpe: Authority
    juelich_id: LeitwegId
    juelich_clerk: User
    juelich_admin: User
    merzenich_clerk: User
    merzenich_admin: User
    olpe_clerk: User
    coordinator: User
    other_coordinator: User


@pytest.fixture
def world(db: None, demo_on: None) -> World:
    juelich = AuthorityFactory(ars="053580024024", name="Stadt Jülich")
    merzenich = AuthorityFactory(ars="053580040040", name="Gemeinde Merzenich")
    olpe = AuthorityFactory(ars="05966", name="Olpe")
    network = NetworkFactory(name="DLZ", slug="dlz")
    other = NetworkFactory(name="Südwestfalen", slug="swf")
    for member in (juelich, merzenich):
        MembershipFactory(network=network, authority=member, joined_on=dt.date(2024, 1, 1))
    MembershipFactory(network=other, authority=olpe, joined_on=dt.date(2024, 1, 1))
    inbox = InvoiceInbox.objects.create(network=network, email_address="rechnung@dlz.example")
    other_inbox = InvoiceInbox.objects.create(network=other, email_address="rechnung@swf.example")

    def staff(name: str, authority: Authority, *, admin: bool = False) -> User:
        user = make_user(username=name, demo=True)
        AuthorityRoleFactory(user=user, authority=authority, admin=admin)
        return user

    coordinator = make_user(username="koordination.dlz", demo=True)
    NetworkRoleFactory(user=coordinator, network=network)
    other_coordinator = make_user(username="koordination.swf", demo=True)
    NetworkRoleFactory(user=other_coordinator, network=other)
    juelich_admin = staff("admin.juelich", juelich, admin=True)
    entry = services.leitweg_id_add(actor=juelich_admin, authority=juelich, value=JUELICH_ID)
    return World(
        network=network,
        other_network=other,
        inbox=inbox,
        other_inbox=other_inbox,
        juelich=juelich,
        merzenich=merzenich,
        olpe=olpe,
        juelich_id=entry,
        juelich_clerk=staff("sb.juelich", juelich),
        juelich_admin=juelich_admin,
        merzenich_clerk=staff("sb.merzenich", merzenich),
        merzenich_admin=staff("admin.merzenich", merzenich, admin=True),
        olpe_clerk=staff("sb.olpe", olpe),
        coordinator=coordinator,
        other_coordinator=other_coordinator,
    )
