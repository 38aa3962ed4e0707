"""The provider of ``networks.hooks.COST_VAT``: the approved assessment of a network's
cooperation stream decides the VAT of its cost allocation."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from verbund.networks.hooks import CostVatRuling
from verbund.vat.selectors import cooperation_ruling


def cost_vat(network_id: int, on: dt.date) -> CostVatRuling | None:
    ruling = cooperation_ruling(network_id, on)
    if ruling is None:
        return None
    return CostVatRuling(
        rate=ruling.rate,
        basis=ruling.basis,
        url=reverse("staff:vat_assessment", kwargs={"assessment_pk": ruling.assessment.pk}),
    )
