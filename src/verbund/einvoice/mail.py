"""Invoices that arrive by e-mail at a network's inbox address.

The mail server hands each message to ``verbund einvoice_receive_mail`` (a pipe
transport, see docs/einvoice.md); every XML or PDF attachment becomes one invoice with
its own receipt number, and the sender gets the receipt numbers back by e-mail (a
task, so the reply's fate cannot undo the receipt). A
message without an invoice attachment, or to no known address, is answered with the
reason and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage as ParsedMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.utils.translation import gettext as _

from verbund.einvoice import selectors, services
from verbund.einvoice.models import Channel, Invoice
from verbund.einvoice.tasks import answer_mail

INVOICE_SUFFIXES = (".xml", ".pdf")
INVOICE_TYPES = ("application/xml", "text/xml", "application/pdf")


@dataclass
class MailOutcome:
    sender: str = ""
    automatic: bool = False  # an auto-reply or bounce (RFC 3834): never answered
    inbox_address: str = ""
    invoices: list[Invoice] = field(default_factory=list)
    problem: str = ""


def _recipients(message: ParsedMessage) -> list[str]:
    headers = []
    for name in ("Delivered-To", "X-Original-To", "To", "Cc"):
        headers += [str(v) for v in message.get_all(name, [])]
    return [address for _name, address in getaddresses(headers) if address]


def mail_receive(raw: bytes) -> MailOutcome:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, ParsedMessage)
    outcome = MailOutcome(
        sender=parseaddr(str(message.get("From", "")))[1],
        automatic=str(message.get("Auto-Submitted", "no")).strip().lower() != "no"
        or str(message.get("Precedence", "")).strip().lower() in ("bulk", "junk", "list")
        or not str(message.get("Return-Path", "x")).strip("<> "),
    )
    inbox = None
    for address in _recipients(message):
        inbox = selectors.inbox_by_address(address)
        if inbox is not None:
            break
    if inbox is None:
        outcome.problem = _("Unter dieser Adresse nimmt kein Verbund Rechnungen an.")
        return outcome
    outcome.inbox_address = inbox.email_address
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        kind = part.get_content_type()
        if not (name.lower().endswith(INVOICE_SUFFIXES) or kind in INVOICE_TYPES):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        outcome.invoices.append(
            services.invoice_receive(
                inbox=inbox,
                data=payload,
                channel=Channel.EMAIL,
                filename=name,
                supplier_email=outcome.sender,
                notify=False,
            )
        )
    if not outcome.invoices:
        outcome.problem = _(
            "Die Nachricht enthält keine Rechnung: bitte die XRechnung als XML-Datei oder "
            "die ZUGFeRD-PDF als Anhang senden."
        )
    return outcome


def mail_answer(outcome: MailOutcome) -> bool:
    """Enqueue the reply to the sender: the receipt numbers with their result, or the
    problem. ``False`` where no reply is due (no sender, an automatic message, or one
    from the inbox itself)."""
    if not outcome.sender or outcome.automatic:
        return False
    if outcome.sender.lower() == outcome.inbox_address.lower():
        return False
    if outcome.problem:
        subject = _("Ihre Nachricht an den Rechnungseingang")
        body = outcome.problem
    else:
        subject = _("Eingangsbestätigung Ihrer E-Rechnung")
        lines = [_("Ihre E-Rechnungen sind eingegangen:"), ""]
        for invoice in outcome.invoices:
            verdict = _("gültig") if invoice.valid else _("ungültig")
            lines.append(f"{invoice.receipt_number}: {invoice.number or '–'} ({verdict})")
            for message in invoice.report.get("messages", []):
                if message.get("level") == "error":
                    lines.append(f"  - {message['code']}: {message['text']}")
        body = "\n".join(lines)
    answer_mail.enqueue(
        to=outcome.sender, from_email=outcome.inbox_address, subject=subject, body=body + "\n"
    )
    return True
