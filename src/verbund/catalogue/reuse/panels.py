"""What a network reuses, on the network's page and its dashboard (``networks.hooks``),
registered in ``CatalogueConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.catalogue.reuse.selectors import network_reuse, reuse_report
from verbund.core import charts
from verbund.core.panels import Panel
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids


def _network_page(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    return {"network": network, "reuse": network_reuse(network)}


def _dashboard(request: HttpRequest, network: Network) -> Mapping[str, Any]:
    """Today's reuse figures, their chart and the avoided development cost, all from the
    one reuse report (its cases are those of this year)."""
    day = timezone.localdate()
    report = reuse_report(
        network, start=dt.date(day.year, 1, 1), end=dt.date(day.year, 12, 31), on=day
    )
    chart = None
    if report.rows:
        users = [(row.service.title, len(row.adopters)) for row in report.rows]
        chart = charts.bar_chart(
            _("Nachnutzung: Mitglieder je gemeinsamer Leistung"),
            users,
            max_value=max(len(active_member_ids(network, on=day)), max(n for _t, n in users)),
            label_header=_("Leistung"),
            value_header=_("nutzende Mitglieder"),
            chart_id="chart-reuse",
        )
    return {
        "network": network,
        "services_built": sum(1 for row in report.rows if row.builder_is_member),
        "adoptions": sum(len(row.adopters) for row in report.rows),
        "members_served": len({a.pk for row in report.rows for a in row.adopters}),
        "avoided_total": report.avoided_total if report.default_cost is not None else None,
        "reuse_chart": chart,
    }


NETWORK_PAGE = Panel("catalogue.reuse", "staff/catalogue/reuse/_network_panel.html", _network_page)
DASHBOARD = Panel(
    "catalogue.reuse", "staff/catalogue/reuse/_dashboard_panel.html", _dashboard, order=50
)
