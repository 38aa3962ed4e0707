"""Staff pages of comparison rings: the rings of a network, a ring (its base figures,
KPIs, periods), entering and uploading values, publishing a period, and the
comparison of a participant with the ring's distribution, its trend, the
pseudonymised ranking, the overview and the report PDF for the leadership."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.benchmarks import selectors, services
from verbund.benchmarks.forms import (
    FigureForm,
    KpiForm,
    PeriodForm,
    RingForm,
    UploadForm,
    ValuesForm,
)
from verbund.benchmarks.models import Kpi, Participant, Period, Ring
from verbund.benchmarks.policies import enterable_participants
from verbund.benchmarks.statistics import METHOD
from verbund.catalogue.selectors import published_service
from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.pdf import html_to_pdf
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.networks import selectors as network_selectors
from verbund.networks.hooks import service_directory
from verbund.networks.models import Network

# --- display helpers ------------------------------------------------------------------------


def number(value: Decimal | None, kpi: Kpi) -> str:
    if value is None:
        return "–"
    text = charts.format_number(value, kpi.decimals)
    return f"{text} {kpi.unit}" if kpi.unit else text


QUARTER_TEXT = {
    1: gettext_lazy("im besten Viertel"),
    2: gettext_lazy("im zweitbesten Viertel"),
    3: gettext_lazy("im drittbesten Viertel"),
    4: gettext_lazy("im schwächsten Viertel"),
}


@dataclass(frozen=True)
class ComparisonRow:
    kpi: Kpi
    own: str
    note: str
    n: int
    shown: bool
    cells: list[str]
    position: str


def _comparison_rows(ring: Ring, period: Period, participant: Participant) -> list[ComparisonRow]:
    rows = []
    for row in selectors.comparison(ring, period, participant):
        quarter = row.quartile
        rows.append(
            ComparisonRow(
                kpi=row.kpi,
                own=number(row.own, row.kpi),
                note=row.note,
                n=row.n,
                shown=row.shown,
                cells=[
                    number(v, row.kpi)
                    for v in (row.minimum, row.q1, row.median, row.q3, row.maximum)
                ],
                position=str(QUARTER_TEXT[quarter]) if quarter else "",
            )
        )
    return rows


def _ring(request: HttpRequest, ring_pk: int, action: Action = Action.VIEW) -> Ring:
    return access_by_id(request.user, Ring, ring_pk, action)


def _period(request: HttpRequest, ring: Ring, period_pk: int, action: Action) -> Period:
    return access_child_by_id(
        request.user, Period, period_pk, parent=ring, parent_field="ring", action=action
    )


def _participant(
    request: HttpRequest, ring: Ring, participant_pk: int, action: Action
) -> Participant:
    return access_child_by_id(
        request.user,
        Participant,
        participant_pk,
        parent=ring,
        parent_field="ring",
        action=action,
    )


def _published(period: Period) -> Period:
    if not period.published:
        raise Http404
    return period


def _own_participants(request: HttpRequest, ring: Ring) -> list[Participant]:
    authority_ids = grants_for(request.user).authority_ids()
    return [p for p in selectors.participants_of(ring) if p.authority_id in authority_ids]


def _names_shown(request: HttpRequest, ring: Ring) -> bool:
    """Others' names appear only where the ring agreed to drop pseudonyms."""
    return not ring.pseudonymise


# --- rings -----------------------------------------------------------------------------------


