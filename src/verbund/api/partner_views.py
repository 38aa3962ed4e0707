"""The API for specialist systems (Fachverfahren) of an authority: its complete
submissions, their documents, the acknowledgement, the case's status and the
decision. Thin: authenticate, check the scope, find the case, validate, call a
service, shape.

Every endpoint answers in this order: 401 without a valid token, 403 without the
scope, 404 for a reference the client may not see (another authority's looks
exactly like an unknown one, and nothing changes), then 400 for bad input naming
the field and 409 when the case's state does not allow the write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http_status
from rest_framework.exceptions import APIException, NotFound, ParseError, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from verbund.api.authentication import ApiClientAuthentication, request_client, scope_required
from verbund.api.pagination import DEFAULT_PAGE_SIZE, cursor_encode, cursor_link, page_links
from verbund.api.partner_serializers import (
    AcknowledgementRequestSerializer,
    AcknowledgementResultSerializer,
    CaseStateSerializer,
    CaseStatusRequestSerializer,
    DecisionRequestSerializer,
    DecisionResultSerializer,
    ErrorSerializer,
    SubmissionDetailSerializer,
    SubmissionPageSerializer,
    SubmissionQuerySerializer,
    acknowledgement_json,
    case_state_json,
    document_json,
    submission_json,
    submission_summaries_json,
)
from verbund.cases.models import Case
from verbund.cases.selectors import case_documents, case_version, decision_pdf_version
from verbund.cases.services import (
    CaseConflict,
    case_set_status,
    decision_issue,
    stored_file_from_bytes,
)
from verbund.core.limits import API_FIELDS_BYTES, api_body_limit
from verbund.core.storage import private_download
from verbund.integrations.models import ApiClient, Scope
from verbund.integrations.selectors import (
    SUBMISSION_ROW_VALUES,
    acknowledgement_of,
    after_position,
    client_actor,
    client_case,
    client_submissions,
)
from verbund.integrations.services import AlreadyAcknowledged, submission_acknowledge

# Bodies of the small writes; the decision may carry a PDF in Base64 (4/3 of its size).
SMALL_BODY_BYTES = API_FIELDS_BYTES
# Arrays and objects inside each other; the deepest body of the API has two levels.
MAX_JSON_DEPTH = 32
# What a body nested too deeply for Python's parser stands for.
TOO_DEEP = object()
# Refusals of the cases services that concern the case's state (409), not the input.
STATE_CODES = frozenset(
    {
        "conflict",
        "transition",
        "status",
        "decided",
        "not_open",
        "closed",
        "acknowledged",
        # The authority has no administrative court configured for its letters.
        "no_court",
    }
)
# Refusals that concern one field of the input: the API's name for that field.
FIELD_CODES = {
    "outcome": "outcome",
    "fee": "feeAmount",
    "unknown_status": "status",
    "reason": "reason",
    "remedy_court": "remedyNotice",
}


class Conflict(APIException):
    status_code = http_status.HTTP_409_CONFLICT
    default_detail = "Conflict."
    default_code = "conflict"


class PayloadTooLarge(APIException):
    status_code = http_status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Payload too large."
    default_code = "too_large"


def partner_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers, with a machine-readable ``code`` beside every ``detail``."""
    response = exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, APIException)
        and not isinstance(exc, ValidationError)
        and isinstance(response.data, dict)
        and "detail" in response.data
    ):
        response.data["code"] = str(getattr(exc.detail, "code", None) or exc.default_code)
    return response


