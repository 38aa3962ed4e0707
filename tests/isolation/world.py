"""Two tenants, A and B, each with an authority, staff, a network and content.

Each builds two services: one published (which every staff user may read, so
it is never a foreign object) and one draft (which only its own staff see).
Each authority has an office and adopts its own published service, whose
form is published as version 1.

The isolation test logs in as A's most privileged user (clerk, authority
admin and network coordinator at once) and asks for B's objects.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import cast

from tests.factories import SIMPLE_DEFINITION, AuthorityFactory, make_user
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind, User
from verbund.accounts.services import authority_role_grant, network_role_grant
from verbund.authorities.models import Authority, AuthorityKind
from verbund.catalogue.models import Adoption, Office, Service
from verbund.catalogue.services import (
    adoption_create,
    office_create,
    service_create,
    service_publish,
)
from verbund.formengine.models import FormVersion
from verbund.formengine.services import form_version_create
from verbund.networks.models import Membership, Network
from verbund.networks.services import membership_add, network_create
from verbund.portal.models import LegalPage, LegalPageKind
from verbund.portal.services import legal_page_save


@dataclass
class Tenant:
    authority: Authority
    user: User
    clerk: User
    clerk_role: AuthorityRole
    network: Network
    membership: Membership
    legal_page: LegalPage
    service: Service
    draft_service: Service
    office: Office
    adoption: Adoption
    form_version: FormVersion


def _service(authority: Authority, slug: str, title: str) -> Service:
    return service_create(
        actor=None,
        builder=authority,
        slug=slug,
        title=title,
        summary=f"{title}, kurz erklärt.",
        themenfeld="querschnitt",
        level="gemeinde",
        online_url="https://portal.example.org/antrag",
    )


def _tenant(letter: str, ars: str) -> Tenant:
    kreis = cast(
        Authority,
        AuthorityFactory(
            ars=ars[:5], kind=AuthorityKind.KREIS, textkennzeichen="44", name=f"Kreis {letter}"
        ),
    )
    authority = cast(Authority, AuthorityFactory(ars=ars, name=f"Gemeinde {letter}", parent=kreis))
    user = make_user(username=f"chief.{letter.lower()}", demo=True)
    clerk = make_user(username=f"clerk.{letter.lower()}", demo=True)
    for role in (AuthorityRoleKind.CLERK, AuthorityRoleKind.AUTHORITY_ADMIN):
        authority_role_grant(actor=None, authority=authority, user=user, role=role)
    clerk_role = authority_role_grant(
        actor=None, authority=authority, user=clerk, role=AuthorityRoleKind.CLERK
    )
    network = network_create(
        actor=None, name=f"Verbund {letter}", slug=f"verbund-{letter.lower()}", kind="other"
    )
    network_role_grant(actor=None, network=network, user=user, role="coordinator")
    membership = membership_add(
        actor=None, network=network, authority=authority, role="lead", joined_on=dt.date(2024, 1, 1)
    )
    legal_page = legal_page_save(
        actor=user,
        authority=authority,
        kind=LegalPageKind.IMPRINT,
        body=f"Impressum der Gemeinde {letter}",
        contact_email="",
        conformity="",
        reviewed_on=dt.date(2026, 1, 1),
    )
    letter_lower = letter.lower()
    service = service_publish(
        actor=None,
        service=_service(authority, f"leistung-{letter_lower}", f"Leistung {letter}"),
    )
    draft_service = _service(authority, f"entwurf-{letter_lower}", f"Entwurf {letter}")
    form_version = form_version_create(
        actor=None, service=service, definition=copy.deepcopy(SIMPLE_DEFINITION)
    )
    office = office_create(
        actor=None,
        authority=authority,
        name=f"Bürgerbüro {letter}",
        street="Marktplatz 1",
        postcode="99999",
        city=f"Gemeinde {letter}",
    )
    adoption = adoption_create(
        actor=None,
        service=service,
        authority=authority,
        office=office,
        fees=[{"label": "Gebühr", "amount": "10,00"}],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    return Tenant(
        authority,
        user,
        clerk,
        clerk_role,
        network,
        membership,
        legal_page,
        service,
        draft_service,
        office,
        adoption,
        form_version,
    )


@dataclass
class World:
    a: Tenant
    b: Tenant


def build_world() -> World:
    return World(a=_tenant("A", "091110001001"), b=_tenant("B", "092220002002"))
