"""What the audit entries of the cost allocation mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, NUMBER, PERCENT, AuditField, AuditTerms, Reference

SERVICE_BY_KEY = "catalogue.Service:key"

TERMS = AuditTerms(
    key="networks.costs",
    group=_("Verbünde: Kostenverteilung"),
    actions={
        "networks.budget_item_created": _("Haushaltsposten angelegt"),
        "networks.budget_item_updated": _("Haushaltsposten geändert"),
        "networks.budget_usage_set": _("Nutzung eines Mitglieds eingetragen"),
        "networks.allocation_closed": _("Kostenverteilung abgeschlossen"),
        "networks.development_cost_set": _("Entwicklungskosten erfasst"),
    },
    fields={
        "amount": AuditField(_("Betrag (netto)"), AMOUNT),
        "weight_equal": AuditField(_("Sockel"), PERCENT),
        "weight_population": AuditField(_("nach Einwohnerzahl"), PERCENT),
        "weight_cases": AuditField(_("nach Fallzahl"), PERCENT),
        "weight_usage": AuditField(_("nach Nutzung"), PERCENT),
        "usage": AuditField(_("Nutzung"), NUMBER),
        # The participant rule in words (the area and level, agreement or service named).
        "participants": AuditField(_("Teilnehmende")),
        "members": AuditField(_("Mitglieder"), NUMBER),
        "net_total": AuditField(_("Summe netto"), AMOUNT),
        "vat_total": AuditField(_("Umsatzsteuer"), AMOUNT),
        "gross_total": AuditField(_("Summe brutto"), AMOUNT),
        # The service is recorded by its LeiKa key (none: the network's own work).
        "service": AuditField(_("Leistung"), Reference(SERVICE_BY_KEY)),
    },
    action_fields={
        "networks.development_cost_set": {
            "amount": AuditField(_("Entwicklungskosten"), AMOUNT),
        },
    },
)
