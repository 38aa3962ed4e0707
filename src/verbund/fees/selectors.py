"""Reads of the fee calculation (the published surface of the fees app).

``cost_per_case`` is what the benchmarks compare: the computed full cost of one case
of an authority's newest approved administrative fee sheet for a service and year.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from verbund.authorities.models import Authority
from verbund.catalogue.models import Service, ServiceStatus
from verbund.fees.engine import SheetKind
from verbund.fees.models import FeeSheet, FeeSheetVersion, RateGrade, RateTable, SheetStatus
from verbund.networks.models import AreaTool, Network
from verbund.networks.selectors import active_memberships, tool_delegations


def cost_per_case(
    *, year: int, service_id: int, authority_ids: Collection[int]
) -> dict[int, Decimal]:
    """``{authority id: cost per case}`` of each authority's newest approved
    administrative fee sheet for the catalogue service and year: the unrounded full
    cost (to six places) before the fee is rounded. Authorities without one are left
    out. One query."""
    rows = (
        FeeSheet.objects.filter(
            kind=SheetKind.ADMINISTRATIVE,
            status=SheetStatus.APPROVED,
            year=year,
            service_id=service_id,
            authority_id__in=list(authority_ids),
        )
        .order_by("authority_id", "-approved_at", "-pk")
        .values_list("authority_id", "cost_per_case")
    )
    found: dict[int, Decimal] = {}
    for authority_id, value in rows:
        found.setdefault(authority_id, value)
    return found


def sheets_of(scope: QuerySet[FeeSheet], authority_id: int) -> list[FeeSheet]:
    """The authority's sheets within ``scope`` (what the user may see), newest year first."""
    return list(
        scope.filter(authority_id=authority_id)
        .select_related("service", "prepared_by_network")
        .order_by("-year", "title", "-pk")
    )


def versions_of(fee_sheet: FeeSheet) -> list[FeeSheetVersion]:
    return list(fee_sheet.versions.select_related("created_by").order_by("-number"))


def version_of(fee_sheet: FeeSheet, number: int) -> FeeSheetVersion | None:
    return fee_sheet.versions.filter(number=number).first()


def grades_of(table: RateTable) -> list[RateGrade]:
    return list(table.grades.order_by("position", "pk"))


def tables_in(scope: QuerySet[RateTable]) -> list[RateTable]:
    return list(scope.select_related("network", "authority").order_by("-year", "name", "edition"))


def service_choices() -> list[Service]:
    return list(Service.objects.filter(status=ServiceStatus.PUBLISHED).order_by("title"))


def service_by_id(service_id: int) -> Service | None:
    return Service.objects.filter(pk=service_id, status=ServiceStatus.PUBLISHED).first()


def delegating_members(network: Network) -> list[Authority]:
    """The active members that delegated the fee calculation to ``network`` today."""
    delegations = tool_delegations(AreaTool.FEES)
    ids = {aid for aid, networks in delegations.items() if network.pk in networks}
    return sorted(
        (m.authority for m in active_memberships(network) if m.authority_id in ids),
        key=lambda a: a.name,
    )


def delegated_networks(authority: Authority) -> list[Network]:
    """The networks that calculate fees for ``authority`` (its delegation today)."""
    ids = tool_delegations(AreaTool.FEES, authority_ids={authority.pk}).get(authority.pk, set())
    return list(Network.objects.filter(pk__in=ids).order_by("name"))


@dataclass(frozen=True)
class ComparisonRow:
    """One fee (a service, or a title where no service is linked) and its value per
    member: the newest visible sheet of each member for that fee and year."""

    key: str
    label: str
    year: int
    cells: list[FeeSheet | None]


def comparison(
    sheets: Iterable[FeeSheet], members: list[Authority], *, minimum: int = 2
) -> list[ComparisonRow]:
    """The same fee side by side across ``members``: rows for fees that at least
    ``minimum`` members calculated. Approved sheets win over newer drafts."""
    order = {a.pk: i for i, a in enumerate(members)}
    best: dict[tuple[str, int], dict[int, FeeSheet]] = {}
    labels: dict[tuple[str, int], str] = {}
    for sheet in sheets:
        if sheet.authority_id not in order:
            continue
        key = f"service:{sheet.service_id}" if sheet.service_id else f"title:{sheet.title.lower()}"
        slot = best.setdefault((key, sheet.year), {})
        labels.setdefault((key, sheet.year), sheet.service.title if sheet.service else sheet.title)
        held = slot.get(sheet.authority_id)
        rank = (sheet.status == SheetStatus.APPROVED, sheet.updated_at, sheet.pk)
        if held is None or rank > (held.status == SheetStatus.APPROVED, held.updated_at, held.pk):
            slot[sheet.authority_id] = sheet
    rows = []
    for (key, year), slot in best.items():
        if len(slot) < minimum:
            continue
        rows.append(
            ComparisonRow(
                key=key,
                label=labels[(key, year)],
                year=year,
                cells=[slot.get(a.pk) for a in members],
            )
        )
    return sorted(rows, key=lambda r: (-r.year, r.label))
