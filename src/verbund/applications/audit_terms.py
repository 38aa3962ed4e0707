"""What the audit entries of applications mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AMOUNT, NUMBER, AuditField, AuditTerms, Reference

TERMS = AuditTerms(
    key="applications",
    group=_("Anträge"),
    actions={
        "submission.create": _("Antrag eingereicht"),
        "submission.paid": _("Gebühr des Antrags bezahlt"),
    },
    fields={
        "reference": AuditField(_("Vorgangsnummer")),
        # Recorded by id; named by the apps that own them.
        "service": AuditField(_("Leistung"), Reference("catalogue.Service")),
        "version": AuditField(_("Formularversion"), Reference("formengine.FormVersion")),
        "responsible": AuditField(_("zuständige Behörde"), Reference("authorities.Authority")),
        "fee_total": AuditField(_("Gebühren insgesamt"), AMOUNT),
        "attachments": AuditField(_("Anlagen"), NUMBER),
        # What the back office opened for the submission (hooks.SUBMISSION_RECEIVED).
        "case": AuditField(_("Vorgang"), Reference("cases.Case")),
        "file": AuditField(_("Aktenzeichen")),
    },
)
