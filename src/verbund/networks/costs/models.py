"""Cost allocation among the members of a network (issue #6, item 5) and the
coordinator's input for the reuse report (item 6).

A ``BudgetItem`` is split by its key (``verbund.networks.costs.allocation``); while it is
open its shares are a live preview. Closing it freezes the result in an
``AllocationRun`` with one ``AllocationRow`` per member, so that a statement stays
the same when cases arrive or population figures change later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AllocationRow",
    "AllocationRun",
    "BudgetItem",
    "BudgetUsage",
    "DevelopmentCost",
    "ParticipantRule",
]


class ParticipantRule(models.TextChoices):
    """Who shares a budget item. Whatever the rule, only members of the network on the
    item's period end take part, and the rule is read on that day too."""

    ALL = "all", _("alle Mitglieder")
    AREA_LEVEL = "area_level", _("Mitglieder ab einer Stufe in einem Kooperationsfeld")
    AGREEMENT = "agreement", _("Beteiligte einer Vereinbarung")
    SERVICE = "service", _("Nutzer einer Leistung des Katalogs")


class BudgetItem(models.Model):
    """An amount the members share: the DLZ's running costs, building a shared service.

    ``participant_rule`` with its parameter (an area and a minimum level, an agreement
    or a catalogue service) names the members that share it; the others pay nothing.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="budget_items"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    amount = models.DecimalField(_("Betrag (netto, €)"), max_digits=14, decimal_places=2)
    # The cases counted for the key are those received in this period.
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    population_on = models.DateField(_("Stichtag der Einwohnerzahl"))
    weight_equal = models.DecimalField(_("Sockel (%)"), max_digits=5, decimal_places=2)
    weight_population = models.DecimalField(
        _("nach Einwohnerzahl (%)"), max_digits=5, decimal_places=2
    )
    weight_cases = models.DecimalField(_("nach Fallzahl (%)"), max_digits=5, decimal_places=2)
    weight_usage = models.DecimalField(_("nach Nutzung (%)"), max_digits=5, decimal_places=2)
    vat = models.BooleanField(_("zuzüglich 19 % Umsatzsteuer (§ 2b UStG)"), default=False)
    participant_rule = models.CharField(
        _("Teilnehmende"),
        max_length=20,
        choices=ParticipantRule.choices,
        default=ParticipantRule.ALL,
    )
    participant_area = models.ForeignKey(
        "networks.CooperationArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kooperationsfeld"),
    )
    participant_min_level = models.PositiveSmallIntegerField(
        _("Mindeststufe"), null=True, blank=True
    )
    participant_agreement = models.ForeignKey(
        "networks.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Vereinbarung"),
    )
    participant_service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Leistung"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Haushaltsposten")
        verbose_name_plural = _("Haushaltsposten")
        ordering = ["network", "-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="budget_item_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_item_amount_not_negative"
            ),
            # Each rule carries exactly its own parameters (the services check the rest).
            models.CheckConstraint(
                condition=(
                    models.Q(
                        participant_rule="all",
                        participant_area__isnull=True,
                        participant_min_level__isnull=True,
                        participant_agreement__isnull=True,
                        participant_service__isnull=True,
                    )
                    | models.Q(
                        participant_rule="area_level",
                        participant_area__isnull=False,
                        participant_min_level__gte=1,
                        participant_min_level__lte=4,
                        participant_agreement__isnull=True,
                        participant_service__isnull=True,
                    )
                    | models.Q(
                        participant_rule="agreement",
                        participant_area__isnull=True,
                        participant_min_level__isnull=True,
                        participant_agreement__isnull=False,
                        participant_service__isnull=True,
                    )
                    | models.Q(
                        participant_rule="service",
                        participant_area__isnull=True,
                        participant_min_level__isnull=True,
                        participant_agreement__isnull=True,
                        participant_service__isnull=False,
                    )
                ),
                name="budget_item_participant_rule_parameters",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetUsage(models.Model):
    """A member's usage figure for an item (hours, transactions): the platform
    measures no usage itself, the coordinator enters it."""

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="usages")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    usage = models.DecimalField(_("Nutzung"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("Nutzung eines Mitglieds")
        verbose_name_plural = _("Nutzung der Mitglieder")
        constraints = [
            models.UniqueConstraint(fields=["item", "authority"], name="one_usage_per_member"),
            models.CheckConstraint(
                condition=models.Q(usage__gte=0), name="budget_usage_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id}: {self.usage}"


class AllocationRun(models.Model):
    """The frozen result of a closed budget item (one per item)."""

    item = models.OneToOneField(BudgetItem, on_delete=models.PROTECT, related_name="run")
    computed_at = models.DateTimeField(_("abgeschlossen am"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vat_rate = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    remainder_note = models.TextField()
    # Who took part and who did not, in words as of the closing, so that a statement
    # stays readable when the levels, the agreement or the adoptions change later.
    participants_note = models.TextField(blank=True)
    non_participants_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Kostenverteilung")
        verbose_name_plural = _("Kostenverteilungen")

    def __str__(self) -> str:
        return f"{self.item} ({self.computed_at:%Y-%m-%d})"


class AllocationRow(models.Model):
    """One member's basis and share in a closed run, as it was computed."""

    run = models.ForeignKey(AllocationRun, on_delete=models.PROTECT, related_name="rows")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    population = models.PositiveIntegerField(null=True, blank=True)
    cases = models.PositiveIntegerField()
    usage = models.DecimalField(max_digits=14, decimal_places=2)
    equal_part = models.DecimalField(max_digits=14, decimal_places=2)
    population_part = models.DecimalField(max_digits=14, decimal_places=2)
    cases_part = models.DecimalField(max_digits=14, decimal_places=2)
    usage_part = models.DecimalField(max_digits=14, decimal_places=2)
    net = models.DecimalField(max_digits=14, decimal_places=2)
    vat = models.DecimalField(max_digits=14, decimal_places=2)
    gross = models.DecimalField(max_digits=14, decimal_places=2)
    # The exact net share before rounding, as a fraction of euros ("122101/3").
    exact = models.CharField(max_length=80)
    remainder_cent = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("Anteil eines Mitglieds")
        verbose_name_plural = _("Anteile der Mitglieder")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "authority"], name="one_row_per_member_and_run")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.net}"


class DevelopmentCost(models.Model):
    """What building one online service would cost a member on its own: the
    coordinator's input for the avoided cost in the reuse report. ``service`` empty
    is the network's default; a row for a service overrides it."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="development_costs"
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(
        _("Entwicklungskosten einer Online-Leistung (€)"), max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("Entwicklungskosten")
        verbose_name_plural = _("Entwicklungskosten")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "service"], name="one_development_cost_per_service"
            ),
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(service__isnull=True),
                name="one_default_development_cost_per_network",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="development_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id}/{self.service_id}: {self.amount}"
