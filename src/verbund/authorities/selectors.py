"""Reads of the authority register (public reference data, not tenant-owned)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from verbund.authorities.folding import fold
from verbund.authorities.models import (
    VERBANDSFREI_PLACEHOLDER,
    Authority,
    AuthorityNameKey,
    kind_label,
    official_name,
    padded_ars,
)

# How a hit ranks (lower first): the whole name, the beginning of the name,
# the beginning of a later word ("main" → "Frankfurt am Main"), a postcode or key.
RANK_EXACT, RANK_PREFIX, RANK_WORD, RANK_CODE = 0, 1, 2, 3
_BEYOND = chr(0x10FFFF)


@dataclass(frozen=True)
class PlaceParent:
    ars: str
    name: str
    kind: str

    @property
    def official_name(self) -> str:
        """The name that says what the parent is ("Kreis Olpe"), as far as its kind tells."""
        return official_name(self.name, self.kind)


@dataclass(frozen=True)
class Place:
    """One hit of :func:`place_search`: an authority's public register facts."""

    ars: str
    ags: str
    name: str
    kind: str
    textkennzeichen: str
    seat: str
    population: int | None
    area_ha: int | None
    postcode: str
    postcode_unique: bool
    gebietsstand: dt.date
    dissolved_on: dt.date | None
    parent: PlaceParent | None

    @property
    def ars12(self) -> str:
        return padded_ars(self.ars)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind, self.textkennzeichen)

    @property
    def official_name(self) -> str:
        """The name that says what the place is ("Hansestadt Attendorn", "Stadt Köln")."""
        return official_name(self.name, self.kind, self.textkennzeichen)


@dataclass(frozen=True)
class PlacePage:
    count: int
    places: list[Place]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _prefix_sql(column: str, prefix: str) -> tuple[str, list[str]]:
    """``column`` starts with ``prefix``, written so that the column's index is used.

    PostgreSQL uses the ``varchar_pattern_ops`` index Django creates beside every
    indexed CharField for ``LIKE 'x%'``; SQLite's case-insensitive LIKE cannot use
    an index, but a range on the binary-collated column can.
    """
    if connection.vendor == "sqlite":
        return f"{column} >= %s AND {column} < %s", [prefix, prefix + _BEYOND]
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{column} LIKE %s", [escaped + "%"]


