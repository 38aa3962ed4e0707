"""The supplier's pages: choose a network's inbox, upload an invoice, and the receipt
with the validation result and the status. The receipt number (random, 10 characters
of 32) is the supplier's key to its receipt page; it shows nothing the supplier did
not send. Works without JavaScript."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from verbund.einvoice import selectors, services
from verbund.einvoice.forms import UploadForm
from verbund.einvoice.models import Channel, Invoice, InvoiceInbox


@require_safe
def choose(request: HttpRequest) -> HttpResponse:
    return render(request, "einvoice/choose.html", {"inboxes": selectors.active_inboxes()})


@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    inbox = (
        InvoiceInbox.objects.filter(network__slug=slug, active=True).select_related("network")
    ).first()
    if inbox is None:
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not services.invoice_submission_allowed(str(request.META.get("REMOTE_ADDR", ""))):
            form.add_error(None, services.too_many_message())
            context = {"inbox": inbox, "form": form}
            return render(request, "einvoice/upload.html", context, status=429)
        upload_ = form.cleaned_data["file"]
        try:
            invoice = services.invoice_receive(
                inbox=inbox,
                data=upload_.read(),
                channel=Channel.PORTAL,
                filename=upload_.name or "",
                supplier_email=form.cleaned_data["email"] or "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("einvoice:receipt", receipt=invoice.receipt_number)
    return render(request, "einvoice/upload.html", {"inbox": inbox, "form": form})


@require_safe
def receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    invoice = (
        Invoice.objects.filter(receipt_number=receipt.upper()[:20])
        .select_related("network")
        .defer("original", "xml")
        .first()
    )
    if invoice is None:
        raise Http404
    messages_ = invoice.report.get("messages", [])
    return render(
        request,
        "einvoice/receipt.html",
        {
            "invoice": invoice,
            "errors": [m for m in messages_ if m.get("level") == "error"],
            "warnings": [m for m in messages_ if m.get("level") == "warning"],
            "informations": [m for m in messages_ if m.get("level") == "information"],
        },
    )
