"""The demo's network steering: the DLZ's cooperation areas with each member's depth,
and its binding agreement (Merzenich processes the business registrations of all six
members in their names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verbund.demo.data import INDEN, JUELICH, KERPEN, LINNICH, MERZENICH, NIEDERZIER


@dataclass(frozen=True)
class DemoArea:
    name: str
    description: str
    # (member, level, since); a member with two entries changed its level
    levels: tuple[tuple[str, int, dt.date], ...]


SINCE = dt.date(2024, 1, 1)

DLZ_AREAS: tuple[DemoArea, ...] = (
    DemoArea(
        "Gebührenkalkulation",
        "Gemeinsame Kalkulation von Verwaltungs- und Benutzungsgebühren.",
        (
            (MERZENICH, 4, SINCE),
            (JUELICH, 4, SINCE),
            (LINNICH, 3, SINCE),
            (INDEN, 4, SINCE),
            (NIEDERZIER, 2, SINCE),
            (NIEDERZIER, 4, dt.date(2025, 1, 1)),
            (KERPEN, 1, SINCE),
        ),
    ),
    DemoArea(
        "Strategisches Berichtswesen",
        "Kennzahlen und Berichte nach gemeinsamen Standards.",
        (
            (MERZENICH, 3, SINCE),
            (JUELICH, 2, SINCE),
            (LINNICH, 2, SINCE),
            (INDEN, 3, SINCE),
            (NIEDERZIER, 2, SINCE),
            (KERPEN, 0, SINCE),
        ),
    ),
    DemoArea(
        "Umsatzsteuer (§ 2b UStG)",
        "Gemeinsame Prüfung der Leistungsbeziehungen ab 2027.",
        (
            (MERZENICH, 3, SINCE),
            (JUELICH, 3, SINCE),
            (LINNICH, 3, SINCE),
            (INDEN, 3, SINCE),
            (NIEDERZIER, 3, SINCE),
            (KERPEN, 1, SINCE),
            (KERPEN, 3, dt.date(2026, 1, 1)),
        ),
    ),
    DemoArea(
        "Beschaffung",
        "Gemeinsame Ausschreibungen und Rahmenverträge.",
        (
            (MERZENICH, 2, SINCE),
            (JUELICH, 1, SINCE),
            (LINNICH, 1, SINCE),
            (INDEN, 2, SINCE),
            (NIEDERZIER, 1, SINCE),
            (KERPEN, 1, SINCE),
        ),
    ),
)

AGREEMENT_TITLE = "Gewerbeanmeldung für alle DLZ-Kommunen"
AGREEMENT_SERVICE = "gewerbeanmeldung"
AGREEMENT_STARTS = dt.date(2026, 1, 1)
AGREEMENT_TASKS = (
    "Entgegennahme und Bearbeitung der Gewerbeanzeigen (§ 14 GewO) und Ausstellung der "
    "Empfangsbescheinigung im Namen der jeweiligen Kommune."
)
