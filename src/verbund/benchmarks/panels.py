"""The rings' section of a network's page (``networks.hooks.NETWORK_PAGE``) and of an
authority's workspace (``accounts.hooks.AUTHORITY_WORKSPACE``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.authorities.models import Authority
from verbund.benchmarks.models import Ring
from verbund.core.access import Action, can, scoped
from verbund.core.panels import Panel
from verbund.networks.models import Network


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any] | None:
    rings = list(scoped(request.user, Ring).filter(network=network).order_by("name"))
    may_change = can(request.user, Action.CHANGE, network)
    if not rings and not may_change:
        return None
    return {"network": network, "rings": rings, "may_change": may_change}


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any] | None:
    rings = list(
        scoped(request.user, Ring)
        .filter(participants__authority_id=authority.pk)
        .select_related("network")
        .order_by("name")
    )
    if not rings:
        return None
    return {"authority": authority, "rings": rings}


NETWORK_PAGE = Panel("benchmarks", "staff/benchmarks/_network_panel.html", _network_page, order=45)
AUTHORITY_WORKSPACE = Panel(
    "benchmarks.of_authority", "staff/benchmarks/_workspace_panel.html", _workspace, order=85
)
