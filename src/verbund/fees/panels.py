"""What the fee calculation adds to the pages of apps below it (registered in
``FeesConfig.ready()``): the authority workspace's section on its fee sheets, and the
network page's section for the service centre."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.fees.models import FeeSheet, SheetStatus
from verbund.fees.selectors import delegating_members
from verbund.networks.models import Network


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    sheets = scoped(request.user, FeeSheet).filter(authority_id=authority.pk)
    return {
        "authority": authority,
        "total": sheets.count(),
        "submitted": sheets.filter(status=SheetStatus.SUBMITTED).count(),
    }


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    members = delegating_members(network)
    if not members and not can(request.user, Action.CHANGE, network):
        return None
    return {"network": network, "members": members}


AUTHORITY_WORKSPACE = Panel(
    "fees.of_authority", "staff/fees/_workspace_panel.html", _workspace, order=85
)
NETWORK_PAGE = Panel("fees", "staff/fees/_network_panel.html", _network_page, order=45)
