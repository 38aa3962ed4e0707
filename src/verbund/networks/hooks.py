"""Extension points of networks (see ``verbund.core.hooks``).

The networks sit low in the layers: the catalogue routes cases by their
agreements, the back office knows their members. What the networks need from
above is asked here:

* :data:`SERVICE_DIRECTORY` — the one provider of the catalogue's services
  (catalogue): an agreement covers services, a roadmap item becomes one, a
  network sets the development cost of one; the network's pages list them.
* :data:`NETWORK_PAGE` and :data:`DASHBOARD` — panels of a network's page and of
  its steering dashboard (``core.panels``): the catalogue adds what the network
  reuses; the sub-domains of this app (groups, roadmap, costs) add their sections
  the same way, so a new module (surveys, benchmarks, …) can join them.

* :data:`COST_VAT` — the one provider (the VAT app) of the §2b UStG assessment of a
  network's cost allocation: the members' reimbursements to the network are a revenue
  stream of the member that collects them; its approved assessment decides whether
  the shares carry VAT. Without a provider, or without an approved assessment, the
  budget item's own switch applies.

Figures per member over a period (the cases the cost allocation counts) come from
``core.facts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from verbund.core.hooks import Hook
from verbund.core.panels import Panel


@dataclass(frozen=True)
class ServiceSummary:
    """A catalogue service as the networks see it."""

    pk: int
    key: str  # the catalogue key: the LeiKa key where there is one, else the local key
    title: str
    leika_key: str | None
    builder_id: int
    builder_name: str
    published: bool


class ServiceDirectory(Protocol):
    def published(self, *, builder_id: int | None = None) -> list[ServiceSummary]:
        """The published services (of one builder), by title."""
        ...

    def services(self, ids: Collection[int]) -> dict[int, ServiceSummary]:
        """The services with these ids, whatever their status; unknown ids are left out."""
        ...

    def adopters(
        self, service_ids: Collection[int], authority_ids: Collection[int], on: dt.date
    ) -> dict[int, set[int]]:
        """``{service id: the authorities among authority_ids with a running adoption on
        the day}`` for every service id given."""
        ...


SERVICE_DIRECTORY: Hook[ServiceDirectory] = Hook("networks.service_directory", single=True)
NETWORK_PAGE: Hook[Panel] = Hook("networks.network_page")
DASHBOARD: Hook[Panel] = Hook("networks.dashboard")


def service_directory() -> ServiceDirectory:
    return SERVICE_DIRECTORY.one()


@dataclass(frozen=True)
class CostVatRuling:
    """What the §2b UStG assessment of a network's cooperation says for its cost
    allocation on a day: ``rate`` is the VAT rate (``Decimal("0.19")``) when the
    reimbursement is taxable, ``None`` when it is not; ``basis`` says in the user's
    language which assessment and rule decided it; ``url`` links to that assessment
    (for staff who may see it)."""

    rate: Decimal | None
    basis: str
    url: str = ""


class CostVatProvider(Protocol):
    def __call__(self, network_id: int, on: dt.date) -> CostVatRuling | None:
        """The ruling for the network's cost allocation of a period ending ``on``;
        ``None`` when no approved assessment of the cooperation covers that day."""
        ...


COST_VAT: Hook[CostVatProvider] = Hook("networks.cost_vat", single=True)


def cost_vat_ruling(network_id: int, on: dt.date) -> CostVatRuling | None:
    """The VAT ruling of the network's cooperation, or ``None`` (no provider installed,
    or no approved assessment)."""
    provider = next(iter(COST_VAT), None)
    return provider(network_id, on) if provider is not None else None
