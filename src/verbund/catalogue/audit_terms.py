"""What the catalogue's audit entries mean (``core.audit_terms``), and how services
and offices are named in any app's entries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verbund.catalogue.models import Office, Service
from verbund.core.audit_terms import (
    AMOUNT,
    AuditField,
    AuditNames,
    AuditTerms,
    Names,
    Reference,
    ValueFormat,
    plain_text,
)

SERVICE = "catalogue.Service"
SERVICE_BY_KEY = "catalogue.Service:key"
"""A service recorded by its key: the LeiKa key, else the local key (``Service.key``)."""
OFFICE = "catalogue.Office"
AUTHORITY_BY_ARS = "authorities.Authority:ars"


class Fees(ValueFormat):
    """One fee of an adoption (``{"label": …, "amount": "16.80"}``): "label: 16,80 €"."""

    def text(self, value: Any, names: Names) -> str:
        if not isinstance(value, Mapping):
            return plain_text(value)
        return f"{value.get('label', '')}: {AMOUNT.text(value.get('amount'), names)}"


TERMS = AuditTerms(
    key="catalogue",
    group=_("Leistungskatalog"),
    actions={
        "catalogue.service_created": _("Leistung angelegt"),
        "catalogue.service_updated": _("Leistung geändert"),
        "catalogue.service_published": _("Leistung veröffentlicht"),
        "catalogue.service_withdrawn": _("Leistung zurückgezogen"),
        "catalogue.service_imported": _("Leistung aus einer Austauschdatei übernommen"),
        "catalogue.service_import_updated": _("Leistung durch eine Austauschdatei geändert"),
        "catalogue.office_created": _("Stelle angelegt"),
        "catalogue.office_updated": _("Stelle geändert"),
        "catalogue.adoption_created": _("Nachnutzung einer Leistung begonnen"),
        "catalogue.adoption_updated": _("Angaben zur Nachnutzung geändert"),
        "catalogue.adoption_ended": _("Nachnutzung einer Leistung beendet"),
        "catalogue.adoption_processing_set": _("Bearbeitende Behörde einer Leistung festgelegt"),
        "catalogue.responsibility_exception_set": _("Abweichende Zuständigkeit festgelegt"),
        "catalogue.responsibility_exception_removed": _("Abweichende Zuständigkeit aufgehoben"),
    },
    fields={
        "service": AuditField(_("Leistung"), Reference(SERVICE_BY_KEY)),
        "area": AuditField(_("Gebiet"), Reference(AUTHORITY_BY_ARS)),
        "fees": AuditField(_("Gebühren"), Fees(), many=True),
    },
)


def _services(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): title
        for pk, title in Service.objects.filter(pk__in=ids).values_list("pk", "title")
    }


def _services_by_key(keys: set[str]) -> Mapping[str, str]:
    found: dict[str, str] = {}
    for leika_key, slug, title in Service.objects.filter(
        Q(leika_key__in=keys) | Q(slug__in=keys)
    ).values_list("leika_key", "slug", "title"):
        for key in (leika_key, slug):
            if key in keys:
                found[key] = title
    return found


def _offices(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): name for pk, name in Office.objects.filter(pk__in=ids).values_list("pk", "name")
    }


NAMES = (
    AuditNames(SERVICE, _services),
    AuditNames(SERVICE_BY_KEY, _services_by_key),
    AuditNames(OFFICE, _offices),
)
