"""Writes on staff users, their roles and their second factor.

Each function is atomic and audited; the entry names the tenant (authority or
network) the change belongs to, so that its admins find it in their log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from verbund.accounts.models import (
    AuthorityRole,
    AuthorityRoleKind,
    NetworkRole,
    NetworkRoleKind,
    User,
)
from verbund.accounts.selectors import forget_grants
from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes

if TYPE_CHECKING:  # networks build on accounts; only the type is needed here
    from verbund.networks.models import Network

TOTP_DEVICE_NAME = "Authenticator-App"


def _forget(actor: Actor, user: User) -> None:
    """Drop cached grants of the user whose roles changed, and of the actor if it is them."""
    forget_grants(user)
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        forget_grants(actor)


def _check_authority_role(role: str) -> None:
    if role not in AuthorityRoleKind.values:
        raise ValidationError(_("Unbekannte Rolle: %(role)s") % {"role": role})


def _check_grantable(authority: Authority, user: User) -> None:
    if authority.dissolved_on is not None:
        raise ValidationError(
            _("%(name)s ist aufgelöst; es können keine Rollen vergeben werden.")
            % {"name": authority}
        )
    if not user.is_active:
        raise ValidationError(
            _("Das Konto %(username)s ist deaktiviert.") % {"username": user.username}
        )


def staff_user_create(
    *,
    actor: Actor,
    authority: Authority | None,
    username: str,
    display_name: str,
    email: str,
    password: str,
    role: str | None,
) -> User:
    """Create a staff account with a first role in ``authority``.

    ``authority`` and ``role`` may both be ``None`` only for operators (the
    ``grant-role`` command gives a network role afterwards). The new user has
    no second factor yet and sets up TOTP at the first login. One audit entry
    (``accounts.user_created``) records the account and its first role.
    """
    username = username.strip()
    email = email.strip()
    if (authority is None) != (role is None):
        raise ValidationError(_("Behörde und Rolle müssen zusammen angegeben werden."))
    if role is not None:
        _check_authority_role(role)
    if authority is not None and authority.dissolved_on is not None:
        raise ValidationError(
            _("%(name)s ist aufgelöst; es können keine Rollen vergeben werden.")
            % {"name": authority}
        )
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                {"username": _("Dieser Benutzername ist bereits vergeben.")}, code="unique"
            )
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": _("Diese E-Mail-Adresse gehört bereits zu einem Konto.")},
                code="unique",
            )
        user = User(
            username=username,
            display_name=display_name.strip(),
            email=email,
            is_active=True,
            two_factor_exempt=False,
        )
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.error_list}) from exc
        user.set_password(password)
        user.full_clean(exclude=["last_login", "date_joined"])
        user.save()
        if authority is not None and role is not None:
            AuthorityRole.objects.create(user=user, authority=authority, role=role)
        audit_record(
            actor=actor,
            action="accounts.user_created",
            obj=user,
            authority=authority,
            changes=field_changes(
                None,
                {
                    "username": user.username,
                    "display_name": user.display_name,
                    "email": user.email,
                    "role": role,
                },
            ),
        )
        return user


def authority_role_grant(
    *, actor: Actor, authority: Authority, user: User, role: str
) -> AuthorityRole:
    """Give ``user`` ``role`` in ``authority``. Granting a held role changes
    nothing and writes no audit entry."""
    _check_authority_role(role)
    with transaction.atomic():
        existing = AuthorityRole.objects.filter(user=user, authority=authority, role=role).first()
        if existing is not None:
            return existing
        _check_grantable(authority, user)
        assignment, created = AuthorityRole.objects.get_or_create(
            user=user, authority=authority, role=role
        )
        if created:
            audit_record(
                actor=actor,
                action="accounts.authority_role_granted",
                obj=assignment,
                authority=authority,
                changes=field_changes(None, {"user": user.username, "role": role}),
            )
        _forget(actor, user)
        return assignment


def authority_role_revoke(*, actor: Actor, role_assignment: AuthorityRole) -> None:
    """Take a role away. The last authority admin of an authority cannot be
    removed, so that every authority keeps someone who manages its staff."""
    with transaction.atomic():
        # Lock the authority's admin roles so that two admins revoking each
        # other at the same time cannot leave the authority without one.
        admin_ids = list(
            AuthorityRole.objects.select_for_update()
            .filter(
                authority_id=role_assignment.authority_id,
                role=AuthorityRoleKind.AUTHORITY_ADMIN,
            )
            .values_list("pk", flat=True)
        )
        assignment = (
            AuthorityRole.objects.select_for_update()
            .select_related("user", "authority")
            .filter(pk=role_assignment.pk)
            .first()
        )
        if assignment is None:
            raise ValidationError(_("Diese Rolle besteht nicht mehr."))
        if assignment.role == AuthorityRoleKind.AUTHORITY_ADMIN and admin_ids == [assignment.pk]:
            if actor is not None and getattr(actor, "pk", None) == assignment.user_id:
                message = _(
                    "Sie sind die einzige Person mit der Verwaltung dieser Behörde. Bevor Sie "
                    "diese Rolle abgeben, vergeben Sie sie bitte an eine weitere Person."
                )
            else:
                message = _(
                    "Dies ist die letzte Verwaltungsrolle dieser Behörde. Bitte vergeben Sie "
                    "die Rolle zuerst an eine weitere Person."
                )
            raise ValidationError(message, code="last_admin")
        audit_record(
            actor=actor,
            action="accounts.authority_role_revoked",
            obj=assignment,
            authority=assignment.authority_id,
            changes=field_changes(
                {"user": assignment.user.username, "role": assignment.role},
                {"user": None, "role": None},
            ),
        )
        assignment.delete()
        _forget(actor, assignment.user)


def network_role_grant(*, actor: Actor, network: Network, user: User, role: str) -> NetworkRole:
    """Give ``user`` ``role`` in ``network`` (``actor`` ``None`` for the system).
    Granting a held role changes nothing and writes no audit entry."""
    if role not in NetworkRoleKind.values:
        raise ValidationError(_("Unbekannte Rolle: %(role)s") % {"role": role})
    if not user.is_active:
        raise ValidationError(
            _("Das Konto %(username)s ist deaktiviert.") % {"username": user.username}
        )
    with transaction.atomic():
        assignment, created = NetworkRole.objects.get_or_create(
            user=user, network=network, role=role
        )
        if created:
            audit_record(
                actor=actor,
                action="accounts.network_role_granted",
                obj=assignment,
                network=network,
                changes=field_changes(None, {"user": user.username, "role": role}),
            )
            _forget(actor, user)
        return assignment


# --- Second factor (TOTP) ----------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) TOTP device, created on first call.

    Refused once a confirmed device exists: a second device may only be added
    by someone who already passed the second factor (not offered yet).
    Not audited: nothing is in force until :func:`totp_device_confirm`.
    """
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ValidationError(
                _("Für dieses Konto ist bereits ein zweiter Faktor eingerichtet.")
            )
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        return device


