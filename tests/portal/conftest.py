from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import AuthorityFactory, AuthorityRoleFactory, make_user
from verbund.accounts.models import User
from verbund.authorities.models import Authority, AuthorityKind


@pytest.fixture
def kreis(db: None) -> Authority:
    return AuthorityFactory(
        ars="05358", ags="05358", kind=AuthorityKind.KREIS, textkennzeichen="44", name="Düren"
    )


@pytest.fixture
def authority(kreis: Authority) -> Authority:
    return AuthorityFactory(ars="053580040040", name="Merzenich", parent=kreis, postcode="52399")


@pytest.fixture
def other_authority(db: None) -> Authority:
    return AuthorityFactory(ars="053620032032", name="Kerpen", postcode="50169")


@pytest.fixture
def admin(authority: Authority) -> User:
    user = make_user(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=user, authority=authority, admin=True)
    return user


@pytest.fixture
def clerk(authority: Authority) -> User:
    user = make_user(username="clerk.merzenich", display_name="Carl Clerk", demo=True)
    AuthorityRoleFactory(user=user, authority=authority)
    return user


@pytest.fixture
def other_admin(other_authority: Authority) -> User:
    user = make_user(username="admin.kerpen", display_name="Olga Other", demo=True)
    AuthorityRoleFactory(user=user, authority=other_authority, admin=True)
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
