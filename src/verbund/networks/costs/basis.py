"""The figures a cost allocation is computed from (reads only), issue #6.

``cases_per_authority`` counts the cases each authority is responsible for in a period
(the fact ``cases.responsible`` that the back office offers in ``core.facts``);
``population_on`` gives each authority's inhabitants; ``member_bases`` puts both
together as the :class:`~verbund.networks.costs.allocation.MemberBasis` of each member.

Days are calendar days in Europe/Berlin, whatever the server's time zone: a
case received at 23:30 on 31 December (German time) belongs to that year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from verbund.authorities.models import Authority
from verbund.core.facts import Period, fact
from verbund.networks.costs.allocation import MemberBasis

CASES = "cases.responsible"


def cases_per_authority(
    authority_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, int]:
    """``{authority id: cases received from start to end}`` for every id given.

    Counts the cases whose *responsible* authority is the authority and that were
    received on a calendar day (Europe/Berlin) from ``start`` to ``end``, both
    inclusive; every status counts, also cases still awaiting payment and cases whose
    personal data were deleted. An authority without cases maps to 0.

    Responsible, not processing: where a mandating agreement has Merzenich process
    Jülich's business registrations, they are Jülich's cases and count for Jülich
    (under a delegating agreement the task itself has passed, and they count for the
    member that took it). Without an agreement both are the same authority.
    """
    period = Period(start, end)  # refuses an end before the start
    ids = sorted(set(authority_ids))
    counts = dict.fromkeys(ids, 0)
    if ids:
        counts.update(fact(CASES).per_authority(ids, period))
    return counts


def _population(row: tuple[int, str, int | None, dt.date | None], on: dt.date) -> int | None:
    _pk, _name, population, dissolved_on = row
    return None if dissolved_on is not None and dissolved_on <= on else population


def _authority_rows(ids: list[int]) -> dict[int, tuple[int, str, int | None, dt.date | None]]:
    rows = Authority.objects.filter(pk__in=ids).values_list(
        "pk", "name", "population", "dissolved_on"
    )
    return {row[0]: row for row in rows}


def population_on(authority_ids: Iterable[int], on: dt.date) -> dict[int, int | None]:
    """``{authority id: inhabitants}`` for every id given; ``None`` where unknown.

    The platform keeps one official figure per authority: ``Authority.population``
    from the last GV100AD register import. Its reference date is the register's
    (``Authority.gebietsstand``, the Destatis figures of that issue), not ``on``;
    a statement should name that date. ``on`` only rules out authorities that no
    longer existed that day (``dissolved_on`` on or before ``on``): they have no
    population then. Unknown ids map to ``None`` too. One query.
    """
    ids = sorted(set(authority_ids))
    rows = _authority_rows(ids) if ids else {}
    return {pk: _population(rows[pk], on) if pk in rows else None for pk in ids}


def member_bases(
    authority_ids: Iterable[int],
    *,
    start: dt.date,
    end: dt.date,
    population_date: dt.date,
    usage: Mapping[int, Decimal | int] | None = None,
) -> list[MemberBasis]:
    """The basis of each authority for :func:`~verbund.networks.costs.allocation.allocate`,
    ordered by name (then id): its name, ``population_on(population_date)``, the
    cases from ``start`` to ``end`` and ``usage`` (0 where not given; the platform
    measures no usage itself). Ids of unknown authorities are left out. Two queries.
    """
    ids = sorted(set(authority_ids))
    if not ids:
        return []
    rows = _authority_rows(ids)
    cases = cases_per_authority(rows.keys(), start, end)
    usage = usage or {}
    bases = [
        MemberBasis(
            authority_id=pk,
            name=row[1],
            population=_population(row, population_date),
            cases=cases[pk],
            usage=usage.get(pk, 0),
        )
        for pk, row in rows.items()
    ]
    return sorted(bases, key=lambda basis: (basis.name, basis.authority_id))
