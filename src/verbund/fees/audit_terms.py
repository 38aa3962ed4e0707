"""What the audit entries of the fee calculation mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, NUMBER, TEXT, AuditField, AuditTerms, Choice
from verbund.fees.engine import KIND_LABELS, ROUNDING_LABELS, Rounding, SheetKind

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
        "kind": AuditField(_("Art"), Choice([(k.value, KIND_LABELS[k]) for k in SheetKind])),
        "rounding": AuditField(
            _("Rundung"), Choice([(r.value, ROUNDING_LABELS[r]) for r in Rounding])
        ),
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
