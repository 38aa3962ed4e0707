"""E-mails of the eRechnung inbox, run by ``verbund task_worker``: the receipt to the
supplier and the notice of a rejection with its reason, enqueued in the transaction
that writes the invoice or the decision; and the reply to an e-mail with invoices,
enqueued by ``verbund einvoice_receive_mail`` once the invoices are stored, so that a
mail server that is down never makes the message bounce after its invoices arrived."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

from verbund.einvoice.models import Invoice

KINDS = ("receipt", "rejected")


@task()
def notify_supplier(invoice_id: int, kind: str) -> bool:
    if kind not in KINDS:
        raise ValueError(f"unknown notice {kind!r}")
    invoice = (
        Invoice.objects.select_related("network", "authority")
        .defer("original", "xml")
        .get(pk=invoice_id)
    )
    if not invoice.supplier_email:
        return False
    context = {"invoice": invoice, "messages": invoice.report.get("messages", [])[:50]}
    subject = render_to_string(f"einvoice/email/{kind}_subject.txt", context)
    body = render_to_string(f"einvoice/email/{kind}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[invoice.supplier_email]).send()
    return True


@task()
def answer_mail(to: str, from_email: str, subject: str, body: str) -> bool:
    EmailMessage(subject, body, from_email=from_email or None, to=[to]).send()
    return True
