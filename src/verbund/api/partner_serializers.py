"""Serializers of the API for specialist systems (Fachverfahren): requests in,
submissions and cases out.

Answers are written by plain functions (``submission_json`` …); the serializer
classes describe the same shapes for the OpenAPI document. Field names are
camelCase, as in the FIT-Connect shapes of ``/routes``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verbund.api.pagination import MAX_PAGE, MAX_PAGE_SIZE, cursor_decode
from verbund.applications.models import Submission
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseDocument, CaseStatus, DecisionOutcome, DocumentVersion
from verbund.cases.services import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH
from verbund.core.uploads import (
    UploadRejected,
    format_size,
    inspect_upload,
    max_upload_bytes,
    sanitize_filename,
)
from verbund.integrations.models import SubmissionAcknowledgement
from verbund.integrations.services import REASON_MAX_LENGTH

FEE_NOTE_MAX_LENGTH = 300
FEE_MAX = Decimal("99999999.99")

# -- requests ----------------------------------------------------------------------------


class SubmissionQuerySerializer(serializers.Serializer[dict[str, Any]]):
    state = serializers.ChoiceField(
        choices=[("new", "new"), ("all", "all")],
        required=False,
        default="new",
        help_text=_("new: noch ohne Rückmeldung dieses Zugangs; all: alle vollständigen Anträge."),
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE, help_text=_("Seite, ab 1.")
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=_("Treffer je Seite (1–100)."),
    )
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_(
            "Seiten für Fachverfahren, die regelmäßig abfragen: leer für die erste Seite, "
            "danach der Wert „nextCursor“ der vorigen Antwort. Ohne Gesamtzahl; jede Seite "
            "kostet gleich viel."
        ),
    )

    def validate_cursor(self, value: str) -> tuple[Any, int] | None:
        if value == "":
            return None
        position = cursor_decode(value)
        if position is None:
            raise serializers.ValidationError(
                _("Dieser Cursor ist ungültig. Verwenden Sie den Wert „nextCursor“ einer Antwort.")
            )
        return position

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "cursor" in attrs and "page" in attrs:
            raise serializers.ValidationError(
                {"page": [_("Geben Sie entweder „page“ oder „cursor“ an, nicht beides.")]}
            )
        return attrs


class AcknowledgementRequestSerializer(serializers.Serializer[dict[str, Any]]):
    accepted = serializers.BooleanField(
        help_text=_("true: vom Fachverfahren übernommen; false: abgelehnt (mit Begründung).")
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=REASON_MAX_LENGTH,
        help_text=_("Pflicht bei accepted=false: warum das Fachverfahren den Antrag ablehnt."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["accepted"] and not attrs.get("reason", "").strip():
            raise serializers.ValidationError(
                {"reason": [_("Bitte begründen Sie, warum das Fachverfahren den Antrag ablehnt.")]}
            )
        return attrs


class CaseStatusRequestSerializer(serializers.Serializer[dict[str, Any]]):
    status = serializers.ChoiceField(
        choices=CaseStatus.choices,
        help_text=_(
            "Der neue Status. Direkt gesetzt werden nur: received → in_progress, "
            "granted/refused → closed; alles andere ergibt 409."
        ),
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Hinweis für die Antragstellerin oder den Antragsteller (Statusseite)."),
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        help_text=_(
            "Die Version des Vorgangs, die das Fachverfahren kennt; ist er inzwischen "
            "geändert, antwortet die API mit 409."
        ),
    )


class DocumentUploadSerializer(serializers.Serializer[dict[str, Any]]):
    filename = serializers.CharField(max_length=200)
    contentType = serializers.ChoiceField(choices=[("application/pdf", "application/pdf")])
    content = serializers.CharField(
        help_text=_("Inhalt der PDF-Datei, Base64-kodiert (RFC 4648, mit Auffüllung).")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        limit = max_upload_bytes()
        text = "".join(attrs["content"].split())
        # Four characters carry three bytes: refuse before decoding what is too large.
        if len(text) > 4 * (-(-limit // 3)):
            raise serializers.ValidationError(
                {
                    "content": [
                        _("Die Datei ist zu groß; erlaubt sind höchstens %(limit)s.")
                        % {"limit": format_size(limit)}
                    ]
                }
            )
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(
                {"content": [_("Der Inhalt ist kein gültiges Base64.")]}
            ) from None
        name = sanitize_filename(attrs["filename"])
        upload = SimpleUploadedFile(name, data, content_type="application/pdf")
        try:
            checked = inspect_upload(upload, accept=("application/pdf",), max_bytes=limit)
        except UploadRejected as exc:
            raise serializers.ValidationError({"content": [exc.message]}) from None
        return {"filename": checked.filename, "content_type": checked.content_type, "data": data}


class DecisionRequestSerializer(serializers.Serializer[dict[str, Any]]):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    body = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, help_text=_("Text des Bescheids (Tenor und Begründung).")
    )
    remedyNotice = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=TEXT_MAX_LENGTH,
        help_text=_(
            "Rechtsbehelfsbelehrung. Schreibt die Plattform den Bescheid (ohne document), muss "
            "sie das Verwaltungsgericht der Behörde mit Anschrift nennen; leer: der Text der "
            "Vorgangsart mit diesem Gericht."
        ),
    )
    feeAmount = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.00"),
        max_value=FEE_MAX,
        required=False,
        default=Decimal("0.00"),
        help_text=_('Gebühr in Euro, z. B. "12.50".'),
    )
    feeNote = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=FEE_NOTE_MAX_LENGTH
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text=_("Wenn angegeben: 409, falls der Vorgang inzwischen geändert wurde."),
    )
    document = DocumentUploadSerializer(
        required=False,
        help_text=_(
            "Der Bescheid als PDF aus dem Fachverfahren; ohne ihn erstellt die Plattform "
            "das Schreiben aus den Texten."
        ),
    )


# -- responses ---------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField(help_text=_("Die Meldung, deutsch oder nach Accept-Language."))
    code = serializers.CharField(help_text=_("Maschinenlesbarer Grund, z. B. not_found."))


class ServiceRefSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text=_("LeiKa-Schlüssel, sonst lokaler Schlüssel."))
    leikaKey = serializers.CharField(allow_null=True)
    title = serializers.CharField()


class AuthorityShortSerializer(serializers.Serializer[Any]):
    ars = serializers.CharField(help_text=_("Regionalschlüssel, 2 bis 12 Ziffern."))
    name = serializers.CharField()


class SubmissionSummarySerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    href = serializers.URLField()
    service = ServiceRefSerializer()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    statusLabel = serializers.CharField()
    version = serializers.IntegerField()
    receivedAt = serializers.DateTimeField()
    acknowledged = serializers.BooleanField(
        help_text=_("Ob dieser Zugang schon eine Rückmeldung gegeben hat.")
    )


class SubmissionPageSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField(
        allow_null=True, help_text=_("Gesamtzahl; bei Seiten mit „cursor“ null.")
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    nextCursor = serializers.CharField(
        allow_null=True, help_text=_("Position nach dieser Seite für „cursor“; null am Ende.")
    )
    results = SubmissionSummarySerializer(many=True)


class FeeLineSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # the answer's field name
    amount = serializers.CharField(help_text=_("Euro mit zwei Nachkommastellen."))
    quantity = serializers.IntegerField()
    total = serializers.CharField()


class FeesSerializer(serializers.Serializer[Any]):
    lines = FeeLineSerializer(many=True)
    total = serializers.CharField(help_text=_("Euro mit zwei Nachkommastellen, z. B. 12.00."))


class DocumentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField(help_text=_("Die Kennung dieser Dokumentversion."))
    documentId = serializers.UUIDField()
    title = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # the answer's field name
    number = serializers.IntegerField(help_text=_("Versionsnummer, ab 1."))
    filename = serializers.CharField()
    contentType = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    createdAt = serializers.DateTimeField()
    href = serializers.URLField()


class AcknowledgementSerializer(serializers.Serializer[Any]):
    accepted = serializers.BooleanField()
    reason = serializers.CharField()
    createdAt = serializers.DateTimeField()


class SubmissionDetailSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    href = serializers.URLField()
    fileNumber = serializers.CharField(help_text=_("Aktenzeichen."))
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    statusLabel = serializers.CharField()
    version = serializers.IntegerField(
        help_text=_("Optimistische Sperre: bei Schreibzugriffen mitsenden.")
    )
    submittedAt = serializers.DateTimeField()
    receivedAt = serializers.DateTimeField()
    dueOn = serializers.DateField(allow_null=True)
    service = ServiceRefSerializer()
    place = AuthorityShortSerializer(help_text=_("Der Ort, für den beantragt wurde."))
    responsible = AuthorityShortSerializer(help_text=_("Die zuständige Behörde."))
    processing = AuthorityShortSerializer(help_text=_("Die bearbeitende Behörde."))
    formVersion = serializers.IntegerField()
    answers = serializers.DictField(help_text=_("Die Antworten nach dem Formular."))
    fees = FeesSerializer()
    documents = DocumentSerializer(many=True)
    acknowledgement = AcknowledgementSerializer(allow_null=True)


class AcknowledgementResultSerializer(AcknowledgementSerializer):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    version = serializers.IntegerField()


class CaseStateSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    statusLabel = serializers.CharField()
    version = serializers.IntegerField()


class DecisionResultSerializer(CaseStateSerializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    issuedAt = serializers.DateTimeField()
    document = DocumentSerializer()


# -- shaping -----------------------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def authority_short_json(authority: Authority) -> dict[str, Any]:
    return {"ars": authority.ars, "name": authority.name}


def service_ref_json(case: Case) -> dict[str, Any]:
    service = case.service
    return {"key": service.key, "leikaKey": service.leika_key, "title": service.title}


def case_state_json(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "status": case.status,
        "statusLabel": str(CaseStatus(case.status).label),
        "version": case.version,
    }


def submission_summaries_json(
    rows: Iterable[Sequence[Any]], href_prefix: str
) -> list[dict[str, Any]]:
    """The rows of the submissions list, from tuples in the order of
    ``integrations.selectors.SUBMISSION_ROW_VALUES``: what :func:`case_state_json` and
    :func:`service_ref_json` make of a case, without a model instance per row (a page
    of 100 cost more in ``Model.__init__`` than in SQL); status labels once per page."""
    labels: dict[str, str] = {}
    out = []
    for _pk, received_at, reference, status, version, slug, leika_key, title, acknowledged in rows:
        label = labels.get(status)
        if label is None:
            label = labels[status] = str(CaseStatus(status).label)
        out.append(
            {
                "reference": reference,
                "status": status,
                "statusLabel": label,
                "version": version,
                "href": href_prefix + quote(reference, safe=""),
                "service": {"key": leika_key or slug, "leikaKey": leika_key, "title": title},
                "receivedAt": _iso(received_at),
                "acknowledged": bool(acknowledged),
            }
        )
    return out


def document_json(document: CaseDocument, version: DocumentVersion, href: str) -> dict[str, Any]:
    return {
        "id": str(version.pk),
        "documentId": str(document.pk),
        "title": document.title,
        "source": document.source,
        "number": version.number,
        "filename": version.filename,
        "contentType": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
        "createdAt": _iso(version.created_at),
        "href": href,
    }


def acknowledgement_json(row: SubmissionAcknowledgement | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"accepted": row.accepted, "reason": row.reason, "createdAt": _iso(row.created_at)}


def submission_json(
    case: Case,
    submission: Submission,
    *,
    href: str,
    documents: list[dict[str, Any]],
    acknowledgement: SubmissionAcknowledgement | None,
) -> dict[str, Any]:
    return {
        **case_state_json(case),
        "href": href,
        "fileNumber": case.file_number,
        "submittedAt": _iso(submission.submitted_at),
        "receivedAt": _iso(case.received_at),
        "dueOn": _iso(case.due_on),
        "service": service_ref_json(case),
        "place": authority_short_json(submission.place),
        "responsible": authority_short_json(submission.responsible),
        "processing": authority_short_json(submission.authority),
        "formVersion": submission.version.number,
        "answers": submission.answers,
        "fees": {
            "lines": [
                {
                    "label": str(line.get("label", "")),
                    "amount": str(line.get("amount", "0.00")),
                    "quantity": int(line.get("quantity", 1)),
                    "total": str(line.get("total", "0.00")),
                }
                for line in submission.fee_lines
            ],
            "total": f"{submission.fee_total:.2f}",
        },
        "documents": documents,
        "acknowledgement": acknowledgement_json(acknowledgement),
    }
