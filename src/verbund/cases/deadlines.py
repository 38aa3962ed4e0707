"""Deadlines in working days (Arbeitstage): Monday to Friday except the public
holidays of the authority's Land.

A service's processing duration is given in working days; the due date of a
case is the day on which that many working days after receipt have passed. The
holidays come from the ``holidays`` package (the Land is the first two digits
of the authority's ARS); regional ones of parts of a Land (Augsburger
Friedensfest, Mariä Himmelfahrt in Catholic Bavarian municipalities) are not
counted, so a deadline may fall one day early there, never late.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

# Amtlicher Regionalschlüssel, first two digits → ISO 3166-2:DE subdivision.
LAND_SUBDIVISION = {
    "01": "SH",
    "02": "HH",
    "03": "NI",
    "04": "HB",
    "05": "NW",
    "06": "HE",
    "07": "RP",
    "08": "BW",
    "09": "BY",
    "10": "SL",
    "11": "BE",
    "12": "BB",
    "13": "MV",
    "14": "SN",
    "15": "ST",
    "16": "TH",
}


@lru_cache(maxsize=64)
def _holidays(subdivision: str | None, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DE", subdiv=subdivision, years=year))


def is_working_day(day: dt.date, ars: str) -> bool:
    if day.weekday() >= 5:
        return False
    return day not in _holidays(LAND_SUBDIVISION.get(ars[:2]), day.year)


def add_working_days(start: dt.date, days: int, ars: str) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, ars):
            left -= 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day ``months`` later; the month's last day where it is shorter (31 Jan + 1 → 28 Feb).

    A deadline in months (§ 36 Abs. 2 BauGB: two months) ends on the day of the
    later month that has the same number as the start day (§ 188 Abs. 2 BGB).
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
