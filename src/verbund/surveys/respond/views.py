"""The recipient's pages (to be written)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def respond(request: HttpRequest, recipient_id: int, token: str) -> HttpResponse:
    raise Http404
