"""Panels: parts of a page that other apps contribute.

A page that shows what several apps own (the staff start page, an authority's
workspace, a network's overview, the applicant's status page) belongs to the
lowest of them and offers a :class:`~verbund.core.hooks.Hook` of panels in its
``hooks.py``. Each app above registers a :class:`Panel` there from its
``AppConfig.ready()``: a template of its own and a function that gives its
context, or ``None`` when the panel has nothing to show for this request.

The page's view renders them with :func:`render_panels` and its template puts
them in place (``{% for panel in panels %}{{ panel }}{% endfor %}``). A new
module (surveys, fees, invoices, …) adds its entry to these pages the same way,
without the page's app knowing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from verbund.core.access import Action, can

PanelContext = Callable[[HttpRequest, Any], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    """One app's part of a page.

    ``context(request, obj)`` gets the request and the page's object (the
    authority, the network, the submission, …) and returns the template's
    context, or ``None`` to leave the panel out (e.g. for a user without the
    role). Panels are shown by ``order``, then by registration.
    """

    key: str
    template: str
    context: PanelContext
    order: int = 100


def render_panels(panels: Iterable[Panel], request: HttpRequest, obj: Any) -> list[SafeString]:
    """The HTML of every panel that has something to show, in order."""
    shown = []
    for position, panel in enumerate(panels):
        context = panel.context(request, obj)
        if context is None:
            continue
        html = render_to_string(panel.template, {**context, "object": obj}, request=request)
        # The panel's own template escaped whatever it shows.
        shown.append((panel.order, position, mark_safe(html)))  # noqa: S308
    return [html for _order, _position, html in sorted(shown, key=lambda s: (s[0], s[1]))]


@dataclass(frozen=True)
class MenuEntry:
    """One link an app adds to a page's menu (an authority's workspace lists the inbox,
    the services, the API clients, …). ``url(request, obj)`` returns where it leads, or
    ``None`` when this user may not go there."""

    key: str
    label: str | Promise
    url: Callable[[HttpRequest, Any], str | None]
    order: int = 100


def render_menu(
    entries: Iterable[MenuEntry], request: HttpRequest, obj: Any
) -> list[tuple[str, str]]:
    """``(label, url)`` of every entry this user may follow, in order."""
    shown = []
    for position, entry in enumerate(entries):
        url = entry.url(request, obj)
        if url:
            shown.append((entry.order, position, str(entry.label), url))
    return [(label, url) for _order, _position, label, url in sorted(shown)]


def object_link(
    url_name: str, action: Action = Action.VIEW
) -> Callable[[HttpRequest, models.Model], str | None]:
    """A :class:`MenuEntry`'s ``url``: the page ``url_name`` of the page's object (its
    ``pk`` as ``pk``), for a user who may ``action`` on that object."""

    def url(request: HttpRequest, obj: models.Model) -> str | None:
        if not can(request.user, action, obj):
            return None
        return reverse(url_name, kwargs={"pk": obj.pk})

    return url
