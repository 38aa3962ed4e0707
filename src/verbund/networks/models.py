"""Cooperation networks (Verbünde) and their member authorities."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    SERVICE_CENTRE = "service_centre", _("Virtuelles Dienstleistungszentrum")
    DEVELOPMENT_PARTNERSHIP = "development_partnership", _("Entwicklungspartnerschaft")
    COUNTY_NETWORK = "county_network", _("Kreisverbund")
    OTHER = "other", _("Sonstige Kooperation")


class Network(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=60, unique=True)
    kind = models.CharField(_("Art"), max_length=30, choices=NetworkKind.choices)
    description = models.TextField(_("Beschreibung"), blank=True)
    operator_name = models.CharField(
        _("Betrieb durch"),
        max_length=200,
        blank=True,
        help_text=_("The IT provider that runs the platform for this network, if any."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Verbund")
        verbose_name_plural = _("Verbünde")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Federführung")
    MEMBER = "member", _("Mitglied")


class Membership(models.Model):
    """An authority's membership in a network over a period.

    A membership that ended keeps its row (``left_on`` set); a member that
    rejoins gets a new row, so the history stays readable.
    """

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="memberships")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("Rolle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_on = models.DateField(_("Beitritt"))
    left_on = models.DateField(_("Austritt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["network", "-role", "authority__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} in {self.network}"
