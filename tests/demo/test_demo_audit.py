"""Every entry the demo writes through the real services reads in words: a German label
for its action and for every field it records (tests/core/test_audit_terms.py checks the
actions in the source; this checks the fields as the services really record them)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_demo_entry_reads_in_words() -> None:
    call_command("load_demo", verbosity=0)
    entries = list(AuditEntry.objects.select_related("actor").order_by("id"))
    assert len(entries) > 600
    rows = describe_entries(entries)
    assert [row.entry.action for row in rows if not row.labelled] == []
    unlabelled = sorted(
        {
            (row.entry.action, change.label)
            for row in rows
            for change in row.changes
            if not change.labelled
        }
    )
    assert unlabelled == []
    # No value is a raw reference where its object is known: members by name, not key.
    member = next(row for row in rows if row.entry.action == "networks.membership_added")
    assert [c.label for c in member.changes] == ["Mitglied", "Rolle", "Beitritt"]
    assert not member.changes[0].new.text.isdigit()
