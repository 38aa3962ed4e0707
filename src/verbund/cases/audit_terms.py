"""What the back office's audit entries mean (``core.audit_terms``), and how documents
and participations are named in them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from verbund.cases.models import (
    Case,
    CaseDocument,
    DecisionOutcome,
    DocumentVersion,
    Participation,
    ParticipationOutcome,
)
from verbund.core.audit_terms import (
    AMOUNT,
    DATE,
    DIGEST,
    FLAG,
    NUMBER,
    AuditField,
    AuditNames,
    AuditTerms,
    Choice,
    Reference,
)

CASE = "cases.Case"
DOCUMENT = "cases.CaseDocument"
DOCUMENT_VERSION = "cases.DocumentVersion"
PARTICIPATION = "cases.Participation"

_PARTICIPATION_OUTCOME = AuditField(_("Ergebnis"), Choice(ParticipationOutcome.choices))
_RECORDS = {
    "files": AuditField(_("Akten (Aktenzeichen)"), many=True),
    "documents": AuditField(_("Dokumente"), NUMBER),
}

TERMS = AuditTerms(
    key="cases",
    group=_("Vorgänge"),
    actions={
        "case.open": _("Vorgang eröffnet"),
        "case.set_status": _("Status des Vorgangs geändert"),
        "case.assign": _("Vorgang zugewiesen"),
        "case.note": _("Notiz zum Vorgang geschrieben"),
        "case.document_add": _("Dokument zur Akte genommen"),
        "case.document_version": _("Neue Fassung eines Dokuments zur Akte genommen"),
        "case.request_information": _("Rückfrage an die Antragstellerin oder den Antragsteller"),
        "case.request_withdraw": _("Rückfrage zurückgezogen"),
        "case.request_answered": _("Rückfrage beantwortet"),
        "case.interface_note": _("Hinweis eines Fachverfahrens erfasst"),
        "case.decide": _("Bescheid erlassen"),
        "case.exported": _("Akte als xdomea-Paket exportiert"),
        "participation.request": _("Andere Behörde beteiligt"),
        "participation.received": _("Beteiligung durch eine andere Behörde erhalten"),
        "participation.revoke": _("Beteiligung einer anderen Behörde zurückgezogen"),
        "participation.revoked": _("Beteiligung von der anfragenden Behörde zurückgezogen"),
        "participation.answer": _("Stellungnahme abgegeben"),
        "participation.answered": _("Stellungnahme einer beteiligten Behörde erhalten"),
        "case_type.save": _("Einstellungen der Vorgangsart gespeichert"),
        "case_settings.save": _("Einstellungen der Vorgangsbearbeitung gespeichert"),
        "records.archived": _("Akten an das Archiv abgegeben"),
        "records.destroyed": _("Personenbezogene Daten von Akten gelöscht"),
        "records.receipt_confirmed": _("Empfang durch das Archiv bestätigt"),
    },
    fields={
        "reference": AuditField(_("Vorgangsnummer")),
        "file": AuditField(_("Aktenzeichen")),
        "note": AuditField(_("Eintrag im Verlauf (Nr.)")),
        "event": AuditField(_("Eintrag im Verlauf (Nr.)")),
        "attention": AuditField(_("im Posteingang hervorgehoben"), FLAG),
        "document": AuditField(_("Dokument"), Reference(DOCUMENT)),
        "documents": AuditField(_("geteilte Dokumente"), Reference(DOCUMENT_VERSION), many=True),
        "number": AuditField(_("Fassung"), NUMBER),
        "sha256": AuditField(_("Prüfsumme (SHA-256)"), DIGEST),
        "request": AuditField(_("Rückfrage (Kennung)")),
        "due_on": AuditField(_("Frist"), DATE),
        "files": AuditField(_("hochgeladene Dateien"), NUMBER),
        "participation": AuditField(_("Beteiligung"), Reference(PARTICIPATION)),
        "requested": AuditField(_("beteiligte Behörde"), Reference("authorities.Authority")),
        "fee": AuditField(_("Gebühr"), AMOUNT),
        "process_id": AuditField(_("Prozess-ID (xdomea)")),
        "package_sha256": AuditField(_("Prüfsumme des Pakets (SHA-256)"), DIGEST),
    },
    action_fields={
        "case.decide": {"outcome": AuditField(_("Ergebnis"), Choice(DecisionOutcome.choices))},
        "participation.answer": {"outcome": _PARTICIPATION_OUTCOME},
        "participation.answered": {"outcome": _PARTICIPATION_OUTCOME},
        "records.archived": _RECORDS,
        "records.destroyed": _RECORDS,
    },
)


def _uuids(keys: set[str]) -> list[uuid.UUID]:
    found = []
    for key in keys:
        try:
            found.append(uuid.UUID(key))
        except ValueError:
            continue
    return found


def _cases(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(pk): reference
        for pk, reference in Case.objects.filter(pk__in=ids).values_list("pk", "reference")
    }


def _documents(keys: set[str]) -> Mapping[str, str]:
    rows = CaseDocument.objects.filter(pk__in=_uuids(keys)).values_list("pk", "title")
    return {str(pk): title for pk, title in rows}


def _versions(keys: set[str]) -> Mapping[str, str]:
    rows = DocumentVersion.objects.filter(pk__in=_uuids(keys)).values_list(
        "pk", "document__title", "number"
    )
    return {
        str(pk): gettext("%(title)s, Fassung %(number)d") % {"title": title, "number": number}
        for pk, title, number in rows
    }


def _participations(keys: set[str]) -> Mapping[str, str]:
    ids = [int(key) for key in keys if key.isdigit()]
    return {
        str(row.pk): f"{row.get_kind_display()}: {row.requested.official_name}"
        for row in Participation.objects.filter(pk__in=ids).select_related("requested")
    }


NAMES = (
    AuditNames(CASE, _cases),
    AuditNames(DOCUMENT, _documents),
    AuditNames(DOCUMENT_VERSION, _versions),
    AuditNames(PARTICIPATION, _participations),
)
