"""Facts: figures the platform already knows about authorities, offered by the apps
that own them.

The network steers itself on the platform's own data (ARCHITECTURE.md, core
idea 6): the cost allocation splits by the cases each member received, the
reuse report counts the cases of each shared service, and later surveys and
comparison rings read the same figures instead of asking members to type them
again. Those figures belong to apps above the ones that read them (the back
office counts cases; the networks, which split costs, sit below it). So the
owner registers each figure here as a :class:`Fact` from its
``AppConfig.ready()`` and a reader asks :func:`fact` by key.

Periods are calendar days in Europe/Berlin, whatever the server's time zone: a
case received at 23:30 on 31 December (German time) belongs to that year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from verbund.core.hooks import Hook

BERLIN = ZoneInfo("Europe/Berlin")


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in Europe/Berlin, as an aware datetime.

    Midnight exists on every German day (the clocks change at 02:00/03:00), so
    the result is unambiguous.
    """
    return dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)


@dataclass(frozen=True)
class Period:
    """Calendar days from ``start`` to ``end``, both inclusive (Europe/Berlin)."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(_("Der Zeitraum endet vor seinem Beginn."), code="period")

    @property
    def begins_at(self) -> dt.datetime:
        """The first instant of the period (aware)."""
        return day_start(self.start)

    @property
    def ends_before(self) -> dt.datetime:
        """The first instant after the period (aware): ``begins_at <= t < ends_before``,
        bounds an index on a timestamp can serve (a ``__date`` lookup could not)."""
        return day_start(self.end + dt.timedelta(days=1))


class Fact(Protocol):
    """A figure per authority over a period, and per service and authority."""

    @property
    def key(self) -> str: ...

    @property
    def label(self) -> str | Promise: ...

    @property
    def unit(self) -> str | Promise: ...

    def per_authority(self, authority_ids: Collection[int], period: Period) -> dict[int, int]:
        """``{authority id: value}`` for every id given (0 where there is nothing)."""
        ...

    def per_service(
        self, service_ids: Collection[int], authority_ids: Collection[int], period: Period
    ) -> dict[tuple[int, int], int]:
        """``{(service id, authority id): value}``; pairs without a value are left out."""
        ...


# Registered under their own key: ``FACTS.register(fact, key=fact.key)``.
FACTS: Hook[Fact] = Hook("core.facts")


def fact(key: str) -> Fact:
    """The registered fact ``key``; ``LookupError`` names the keys there are."""
    found = FACTS.get(key)
    if found is not None:
        return found
    raise LookupError(f"no fact {key!r}; registered: {', '.join(FACTS.keys()) or 'none'}")
