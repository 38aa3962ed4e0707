"""Public pages of good practices: the search and one practice. Anyone may read them,
without an account; they show published practices only (``selectors``)."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from verbund.catalogue.models import Service
from verbund.catalogue.selectors import reachable
from verbund.practices.forms import PracticeSearchForm
from verbund.practices.models import LAENDER
from verbund.practices.selectors import (
    linked_services,
    practice_search,
    published_practice,
    remembered,
    service_for_filter,
)

PAGE_SIZE = 20
_SERVICE_KEY = re.compile(r"^(?:99\d{12}|[a-z0-9]+(?:-[a-z0-9]+)*)$")


def _services(query: QueryDict) -> tuple[list[Service], QueryDict]:
    """The service filter's choices: the services practices link, and the one asked
    for when it is published (a link from its catalogue page), by its LeiKa key or its
    local key; the query with the asked service under its catalogue key."""
    services = linked_services()
    asked = query.get("service", "")
    if not asked or len(asked) > 60 or not _SERVICE_KEY.match(asked):
        return services, query
    found = next((s for s in services if asked in (s.key, s.slug)), None)
    if found is None:
        found = service_for_filter(asked)
        if found is None:
            return services, query
        services.append(found)
    if asked != found.key:
        query = query.copy()
        query["service"] = found.key
    return services, query


def _page_url(query: QueryDict, number: int) -> str:
    params = query.copy()
    if number > 1:
        params["page"] = str(number)
    else:
        params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@require_safe
def practice_list(request: HttpRequest) -> HttpResponse:
    """The search. Its part of the page (form and results) depends only on the query
    and the language: it is kept with the worker's search index and rendered again
    only when anything it shows has changed."""
    key = (
        "page",
        get_language(),
        tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())),
    )
    title, content = remembered(key, lambda: _search_part(request.GET))
    return render(
        request,
        "practices/practice_list.html",
        # The part was rendered from our own template, which escaped what it shows.
        {"title": title, "content": mark_safe(content)},  # noqa: S308
    )


def _search_part(asked: QueryDict) -> tuple[str, str]:
    """The page's title and its search part (form and results) for the query ``asked``."""
    services, query = _services(asked)
    form = PracticeSearchForm(query or None, services=services)
    filters: dict[str, Any] = {}
    number = 1
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        number = data["page"] or 1
        filters = {
            "q": data["q"],
            "field_of_action": data["field"] or None,
            "land": data["land"] or None,
            "kind": data["kind"] or None,
            "service": next((s for s in services if s.key == data["service"]), None),
        }
    page = practice_search(**filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    last = max(1, -(-page.count // PAGE_SIZE))
    q = filters.get("q", "")
    title = _("Gute Beispiele zu „%(q)s“") % {"q": q} if q else str(_("Gute Beispiele"))
    if number > 1:
        title = f"{title} – {_('Seite %(n)s') % {'n': number}}"
    if form.errors:
        title = f"{_('Fehler')}: {title}"
    content = render_to_string(
        "practices/_search.html",
        {
            "form": form,
            "page": page,
            "searched": any(filters.values()),
            "number": number,
            "last": last,
            "previous_url": _page_url(query, number - 1) if 1 < number <= last else "",
            "next_url": _page_url(query, number + 1) if number < last else "",
        },
    )
    return title, content


@require_safe
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = published_practice(pk)
    if practice is None:
        raise Http404
    service = practice.service if practice.service and practice.service.is_published else None
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "service": service,
            "land": LAENDER.get(practice.land, ""),
            "mail_link": bool(practice.contact_email) and reachable(practice.contact_email),
        },
    )
