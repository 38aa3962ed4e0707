"""What the audit entries of the archive's exchange (xdomea handover) mean."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditField, AuditTerms

TERMS = AuditTerms(
    key="archive_exchange",
    group=_("Archivaustausch"),
    actions={
        "archive_exchange.handover_imported": _("Aussonderung (xdomea) übernommen"),
    },
    fields={
        "process_id": AuditField(_("Prozess-ID der Aussonderung")),
        "package_sha256": AuditField(_("Prüfsumme des Pakets (SHA-256)")),
        "package_name": AuditField(_("Paket")),
        "disposal": AuditField(_("Aussonderung der Behörde")),
        "sender": AuditField(_("Absender")),
        "units": AuditField(_("Verzeichnungseinheiten"), many=True),
        "pages": AuditField(_("Seiten")),
        "skipped": AuditField(_("nicht übernommene Dateien"), many=True),
    },
)