@dataclass(frozen=True)
class TokenCheck:
    """Outcome of checking a code: the device that accepted it; ``retry_at`` is
    set when the code was not even checked because of too many wrong ones."""

    device: TOTPDevice | None
    retry_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None

    @property
    def throttled(self) -> bool:
        return self.retry_at is not None


def _throttle_state(device: TOTPDevice) -> dt.datetime | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (info or {}).get("locked_until")
    return locked_until if isinstance(locked_until, dt.datetime) else timezone.now()


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> TokenCheck:
    """Confirm the pending device with a code from the app; audited as
    ``accounts.totp_confirmed``. A wrong code counts towards django-otp's
    throttling and changes nothing else."""
    with transaction.atomic():
        locked = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device.pk, user=user, confirmed=False)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Diese Einrichtung ist nicht mehr gültig. Bitte neu beginnen."))
        retry_at = _throttle_state(locked)
        if retry_at is not None:
            return TokenCheck(None, retry_at)
        if not locked.verify_token(token):
            return TokenCheck(None)
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        audit_record(
            actor=user,
            action="accounts.totp_confirmed",
            obj=user,
            changes=field_changes({"totp": False}, {"totp": True}),
        )
        return TokenCheck(locked)


def totp_check(*, user: User, token: str) -> TokenCheck:
    """Check a code against the user's confirmed device.

    The only write is django-otp's own bookkeeping (failure counter for its
    throttling, last used step against replay), which is not audited.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return TokenCheck(None)
    retry_at = _throttle_state(device)
    if retry_at is not None:
        return TokenCheck(None, retry_at)
    return TokenCheck(verify_token(user, device.persistent_id, token))
