"""The development roadmap of a network (Entwicklungspartnerschaft): proposals for new
online services, the member that builds each one, and the members that commit to adopt
it (docs/networks.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AdoptionCommitment", "RoadmapItem", "RoadmapStatus"]


class RoadmapStatus(models.TextChoices):
    PROPOSED = "proposed", _("vorgeschlagen")
    IN_DEVELOPMENT = "in_development", _("in Entwicklung")
    PUBLISHED = "published", _("veröffentlicht")


class RoadmapItem(models.Model):
    """A proposed online service. A member takes the build (``builder``), develops it
    and links the published catalogue service (``service``); other members commit to
    adopt it beforehand."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="roadmap_items"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    leika_key = models.CharField(_("LeiKa-Schlüssel"), max_length=14, blank=True)
    proposed_by = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="proposed_roadmap_items",
        verbose_name=_("vorgeschlagen von"),
    )
    builder = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="built_roadmap_items",
        verbose_name=_("entwickelt von"),
    )
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=RoadmapStatus.choices,
        default=RoadmapStatus.PROPOSED,
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmap_items",
        verbose_name=_("Leistung im Katalog"),
    )
    planned_on = models.DateField(_("geplant bis"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vorhaben")
        verbose_name_plural = _("Vorhaben")
        ordering = ["network", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=RoadmapStatus.PROPOSED) | models.Q(builder__isnull=False),
                name="roadmap_item_in_development_has_builder",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RoadmapStatus.PUBLISHED)
                | models.Q(service__isnull=False),
                name="roadmap_item_published_has_service",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AdoptionCommitment(models.Model):
    """A member's promise to adopt the service of a roadmap item once it is published."""

    item = models.ForeignKey(RoadmapItem, on_delete=models.PROTECT, related_name="commitments")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="adoption_commitments",
        verbose_name=_("Mitglied"),
    )
    committed_on = models.DateField(_("zugesagt am"))

    class Meta:
        verbose_name = _("Zusage zur Nachnutzung")
        verbose_name_plural = _("Zusagen zur Nachnutzung")
        ordering = ["item", "authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "authority"], name="one_commitment_per_item_and_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} → {self.item}"
