from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import AuthorityFactory, AuthorityRoleFactory, make_user
from verbund.accounts.models import User
from verbund.authorities.models import Authority


def code_for(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def authority(db: None) -> Authority:
    return AuthorityFactory(name="Merzenich", ars="053580040040", population=10_123)


@pytest.fixture
def admin(authority: Authority) -> User:
    user = make_user(username="admin.merzenich", display_name="Anna Admin", demo=True)
    AuthorityRoleFactory(user=user, authority=authority, admin=True)
    AuthorityRoleFactory(user=user, authority=authority)
    return user


@pytest.fixture
def clerk(authority: Authority) -> User:
    user = make_user(username="clerk.merzenich", display_name="Carl Clerk", demo=True)
    AuthorityRoleFactory(user=user, authority=authority)
    return user
