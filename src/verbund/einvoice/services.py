"""Writes of the eRechnung inbox: receiving an invoice (any channel), routing it,
deciding on it, and the members' Leitweg-IDs. Every write is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.core.access import Action, can
from verbund.core.actors import Actor, is_user
from verbund.core.audit import audit_record
from verbund.core.ratelimits import rate_limit_take
from verbund.einvoice import document, leitweg, selectors, validation
from verbund.einvoice.models import (
    Channel,
    Invoice,
    InvoiceInbox,
    InvoiceStatus,
    LeitwegId,
)
from verbund.einvoice.tasks import notify_supplier
from verbund.integrations.models import Scope
from verbund.integrations.webhooks.services import authority_event_announce
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships, networks_of_authority

EVENT_INVOICE_ACCEPTED = "invoice.accepted"
# The portal upload and the API share one limit per client address.
RATE_SCOPE = "einvoice-submission"
RATE_WINDOW = dt.timedelta(hours=1)
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def invoice_submission_allowed(address: str) -> bool:
    """Count one delivery from the client ``address``; ``False`` (and nothing counted)
    when its ``VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR`` are used up for the last hour."""
    return rate_limit_take(
        scope=RATE_SCOPE,
        key=address,
        uses=int(settings.VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR),
        window=RATE_WINDOW,
    )


def too_many_message() -> str:
    return _(
        "Von Ihrem Anschluss kamen in der letzten Stunde zu viele Rechnungen. Bitte "
        "versuchen Sie es später noch einmal oder senden Sie die Rechnungen per E-Mail."
    )


def _forbidden(message: str) -> ValidationError:
    return ValidationError(message, code="forbidden")


def _refuse_unless(actor: Actor, action: Action, obj: Any, message: str) -> None:
    # Views check the policy before they call; a script or a bug must not slip past it.
    # The system (``None``: the demo, imports) acts without a policy.
    if is_user(actor) and not can(actor, action, obj):
        raise _forbidden(message)


def _receipt_number(now: Any) -> str:
    tail = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(10))
    return f"ER-{now:%Y}-{tail}"


def _cents(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _clip(value: str, length: int) -> str:
    return value[:length]


def _route(invoice: Invoice, network: Network) -> None:
    """Address the invoice to the member its Leitweg-ID names, or to the clarification
    queue with the reason."""
    reference = invoice.buyer_reference
    problem = leitweg.problem(reference)
    if problem is None:
        recipient = selectors.recipient_of(network, reference)
        if recipient is not None:
            invoice.authority = recipient.authority
            invoice.status = InvoiceStatus.RECEIVED
            invoice.routing_note = _("Zugeordnet über die Leitweg-ID %(value)s.") % {
                "value": recipient.value
            }
            return
        problem = _("Die Leitweg-ID %(value)s gehört zu keinem Mitglied dieses Verbunds.") % {
            "value": leitweg.normalise(reference)
        }
    invoice.authority = None
    invoice.status = InvoiceStatus.CLARIFICATION
    invoice.routing_note = _clip(problem, 500)


def invoice_receive(
    *,
    inbox: InvoiceInbox,
    data: bytes,
    channel: str,
    filename: str = "",
    supplier_email: str = "",
    notify: bool = True,
) -> Invoice:
    """Take one invoice into the network's inbox, whatever it is: it is validated,
    read, routed by its Leitweg-ID and checked for duplicates; an invalid invoice is
    kept with its report. Refuses only an inactive inbox (nothing is written then)."""
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if not inbox.active:
        raise ValidationError(_("Dieser Rechnungseingang nimmt keine Rechnungen an."))
    now = timezone.now()
    report = validation.validate(data)
    invoice = Invoice(
        network_id=inbox.network_id,
        channel=channel,
        received_at=now,
        original=data,
        original_name=_clip(filename.replace("\\", "/").rsplit("/", 1)[-1], 200),
        container=report.container,
        xml=report.xml,
        sha256=hashlib.sha256(data).hexdigest(),
        valid=report.accepted,
        scenario=report.scenario.name if report.scenario else "",
        report=report.as_dict(),
        supplier_email=_clip(supplier_email.strip(), 254),
    )
    if report.tree is not None:
        content = document.read(report.tree)
        invoice.number = _clip(content.number, 200)
        invoice.issue_date = content.issue_date
        invoice.due_date = content.due_date
        invoice.currency = _clip(content.currency, 3)
        invoice.buyer_reference = _clip(content.buyer_reference, 200)
        invoice.seller_name = _clip(content.seller_name, 200)
        invoice.seller_vat_id = _clip(content.seller_vat_id, 40)
        invoice.buyer_name = _clip(content.buyer_name, 200)
        invoice.net_total = _cents(content.net_total)
        invoice.tax_total = _cents(content.tax_total)
        invoice.gross_total = _cents(content.gross_total)
        invoice.amount_due = _cents(content.amount_due)
        if not invoice.supplier_email and "@" in content.seller_email:
            invoice.supplier_email = _clip(content.seller_email, 254)
    network = inbox.network
    _route(invoice, network)
    with transaction.atomic():
        invoice.duplicate_of = selectors.duplicate_of(
            network,
            seller_vat_id=invoice.seller_vat_id,
            seller_name=invoice.seller_name,
            number=invoice.number,
            gross_total=invoice.gross_total,
        )
        for _attempt in range(5):
            invoice.receipt_number = _receipt_number(now)
            try:
                with transaction.atomic():
                    invoice.save(force_insert=True)
                break
            except IntegrityError:  # pragma: no cover - a 1 in 32^10 collision
                invoice.pk = None
        audit_record(
            actor=None,
            action="einvoice.invoice_received",
            obj=invoice,
            authority=invoice.authority_id,
            network=invoice.network_id,
            changes={
                "receipt_number": invoice.receipt_number,
                "channel": channel,
                "valid": invoice.valid,
                "status": invoice.status,
                "duplicate_of": invoice.duplicate_of.receipt_number
                if invoice.duplicate_of
                else None,
            },
        )
        if notify and invoice.supplier_email:
            invoice_id = invoice.pk
            transaction.on_commit(lambda: notify_supplier.enqueue(invoice_id, "receipt"))
    return invoice


def invoice_assign(*, actor: Actor, invoice: Invoice, authority: Authority) -> Invoice:
    """Route an invoice of the clarification queue to a member by hand."""
    _refuse_unless(
        actor, Action.MANAGE, invoice, _("Nur die Koordination des Verbunds ordnet Rechnungen zu.")
    )
    if invoice.decided:
        raise ValidationError(_("Über diese Rechnung ist schon entschieden."))
    members = set(active_memberships(invoice.network).values_list("authority_id", flat=True))
    if authority.pk not in members:
        raise ValidationError(
            {"authority": _("%(name)s ist kein Mitglied dieses Verbunds.") % {"name": authority}}
        )
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.decided:
            raise ValidationError(_("Über diese Rechnung ist schon entschieden."))
        before = locked.authority_id
        locked.authority = authority
        locked.status = InvoiceStatus.RECEIVED
        locked.routing_note = _("Von der Koordination zugeordnet.")
        locked.save(update_fields=["authority", "status", "routing_note"])
        audit_record(
            actor=actor,
            action="einvoice.invoice_assigned",
            obj=locked,
            authority=authority.pk,
            network=locked.network_id,
            changes={"authority": [before, authority.pk]},
        )
    return locked


def _decide(*, actor: Actor, invoice: Invoice, status: str, reason: str, action: str) -> Invoice:
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.decided:
            raise ValidationError(_("Über diese Rechnung ist schon entschieden."))
        locked.status = status
        locked.decided_at = timezone.now()
        locked.decided_by_id = getattr(actor, "pk", None)
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
        audit_record(
            actor=actor,
            action=action,
            obj=locked,
            authority=locked.authority_id,
            network=locked.network_id,
            changes={"status": status, "reason": reason} if reason else {"status": status},
        )
    return locked


def invoice_accept(*, actor: Actor, invoice: Invoice) -> Invoice:
    """Accept a valid invoice for payment: the member's finance systems are told."""
    _refuse_unless(
        actor, Action.CHANGE, invoice, _("Sie dürfen über diese Rechnung nicht entscheiden.")
    )
    authority_id = invoice.authority_id
    if authority_id is None:
        raise ValidationError(_("Die Rechnung ist noch keinem Mitglied zugeordnet."))
    if not invoice.valid:
        raise ValidationError(
            _(
                "Eine ungültige Rechnung kann nicht angenommen werden; weisen Sie sie mit "
                "Begründung zurück."
            )
        )
    with transaction.atomic():
        accepted = _decide(
            actor=actor,
            invoice=invoice,
            status=InvoiceStatus.ACCEPTED,
            reason="",
            action="einvoice.invoice_accepted",
        )
        authority_event_announce(
            authority_id=authority_id,
            scope=Scope.INVOICES_READ,
            event=EVENT_INVOICE_ACCEPTED,
            reference=accepted.receipt_number,
            href_name="api:invoice-detail",
            obj=accepted,
        )
    return accepted


