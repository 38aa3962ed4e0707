"""Project groups of a network: a lead member, members, a goal, tasks with an owner and
a due date, milestones, a status and documents (docs/networks.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.storage import private_storage

__all__ = [
    "GroupDocument",
    "GroupTask",
    "Milestone",
    "ProjectGroup",
    "ProjectGroupStatus",
]


class ProjectGroupStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    ACTIVE = "active", _("aktiv")
    PAUSED = "paused", _("ruht")
    COMPLETED = "completed", _("abgeschlossen")


class ProjectGroup(models.Model):
    """A group of members that works on one goal (Digitaler Bauantrag, eAkte, …),
    led by one of them."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="project_groups"
    )
    name = models.CharField(_("Name"), max_length=120)
    goal = models.TextField(_("Ziel"), blank=True)
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=ProjectGroupStatus.choices,
        default=ProjectGroupStatus.PLANNED,
    )
    lead = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="led_project_groups",
        verbose_name=_("Federführung"),
    )
    members = models.ManyToManyField(
        "authorities.Authority", related_name="project_groups", verbose_name=_("Mitglieder")
    )
    started_on = models.DateField(_("Beginn"), null=True, blank=True)
    ended_on = models.DateField(_("Ende"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Projektgruppe")
        verbose_name_plural = _("Projektgruppen")
        ordering = ["network", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"], name="one_project_group_name_per_network"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="project_group_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupTask(models.Model):
    """A task of a project group, owned by one of its members."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("Aufgabe"), max_length=200)
    owner = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="project_group_tasks",
        verbose_name=_("verantwortlich"),
    )
    due_on = models.DateField(_("fällig am"))
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Aufgabe einer Projektgruppe")
        verbose_name_plural = _("Aufgaben von Projektgruppen")
        ordering = ["group", "due_on", "title"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    group = models.ForeignKey(ProjectGroup, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    due_on = models.DateField(_("geplant für"))
    reached_on = models.DateField(_("erreicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["group", "due_on", "title"]

    def __str__(self) -> str:
        return self.title


class GroupDocument(models.Model):
    """A document of a project group (minutes, concept, template), stored privately and
    downloaded only through the access check."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    file_name = models.CharField(_("Dateiname"), max_length=255)
    file = models.FileField(storage=private_storage, upload_to="project_groups/%Y/", max_length=300)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Dokument einer Projektgruppe")
        verbose_name_plural = _("Dokumente von Projektgruppen")
        ordering = ["group", "-uploaded_at", "title"]

    def __str__(self) -> str:
        return self.title
