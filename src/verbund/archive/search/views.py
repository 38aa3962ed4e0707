"""Staff pages of the archive search (namespace ``staff``): the search over every unit
the user may see (their own archive's, their network fellows' members units and the
public ones), a hit on its page, and that page's image."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from verbund.archive.models import Page
from verbund.archive.search.forms import ArchiveSearchForm
from verbund.archive.search.selectors import page_hit, page_search
from verbund.core.access import access_by_id
from verbund.core.auth import staff_required


def _page_url(query: QueryDict, number: int) -> str:
    params = query.copy()
    if number > 1:
        params["page"] = str(number)
    else:
        params.pop("page", None)
    return f"?{params.urlencode()}"


def search_context(request: HttpRequest, *, public_only: bool) -> tuple[dict[str, Any], int]:
    """The search page's context and status: 400 with the form's errors for bad input,
    404 for a page of hits past the last."""
    form = ArchiveSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "result": None}
    if not form.is_bound:
        return context, 200
    if not form.is_valid():
        return context, 400
    number = form.cleaned_data["page"] or 1
    result = page_search(
        user=request.user, q=form.cleaned_data["q"], number=number, public_only=public_only
    )
    if number > result.last:
        raise Http404
    context.update(
        result=result,
        q=form.cleaned_data["q"],
        previous_url=_page_url(request.GET, number - 1) if number > 1 else "",
        next_url=_page_url(request.GET, number + 1) if number < result.last else "",
    )
    return context, 200


def image_response(page: Page) -> FileResponse:
    """The page's JPEG derivative, shown inline; a 404 when the file is missing."""
    try:
        handle = page.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    # Access follows the unit, which may change: never served from a cache unasked.
    response["Cache-Control"] = "private, no-cache"
    return response


@staff_required
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    context, status = search_context(request, public_only=False)
    return render(request, "staff/archive/search/search.html", context, status=status)


@staff_required
@require_safe
def search_page(request: HttpRequest, pk: int) -> HttpResponse:
    page = access_by_id(request.user, Page, pk)
    q = request.GET.get("q", "")[:200]
    return render(
        request,
        "staff/archive/search/page.html",
        {"page": page, "q": q, "hit": page_hit(page, q)},
    )


@staff_required  # type: ignore[arg-type]
@require_safe
def page_image(request: HttpRequest, pk: int) -> FileResponse:
    page = access_by_id(request.user, Page, pk)
    return image_response(page)
