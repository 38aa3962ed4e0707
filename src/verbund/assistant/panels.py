"""The assistant's section of a network's page (``networks.hooks.NETWORK_PAGE``):
how it fared for the network's places in the last 30 days, and the way to its page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.assistant import selectors
from verbund.core.access import Action, can
from verbund.core.panels import Panel
from verbund.networks.models import Network


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    may_change = can(request.user, Action.CHANGE, network)
    return {
        "network": network,
        "counts": selectors.outcome_counts(network, days=30),
        # Open questions are the coordinators' to see (assistant.policies).
        "open_questions": (
            selectors.open_questions(request.user, network).count() if may_change else None
        ),
    }


NETWORK_PAGE = Panel("assistant", "staff/assistant/_network_panel.html", _network_page, order=50)
