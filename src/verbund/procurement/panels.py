"""What the joint procurement adds to the pages of apps below it (registered in
``ProcurementConfig.ready()``): the open demand calls with their deadlines, on the
network's page and in the workspace of a member authority."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.networks.selectors import networks_of_authority
from verbund.procurement.models import DemandCall
from verbund.procurement.selectors import open_calls


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any] | None:
    networks = {n.pk for n in networks_of_authority(authority.pk)}
    if not networks:
        return None
    calls = open_calls(scoped(request.user, DemandCall), network_ids=networks)
    if not calls:
        return None
    return {"authority": authority, "calls": calls}


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    calls = open_calls(scoped(request.user, DemandCall), network_ids={network.pk})
    coordinating = can(request.user, Action.CHANGE, network)
    if not calls and not coordinating:
        return None
    return {"network": network, "calls": calls, "coordinating": coordinating}


AUTHORITY_WORKSPACE = Panel(
    "procurement.of_authority", "staff/procurement/_workspace_panel.html", _workspace, order=88
)
NETWORK_PAGE = Panel(
    "procurement", "staff/procurement/_network_panel.html", _network_page, order=48
)
