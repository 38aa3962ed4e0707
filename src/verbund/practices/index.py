"""The search index of published practices, held in each worker's memory.

The public search asks for every keystroke's worth of filters; the practices change a
few times a day. So each worker keeps every published practice (its list data, not its
long texts) with its folded search text (``GoodPractice.search_text``) and filters in
memory: every word contained, then field of action, Land, kind and service. A few
hundred practices take well under a millisecond; a thousand kB of text per thousand
practices is the memory it costs.

The index is rebuilt when its token changes: the ``practices`` change counter
(``core.Generation``, moved in the transaction of every write that changes what the
public sees), the counters the catalogue moves when an authority or a service is saved
(``routing``) or the register is imported (``register``), because the index holds
their names, and a counter of this process (so that a write here is seen at once, and
a test's rolled-back counters never meet an index of another test).

Answers built from the index (an API page, a rendered list) may be kept with it
(:meth:`PracticeIndex.remember`): they are dropped with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection

from verbund.core.generations import REGISTER_GENERATION
from verbund.core.models import Generation
from verbund.practices.models import GoodPractice, PracticeStatus

T = TypeVar("T")

GENERATION = "practices"
# Moved by the catalogue whenever an authority or a service is saved (catalogue/index.py).
ROUTING_GENERATION = "routing"
MAX_ANSWERS = 2_000
# Only a practice's own page shows these; they stay in the database.
_LONG_TEXTS = ("problem", "solution", "results", "cost_text")


@dataclass(frozen=True)
class Entry:
    practice: GoodPractice  # with its authority and service; the long texts deferred
    text: str  # the folded search text
    land: str
    kind: str


@dataclass
class PracticeIndex:
    token: tuple[int, ...]
    entries: list[Entry]  # newest first
    answers: dict[Hashable, Any] = field(default_factory=dict)

    def search(
        self,
        words: Sequence[str],
        *,
        field_of_action: str | None = None,
        land: str | None = None,
        kind: str | None = None,
        service_id: int | None = None,
    ) -> list[Entry]:
        return [
            entry
            for entry in self.entries
            if (field_of_action is None or entry.practice.field_of_action == field_of_action)
            and (land is None or entry.land == land)
            and (kind is None or entry.kind == kind)
            and (service_id is None or entry.practice.service_id == service_id)
            and all(word in entry.text for word in words)
        ]

    def remember(self, key: Hashable, build: Callable[[], T]) -> T:
        """The answer ``key`` built from this index: kept until the index is rebuilt
        (at most ``MAX_ANSWERS``; when full, the oldest half is forgotten)."""
        try:
            return self.answers[key]
        except KeyError:
            pass
        answer = build()
        if len(self.answers) >= MAX_ANSWERS:
            for old in list(self.answers)[: MAX_ANSWERS // 2]:
                del self.answers[old]
        self.answers[key] = answer
        return answer


_lock = threading.Lock()
_current: PracticeIndex | None = None
_local_changes = 0


def index_changed() -> None:
    """A write changed what the index holds (called by the services; the shared counter
    tells the other workers)."""
    global _local_changes
    _local_changes += 1


def _token() -> tuple[int, ...]:
    # Asked on every search: plain SQL, a third of the ORM's cost here.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('key')}, {quote('value')} FROM {quote(Generation._meta.db_table)} "  # noqa: S608
            f"WHERE {quote('key')} IN (%s, %s, %s)",
            [GENERATION, ROUTING_GENERATION, REGISTER_GENERATION],
        )
        counters = dict(cursor.fetchall())
    return (
        counters.get(GENERATION, 0),
        counters.get(ROUTING_GENERATION, 0),
        counters.get(REGISTER_GENERATION, 0),
        _local_changes,
    )


def _build(token: tuple[int, ...]) -> PracticeIndex:
    rows = (
        GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
        .select_related("authority", "service")
        .defer(*_LONG_TEXTS)
        .order_by("-published_at", "-id")
    )
    entries = [
        Entry(
            practice=practice,
            text=practice.search_text,
            land=practice.authority.ars[:2],
            kind=practice.authority.kind,
        )
        for practice in rows
    ]
    return PracticeIndex(token=token, entries=entries)


def practice_index() -> PracticeIndex:
    """The current index (one read of the change counters), rebuilt first when
    anything it holds has changed."""
    global _current
    token = _token()
    current = _current
    if current is not None and current.token == token:
        return current
    with _lock:
        if _current is None or _current.token != token:
            _current = _build(token)
        return _current


def practice_index_reset() -> None:
    """Forget the index (tests that roll the database back)."""
    global _current
    _current = None
