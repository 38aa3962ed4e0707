"""Two tenants, A and B, each with an authority, staff, a network and content.

The isolation test logs in as A's most privileged user (clerk, authority
admin and network coordinator at once) and asks for B's objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tests.factories import AuthorityFactory, UserFactory
from verbund.accounts.models import AuthorityRole, AuthorityRoleKind, User
from verbund.accounts.services import authority_role_grant, network_role_grant
from verbund.authorities.models import Authority, AuthorityKind
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


def _tenant(letter: str, ars: str) -> Tenant:
    kreis = AuthorityFactory(
        ars=ars[:5], kind=AuthorityKind.KREIS, textkennzeichen="44", name=f"Kreis {letter}"
    )
    authority = AuthorityFactory(ars=ars, name=f"Gemeinde {letter}", parent=kreis)
    user = UserFactory(username=f"chief.{letter.lower()}", demo=True)
    clerk = UserFactory(username=f"clerk.{letter.lower()}", demo=True)
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
    return Tenant(authority, user, clerk, clerk_role, network, membership, legal_page)


@dataclass
class World:
    a: Tenant
    b: Tenant


def build_world() -> World:
    return World(a=_tenant("A", "091110001001"), b=_tenant("B", "092220002002"))
