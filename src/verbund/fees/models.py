"""Fee calculation (Gebührenkalkulation): personnel cost rate tables, fee sheets and
their versions.

Tenancy: a sheet belongs to the authority whose fee it is (``authority``), also when
the service centre of a network prepared it for that member
(``prepared_by_network``). A version carries the sheet's authority too. A rate table
belongs either to a network (the table its members calculate with) or to one
authority; it is never edited: a new edition is a new table.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.fees.engine import KIND_LABELS, ROUNDING_LABELS, Rounding, SheetKind


class RateTable(models.Model):
    """A personnel cost rate table (e.g. the KGSt's) in one edition."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_rate_tables",
        verbose_name=_("Verbund"),
    )
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_rate_tables",
        verbose_name=_("Behörde"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    edition = models.CharField(_("Ausgabe"), max_length=60)
    year = models.PositiveIntegerField(_("gilt für das Jahr"))
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Personalkostentabelle")
        verbose_name_plural = _("Personalkostentabellen")
        ordering = ["-year", "name", "edition"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__isnull=True, authority__isnull=False)
                | models.Q(network__isnull=False, authority__isnull=True),
                name="rate_table_one_owner",
            ),
            models.UniqueConstraint(
                fields=["network", "name", "edition"], name="unique_rate_table_network_edition"
            ),
            models.UniqueConstraint(
                fields=["authority", "name", "edition"], name="unique_rate_table_authority_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition})"


class RateGrade(models.Model):
    """One grade of a rate table: the annual cost of a post."""

    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="grades")
    position = models.PositiveIntegerField(default=0)
    grade = models.CharField(_("Besoldungs- oder Entgeltgruppe"), max_length=40)
    personnel_cost = models.DecimalField(
        _("Personalkosten je Jahr"), max_digits=12, decimal_places=2
    )
    material_cost = models.DecimalField(_("Sachkosten je Jahr"), max_digits=12, decimal_places=2)
    overhead_percent = models.DecimalField(_("Gemeinkosten in %"), max_digits=5, decimal_places=2)
    annual_hours = models.DecimalField(_("Jahresarbeitsstunden"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("Gruppe einer Personalkostentabelle")
        verbose_name_plural = _("Gruppen einer Personalkostentabelle")
        ordering = ["table", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["table", "grade"], name="unique_rate_grade_per_table")
        ]

    def __str__(self) -> str:
        return self.grade


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("zur Freigabe vorgelegt")
    APPROVED = "approved", _("freigegeben")


class FeeSheet(models.Model):
    """A fee calculation of one authority. Its current content is the newest version's
    document; the computed figures are kept beside it so lists need not recompute."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="fee_sheets",
        verbose_name=_("Behörde"),
    )
    kind = models.CharField(
        _("Art"),
        max_length=20,
        choices=[(k.value, KIND_LABELS[k]) for k in SheetKind],
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    year = models.PositiveIntegerField(_("Kalkulationsjahr"))
    rounding = models.CharField(
        _("Rundung"),
        max_length=10,
        choices=[(r.value, ROUNDING_LABELS[r]) for r in Rounding],
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_sheets",
        verbose_name=_("Leistung"),
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    prepared_by_network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_sheets_prepared",
        verbose_name=_("berechnet vom Verbund"),
    )
    rate_table = models.ForeignKey(
        RateTable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sheets",
        verbose_name=_("Personalkostentabelle"),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("übernommen von"),
    )
    document = models.JSONField(_("Kalkulation"))
    result = models.JSONField(_("Ergebnis"))
    fee = models.DecimalField(_("Gebühr"), max_digits=14, decimal_places=2)
    cost_per_case = models.DecimalField(
        _("Kosten je Fall oder Einheit"), max_digits=20, decimal_places=6
    )
    version = models.PositiveIntegerField(_("Version"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    attached_at = models.DateTimeField(_("in die Leistung übernommen am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Gebührenkalkulation")
        verbose_name_plural = _("Gebührenkalkulationen")
        ordering = ["-year", "title", "-pk"]
        indexes = [
            models.Index(fields=["authority", "year"], name="fee_sheet_authority_year"),
            models.Index(fields=["service", "year", "status"], name="fee_sheet_service_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[SheetKind(self.kind)])


class FeeSheetVersion(models.Model):
    """One saved state of a sheet: who changed what, and when."""

    sheet = models.ForeignKey(FeeSheet, on_delete=models.CASCADE, related_name="versions")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(_("Version"))
    document = models.JSONField(_("Kalkulation"))
    result = models.JSONField(_("Ergebnis"))
    fee = models.DecimalField(_("Gebühr"), max_digits=14, decimal_places=2)
    changed = models.JSONField(_("geänderte Angaben"), default=list)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Version einer Gebührenkalkulation")
        verbose_name_plural = _("Versionen von Gebührenkalkulationen")
        ordering = ["sheet", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="unique_fee_sheet_version")
        ]

    def __str__(self) -> str:
        return f"{self.sheet} v{self.number}"
