"""Reads about staff users and their roles (the published surface of accounts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from verbund.accounts.models import (
    AuthorityRole,
    AuthorityRoleKind,
    NetworkRole,
    NetworkRoleKind,
    User,
)

_GRANTS_ATTR = "_verbund_grants"


@dataclass(frozen=True)
class Grants:
    """What a user holds, loaded once per request (two queries)."""

    authority_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    network_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    def authority_ids(self, *roles: str) -> set[int]:
        if not roles:
            return set(self.authority_roles)
        return {aid for aid, held in self.authority_roles.items() if held.intersection(roles)}

    def network_ids(self, *roles: str) -> set[int]:
        if not roles:
            return set(self.network_roles)
        return {nid for nid, held in self.network_roles.items() if held.intersection(roles)}

    @property
    def admin_authority_ids(self) -> set[int]:
        return self.authority_ids(AuthorityRoleKind.AUTHORITY_ADMIN)

    @property
    def coordinated_network_ids(self) -> set[int]:
        return self.network_ids(NetworkRoleKind.COORDINATOR)


def grants_for(user: Any) -> Grants:
    if user is None or not user.is_authenticated:
        return Grants()
    cached = getattr(user, _GRANTS_ATTR, None)
    if cached is not None:
        return cached
    authority_roles: dict[int, set[str]] = {}
    for authority_id, role in AuthorityRole.objects.filter(user=user).values_list(
        "authority_id", "role"
    ):
        authority_roles.setdefault(authority_id, set()).add(role)
    network_roles: dict[int, set[str]] = {}
    for network_id, role in NetworkRole.objects.filter(user=user).values_list("network_id", "role"):
        network_roles.setdefault(network_id, set()).add(role)
    grants = Grants(
        {k: frozenset(v) for k, v in authority_roles.items()},
        {k: frozenset(v) for k, v in network_roles.items()},
    )
    setattr(user, _GRANTS_ATTR, grants)
    return grants


def forget_grants(user: Any) -> None:
    """Drop the cached grants after roles change within the same request."""
    if hasattr(user, _GRANTS_ATTR):
        delattr(user, _GRANTS_ATTR)


def staff_of_authority(authority_id: int) -> QuerySet[AuthorityRole]:
    return (
        AuthorityRole.objects.filter(authority_id=authority_id)
        .select_related("user")
        .order_by("user__username", "role")
    )


def coordinators_of_network(network_id: int) -> QuerySet[User]:
    return User.objects.filter(
        network_roles__network_id=network_id, network_roles__role=NetworkRoleKind.COORDINATOR
    ).order_by("username")


def user_by_login_or_email(value: str) -> User | None:
    """The active account whose user name (exactly) or e-mail (any case) is ``value``.

    ``None`` when there is none or when several accounts share the e-mail.
    """
    value = value.strip()
    if not value:
        return None
    by_name = User.objects.filter(username=value, is_active=True).first()
    if by_name is not None:
        return by_name
    matches = list(User.objects.filter(email__iexact=value, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


def has_confirmed_totp(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
