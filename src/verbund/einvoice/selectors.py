"""Reads of the eRechnung inbox."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from verbund.einvoice import document, leitweg, validation
from verbund.einvoice.models import Invoice, InvoiceInbox, InvoiceStatus, LeitwegId
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships

OPEN = (InvoiceStatus.RECEIVED, InvoiceStatus.CLARIFICATION)


def invoice_content(invoice: Invoice) -> document.Document | None:
    """What the invoice says (for its readable view), ``None`` where no XML was found."""
    if not invoice.xml:
        return None
    return document.read(validation.read_xml(bytes(invoice.xml)))


def invoice_attachment(invoice: Invoice, position: int) -> document.Attachment | None:
    """The invoice's ``position``-th attachment (BG-24), counted from 1."""
    content = invoice_content(invoice)
    if content is None or not 1 <= position <= len(content.attachments):
        return None
    return content.attachments[position - 1]


def inbox_of(network: Network) -> InvoiceInbox | None:
    return InvoiceInbox.objects.filter(network=network).first()


def active_inboxes() -> QuerySet[InvoiceInbox]:
    return (
        InvoiceInbox.objects.filter(active=True).select_related("network").order_by("network__name")
    )


def inbox_by_address(address: str) -> InvoiceInbox | None:
    return (
        InvoiceInbox.objects.filter(email_address__iexact=address.strip(), active=True)
        .select_related("network")
        .first()
    )


def recipient_of(network: Network, buyer_reference: str) -> LeitwegId | None:
    """The active Leitweg-ID ``buyer_reference`` names, if its authority is a member."""
    value = leitweg.normalise(buyer_reference)
    if not value:
        return None
    members = active_memberships(network).values("authority_id")
    return (
        LeitwegId.objects.filter(value=value, active=True, authority_id__in=members)
        .select_related("authority")
        .first()
    )


def duplicate_of(
    network: Network,
    *,
    seller_vat_id: str,
    seller_name: str,
    number: str,
    gross_total: Decimal | None,
) -> Invoice | None:
    """The earliest invoice of the network with the same supplier, number and amount."""
    if not number or gross_total is None:
        return None
    seller = Q(seller_vat_id=seller_vat_id) if seller_vat_id else Q(seller_name=seller_name)
    return (
        Invoice.objects.filter(seller, network=network, number=number, gross_total=gross_total)
        .order_by("received_at", "pk")
        .first()
    )


def invoices_of_authority(scope: QuerySet[Invoice], authority_id: int) -> QuerySet[Invoice]:
    return scope.filter(authority_id=authority_id).defer("original", "xml", "report")


def clarification_queue(scope: QuerySet[Invoice], network: Network) -> QuerySet[Invoice]:
    return scope.filter(
        network=network, authority__isnull=True, status=InvoiceStatus.CLARIFICATION
    ).defer("original", "xml", "report")


def counts_by_status(invoices: QuerySet[Invoice]) -> dict[str, int]:
    counts = {status.value: 0 for status in InvoiceStatus}
    for row in invoices.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


EXPORT_FIELDS = (
    "receipt_number",
    "received_at",
    "channel",
    "status",
    "valid",
    "number",
    "issue_date",
    "due_date",
    "currency",
    "buyer_reference",
    "seller_name",
    "seller_vat_id",
    "buyer_name",
    "net_total",
    "tax_total",
    "gross_total",
    "amount_due",
    "duplicate_of",
    "decided_at",
    "decision_reason",
)


def header_fields(invoice: Invoice) -> dict[str, Any]:
    """The header fields of an invoice as the finance exports carry them."""
    row: dict[str, Any] = {}
    for name in EXPORT_FIELDS:
        value = getattr(invoice, name)
        if name == "duplicate_of":
            value = value.receipt_number if value else None
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (bool, str)):
            value = str(value)
        row[name] = value
    return row
