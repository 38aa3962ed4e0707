"""Staff pages of the eRechnung inbox: a member's invoice inbox with its exports, an
invoice (readable view, validation report, decision), the network's clarification
queue and inbox address, and a member's Leitweg-IDs.

Who may do what is the policies' (``einvoice/policies.py``); every id from the URL is
loaded through the access layer, so another tenant's ids answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.core.storage import private_download
from verbund.einvoice import export, selectors, services
from verbund.einvoice.forms import AssignForm, InboxForm, LeitwegIdForm, RejectForm
from verbund.einvoice.models import Invoice, InvoiceStatus, LeitwegId
from verbund.einvoice.selectors import header_fields
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships


def _authority(request: HttpRequest, pk: int) -> Authority:
    if pk not in grants_for(request.user).authority_ids():
        raise Http404
    authority = Authority.objects.filter(pk=pk).first()
    if authority is None:  # pragma: no cover - a role names an existing authority
        raise Http404
    return authority


@require_safe
@staff_required
def inbox(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    scope = selectors.invoices_of_authority(scoped(request.user, Invoice), authority.pk)
    status = request.GET.get("status", "")
    counts = selectors.counts_by_status(scope)
    shown = scope.filter(status=status) if status in InvoiceStatus.values else scope
    return render(
        request,
        "staff/einvoice/inbox.html",
        {
            "authority": authority,
            "invoices": shown.select_related("duplicate_of")[:200],
            "counts": counts,
            "statuses": InvoiceStatus.choices,
            "status": status,
            "leitweg_ids": scoped(request.user, LeitwegId).filter(authority=authority),
            "may_edit_ids": authority.pk in grants_for(request.user).admin_authority_ids,
        },
    )


@require_safe
@staff_required
def inbox_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    authority = _authority(request, pk)
    scope = selectors.invoices_of_authority(scoped(request.user, Invoice), authority.pk)
    status = request.GET.get("status", InvoiceStatus.ACCEPTED)
    if status in InvoiceStatus.values:
        scope = scope.filter(status=status)
    rows = [header_fields(invoice) for invoice in scope.select_related("duplicate_of")]
    name = f"erechnungen-{authority.pk}-{status or 'alle'}"
    if fmt == "json":
        response = HttpResponse(
            export.inbox_json(rows), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(export.inbox_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _members(network: Network) -> list[tuple[int, str]]:
    return [
        (m.authority_id, m.authority.name)
        for m in active_memberships(network).select_related("authority")
    ]


@require_safe
@staff_required
def invoice_detail(request: HttpRequest, invoice_pk: int) -> HttpResponse:
    invoice = access_by_id(request.user, Invoice, invoice_pk)
    content = selectors.invoice_content(invoice)
    messages_ = invoice.report.get("messages", [])
    may_decide = not invoice.decided and can(request.user, Action.CHANGE, invoice)
    may_assign = not invoice.decided and can(request.user, Action.MANAGE, invoice)
    return render(
        request,
        "staff/einvoice/invoice.html",
        {
            "invoice": invoice,
            "content": content,
            "errors": [m for m in messages_ if m.get("level") == "error"],
            "warnings": [m for m in messages_ if m.get("level") == "warning"],
            "informations": [m for m in messages_ if m.get("level") == "information"],
            "may_decide": may_decide,
            "may_assign": may_assign,
            "reject_form": RejectForm(),
            "assign_form": AssignForm(members=_members(invoice.network)) if may_assign else None,
        },
    )


@require_POST
@staff_required
def invoice_accept(request: HttpRequest, invoice_pk: int) -> HttpResponse:
    invoice = access_by_id(request.user, Invoice, invoice_pk)
    try:
        services.invoice_accept(actor=request.user, invoice=invoice)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Rechnung ist angenommen."))
    return redirect("staff:einvoice_invoice", invoice_pk=invoice.pk)


@require_POST
@staff_required
def invoice_reject(request: HttpRequest, invoice_pk: int) -> HttpResponse:
    invoice = access_by_id(request.user, Invoice, invoice_pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.invoice_reject(
                actor=request.user, invoice=invoice, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(request, _("Die Rechnung ist zurückgewiesen."))
    else:
        for error in form.errors.get("reason", []):
            messages.error(request, str(error))
    return redirect("staff:einvoice_invoice", invoice_pk=invoice.pk)


@require_POST
@staff_required
def invoice_assign(request: HttpRequest, invoice_pk: int) -> HttpResponse:
    invoice = access_by_id(request.user, Invoice, invoice_pk, Action.MANAGE)
    form = AssignForm(request.POST, members=_members(invoice.network))
    if not form.is_valid():
        messages.error(request, _("Bitte ein Mitglied des Verbunds auswählen."))
        return redirect("staff:einvoice_invoice", invoice_pk=invoice.pk)
    authority = Authority.objects.get(pk=form.cleaned_data["authority"])
    try:
        services.invoice_assign(actor=request.user, invoice=invoice, authority=authority)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
        return redirect("staff:einvoice_invoice", invoice_pk=invoice.pk)
    messages.success(request, _("Die Rechnung ist %(name)s zugeordnet.") % {"name": authority.name})
    return redirect("staff:network_einvoice", pk=invoice.network_id)


@require_safe
@staff_required  # type: ignore[arg-type]
def invoice_file(request: HttpRequest, invoice_pk: int, kind: str) -> FileResponse:
    """The invoice XML exactly as received (``xml``) or the file as sent (``original``)."""
    invoice = access_by_id(request.user, Invoice, invoice_pk)
    if kind == "xml":
        if not invoice.xml:
            raise Http404
        return private_download(
            ContentFile(bytes(invoice.xml)),
            filename=f"{invoice.receipt_number}.xml",
            content_type="application/xml",
        )
    return private_download(
        ContentFile(bytes(invoice.original)),
        filename=f"{invoice.receipt_number}-original.{invoice.container}",
        content_type="application/pdf" if invoice.container == "pdf" else "application/xml",
    )


@require_safe
@staff_required  # type: ignore[arg-type]
def invoice_attachment(request: HttpRequest, invoice_pk: int, position: int) -> FileResponse:
    """An attachment embedded in the invoice (BG-24), the ``position``-th from 1, always
    as a download; a type outside XRechnung's list is sent as plain bytes."""
    invoice = access_by_id(request.user, Invoice, invoice_pk)
    attachment = selectors.invoice_attachment(invoice, position)
    if attachment is None or attachment.content is None:
        raise Http404
    return private_download(
        ContentFile(attachment.content),
        filename=attachment.download_name(invoice.receipt_number, position),
        content_type=attachment.content_type,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def network_einvoice(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    coordinating = can(request.user, Action.CHANGE, network)
    if not coordinating:
        raise Http404
    inbox_ = selectors.inbox_of(network)
    form = InboxForm(
        request.POST or None,
        initial={
            "email_address": inbox_.email_address if inbox_ else "",
            "active": inbox_.active if inbox_ else True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invoice_inbox_set(
                actor=request.user,
                network=network,
                email_address=form.cleaned_data["email_address"],
                active=form.cleaned_data["active"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Rechnungseingang ist eingerichtet."))
            return redirect("staff:network_einvoice", pk=network.pk)
    queue = selectors.clarification_queue(scoped(request.user, Invoice), network)
    members = active_memberships(network).values("authority_id")
    return render(
        request,
        "staff/einvoice/network.html",
        {
            "network": network,
            "inbox": inbox_,
            "form": form,
            "queue": queue[:200],
            "leitweg_ids": scoped(request.user, LeitwegId)
            .filter(authority_id__in=members, active=True)
            .select_related("authority")
            .order_by("authority__name", "value"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def leitweg_ids(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _authority(request, pk)
    may_edit = authority.pk in grants_for(request.user).admin_authority_ids
    form = LeitwegIdForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                services.leitweg_id_add(
                    actor=request.user,
                    authority=authority,
                    value=form.cleaned_data["value"],
                    label=form.cleaned_data["label"],
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Leitweg-ID ist eingetragen."))
                return redirect("staff:einvoice_leitweg_ids", pk=authority.pk)
    return render(
        request,
        "staff/einvoice/leitweg_ids.html",
        {
            "authority": authority,
            "entries": scoped(request.user, LeitwegId).filter(authority=authority),
            "form": form,
            "may_edit": may_edit,
        },
    )


@require_POST
@staff_required
def leitweg_id_deactivate(request: HttpRequest, entry_pk: int) -> HttpResponse:
    entry = access_by_id(request.user, LeitwegId, entry_pk, Action.CHANGE)
    try:
        services.leitweg_id_deactivate(actor=request.user, entry=entry)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Leitweg-ID ist stillgelegt."))
    return redirect("staff:einvoice_leitweg_ids", pk=entry.authority_id)
