"""What the audit entries of the citizen assistant mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditField, AuditTerms

TERMS = AuditTerms(
    key="assistant",
    group=_("Bürgerassistent"),
    actions={
        "assistant.synonym_added": _("Suchbegriff für den Bürgerassistenten ergänzt"),
        "assistant.synonym_removed": _("Suchbegriff des Bürgerassistenten entfernt"),
        "assistant.question_dismissed": _("Unbeantwortete Frage als erledigt markiert"),
    },
    fields={
        "term": AuditField(_("Suchbegriff")),
        "service": AuditField(_("Leistung")),
    },
)
