"""How recipients are grouped for tracking and results: by Land, by kind of authority
and by size class (inhabitants). Official names and keys from the register."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from verbund.authorities.models import (
    TEXTKENNZEICHEN_LABELS,
    Authority,
    AuthorityKind,
)

# Size classes by inhabitants (register's Einwohner), lower bounds inclusive.
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (0, "unter 20.000"),
    (20_000, "20.000 bis unter 50.000"),
    (50_000, "50.000 bis unter 100.000"),
    (100_000, "100.000 bis unter 250.000"),
    (250_000, "250.000 und mehr"),
)
UNKNOWN = ("", "unbekannt")


@dataclass(frozen=True)
class Breakdown:
    key: str  # the query parameter
    label: str
    group: Callable[[Authority, dict[str, str]], tuple[str, str]]  # (key, label)


def land_names() -> dict[str, str]:
    """Land key (2 digits) → name, from the register."""
    return dict(Authority.objects.filter(kind=AuthorityKind.LAND).values_list("ars", "name"))


def _land(authority: Authority, lands: dict[str, str]) -> tuple[str, str]:
    key = authority.ars[:2]
    return key, lands.get(key, key)


def kind_group(authority: Authority) -> tuple[str, str]:
    """The kind as the register names it: "Landkreis", "Kreisfreie Stadt", … (its
    Textkennzeichen where it has one), else the kind of authority."""
    if authority.textkennzeichen in TEXTKENNZEICHEN_LABELS:
        return authority.textkennzeichen, TEXTKENNZEICHEN_LABELS[authority.textkennzeichen]
    return authority.kind, str(AuthorityKind(authority.kind).label)


def size_group(authority: Authority) -> tuple[str, str]:
    if authority.population is None:
        return UNKNOWN
    chosen = SIZE_CLASSES[0]
    for bound, label in SIZE_CLASSES:
        if authority.population >= bound:
            chosen = (bound, label)
    return str(chosen[0]), chosen[1]


BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown("land", str(_("Land")), _land),
    Breakdown("art", str(_("Art")), lambda a, _lands: kind_group(a)),
    Breakdown("groesse", str(_("Größenklasse (Einwohner)")), lambda a, _lands: size_group(a)),
)


def breakdown(key: str) -> Breakdown | None:
    return next((b for b in BREAKDOWNS if b.key == key), None)


@dataclass(frozen=True)
class GroupCount:
    key: str
    label: str
    asked: int
    answered: int


def count_by(
    breakdown: Breakdown, rows: Iterable[tuple[Authority, bool]], lands: dict[str, str]
) -> list[GroupCount]:
    """Asked and answered per group, in the order of the group keys (size classes by
    size, "unbekannt" last)."""
    asked: dict[tuple[str, str], int] = {}
    answered: dict[tuple[str, str], int] = {}
    for authority, done in rows:
        group = breakdown.group(authority, lands)
        asked[group] = asked.get(group, 0) + 1
        answered[group] = answered.get(group, 0) + int(done)

    def order(group: tuple[str, str]) -> tuple[int, int, str]:
        key = group[0]
        if key == "":
            return (1, 0, "")
        return (0, int(key) if key.isdigit() else 0, key)

    return [GroupCount(g[0], g[1], asked[g], answered[g]) for g in sorted(asked, key=order)]
