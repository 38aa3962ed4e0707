"""Workshops and exchange of a network: meetings on the working or the leadership level
(a workshop, an after-work session for the mayors, an online meeting) with the members
invited and their answers, an agenda, materials, minutes and decisions. A decision may
change a member's level in a cooperation area or put an item on the roadmap; it keeps
what it created (docs/networks.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.storage import private_storage

__all__ = [
    "AgendaItem",
    "DecisionEffect",
    "Invitation",
    "InvitationResponse",
    "Workshop",
    "WorkshopDecision",
    "WorkshopFormat",
    "WorkshopLevel",
    "WorkshopMaterial",
    "WorkshopStatus",
]


class WorkshopLevel(models.TextChoices):
    OPERATIONAL = "operational", _("Arbeitsebene")
    LEADERSHIP = "leadership", _("Leitungsebene")


class WorkshopFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    AFTER_WORK = "after_work", _("Feierabendgespräch")
    ONLINE = "online", _("Online-Termin")


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    HELD = "held", _("durchgeführt")
    CANCELLED = "cancelled", _("abgesagt")


class Workshop(models.Model):
    """A meeting of the network's members. Planned, then held (minutes and decisions
    follow) or cancelled."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="workshops"
    )
    title = models.CharField(_("Titel"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=20, choices=WorkshopLevel.choices)
    format = models.CharField(_("Format"), max_length=20, choices=WorkshopFormat.choices)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=WorkshopStatus.choices,
        default=WorkshopStatus.PLANNED,
    )
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Protokoll von"),
    )
    minutes_at = models.DateTimeField(_("Protokoll vom"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")
        ordering = ["network", "starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="workshop_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes="") | models.Q(status=WorkshopStatus.HELD),
                name="workshop_minutes_only_when_held",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class InvitationResponse(models.TextChoices):
    OPEN = "open", _("offen")
    ACCEPTED = "accepted", _("zugesagt")
    DECLINED = "declined", _("abgesagt")


class Invitation(models.Model):
    """One member invited to a workshop, with its answer and how many people it sends."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="invitations")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="workshop_invitations",
        verbose_name=_("Mitglied"),
    )
    response = models.CharField(
        _("Antwort"),
        max_length=10,
        choices=InvitationResponse.choices,
        default=InvitationResponse.OPEN,
    )
    attendees = models.PositiveSmallIntegerField(_("Teilnehmende"), default=0)
    invited_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwortet von"),
    )

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["workshop", "authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "authority"], name="one_invitation_per_workshop_and_member"
            ),
            # Who accepts comes with someone; who declines or has not answered, with nobody.
            models.CheckConstraint(
                condition=models.Q(response=InvitationResponse.ACCEPTED, attendees__gte=1)
                | (~models.Q(response=InvitationResponse.ACCEPTED) & models.Q(attendees=0)),
                name="invitation_attendees_match_response",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority} → {self.workshop}"


class AgendaItem(models.Model):
    """One item of a workshop's agenda, in the order of ``position``."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Tagesordnungspunkt"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer in Minuten"))
    presenter = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_agenda_items",
        verbose_name=_("vorgestellt von"),
    )

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["workshop", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "position"], name="one_agenda_position_per_workshop"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="agenda_item_takes_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopMaterial(models.Model):
    """A material of a workshop (slides, handout, template), stored privately and
    downloaded only through the access check."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="materials")
    title = models.CharField(_("Titel"), max_length=200)
    file_name = models.CharField(_("Dateiname"), max_length=255)
    file = models.FileField(storage=private_storage, upload_to="workshops/%Y/", max_length=300)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterlage eines Workshops")
        verbose_name_plural = _("Unterlagen von Workshops")
        ordering = ["workshop", "-uploaded_at", "title"]

    def __str__(self) -> str:
        return self.title


class DecisionEffect(models.TextChoices):
    NONE = "none", _("keine unmittelbare Wirkung")
    AREA_LEVEL = "area_level", _("Stufe eines Mitglieds in einem Kooperationsfeld setzen")
    ROADMAP_ITEM = "roadmap_item", _("Vorhaben in die Entwicklungsplanung aufnehmen")


class WorkshopDecision(models.Model):
    """A decision taken at a held workshop. With an effect it keeps what it created: the
    member's new level in an area (``area_participation``) or the roadmap item."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("Beschluss"))
    effect = models.CharField(
        _("Wirkung"), max_length=20, choices=DecisionEffect.choices, default=DecisionEffect.NONE
    )
    area_participation = models.ForeignKey(
        "networks.AreaParticipation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_decisions",
        verbose_name=_("gesetzte Stufe"),
    )
    roadmap_item = models.ForeignKey(
        "networks.RoadmapItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshop_decisions",
        verbose_name=_("aufgenommenes Vorhaben"),
    )
    decided_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Beschluss eines Workshops")
        verbose_name_plural = _("Beschlüsse von Workshops")
        ordering = ["workshop", "decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        effect=DecisionEffect.NONE,
                        area_participation__isnull=True,
                        roadmap_item__isnull=True,
                    )
                    | models.Q(
                        effect=DecisionEffect.AREA_LEVEL,
                        area_participation__isnull=False,
                        roadmap_item__isnull=True,
                    )
                    | models.Q(
                        effect=DecisionEffect.ROADMAP_ITEM,
                        area_participation__isnull=True,
                        roadmap_item__isnull=False,
                    )
                ),
                name="workshop_decision_effect_matches_its_result",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
