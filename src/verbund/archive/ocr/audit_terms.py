"""What the audit entries of the text recognition mean."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditField, AuditTerms

TERMS = AuditTerms(
    key="archive_ocr",
    group=_("Texterkennung"),
    actions={
        "archive.page_recognised": _("Text einer Seite erkannt"),
        "archive.page_ocr_failed": _("Texterkennung einer Seite fehlgeschlagen"),
        "archive.page_ocr_requeued": _("Texterkennung einer Seite erneut angestoßen"),
        "archive.line_corrected": _("Zeile korrigiert"),
        "archive.page_reviewed": _("Seite als geprüft markiert"),
    },
    fields={
        "ocr_attempts": AuditField(_("Versuche")),
        "ocr_error": AuditField(_("Fehler")),
        "seconds": AuditField(_("Dauer in Sekunden")),
    },
    action_fields={
        "archive.line_corrected": {
            "line_id": AuditField(_("Zeile (ALTO-ID)")),
            "text": AuditField(_("Text der Zeile")),
        },
    },
)
