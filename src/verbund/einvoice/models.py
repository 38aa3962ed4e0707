"""The eRechnung inbox of a network: its receiving address, the members' Leitweg-IDs
and the invoices received.

Tenancy: an invoice belongs to the network whose inbox received it (``network``) and,
once routed, to the member authority it is addressed to (``authority``); an invoice
without an authority waits in the network's clarification queue. A Leitweg-ID is its
authority's. See docs/einvoice.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceInbox(models.Model):
    """A network's shared inbox: the address suppliers send e-invoices to."""

    network = models.OneToOneField(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="invoice_inbox",
        verbose_name=_("Verbund"),
    )
    email_address = models.EmailField(_("E-Mail-Adresse für Rechnungen"), unique=True)
    active = models.BooleanField(_("nimmt Rechnungen an"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Rechnungseingang")
        verbose_name_plural = _("Rechnungseingänge")

    def __str__(self) -> str:
        return self.email_address


class LeitwegId(models.Model):
    """A Leitweg-ID an authority receives invoices under (it maintains its own)."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="leitweg_ids",
        verbose_name=_("Behörde"),
    )
    value = models.CharField(_("Leitweg-ID"), max_length=46, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Leitweg-ID")
        verbose_name_plural = _("Leitweg-IDs")
        ordering = ("value",)

    def __str__(self) -> str:
        return self.value


class InvoiceStatus(models.TextChoices):
    RECEIVED = "received", _("eingegangen")
    CLARIFICATION = "clarification", _("in Klärung")
    ACCEPTED = "accepted", _("angenommen")
    REJECTED = "rejected", _("zurückgewiesen")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Hochladen im Portal")
    API = "api", _("Schnittstelle")
    EMAIL = "email", _("E-Mail")


class Invoice(models.Model):
    """One e-invoice as received: the file unchanged, the validation report and the
    header fields read from it."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="+", verbose_name=_("Verbund")
    )
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Rechnungsempfänger"),
    )
    receipt_number = models.CharField(_("Eingangsnummer"), max_length=20, unique=True)
    channel = models.CharField(_("Eingangsweg"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("Status"), max_length=15, choices=InvoiceStatus.choices)
    received_at = models.DateTimeField(_("eingegangen am"))
    original = models.BinaryField(_("Datei wie empfangen"))
    original_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    container = models.CharField(_("Format der Datei"), max_length=5, default="xml")
    xml = models.BinaryField(_("Rechnungs-XML"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    valid = models.BooleanField(_("gültig"), default=False)
    scenario = models.CharField(_("Prüfszenario"), max_length=80, blank=True)
    report = models.JSONField(_("Prüfbericht"), default=dict)
    supplier_email = models.EmailField(_("E-Mail des Rechnungsstellers"), blank=True)
    # Header fields (EN 16931 business terms)
    number = models.CharField(_("Rechnungsnummer"), max_length=200, blank=True)
    issue_date = models.DateField(_("Rechnungsdatum"), null=True, blank=True)
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    currency = models.CharField(_("Währung"), max_length=3, blank=True)
    buyer_reference = models.CharField(_("Leitweg-ID (Käuferreferenz)"), max_length=200, blank=True)
    seller_name = models.CharField(_("Rechnungssteller"), max_length=200, blank=True)
    seller_vat_id = models.CharField(
        _("USt-IdNr. des Rechnungsstellers"), max_length=40, blank=True
    )
    buyer_name = models.CharField(_("Rechnungsempfänger laut Rechnung"), max_length=200, blank=True)
    net_total = models.DecimalField(
        _("Nettobetrag"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    tax_total = models.DecimalField(
        _("Umsatzsteuer"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    gross_total = models.DecimalField(
        _("Bruttobetrag"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    amount_due = models.DecimalField(
        _("Zahlbetrag"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    routing_note = models.CharField(_("Zuordnung"), max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Dublette von"),
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    decision_reason = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("E-Rechnung")
        verbose_name_plural = _("E-Rechnungen")
        ordering = ("-received_at", "-pk")
        indexes = [
            models.Index(fields=("authority", "status", "-received_at")),
            models.Index(fields=("network", "status", "-received_at")),
            models.Index(fields=("network", "number")),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def decided(self) -> bool:
        return self.status in (InvoiceStatus.ACCEPTED, InvoiceStatus.REJECTED)
