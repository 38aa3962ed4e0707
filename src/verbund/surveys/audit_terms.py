"""What the audit entries of surveys mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditField, AuditTerms, Reference

AUTHORITY_BY_ARS = "authorities.Authority:ars"

TERMS = AuditTerms(
    key="surveys",
    group=_("Umfragen"),
    actions={
        "survey.create": _("Umfrage angelegt"),
        "survey.update": _("Umfrage geändert"),
        "survey.definition": _("Fragen der Umfrage geändert"),
        "survey.launch": _("Umfrage gestartet"),
        "survey.close": _("Umfrage abgeschlossen"),
        "survey.recipients_add": _("Empfänger hinzugefügt"),
        "survey.recipient_remove": _("Empfänger entfernt"),
        "survey.remind": _("Erinnerung verschickt"),
        "survey.answers_save": _("Antworten zwischengespeichert"),
        "survey.answers_submit": _("Antworten abgeschickt"),
    },
    fields={
        "authority": AuditField(_("Behörde"), Reference(AUTHORITY_BY_ARS)),
        "authorities": AuditField(_("Behörden"), Reference(AUTHORITY_BY_ARS), many=True),
        "closes_on": AuditField(_("Antworten bis")),
        "revision": AuditField(_("Fassung")),
        "questions": AuditField(_("Fragen")),
        "recipients": AuditField(_("Empfänger")),
        "answered": AuditField(_("beantwortete Fragen")),
    },
)
