"""What the networks app's audit entries mean (``core.audit_terms``): networks,
memberships, cooperation areas and agreements. The sub-domains declare theirs in
their own ``audit_terms.py``; ``NetworksConfig.ready()`` registers all of them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import (
    DIGEST,
    AuditField,
    AuditNames,
    AuditTerms,
    Choice,
    Reference,
)
from verbund.networks.groups.models import ProjectGroup
from verbund.networks.models import AreaTool

# Kinds named by other apps (``core.audit_terms.AUDIT_NAMES``).
AUTHORITY_BY_ARS = "authorities.Authority:ars"
SERVICE_BY_KEY = "catalogue.Service:key"
PROJECT_GROUP = "networks.ProjectGroup"

TERMS = AuditTerms(
    key="networks",
    group=_("Verbünde"),
    actions={
        "networks.network_created": _("Verbund angelegt"),
        "networks.network_updated": _("Angaben zum Verbund geändert"),
        "networks.membership_added": _("Mitglied aufgenommen"),
        "networks.membership_ended": _("Mitgliedschaft beendet"),
        "networks.area_created": _("Kooperationsfeld angelegt"),
        "networks.area_level_set": _("Stufe der Beteiligung gesetzt"),
        "networks.agreement_created": _("Vereinbarung erfasst"),
        "networks.agreement_ended": _("Vereinbarung beendet"),
    },
    fields={
        # Members are recorded by their Regionalschlüssel, services by their key.
        "authority": AuditField(_("Mitglied"), Reference(AUTHORITY_BY_ARS)),
        "processing": AuditField(_("erledigendes Mitglied"), Reference(AUTHORITY_BY_ARS)),
        "parties": AuditField(_("Beteiligte"), Reference(AUTHORITY_BY_ARS), many=True),
        "services": AuditField(_("Leistungen"), Reference(SERVICE_BY_KEY), many=True),
        "document_sha256": AuditField(_("Prüfsumme der unterzeichneten Fassung"), DIGEST),
        "tool": AuditField(_("Werkzeug der Plattform"), Choice(AreaTool.choices)),
    },
)


def _groups(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): name
        for pk, name in ProjectGroup.objects.filter(pk__in=ids).values_list("pk", "name")
    }


NAMES = (AuditNames(PROJECT_GROUP, _groups),)
