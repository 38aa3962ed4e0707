"""What the audit entries of workshops mean (``core.audit_terms``), and how workshops
are named in them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import (
    BYTES,
    DATE,
    DIGEST,
    AuditField,
    AuditNames,
    AuditTerms,
    Choice,
    Reference,
)
from verbund.networks.models import ParticipationLevel
from verbund.networks.workshops.models import Workshop

AUTHORITY_BY_ARS = "authorities.Authority:ars"
ROADMAP_ITEM = "networks.RoadmapItem"
WORKSHOP = "networks.Workshop"

TERMS = AuditTerms(
    key="networks.workshops",
    group=_("Verbünde: Workshops"),
    actions={
        "networks.workshop_created": _("Workshop geplant"),
        "networks.workshop_updated": _("Workshop geändert"),
        "networks.workshop_held": _("Workshop als durchgeführt erfasst"),
        "networks.workshop_cancelled": _("Workshop abgesagt"),
        "networks.workshop_invited": _("Mitglieder zum Workshop eingeladen"),
        "networks.invitation_answered": _("Einladung zum Workshop beantwortet"),
        "networks.agenda_item_added": _("Tagesordnungspunkt hinzugefügt"),
        "networks.workshop_material_added": _("Unterlage zum Workshop abgelegt"),
        "networks.workshop_minutes_written": _("Protokoll des Workshops geschrieben"),
        "networks.workshop_decision_recorded": _("Beschluss des Workshops erfasst"),
    },
    fields={
        # Authorities are recorded by their Regionalschlüssel, the workshop and the
        # roadmap item by their ids, the area by its name.
        "workshop": AuditField(_("Veranstaltung"), Reference(WORKSHOP)),
        "invited": AuditField(_("eingeladene Mitglieder"), Reference(AUTHORITY_BY_ARS), many=True),
        "authority": AuditField(_("Mitglied"), Reference(AUTHORITY_BY_ARS)),
        "presenter": AuditField(_("vorgestellt von"), Reference(AUTHORITY_BY_ARS)),
        "proposed_by": AuditField(_("vorgeschlagen von"), Reference(AUTHORITY_BY_ARS)),
        "roadmap_item": AuditField(_("aufgenommenes Vorhaben"), Reference(ROADMAP_ITEM)),
        "area": AuditField(_("Kooperationsfeld")),
        "area_level": AuditField(_("Stufe"), Choice(ParticipationLevel.choices)),
        "valid_from": AuditField(_("gilt ab"), DATE),
        "size": AuditField(_("Größe"), BYTES),
        "sha256": AuditField(_("Prüfsumme (SHA-256)"), DIGEST),
    },
)


def _workshops(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): title
        for pk, title in Workshop.objects.filter(pk__in=ids).values_list("pk", "title")
    }


NAMES = (AuditNames(WORKSHOP, _workshops),)
