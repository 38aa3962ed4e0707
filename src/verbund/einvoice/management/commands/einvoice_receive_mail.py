"""``verbund einvoice_receive_mail [FILE ...]``: take e-mails (RFC 5322) with invoices
into the inbox of the network they are addressed to; without files, one message is
read from standard input (for the mail server's pipe transport)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from verbund.einvoice.mail import mail_answer, mail_receive


class Command(BaseCommand):
    help = "Receive e-invoices sent by e-mail (files or one message on standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="message files (.eml); none: stdin")
        parser.add_argument("--no-reply", action="store_true", help="send no reply")

    def handle(self, *args: Any, **options: Any) -> None:
        sources = [Path(f).read_bytes() for f in options["files"]] or [sys.stdin.buffer.read()]
        for raw in sources:
            outcome = mail_receive(raw)
            if not options["no_reply"]:
                mail_answer(outcome)
            if outcome.problem:
                self.stdout.write(f"{outcome.sender or '-'}: {outcome.problem}")
            for invoice in outcome.invoices:
                self.stdout.write(
                    f"{invoice.receipt_number} {invoice.get_status_display()} valid={invoice.valid}"
                )