@staff_required
@require_safe
def rings(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    visible = selectors.rings_of_network(network).filter(
        pk__in=scoped(request.user, Ring).values("pk")
    )
    return render(
        request,
        "staff/benchmarks/rings.html",
        {
            "network": network,
            "rings": list(visible),
            "may_change": can(request.user, Action.CHANGE, network),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def ring_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    members = [
        (m.authority_id, m.authority.name) for m in network_selectors.active_memberships(network)
    ]
    form = RingForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ring = services.ring_create(
                actor=request.user,
                network=network,
                name=data["name"],
                description=data["description"],
                pseudonymise=data["pseudonymise"],
                minimum_values=data["minimum_values"],
                authority_ids=data["authorities"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Vergleichsring ist angelegt."))
            return redirect("staff:benchmark_ring", ring_pk=ring.pk)
    return _form_page(
        request,
        form,
        network=network,
        title=_("Vergleichsring anlegen"),
        back=reverse("staff:benchmark_rings", kwargs={"pk": network.pk}),
    )


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    network: Network,
    title: str,
    back: str,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "staff/networks/form_page.html",
        {
            "network": network,
            "form": form,
            "title": title,
            "submit_label": title,
            "back": back,
            "multipart": multipart,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required
@require_safe
def ring_detail(request: HttpRequest, ring_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    may_change = can(request.user, Action.CHANGE, ring)
    participants = selectors.participants_of(ring)
    own = _own_participants(request, ring)
    enterable = selectors.enterable_participant_ids(ring, enterable_participants(request.user))
    periods = selectors.periods_of(ring)
    return render(
        request,
        "staff/benchmarks/ring.html",
        {
            "ring": ring,
            "network": ring.network,
            "may_change": may_change,
            "participants": participants if may_change else own,
            "enterable": [p for p in participants if p.pk in enterable],
            "own": own,
            "figures": selectors.figures_of(ring),
            "kpis": selectors.kpis_of(ring),
            "periods": periods,
            "threshold": ring.threshold,
            "method": METHOD,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def figure_create(request: HttpRequest, ring_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk, Action.CHANGE)
    choices = [(s.key, s.title) for s in service_directory().published()]
    form = FigureForm(request.POST or None, services=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = published_service(data["service"]) if data["service"] else None
        try:
            services.figure_create(
                actor=request.user,
                ring=ring,
                key=data["key"],
                label=data["label"],
                unit=data["unit"],
                source=data["source"],
                service=service,
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Grundzahl ist angelegt."))
            return redirect("staff:benchmark_ring", ring_pk=ring.pk)
    return _form_page(
        request,
        form,
        network=ring.network,
        title=_("Grundzahl anlegen"),
        back=reverse("staff:benchmark_ring", kwargs={"ring_pk": ring.pk}),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def kpi_create(request: HttpRequest, ring_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk, Action.CHANGE)
    form = KpiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_create(actor=request.user, ring=ring, **form.cleaned_data)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Kennzahl ist angelegt."))
            return redirect("staff:benchmark_ring", ring_pk=ring.pk)
    return _form_page(
        request,
        form,
        network=ring.network,
        title=_("Kennzahl anlegen"),
        back=reverse("staff:benchmark_ring", kwargs={"ring_pk": ring.pk}),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest, ring_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk, Action.CHANGE)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_create(actor=request.user, ring=ring, **form.cleaned_data)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Der Berichtszeitraum ist angelegt."))
            return redirect("staff:benchmark_ring", ring_pk=ring.pk)
    return _form_page(
        request,
        form,
        network=ring.network,
        title=_("Berichtszeitraum anlegen"),
        back=reverse("staff:benchmark_ring", kwargs={"ring_pk": ring.pk}),
    )


@staff_required
@require_POST
def period_publish(request: HttpRequest, ring_pk: int, period_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _period(request, ring, period_pk, Action.CHANGE)
    try:
        services.period_publish(actor=request.user, period=period)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Der Berichtszeitraum %(label)s ist veröffentlicht.") % {"label": period.label},
        )
    return redirect("staff:benchmark_ring", ring_pk=ring.pk)


# --- values ----------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def values_enter(
    request: HttpRequest, ring_pk: int, period_pk: int, participant_pk: int
) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _period(request, ring, period_pk, Action.VIEW)
    participant = _participant(request, ring, participant_pk, Action.CHANGE)
    figures = selectors.entered_figures_of(ring)
    stored = selectors.values_of(period, participant)
    initial = {f.key: stored[f.pk].value.normalize() for f in figures if f.pk in stored}
    form = ValuesForm(request.POST or None, figures=figures, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.values_set(
                    actor=request.user,
                    period=period,
                    participant=participant,
                    values=form.cleaned_data,
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("%(count)s Werte gespeichert.") % {"count": changed}
                    if changed
                    else _("Keine Änderungen."),
                )
                return redirect(
                    "staff:benchmark_values",
                    ring_pk=ring.pk,
                    period_pk=period.pk,
                    participant_pk=participant.pk,
                )
        status = 400
    platform = [
        (figure, stored.get(figure.pk))
        for figure in selectors.figures_of(ring)
        if figure.source != "entered"
    ]
    return render(
        request,
        "staff/benchmarks/values.html",
        {
            "ring": ring,
            "network": ring.network,
            "period": period,
            "participant": participant,
            "form": form,
            "platform": platform,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def values_upload(request: HttpRequest, ring_pk: int, period_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _period(request, ring, period_pk, Action.VIEW)
    allowed = {
        p.authority.ars: p
        for p in enterable_participants(request.user).filter(ring=ring).select_related("authority")
    }
    if not allowed:
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.values_import(
                actor=request.user,
                period=period,
                text=form.cleaned_data["file"],
                participants=allowed,
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("%(count)s Werte übernommen.") % {"count": count})
            return redirect("staff:benchmark_ring", ring_pk=ring.pk)
    return _form_page(
        request,
        form,
        network=ring.network,
        title=_("Werte hochladen: %(period)s") % {"period": period.label},
        back=reverse("staff:benchmark_ring", kwargs={"ring_pk": ring.pk}),
        multipart=True,
    )


# --- results ---------------------------------------------------------------------------------


@staff_required
@require_safe
def comparison(
    request: HttpRequest, ring_pk: int, period_pk: int, participant_pk: int
) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _published(_period(request, ring, period_pk, Action.VIEW))
    participant = _participant(request, ring, participant_pk, Action.VIEW)
    return render(
        request,
        "staff/benchmarks/comparison.html",
        {
            "ring": ring,
            "network": ring.network,
            "period": period,
            "periods": selectors.published_periods(ring),
            "participant": participant,
            "rows": _comparison_rows(ring, period, participant),
            "threshold": ring.threshold,
            "method": METHOD,
        },
    )


@staff_required
@require_safe
def trend(request: HttpRequest, ring_pk: int, kpi_pk: int, participant_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    kpi = access_child_by_id(request.user, Kpi, kpi_pk, parent=ring, parent_field="ring")
    participant = _participant(request, ring, participant_pk, Action.VIEW)
    points = selectors.trend(ring, kpi, participant)
    chart_rows = [(p.period.label, p.own) for p in points if p.own is not None and p.own >= 0]
    chart = (
        charts.bar_chart(
            _("%(kpi)s: eigener Wert je Berichtszeitraum") % {"kpi": kpi.label},
            chart_rows,
            unit=kpi.unit,
            label_header=_("Berichtszeitraum"),
            value_header=_("Eigener Wert"),
            chart_id="chart-trend",
        )
        if chart_rows
        else None
    )
    return render(
        request,
        "staff/benchmarks/trend.html",
        {
            "ring": ring,
            "network": ring.network,
            "kpi": kpi,
            "participant": participant,
            "points": [(p.period, number(p.own, kpi), number(p.median, kpi), p.n) for p in points],
            "chart": chart,
            "threshold": ring.threshold,
        },
    )


@staff_required
@require_safe
def ranking(request: HttpRequest, ring_pk: int, period_pk: int, kpi_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _published(_period(request, ring, period_pk, Action.VIEW))
    kpi = access_child_by_id(request.user, Kpi, kpi_pk, parent=ring, parent_field="ring")
    own_ids = {p.pk for p in _own_participants(request, ring)}
    n, rows = selectors.ranking(
        ring, period, kpi, own_ids=own_ids, names=_names_shown(request, ring)
    )
    return render(
        request,
        "staff/benchmarks/ranking.html",
        {
            "ring": ring,
            "network": ring.network,
            "period": period,
            "kpi": kpi,
            "n": n,
            "rows": [(row, number(row.value, kpi)) for row in rows],
            "threshold": ring.threshold,
        },
    )


@staff_required
@require_safe
def overview(request: HttpRequest, ring_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    periods = selectors.published_periods(ring)
    rows = [
        (
            row.kpi,
            [
                (period, number(stat.median, row.kpi) if stat else "–", stat.n if stat else None)
                for period, stat in zip(periods, row.statistics, strict=True)
            ],
        )
        for row in selectors.overview(ring, periods)
    ]
    return render(
        request,
        "staff/benchmarks/overview.html",
        {
            "ring": ring,
            "network": ring.network,
            "periods": periods,
            "rows": rows,
            "own": _own_participants(request, ring),
            "threshold": ring.threshold,
            "method": METHOD,
        },
    )


def report_html(ring: Ring, period: Period, participant: Participant) -> str:
    """The leadership report of one participant, in German."""
    with translation.override("de"):
        return render_to_string(
            "staff/benchmarks/report.html",
            {
                "ring": ring,
                "network": ring.network,
                "period": period,
                "participant": participant,
                "rows": _comparison_rows(ring, period, participant),
                "threshold": ring.threshold,
                "method": str(METHOD),
                "date": timezone.localdate().strftime("%d.%m.%Y"),
            },
        )


@staff_required
@require_safe
def report(request: HttpRequest, ring_pk: int, period_pk: int, participant_pk: int) -> HttpResponse:
    ring = _ring(request, ring_pk)
    period = _published(_period(request, ring, period_pk, Action.VIEW))
    participant = _participant(request, ring, participant_pk, Action.VIEW)
    pdf = html_to_pdf(report_html(ring, period, participant))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="vergleichsbericht-{ring.pk}-{period.year}-{participant.number}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
