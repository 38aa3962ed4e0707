"""Reads of the search: hits of a query among the pages a user may see, a page's hit
with its highlighted words, and the public page of a public unit.

Who may see what is the archive's rule (``archive.selectors.visible_units``); it goes
into the full-text query as a subquery, so the count, the ranking and every page of
hits are taken among the visible pages only: a page of a unit the user may not see
changes nothing, not even the number of hits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from verbund.archive.models import AccessLevel, Page, Unit
from verbund.archive.search import index
from verbund.archive.search.analysis import query_terms
from verbund.archive.search.highlight import PageBoxes, boxes, snippet
from verbund.archive.selectors import visible_units

PAGE_SIZE = 20


@dataclass(frozen=True)
class Hit:
    page: Page  # with its unit, fonds and archive; the ALTO deferred
    snippet: SafeString

    @property
    def unit(self) -> Unit:
        return self.page.unit


@dataclass(frozen=True)
class SearchResult:
    count: int  # at most index.CAP
    capped: bool  # more hits than ``count``: listed newest page first, not by relevance
    hits: list[Hit]
    number: int  # this page of hits, from 1
    last: int  # the last page of hits (1 when there are none)
    terms: list[str]


def searchable_units(user: Any, *, public_only: bool) -> QuerySet[Unit]:
    """The units a search covers: the public ones on the public pages, whoever asks;
    in the staff pages every unit ``user`` may see."""
    if public_only:
        return Unit.objects.filter(access=AccessLevel.PUBLIC)
    return visible_units(user)


def _pages(ids: list[int]) -> dict[int, Page]:
    rows = (
        Page.objects.filter(pk__in=ids)
        .select_related("unit", "unit__fonds", "unit__fonds__archive")
        .defer("alto")
    )
    return {page.pk: page for page in rows}


def page_search(
    *, user: Any, q: str, number: int = 1, public_only: bool, page_size: int = PAGE_SIZE
) -> SearchResult:
    """The ``number``-th page of hits of ``q``, best first. A query of stop words only
    finds nothing."""
    wanted = query_terms(q)
    if not wanted:
        return SearchResult(0, False, [], number, 1, [])
    units = searchable_units(user, public_only=public_only).order_by().values("id")
    units_sql, units_params = units.query.sql_with_params()
    count, capped, ids = index.search_ids(
        query=q,
        query_terms=wanted,
        units_sql=units_sql,
        units_params=units_params,
        limit=page_size,
        offset=(number - 1) * page_size,
    )
    pages = _pages(ids)
    hits = [Hit(pages[i], snippet(pages[i].text, wanted)) for i in ids if i in pages]
    return SearchResult(count, capped, hits, number, max(1, -(-count // page_size)), wanted)


def public_page(pk: int) -> Page | None:
    """A page of a public unit, with its unit; ``None`` for any other page."""
    return (
        Page.objects.filter(pk=pk, unit__access=AccessLevel.PUBLIC)
        .select_related("unit", "unit__fonds", "unit__fonds__archive")
        .first()
    )


@dataclass(frozen=True)
class PageHit:
    snippet: SafeString
    boxes: PageBoxes | None
    terms: list[str]


def page_hit(page: Page, q: str) -> PageHit:
    """The words of ``q`` on ``page``: the snippet and their boxes on its image."""
    wanted = query_terms(q)
    return PageHit(snippet(page.text, wanted), boxes(page.alto, wanted) if wanted else None, wanted)
