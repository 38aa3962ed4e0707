"""The vat part of the isolation world (tests/isolation/world.py): objects of one
tenant, stored as a namespace in ``tenant.vat``: the tenant delegated the ``vat`` tool
to its network (level 4), a group, a stream in it with the year's forecast, and a
draft assessment of the stream."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any


def build(tenant: Any) -> None:
    """Build the tenant's vat objects."""
    from verbund.networks.services import area_create, area_level_set
    from verbund.vat import services

    area = area_create(
        actor=None, network=tenant.network, name="Umsatzsteuer (§ 2b UStG)", tool="vat"
    )
    area_level_set(
        actor=None,
        area=area,
        authority=tenant.authority,
        level=4,
        valid_from=dt.date(2024, 1, 1),
    )
    group = services.group_create(actor=tenant.user, authority=tenant.authority, name="Vermietung")
    stream = services.stream_create(
        actor=tenant.user,
        authority=tenant.authority,
        title="Vermietung Bürgerhaus",
        legal_form="private_law",
        legal_basis="Mietvertrag 2024-1",
        counterparty="private",
        group=group,
    )
    year = dt.date.today().year
    services.amount_set(actor=tenant.user, stream=stream, year=year, forecast=Decimal("9000"))
    assessment = services.assessment_decide(
        actor=tenant.user,
        stream=stream,
        year=year,
        answers={"exchange": True, "sustained": True, "abs4_catalogue": False},
        rate="19",
        exemption="§ 4 Nr. 12 UStG",
    )
    tenant.vat = SimpleNamespace(group=group, stream=stream, assessment=assessment)
