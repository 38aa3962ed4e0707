"""Staff pages of the fee calculation: an authority's sheets, the sheet with every
intermediate figure and its versions, the row-table editor, submitting and approving,
attaching the fee to the catalogue service, copying another member's sheet, the PDF
for the council, the JSON exchange file; the service centre's page of a network; the
personnel cost rate tables.

Who may do what is the policies' (``fees/policies.py``); every id from the URL is
loaded through the access layer, so another tenant's ids answer 404.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.pdf import html_to_pdf
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.fees import engine, selectors, services
from verbund.fees.forms import (
    KIND_PARTS,
    AttachForm,
    CopyForm,
    ImportForm,
    RateTableForm,
    SheetForm,
    filled_counts,
    german_text,
    initial_of,
    row_counts,
)
from verbund.fees.models import FeeSheet, RateTable, SheetStatus
from verbund.fees.policies import delegated_authority_ids
from verbund.fees.presentation import describe, euro, part_label
from verbund.networks.models import Network

# --- helpers -------------------------------------------------------------------------------------


def _sheet(request: HttpRequest, sheet_pk: int, action: Action = Action.VIEW) -> FeeSheet:
    return access_by_id(request.user, FeeSheet, sheet_pk, action)


def _editor_page(
    request: HttpRequest,
    form: SheetForm,
    *,
    title: str,
    authority: Authority,
    back: str,
    fee_sheet: FeeSheet | None = None,
    status: int = 200,
) -> HttpResponse:
    parts = [
        {
            "key": part,
            "label": part_label(part),
            "columns": [f.label.split(": ", 1)[-1] for f in form.table(part)[0]]
            if form.table(part)
            else [],
            "rows": form.table(part),
            "count": form.rows[part],
        }
        for part in KIND_PARTS[engine.SheetKind(form.kind)]
    ]
    return render(
        request,
        "staff/fees/editor.html",
        {
            "form": form,
            "title": title,
            "authority": authority,
            "fee_sheet": fee_sheet,
            "parts": parts,
            "back": back,
            "usage": form.kind == engine.SheetKind.USAGE,
        },
        status=status,
    )


def _kind_of(request: HttpRequest) -> str:
    kind = request.GET.get("art") or request.POST.get("kind") or engine.SheetKind.ADMINISTRATIVE
    if kind not in (engine.SheetKind.ADMINISTRATIVE, engine.SheetKind.USAGE):
        raise Http404
    return kind


def _start_document(request: HttpRequest, kind: str) -> dict[str, Any]:
    """A new sheet's starting rows: the grades of a rate table the user may see."""
    document: dict[str, Any] = {
        "kind": kind,
        "year": timezone.localdate().year,
        "rounding": engine.Rounding.END,
    }
    table_id = request.GET.get("tabelle", "")
    if kind == engine.SheetKind.ADMINISTRATIVE and table_id.isdigit():
        table = access_by_id(request.user, RateTable, int(table_id))
        document["year"] = table.year
        document["grades"] = [
            {
                "grade": g.grade,
                "personnel_cost": str(g.personnel_cost),
                "material_cost": str(g.material_cost),
                "overhead_percent": str(g.overhead_percent),
                "annual_hours": str(g.annual_hours),
            }
            for g in selectors.grades_of(table)
        ]
    return document


def _create(
    request: HttpRequest,
    authority: Authority,
    *,
    network: Network | None,
    back: str,
) -> HttpResponse:
    kind = _kind_of(request)
    services_offered = selectors.service_choices()
    data = request.POST if request.method == "POST" else None
    document = _start_document(request, kind)
    form = SheetForm(
        data,
        kind=kind,
        services=services_offered,
        rows=row_counts(data, filled_counts(document), kind),
        initial=initial_of(document, None),
    )
    title = (
        _("Neue Verwaltungsgebühr kalkulieren")
        if kind == engine.SheetKind.ADMINISTRATIVE
        else _("Neue Benutzungsgebühr kalkulieren")
    )
    if data is None or "more" in data:
        return _editor_page(request, form, title=title, authority=authority, back=back)
    if form.is_valid():
        try:
            fee_sheet = services.fee_sheet_create(
                actor=request.user,
                authority=authority,
                sheet=form.built(),
                service=form.chosen_service,
                prepared_by_network=network,
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Die Kalkulation „%(title)s“ ist als Entwurf gespeichert.")
                % {"title": fee_sheet.title},
            )
            return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)
    return _editor_page(request, form, title=title, authority=authority, back=back, status=400)


