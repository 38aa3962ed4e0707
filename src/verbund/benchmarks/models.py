"""Comparison rings (Vergleichsringe, issue #15 part 2).

A ring belongs to a network. Its participants are member authorities, each with a
pseudonym that stays the same for the ring's whole life. Base figures (``Figure``)
are entered by the participants or computed from the platform; KPIs (``Kpi``) are
formulas over base figures. Each reporting period (``Period``) holds the values; on
publishing, every KPI's result per participant (``Result``) and its distribution
over the ring (``Statistic``) are computed once and stored, so that the pages only
read precomputed rows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# DOMAIN-FACTS "Surveys and benchmarking": no distribution with fewer than 5 values.
MINIMUM_VALUES = 5


class Ring(models.Model):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="benchmark_rings"
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    pseudonymise = models.BooleanField(
        _("Teilnehmende pseudonymisieren"),
        default=True,
        help_text=_("Andere Teilnehmende erscheinen nur unter ihrem Pseudonym."),
    )
    minimum_values = models.PositiveSmallIntegerField(
        _("Mindestzahl der Werte"),
        default=MINIMUM_VALUES,
        validators=[MinValueValidator(MINIMUM_VALUES)],
        help_text=_("Eine Verteilung wird erst ab so vielen Werten gezeigt (mindestens 5)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vergleichsring")
        verbose_name_plural = _("Vergleichsringe")
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("network", "name"), name="benchmark_ring_unique_name"),
            models.CheckConstraint(
                condition=models.Q(minimum_values__gte=MINIMUM_VALUES),
                name="benchmark_ring_minimum_values",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def threshold(self) -> int:
        """How many values a distribution needs: the ring's minimum, never below 5."""
        return max(MINIMUM_VALUES, self.minimum_values)


class Participant(models.Model):
    ring = models.ForeignKey(Ring, on_delete=models.CASCADE, related_name="participants")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Behörde"),
    )
    number = models.PositiveIntegerField(_("Nummer"))
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Teilnehmende Behörde")
        verbose_name_plural = _("Teilnehmende Behörden")
        ordering = ("ring", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("ring", "authority"), name="benchmark_participant_unique"
            ),
            models.UniqueConstraint(
                fields=("ring", "number"), name="benchmark_participant_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        return str(_("Teilnehmer %(number)s")) % {"number": f"{self.number:02d}"}


class FigureSource(models.TextChoices):
    ENTERED = "entered", _("Eingabe der Teilnehmenden")
    CASES = "cases", _("Plattform: eingegangene Anträge")
    PROCESSING_DAYS = "processing_days", _("Plattform: Bearbeitungsdauer in Tagen (Median)")
    ONLINE_SHARE = "online_share", _("Plattform: Anteil online beantragbarer Leistungen (%)")
    COST_PER_CASE = "cost_per_case", _("Plattform: Kosten je Fall laut Gebührenkalkulation")


PLATFORM_SOURCES = frozenset(
    {
        FigureSource.CASES,
        FigureSource.PROCESSING_DAYS,
        FigureSource.ONLINE_SHARE,
        FigureSource.COST_PER_CASE,
    }
)


class Figure(models.Model):
    """A base figure (Grundzahl) of the ring: entered or computed from the platform."""

    ring = models.ForeignKey(Ring, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(_("Kürzel"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    source = models.CharField(
        _("Herkunft"), max_length=20, choices=FigureSource.choices, default=FigureSource.ENTERED
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Leistung"),
    )

    class Meta:
        verbose_name = _("Grundzahl")
        verbose_name_plural = _("Grundzahlen")
        ordering = ("ring", "key")
        constraints = [
            models.UniqueConstraint(fields=("ring", "key"), name="benchmark_figure_unique_key")
        ]

    def __str__(self) -> str:
        return self.label


class Better(models.TextChoices):
    HIGHER = "higher", _("höher ist besser")
    LOWER = "lower", _("niedriger ist besser")


class Kpi(models.Model):
    """A key figure (Kennzahl): a formula over the ring's base figures."""

    ring = models.ForeignKey(Ring, on_delete=models.CASCADE, related_name="kpis")
    key = models.CharField(_("Kürzel"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    formula = models.CharField(_("Formel"), max_length=500)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    better = models.CharField(
        _("Besser ist"), max_length=10, choices=Better.choices, default=Better.HIGHER
    )
    decimals = models.PositiveSmallIntegerField(_("Nachkommastellen"), default=1)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ("ring", "label", "pk")
        constraints = [
            models.UniqueConstraint(fields=("ring", "key"), name="benchmark_kpi_unique_key")
        ]

    def __str__(self) -> str:
        return self.label


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("offen für Eingaben")
    PUBLISHED = "published", _("veröffentlicht")


class Period(models.Model):
    ring = models.ForeignKey(Ring, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    label = models.CharField(_("Bezeichnung"), max_length=100)
    status = models.CharField(
        _("Status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Berichtszeitraum")
        verbose_name_plural = _("Berichtszeiträume")
        ordering = ("ring", "year")
        constraints = [
            models.UniqueConstraint(fields=("ring", "year"), name="benchmark_period_unique_year")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def published(self) -> bool:
        return self.status == PeriodStatus.PUBLISHED


class ValueSource(models.TextChoices):
    ENTERED = "entered", _("eingegeben")
    UPLOADED = "uploaded", _("hochgeladen (CSV)")
    PLATFORM = "platform", _("von der Plattform berechnet")


class Value(models.Model):
    """One base figure of one participant in one period."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="values")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="values")
    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("Wert"), max_digits=20, decimal_places=4)
    source = models.CharField(_("Herkunft"), max_length=10, choices=ValueSource.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")
        constraints = [
            models.UniqueConstraint(
                fields=("period", "participant", "figure"), name="benchmark_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.figure_id}: {self.value}"


class Result(models.Model):
    """A KPI's value for one participant in a published period (``value`` is empty when
    it could not be computed; ``note`` says why)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="results")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="results")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="results")
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("period", "participant", "kpi"), name="benchmark_result_unique"
            )
        ]
        indexes = [models.Index(fields=("period", "kpi"), name="benchmark_result_period_kpi")]

    def __str__(self) -> str:
        return f"{self.kpi_id}: {self.value}"


class Statistic(models.Model):
    """A KPI's distribution over the ring in a published period (quantiles type 7)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="statistics")
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="statistics")
    n = models.PositiveIntegerField()
    minimum = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    q1 = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    median = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    q3 = models.DecimalField(max_digits=24, decimal_places=6, null=True)
    maximum = models.DecimalField(max_digits=24, decimal_places=6, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("period", "kpi"), name="benchmark_statistic_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id}: n={self.n}"
