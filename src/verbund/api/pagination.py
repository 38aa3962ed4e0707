"""Pages of the API: ``?page=`` from 1 and ``?page_size=`` up to ``MAX_PAGE_SIZE``; for
lists that specialist systems poll, also ``?cursor=`` (keyset pages: no count, and the
same cost on page 1 and page 1,000)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

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


def cursor_encode(received_at: dt.datetime, pk: int) -> str:
    """The opaque position after a row: its time and id, URL-safe. It holds no secret;
    whoever changes it only moves within the lists they may read anyway."""
    raw = f"{received_at.astimezone(dt.UTC).isoformat(timespec='microseconds')}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(token: str) -> tuple[dt.datetime, int] | None:
    """The position of a cursor from :func:`cursor_encode`; None when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        when, pk = raw.split("|")
        received_at = dt.datetime.fromisoformat(when)
        number = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if received_at.tzinfo is None or number < 1:
        return None
    return received_at, number


def cursor_link(request: Request, token: str | None) -> str | None:
    """The URL of the keyset page after ``token`` (None: there is none)."""
    if token is None:
        return None
    url = remove_query_param(request.build_absolute_uri(), "page")
    return replace_query_param(url, "cursor", token)
