"""The costs' section of the network's dashboard (``networks.hooks.DASHBOARD``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core import charts
from verbund.core.panels import Panel
from verbund.networks.costs.selectors import budget_items_of_network, item_allocation
from verbund.networks.models import Network


def _dashboard(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    """Every member's gross share of this year's budget items (closed ones as closed,
    open ones as the live preview); items that cannot be allocated yet are named."""
    day = timezone.localdate()
    per_member: dict[str, Decimal] = {}
    pending: list[str] = []
    for row in budget_items_of_network(network):
        item = row.item
        if item.period_start.year != day.year and item.period_end.year != day.year:
            continue
        try:
            allocation = item_allocation(item)
        except ValidationError:
            pending.append(item.title)
            continue
        for share in allocation.shares:
            name = share.basis.name
            per_member[name] = per_member.get(name, Decimal(0)) + share.gross
    chart = None
    if per_member:
        chart = charts.bar_chart(
            _("Kosten je Mitglied im Jahr %(year)s (brutto)") % {"year": day.year},
            sorted(per_member.items(), key=lambda item: (-item[1], item[0])),
            unit=charts.EURO,
            label_header=_("Mitglied"),
            value_header=_("Kostenanteil"),
            chart_id="chart-costs",
        )
    return {"network": network, "cost_chart": chart, "costs_pending": pending}


DASHBOARD = Panel(
    "networks.costs", "staff/networks/costs/_dashboard_panel.html", _dashboard, order=40
)
