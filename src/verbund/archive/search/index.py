"""The two full-text backends behind one interface: SQLite FTS5 over the pre-stemmed
terms (``PageIndex.terms``, kept in the FTS5 table by triggers) and PostgreSQL's
``german`` text search over a stored ``tsvector`` with a GIN index.

Both answer the same question: the page ids of the pages whose text contains every
term asked for, whose unit is among the units given as a subquery (the access rule,
applied inside the query, so a count, a rank or a page of hits never sees a page the
user may not): best first when there are at most ``CAP``, otherwise in page order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from verbund.archive.search.analysis import fold, terms

FTS_TABLE = "archive_search_fts"
INDEX_TABLE = "archive_pageindex"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def row_values(text: str) -> tuple[str, str | None]:
    """``(terms, text for the tsvector)`` of a page's text for this backend."""
    if is_postgres():
        return "", fold(text)
    return " ".join(terms(text)), None


def vector_sql() -> str:
    """The SQL that turns the second value of :func:`row_values` into the stored vector."""
    return "to_tsvector('german', %s)"


def _match(query_terms: Sequence[str]) -> str:
    # Every term quoted: an FTS5 query of barewords would read AND, OR, NOT and NEAR as
    # operators. Terms hold letters and digits only (analysis._WORD).
    return " ".join(f'"{t}"' for t in query_terms)


# At most this many hits are collected. Counting and ranking every page a common word
# is on is what made such a query slow (#16: 0.3 to 0.9 s over 100,000 pages), and a
# rank among tens of thousands of pages with that word tells a reader little. So the
# search first takes up to CAP + 1 visible hits (cheap: the scan stops there); at most
# CAP of them are ranked by relevance; more than CAP are listed in page order, the
# first CAP of them reachable, and the reader is told there are more than CAP.
CAP = 1000


def search_ids(
    *,
    query: str,
    query_terms: Sequence[str],
    units_sql: str,
    units_params: Sequence[Any],
    limit: int,
    offset: int,
) -> tuple[int, bool, list[int]]:
    """``(number of hits, up to CAP; whether there are more than CAP; the page ids of
    hits offset to offset + limit)``: up to CAP hits best first, more than CAP by page
    id (the same pages on both backends)."""
    if is_postgres():
        return _search_postgres(fold(query), units_sql, units_params, limit, offset)
    return _search_sqlite(_match(query_terms), units_sql, units_params, limit, offset)


def _search_sqlite(
    match: str, units_sql: str, units_params: Sequence[Any], limit: int, offset: int
) -> tuple[int, bool, list[int]]:
    where = (
        f"FROM {FTS_TABLE} JOIN {INDEX_TABLE} i ON i.page_id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND i.unit_id IN ({units_sql})"
    )
    with connection.cursor() as cursor:
        # In the FTS5 table's rowid order, the order it reads a term's doclist in: the
        # scan stops after CAP + 1 hits, and they are the CAP + 1 first by page id.
        cursor.execute(
            f"SELECT i.page_id {where} ORDER BY {FTS_TABLE}.rowid LIMIT %s",
            [match, *units_params, CAP + 1],
        )
        found = [row[0] for row in cursor.fetchall()]
        if len(found) > CAP:
            return CAP, True, found[offset : min(offset + limit, CAP)]
        if offset >= len(found):
            return len(found), False, []
        # Few enough to rank. bm25() is lower for a better match.
        cursor.execute(
            f"SELECT i.page_id {where} ORDER BY bm25({FTS_TABLE}), i.page_id LIMIT %s OFFSET %s",
            [match, *units_params, limit, offset],
        )
        return len(found), False, [row[0] for row in cursor.fetchall()]


def _search_postgres(
    folded: str, units_sql: str, units_params: Sequence[Any], limit: int, offset: int
) -> tuple[int, bool, list[int]]:
    # The query written out (not joined from a function in FROM): the planner then
    # sees a constant and can take the GIN index.
    tsquery = "plainto_tsquery('german', %s)"
    where = f"FROM {INDEX_TABLE} i WHERE i.vector @@ {tsquery} AND i.unit_id IN ({units_sql})"
    params = [folded, *units_params]
    with connection.cursor() as cursor:
        # No ORDER BY: whichever plan, the scan stops after CAP + 1 hits, and the
        # number (not which ones) is all that is taken from it when there are more.
        cursor.execute(f"SELECT i.page_id {where} LIMIT %s", [*params, CAP + 1])
        found = [row[0] for row in cursor.fetchall()]
        if len(found) > CAP:
            if offset >= CAP:
                return CAP, True, []
            # By page id: a walk along the primary key that stops after this page of
            # hits (a common word), or the few thousand hits sorted (a rarer one).
            cursor.execute(
                f"SELECT i.page_id {where} ORDER BY i.page_id LIMIT %s OFFSET %s",
                [*params, min(limit, CAP - offset), offset],
            )
            return CAP, True, [row[0] for row in cursor.fetchall()]
        if offset >= len(found):
            return len(found), False, []
        # Few enough to rank: only the pages just found (so the access filter above
        # holds), looked up by primary key, whatever the planner thinks of the words.
        cursor.execute(
            f"SELECT page_id FROM {INDEX_TABLE} WHERE page_id = ANY(%s) "  # noqa: S608
            f"ORDER BY ts_rank(vector, {tsquery}) DESC, page_id LIMIT %s OFFSET %s",
            [found, folded, limit, offset],
        )
        return len(found), False, [row[0] for row in cursor.fetchall()]
