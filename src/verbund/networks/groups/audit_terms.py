"""What the audit entries of project groups mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import BYTES, DIGEST, AuditField, AuditTerms, Reference

AUTHORITY_BY_ARS = "authorities.Authority:ars"
PROJECT_GROUP = "networks.ProjectGroup"

TERMS = AuditTerms(
    key="networks.groups",
    group=_("Verbünde: Projektgruppen"),
    actions={
        "networks.project_group_created": _("Projektgruppe angelegt"),
        "networks.project_group_updated": _("Projektgruppe geändert"),
        "networks.project_group_member_added": _("Mitglied in die Projektgruppe aufgenommen"),
        "networks.project_group_member_removed": _("Mitglied aus der Projektgruppe entfernt"),
        "networks.group_task_created": _("Aufgabe angelegt"),
        "networks.group_task_completed": _("Aufgabe erledigt"),
        "networks.group_task_reopened": _("Aufgabe wieder geöffnet"),
        "networks.milestone_created": _("Meilenstein angelegt"),
        "networks.milestone_reached": _("Meilenstein erreicht"),
        "networks.group_document_added": _("Dokument der Projektgruppe abgelegt"),
    },
    fields={
        # Authorities are recorded by their Regionalschlüssel, the group by its id.
        "lead": AuditField(_("Federführung"), Reference(AUTHORITY_BY_ARS)),
        "members": AuditField(_("Mitglieder"), Reference(AUTHORITY_BY_ARS), many=True),
        "owner": AuditField(_("verantwortlich"), Reference(AUTHORITY_BY_ARS)),
        "group": AuditField(_("Projektgruppe"), Reference(PROJECT_GROUP)),
        "size": AuditField(_("Größe"), BYTES),
        "sha256": AuditField(_("Prüfsumme (SHA-256)"), DIGEST),
    },
)
