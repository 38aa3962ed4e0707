"""What a submit costs the database, and that reading the draft once stays correct.

The small form of issue #13: two pages of three fields each, no login, no payment,
no upload. The statements of its submit are pinned here; a change that adds one
fails this test and has to say why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from tests.factories import (
    AdoptionFactory,
    FormVersionFactory,
    MembershipFactory,
    OfficeFactory,
    ServiceFactory,
)
from verbund.applications.models import Draft, Submission
from verbund.applications.selectors import draft_by_id
from verbund.applications.services import draft_save_step, submission_create
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseEvent
from verbund.catalogue.models import Level
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry
from verbund.formengine.selectors import form_of

pytestmark = pytest.mark.django_db

MERZENICH, DUEREN = "053580040040", "05358"

SMALL_FORM: dict[str, Any] = {
    "schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "vorname": {"type": "string", "title": "Vorname", "maxLength": 100},
            "nachname": {"type": "string", "title": "Nachname", "maxLength": 100},
            "email": {"type": "string", "format": "email", "title": "E-Mail-Adresse"},
            "geburtsdatum": {"type": "string", "format": "date", "title": "Geburtsdatum"},
            "anzahl": {"type": "integer", "title": "Anzahl", "minimum": 1, "maximum": 99},
            "bemerkung": {"type": "string", "title": "Bemerkung", "maxLength": 500},
        },
        "required": ["vorname", "nachname", "email", "geburtsdatum", "anzahl"],
    },
    "steps": [
        {"key": "person", "title": "Angaben zu Ihnen", "fields": ["vorname", "nachname", "email"]},
        {
            "key": "details",
            "title": "Einzelheiten",
            "fields": ["geburtsdatum", "anzahl", "bemerkung"],
        },
    ],
    "contact": {"email": "email", "name": "nachname"},
}

# The statements of one submit, in order, once the authority has files this year
# and entries in its audit chain (the first submit makes the counter and the chain):
#  1  the session                        9  the case's first history entry
#  2  the draft with service, version   10  the authority's specialist systems, to
#  3  the routing generation (fees)         announce the case to (integrations)
#  4  the submission                    11  the confirmation e-mail task
#  5  the draft marked submitted        12  the audit chain's head, locked and read
#  6  the processing authority with     13  the one audit entry (submission and case)
#     its numbering settings            14  the chain's head moved on
#  7  the file number, counted          15  the session, saved
#  8  the case
SUBMIT_STATEMENTS = 15


@pytest.fixture
def small_world(demo_register: None) -> str:
    merzenich = Authority.objects.get(ars=MERZENICH)
    dueren = Authority.objects.get(ars=DUEREN)
    for authority in (merzenich, dueren):
        MembershipFactory(authority=authority, joined_on=dt.date(2024, 1, 1))
    service = ServiceFactory(
        builder=dueren, level=Level.KREIS, title="Angelschein verlängern", processing_days=10
    )
    AdoptionFactory(
        service=service,
        authority=dueren,
        office=OfficeFactory(authority=dueren),
        fees=[],
        online=True,
        started_on=dt.date(2025, 1, 1),
    )
    FormVersionFactory(service=service, number=1, definition=SMALL_FORM)
    return f"/antrag/neu/{service.key}/?ort={MERZENICH}"


def _fill(client: Client, start_url: str) -> str:
    first = client.post(start_url)["Location"]
    base = first.rsplit("/", 2)[0] + "/"
    person = {"vorname": "Anna", "nachname": "Schmidt", "email": "anna@example.de"}
    assert client.post(base + "person/", person).status_code == 302
    details = {
        "geburtsdatum-tag": "7",
        "geburtsdatum-monat": "3",
        "geburtsdatum-jahr": "1990",
        "anzahl": "2",
        "bemerkung": "",
    }
    response = client.post(base + "details/", details)
    assert response["Location"] == base + "pruefen/", response.content.decode()[:2000]
    return base


def test_the_submit_of_a_small_form_takes_its_pinned_statements(
    client: Client, small_world: str
) -> None:
    earlier = Client()
    earlier.post(_fill(earlier, small_world) + "pruefen/")  # the counter and chain exist
    base = _fill(client, small_world)
    client.get(base + "pruefen/")  # the worker's routing index and form are warm
    entries_before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(base + "pruefen/")
    submission = Submission.objects.latest("id")
    assert response["Location"] == f"/antrag/bestaetigung/{submission.reference}/"
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(statements) == SUBMIT_STATEMENTS, "\n".join(s[:120] for s in statements)
    # ... and they did everything a submit must do.
    case = Case.objects.get(submission=submission)
    assert case.status == "received"
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert AuditEntry.objects.count() == entries_before + 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.chain) == ("submission.create", f"authority:{case.authority_id}")
    assert entry.changes["case"] == case.pk
    assert entry.changes["file"] == case.file_number
    assert entry.changes["reference"] == submission.reference
    assert DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count() == 2
    assert submission.answers["nachname"] == "Schmidt"
    assert audit_verify().ok


def test_a_page_saved_after_the_submit_read_the_draft_is_submitted_as_saved(
    client: Client, small_world: str
) -> None:
    """Another tab saves a page between the submit's read of the draft and its write:
    the submission holds what was saved last, never the stale read."""
    base = _fill(client, small_world)
    draft_id = base.rstrip("/").rsplit("/", 1)[1]
    stale = draft_by_id(draft_id)
    assert stale is not None
    fresh = Draft.objects.get(pk=stale.pk)
    form = form_of(fresh.version)
    step = next(s for s in form.steps if s.key == "person")
    draft_save_step(
        draft=fresh,
        step=step,
        values={"vorname": "Anna", "nachname": "Schmidt-Meyer", "email": "anna@example.de"},
    )
    submission, created = submission_create(draft=stale)
    assert created
    assert submission.answers["nachname"] == "Schmidt-Meyer"
    assert Submission.objects.count() == 1
    assert Case.objects.count() == 1
    # Submitting the stale read again gives the same submission, nothing new.
    again, created_again = submission_create(draft=stale)
    assert (again.pk, created_again) == (submission.pk, False)
    assert Submission.objects.count() == 1
    assert AuditEntry.objects.filter(action="submission.create").count() == 1
    assert Draft.objects.get(pk=stale.pk).submission_id == submission.pk
