"""The coordinator's dashboard: on one screen who joins which area how deeply, what is
delegated to whom, how the project groups and the roadmap stand, what it costs each
member and what the network reuses — each chart with its data table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from verbund.core import charts
from verbund.core.access import Action, access_by_id, can
from verbund.core.auth import staff_required
from verbund.networks import selectors, selectors_costs, selectors_groups, selectors_roadmap
from verbund.networks.models import Network, ParticipationLevel
from verbund.networks.models_roadmap import RoadmapStatus

# Agreements whose end or last day for notice falls within this many days are flagged.
SOON_DAYS = 183


def _area_chart(network: Network, day: dt.date) -> charts.Chart | None:
    areas, rows = selectors.area_matrix(network, on=day)
    if not areas:
        return None
    return charts.level_matrix(
        _("Kooperationsfelder und Stufen der Mitglieder"),
        [area.name for area in areas],
        [(row.authority.name, row.levels) for row in rows],
        {int(value): str(label) for value, label in ParticipationLevel.choices},
        label_header=_("Mitglied"),
        chart_id="chart-areas",
    )


@dataclass(frozen=True)
class ReuseFigures:
    services_built: int  # published services built by members
    adoptions: int  # members' running adoptions of published services
    members_served: int  # members that use at least one of them


def _reuse(
    network: Network, day: dt.date, members: int
) -> tuple[ReuseFigures, charts.Chart | None, Decimal | None]:
    """The reuse figures, their chart and the avoided development cost, all from the
    one reuse report (its cases are those of this year)."""
    report = selectors_costs.reuse_report(
        network, start=dt.date(day.year, 1, 1), end=dt.date(day.year, 12, 31), on=day
    )
    figures = ReuseFigures(
        services_built=sum(1 for row in report.rows if row.builder_is_member),
        adoptions=sum(len(row.adopters) for row in report.rows),
        members_served=len({a.pk for row in report.rows for a in row.adopters}),
    )
    avoided = report.avoided_total if report.default_cost is not None else None
    if not report.rows:
        return figures, None, avoided
    users = [(row.service.title, len(row.adopters)) for row in report.rows]
    chart = charts.bar_chart(
        _("Nachnutzung: Mitglieder je gemeinsamer Leistung"),
        users,
        max_value=max(members, max(n for _title, n in users)),
        label_header=_("Leistung"),
        value_header=_("nutzende Mitglieder"),
        chart_id="chart-reuse",
    )
    return figures, chart, avoided


def _group_chart(network: Network, day: dt.date) -> charts.Chart | None:
    rows = selectors_groups.groups_of_network(network, on=day)
    if not rows:
        return None
    return charts.progress_bars(
        _("Projektgruppen: erledigte Aufgaben"),
        [(row.group.name, row.tasks_done, row.tasks_total) for row in rows],
        label_header=_("Projektgruppe"),
        chart_id="chart-groups",
    )


def _roadmap_chart(network: Network, day: dt.date) -> charts.Chart | None:
    roadmap = selectors_roadmap.roadmap_of_network(network, on=day)
    if not roadmap.total:
        return None
    return charts.bar_chart(
        _("Entwicklungsplanung: Vorhaben je Stand"),
        [(str(label), roadmap.counts.get(value, 0)) for value, label in RoadmapStatus.choices],
        label_header=_("Stand"),
        value_header=_("Vorhaben"),
        chart_id="chart-roadmap",
    )


def _cost_chart(network: Network, day: dt.date) -> tuple[charts.Chart | None, list[str]]:
    """Every member's gross share of this year's budget items (closed ones as closed,
    open ones as the live preview); items that cannot be allocated yet are named."""
    per_member: dict[str, Decimal] = {}
    pending: list[str] = []
    for row in selectors_costs.budget_items_of_network(network):
        item = row.item
        if item.period_start.year != day.year and item.period_end.year != day.year:
            continue
        try:
            allocation = selectors_costs.item_allocation(item)
        except ValidationError:
            pending.append(item.title)
            continue
        for share in allocation.shares:
            name = share.basis.name
            per_member[name] = per_member.get(name, Decimal(0)) + share.gross
    if not per_member:
        return None, pending
    chart = charts.bar_chart(
        _("Kosten je Mitglied im Jahr %(year)s (brutto)") % {"year": day.year},
        sorted(per_member.items(), key=lambda item: (-item[1], item[0])),
        unit=charts.EURO,
        label_header=_("Mitglied"),
        value_header=_("Kostenanteil"),
        chart_id="chart-costs",
    )
    return chart, pending


@staff_required
@require_safe
def network_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    today = timezone.localdate()
    soon = today + dt.timedelta(days=SOON_DAYS)
    members = selectors.active_memberships(network)
    agreements = [row for row in selectors.agreements_of_network(network) if row.in_force]
    reuse, reuse_chart, avoided_total = _reuse(network, today, len(members))
    cost_chart, costs_pending = _cost_chart(network, today)
    return render(
        request,
        "staff/networks/dashboard.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "today": today,
            "soon": soon,
            "members": members,
            "area_chart": _area_chart(network, today),
            "agreements": agreements,
            "reuse": reuse,
            "reuse_chart": reuse_chart,
            "avoided_total": avoided_total,
            "group_chart": _group_chart(network, today),
            "roadmap_chart": _roadmap_chart(network, today),
            "cost_chart": cost_chart,
            "costs_pending": costs_pending,
        },
    )


urlpatterns: list[URLPattern] = [
    path("verbuende/<int:pk>/steuerung/", network_dashboard, name="network_dashboard"),
]