def invoice_reject(*, actor: Actor, invoice: Invoice, reason: str) -> Invoice:
    """Reject an invoice with a reason the supplier is sent."""
    _refuse_unless(
        actor, Action.CHANGE, invoice, _("Sie dürfen über diese Rechnung nicht entscheiden.")
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie die Zurückweisung.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Die Begründung ist länger als 2000 Zeichen.")})
    with transaction.atomic():
        rejected = _decide(
            actor=actor,
            invoice=invoice,
            status=InvoiceStatus.REJECTED,
            reason=reason,
            action="einvoice.invoice_rejected",
        )
        if rejected.supplier_email:
            invoice_id = rejected.pk
            transaction.on_commit(lambda: notify_supplier.enqueue(invoice_id, "rejected"))
    return rejected


# --- Leitweg-IDs and the inbox -------------------------------------------------------------


def leitweg_id_add(*, actor: Actor, authority: Authority, value: str, label: str = "") -> LeitwegId:
    """Register a Leitweg-ID of ``authority``; invoices waiting for it in the
    clarification queue of its networks are routed to it at once."""
    _refuse_unless(
        actor,
        Action.CHANGE,
        LeitwegId(authority=authority),
        _("Nur die Verwaltung der Behörde pflegt ihre Leitweg-IDs."),
    )
    problem = leitweg.problem(value)
    if problem:
        raise ValidationError({"value": problem})
    if len(label) > 200:
        raise ValidationError({"label": _("Die Bezeichnung ist länger als 200 Zeichen.")})
    parsed = leitweg.parse(value)
    assert parsed is not None
    normalised = parsed.value
    with transaction.atomic():
        if LeitwegId.objects.filter(value=normalised).exists():
            raise ValidationError({"value": _("Diese Leitweg-ID ist bereits vergeben.")})
        entry = LeitwegId.objects.create(authority=authority, value=normalised, label=label.strip())
        audit_record(
            actor=actor,
            action="einvoice.leitweg_id_added",
            obj=entry,
            authority=authority.pk,
            changes={"value": normalised, "label": entry.label},
        )
        networks = networks_of_authority(authority.pk).values("pk")
        waiting = Invoice.objects.select_for_update(of=("self",)).filter(
            network_id__in=networks,
            authority__isnull=True,
            status=InvoiceStatus.CLARIFICATION,
            buyer_reference__iexact=normalised,
        )
        for invoice in waiting:
            invoice.authority = authority
            invoice.status = InvoiceStatus.RECEIVED
            invoice.routing_note = _("Zugeordnet über die Leitweg-ID %(value)s.") % {
                "value": normalised
            }
            invoice.save(update_fields=["authority", "status", "routing_note"])
            audit_record(
                actor=actor,
                action="einvoice.invoice_assigned",
                obj=invoice,
                authority=authority.pk,
                network=invoice.network_id,
                changes={"authority": [None, authority.pk]},
            )
    return entry


def leitweg_id_deactivate(*, actor: Actor, entry: LeitwegId) -> LeitwegId:
    _refuse_unless(
        actor, Action.CHANGE, entry, _("Nur die Verwaltung der Behörde pflegt ihre Leitweg-IDs.")
    )
    if not entry.active:
        return entry
    with transaction.atomic():
        entry.active = False
        entry.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="einvoice.leitweg_id_deactivated",
            obj=entry,
            authority=entry.authority_id,
            changes={"value": entry.value, "active": False},
        )
    return entry


def invoice_inbox_set(
    *, actor: Actor, network: Network, email_address: str, active: bool = True
) -> InvoiceInbox:
    """Open (or change) the network's shared inbox and its e-mail address."""
    _refuse_unless(
        actor, Action.CHANGE, network, _("Nur die Koordination des Verbunds richtet das ein.")
    )
    address = email_address.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            {"email_address": _("Bitte eine gültige E-Mail-Adresse angeben.")}
        ) from None
    taken = InvoiceInbox.objects.filter(email_address=address).exclude(network=network)
    if taken.exists():
        raise ValidationError(
            {"email_address": _("Diese Adresse nutzt bereits ein anderer Verbund.")}
        )
    with transaction.atomic():
        inbox, _created = InvoiceInbox.objects.update_or_create(
            network=network, defaults={"email_address": address, "active": active}
        )
        audit_record(
            actor=actor,
            action="einvoice.inbox_set",
            obj=inbox,
            network=network.pk,
            changes={"email_address": address, "active": active},
        )
    return inbox
