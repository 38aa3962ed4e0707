"""Staff pages of the catalogue: services, an authority's offices and adoptions."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from verbund.authorities.models import Authority
from verbund.catalogue import selectors, services
from verbund.catalogue.forms import (
    AdoptionCreateForm,
    AdoptionEndForm,
    AdoptionForm,
    OfficeForm,
    ServiceCreateForm,
    ServiceForm,
)
from verbund.catalogue.models import (
    Adoption,
    Office,
    ResponsibilityException,
    Service,
    ServiceStatus,
)
from verbund.core.access import Action, access_by_id, access_child_by_id, can, scoped
from verbund.core.auth import staff_required
from verbund.core.refusals import refusal_to_form, refusal_to_messages

PAGE_SIZE = 50


def _acting_authorities(user: Any) -> list[Authority]:
    """The authorities ``user`` administers that are network members today: the ones
    that may build and adopt services."""
    administered = scoped(user, Authority, Action.CHANGE).order_by("name", "ars")
    return [authority for authority in administered if services.is_member(authority)]


def _not_ended(today: dt.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gte=today)


# --- Services ----------------------------------------------------------------------


@staff_required
def catalogue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    running = Q(adoptions__started_on__lte=today) & (
        Q(adoptions__ended_on__isnull=True) | Q(adoptions__ended_on__gte=today)
    )
    visible = (
        scoped(request.user, Service)
        .select_related("builder")
        .annotate(running_count=Count("adoptions", filter=running))
    )
    published = visible.filter(status=ServiceStatus.PUBLISHED).order_by("title", "pk")
    # The policy shows drafts and withdrawn services only to the builder's staff.
    unpublished = visible.exclude(status=ServiceStatus.PUBLISHED).order_by("status", "title")
    return render(
        request,
        "staff/catalogue/catalogue.html",
        {
            "page": Paginator(published, PAGE_SIZE).get_page(request.GET.get("page")),
            "unpublished": unpublished,
            "may_create": bool(_acting_authorities(request.user)),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    builders = [authority.pk for authority in _acting_authorities(request.user)]
    if not builders:
        raise PermissionDenied
    form = ServiceCreateForm(
        request.POST or None,
        builders=scoped(request.user, Authority, Action.CHANGE)
        .filter(pk__in=builders)
        .order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        builder = fields.pop("builder")
        try:
            service = services.service_create(actor=request.user, builder=builder, **fields)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Die Leistung „%(title)s“ wurde als Entwurf angelegt.") % {"title": service},
            )
            return redirect("staff:service", pk=service.pk)
    return render(request, "staff/catalogue/service_create.html", {"form": form})


@staff_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_by_id(request.user, Service, pk)
    adopters: list[Authority] = []
    if service.is_published:
        taken = set(
            scoped(request.user, Adoption)
            .filter(_not_ended(timezone.localdate()), service_id=service.pk)
            .values_list("authority_id", flat=True)
        )
        adopters = [
            authority
            for authority in _acting_authorities(request.user)
            if authority.pk not in taken
            and services.responsibility_refusal(service, authority) is None
        ]
    exceptions = (
        scoped(request.user, ResponsibilityException)
        .filter(service_id=service.pk)
        .select_related("area", "responsible")
        .order_by("area__name")
    )
    return render(
        request,
        "staff/catalogue/service_detail.html",
        {
            "service": service,
            "may_change": can(request.user, Action.CHANGE, service),
            "running": selectors.running_adoptions(service),
            "past": selectors.past_adoptions(service),
            "exceptions": exceptions,
            "use_by_network": selectors.service_use_by_network(service),
            "adopters": adopters,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_by_id(request.user, Service, pk, Action.CHANGE)
    # The form edits a copy; the service compares it with the stored row and audits.
    form = ServiceForm(request.POST or None, instance=copy.copy(service))
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Leistung wurde gespeichert."))
            return redirect("staff:service", pk=service.pk)
    return render(request, "staff/catalogue/service_edit.html", {"service": service, "form": form})


@staff_required
@require_POST
def service_publish(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_by_id(request.user, Service, pk, Action.CHANGE)
    services.service_publish(actor=request.user, service=service)
    messages.success(
        request,
        _("„%(title)s“ ist veröffentlicht und kann nachgenutzt werden.") % {"title": service},
    )
    return redirect("staff:service", pk=service.pk)


@staff_required
@require_POST
def service_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    service = access_by_id(request.user, Service, pk, Action.CHANGE)
    services.service_withdraw(actor=request.user, service=service)
    messages.success(
        request,
        _("„%(title)s“ ist zurückgezogen und kann nicht mehr neu nachgenutzt werden.")
        % {"title": service},
    )
    return redirect("staff:service", pk=service.pk)


# --- An authority's offices and adoptions ------------------------------------------


@staff_required
def authority_services(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk)
    today = timezone.localdate()
    adoptions = list(selectors.adoptions_of(authority))
    return render(
        request,
        "staff/catalogue/authority_services.html",
        {
            "authority": authority,
            "may_change": can(request.user, Action.CHANGE, authority),
            "running": [a for a in adoptions if a.ended_on is None or a.ended_on >= today],
            "history": [a for a in adoptions if a.ended_on is not None and a.ended_on < today],
            "offices": selectors.offices_of(authority),
            "built": selectors.services_built_by([authority.pk]).order_by("title"),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def office_create(request: HttpRequest, pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            office = services.office_create(
                actor=request.user, authority=authority, **form.cleaned_data
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Stelle „%(name)s“ wurde angelegt.") % {"name": office})
            return redirect("staff:authority_services", pk=authority.pk)
    return render(
        request, "staff/catalogue/office_form.html", {"authority": authority, "form": form}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, pk: int, office_pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    office = access_child_by_id(
        request.user,
        Office,
        office_pk,
        parent=authority,
        parent_field="authority",
        action=Action.CHANGE,
    )
    form = OfficeForm(request.POST or None, instance=copy.copy(office))
    if request.method == "POST" and form.is_valid():
        try:
            services.office_update(actor=request.user, office=office, **form.cleaned_data)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Stelle wurde gespeichert."))
            return redirect("staff:authority_services", pk=authority.pk)
    return render(
        request,
        "staff/catalogue/office_form.html",
        {"authority": authority, "office": office, "form": form},
    )


def _adoption_refusal(service: Service, authority: Authority) -> str | None:
    if not service.is_published:
        return _("„%(service)s“ ist nicht veröffentlicht und kann nicht nachgenutzt werden.") % {
            "service": service.title
        }
    return services.responsibility_refusal(service, authority)


@staff_required
@require_http_methods(["GET", "POST"])
def adoption_create(request: HttpRequest, pk: int, service_pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    service = access_by_id(request.user, Service, service_pk)
    offices = selectors.offices_of(authority)
    form = AdoptionCreateForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_create(
                actor=request.user, service=service, authority=authority, **form.cleaned_data
            )
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s nutzt „%(service)s“ jetzt nach.")
                % {"name": authority.name, "service": service.title},
            )
            return redirect("staff:authority_services", pk=authority.pk)
    return render(
        request,
        "staff/catalogue/adoption_form.html",
        {
            "authority": authority,
            "service": service,
            "form": form,
            "has_offices": offices.exists(),
            # Said before the form is filled in; a POST shows it in the error summary.
            "refusal": None if form.is_bound else _adoption_refusal(service, authority),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def adoption_edit(request: HttpRequest, pk: int, adoption_pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    adoption = access_child_by_id(
        request.user,
        Adoption,
        adoption_pk,
        parent=authority,
        parent_field="authority",
        action=Action.CHANGE,
    )
    form = AdoptionForm(
        request.POST or None,
        offices=selectors.offices_of(authority),
        initial=AdoptionForm.initial_for(adoption),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_update(actor=request.user, adoption=adoption, **form.cleaned_data)
        except ValidationError as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Die Nachnutzung wurde gespeichert."))
            return redirect("staff:authority_services", pk=authority.pk)
    return render(
        request,
        "staff/catalogue/adoption_form.html",
        {
            "authority": authority,
            "service": adoption.service,
            "adoption": adoption,
            "form": form,
            "has_offices": True,
            "ended": adoption.ended_on is not None and adoption.ended_on < timezone.localdate(),
            "end_form": AdoptionEndForm() if adoption.ended_on is None else None,
        },
    )


@staff_required
@require_POST
def adoption_end(request: HttpRequest, pk: int, adoption_pk: int) -> HttpResponse:
    authority = access_by_id(request.user, Authority, pk, Action.CHANGE)
    adoption = access_child_by_id(
        request.user,
        Adoption,
        adoption_pk,
        parent=authority,
        parent_field="authority",
        action=Action.CHANGE,
    )
    form = AdoptionEndForm(request.POST)
    if form.is_valid():
        ended_on = form.cleaned_data["ended_on"]
        try:
            services.adoption_end(actor=request.user, adoption=adoption, ended_on=ended_on)
        except ValidationError as exc:
            refusal_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("Die Nachnutzung von „%(service)s“ endet mit dem %(date)s.")
                % {"service": adoption.service.title, "date": ended_on.strftime("%d.%m.%Y")},
            )
    else:
        messages.error(request, _("Bitte geben Sie ein gültiges Enddatum an."))
    return redirect("staff:authority_services", pk=authority.pk)
