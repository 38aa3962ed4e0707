"""What the payments' audit entries mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, AuditField, AuditTerms

TERMS = AuditTerms(
    key="payments",
    group=_("Zahlungen"),
    actions={
        "payments.payment_started": _("Zahlung begonnen"),
        "payments.payment_completed": _("Zahlung abgeschlossen"),
    },
    fields={
        # The submission is recorded by its reference.
        "submission": AuditField(_("Vorgangsnummer")),
        "amount": AuditField(_("Betrag"), AMOUNT),
        "currency": AuditField(_("Währung")),
        "transaction_id": AuditField(_("Transaktionsnummer des Zahlungsdienstes")),
    },
)
