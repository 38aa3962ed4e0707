"""What the audit entries of the development roadmap mean (``core.audit_terms``), and
how roadmap items are named in them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import DATE, AuditField, AuditNames, AuditTerms, Reference
from verbund.networks.roadmap.models import RoadmapItem

AUTHORITY_BY_ARS = "authorities.Authority:ars"
SERVICE_BY_KEY = "catalogue.Service:key"
ROADMAP_ITEM = "networks.RoadmapItem"

TERMS = AuditTerms(
    key="networks.roadmap",
    group=_("Verbünde: Entwicklungsplanung"),
    actions={
        "networks.roadmap_proposed": _("Online-Dienst vorgeschlagen"),
        "networks.roadmap_build_taken": _("Entwicklung übernommen"),
        "networks.roadmap_development_started": _("Entwicklung begonnen"),
        "networks.roadmap_published": _("Vorhaben veröffentlicht"),
        "networks.roadmap_committed": _("Nachnutzung zugesagt"),
        "networks.roadmap_commitment_withdrawn": _("Zusage zur Nachnutzung zurückgezogen"),
    },
    fields={
        # Authorities are recorded by their Regionalschlüssel, the service by its key.
        "proposed_by": AuditField(_("vorgeschlagen von"), Reference(AUTHORITY_BY_ARS)),
        "builder": AuditField(_("entwickelt von"), Reference(AUTHORITY_BY_ARS)),
        "authority": AuditField(_("Mitglied"), Reference(AUTHORITY_BY_ARS)),
        "service": AuditField(_("Leistung im Katalog"), Reference(SERVICE_BY_KEY)),
        "item": AuditField(_("Vorhaben"), Reference(ROADMAP_ITEM)),
        "committed_on": AuditField(_("zugesagt am"), DATE),
    },
)


def _items(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): title
        for pk, title in RoadmapItem.objects.filter(pk__in=ids).values_list("pk", "title")
    }


NAMES = (AuditNames(ROADMAP_ITEM, _items),)
