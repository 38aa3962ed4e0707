"""Middleware of the core: the client's address behind trusted reverse proxies, the
request-size cap and ``Cache-Control: no-store`` on private pages."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any, BinaryIO, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from verbund.core.limits import BodyLimit, Route, body_limit, scan_file_limit
from verbund.core.uploads import format_size, max_upload_bytes

# Bytes asked of the server per read while a whole body without Content-Length is read.
_CHUNK = 64 * 1024


class ForwardedForMiddleware:
    """Behind ``VERBUND_PROXY_COUNT`` reverse proxies, take the client's address from
    ``X-Forwarded-For`` so that the login lockout counts per real client.

    Each proxy appends the address it received the request from; the entry
    ``VERBUND_PROXY_COUNT`` places from the right was written by our outermost
    proxy and cannot be forged by the client (entries further left can).
    With the default of 0 the header is ignored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = int(getattr(settings, "VERBUND_PROXY_COUNT", 0))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.proxies:
            hops = [
                hop.strip()
                for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if hop.strip()
            ]
            if len(hops) >= self.proxies:
                request.META["REMOTE_ADDR"] = hops[-self.proxies]
        return self.get_response(request)


def _buffered(stream: Any, limit: int) -> tuple[tempfile.SpooledTemporaryFile[bytes], int] | None:
    """Read a body without Content-Length, up to ``limit`` bytes, into a temporary file
    (in memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``); ``None`` as soon as it turns out
    longer: then exactly one byte beyond the limit has been read."""
    body = tempfile.SpooledTemporaryFile(  # noqa: SIM115  (closed by the caller)
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, mode="w+b"
    )
    size = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            body.close()
            return None
        body.write(chunk)
    body.seek(0)
    return body, size


def _declared_length(request: HttpRequest) -> int | None:
    """The Content-Length, ``None`` without one; a malformed one counts as 0, as for
    Django, which then reads no body."""
    value = request.META.get("CONTENT_LENGTH")
    if value is None or value == "":
        return None
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _chunked_and_terminated(request: HttpRequest) -> bool:
    """A body sent in chunks that the WSGI server hands over decoded and ends itself
    (gunicorn says so with ``wsgi.input_terminated``)."""
    encoding = str(request.META.get("HTTP_TRANSFER_ENCODING", "")).lower()
    return (
        "chunked" in encoding
        and bool(request.META.get("wsgi.input_terminated"))
        and "wsgi.input" in request.META
    )


def too_large_response(request: HttpRequest, limit: BodyLimit) -> HttpResponse:
    """413: JSON in the API's error shape under ``/api/``, a page elsewhere."""
    if limit.route is Route.API:
        return JsonResponse(
            {
                "detail": _("Die Anfrage ist zu groß (höchstens %(n)d Bytes).") % {"n": limit.size},
                "code": "too_large",
            },
            status=413,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "413.html",
        {
            "limit": format_size(limit.size),
            "uploads": limit.route in (Route.UPLOAD, Route.SCANS),
            "file_limit": format_size(
                scan_file_limit() if limit.route is Route.SCANS else max_upload_bytes()
            ),
        },
        status=413,
    )


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than its route allows
    (``verbund.core.limits``) with 413, before anything reads the body.

    - With a Content-Length above the limit the body is not read at all and no
      view runs.
    - A body in chunks without Content-Length, which the WSGI server decodes and
      ends (``wsgi.input_terminated``, as gunicorn does), is read here up to the
      limit: one byte beyond it and the answer is 413, again before any view.
      Otherwise it is handed on with its Content-Length, so that Django's form
      parsers and DRF read it (without one they would read nothing).

    It must come before every middleware that may read the body (CSRF reads the
    form of a POST) and after ``LocaleMiddleware``, so that the answer is in the
    visitor's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = _declared_length(request)
        if declared is not None:
            if declared:
                limit = body_limit(request)
                if declared > limit.size:
                    return too_large_response(request, limit)
            return self.get_response(request)
        if not _chunked_and_terminated(request):
            return self.get_response(request)
        limit = body_limit(request)
        buffered = _buffered(request.META["wsgi.input"], limit.size)
        if buffered is None:
            return too_large_response(request, limit)
        body, size = buffered
        # From here on the request is one with a Content-Length, which Django's form
        # parsers and DRF need (without it they read no body); WSGIRequest's own stream
        # was made for a length of 0.
        request.META["CONTENT_LENGTH"] = str(size)
        request._stream = cast(BinaryIO, body)
        try:
            return self.get_response(request)
        finally:
            body.close()


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` (at least) on every answer below one of
    ``VERBUND_NO_STORE_PREFIXES``: staff pages, the citizen's drafts and status
    pages, the partner API. No browser or proxy keeps a copy of what they show.
    Keyed on paths, so that views need not remember it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.VERBUND_NO_STORE_PREFIXES)):
            # Added to what a view set (never_cache's longer header stays as it is);
            # "private" replaces a "public".
            patch_cache_control(response, private=True, no_store=True)
        return response
