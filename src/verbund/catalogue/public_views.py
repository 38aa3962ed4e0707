"""Public catalogue pages: find a service, read about it, learn who handles it where."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from verbund.authorities.selectors import place_search
from verbund.catalogue.index import routing_index
from verbund.catalogue.models import Themenfeld
from verbund.catalogue.public_forms import PlaceForm, ServiceSearchForm
from verbund.catalogue.selectors import (
    PlaceOffer,
    apply_url,
    past_adoptions,
    place_services,
    published_service,
    running_adoptions,
    service_search,
    service_use_by_network,
)

_SLUG_OR_LEIKA = re.compile(r"^(?:99\d{12}|[a-z0-9]+(?:-[a-z0-9]+)*)$")
_ARS12 = re.compile(r"^\d{12}$")
PAGE_SIZE = 50


@require_safe
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    q, themenfeld = "", None
    if form.is_bound and form.is_valid():
        q = form.cleaned_data["q"]
        themenfeld = form.cleaned_data["themenfeld"] or None
    page = service_search(q=q, themenfeld=themenfeld, limit=PAGE_SIZE)
    return render(
        request,
        "catalogue/service_list.html",
        {"form": form, "q": q, "page": page, "searched": bool(q or themenfeld)},
    )


@require_safe
def service_detail(request: HttpRequest, key: str) -> HttpResponse:
    if not _SLUG_OR_LEIKA.match(key):
        raise Http404
    service = published_service(key)
    if service is None:
        raise Http404
    index = routing_index()
    ref = index.service(service.key)
    resolution = None
    candidates = None
    place_form = PlaceForm(request.GET if "ort" in request.GET else None)
    chosen = request.GET.get("ars", "")
    if ref is not None and _ARS12.match(chosen) and index.place(chosen) is not None:
        resolution = index.resolve(ref, index.place(chosen))  # type: ignore[arg-type]
    elif ref is not None and place_form.is_bound and place_form.is_valid():
        found = place_search(q=place_form.cleaned_data["ort"], kind="gemeinde", limit=20)
        places = [p for p in found.places if index.place(p.ars) is not None]
        if len(places) == 1:
            resolution = index.resolve(ref, index.place(places[0].ars))  # type: ignore[arg-type]
        else:
            candidates = places
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "adoptions": running_adoptions(service),
            "past": past_adoptions(service),
            "use": service_use_by_network(service),
            "place_form": place_form,
            "resolution": resolution,
            "candidates": candidates,
            "apply_url": apply_url(resolution) if resolution else "",
        },
    )


@require_safe
def place_detail(request: HttpRequest, ars: str) -> HttpResponse:
    """The services available for one place: online ones first, grouped by Themenfeld."""
    index = routing_index()
    place = index.place(ars) if _ARS12.match(ars) else None
    if place is None:
        raise Http404
    offers = place_services(place)
    return render(
        request,
        "catalogue/place_services.html",
        {
            "place": place,
            "kreis": index.kreise.get(place.ars[:5]),
            "online": _grouped([o for o in offers if o.apply_url]),
            "offline": _grouped([o for o in offers if not o.apply_url]),
        },
    )


def _grouped(offers: list[PlaceOffer]) -> list[tuple[str, list[PlaceOffer]]]:
    labels = dict(Themenfeld.choices)
    groups: dict[str, list[PlaceOffer]] = {}
    for offer in sorted(offers, key=lambda o: (str(labels[o.service.themenfeld]), o.service.title)):
        groups.setdefault(str(labels[offer.service.themenfeld]), []).append(offer)
    return list(groups.items())
