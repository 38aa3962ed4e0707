"""The workshops' section of the network's dashboard (``networks.hooks.DASHBOARD``):
the next workshops."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.networks.workshops.selectors import next_workshops


def _dashboard(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    return {"network": network, "next_workshops": next_workshops(network)}


DASHBOARD = Panel(
    "networks.workshops", "staff/networks/workshops/_dashboard_panel.html", _dashboard, order=25
)
