"""The receipt of a submission (Eingangsbestätigung) as a PDF.

The template ``applications/receipt.html`` is a standalone HTML document with
its own print stylesheet; ``core.pdf`` turns it into an A4 PDF without touching
the network or the file system. Every text the citizen entered goes through
Django's autoescape and appears as literal text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from verbund.applications.models import Submission
from verbund.applications.selectors import submission_attachments
from verbund.catalogue.selectors import adoption_on
from verbund.core.pdf import html_to_pdf
from verbund.formengine import engine
from verbund.formengine.selectors import form_of

BERLIN = ZoneInfo("Europe/Berlin")
TEMPLATE = "applications/receipt.html"
TYPE_NAMES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
_PAGE_PLACEHOLDERS = re.compile(r"%\((page|pages)\)s")


@dataclass(frozen=True)
class AttachmentRow:
    filename: str
    size: str
    type: str
    sha256: str


@dataclass(frozen=True)
class FeeRow:
    label: str
    quantity: int
    amount: str
    total: str


def _berlin(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment, BERLIN), "SHORT_DATETIME_FORMAT")


def _page_label() -> tuple[str, str, str]:
    """The translated "Seite X von Y" split around the two counters.

    The counters themselves come from CSS (``counter(page)``, ``counter(pages)``);
    the words stay in the HTML, where autoescape covers them.
    """
    text = _("Seite %(page)s von %(pages)s")
    parts = _PAGE_PLACEHOLDERS.split(text)
    # ["Seite ", "page", " von ", "pages", ""] when both placeholders are present once.
    if len(parts) != 5 or parts[1] != "page" or parts[3] != "pages":
        return "", " / ", ""
    return parts[0], parts[2], parts[4]


def responsible_address(submission: Submission) -> list[str]:
    """Where the responsible authority serves the public for this service: the office of
    its adoption running on the day of submission (name, street, postcode and town); without
    one, the authority's postcode and seat from the register, if known."""
    submitted_on = timezone.localtime(submission.submitted_at, BERLIN).date()
    adoption = adoption_on(
        service_id=submission.service_id, authority_id=submission.responsible_id, on=submitted_on
    )
    if adoption is not None:
        office = adoption.office
        return [office.name, office.street, f"{office.postcode} {office.city}"]
    authority = submission.responsible
    town = f"{authority.postcode} {authority.seat}".strip()
    return [town] if authority.postcode and authority.seat else []


def receipt_context(submission: Submission, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """What the template shows, formatted in the active language."""
    form = form_of(submission.version)
    attachments = submission_attachments(submission)
    names = {str(a.pk): a.filename for a in attachments}
    fee_rows = [
        FeeRow(
            label=str(line.get("label", "")),
            quantity=int(line.get("quantity", 1)),
            amount=engine.money_display(str(line.get("amount", "0"))),
            total=engine.money_display(str(line.get("total", "0"))),
        )
        for line in submission.fee_lines
    ]
    fee_total = Decimal(submission.fee_total)
    page_before, page_between, page_after = _page_label()
    created = now or timezone.now()
    return {
        "language": translation.get_language() or submission.language,
        "document_title": _("Eingangsbestätigung %(reference)s")
        % {"reference": submission.reference},
        "submission": submission,
        "service_title": submission.service.title,
        "submitted": _berlin(submission.submitted_at),
        "place": submission.place.official_name,
        "responsible": submission.responsible.official_name,
        "responsible_address": responsible_address(submission),
        "processing": submission.authority.official_name,
        "processing_differs": submission.authority_id != submission.responsible_id,
        "version_number": submission.version.number,
        "sections": engine.summary(form, submission.answers, names),
        "attachments": [
            AttachmentRow(
                filename=a.filename,
                size=filesizeformat(a.size),
                type=TYPE_NAMES.get(a.content_type, a.content_type),
                sha256=a.sha256,
            )
            for a in attachments
        ],
        "fee_rows": fee_rows,
        "fee_total": engine.money_display(fee_total),
        "fee_due": fee_total > 0,
        "paid": _berlin(submission.paid_at) if submission.paid_at else "",
        "created": _berlin(created),
        "created_iso": timezone.localtime(created, BERLIN).isoformat(timespec="seconds"),
        "page_before": page_before,
        "page_between": page_between,
        "page_after": page_after,
    }


def _language(code: str) -> str:
    """The submission's language if the site offers it, otherwise the default (German)."""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def receipt_html(submission: Submission, *, now: dt.datetime | None = None) -> str:
    """The receipt as HTML, in the submission's language."""
    with translation.override(_language(submission.language)):
        return render_to_string(TEMPLATE, receipt_context(submission, now=now))


def render_receipt(submission: Submission) -> bytes:
    """The Eingangsbestätigung of a submission as PDF bytes."""
    return html_to_pdf(receipt_html(submission))
