"""What the audit entries of the fee calculation mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, NUMBER, TEXT, AuditField, AuditTerms

TERMS = AuditTerms(
    key="fees",
    group=_("Gebührenkalkulation"),
    actions={
        "fees.sheet_created": _("Gebührenkalkulation angelegt"),
        "fees.sheet_imported": _("Gebührenkalkulation aus einer Datei eingelesen"),
        "fees.sheet_updated": _("Gebührenkalkulation geändert"),
        "fees.sheet_submitted": _("Gebührenkalkulation zur Freigabe vorgelegt"),
        "fees.sheet_approved": _("Gebührenkalkulation freigegeben"),
        "fees.sheet_copied": _("Gebührenkalkulation von einem anderen Mitglied übernommen"),
        "fees.fee_attached": _("Gebühr in die Leistung übernommen"),
        "fees.rate_table_created": _("Personalkostentabelle angelegt"),
    },
    fields={
        "fee": AuditField(_("Gebühr"), AMOUNT),
        "version": AuditField(_("Version"), NUMBER),
        "changed": AuditField(_("geänderte Angaben"), TEXT, many=True),
        "note": AuditField(_("Anmerkung")),
        "label": AuditField(_("Bezeichnung der Gebühr")),
        "grades": AuditField(_("Anzahl der Gruppen"), NUMBER),
        "copied_from": AuditField(_("übernommen von Kalkulation Nr.")),
        "prepared_by_network": AuditField(_("berechnet vom Verbund (Nr.)")),
    },
)
