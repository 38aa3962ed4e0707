"""Public pages of the archive search (namespace ``archive``): the search over public
units, a hit on its page with the matching words marked, and the image of a page of a
public unit. Anyone may read them, without an account; any other page is a 404."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from verbund.archive.search import views
from verbund.archive.search.selectors import page_hit, public_page


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    context, status = views.search_context(request, public_only=True)
    return render(request, "archive/search.html", context, status=status)


@require_safe
def search_page(request: HttpRequest, pk: int) -> HttpResponse:
    page = public_page(pk)
    if page is None:
        raise Http404
    q = request.GET.get("q", "")[:200]
    return render(
        request,
        "archive/search_page.html",
        {"page": page, "q": q, "hit": page_hit(page, q)},
    )


@require_safe
def page_image(request: HttpRequest, pk: int) -> FileResponse:
    page = public_page(pk)
    if page is None:
        raise Http404
    return views.image_response(page)
