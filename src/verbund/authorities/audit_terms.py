"""What the authorities app's audit entries mean (``core.audit_terms``), and how
authorities are named in any app's entries: by id or by Regionalschlüssel."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import Authority, AuthorityKind
from verbund.core.audit_terms import (
    DATE,
    DIGEST,
    NUMBER,
    AuditField,
    AuditNames,
    AuditTerms,
    Breakdown,
    Choice,
    Counts,
)

AUTHORITY = "authorities.Authority"
"""Kind of an authority recorded by id (``Reference(AUTHORITY)``)."""
AUTHORITY_BY_ARS = "authorities.Authority:ars"
"""Kind of an authority recorded by its Regionalschlüssel."""

_COUNTS = {
    "created": _("neu"),
    "updated": _("geändert"),
    "unchanged": _("unverändert"),
    "dissolved": _("aufgelöst"),
}

TERMS = AuditTerms(
    key="authorities",
    group=_("Gebietskörperschaften"),
    actions={"authorities.register_imported": _("Gemeindeverzeichnis (GV100AD) eingelesen")},
    fields={
        "source_name": AuditField(_("Datei")),
        "sha256": AuditField(_("Prüfsumme der Datei (SHA-256)"), DIGEST),
        "gebietsstand": AuditField(_("Gebietsstand"), DATE),
        "created": AuditField(_("neu angelegt"), NUMBER),
        "updated": AuditField(_("geändert"), NUMBER),
        "unchanged": AuditField(_("unverändert"), NUMBER),
        "dissolved": AuditField(_("aufgelöst"), NUMBER),
        "population": AuditField(_("Einwohner insgesamt"), NUMBER),
        "per_kind": AuditField(
            _("nach Art"), Breakdown(Choice(AuthorityKind.choices), Counts(_COUNTS))
        ),
    },
)


def _by_id(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    rows = Authority.objects.filter(pk__in=ids).only("name", "kind", "textkennzeichen")
    return {str(row.pk): row.official_name for row in rows}


def _by_ars(keys: set[str]) -> Mapping[str, str]:
    rows = Authority.objects.filter(ars__in=keys).only("ars", "name", "kind", "textkennzeichen")
    return {row.ars: row.official_name for row in rows}


NAMES = (AuditNames(AUTHORITY, _by_id), AuditNames(AUTHORITY_BY_ARS, _by_ars))
