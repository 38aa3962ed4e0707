"""The project groups' section of the network's dashboard (``networks.hooks.DASHBOARD``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core import charts
from verbund.core.panels import Panel
from verbund.networks.groups.selectors import groups_of_network
from verbund.networks.models import Network


def _dashboard(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    rows = groups_of_network(network, on=timezone.localdate())
    chart = None
    if rows:
        chart = charts.progress_bars(
            _("Projektgruppen: erledigte Aufgaben"),
            [(row.group.name, row.tasks_done, row.tasks_total) for row in rows],
            label_header=_("Projektgruppe"),
            chart_id="chart-groups",
        )
    return {"network": network, "group_chart": chart}


DASHBOARD = Panel(
    "networks.groups", "staff/networks/groups/_dashboard_panel.html", _dashboard, order=20
)
