"""The surveys' section of a network's page (``networks.hooks.NETWORK_PAGE``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.core.access import Action, can
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.surveys.selectors import surveys_of_network


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    return {
        "network": network,
        "rows": surveys_of_network(network)[:5],
        "may_change": can(request.user, Action.CHANGE, network),
    }


NETWORK_PAGE = Panel("surveys", "staff/surveys/_network_panel.html", _network_page, order=40)
