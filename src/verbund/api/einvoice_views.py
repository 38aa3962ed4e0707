"""The eRechnung endpoints of the API.

* ``POST /api/v1/einvoice/<network>/invoices``: a supplier delivers one invoice (the
  raw XML or ZUGFeRD/Factur-X PDF as the body). No token: like the portal upload and
  the e-mail address, the inbox takes invoices from anyone; the answer is the receipt
  number and the validation report. An invalid invoice is kept and answered too (201
  with ``valid: false``): the supplier learns why.
* ``GET /api/v1/invoices`` and ``/invoices/<receipt>`` (+ ``/xml``): a member's finance
  system fetches its accepted invoices, the header fields as JSON and the XML
  unchanged; scope ``invoices:read`` (docs/einvoice.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status as http_status
from rest_framework.exceptions import APIException, NotFound, Throttled, ValidationError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from verbund.api.authentication import request_client, scope_required
from verbund.api.partner_views import PartnerView
from verbund.einvoice.models import Channel, Invoice, InvoiceInbox, InvoiceStatus
from verbund.einvoice.selectors import header_fields
from verbund.einvoice.services import (
    RATE_WINDOW,
    invoice_receive,
    invoice_submission_allowed,
    too_many_message,
)
from verbund.einvoice.validation import max_bytes, max_megabytes
from verbund.integrations.models import Scope


class TooLarge(APIException):
    status_code = http_status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class TooManyInvoices(Throttled):
    """429 with ``Retry-After`` and our own German message."""

    def __init__(self) -> None:
        super().__init__(detail=too_many_message())
        self.wait = int(RATE_WINDOW.total_seconds())


class RawInvoiceParser(BaseParser):
    """The body as bytes, whatever its type; at most the invoice size limit."""

    media_type = "*/*"

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = max_bytes()
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise TooLarge(_("Die Rechnung ist größer als %(mb)s MB.") % {"mb": max_megabytes()})
        return data


def _receipt_json(request: Request, invoice: Invoice) -> dict[str, Any]:
    return {
        "receiptNumber": invoice.receipt_number,
        "status": invoice.status,
        "valid": invoice.valid,
        "duplicateOf": invoice.duplicate_of.receipt_number if invoice.duplicate_of else None,
        "receiptUrl": request.build_absolute_uri(
            reverse("einvoice:receipt", kwargs={"receipt": invoice.receipt_number})
        ),
        "report": invoice.report,
    }


class InvoiceSubmit(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    parser_classes = [RawInvoiceParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="einvoice_submit",
        request={"application/xml": OpenApiTypes.BINARY, "application/pdf": OpenApiTypes.BINARY},
        responses={201: OpenApiResponse(OpenApiTypes.OBJECT, description="Receipt and report")},
        summary="Deliver one e-invoice (XRechnung XML or ZUGFeRD/Factur-X PDF)",
        description="The body is the invoice file. Optional header `X-Supplier-Email` for "
        "the receipt and a rejection notice. Answers 201 with the receipt number, the "
        "validation report and the status, also for an invalid invoice (it is kept); 400 "
        "for an empty body, 404 for an unknown network, 413 above the upload limit "
        "(`VERBUND_UPLOAD_MAX_MB`, 10 MB by default), 429 beyond "
        "`VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR` per client address (with the portal).",
        tags=["einvoice"],
    )
    def post(self, request: Request, slug: str) -> Response:
        inbox = (
            InvoiceInbox.objects.filter(network__slug=slug[:60], active=True)
            .select_related("network")
            .first()
        )
        if inbox is None:
            raise NotFound(_("Unter dieser Adresse nimmt kein Verbund Rechnungen an."))
        data = request.data
        if not isinstance(data, bytes) or not data.strip():
            raise ValidationError({"body": [_("Die Anfrage enthält keine Rechnung.")]})
        email = request.headers.get("X-Supplier-Email", "").strip()[:254]
        if email:
            try:
                validate_email(email)
            except DjangoValidationError:
                raise ValidationError(
                    {"X-Supplier-Email": [_("Bitte eine gültige E-Mail-Adresse angeben.")]}
                ) from None
        if not invoice_submission_allowed(str(request.META.get("REMOTE_ADDR", ""))):
            raise TooManyInvoices()
        filename = request.headers.get("X-Filename", "")[:200]
        try:
            invoice = invoice_receive(
                inbox=inbox,
                data=data,
                channel=Channel.API,
                filename=filename,
                supplier_email=email,
            )
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        return Response(_receipt_json(request, invoice), status=http_status.HTTP_201_CREATED)


def _client_invoices(request: Request) -> Any:
    client = request_client(request)
    return Invoice.objects.filter(
        authority_id=client.authority_id, status=InvoiceStatus.ACCEPTED
    ).select_related("duplicate_of")


def _invoice_json(request: Request, invoice: Invoice) -> dict[str, Any]:
    href = request.build_absolute_uri(
        reverse("api:invoice-detail", kwargs={"reference": invoice.receipt_number})
    )
    return {**header_fields(invoice), "href": href, "xml": f"{href}/xml"}


class InvoiceList(PartnerView):
    permission_classes = [scope_required(Scope.INVOICES_READ)]

    @extend_schema(
        operation_id="invoices_list",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
        summary="The authority's accepted e-invoices, newest first (at most 500)",
        description="Scope `invoices:read`. Header fields of each invoice and the links "
        "to its detail and its XML.",
        tags=["einvoice"],
    )
    def get(self, request: Request) -> Response:
        invoices = _client_invoices(request).defer("original", "xml", "report")[:500]
        return Response({"results": [_invoice_json(request, i) for i in invoices]})


class InvoiceDetail(PartnerView):
    permission_classes = [scope_required(Scope.INVOICES_READ)]

    @extend_schema(
        operation_id="invoices_retrieve",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT)},
        summary="One accepted e-invoice: header fields and validation report",
        tags=["einvoice"],
    )
    def get(self, request: Request, reference: str) -> Response:
        invoice = _client_invoices(request).filter(receipt_number=reference[:20]).first()
        if invoice is None:
            raise NotFound(_("Keine angenommene Rechnung mit dieser Eingangsnummer."))
        return Response({**_invoice_json(request, invoice), "report": invoice.report})


class InvoiceXml(PartnerView):
    permission_classes = [scope_required(Scope.INVOICES_READ)]

    @extend_schema(
        operation_id="invoices_xml",
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="The invoice XML")},
        summary="The invoice XML exactly as received (for a PDF: the embedded XML)",
        tags=["einvoice"],
    )
    def get(self, request: Request, reference: str) -> HttpResponse:
        invoice = _client_invoices(request).filter(receipt_number=reference[:20]).first()
        if invoice is None or not invoice.xml:
            raise NotFound(_("Keine angenommene Rechnung mit dieser Eingangsnummer."))
        response = HttpResponse(bytes(invoice.xml), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{invoice.receipt_number}.xml"'
        return response
