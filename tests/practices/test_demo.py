"""The demo's good practices: twelve published through the services, across the fields
of action, some linked; a draft proposed from a Landkreis's survey answer; idempotent;
every audit entry reads in words."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.practices import PRACTICES, load_practices
from verbund.practices.models import FieldOfAction, GoodPractice, PracticeStatus
from verbund.practices.selectors import practice_search

pytestmark = pytest.mark.django_db


def test_demo_practices() -> None:
    call_command("load_demo", verbosity=0)
    load_practices()
    published = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    assert published.count() == len(PRACTICES) == 12
    assert set(published.values_list("field_of_action", flat=True)) == set(FieldOfAction.values)
    assert set(published.values_list("authority__ars", flat=True)) == {
        "05974",
        "05966",
        "05958",
        "09679",
        "05358",
        "053580040040",
    }
    linked = {p.title: p for p in published.select_related("service", "project_group")}
    assert linked["Gewerbeanmeldung online für sechs Kommunen"].service.slug == "gewerbeanmeldung"  # type: ignore[union-attr]
    assert linked["Digitaler Bauantrag gemeinsam mit den Gemeinden"].project_group.name == (  # type: ignore[union-attr]
        "Digitaler Bauantrag"
    )
    proposed = GoodPractice.objects.get(source_recipient__isnull=False)
    assert proposed.status == PracticeStatus.DRAFT
    assert proposed.source_question == "beispiel"
    assert proposed.solution == proposed.source_recipient.answers["beispiel"]  # type: ignore[union-attr]
    assert practice_search(q="rufbus").count == 1
    assert practice_search(land="09").count == 2

    entries = AuditEntry.objects.count()
    load_practices()
    assert GoodPractice.objects.count() == 13
    assert AuditEntry.objects.count() == entries

    rows = describe_entries(
        list(AuditEntry.objects.filter(action__startswith="practices.").order_by("id"))
    )
    assert len(rows) == 25  # 12 created and published, 1 proposed
    assert [row.entry.action for row in rows if not row.labelled] == []
    assert [
        (row.entry.action, change.label)
        for row in rows
        for change in row.changes
        if not change.labelled
    ] == []
