"""What the activity analysis adds to the pages of apps below it (registered in
``VatConfig.ready()``): the authority workspace's section on its register, and the
network page's section for the service centre."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.vat.models import Assessment, AssessmentStatus, RevenueStream
from verbund.vat.selectors import delegating_members


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    streams = scoped(request.user, RevenueStream).filter(authority_id=authority.pk)
    return {
        "authority": authority,
        "total": streams.count(),
        "waiting": scoped(request.user, Assessment)
        .filter(authority_id=authority.pk)
        .exclude(status=AssessmentStatus.APPROVED)
        .count(),
    }


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    members = delegating_members(network)
    if not members and not can(request.user, Action.CHANGE, network):
        return None
    return {"network": network, "members": members}


AUTHORITY_WORKSPACE = Panel(
    "vat.of_authority", "staff/vat/_workspace_panel.html", _workspace, order=87
)
NETWORK_PAGE = Panel("vat", "staff/vat/_network_panel.html", _network_page, order=47)
