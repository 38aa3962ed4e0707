"""The demo's workshops of the DLZ, loaded after the whole demo: the mayors' held
after-work session whose decision moves Jülich in fee calculation from the new year, and
the planned § 2b UStG workshop with its invitations and agenda. Loading twice changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from verbund.core.audit import audit_verify
from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.demo.workshops import AFTER_WORK, USTG, load_workshops
from verbund.networks.models import AreaParticipation, Network
from verbund.networks.selectors import area_matrix
from verbund.networks.workshops.models import Invitation, Workshop, WorkshopDecision
from verbund.networks.workshops.selectors import next_workshops, workshop_detail

pytestmark = pytest.mark.django_db


def test_the_dlz_workshops_load_once() -> None:
    call_command("load_demo", verbosity=0)
    dlz = Network.objects.get(slug="dlz")
    load_workshops(dlz)

    session = Workshop.objects.get(network=dlz, title=AFTER_WORK.title)
    ustg = Workshop.objects.get(network=dlz, title=USTG.title)
    assert (session.status, session.level, session.format) == ("held", "leadership", "after_work")
    assert (ustg.status, ustg.level, ustg.format) == ("planned", "operational", "workshop")
    now = timezone.now()
    assert session.ends_at < now < ustg.starts_at
    assert timezone.localtime(session.starts_at).weekday() == 3  # a Thursday evening
    assert timezone.localtime(ustg.starts_at).weekday() == 1  # a Tuesday morning
    assert session.minutes.startswith("Anwesend:")
    assert session.minutes_by is not None
    assert session.minutes_by.username == "koordination.dlz"

    detail = workshop_detail(session)
    assert (detail.accepted, detail.declined, detail.open, detail.attendees) == (5, 1, 0, 7)
    assert detail.agenda_minutes == 135
    juelich = Invitation.objects.get(workshop=session, authority__name="Jülich, Stadt")
    assert juelich.answered_by is not None
    assert juelich.answered_by.username == "sb.juelich"
    decision = WorkshopDecision.objects.get(workshop=session, effect="area_level")
    participation = decision.area_participation
    assert participation is not None
    valid_from = dt.date(timezone.localtime(session.starts_at).year + 1, 1, 1)
    assert (participation.area.name, participation.authority.name) == (
        "Gebührenkalkulation",
        "Jülich, Stadt",
    )
    assert (participation.level, participation.valid_from) == (3, valid_from)

    def juelich_fees(on: dt.date) -> int | None:
        _areas, rows = area_matrix(dlz, on=on)
        return {row.authority.name: row.levels for row in rows}["Jülich, Stadt"][0]

    assert juelich_fees(valid_from - dt.timedelta(days=1)) == 4
    assert juelich_fees(valid_from) == 3
    assert WorkshopDecision.objects.filter(workshop=session).count() == 2

    detail = workshop_detail(ustg)
    assert (len(detail.invitations), detail.accepted, detail.open) == (6, 3, 3)
    assert detail.agenda_minutes == 180
    assert len(detail.materials) == 1
    assert next_workshops(dlz) == [ustg]

    # Every entry reads in words, and the chains hold.
    rows = describe_entries(
        list(AuditEntry.objects.filter(action__startswith="networks.").select_related("actor"))
    )
    assert (
        sorted({(r.entry.action, c.label) for r in rows for c in r.changes if not c.labelled}) == []
    )

    counts = (
        Workshop.objects.count(),
        Invitation.objects.count(),
        WorkshopDecision.objects.count(),
        AreaParticipation.objects.count(),
        AuditEntry.objects.count(),
    )
    load_workshops(dlz)
    assert counts == (
        Workshop.objects.count(),
        Invitation.objects.count(),
        WorkshopDecision.objects.count(),
        AreaParticipation.objects.count(),
        AuditEntry.objects.count(),
    )
    assert audit_verify().ok
