"""Staff pages of a network's reuse report and the development cost it counts with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from verbund.catalogue.reuse.forms import DevelopmentCostForm
from verbund.catalogue.reuse.selectors import reuse_report as report_of
from verbund.core import charts
from verbund.core.access import Action, access_by_id, can
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form
from verbund.networks.costs.services import development_cost_set as cost_set
from verbund.networks.models import Network


def _day(value: str | None, default: dt.date) -> tuple[dt.date, bool]:
    if not value:
        return default, False
    try:
        return dt.date.fromisoformat(value), False
    except ValueError:
        return default, True


def _euro(value: Decimal | None) -> str:
    return charts.format_euro(value) if value is not None else ""


@staff_required
@require_safe
def reuse_report(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    year = timezone.localdate().year
    start, bad_start = _day(request.GET.get("von"), dt.date(year, 1, 1))
    end, bad_end = _day(request.GET.get("bis"), dt.date(year, 12, 31))
    bad_period = end < start
    if bad_period:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    report = report_of(network, start=start, end=end)
    with_cost = [r for r in report.rows if r.avoided_cost is not None]
    return render(
        request,
        "staff/catalogue/reuse/report.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "report": report,
            "bad_input": bad_start or bad_end or bad_period,
            "rows": [
                (row, _euro(row.development_cost), _euro(row.avoided_cost)) for row in report.rows
            ],
            "default_cost": _euro(report.default_cost),
            "avoided_total": _euro(report.avoided_total),
            "chart": charts.bar_chart(
                _("Vermiedene Entwicklungskosten je Leistung"),
                [(r.service.title, r.avoided_cost or Decimal(0)) for r in with_cost],
                unit=charts.EURO,
                label_header=_("Leistung"),
                value_header=_("vermiedene Kosten"),
            ),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def development_cost_set(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    today = timezone.localdate()
    report = report_of(network, start=today, end=today)
    offered = [(row.service.pk, row.service.title) for row in report.rows]
    form = DevelopmentCostForm(request.POST or None, services=offered)
    if request.method == "POST" and form.is_valid():
        try:
            cost_set(
                actor=request.user,
                network=network,
                amount=form.cleaned_data["amount"],
                service_id=form.cleaned_data["service"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Entwicklungskosten sind gespeichert."))
            return redirect("staff:network_reuse", pk=network.pk)
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": _("Entwicklungskosten einer Online-Leistung"),
            "submit_label": _("Speichern"),
            "back": reverse("staff:network_reuse", kwargs={"pk": network.pk}),
        },
    )
