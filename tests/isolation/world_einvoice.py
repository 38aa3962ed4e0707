"""The eRechnung part of the isolation world (tests/isolation/world.py): the tenant
network's inbox, a Leitweg-ID of the tenant's authority, an invoice routed to it and
accepted (``routed``, with an embedded attachment), and one waiting in the network's
clarification queue (``queued``), stored as a namespace in ``tenant.einvoice``."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any


def build(tenant: Any) -> None:
    from tests.einvoice.conftest import SAMPLE
    from verbund.einvoice import leitweg, services
    from verbund.einvoice.models import Channel, InvoiceInbox
    from verbund.einvoice.samples import SampleAttachment, ubl_invoice

    inbox = InvoiceInbox.objects.create(
        network=tenant.network, email_address=f"rechnung@{tenant.network.slug}.example"
    )
    coarse = tenant.authority.ars[:8].ljust(8, "0")
    value = f"{coarse}-1-{leitweg.check_digits(coarse, '1')}"
    entry = services.leitweg_id_add(actor=None, authority=tenant.authority, value=value)
    routed = services.invoice_receive(
        inbox=inbox,
        data=ubl_invoice(
            replace(
                SAMPLE,
                leitweg_id=value,
                number=f"R-{tenant.authority.pk}",
                attachments=(SampleAttachment("nachweis.csv", "text/csv", b"Stunden;2\n"),),
            )
        ),
        channel=Channel.API,
    )
    routed = services.invoice_accept(actor=tenant.user, invoice=routed)
    queued = services.invoice_receive(
        inbox=inbox,
        data=ubl_invoice(replace(SAMPLE, leitweg_id="", number=f"Q-{tenant.authority.pk}")),
        channel=Channel.PORTAL,
    )
    tenant.einvoice = SimpleNamespace(inbox=inbox, entry=entry, routed=routed, queued=queued)
