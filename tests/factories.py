"""factory_boy factories shared by all tests, with traits for common states."""

from __future__ import annotations

import copy
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
from verbund.catalogue.models import (
    Adoption,
    Level,
    Office,
    ResponsibilityException,
    Service,
    ServiceStatus,
    Themenfeld,
)
from verbund.formengine.engine import definition_digest
from verbund.formengine.models import FormVersion
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


class ServiceFactory(DjangoModelFactory):
    """A published Gemeinde-level service; traits ``kreis``, ``draft``, ``info_only``."""

    class Meta:
        model = Service

    slug = factory.Sequence(lambda n: f"testleistung-{n}")
    leika_key = factory.Sequence(lambda n: f"99{n:012d}")
    title = factory.Sequence(lambda n: f"Testleistung {n}")
    summary = "Eine Leistung für Tests."
    volltext = "Volltext der Leistung."
    unterlagen = "Personalausweis"
    rechtsgrundlagen = "§ 1 Testgesetz"
    themenfeld = Themenfeld.QUERSCHNITT
    level = Level.GEMEINDE
    maturity = 3
    online_url = "https://portal.example.org/antrag"
    builder = factory.SubFactory(AuthorityFactory)
    status = ServiceStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    class Params:
        kreis = factory.Trait(level=Level.KREIS)
        draft = factory.Trait(status=ServiceStatus.DRAFT, published_at=None)
        info_only = factory.Trait(online_url="")


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Bürgerbüro {n}")
    street = "Rathausplatz 1"
    postcode = "99999"
    city = "Teststadt"
    phone = "0000 000-0"
    email = "buergerbuero@example.org"
    opening_hours = "Mo–Fr 8–12 Uhr"
    accessibility = "Stufenloser Zugang."


class AdoptionFactory(DjangoModelFactory):
    class Meta:
        model = Adoption

    service = factory.SubFactory(ServiceFactory)
    authority = factory.SubFactory(AuthorityFactory)
    office = factory.SubFactory(OfficeFactory, authority=factory.SelfAttribute("..authority"))
    fees = factory.LazyFunction(lambda: [{"label": "Gebühr", "amount": "10.00"}])
    online = True
    started_on = dt.date(2025, 1, 1)

    class Params:
        ended = factory.Trait(ended_on=dt.date(2025, 12, 31))


class ResponsibilityExceptionFactory(DjangoModelFactory):
    class Meta:
        model = ResponsibilityException

    service = factory.SubFactory(ServiceFactory, kreis=True)
    area = factory.SubFactory(AuthorityFactory)
    responsible = factory.SelfAttribute("area")


SIMPLE_DEFINITION: dict[str, object] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "Ihr Name", "maxLength": 100},
            "email": {"type": "string", "format": "email", "title": "Ihre E-Mail-Adresse"},
        },
        "required": ["name", "email"],
    },
    "steps": [
        {"key": "name", "title": "Wie heißen Sie?", "fields": ["name"]},
        {"key": "email", "title": "Wie lautet Ihre E-Mail-Adresse?", "fields": ["email"]},
    ],
    "contact": {"email": "email", "name": "name"},
}


class FormVersionFactory(DjangoModelFactory):
    """A published form version (two one-question steps unless ``definition`` is given)."""

    class Meta:
        model = FormVersion

    service = factory.SubFactory(ServiceFactory)
    authority = factory.SelfAttribute("service.builder")
    number = factory.Sequence(lambda n: n + 1)
    definition = factory.LazyFunction(lambda: copy.deepcopy(SIMPLE_DEFINITION))
    digest = factory.LazyAttribute(lambda o: definition_digest(o.definition))
    published_at = factory.LazyFunction(lambda: dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
