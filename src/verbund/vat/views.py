"""Staff pages of the §2b UStG activity analysis: a member's register with the group
totals and the 17,500 € line, streams and their amounts, groups, the guided
assessment, an assessment with its approval, reuse of another member's approved
assessment, the export for the tax adviser (CSV, PDF), and the service centre's page
of a network.

Who may do what is the policies' (``vat/policies.py``); every id from the URL is loaded
through the access layer, so another tenant's ids answer 404.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from verbund.accounts.selectors import grants_for
from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.pdf import html_to_pdf
from verbund.core.refusals import refusal_to_form, refusal_to_messages
from verbund.networks.models import Network
from verbund.networks.selectors import networks_of_authority
from verbund.vat import selectors, services
from verbund.vat.forms import (
    AmountForm,
    AssessmentForm,
    GroupForm,
    ReuseForm,
    StreamForm,
    amount_text,
    answers_initial,
)
from verbund.vat.models import ActivityGroup, Assessment, AssessmentStatus, RevenueStream
from verbund.vat.policies import delegated_authority_ids
from verbund.vat.rules import DE_MINIMIS, QUESTION_TEXT, RESULT_LABELS, RULE_LABELS, euro

# --- helpers -------------------------------------------------------------------------------------


def _register_authority(request: HttpRequest, pk: int) -> Authority:
    """The authority whose register the user keeps (its own, or one that delegated the
    analysis to a network the user coordinates); 404 for any other."""
    if pk not in grants_for(request.user).authority_ids() | delegated_authority_ids(request.user):
        raise Http404
    authority = Authority.objects.filter(pk=pk).first()
    if authority is None:  # pragma: no cover - a role names an existing authority
        raise Http404
    return authority


def _acting_network(request: HttpRequest, authority: Authority) -> Network | None:
    """The network through which the user works for ``authority`` (``None`` when it is
    the user's own authority)."""
    if authority.pk in grants_for(request.user).authority_ids():
        return None
    coordinated = grants_for(request.user).coordinated_network_ids
    return next((n for n in selectors.delegated_networks(authority) if n.pk in coordinated), None)


def _year(request: HttpRequest) -> int:
    text = request.GET.get("jahr", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


def _stream_form(
    request: HttpRequest, authority: Authority, initial: dict[str, object] | None = None
) -> StreamForm:
    groups = [(g.pk, g.name) for g in selectors.groups_of(authority.pk)]
    networks = [(n.pk, n.name) for n in networks_of_authority(authority.pk).order_by("name")]
    return StreamForm(
        request.POST if request.method == "POST" else None,
        groups=groups,
        networks=networks,
        initial=initial,
    )


def _chosen(form: StreamForm, authority: Authority) -> tuple[ActivityGroup | None, Network | None]:
    group_id, network_id = form.cleaned_data["group"], form.cleaned_data["network"]
    group = next((g for g in selectors.groups_of(authority.pk) if g.pk == group_id), None)
    network = networks_of_authority(authority.pk).filter(pk=network_id).first()
    return group, network


def _stream_page(
    request: HttpRequest,
    form: StreamForm,
    *,
    authority: Authority,
    title: str,
    stream: RevenueStream | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "staff/vat/stream_form.html",
        {"form": form, "authority": authority, "title": title, "stream": stream},
        status=status,
    )


# --- the register --------------------------------------------------------------------------------


@staff_required
@require_safe
def vat_register(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _register_authority(request, pk)
    year = _year(request)
    groups = selectors.register_of(authority.pk, year)
    return render(
        request,
        "staff/vat/register.html",
        {
            "authority": authority,
            "year": year,
            "years": [year - 1, year, year + 1],
            "groups": [
                (
                    g,
                    euro(g.total),
                    [(s, amount_text(s.forecast), amount_text(s.actual)) for s in g.streams],
                )
                for g in groups
            ],
            "due": sum(1 for g in groups for s in g.streams if s.due),
            "line": euro(DE_MINIMIS),
            "networks": selectors.delegated_networks(authority),
            "acting_network": _acting_network(request, authority),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def vat_group_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _register_authority(request, pk)
    form = GroupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.group_create(
                    actor=request.user, authority=authority, name=form.cleaned_data["name"]
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Gruppe ist angelegt."))
                return redirect("staff:vat_register", pk=authority.pk)
    return render(
        request, "staff/vat/group_form.html", {"form": form, "authority": authority}, status=status
    )


@staff_required
@require_http_methods(["GET", "POST"])
def vat_stream_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _register_authority(request, pk)
    form = _stream_form(request, authority)
    title = _("Einnahmeart anlegen")
    if request.method != "POST":
        return _stream_page(request, form, authority=authority, title=title)
    if form.is_valid():
        group, network = _chosen(form, authority)
        try:
            stream = services.stream_create(
                actor=request.user,
                authority=authority,
                title=form.cleaned_data["title"],
                account=form.cleaned_data["account"],
                legal_form=form.cleaned_data["legal_form"],
                legal_basis=form.cleaned_data["legal_basis"],
                counterparty=form.cleaned_data["counterparty"],
                group=group,
                network=network,
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Die Einnahmeart „%(title)s“ ist angelegt. Tragen Sie die Prognose ein.")
                % {"title": stream.title},
            )
            return redirect("staff:vat_stream", stream_pk=stream.pk)
    return _stream_page(request, form, authority=authority, title=title, status=400)


# --- one stream ----------------------------------------------------------------------------------


def _stream(request: HttpRequest, stream_pk: int, action: Action = Action.VIEW) -> RevenueStream:
    return access_by_id(request.user, RevenueStream, stream_pk, action)


@staff_required
@require_safe
def vat_stream(request: HttpRequest, stream_pk: int) -> HttpResponse:
    stream = _stream(request, stream_pk)
    year = timezone.localdate().year
    return render(
        request,
        "staff/vat/stream.html",
        {
            "stream": stream,
            "amounts": [
                (a, amount_text(a.forecast), amount_text(a.actual))
                for a in selectors.amounts_of(stream)
            ],
            "assessments": selectors.assessments_of(stream),
            "amount_form": AmountForm(initial={"year": year}),
            "may_change": can(request.user, Action.CHANGE, stream),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def vat_stream_edit(request: HttpRequest, stream_pk: int) -> HttpResponse:
    stream = _stream(request, stream_pk, Action.CHANGE)
    authority = stream.authority
    form = _stream_form(
        request,
        authority,
        initial={
            "title": stream.title,
            "account": stream.account,
            "legal_form": stream.legal_form,
            "legal_basis": stream.legal_basis,
            "counterparty": stream.counterparty,
            "group": stream.group_id,
            "network": stream.network_id,
            "notes": stream.notes,
        },
    )
    title = _("Einnahmeart bearbeiten: %(title)s") % {"title": stream.title}
    if request.method != "POST":
        return _stream_page(request, form, authority=authority, title=title, stream=stream)
    if form.is_valid():
        group, network = _chosen(form, authority)
        try:
            services.stream_update(
                actor=request.user,
                stream=stream,
                title=form.cleaned_data["title"],
                account=form.cleaned_data["account"],
                legal_form=form.cleaned_data["legal_form"],
                legal_basis=form.cleaned_data["legal_basis"],
                counterparty=form.cleaned_data["counterparty"],
                group=group,
                network=network,
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Einnahmeart ist gespeichert."))
            return redirect("staff:vat_stream", stream_pk=stream.pk)
    return _stream_page(request, form, authority=authority, title=title, stream=stream, status=400)


@staff_required
@require_http_methods(["GET", "POST"])
def vat_amount_set(request: HttpRequest, stream_pk: int) -> HttpResponse:
    stream = _stream(request, stream_pk, Action.CHANGE)
    form = AmountForm(
        request.POST if request.method == "POST" else None,
        initial={"year": timezone.localdate().year},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.amount_set(
                    actor=request.user,
                    stream=stream,
                    year=form.cleaned_data["year"],
                    forecast=form.cleaned_data["forecast"],
                    actual=form.cleaned_data["actual"],
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Die Beträge für %(year)d sind gespeichert.")
                    % {"year": form.cleaned_data["year"]},
                )
                return redirect("staff:vat_stream", stream_pk=stream.pk)
    return render(
        request, "staff/vat/amount_form.html", {"form": form, "stream": stream}, status=status
    )


# --- assessing -----------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def vat_assess(request: HttpRequest, stream_pk: int) -> HttpResponse:
    """The guided assessment: the questions in the order of the tree; the answer that
    settles the case decides, later questions need no answer."""
    stream = _stream(request, stream_pk, Action.CHANGE)
    year = _year(request)
    current = selectors.open_assessment(stream, year)
    initial: dict[str, object] = {"year": year}
    if current is not None:
        initial.update(answers_initial(current.answers))
        initial.update({"rate": current.rate, "exemption": current.exemption})
    form = AssessmentForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                assessment = services.assessment_decide(
                    actor=request.user,
                    stream=stream,
                    year=form.cleaned_data["year"],
                    answers=form.answers(),
                    rate=form.cleaned_data["rate"],
                    exemption=form.cleaned_data["exemption"],
                    prepared_by_network=_acting_network(request, stream.authority),
                )
            except ValidationError as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Die Bewertung ist gespeichert."))
                return redirect("staff:vat_assessment", assessment_pk=assessment.pk)
    text = request.GET.get("suche", "")[:100]
    candidates = selectors.reuse_candidates(scoped(request.user, Assessment), stream, text)
    return render(
        request,
        "staff/vat/assess.html",
        {
            "stream": stream,
            "form": form,
            "year": year,
            "total": euro(selectors.group_total_of(stream, year)),
            "line": euro(DE_MINIMIS),
            "public_body": stream.counterparty == "public_body",
            "private_law": stream.legal_form == "private_law",
            "candidates": candidates,
            "text": text,
        },
        status=status,
    )


@staff_required
@require_POST
def vat_reuse(request: HttpRequest, stream_pk: int) -> HttpResponse:
    stream = _stream(request, stream_pk, Action.CHANGE)
    form = ReuseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("staff:vat_assess", stream_pk=stream.pk)
    source = access_by_id(request.user, Assessment, form.cleaned_data["source"])
    try:
        assessment = services.assessment_reuse(
            actor=request.user,
            stream=stream,
            source=source,
            year=form.cleaned_data["year"],
            prepared_by_network=_acting_network(request, stream.authority),
        )
    except ValidationError as exc:
        refusal_to_messages(request, exc)
        return redirect("staff:vat_assess", stream_pk=stream.pk)
    messages.success(
        request,
        _(
            "Die Antworten von %(name)s sind übernommen; die Grenze von 17.500 € ist mit "
            "Ihren Beträgen geprüft."
        )
        % {"name": source.authority.name},
    )
    return redirect("staff:vat_assessment", assessment_pk=assessment.pk)


def _answer_rows(assessment: Assessment) -> list[tuple[str, str]]:
    labels = {True: _("Ja"), False: _("Nein")}
    return [
        (str(question), labels[assessment.answers[name]])
        for name, question in QUESTION_TEXT.items()
        if assessment.answers.get(name) is not None
    ]


@staff_required
@require_safe
def vat_assessment(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = access_by_id(request.user, Assessment, assessment_pk)
    working = can(request.user, Action.CHANGE, assessment)
    return render(
        request,
        "staff/vat/assessment.html",
        {
            "assessment": assessment,
            "stream": assessment.stream,
            "working": working,
            "answers": _answer_rows(assessment),
            "group_total": euro(assessment.group_total),
            "may_approve": can(request.user, Action.MANAGE, assessment)
            and assessment.status != AssessmentStatus.APPROVED,
            "rule_label": RULE_LABELS[assessment.rule],  # type: ignore[index]
            "result_label": RESULT_LABELS[assessment.result],  # type: ignore[index]
        },
    )


@staff_required
@require_POST
def vat_assessment_approve(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = access_by_id(request.user, Assessment, assessment_pk, Action.MANAGE)
    try:
        services.assessment_approve(actor=request.user, assessment=assessment)
    except ValidationError as exc:
        refusal_to_messages(request, exc)
    else:
        messages.success(request, _("Die Bewertung ist freigegeben."))
    return redirect("staff:vat_assessment", assessment_pk=assessment.pk)


# --- export for the tax adviser ------------------------------------------------------------------


def _export_rows(authority: Authority, year: int) -> list[dict[str, str]]:
    rows = []
    for group in selectors.register_of(authority.pk, year):
        for row in group.streams:
            decided = row.approved or row.open
            rows.append(
                {
                    "group": group.name,
                    "group_total": amount_text(group.total),
                    "title": row.stream.title,
                    "account": row.stream.account,
                    "legal_form": row.stream.get_legal_form_display(),
                    "legal_basis": row.stream.legal_basis,
                    "counterparty": row.stream.get_counterparty_display(),
                    "forecast": amount_text(row.forecast),
                    "actual": amount_text(row.actual),
                    "result": str(RESULT_LABELS[decided.result]) if decided else "",  # type: ignore[index]
                    "rule": str(RULE_LABELS[decided.rule]) if decided else "",  # type: ignore[index]
                    "rate": f"{decided.rate} %" if decided and decided.rate else "",
                    "exemption": decided.exemption if decided else "",
                    "status": decided.get_status_display() if decided else _("nicht bewertet"),
                    "approved_at": decided.approved_at.strftime("%d.%m.%Y")
                    if decided and decided.approved_at
                    else "",
                    "explanation": decided.explanation if decided else "",
                    "due": "; ".join(d.text for d in row.due),
                }
            )
    return rows


EXPORT_COLUMNS = (
    ("group", "Gruppe gleichartiger Tätigkeiten"),
    ("group_total", "Prognose der Gruppe (€)"),
    ("title", "Einnahmeart"),
    ("account", "Konto oder Produkt"),
    ("legal_form", "Rechtsform"),
    ("legal_basis", "Rechtsgrundlage"),
    ("counterparty", "Leistungsempfänger"),
    ("forecast", "Prognose (€)"),
    ("actual", "Ist (€)"),
    ("result", "Ergebnis"),
    ("rule", "Regel"),
    ("rate", "Steuersatz"),
    ("exemption", "Steuerbefreiung"),
    ("status", "Stand"),
    ("approved_at", "freigegeben am"),
    ("explanation", "Begründung"),
    ("due", "Neubewertung fällig"),
)


@staff_required
@require_safe
def vat_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _register_authority(request, pk)
    year = _year(request)
    with translation.override("de"):
        rows = _export_rows(authority, year)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([label for _key, label in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([row[key] for key, _label in EXPORT_COLUMNS])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="taetigkeitsanalyse-{authority.pk}-{year}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_safe
def vat_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    authority = _register_authority(request, pk)
    year = _year(request)
    with translation.override("de"):
        html = render_to_string(
            "staff/vat/export_pdf.html",
            {
                "authority": authority,
                "year": year,
                "rows": _export_rows(authority, year),
                "date": timezone.localdate().strftime("%d.%m.%Y"),
            },
        )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="taetigkeitsanalyse-{authority.pk}-{year}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- the service centre's page of a network ------------------------------------------------------


@staff_required
@require_safe
def network_vat(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_by_id(request.user, Network, pk)
    coordinating = can(request.user, Action.CHANGE, network)
    members = selectors.delegating_members(network)
    year = timezone.localdate().year
    counts = selectors.due_count([m.pk for m in members], year) if coordinating else {}
    stream = selectors.network_stream(network.pk)
    ruling = selectors.cooperation_ruling(network.pk, timezone.localdate())
    return render(
        request,
        "staff/vat/network.html",
        {
            "network": network,
            "coordinating": coordinating,
            "members": [(m, counts.get(m.pk)) for m in members],
            "year": year,
            "stream_authority": stream.authority if stream else None,
            "ruling": ruling,
        },
    )
