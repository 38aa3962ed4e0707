"""What the eRechnung inbox adds to pages of apps below it: the member's open invoices
in its workspace, and the clarification queue on the network's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.einvoice import selectors
from verbund.einvoice.models import Invoice, InvoiceStatus
from verbund.networks.models import Network


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any] | None:
    if authority.pk not in grants_for(request.user).authority_ids():
        return None
    invoices = selectors.invoices_of_authority(scoped(request.user, Invoice), authority.pk)
    return {
        "authority": authority,
        "open": invoices.filter(status=InvoiceStatus.RECEIVED).count(),
    }


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    if not can(request.user, Action.CHANGE, network):
        return None
    queue = selectors.clarification_queue(scoped(request.user, Invoice), network)
    return {"network": network, "inbox": selectors.inbox_of(network), "queue": queue.count()}


AUTHORITY_WORKSPACE = Panel(
    "einvoice.of_authority", "staff/einvoice/_workspace_panel.html", _workspace, order=90
)
NETWORK_PAGE = Panel("einvoice", "staff/einvoice/_network_panel.html", _network_page, order=50)