# --- an authority's sheets -----------------------------------------------------------------------


@staff_required
@require_safe
def authority_fee_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    sheets = selectors.sheets_of(scoped(request.user, FeeSheet), authority.pk)
    return render(
        request,
        "staff/fees/sheets.html",
        {
            "authority": authority,
            "rows": [(s, euro(s.fee)) for s in sheets],
            "networks": selectors.delegated_networks(authority),
            "tables": selectors.tables_in(scoped(request.user, RateTable))[:10],
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def fee_sheet_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    back = reverse("staff:authority_fee_sheets", kwargs={"pk": authority.pk})
    return _create(request, authority, network=None, back=back)


@staff_required
@require_http_methods(["GET", "POST"])
def network_fee_sheet_create(request: HttpRequest, pk: int, authority_pk: int) -> HttpResponse:
    """The service centre calculates for a member that delegated the fee calculation."""
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    member = next((a for a in selectors.delegating_members(network) if a.pk == authority_pk), None)
    if member is None:
        raise Http404
    back = reverse("staff:network_fees", kwargs={"pk": network.pk})
    return _create(request, member, network=network, back=back)


@staff_required
@require_http_methods(["GET", "POST"])
def fee_sheet_import(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                fee_sheet = services.fee_sheet_create(
                    actor=request.user,
                    authority=authority,
                    sheet=form.cleaned_data["file"],
                    note=_("Aus einer Datei eingelesen"),
                    imported=True,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                messages.success(
                    request,
                    _("Die Kalkulation „%(title)s“ ist eingelesen.") % {"title": fee_sheet.title},
                )
                return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)
        status = 400
    return render(
        request,
        "staff/fees/import.html",
        {"authority": authority, "form": form},
        status=status,
    )


# --- one sheet ----------------------------------------------------------------------


def _copy_targets(request: HttpRequest) -> list[tuple[int, str]]:
    ids = grants_for(request.user).authority_ids() | delegated_authority_ids(request.user)
    return [(a.pk, a.name) for a in Authority.objects.filter(pk__in=ids).order_by("name")]


@staff_required
@require_safe
def fee_sheet(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk)
    sheet = services.sheet_of(fee_sheet)
    result = engine.compute(sheet)
    versions = selectors.versions_of(fee_sheet)
    may_change = can(request.user, Action.CHANGE, fee_sheet)
    may_manage = can(request.user, Action.MANAGE, fee_sheet)
    targets = _copy_targets(request)
    return render(
        request,
        "staff/fees/sheet.html",
        {
            "fee_sheet": fee_sheet,
            "sheet": sheet,
            "shown": describe(sheet, result),
            "versions": [
                (v, euro(v.fee), ", ".join(part_label(p) for p in v.changed)) for v in versions
            ],
            "may_edit": may_change and fee_sheet.status != SheetStatus.APPROVED,
            "may_submit": may_change and fee_sheet.status == SheetStatus.DRAFT,
            "may_approve": may_manage and fee_sheet.status != SheetStatus.APPROVED,
            "may_attach": may_manage
            and fee_sheet.status == SheetStatus.APPROVED
            and fee_sheet.service_id is not None,
            "attach_form": AttachForm(initial={"label": fee_sheet.title}),
            "copy_form": CopyForm(authorities=targets, initial={"year": fee_sheet.year + 1})
            if targets
            else None,
            "approved": SheetStatus.APPROVED,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def fee_sheet_edit(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk, Action.CHANGE)
    back = reverse("staff:fee_sheet", kwargs={"sheet_pk": fee_sheet.pk})
    if fee_sheet.status == SheetStatus.APPROVED:
        messages.error(
            request,
            _(
                "Eine freigegebene Kalkulation wird nicht mehr geändert. "
                "Übernehmen Sie sie als neue Kalkulation."
            ),
        )
        return redirect(back)
    data = request.POST if request.method == "POST" else None
    form = SheetForm(
        data,
        kind=fee_sheet.kind,
        services=selectors.service_choices(),
        rows=row_counts(data, filled_counts(fee_sheet.document), fee_sheet.kind),
        initial=initial_of(fee_sheet.document, fee_sheet.service_id),
    )
    title = _("Kalkulation bearbeiten: %(title)s") % {"title": fee_sheet.title}
    if data is None or "more" in data:
        return _editor_page(
            request,
            form,
            title=title,
            authority=fee_sheet.authority,
            back=back,
            fee_sheet=fee_sheet,
        )
    if form.is_valid():
        try:
            services.fee_sheet_update(
                actor=request.user,
                fee_sheet=fee_sheet,
                sheet=form.built(),
                service=form.chosen_service,
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Kalkulation ist gespeichert."))
            return redirect(back)
    return _editor_page(
        request,
        form,
        title=title,
        authority=fee_sheet.authority,
        back=back,
        fee_sheet=fee_sheet,
        status=400,
    )


@staff_required
@require_POST
def fee_sheet_submit(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk, Action.CHANGE)
    try:
        services.fee_sheet_submit(actor=request.user, fee_sheet=fee_sheet)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Kalkulation liegt der Behörde zur Freigabe vor."))
    return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)


@staff_required
@require_POST
def fee_sheet_approve(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk, Action.MANAGE)
    try:
        services.fee_sheet_approve(actor=request.user, fee_sheet=fee_sheet)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Kalkulation ist freigegeben."))
    return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)


@staff_required
@require_POST
def fee_sheet_attach(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk, Action.MANAGE)
    form = AttachForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("label", []) + form.errors.get("year", []):
            messages.error(request, str(message))
        return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)
    try:
        services.fee_attach(
            actor=request.user, fee_sheet=fee_sheet, label=form.cleaned_data["label"]
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(
            request,
            _("Die Gebühr %(fee)s steht jetzt in der Leistung „%(service)s“.")
            % {
                "fee": euro(fee_sheet.fee),
                "service": fee_sheet.service.title if fee_sheet.service else "",
            },
        )
    return redirect("staff:fee_sheet", sheet_pk=fee_sheet.pk)


@staff_required
@require_POST
def fee_sheet_copy(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    """Start a new draft for one of the user's authorities (or a member that delegated
    the fee calculation to the user's network) from a visible sheet."""
    source = _sheet(request, sheet_pk)
    targets = _copy_targets(request)
    form = CopyForm(request.POST, authorities=targets)
    if not form.is_valid():
        if "authority" in form.errors and targets:
            raise Http404
        for message in form.errors.get("label", []) + form.errors.get("year", []):
            messages.error(request, str(message))
        return redirect("staff:fee_sheet", sheet_pk=source.pk)
    target = Authority.objects.get(pk=form.cleaned_data["authority"])
    network = None
    if target.pk not in grants_for(request.user).authority_ids():
        # A coordinator copies for a member that delegated to one of its networks.
        coordinated = grants_for(request.user).coordinated_network_ids
        network = next(
            (n for n in selectors.delegated_networks(target) if n.pk in coordinated), None
        )
        if network is None:  # pragma: no cover - the choices held only allowed ones
            raise PermissionDenied
    try:
        copy = services.fee_sheet_copy(
            actor=request.user,
            source=source,
            authority=target,
            year=form.cleaned_data["year"],
            prepared_by_network=network,
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
        return redirect("staff:fee_sheet", sheet_pk=source.pk)
    messages.success(
        request,
        _("Die Kalkulation ist für %(name)s übernommen. Passen Sie sie an.")
        % {"name": target.name},
    )
    return redirect("staff:fee_sheet_edit", sheet_pk=copy.pk)


def sheet_html(fee_sheet: FeeSheet) -> str:
    """The calculation sheet for the council, in German (the language of the files)."""
    with translation.override("de"):
        sheet = services.sheet_of(fee_sheet)
        result = engine.compute(sheet)
        return render_to_string(
            "staff/fees/sheet_pdf.html",
            {
                "fee_sheet": fee_sheet,
                "sheet": sheet,
                "shown": describe(sheet, result),
                "date": timezone.localdate().strftime("%d.%m.%Y"),
            },
        )


@staff_required
@require_safe
def fee_sheet_pdf(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk)
    response = HttpResponse(html_to_pdf(sheet_html(fee_sheet)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gebuehrenkalkulation-{fee_sheet.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def fee_sheet_json(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    fee_sheet = _sheet(request, sheet_pk)
    text = json.dumps(fee_sheet.document, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(text.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="gebuehrenkalkulation-{fee_sheet.pk}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- the service centre's page of a network ------------------------------------------------------


@staff_required
@require_safe
def network_fees(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    coordinating = can(request.user, Action.CHANGE, network)
    members = selectors.delegating_members(network)
    visible = list(
        scoped(request.user, FeeSheet)
        .filter(authority_id__in=[m.pk for m in members])
        .select_related("service", "authority")
    )
    by_member = {m.pk: [s for s in visible if s.authority_id == m.pk] for m in members}
    comparison = selectors.comparison(visible, members)
    return render(
        request,
        "staff/fees/network.html",
        {
            "network": network,
            "coordinating": coordinating,
            "members": [(m, by_member[m.pk]) for m in members],
            "comparison": [
                (row, [(cell, euro(cell.fee) if cell else "") for cell in row.cells])
                for row in comparison
            ],
            "member_names": [m.name for m in members],
            "approved": SheetStatus.APPROVED,
        },
    )


# --- rate tables --------------------------------------------------------------------


@staff_required
@require_safe
def rate_tables(request: HttpRequest) -> HttpResponse:
    grants = grants_for(request.user)
    networks = scoped(request.user, Network, Action.CHANGE).order_by("name")
    authorities = Authority.objects.filter(pk__in=grants.authority_ids()).order_by("name")
    return render(
        request,
        "staff/fees/rate_tables.html",
        {
            "tables": selectors.tables_in(scoped(request.user, RateTable)),
            "networks": list(networks),
            "authorities": list(authorities),
        },
    )


@staff_required
@require_safe
def rate_table(request: HttpRequest, table_pk: int) -> HttpResponse:
    table = access_by_id(request.user, RateTable, table_pk)
    grades = [
        engine.Grade(g.grade, g.personnel_cost, g.material_cost, g.overhead_percent, g.annual_hours)
        for g in selectors.grades_of(table)
    ]
    rows = [
        [
            g.grade,
            euro(g.personnel_cost),
            euro(g.material_cost),
            f"{german_text(g.overhead_percent)} %",
            euro(g.annual_cost),
            german_text(g.annual_hours),
            f"{german_text(g.minute_rate.quantize(engine.CENT / 100))} €",
        ]
        for g in grades
    ]
    return render(request, "staff/fees/rate_table.html", {"table": table, "rows": rows})


def _rate_table_form(
    request: HttpRequest, *, network: Network | None, authority: Authority | None, back: str
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    rows = 6
    if data is not None and str(data.get("grades-rows", "")).isdigit():
        rows = min(int(data["grades-rows"]), 200)
    if data is not None and data.get("more") == "grades":
        rows += 5
    form = RateTableForm(data, rows=rows, initial={"year": timezone.localdate().year})
    status = 200
    if data is not None and "more" not in data:
        status = 400
        if form.is_valid():
            try:
                table = services.rate_table_create(
                    actor=request.user,
                    network=network,
                    authority=authority,
                    name=form.cleaned_data["name"],
                    edition=form.cleaned_data["edition"],
                    year=form.cleaned_data["year"],
                    source=form.cleaned_data["source"],
                    grades=form.grades(),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form.add_refusal(
                        {
                            k: [str(m) for e in v for m in e.messages]
                            for k, v in exc.error_dict.items()
                        }
                    )
                else:
                    refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Personalkostentabelle ist angelegt."))
                return redirect("staff:rate_table", table_pk=table.pk)
    return render(
        request,
        "staff/fees/rate_table_form.html",
        {
            "form": form,
            "owner": network or authority,
            "back": back,
            "columns": [f.label.split(": ", 1)[-1] for f in form.table()[0]],
            "count": rows,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def network_rate_table_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk, Action.CHANGE)
    return _rate_table_form(
        request, network=network, authority=None, back=reverse("staff:rate_tables")
    )


@staff_required
@require_http_methods(["GET", "POST"])
def authority_rate_table_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    return _rate_table_form(
        request, network=None, authority=authority, back=reverse("staff:rate_tables")
    )
