"""What the audit entries of comparison rings mean (``core.audit_terms``). The other
recorded fields are the models' (labels, choices)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from verbund.core.audit_terms import NUMBER, AuditField, AuditTerms, Reference

AUTHORITY_BY_ARS = "authorities.Authority:ars"
SERVICE_BY_KEY = "catalogue.Service:key"

TERMS = AuditTerms(
    key="benchmarks",
    group=_("Vergleichsringe"),
    actions={
        "benchmarks.ring_created": _("Vergleichsring angelegt"),
        "benchmarks.participant_added": _("Teilnehmende Behörde in den Vergleichsring aufgenommen"),
        "benchmarks.figure_created": _("Grundzahl des Vergleichsrings angelegt"),
        "benchmarks.kpi_created": _("Kennzahl des Vergleichsrings angelegt"),
        "benchmarks.period_created": _("Berichtszeitraum angelegt"),
        "benchmarks.values_set": _("Werte des Vergleichsrings eingegeben"),
        "benchmarks.values_imported": _("Werte des Vergleichsrings hochgeladen"),
        "benchmarks.period_published": _("Berichtszeitraum veröffentlicht"),
    },
    fields={
        "participants": AuditField(_("Teilnehmende"), NUMBER),
        "pseudonym": AuditField(_("Pseudonym")),
        "period": AuditField(_("Berichtszeitraum")),
        "values": AuditField(_("Werte")),
        "rows": AuditField(_("Zeilen"), NUMBER),
        "results": AuditField(_("berechnete Kennzahlwerte"), NUMBER),
        "platform_values": AuditField(_("Grundzahlen der Plattform"), NUMBER),
        "authority": AuditField(_("Behörde"), Reference(AUTHORITY_BY_ARS)),
        "service": AuditField(_("Leistung"), Reference(SERVICE_BY_KEY)),
    },
)
