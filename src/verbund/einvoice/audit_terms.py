"""What the audit entries of the eRechnung inbox mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import FLAG, TEXT, AuditField, AuditTerms, Choice
from verbund.einvoice.models import Channel, InvoiceStatus

TERMS = AuditTerms(
    key="einvoice",
    group=_("E-Rechnungseingang"),
    actions={
        "einvoice.invoice_received": _("E-Rechnung eingegangen"),
        "einvoice.invoice_assigned": _("E-Rechnung einem Mitglied zugeordnet"),
        "einvoice.invoice_accepted": _("E-Rechnung angenommen"),
        "einvoice.invoice_rejected": _("E-Rechnung zurückgewiesen"),
        "einvoice.leitweg_id_added": _("Leitweg-ID eingetragen"),
        "einvoice.leitweg_id_deactivated": _("Leitweg-ID stillgelegt"),
        "einvoice.inbox_set": _("Rechnungseingang des Verbunds eingerichtet"),
    },
    fields={
        "receipt_number": AuditField(_("Eingangsnummer"), TEXT),
        "channel": AuditField(_("Eingangsweg"), Choice(Channel.choices)),
        "valid": AuditField(_("gültig"), FLAG),
        "status": AuditField(_("Stand der Rechnung"), Choice(InvoiceStatus.choices)),
        "duplicate_of": AuditField(_("Dublette von (Eingangsnummer)"), TEXT),
        "authority": AuditField(_("Rechnungsempfänger (Kennung der Behörde)")),
        "reason": AuditField(_("Begründung der Entscheidung"), TEXT),
        "value": AuditField(_("Leitweg-ID"), TEXT),
        "label": AuditField(_("Bezeichnung der Leitweg-ID"), TEXT),
        "active": AuditField(_("aktiv"), FLAG),
        "email_address": AuditField(_("E-Mail-Adresse des Rechnungseingangs"), TEXT),
    },
)
