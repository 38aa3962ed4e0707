"""The figures the back office offers the rest of the platform (``core.facts``),
registered in ``CasesConfig.ready()``.

* ``cases.responsible`` — cases received, counted for the *responsible* authority
  (the cost allocation's case key: under a mandating agreement the cases stay the
  mandating member's);
* ``cases.processing`` — cases received, counted for the *processing* authority
  (the reuse report: who works with a shared service).

Every status counts, also cases still awaiting payment and cases whose personal data
were deleted. Each answer is one ``GROUP BY`` over an index on (authority,
received_at), bounded by aware instants rather than a ``__date`` lookup.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from verbund.cases.models import Case
from verbund.core.facts import Period


@dataclass(frozen=True)
class CasesReceived:
    key: str
    label: str | Promise
    column: str  # "responsible_id" or "authority_id"
    unit: str | Promise

    def per_authority(self, authority_ids: Collection[int], period: Period) -> dict[int, int]:
        ids = sorted(set(authority_ids))
        counts = dict.fromkeys(ids, 0)
        if not ids:
            return counts
        rows = (
            Case.objects.filter(
                **{f"{self.column}__in": ids},
                received_at__gte=period.begins_at,
                received_at__lt=period.ends_before,
            )
            .order_by()
            .values(self.column)
            .annotate(count=Count("*"))
            .values_list(self.column, "count")
        )
        counts.update(rows)
        return counts

    def per_service(
        self, service_ids: Collection[int], authority_ids: Collection[int], period: Period
    ) -> dict[tuple[int, int], int]:
        if not service_ids or not authority_ids:
            return {}
        rows = (
            Case.objects.filter(
                **{f"{self.column}__in": list(authority_ids)},
                service_id__in=list(service_ids),
                received_at__gte=period.begins_at,
                received_at__lt=period.ends_before,
            )
            .order_by()
            .values("service_id", self.column)
            .annotate(count=Count("*"))
            .values_list("service_id", self.column, "count")
        )
        return {(service_id, authority_id): count for service_id, authority_id, count in rows}


FACTS = (
    CasesReceived(
        "cases.responsible",
        _("Eingegangene Anträge (zuständige Behörde)"),
        "responsible_id",
        _("Anträge"),
    ),
    CasesReceived(
        "cases.processing",
        _("Eingegangene Anträge (bearbeitende Behörde)"),
        "authority_id",
        _("Anträge"),
    ),
)
