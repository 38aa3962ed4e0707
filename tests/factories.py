"""factory_boy factories shared by all tests, with traits for common states."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from verbund.accounts.models import (
    AuthorityRole,
    AuthorityRoleKind,
    NetworkRole,
    NetworkRoleKind,
    User,
)
from verbund.authorities.folding import fold
from verbund.authorities.models import Authority, AuthorityKind
from verbund.networks.models import Membership, MembershipRole, Network, NetworkKind
from verbund.portal.models import LegalPage, LegalPageKind

GEBIETSSTAND = dt.date(2025, 8, 31)
PASSWORD = "correct horse battery staple"


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("ars",)

    ars = factory.Sequence(lambda n: f"099{n:09d}")
    ags = factory.LazyAttribute(lambda o: o.ars[:5] + o.ars[9:] if len(o.ars) == 12 else "")
    kind = AuthorityKind.GEMEINDE
    textkennzeichen = "64"
    name = factory.Sequence(lambda n: f"Testgemeinde {n}")
    search_name = factory.LazyAttribute(lambda o: fold(o.name))
    population = 10_000
    area_ha = 5_000
    postcode = "99999"
    gebietsstand = GEBIETSSTAND

    class Params:
        kreis = factory.Trait(
            kind=AuthorityKind.KREIS,
            textkennzeichen="44",
            ars=factory.Sequence(lambda n: f"8{n:04d}"),
            ags=factory.LazyAttribute(lambda o: o.ars),
        )
        dissolved = factory.Trait(dissolved_on=dt.date(2025, 1, 1))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    # Hashed before the single INSERT, so force_login's session hash matches the stored one.
    password = factory.django.Password(PASSWORD)

    class Params:
        demo = factory.Trait(two_factor_exempt=True)


def make_user(**kwargs: object) -> User:
    """A user with the factory defaults (password: ``PASSWORD``), typed as ``User``."""
    user: User = UserFactory(**kwargs)
    return user


class AuthorityRoleFactory(DjangoModelFactory):
    class Meta:
        model = AuthorityRole

    user = factory.SubFactory(UserFactory)
    authority = factory.SubFactory(AuthorityFactory)
    role = AuthorityRoleKind.CLERK

    class Params:
        admin = factory.Trait(role=AuthorityRoleKind.AUTHORITY_ADMIN)


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Testverbund {n}")
    slug = factory.Sequence(lambda n: f"testverbund-{n}")
    kind = NetworkKind.SERVICE_CENTRE
    description = "Ein Verbund für Tests."


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    authority = factory.SubFactory(AuthorityFactory)
    role = MembershipRole.MEMBER
    joined_on = dt.date(2024, 1, 1)

    class Params:
        lead = factory.Trait(role=MembershipRole.LEAD)
        ended = factory.Trait(left_on=dt.date(2024, 12, 31))


class NetworkRoleFactory(DjangoModelFactory):
    class Meta:
        model = NetworkRole

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = NetworkRoleKind.COORDINATOR


class LegalPageFactory(DjangoModelFactory):
    class Meta:
        model = LegalPage

    authority = factory.SubFactory(AuthorityFactory)
    kind = LegalPageKind.IMPRINT
    body = "Herausgeber: Testgemeinde, Marktplatz 1, 99999 Teststadt."
    reviewed_on = dt.date(2026, 1, 15)