def _reject_constant(name: str) -> Any:
    # NaN and Infinity are no JSON (RFC 8259), though Python's json reads them.
    raise ValueError(f"{name} is not allowed in JSON")


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (a scalar: 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


class LimitedJSONParser(BaseParser):
    """JSON bodies up to the view's ``max_body_bytes``: read no further than that.

    Not a subclass of DRF's ``JSONParser``: DRF hands those ``request.body``, which
    Django reads whole and refuses beyond ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (a form
    setting, smaller than a decision with its PDF); this parser gets the stream and
    reads at most one byte beyond its limit. Nesting deeper than
    :data:`MAX_JSON_DEPTH` is bad input, not a crash.
    """

    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        context = parser_context or {}
        view = context.get("view")
        limit = int(getattr(view, "max_body_bytes", SMALL_BODY_BYTES))
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise PayloadTooLarge(
                _("Die Anfrage ist zu groß (höchstens %(n)d Bytes).") % {"n": limit}
            )
        encoding = context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            value = json.loads(data.decode(encoding), parse_constant=_reject_constant)
        except RecursionError:
            value = TOO_DEEP
        except ValueError:
            raise ParseError(_("Der Inhalt der Anfrage ist kein gültiges JSON.")) from None
        if value is TOO_DEEP or _depth(value) > MAX_JSON_DEPTH:
            raise ParseError(
                _("Die Anfrage ist zu tief verschachtelt (höchstens %(n)d Ebenen).")
                % {"n": MAX_JSON_DEPTH},
                code="too_deep",
            )
        return value


class AnyContentNegotiation(BaseContentNegotiation):
    """A file download answers with the file's own type whatever ``Accept`` asks for;
    its errors are JSON."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: "Bad input: an object of field name → list of messages (German, or English by "
        "Accept-Language), or {detail, code} for a body that is not JSON.",
        401: "No token, an unknown or a revoked one (with WWW-Authenticate: Bearer).",
        403: "The token lacks the scope of this endpoint.",
        404: "No submission with this reference for the client's authority (another "
        "authority's looks the same).",
        409: "The case's state does not allow this (an illegal transition, a stale version, "
        "a decision already issued, a second acknowledgement).",
        413: "The body is too large.",
        415: "The body is not application/json.",
    }
    schemas: dict[int, Any] = {400: OpenApiTypes.OBJECT}
    return {
        code: OpenApiResponse(response=schemas.get(code, ErrorSerializer), description=text)
        for code, text in descriptions.items()
        if code in codes
    }


REFERENCE = OpenApiParameter(
    "reference",
    str,
    OpenApiParameter.PATH,
    description="The submission's reference number (Vorgangsnummer), e.g. VB-2026-ABCD-EFGH.",
)


class PartnerView(APIView):
    """Token authentication, JSON in and out, 404 for cases the client may not see."""

    authentication_classes = [ApiClientAuthentication]
    parser_classes = [LimitedJSONParser]
    renderer_classes = [JSONRenderer]
    max_body_bytes = SMALL_BODY_BYTES

    def get_exception_handler(self) -> Any:
        return partner_exception_handler

    def case_for(self, request: Request, reference: str) -> tuple[ApiClient, Case]:
        client = request_client(request)
        case = client_case(client, reference)
        if case is None:
            raise NotFound(_("Keinen Antrag mit dieser Vorgangsnummer gefunden."))
        return client, case

    def submission_href(self, request: Request, reference: str) -> str:
        return request.build_absolute_uri(
            reverse("api:submission-detail", kwargs={"reference": reference})
        )

    def document_href(self, request: Request, reference: str, version_id: Any) -> str:
        return request.build_absolute_uri(
            reverse(
                "api:submission-document",
                kwargs={"reference": reference, "version_id": str(version_id)},
            )
        )

    def validated(self, serializer_class: type[Any], request: Request) -> dict[str, Any]:
        data = request.data
        if not isinstance(data, dict):
            raise ValidationError(
                {"non_field_errors": [_("Erwartet wird ein JSON-Objekt.")]}, code="invalid"
            )
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


def _refused(exc: DjangoValidationError) -> APIException:
    """A refusal of a service as the API's answer: 409 for the case's state, else 400
    at the field it concerns."""
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    code = getattr(exc, "code", None) or ""
    messages = exc.messages
    if isinstance(exc, CaseConflict | AlreadyAcknowledged) or code in STATE_CODES:
        return Conflict(" ".join(messages), code=code or "conflict")
    return ValidationError({FIELD_CODES.get(code, "non_field_errors"): messages}, code=code)


class SubmissionList(PartnerView):
    permission_classes = [scope_required(Scope.SUBMISSIONS_READ)]

    @extend_schema(
        operation_id="submissions_list",
        parameters=[SubmissionQuerySerializer],
        responses={200: SubmissionPageSerializer, **_errors(400, 401, 403, 404)},
        summary="The authority's complete submissions, newest first",
        description="Scope `submissions:read`. Cases still awaiting payment are not listed. "
        "`state=new` (default): those this client has not acknowledged yet. Pages by "
        "number (`page`, with `count`; a page past the end answers 404) or, for systems "
        "that poll, by position: `cursor=` (empty) for the first page, then each "
        "answer's `nextCursor` (no `count`; every page costs the same, however deep).",
        tags=["submissions"],
    )
    def get(self, request: Request) -> Response:
        client = request_client(request)
        # A plain dict, not the QueryDict: DRF reads an empty optional parameter of a
        # QueryDict as absent (form semantics), so ``page=`` would pass as page 1.
        params = SubmissionQuerySerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        data = params.validated_data
        size = data.get("page_size", DEFAULT_PAGE_SIZE)
        cases = client_submissions(client, only_new=data["state"] == "new")
        # Tuples, not model instances (SUBMISSION_ROW_VALUES: id and receipt time first).
        rows_of = cases.values_list(*SUBMISSION_ROW_VALUES)
        # Links without a URL resolver call per row: the list's own URL plus the reference.
        prefix = request.build_absolute_uri(reverse("api:submissions")) + "/"
        if "cursor" in data:
            if data["cursor"] is not None:
                rows_of = after_position(rows_of, *data["cursor"])
            rows = list(rows_of[: size + 1])  # one more tells whether a next page exists
            more = len(rows) > size
            rows = rows[:size]
            token = cursor_encode(rows[-1][1], rows[-1][0]) if more else None
            links = {"next": cursor_link(request, token), "previous": None}
            count = None
        else:
            number = data.get("page", 1)
            count = cases.count()
            rows = list(rows_of[(number - 1) * size : number * size])
            if number > 1 and not rows:
                raise NotFound(_("Diese Seite gibt es nicht."))
            links = page_links(request, number, size, count)
            more = number * size < count
            token = cursor_encode(rows[-1][1], rows[-1][0]) if more else None
        return Response(
            {
                "count": count,
                **links,
                "nextCursor": token,
                "results": submission_summaries_json(rows, prefix),
            }
        )


class SubmissionDetail(PartnerView):
    permission_classes = [scope_required(Scope.SUBMISSIONS_READ)]

    @extend_schema(
        operation_id="submissions_retrieve",
        parameters=[REFERENCE],
        responses={200: SubmissionDetailSerializer, **_errors(401, 403, 404)},
        summary="One submission with its answers, fees, case and documents",
        description="Scope `submissions:read`. `documents` lists every version of every "
        "document in the case file; `href` downloads it.",
        tags=["submissions"],
    )
    def get(self, request: Request, reference: str) -> Response:
        client, case = self.case_for(request, reference)
        submission = case.submission
        documents = [
            document_json(
                document, version, self.document_href(request, case.reference, version.pk)
            )
            for document in case_documents(case)
            for version in document.versions.all()
            if version.deleted_at is None
        ]
        body = submission_json(
            case,
            submission,
            href=self.submission_href(request, case.reference),
            documents=documents,
            acknowledgement=acknowledgement_of(client, case),
        )
        return Response(body)


class SubmissionDocument(PartnerView):
    permission_classes = [scope_required(Scope.SUBMISSIONS_READ)]
    content_negotiation_class = AnyContentNegotiation

    @extend_schema(
        operation_id="submissions_document_retrieve",
        parameters=[
            REFERENCE,
            OpenApiParameter(
                "version_id",
                str,
                OpenApiParameter.PATH,
                description="The document version's id (`documents[].id`).",
            ),
        ],
        responses={
            (200, "*/*"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The file, with its own Content-Type (application/pdf, image/png, "
                "…) and Content-Disposition: attachment.",
            ),
            **_errors(401, 403, 404),
        },
        summary="The content of one document version",
        description="Scope `submissions:read`. Compare the SHA-256 of the content with "
        "`documents[].sha256`.",
        tags=["submissions"],
    )
    def get(self, request: Request, reference: str, version_id: str) -> FileResponse:
        _client, case = self.case_for(request, reference)
        version = case_version(case, version_id)
        if version is None or not version.file.name:
            raise NotFound(_("Dieses Dokument gibt es in diesem Vorgang nicht."))
        return private_download(
            version.file, filename=version.filename, content_type=version.content_type
        )


class SubmissionAcknowledgementView(PartnerView):
    permission_classes = [scope_required(Scope.SUBMISSIONS_ACKNOWLEDGE)]

    @extend_schema(
        operation_id="submissions_acknowledgement_create",
        parameters=[REFERENCE],
        request=AcknowledgementRequestSerializer,
        responses={
            201: AcknowledgementResultSerializer,
            **_errors(400, 401, 403, 404, 409, 413, 415),
        },
        summary="Took the submission over, or refused it",
        description="Scope `submissions:acknowledge`. `accepted: true` notes the takeover in "
        "the case history and starts work on a received case (status in_progress). "
        "`accepted: false` needs a `reason`; the case stays where it is and stands out in "
        "the clerks' inbox. Each client answers each submission once (again: 409).",
        tags=["submissions"],
    )
    def post(self, request: Request, reference: str) -> Response:
        client, case = self.case_for(request, reference)
        data = self.validated(AcknowledgementRequestSerializer, request)
        try:
            row = submission_acknowledge(
                client=client, case=case, accepted=data["accepted"], reason=data["reason"]
            )
        except DjangoValidationError as exc:
            raise _refused(exc) from None
        case.refresh_from_db(fields=["status", "version"])
        return Response(
            {
                "reference": case.reference,
                **(acknowledgement_json(row) or {}),
                "status": case.status,
                "version": case.version,
            },
            status=http_status.HTTP_201_CREATED,
        )


class CaseStatusView(PartnerView):
    permission_classes = [scope_required(Scope.CASES_WRITE)]

    @extend_schema(
        operation_id="cases_status_create",
        parameters=[REFERENCE],
        request=CaseStatusRequestSerializer,
        responses={200: CaseStateSerializer, **_errors(400, 401, 403, 404, 409, 413, 415)},
        summary="Set the case's status",
        description="Scope `cases:write`. Only the transitions a clerk makes directly: "
        "received → in_progress and granted/refused → closed. Any other transition, and a "
        "`version` older than the case's, answers 409 and changes nothing.",
        tags=["cases"],
    )
    def post(self, request: Request, reference: str) -> Response:
        client, case = self.case_for(request, reference)
        data = self.validated(CaseStatusRequestSerializer, request)
        try:
            updated = case_set_status(
                actor=client_actor(client),
                case=case,
                status=data["status"],
                note=data["note"],
                expected_version=data["version"],
            )
        except DjangoValidationError as exc:
            raise _refused(exc) from None
        return Response(case_state_json(updated))


class CaseDecisionView(PartnerView):
    permission_classes = [scope_required(Scope.CASES_WRITE)]

    @property
    def max_body_bytes(self) -> int:  # type: ignore[override]
        return api_body_limit()

    @extend_schema(
        operation_id="cases_decision_create",
        parameters=[REFERENCE],
        request=DecisionRequestSerializer,
        responses={201: DecisionResultSerializer, **_errors(400, 401, 403, 404, 409, 413, 415)},
        summary="Issue the decision (Bescheid)",
        description="Scope `cases:write`. The case must be in progress with no open request "
        "or participation, else 409. With `document` (a PDF in Base64, checked to be one) "
        "that file is the Bescheid; without it the platform renders the letter from the "
        "texts, which needs the authority's administrative court (409 `no_court` when none "
        "is configured; an empty `remedyNotice` takes the case type's notice naming it, 400 "
        "when a given one does not name it). The applicant is told by e-mail.",
        tags=["cases"],
    )
    def post(self, request: Request, reference: str) -> Response:
        client, case = self.case_for(request, reference)
        data = self.validated(DecisionRequestSerializer, request)
        document = data.get("document")
        pdf = None
        if document is not None:
            pdf = stored_file_from_bytes(
                document["filename"], document["content_type"], document["data"]
            )
        try:
            decision = decision_issue(
                actor=client_actor(client),
                case=case,
                outcome=data["outcome"],
                body=data["body"],
                remedy_notice=data["remedyNotice"],
                fee_amount=data["feeAmount"],
                fee_note=data["feeNote"],
                expected_version=data.get("version"),
                pdf=pdf,
            )
        except DjangoValidationError as exc:
            raise _refused(exc) from None
        case.refresh_from_db(fields=["status", "version"])
        version = decision_pdf_version(case)
        if version is None:  # pragma: no cover - decision_issue always files the letter
            raise NotFound()
        return Response(
            {
                **case_state_json(case),
                "outcome": decision.outcome,
                "issuedAt": decision.issued_at.isoformat(),
                "document": document_json(
                    version.document,
                    version,
                    self.document_href(request, case.reference, version.pk),
                ),
            },
            status=http_status.HTTP_201_CREATED,
        )
