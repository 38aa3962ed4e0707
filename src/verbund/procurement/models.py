"""Joint procurement (gemeinsame Beschaffung, § 4 VgV): a network's demand calls, the
members' demand lines, their mandates to the lead authority, lots and awards.

Tenancy: a call belongs to its network (``network``); every row below it carries the
call's network too, and a demand line and a mandate carry the member authority whose
demand or mandate it is. A member's staff see their own lines only; the network's
coordinators and the lead authority's staff see all of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.procurement.rules import KIND_LABELS, ContractKind


class CallStatus(models.TextChoices):
    OPEN = "open", _("offen für Bedarfsmeldungen")
    CLOSED = "closed", _("geschlossen (Bündelung)")
    AWARDED = "awarded", _("vergeben")


class DemandCall(models.Model):
    """A call to the members of a network to report their demand for one subject."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="demand_calls",
        verbose_name=_("Verbund"),
    )
    subject = models.CharField(_("Gegenstand"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    cpv_code = models.CharField(_("CPV-Code"), max_length=10)
    kind = models.CharField(
        _("Auftragsart"), max_length=10, choices=[(k.value, KIND_LABELS[k]) for k in ContractKind]
    )
    deadline = models.DateField(_("Frist für Bedarfsmeldungen"))
    term_months = models.PositiveSmallIntegerField(_("Laufzeit in Monaten"))
    option_months = models.PositiveSmallIntegerField(
        _("Verlängerungsoptionen in Monaten"), default=0
    )
    option_percent = models.DecimalField(
        _("Mengenoption in %"), max_digits=5, decimal_places=2, default=0
    )
    lead_authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="lead_demand_calls",
        verbose_name=_("federführende Vergabestelle"),
    )
    agreement = models.ForeignKey(
        "networks.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_calls",
        verbose_name=_("Vereinbarung (§ 4 VgV)"),
    )
    budget_item = models.ForeignKey(
        "networks.BudgetItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_calls",
        verbose_name=_("Posten der Kostenverteilung"),
    )
    status = models.CharField(
        _("Stand"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bedarfsabfrage")
        verbose_name_plural = _("Bedarfsabfragen")
        ordering = ["network", "-deadline", "subject"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_months__gte=1), name="demand_call_term_at_least_a_month"
            ),
            models.CheckConstraint(
                condition=models.Q(option_percent__gte=0), name="demand_call_option_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Lot(models.Model):
    """A lot (Los) that pools demand lines of the call."""

    call = models.ForeignKey(DemandCall, on_delete=models.CASCADE, related_name="lots")
    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("Losnummer"))
    title = models.CharField(_("Bezeichnung"), max_length=200)
    cpv_code = models.CharField(_("CPV-Code"), max_length=10, blank=True)
    region = models.CharField(_("Region"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Los")
        verbose_name_plural = _("Lose")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="unique_lot_number_per_call")
        ]

    def __str__(self) -> str:
        return f"Los {self.number}: {self.title}"


class DemandLine(models.Model):
    """One member's demand: an annual quantity at an estimated net unit price."""

    call = models.ForeignKey(DemandCall, on_delete=models.CASCADE, related_name="lines")
    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="demand_lines",
        verbose_name=_("Mitglied"),
    )
    description = models.CharField(_("Leistungsbeschreibung"), max_length=300)
    quantity = models.DecimalField(_("Menge je Jahr"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("Einheit"), max_length=40)
    unit_price = models.DecimalField(
        _("geschätzter Einzelpreis (netto)"), max_digits=12, decimal_places=2
    )
    delivery_site = models.CharField(_("Lieferort"), max_length=200, blank=True)
    budget_line = models.CharField(_("Haushaltsstelle"), max_length=100, blank=True)
    lot = models.ForeignKey(
        Lot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("Los"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bedarfsmeldung")
        verbose_name_plural = _("Bedarfsmeldungen")
        ordering = ["call", "authority__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="demand_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="demand_line_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Mandate(models.Model):
    """A member's mandate to the lead authority to procure in its name (§ 4 VgV,
    in text form)."""

    call = models.ForeignKey(DemandCall, on_delete=models.CASCADE, related_name="mandates")
    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="procurement_mandates",
        verbose_name=_("Mitglied"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("erteilt am"))

    class Meta:
        verbose_name = _("Vergabemandat")
        verbose_name_plural = _("Vergabemandate")
        ordering = ["call", "authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "authority"], name="one_mandate_per_call_and_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority} → {self.call}"


class Award(models.Model):
    """The award of one lot (Zuschlag)."""

    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, related_name="award")
    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="+")
    supplier = models.CharField(_("Auftragnehmer"), max_length=200)
    awarded_on = models.DateField(_("Zuschlag am"))
    amount = models.DecimalField(_("Auftragswert (netto)"), max_digits=14, decimal_places=2)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zuschlag")
        verbose_name_plural = _("Zuschläge")
        ordering = ["lot"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="award_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lot}: {self.supplier}"
