"""A member's strategy in a network: goals per field of action, measures per goal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FieldOfAction", "MeasureStatus", "Strategy", "StrategyGoal", "StrategyMeasure"]


class FieldOfAction(models.TextChoices):
    """The fields of action of the Landkreistag's digitalisation survey; no authority
    has to engage in every one."""

    MEDICAL_CARE = "medizin", _("Medizinische Versorgung")
    EDUCATION = "bildung", _("Bildung")
    MOBILITY = "mobilitaet", _("Mobilität")
    ECONOMY = "wirtschaft", _("Wirtschaftsförderung / Mittelstand 4.0")
    LOCAL_SUPPLY = "nahversorgung", _("Nahversorgung")
    INNOVATION = "innovation", _("Innovation")
    E_GOVERNMENT = "egov", _("E-Government")
    OTHER = "sonstiges", _("Sonstiges")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    RUNNING = "running", _("läuft")
    DONE = "done", _("umgesetzt")
    DROPPED = "dropped", _("aufgegeben")


class Strategy(models.Model):
    """One member's strategy within one network, written by its own staff."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="strategies"
    )
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="strategies",
        verbose_name=_("Behörde"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzfassung"), blank=True)
    adopted_on = models.DateField(_("beschlossen am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Strategie")
        verbose_name_plural = _("Strategien")
        ordering = ["network", "authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "authority"], name="one_strategy_per_member_and_network"
            )
        ]

    def __str__(self) -> str:
        return self.title


class StrategyGoal(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="goals")
    field = models.CharField(_("Handlungsfeld"), max_length=20, choices=FieldOfAction.choices)
    goal = models.TextField(_("Ziel"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ziel einer Strategie")
        verbose_name_plural = _("Ziele von Strategien")
        ordering = ["strategy", "field", "id"]

    def __str__(self) -> str:
        return self.goal[:60]


class StrategyMeasure(models.Model):
    goal = models.ForeignKey(StrategyGoal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("Maßnahme"), max_length=200)
    status = models.CharField(
        _("Stand"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    due_on = models.DateField(_("bis"), null=True, blank=True)
    project_group = models.ForeignKey(
        "networks.ProjectGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_measures",
        verbose_name=_("Projektgruppe"),
    )
    roadmap_item = models.ForeignKey(
        "networks.RoadmapItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="strategy_measures",
        verbose_name=_("Vorhaben der Entwicklungsplanung"),
    )

    class Meta:
        verbose_name = _("Maßnahme einer Strategie")
        verbose_name_plural = _("Maßnahmen von Strategien")
        ordering = ["goal", "due_on", "id"]

    def __str__(self) -> str:
        return self.title
