"""Cooperation networks (Verbünde) and their member authorities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.storage import private_storage


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


# --- cooperation areas and the depth of each member's participation ---------------------


class ParticipationLevel(models.IntegerChoices):
    NONE = 0, _("keine Beteiligung")
    EXCHANGE = 1, _("Austausch")
    STANDARDS = 2, _("gemeinsame Standards")
    JOINT = 3, _("gemeinsame Entwicklung und Nutzung")
    TRANSFERRED = 4, _("Aufgabe übertragen")


class AreaTool(models.TextChoices):
    """The shared specialist tool of the platform that stands behind an area: a member at
    level 4 "Aufgabe übertragen" of that area has delegated the tool's work to the
    network's coordinators (they calculate for the member, the member approves)."""

    FEES = "fees", _("Gebührenkalkulation")
    REPORTING = "reporting", _("Strategisches Berichtswesen")
    VAT = "vat", _("Umsatzsteuer (§ 2b UStG)")
    PROCUREMENT = "procurement", _("Beschaffung")


class CooperationArea(models.Model):
    """A field in which the members of a network cooperate (Gebührenkalkulation,
    Beschaffung, eAkte, …)."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="areas")
    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    tool = models.CharField(
        _("Werkzeug der Plattform"),
        max_length=20,
        choices=AreaTool.choices,
        blank=True,
        help_text=_(
            "Das gemeinsame Werkzeug hinter diesem Feld. Mitglieder auf Stufe 4 "
            "„Aufgabe übertragen“ lassen die Koordination darin für sich arbeiten."
        ),
    )

    class Meta:
        verbose_name = _("Kooperationsfeld")
        verbose_name_plural = _("Kooperationsfelder")
        ordering = ["network", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="one_area_name_per_network"),
            models.UniqueConstraint(
                fields=["network", "tool"],
                condition=~models.Q(tool=""),
                name="one_area_per_tool_and_network",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AreaParticipation(models.Model):
    """A member's level in an area from ``valid_from``. A change ends the running row
    (``valid_to``, the day before the new level) and starts a new one, so the matrix
    can be shown for any day and its history stays readable."""

    area = models.ForeignKey(
        CooperationArea, on_delete=models.PROTECT, related_name="participations"
    )
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="area_participations"
    )
    level = models.PositiveSmallIntegerField(_("Stufe"), choices=ParticipationLevel.choices)
    valid_from = models.DateField(_("gilt ab"))
    valid_to = models.DateField(_("gilt bis"), null=True, blank=True)
    note = models.CharField(_("Bemerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Beteiligung an einem Kooperationsfeld")
        verbose_name_plural = _("Beteiligungen an Kooperationsfeldern")
        ordering = ["area", "authority__name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "authority"],
                condition=models.Q(valid_to__isnull=True),
                name="one_running_level_per_area_and_member",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_participation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=0) & models.Q(level__lte=4),
                name="area_participation_level_0_to_4",
            ),
        ]

    def __str__(self) -> str:
        # Read where the audit trail records it: the service has both objects at hand.
        return f"{self.authority} in {self.area}: {self.level}"


# --- binding agreements (öffentlich-rechtliche Vereinbarungen) ------------------------------


class AgreementKind(models.TextChoices):
    # § 23 GkG NRW: with a delegating agreement the task itself passes to the processing
    # member; with a mandating one it processes in the name of the member it serves.
    DELEGATING = "delegating", _("delegierend (die Aufgabe geht über)")
    MANDATING = "mandating", _("mandatierend (Erledigung im Namen des Mitglieds)")


class Agreement(models.Model):
    """A binding agreement between members of a network: the processing member handles
    the covered services for the other parties from ``starts_on`` to ``ends_on``."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=AgreementKind.choices)
    processing = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="processing_agreements",
        verbose_name=_("erledigendes Mitglied"),
    )
    parties = models.ManyToManyField(
        "authorities.Authority", related_name="agreements", verbose_name=_("Beteiligte")
    )
    services = models.ManyToManyField(
        "catalogue.Service",
        related_name="agreements",
        blank=True,
        verbose_name=_("Leistungen"),
    )
    areas = models.ManyToManyField(
        CooperationArea, related_name="agreements", blank=True, verbose_name=_("Felder")
    )
    tasks = models.TextField(_("Aufgaben"), blank=True)
    starts_on = models.DateField(_("gilt ab"))
    ends_on = models.DateField(_("gilt bis"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(_("Kündigungsfrist in Monaten"), default=6)
    cost_key = models.CharField(_("Kostenschlüssel"), max_length=300, blank=True)
    document_name = models.CharField(_("unterzeichnete Fassung"), max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document = models.FileField(
        storage=private_storage, upload_to="agreements/%Y/", blank=True, max_length=300
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        ordering = ["network", "-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def in_force(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def served_parties(self) -> list[Any]:
        """The parties other than the processing member (uses prefetched parties)."""
        return [party for party in self.parties.all() if party.pk != self.processing_id]


# The sub-domains' models belong to this app (label "networks"); Django finds them
# through these imports. Code imports them from their sub-domain, e.g.
# ``from verbund.networks.costs.models import BudgetItem``.
from verbund.networks.costs import models as _costs  # noqa: E402,F401
from verbund.networks.groups import models as _groups  # noqa: E402,F401
from verbund.networks.roadmap import models as _roadmap  # noqa: E402,F401
from verbund.networks.workshops import models as _workshops  # noqa: E402,F401
