"""Reads of the archive's exchange: which units an export contains, the public units,
pages and holdings that the public addresses under /archiv/ serve, and the hand-overs
from the back office that wait for an archive.

The rule of the exports: the public export (public addresses, the portals) contains
public units only; a staff export contains the units the user may see
(``archive.selectors.visible_units``) — for the archive's own staff, all of them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from verbund.archive.models import AccessLevel, Archive, Fonds, Page, Unit
from verbund.archive.selectors import pages_of_unit, visible_units
from verbund.cases.models import RecordsDisposal
from verbund.core.access import Action, scoped

__all__ = [
    "export_units",
    "pending_hand_overs",
    "public_fonds",
    "public_page",
    "public_unit",
    "unit_pages",
]


def public_unit(unit_id: Any) -> Unit | None:
    try:
        return (
            Unit.objects.select_related("fonds__archive")
            .filter(access=AccessLevel.PUBLIC, pk=int(unit_id))
            .first()
        )
    except (TypeError, ValueError):
        return None


def public_page(page_id: Any) -> Page | None:
    try:
        return (
            Page.objects.select_related("unit__fonds__archive")
            .filter(unit__access=AccessLevel.PUBLIC, pk=int(page_id))
            .first()
        )
    except (TypeError, ValueError):
        return None


def public_fonds(fonds_id: Any) -> Fonds | None:
    """A holdings with at least one public unit: only those have a public finding aid."""
    public_units = Unit.objects.filter(fonds=OuterRef("pk"), access=AccessLevel.PUBLIC)
    try:
        return (
            Fonds.objects.select_related("archive")
            .filter(Exists(public_units), pk=int(fonds_id))
            .first()
        )
    except (TypeError, ValueError):
        return None


def unit_pages(unit: Unit) -> list[Page]:
    return list(pages_of_unit(unit))


def export_units(fonds: Fonds, *, user: Any = None, public: bool) -> list[tuple[Unit, Page | None]]:
    """The units of ``fonds`` in an export, by reference code, each with its first page
    (``None`` without pages): the public ones for the public export, else those
    ``user`` may see."""
    units = (
        (Unit.objects.filter(access=AccessLevel.PUBLIC) if public else visible_units(user))
        .filter(fonds=fonds)
        .select_related("fonds__archive")
        .order_by("reference_code")
    )
    rows = list(units)
    first: dict[int, Page] = {}
    for page in Page.objects.filter(unit__in=[u.pk for u in rows]).order_by("unit_id", "position"):
        first.setdefault(page.unit_id, page)
    return [(unit, first.get(unit.pk)) for unit in rows]


def pending_hand_overs(user: Any, archive: Archive) -> QuerySet[RecordsDisposal]:
    """The xdomea packages the archive's authority handed over and whose receipt is not
    confirmed yet, as far as ``user`` may see them (the authority's admins)."""
    return (
        scoped(user, RecordsDisposal, Action.VIEW)
        .filter(
            authority_id=archive.authority_id,
            kind=RecordsDisposal.Kind.ARCHIVED,
            confirmed_at__isnull=True,
        )
        .exclude(package="")
        .order_by("created_at")
    )
