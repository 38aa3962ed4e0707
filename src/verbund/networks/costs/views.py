"""Staff pages of a network's cost allocation (budget items, the live preview of the
shares, closing, the statement per member as PDF and the CSV of all members) and
its reuse report (issue #6, items 5 and 6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.core import charts
from verbund.core.access import Action, access_by_id, access_child_by_id, can
from verbund.core.auth import staff_required
from verbund.core.pdf import html_to_pdf
from verbund.core.refusals import refusal_to_messages
from verbund.networks import selectors
from verbund.networks.costs import selectors as selectors_costs
from verbund.networks.costs import services as services_costs
from verbund.networks.costs.allocation import (
    PART_LABELS,
    PARTS,
    REMAINDER_RULE,
    VAT_RULE,
    Allocation,
    MemberShare,
    statement_csv,
)
from verbund.networks.costs.forms import BudgetItemForm, UsageForm
from verbund.networks.costs.models import BudgetItem
from verbund.networks.costs.participants import item_participants
from verbund.networks.hooks import service_directory
from verbund.networks.models import Network

# --- display helpers ------------------------------------------------------------------------


def _euro(value: Decimal) -> str:
    return charts.format_euro(value)


def _percent(value: Decimal) -> str:
    value = value.normalize() if value != value.to_integral() else value.quantize(Decimal(1))
    return f"{formats.number_format(value, use_l10n=True)} %"


def key_text(item: BudgetItem) -> str:
    """ "20 % Sockel, 50 % Einwohnerzahl, 30 % Fallzahl" (parts without weight left out)."""
    weights = selectors_costs.item_key(item).weights()
    return ", ".join(
        f"{_percent(weights[part])} {PART_LABELS[part]}" for part in PARTS if weights[part]
    )


@dataclass(frozen=True)
class ShareRow:
    share: MemberShare
    parts: list[str]
    net: str
    vat: str
    gross: str


def _rows(allocation: Allocation) -> list[ShareRow]:
    return [
        ShareRow(
            share,
            [_euro(getattr(share, part)) for part in PARTS],
            _euro(share.net),
            _euro(share.vat),
            _euro(share.gross),
        )
        for share in allocation.shares
    ]


def _chart(item: BudgetItem, allocation: Allocation) -> charts.Chart:
    weights = selectors_costs.item_key(item).weights()
    used = [part for part in PARTS if weights[part]]
    return charts.stacked_bar_chart(
        _("Anteile je Mitglied nach Teilen (netto)"),
        [str(PART_LABELS[part]) for part in used],
        [(s.name, [getattr(s, part) for part in used]) for s in allocation.shares],
        unit=charts.EURO,
        label_header=_("Mitglied"),
        total_header=_("Anteil netto"),
    )


def _members(item: BudgetItem) -> list[tuple[int, str]]:
    """The item's participants: only they can have a usage figure."""
    return list(item_participants(item).members)


# --- budget items ---------------------------------------------------------------------------


