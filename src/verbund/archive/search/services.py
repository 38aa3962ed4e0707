"""Writes of the search index: a page's row follows its text.

Whoever sets ``Page.text`` calls :func:`page_index` in the same transaction (the text
recognition after a page is read, a line correction, an xdomea handover with text),
and whoever creates pages calls :func:`pages_index`. A page without text has no row:
it cannot be found. The index is derived data, rebuilt from the pages at any time
(``verbund archive-reindex``), so its writes are not audited; the writes that change
the text are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from verbund.archive.models import Page
from verbund.archive.search import index
from verbund.archive.search.models import PageIndex

BATCH = 500


def _write(pages: list[Page]) -> None:
    with_text = [p for p in pages if p.text.strip()]
    without = [p.pk for p in pages if not p.text.strip()]
    if without:
        PageIndex.objects.filter(page_id__in=without).delete()
    if not with_text:
        return
    # Delete and insert (not update): one statement each for a whole batch, and the
    # SQLite triggers keep the FTS5 table in step either way.
    PageIndex.objects.filter(page_id__in=[p.pk for p in with_text]).delete()
    rows = []
    vectors: list[tuple[str, int]] = []
    for page in with_text:
        terms, folded = index.row_values(page.text)
        rows.append(
            PageIndex(
                page_id=page.pk, authority_id=page.authority_id, unit_id=page.unit_id, terms=terms
            )
        )
        if folded is not None:
            vectors.append((folded, page.pk))
    PageIndex.objects.bulk_create(rows)
    if vectors:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {index.INDEX_TABLE} SET vector = {index.vector_sql()} "  # noqa: S608
                "WHERE page_id = %s",
                vectors,
            )


def page_index(page: Page) -> None:
    """Bring the index row of ``page`` in line with its text (call after setting it)."""
    with transaction.atomic():
        _write([page])


def pages_index(pages: Iterable[Page]) -> int:
    """:func:`page_index` for many pages, in batches; the number of pages looked at."""
    done = 0
    iterator: Iterator[Page] = iter(pages)
    with transaction.atomic():
        while batch := list(islice(iterator, BATCH)):
            _write(batch)
            done += len(batch)
    return done


def archive_reindex(*, authority_id: int | None = None) -> int:
    """Rebuild the index from the pages' text (all, or one authority's): rows of pages
    that are gone or lost their text are dropped. The number of pages indexed."""
    pages = Page.objects.only("pk", "authority_id", "unit_id", "text").order_by("pk")
    rows = PageIndex.objects.all()
    if authority_id is not None:
        pages = pages.filter(authority_id=authority_id)
        rows = rows.filter(authority_id=authority_id)
    with transaction.atomic():
        rows.delete()
        return pages_index(pages.exclude(text="").iterator(chunk_size=BATCH))
