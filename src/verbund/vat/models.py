"""§2b UStG activity analysis (Tätigkeitsanalyse): a member's register of revenue
streams, their amounts per year, groups of similar activities, and the assessments.

Tenancy: every row carries the authority whose revenue it is (``authority``), also
when a network's service centre prepared it (``Assessment.prepared_by_network``). An
approved assessment is never changed: a new year or a change makes a new one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.vat.rules import (
    COUNTERPARTY_LABELS,
    LEGAL_FORM_LABELS,
    RESULT_LABELS,
    RULE_LABELS,
    Counterparty,
    LegalForm,
    Result,
    Rule,
)


class ActivityGroup(models.Model):
    """Gleichartige Tätigkeiten: streams whose forecasts are summed for the 17,500 € test."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="vat_groups",
        verbose_name=_("Behörde"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gruppe gleichartiger Tätigkeiten")
        verbose_name_plural = _("Gruppen gleichartiger Tätigkeiten")
        ordering = ["authority", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_vat_group_name")
        ]

    def __str__(self) -> str:
        return self.name


class RevenueStream(models.Model):
    """One revenue stream (account, product or contract) of a member."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="vat_streams",
        verbose_name=_("Behörde"),
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    account = models.CharField(_("Konto oder Produkt"), max_length=100, blank=True)
    legal_form = models.CharField(
        _("Rechtsform der Tätigkeit"),
        max_length=20,
        choices=[(f.value, LEGAL_FORM_LABELS[f]) for f in LegalForm],
    )
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=300)
    counterparty = models.CharField(
        _("Leistungsempfänger"),
        max_length=20,
        choices=[(c.value, COUNTERPARTY_LABELS[c]) for c in Counterparty],
    )
    group = models.ForeignKey(
        ActivityGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="streams",
        verbose_name=_("Gruppe gleichartiger Tätigkeiten"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vat_streams",
        verbose_name=_("Kostenerstattung im Verbund"),
    )
    notes = models.TextField(_("Nachweise und Anmerkungen"), blank=True)
    amounts_changed_at = models.DateTimeField(_("Beträge geändert am"), null=True, blank=True)
    # The due reason the authority's admins were last reminded of (``vat_remind``).
    reminded_for = models.CharField(max_length=80, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Einnahmeart")
        verbose_name_plural = _("Einnahmearten")
        ordering = ["authority", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(network__isnull=False),
                name="unique_vat_stream_per_network",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group_key(self) -> str:
        return group_key(self.group_id, self.pk)


def group_key(group_id: int | None, stream_id: int) -> str:
    """A stream without a group forms its own group."""
    return f"group:{group_id}" if group_id is not None else f"stream:{stream_id}"


class StreamAmount(models.Model):
    """A stream's forecast (and, once known, actual) turnover of one year, net."""

    stream = models.ForeignKey(RevenueStream, on_delete=models.CASCADE, related_name="amounts")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("Jahr"))
    forecast = models.DecimalField(_("Prognose"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(_("Ist"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("Betrag einer Einnahmeart")
        verbose_name_plural = _("Beträge von Einnahmearten")
        ordering = ["stream", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "year"], name="unique_vat_amount_year")
        ]
        indexes = [models.Index(fields=["authority", "year"], name="vat_amount_authority_year")]

    def __str__(self) -> str:
        return f"{self.stream} {self.year}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PREPARED = "prepared", _("von der Geschäftsstelle vorbereitet")
    APPROVED = "approved", _("freigegeben")


class Rate(models.TextChoices):
    STANDARD = "19", _("19 %")
    REDUCED = "7", _("7 %")


class Assessment(models.Model):
    """The result of the decision tree for one stream and tax year."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="vat_assessments",
        verbose_name=_("Behörde"),
    )
    stream = models.ForeignKey(RevenueStream, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveIntegerField(_("Steuerjahr"))
    answers = models.JSONField(_("Antworten"))
    result = models.CharField(
        _("Ergebnis"), max_length=20, choices=[(r.value, RESULT_LABELS[r]) for r in Result]
    )
    rule = models.CharField(
        _("entscheidende Regel"),
        max_length=30,
        choices=[(r.value, RULE_LABELS[r]) for r in Rule],
    )
    rate = models.CharField(
        _("Steuersatz"), max_length=2, choices=Rate.choices, blank=True, default=""
    )
    exemption = models.CharField(
        _("Steuerbefreiung nach § 4 UStG"), max_length=200, blank=True, default=""
    )
    group_total = models.DecimalField(
        _("Prognose der gleichartigen Tätigkeiten"), max_digits=14, decimal_places=2
    )
    explanation = models.TextField(_("Begründung"))
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    prepared_by_network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vat_assessments_prepared",
        verbose_name=_("vorbereitet vom Verbund"),
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    reused_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reuses",
        verbose_name=_("übernommen von"),
    )
    decided_at = models.DateTimeField(_("bewertet am"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bewertung nach § 2b UStG")
        verbose_name_plural = _("Bewertungen nach § 2b UStG")
        ordering = ["stream", "-year", "-decided_at", "-pk"]
        indexes = [models.Index(fields=["authority", "year", "status"], name="vat_assessment_year")]

    def __str__(self) -> str:
        return f"{self.stream} {self.year}"

    @property
    def taxed(self) -> bool:
        """Taxable and not exempt: the invoice carries VAT."""
        return self.result == Result.TAXABLE and not self.exemption
