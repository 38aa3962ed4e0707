"""Staff users and their roles.

Citizens have no accounts. Every staff user holds roles per authority (clerk,
authority admin) and per network (coordinator); the access policies in
``verbund.core.access`` read nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    display_name = models.CharField(_("Anzeigename"), max_length=150, blank=True)
    two_factor_exempt = models.BooleanField(
        _("ohne zweiten Faktor (nur Demo)"),
        default=False,
        help_text=_("Set only by `verbund load-demo`; ignored unless VERBUND_DEMO is on."),
    )

    class Meta:
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class AuthorityRoleKind(models.TextChoices):
    CLERK = "clerk", _("Sachbearbeitung")
    AUTHORITY_ADMIN = "authority_admin", _("Verwaltung der Behörde")


class AuthorityRole(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authority_roles"
    )
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="staff_roles"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=AuthorityRoleKind.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rolle in einer Behörde")
        verbose_name_plural = _("Rollen in Behörden")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "authority", "role"], name="unique_authority_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.authority}"


class NetworkRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordination")


class NetworkRole(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="staff_roles"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=NetworkRoleKind.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rolle in einem Verbund")
        verbose_name_plural = _("Rollen in Verbünden")
        constraints = [
            models.UniqueConstraint(fields=["user", "network", "role"], name="unique_network_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.network}"
