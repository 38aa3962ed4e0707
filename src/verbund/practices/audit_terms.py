"""What the audit entries of good practices mean (``core.audit_terms``). The other
recorded fields are the model's (labels, choices, the linked service, project group
and roadmap item by id)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, AuditField, AuditTerms

TERMS = AuditTerms(
    key="practices",
    group=_("Gute Beispiele"),
    actions={
        "practices.practice_created": _("Gutes Beispiel angelegt"),
        "practices.practice_updated": _("Gutes Beispiel geändert"),
        "practices.practice_published": _("Gutes Beispiel veröffentlicht"),
        "practices.practice_withdrawn": _("Gutes Beispiel zurückgezogen"),
        "practices.practice_proposed": _("Gutes Beispiel aus einer Umfrageantwort vorgeschlagen"),
    },
    fields={
        "cost_amount": AuditField(_("Betrag in Euro"), AMOUNT),
        "survey": AuditField(_("Umfrage")),
        "question": AuditField(_("Frage")),
    },
)