@staff_required
@require_safe
def budget_items(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    rows = selectors_costs.budget_items_of_network(network)
    return render(
        request,
        "staff/networks/costs/items.html",
        {
            "network": network,
            "may_change": can(request.user, Action.CHANGE, network),
            "rows": [
                (
                    row,
                    _euro(row.item.amount),
                    _euro(row.gross_total) if row.gross_total else "",
                    _percent(row.vat_rate * 100) if row.vat_rate is not None else "",
                )
                for row in rows
            ],
            "total": _euro(selectors_costs.budget_total(rows)),
        },
    )


def _item_form(network: Network, data: Any, initial: dict[str, Any]) -> BudgetItemForm:
    return BudgetItemForm(
        data,
        initial=initial,
        areas=[(area.pk, area.name) for area in selectors.areas_of_network(network)],
        agreements=[
            (row.agreement.pk, row.agreement.title)
            for row in selectors.agreements_of_network(network)
        ],
        services=[
            (service.pk, f"{service.title} ({service.builder_name})")
            for service in service_directory().published()
        ],
    )


def _form_page(
    request: HttpRequest, network: Network, form: BudgetItemForm, *, title: str, back: str
) -> HttpResponse:
    return render(
        request,
        "staff/networks/form_page.html",
        {"network": network, "form": form, "title": title, "submit_label": title, "back": back},
        status=400 if form.errors else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def budget_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    year = timezone.localdate().year
    form = _item_form(
        network,
        request.POST or None,
        {
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year, 12, 31),
            "population_on": dt.date(year - 1, 12, 31),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services_costs.budget_item_create(
                actor=request.user, network=network, **form.service_values()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Der Posten „%(title)s“ ist angelegt.") % {"title": item.title}
            )
            return redirect("staff:budget_item", pk=network.pk, item_pk=item.pk)
    return _form_page(
        request,
        network,
        form,
        title=_("Posten anlegen"),
        back=reverse("staff:network_costs", kwargs={"pk": network.pk}),
    )


def _item(request: HttpRequest, pk: int, item_pk: int, action: Action) -> BudgetItem:
    network = access_by_id(request.user, Network, pk)
    return access_child_by_id(
        request.user, BudgetItem, item_pk, parent=network, parent_field="network", action=action
    )


@staff_required
@require_http_methods(["GET", "POST"])
def budget_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.CHANGE)
    detail = reverse("staff:budget_item", kwargs={"pk": item.network_id, "item_pk": item.pk})
    if selectors_costs.run_of(item) is not None:
        messages.error(request, _("Der Posten ist abgeschlossen und kann nicht geändert werden."))
        return redirect(detail)
    initial = {
        name: getattr(item, name)
        for name in (
            "title",
            "description",
            "amount",
            "period_start",
            "period_end",
            "population_on",
            "weight_equal",
            "weight_population",
            "weight_cases",
            "weight_usage",
            "vat",
            "participant_rule",
            "participant_min_level",
        )
    }
    initial.update(
        participant_area=item.participant_area_id,
        participant_agreement=item.participant_agreement_id,
        participant_service=item.participant_service_id,
    )
    form = _item_form(item.network, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_costs.budget_item_update(
                actor=request.user, item=item, **form.service_values()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Der Posten „%(title)s“ ist gespeichert.")
                % {"title": form.cleaned_data["title"].strip()},
            )
            return redirect(detail)
    return _form_page(request, item.network, form, title=_("Posten bearbeiten"), back=detail)


@staff_required
@require_safe
def budget_item_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.VIEW)
    run = selectors_costs.run_of(item)
    problems: list[str] = []
    allocation = None
    try:
        allocation = selectors_costs.item_allocation(item)
    except ValidationError as exc:
        problems = exc.messages
    may_change = can(request.user, Action.CHANGE, item)
    usage = selectors_costs.usage_of(item)
    # Where the VAT comes from: the cooperation's approved §2b UStG assessment, or the
    # item's switch; a closed run keeps the rate it was closed with.
    ruling = selectors_costs.item_vat_ruling(item) if run is None else None
    if run is not None:
        vat_rate = run.vat_rate
        vat_basis = _("festgeschrieben beim Abschluss der Verteilung")
    else:
        vat_rate = ruling.rate if ruling is not None else selectors_costs.item_vat_rate(item)
        vat_basis = ruling.basis if ruling is not None else str(selectors_costs.VAT_SWITCH_BASIS)
    return render(
        request,
        "staff/networks/costs/item.html",
        {
            "network": item.network,
            "item": item,
            "run": run,
            "taxable": vat_rate is not None,
            "vat_percent": _percent(vat_rate * 100) if vat_rate is not None else "",
            "vat_basis": vat_basis,
            "vat_url": ruling.url if ruling is not None else "",
            "may_change": may_change,
            "amount": _euro(item.amount),
            "key": key_text(item),
            "participation": selectors_costs.item_participation(item),
            "problems": problems,
            "allocation": allocation,
            "rows": _rows(allocation) if allocation else [],
            "totals": (
                {
                    "parts": [_euro(getattr(allocation, f"{p}_total")) for p in PARTS],
                    "net": _euro(allocation.net_total),
                    "vat": _euro(allocation.vat_total),
                    "gross": _euro(allocation.gross_total),
                }
                if allocation
                else None
            ),
            "part_labels": [PART_LABELS[p] for p in PARTS],
            "chart": _chart(item, allocation) if allocation else None,
            "vat_rule": VAT_RULE,
            "usage": sorted(usage.items()),
            "usage_form": UsageForm(members=_members(item)) if may_change and run is None else None,
        },
    )


@staff_required
@require_POST
def allocation_close(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.CHANGE)
    try:
        services_costs.allocation_close(actor=request.user, item=item)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Der Posten ist abgeschlossen; die Anteile sind festgeschrieben."),
        )
    return redirect("staff:budget_item", pk=item.network_id, item_pk=item.pk)


@staff_required
@require_POST
def budget_usage_set(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.CHANGE)
    form = UsageForm(request.POST, members=_members(item))
    if form.is_valid():
        authority_id = form.cleaned_data["authority"]
        if authority_id not in selectors_costs.item_member_ids(item):
            raise Http404
        authority = selectors.authority_by_id(authority_id)
        try:
            services_costs.usage_set(
                actor=request.user, item=item, authority=authority, usage=form.cleaned_data["usage"]
            )
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request, _("Die Nutzung von %(name)s ist gespeichert.") % {"name": authority.name}
            )
    else:
        messages.error(request, _("Bitte wählen Sie ein Mitglied und geben Sie die Nutzung an."))
    return redirect("staff:budget_item", pk=item.network_id, item_pk=item.pk)


