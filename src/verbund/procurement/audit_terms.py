"""What the audit entries of the joint procurement mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, TEXT, AuditField, AuditTerms, Breakdown, Choice
from verbund.procurement.models import CallStatus
from verbund.procurement.rules import KIND_LABELS, ContractKind

TERMS = AuditTerms(
    key="procurement",
    group=_("Gemeinsame Beschaffung"),
    actions={
        "procurement.call_created": _("Bedarfsabfrage angelegt"),
        "procurement.call_updated": _("Bedarfsabfrage geändert"),
        "procurement.call_closed": _("Bedarfsabfrage geschlossen"),
        "procurement.call_awarded": _("Beschaffung vollständig vergeben"),
        "procurement.line_added": _("Bedarf gemeldet"),
        "procurement.line_updated": _("Bedarfsmeldung geändert"),
        "procurement.line_removed": _("Bedarfsmeldung zurückgezogen"),
        "procurement.mandate_granted": _("Vergabemandat erteilt"),
        "procurement.mandate_withdrawn": _("Vergabemandat zurückgezogen"),
        "procurement.lot_created": _("Los gebildet"),
        "procurement.lot_lines_set": _("Bedarfsmeldungen eines Loses geändert"),
        "procurement.agreement_created": _("Vereinbarung zur gemeinsamen Beschaffung angelegt"),
        "procurement.award_recorded": _("Zuschlag erfasst"),
        "procurement.allocation_created": _("Beschaffung in die Kostenverteilung übernommen"),
    },
    fields={
        "kind": AuditField(
            _("Auftragsart"), Choice([(k.value, KIND_LABELS[k]) for k in ContractKind])
        ),
        "status": AuditField(_("Stand der Beschaffung"), Choice(CallStatus.choices)),
        "lead_authority": AuditField(_("federführende Vergabestelle"), TEXT),
        "call": AuditField(_("Bedarfsabfrage"), TEXT),
        "lines": AuditField(_("Bedarfsmeldungen (Nr.)"), TEXT, many=True),
        "agreement": AuditField(_("Vereinbarung"), TEXT),
        "parties": AuditField(_("Beteiligte"), TEXT, many=True),
        "budget_item": AuditField(_("Posten der Kostenverteilung"), TEXT),
        "amount": AuditField(_("Betrag (netto)"), AMOUNT),
        "unit_price": AuditField(_("geschätzter Einzelpreis (netto)"), AMOUNT),
        "shares": AuditField(_("Anteile der Mitglieder"), Breakdown(TEXT, AMOUNT)),
    },
)
