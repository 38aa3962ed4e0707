"""Page sizes of the API: ``?page=`` from 1 and ``?page_size=`` up to ``MAX_PAGE_SIZE``."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far beyond any real list, and small enough that the offset fits a database integer.
MAX_PAGE = 1_000_000


def page_links(request: Request, number: int, size: int, count: int) -> dict[str, str | None]:
    """``next`` and ``previous`` of page ``number`` (absolute URLs, or ``None``)."""
    url = request.build_absolute_uri()
    previous = None
    if number > 1:
        previous = (
            replace_query_param(url, "page", number - 1)
            if number > 2
            else remove_query_param(url, "page")
        )
    following = replace_query_param(url, "page", number + 1) if number * size < count else None
    return {"next": following, "previous": previous}
