"""What the audit entries of members' strategies mean (``core.audit_terms``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import AuditField, AuditTerms, Reference

TERMS = AuditTerms(
    key="surveys.strategy",
    group=_("Strategien der Mitglieder"),
    actions={
        "strategy.create": _("Strategie angelegt"),
        "strategy.update": _("Strategie geändert"),
        "strategy.goal_add": _("Ziel der Strategie hinzugefügt"),
        "strategy.goal_remove": _("Ziel der Strategie entfernt"),
        "strategy.measure_add": _("Maßnahme hinzugefügt"),
        "strategy.measure_status": _("Stand einer Maßnahme geändert"),
    },
    fields={
        "adopted_on": AuditField(_("beschlossen am")),
        "field": AuditField(_("Handlungsfeld")),
        "goal": AuditField(_("Ziel")),
        "measures": AuditField(_("Maßnahmen")),
        "due_on": AuditField(_("bis")),
        "group": AuditField(_("Projektgruppe"), Reference("networks.ProjectGroup")),
        "roadmap_item": AuditField(_("Vorhaben"), Reference("networks.RoadmapItem")),
    },
)