def place_search(
    *,
    q: str | None = None,
    kind: str | None = None,
    ars: str | None = None,
    postcode: str | None = None,
    include_dissolved: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> PlacePage:
    """Authorities matching all given criteria, best matches first, and their number.

    ``q`` is a name prefix (case-, accent- and umlaut-insensitive, also at the
    start of a later word), or, when it consists of digits, a postcode or key
    prefix. ``ars`` and ``postcode`` are prefixes of the key and of the postcode;
    ``kind`` is an :class:`~verbund.authorities.models.AuthorityKind` value.
    Callers validate the inputs; this function trusts them.

    Plain SQL: the picker asks on every keystroke, and composing the same query
    through the ORM took longer than running it (bench/README.md, ADR 0009).
    """
    quote = connection.ops.quote_name
    authorities = quote(Authority._meta.db_table)
    keys = quote(AuthorityNameKey._meta.db_table)
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, values: list[Any]) -> None:
        where.append(sql)
        params.extend(values)

    if not include_dissolved:
        add("a.dissolved_on IS NULL", [])
    if kind:
        add("a.kind = %s", [kind])
    else:
        # The "verbandsfrei" rows only mirror a Gemeinde of the same name.
        add("a.textkennzeichen <> %s", [VERBANDSFREI_PLACEHOLDER])
    if ars:
        add(*_prefix_sql("a.ars", ars))
    if postcode:
        add(*_prefix_sql("a.postcode", postcode))

    term = (q or "").strip()
    rank_params: list[Any] = []
    # A name search matches a bounded set (through the keys): page and count come in
    # one round trip. A listing by kind, key or postcode can be the whole register:
    # the page comes in index order and the count is asked apart, only for a full page.
    with_count = False
    if not term:
        rank_sql, order_sql = str(RANK_CODE), "ars"
    elif term.isdigit():
        by_postcode, postcode_params = _prefix_sql("a.postcode", term)
        by_key, key_params = _prefix_sql("a.ars", term)
        add(f"(({by_postcode}) OR ({by_key}))", postcode_params + key_params)
        rank_sql, order_sql = str(RANK_CODE), "sort_population DESC, ars"
    else:
        folded = fold(term)
        key_sql, key_params = _prefix_sql("k.key", folded)
        matching = f"SELECT k.authority_id FROM {keys} k WHERE {key_sql}"  # noqa: S608
        if connection.vendor == "postgresql":
            # An array makes PostgreSQL look the matches up by primary key; with
            # IN (...) it hashed a scan of the whole table for short prefixes (8 → 2.5 ms).
            add(f"a.id = ANY(ARRAY({matching}))", key_params)
        else:
            add(f"a.id IN ({matching})", key_params)
        length = len(folded)
        rank_sql = (
            f"CASE WHEN a.search_name = %s OR SUBSTR(a.search_name, 1, {length + 1}) = %s "
            f"THEN {RANK_EXACT} WHEN SUBSTR(a.search_name, 1, {length}) = %s "
            f"THEN {RANK_PREFIX} ELSE {RANK_WORD} END"
        )
        rank_params = [folded, folded + ",", folded]
        order_sql = "rank, sort_population DESC, search_name, ars"
        with_count = True

    # Every identifier comes from the models and every value is a bound parameter.
    # The page is cut from the matches first; only its rows are joined with their parents.
    matches = (
        "SELECT a.ars, a.ags, a.name, a.kind, a.textkennzeichen, a.seat, "  # noqa: S608
        "a.population, a.area_ha, a.postcode, a.postcode_unique, a.gebietsstand, "
        "a.dissolved_on, a.parent_id, a.search_name, "
        f"COALESCE(a.population, 0) AS sort_population, {rank_sql} AS rank "
        f"FROM {authorities} a WHERE {' AND '.join(where)}"
    )
    columns = (
        "h.ars, h.ags, h.name, h.kind, h.textkennzeichen, h.seat, h.population, "
        "h.area_ha, h.postcode, h.postcode_unique, h.gebietsstand, h.dissolved_on, "
        "p.ars, p.name, p.kind"
    )
    parents = f"LEFT JOIN {authorities} p ON p.id = h.parent_id"
    outer_order = ", ".join("h." + column.strip() for column in order_sql.split(","))
    if with_count:
        sql = (
            f"WITH m AS ({matches}), "  # noqa: S608
            f"h AS (SELECT * FROM m ORDER BY {order_sql} LIMIT %s OFFSET %s) "
            f"SELECT {columns}, (SELECT COUNT(*) FROM m) FROM h {parents} "
            f"ORDER BY {outer_order}"
        )
    else:
        sql = (
            f"SELECT {columns} FROM ({matches} ORDER BY {order_sql} LIMIT %s OFFSET %s) h "  # noqa: S608
            f"{parents} ORDER BY {outer_order}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank_params, *params, limit, offset])
        rows = cursor.fetchall()
        if rows and with_count:
            count = int(rows[0][15])
        elif rows and len(rows) < limit:
            count = offset + len(rows)  # the last page: no need to count
        elif not rows and not offset:
            count = 0
        else:
            count_sql = f"SELECT COUNT(*) FROM {authorities} a WHERE {' AND '.join(where)}"  # noqa: S608
            cursor.execute(count_sql, params)
            count = int(cursor.fetchone()[0])
    places = [
        Place(
            ars=row[0],
            ags=row[1],
            name=row[2],
            kind=row[3],
            textkennzeichen=row[4],
            seat=row[5],
            population=row[6],
            area_ha=row[7],
            postcode=row[8],
            postcode_unique=bool(row[9]),
            gebietsstand=_date(row[10]),  # type: ignore[arg-type]
            dissolved_on=_date(row[11]),
            parent=PlaceParent(ars=row[12], name=row[13], kind=row[14]) if row[12] else None,
        )
        for row in rows
    ]
    return PlacePage(count=count, places=places)


def authority_by_key(key: str) -> Authority | None:
    """The authority with this significant key, or with this 12-digit ARS padded by zeros."""
    key = key.strip()
    found = Authority.objects.select_related("parent").filter(ars=key).first()
    if found is None and len(key) == 12:
        significant = key.rstrip("0")
        for length in (2, 3, 4, 5, 9):
            if len(significant) <= length:
                found = Authority.objects.select_related("parent").filter(ars=key[:length]).first()
                if found is not None:
                    break
    return found


def parent_chain(authority: Authority) -> list[Authority]:
    """The authority's ancestors, from the Land down to its direct parent."""
    chain: list[Authority] = []
    current = authority.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    chain.reverse()
    return chain
