from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from verbund.core.middleware import ForwardedForMiddleware


def _address(settings: Any, proxies: int, forwarded: str | None) -> str:
    settings.VERBUND_PROXY_COUNT = proxies
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **extra)
    ForwardedForMiddleware(view)(request)
    return seen[0]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy configured: the header is ignored
        (1, None, "10.0.0.2"),
        (1, "203.0.113.7", "203.0.113.7"),
        # A client's forged entry on the left does not win over what our proxy wrote.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.2"),  # fewer hops than proxies: untrusted, ignored
    ],
)
def test_client_address_behind_proxies(
    settings: Any, proxies: int, forwarded: str | None, address: str
) -> None:
    assert _address(settings, proxies, forwarded) == address
