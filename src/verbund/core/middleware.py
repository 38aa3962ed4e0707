"""Middleware of the core: the client's address behind trusted reverse proxies."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
