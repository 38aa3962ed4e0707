"""What the audit entries of the archive's description and ingest mean
(``core.audit_terms``). The other recorded fields are the models' (labels, choices)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import BYTES, DIGEST, FLAG, NUMBER, AuditField, AuditTerms

TERMS = AuditTerms(
    key="archive",
    group=_("Archiv"),
    actions={
        "archive.archive_created": _("Archiv angelegt"),
        "archive.archive_updated": _("Archiv geändert"),
        "archive.profile_created": _("OCR-Profil angelegt"),
        "archive.profile_updated": _("OCR-Profil geändert"),
        "archive.profile_shared": _("OCR-Profil für andere Archive freigegeben"),
        "archive.profile_unshared": _("Freigabe eines OCR-Profils zurückgenommen"),
        "archive.profile_adopted": _("OCR-Profil für ein Archiv übernommen"),
        "archive.fonds_created": _("Bestand angelegt"),
        "archive.fonds_updated": _("Bestand geändert"),
        "archive.unit_created": _("Verzeichnungseinheit angelegt"),
        "archive.unit_updated": _("Verzeichnungseinheit geändert"),
        "archive.pages_ingested": _("Seiten eingespielt"),
        "archive.pages_reordered": _("Reihenfolge der Seiten geändert"),
    },
    fields={
        "archive": AuditField(_("Archiv")),
        "fonds": AuditField(_("Bestand")),
        "unit": AuditField(_("Verzeichnungseinheit")),
        "profile": AuditField(_("OCR-Profil")),
        "profile_authority": AuditField(_("Träger des OCR-Profils")),
        "file": AuditField(_("Datei")),
        "master_type": AuditField(_("Dateityp")),
        "master_size": AuditField(_("Größe"), BYTES),
        "master_sha512": AuditField(_("Prüfsumme (SHA-512)"), DIGEST),
        "pages": AuditField(_("Seiten"), NUMBER),
        "positions": AuditField(_("Seitenzahlen in der Einheit"), NUMBER, many=True),
        "order": AuditField(_("Seiten (Kennungen) in ihrer Reihenfolge"), NUMBER, many=True),
        "shared": AuditField(_("für andere Archive freigegeben"), FLAG),
    },
)
