"""What the accounts app's audit entries mean (``core.audit_terms``), and how staff
users are named in them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.accounts.models import AuthorityRoleKind, User
from verbund.core.audit_terms import FLAG, AuditField, AuditNames, AuditTerms, Choice, Reference

USER = "accounts.User"
USER_BY_NAME = "accounts.User:username"

TERMS = AuditTerms(
    key="accounts",
    group=_("Benutzerkonten"),
    actions={
        "accounts.user_created": _("Benutzerkonto angelegt"),
        "accounts.authority_role_granted": _("Rolle in der Behörde vergeben"),
        "accounts.authority_role_revoked": _("Rolle in der Behörde entzogen"),
        "accounts.network_role_granted": _("Rolle im Verbund vergeben"),
        "accounts.totp_confirmed": _("Zweiten Faktor eingerichtet"),
    },
    fields={
        "user": AuditField(_("Benutzerkonto"), Reference(USER_BY_NAME)),
        "totp": AuditField(_("Zweiter Faktor (Authenticator-App)"), FLAG),
    },
    action_fields={
        # The new user's first role, in the authority the entry belongs to.
        "accounts.user_created": {
            "role": AuditField(_("Rolle in der Behörde"), Choice(AuthorityRoleKind.choices))
        },
    },
)


def _by_id(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(pk): _named(user) for pk, user in User.objects.in_bulk(ids).items()}


def _by_username(keys: set[str]) -> Mapping[str, str]:
    return {user.username: _named(user) for user in User.objects.filter(username__in=keys)}


def _named(user: User) -> str:
    """ "Anna Berg (sb.merzenich)", or the user name alone."""
    name = str(user)
    return f"{name} ({user.username})" if name != user.username else name


NAMES = (AuditNames(USER, _by_id), AuditNames(USER_BY_NAME, _by_username))