def _allocation_or_404(item: BudgetItem) -> Allocation:
    try:
        return selectors_costs.item_allocation(item)
    except ValidationError:
        raise Http404 from None


@staff_required
@require_safe
def allocation_csv(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.VIEW)
    allocation = _allocation_or_404(item)
    with translation.override("de"):
        participation = selectors_costs.item_participation(item)
        text = statement_csv(allocation, participants=participation.lines())
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verteilung-{item.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def statement_html(
    item: BudgetItem, allocation: Allocation, share: MemberShare, *, final: bool
) -> str:
    """The statement of one member, in German (the language of the administration)."""
    with translation.override("de"):
        return render_to_string(
            "networks/statement.html",
            {
                "item": item,
                "network": item.network,
                "final": final,
                "share": share,
                "key": key_text(item),
                "participation": selectors_costs.item_participation(item),
                "amount": _euro(item.amount),
                "parts": [
                    (
                        PART_LABELS[part],
                        _percent(getattr(allocation.key, part)),
                        _euro(getattr(share, part)),
                    )
                    for part in PARTS
                ],
                "net": _euro(share.net),
                "vat": _euro(share.vat),
                "gross": _euro(share.gross),
                "taxable": allocation.vat_rate is not None,
                "remainder_rule": str(REMAINDER_RULE),
                "vat_rule": str(VAT_RULE),
                "date": timezone.localdate().strftime("%d.%m.%Y"),
            },
        )


@staff_required
@require_safe
def allocation_statement(
    request: HttpRequest, pk: int, item_pk: int, authority_pk: int
) -> HttpResponse:
    item = _item(request, pk, item_pk, Action.VIEW)
    allocation = _allocation_or_404(item)
    share = next((s for s in allocation.shares if s.authority_id == authority_pk), None)
    if share is None:
        raise Http404
    final = selectors_costs.run_of(item) is not None
    pdf = html_to_pdf(statement_html(item, allocation, share, final=final))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="abrechnung-{item.pk}-{authority_pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
