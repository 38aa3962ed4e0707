"""What networks adds to the pages of apps below it (registered in ``NetworksConfig.ready()``):
the staff start page's "Meine Verbünde" and the networks of an authority's workspace."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import scoped
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.networks.selectors import networks_of_authority


def _staff_home(request: HttpRequest, user: Any) -> Mapping[str, Any]:
    coordinated = grants_for(user).coordinated_network_ids
    networks = scoped(user, Network).order_by("name")
    return {"networks": [(network, network.pk in coordinated) for network in networks]}


def _workspace(request: HttpRequest, authority: Authority) -> Mapping[str, Any]:
    networks = scoped(request.user, Network).filter(
        pk__in=networks_of_authority(authority.pk).values("pk")
    )
    return {"networks": networks.order_by("name")}


STAFF_HOME = Panel("networks.mine", "staff/networks/_staff_home_panel.html", _staff_home, order=20)
AUTHORITY_WORKSPACE = Panel(
    "networks.of_authority", "staff/networks/_workspace_panel.html", _workspace, order=90
)
