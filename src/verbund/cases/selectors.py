"""Reads on cases."""

from __future__ import annotations

from verbund.cases.models import CaseEvent


def case_history(case_id: int) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case_id=case_id).order_by("created_at", "id"))
