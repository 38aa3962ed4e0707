"""The roadmap's section of the network's dashboard (``networks.hooks.DASHBOARD``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core import charts
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.networks.roadmap.models import RoadmapStatus
from verbund.networks.roadmap.selectors import roadmap_of_network


def _dashboard(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    roadmap = roadmap_of_network(network, on=timezone.localdate())
    chart = None
    if roadmap.total:
        chart = charts.bar_chart(
            _("Entwicklungsplanung: Vorhaben je Stand"),
            [(str(label), roadmap.counts.get(value, 0)) for value, label in RoadmapStatus.choices],
            label_header=_("Stand"),
            value_header=_("Vorhaben"),
            chart_id="chart-roadmap",
        )
    return {"network": network, "roadmap_chart": chart}


DASHBOARD = Panel(
    "networks.roadmap", "staff/networks/roadmap/_dashboard_panel.html", _dashboard, order=30
)
