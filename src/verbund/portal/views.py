"""The public portal (start page, legal pages) and the staff editor of legal pages."""

from __future__ import annotations

import copy
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from verbund.authorities.models import Authority
from verbund.core.access import Action, access_by_id, scoped
from verbund.core.auth import staff_required
from verbund.portal import selectors, services
from verbund.portal.forms import LegalPageForm, PlaceSearchForm
from verbund.portal.models import LegalPage, LegalPageKind

# What the platform's own accessibility statement lists as not (yet) accessible.
PLATFORM_SHORTCOMINGS = (
    gettext_lazy(
        "Eine vollständige Prüfung nach dem BITV-Prüfverfahren steht noch aus. Bisher wird "
        "automatisiert (axe-core, WCAG 2.1 Stufe AA) und mit der Tastatur geprüft."
    ),
    gettext_lazy(
        "Informationen in Leichter Sprache und in Deutscher Gebärdensprache (§ 4 BITV 2.0) "
        "gibt es noch nicht."
    ),
    gettext_lazy(
        "Die Texte der Kommunen verantworten diese selbst; bekannte Mängel darin nennt die "
        "Erklärung der jeweiligen Kommune."
    ),
)
# Date of the platform's own accessibility statement unless the operator sets one.
PLATFORM_STATEMENT_DATE = dt.date(2026, 11, 22)


def _operator() -> dict[str, object]:
    """Who runs this instance, from the ``VERBUND_OPERATOR_*`` settings."""
    statement_date = getattr(
        settings, "VERBUND_ACCESSIBILITY_STATEMENT_DATE", PLATFORM_STATEMENT_DATE
    )
    if isinstance(statement_date, str):
        statement_date = dt.date.fromisoformat(statement_date)
    return {
        "name": getattr(settings, "VERBUND_OPERATOR_NAME", "") or _("Betreiber dieser Plattform"),
        "address": getattr(settings, "VERBUND_OPERATOR_ADDRESS", ""),
        "email": getattr(settings, "VERBUND_OPERATOR_EMAIL", ""),
        "statement_date": statement_date,
    }


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    form = PlaceSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_valid():
        results = selectors.place_results(q=form.cleaned_data["q"])
    return render(request, "portal/home.html", {"form": form, "results": results})


@require_safe
def platform_legal(request: HttpRequest, kind: str) -> HttpResponse:
    return render(
        request,
        f"portal/platform_{kind}.html",
        {
            "kind": kind,
            "kind_label": LegalPageKind(kind).label,
            "operator": _operator(),
            "platform_shortcomings": PLATFORM_SHORTCOMINGS,
        },
    )


@require_safe
def member_home(request: HttpRequest, ars: str) -> HttpResponse:
    authority = selectors.authority_by_ars(ars)
    if authority is None:
        raise Http404
    return render(
        request,
        "portal/member_home.html",
        {"authority": authority, "pages": selectors.published_legal_pages(authority)},
    )


@require_safe
def member_legal(request: HttpRequest, ars: str, kind: str) -> HttpResponse:
    authority = selectors.authority_by_ars(ars)
    page = (
        None
        if authority is None
        else selectors.published_legal_page(authority=authority, kind=kind)
    )
    if authority is None or page is None:
        raise Http404
    return render(
        request,
        "portal/member_legal.html",
        {"authority": authority, "page": page},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def legal_page_edit(request: HttpRequest, authority_pk: int, kind: str) -> HttpResponse:
    authority = access_by_id(request.user, Authority, authority_pk, Action.MANAGE)
    page = (
        scoped(request.user, LegalPage, Action.CHANGE)
        .filter(authority=authority, kind=kind)
        .first()
    )
    # The form edits a copy; the service compares it with the stored row and audits.
    instance = copy.copy(page) if page is not None else LegalPage(authority=authority, kind=kind)
    form = LegalPageForm(request.POST or None, instance=instance, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_page_save(
                actor=request.user,
                authority=authority,
                kind=kind,
                body=form.cleaned_data["body"],
                contact_email=form.cleaned_data["contact_email"],
                conformity=form.cleaned_data.get("conformity", ""),
                reviewed_on=form.cleaned_data["reviewed_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(page)s von %(name)s wurde gespeichert.")
                % {"page": LegalPageKind(kind).label, "name": authority.name},
            )
            return redirect("staff:legal_page_edit", authority_pk=authority.pk, kind=kind)
    return render(
        request,
        "staff/portal/legal_page_edit.html",
        {
            "authority": authority,
            "kind": kind,
            "kind_label": LegalPageKind(kind).label,
            "page": page,
            "form": form,
        },
    )
