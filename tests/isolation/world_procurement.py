"""The procurement part of the isolation world (tests/isolation/world.py): objects of one
tenant, stored as a namespace in ``tenant.procurement``: an open demand call of the
tenant's network (the tenant's authority leads it), the authority's demand line pooled
into a lot, and a mandate of the authority."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any


def build(tenant: Any) -> None:
    """Build the tenant's procurement objects."""
    from django.utils import timezone

    from verbund.procurement import services
    from verbund.procurement.models import Mandate

    call = services.demand_call_create(
        actor=tenant.user,
        network=tenant.network,
        subject=f"Streusalz {tenant.authority.name}",
        cpv_code="34927100-2",
        deadline=timezone.localdate() + dt.timedelta(days=30),
        term_months=24,
        lead_authority=tenant.authority,
    )
    line = services.demand_line_add(
        actor=tenant.user,
        call=call,
        authority=tenant.authority,
        description="Streusalz, lose",
        quantity=Decimal(100),
        unit="Tonne",
        unit_price=Decimal("95.00"),
    )
    lot = services.lot_create(actor=tenant.user, call=call, title="Streusalz", lines=[line])
    # Written directly: the network has a single member, the lead, which needs no mandate
    # (mandate_grant refuses it); the rows are what the routes need.
    mandate = Mandate.objects.create(
        call=call,
        network=tenant.network,
        authority=tenant.authority,
        granted_by=tenant.user,
        granted_at=timezone.now(),
    )
    tenant.procurement = SimpleNamespace(call=call, line=line, lot=lot, mandate=mandate)
