"""Work on a case: the transitions and who may make them, assignment, notes, the
file's documents with versions, and two clerks at once (the second gets a conflict,
nothing is overwritten)."""

from __future__ import annotations

import hashlib
import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.applications.conftest import PDF_BYTES, World, png_bytes
from tests.cases.conftest import clerk_of, process_for_dueren, submit, take
from tests.clients import logged_in
from tests.factories import AuthorityRoleFactory, make_user
from verbund.accounts.models import User
from verbund.applications.models import Submission
from verbund.authorities.models import Authority
from verbund.cases import services
from verbund.cases.models import (
    TRANSITIONS,
    Case,
    CaseDocument,
    CaseEvent,
    CaseStatus,
    DocumentSource,
    DocumentVersion,
    EventKind,
    Via,
    allowed_targets,
)
from verbund.cases.services import CaseConflict, stored_file_from_bytes
from verbund.core.actors import SystemActor
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


def case_url(case: Case) -> str:
    return f"/verwaltung/vorgaenge/{case.pk}/"


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def snapshot(case: Case) -> tuple[Any, ...]:
    """What a refused write must leave as it was."""
    row = Case.objects.values().get(pk=case.pk)
    return (
        row,
        CaseEvent.objects.filter(case=case).count(),
        CaseDocument.objects.filter(case=case).count(),
        DocumentVersion.objects.filter(document__case=case).count(),
        AuditEntry.objects.count(),
    )


# --- the transitions --------------------------------------------------------------------

STATUSES = list(CaseStatus.values)


def test_the_transition_table() -> None:
    """The whole table, as docs/cases.md shows it."""
    assert {(a, b): str(via) for (a, b), via in TRANSITIONS.items()} == {
        ("awaiting_payment", "received"): "payment",
        ("received", "in_progress"): "status",
        ("in_progress", "waiting_applicant"): "request",
        ("waiting_statement", "waiting_applicant"): "request",
        ("in_progress", "waiting_statement"): "participation",
        ("waiting_applicant", "in_progress"): "answer",
        ("waiting_applicant", "waiting_statement"): "answer",
        ("waiting_statement", "in_progress"): "answer",
        ("in_progress", "granted"): "decision",
        ("in_progress", "refused"): "decision",
        ("granted", "closed"): "status",
        ("refused", "closed"): "status",
    }
    assert allowed_targets("received", Via.STATUS) == ["in_progress"]
    assert allowed_targets("in_progress", Via.STATUS) == []
    assert allowed_targets("granted", Via.STATUS) == ["closed"]


@pytest.mark.parametrize(("before", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_a_clerk_sets_exactly_the_direct_transitions(
    before: str, target: str, world: World, dueren_clerk: User
) -> None:
    case = take(submit(world).case, dueren_clerk)
    Case.objects.filter(pk=case.pk).update(status=before)
    case = fresh(case)
    allowed = TRANSITIONS.get((before, target)) == Via.STATUS
    state = snapshot(case)
    if allowed:
        moved = services.case_set_status(actor=dueren_clerk, case=case, status=target)
        assert fresh(case).status == target == moved.status
        assert fresh(case).version == case.version + 1
        event = CaseEvent.objects.filter(case=case).last()
        assert event is not None
        assert (event.kind, event.status, event.public, event.actor) == (
            "status",
            target,
            True,
            dueren_clerk,
        )
    else:
        with pytest.raises(ValidationError) as refused:
            services.case_set_status(actor=dueren_clerk, case=case, status=target)
        assert refused.value.code == "transition"
        assert refused.value.messages == [
            f"Ein Vorgang im Status „{CaseStatus(before).label}“ kann nicht nach "
            f"„{CaseStatus(target).label}“ wechseln."
        ]
        assert snapshot(case) == state


def test_unknown_status_and_long_notes_are_refused(world: World, dueren_clerk: User) -> None:
    case = take(submit(world).case, dueren_clerk)
    state = snapshot(case)
    with pytest.raises(ValidationError, match="Unbekannter Status"):
        services.case_set_status(actor=dueren_clerk, case=case, status="erledigt")
    with pytest.raises(ValidationError, match="höchstens 2000 Zeichen"):
        services.case_set_status(actor=dueren_clerk, case=case, status="closed", note="x" * 2001)
    assert snapshot(case) == state


# --- who may work on a case ---------------------------------------------------------------


@pytest.fixture
def people(world: World, dueren_clerk: User, dueren_lead: User, demo_on: None) -> dict[str, Any]:
    colleague = clerk_of(world.dueren, "kollegin.dueren")
    admin_only = make_user(username="verwaltung.dueren", demo=True)
    AuthorityRoleFactory(user=admin_only, authority=world.dueren, admin=True)
    return {
        "assignee": dueren_clerk,
        "colleague": colleague,
        "lead": dueren_lead,
        "admin without clerk role": admin_only,
        "clerk of Merzenich": clerk_of(world.merzenich, "sb.merzenich.x"),
        "Düren's specialist system": SystemActor("fachverfahren:test", world.dueren.pk),
        "Merzenich's specialist system": SystemActor("fachverfahren:x", world.merzenich.pk),
        "nobody": None,
    }


MAY_WORK = {
    "assignee": True,
    "colleague": False,
    "lead": True,
    "admin without clerk role": False,
    "clerk of Merzenich": False,
    "Düren's specialist system": True,
    "Merzenich's specialist system": False,
    "nobody": False,
}


@pytest.mark.parametrize("who", sorted(MAY_WORK))
def test_who_may_work_on_an_assigned_case(world: World, people: dict[str, Any], who: str) -> None:
    case = take(submit(world).case, people["assignee"])
    actor = people[who]
    assert services.may_work(actor, case) is MAY_WORK[who]
    state = snapshot(case)
    if MAY_WORK[who]:
        services.information_request_create(
            actor=actor,
            case=case,
            message="Bitte senden Sie die Versicherungspolice.",
            items=["Police"],
            due_on=_in_days(14),
        )
        assert fresh(case).status == CaseStatus.WAITING_APPLICANT
    else:
        with pytest.raises(ValidationError) as refused:
            services.information_request_create(
                actor=actor, case=case, message="x", items=[], due_on=_in_days(14)
            )
        assert refused.value.code in {"not_assignee", "not_clerk"}
        assert snapshot(case) == state


def _in_days(days: int) -> Any:
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=days)


def test_assignment_rules(world: World, people: dict[str, Any]) -> None:
    clerk, colleague, lead = people["assignee"], people["colleague"], people["lead"]
    case = submit(world).case
    # Any clerk takes an unassigned case; a received one is then in progress.
    case = services.case_assign(actor=colleague, case=case, assignee=colleague)
    assert (fresh(case).assignee, fresh(case).status) == (colleague, CaseStatus.IN_PROGRESS)
    # Once assigned, only the assignee or the lead hands it on.
    state = snapshot(case)
    with pytest.raises(ValidationError) as refused:
        services.case_assign(actor=clerk, case=case, assignee=clerk)
    assert refused.value.code == "assigned"
    assert snapshot(case) == state
    services.case_assign(actor=colleague, case=case, assignee=clerk)
    assert fresh(case).assignee == clerk
    services.case_assign(actor=lead, case=case, assignee=colleague)
    assert fresh(case).assignee == colleague
    # Only clerks of the authority can be given a case.
    state = snapshot(case)
    for outsider in (people["admin without clerk role"], people["clerk of Merzenich"]):
        with pytest.raises(ValidationError) as refused:
            services.case_assign(actor=lead, case=case, assignee=outsider)
        assert refused.value.code == "assignee"
    with pytest.raises(ValidationError):
        services.case_assign(actor=people["clerk of Merzenich"], case=case, assignee=None)
    assert snapshot(case) == state
    # Giving it back to nobody.
    services.case_assign(actor=colleague, case=case, assignee=None)
    assert fresh(case).assignee is None
    history = list(
        CaseEvent.objects.filter(case=case, kind=EventKind.ASSIGNMENT).values_list(
            "note", flat=True
        )
    )
    assert history == [
        f"Zugewiesen an {colleague}.",
        f"Zugewiesen an {clerk}.",
        f"Zugewiesen an {colleague}.",
        "Zuweisung aufgehoben.",
    ]
    assert AuditEntry.objects.filter(action="case.assign").count() == 4


def test_taking_a_case_through_the_page(world: World, dueren_clerk: User) -> None:
    case = submit(world).case
    client = logged_in(dueren_clerk)
    response = client.post(
        f"{case_url(case)}zuweisen/", {"take": "1", "version": str(case.version)}, follow=True
    )
    assert response.redirect_chain == [(case_url(case), 303)]
    page = html(response)
    assert f"Der Vorgang ist jetzt {dueren_clerk} zugewiesen." in page
    assert fresh(case).status == CaseStatus.IN_PROGRESS
    assert "Rückfrage an die Antragstellerin oder den Antragsteller</a>" in page
    assert "Andere Behörde beteiligen</a>" in page
    assert "Bescheid erstellen</a>" in page


# --- two clerks at once --------------------------------------------------------------------


def test_the_second_of_two_clerks_gets_a_conflict_and_keeps_their_input(
    world: World, dueren_clerk: User, dueren_lead: User
) -> None:
    case = take(submit(world).case, dueren_clerk)
    shown = case.version
    # The lead asks the applicant something first …
    services.information_request_create(
        actor=dueren_lead,
        case=case,
        message="Bitte Police nachreichen.",
        items=[],
        due_on=_in_days(7),
        expected_version=shown,
    )
    state = snapshot(case)
    # … and the clerk, on the page as it was, asks too.
    client = logged_in(dueren_clerk)
    typed = "Meine Frage, die nicht verloren gehen darf."
    response = client.post(
        f"{case_url(case)}rueckfrage/",
        {"message": typed, "items": "Ausweis", "due_on": _in_days(9).isoformat(), "version": shown},
    )
    assert response.status_code == 200
    page = html(response)
    assert f"{dueren_lead} hat den Vorgang inzwischen geändert." in page
    assert "Ihre Eingabe wurde nicht gespeichert" in page
    assert typed in page
    assert f'name="version" value="{fresh(case).version}"' in page
    assert snapshot(case) == state
    with pytest.raises(CaseConflict):
        services.case_set_status(
            actor=dueren_lead, case=case, status="closed", expected_version=shown
        )
    assert snapshot(case) == state


def test_a_stale_status_form_changes_nothing(world: World, dueren_clerk: User) -> None:
    case = submit(world).case
    client = logged_in(dueren_clerk)
    old = case.version
    take(case, dueren_clerk)
    state = snapshot(case)
    response = client.post(
        case_url(case), {"status": "in_progress", "note": "Begonnen.", "version": str(old)}
    )
    assert response.status_code == 200
    assert f"{dueren_clerk} hat den Vorgang inzwischen geändert." in html(response)
    assert snapshot(case) == state


# --- notes ---------------------------------------------------------------------------------


def test_notes_are_internal(world: World, dueren_clerk: User, client: Any) -> None:
    from verbund.applications.links import status_token

    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    response = logged_in(dueren_clerk).post(
        f"{case_url(case)}notiz/", {"text": "Telefonat: Police folgt <per Post>."}, follow=True
    )
    assert "Die Notiz ist in der Akte." in html(response)
    assert "Telefonat: Police folgt &lt;per Post&gt;." in html(response)
    event = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert (event.public, event.actor) == (False, dueren_clerk)
    status_page = html(client.get(f"/status/{submission.reference}/{status_token(submission)}/"))
    assert "Telefonat" not in status_page
    state = snapshot(case)
    response = logged_in(dueren_clerk).post(f"{case_url(case)}notiz/", {"text": "   "})
    assert response.status_code == 200
    assert "verbund-error-summary" in html(response)
    assert snapshot(case) == state


# --- documents and versions -----------------------------------------------------------------


def _upload(name: str = "Vermerk.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    kind = "application/pdf" if name.endswith(".pdf") else "image/png"
    return SimpleUploadedFile(name, data, content_type=kind)


def test_documents_come_with_the_application_and_get_versions(
    world: World, dueren_clerk: User
) -> None:
    submission = submit(world)
    case = take(submission.case, dueren_clerk)
    (application,) = CaseDocument.objects.filter(case=case)
    assert (application.title, application.source) == (
        "Nachweis der Versicherung",
        DocumentSource.APPLICATION,
    )
    client = logged_in(dueren_clerk)
    response = client.post(
        f"{case_url(case)}dokumente/", {"title": "Aktenvermerk", "file": _upload()}, follow=True
    )
    assert "„Aktenvermerk“ ist in der Akte." in html(response)
    document = CaseDocument.objects.get(case=case, title="Aktenvermerk")
    assert (document.source, document.created_by, document.current_number) == (
        "clerk",
        dueren_clerk,
        1,
    )
    png = png_bytes()
    url = f"{case_url(case)}dokumente/{document.pk}/"
    response = client.post(url, {"file": _upload("Vermerk.png", png)}, follow=True)
    assert "Version 2 ist in der Akte." in html(response)
    first, second = DocumentVersion.objects.filter(document=document).order_by("number")
    assert (first.number, first.sha256, first.content_type) == (
        1,
        hashlib.sha256(PDF_BYTES).hexdigest(),
        "application/pdf",
    )
    assert (second.number, second.sha256, second.content_type) == (
        2,
        hashlib.sha256(png).hexdigest(),
        "image/png",
    )
    # Both stay readable; the case page offers the latest.
    assert first.file.open("rb").read() == PDF_BYTES
    page = html(client.get(case_url(case)))
    assert f"dateien/{second.pk}/" in page
    assert f"dateien/{first.pk}/" not in page
    assert AuditEntry.objects.filter(action="case.document_version").count() == 1


def test_bad_documents_are_refused_and_nothing_is_stored(
    world: World, dueren_clerk: User, dueren_lead: User
) -> None:
    case = take(submit(world).case, dueren_clerk)
    (application,) = CaseDocument.objects.filter(case=case)
    client = logged_in(dueren_clerk)
    state = snapshot(case)
    response = client.post(
        f"{case_url(case)}dokumente/",
        {"title": "Programm", "file": SimpleUploadedFile("setup.pdf", b"MZ\x90\x00binary")},
    )
    assert response.status_code == 200
    page = html(response)
    assert "verbund-error-summary" in page
    assert "setup.pdf" in page
    response = client.post(f"{case_url(case)}dokumente/", {"title": "", "file": _upload()})
    assert "verbund-error-summary" in html(response)
    # The application's own files are not overwritten.
    response = client.post(f"{case_url(case)}dokumente/{application.pk}/", {"file": _upload()})
    assert "werden nicht überschrieben" in html(response)
    # A colleague who does not have the case cannot file anything.
    colleague = clerk_of(world.dueren, "kollege2.dueren")
    response = logged_in(colleague).post(
        f"{case_url(case)}dokumente/", {"title": "Fremd", "file": _upload()}
    )
    assert "Bitte übernehmen Sie den Vorgang zuerst" in html(response)
    assert snapshot(case) == state


def test_a_document_below_another_case_is_not_found(world: World, dueren_clerk: User) -> None:
    one, other = submit(world).case, submit(world).case
    document = CaseDocument.objects.get(case=other)
    client = logged_in(dueren_clerk)
    assert client.get(f"{case_url(one)}dokumente/{document.pk}/").status_code == 404
    assert client.get(f"{case_url(other)}dokumente/{document.pk}/").status_code == 200


def test_storing_fails_cleanly(world: World, dueren_clerk: User, monkeypatch: Any) -> None:
    """A write that fails after the file was stored removes the file again."""
    case = take(submit(world).case, dueren_clerk)
    stored: list[str] = []
    real_save = DocumentVersion.save

    def failing_save(self: DocumentVersion, *args: Any, **kwargs: Any) -> None:
        stored.append(self.file.name)
        raise RuntimeError("disk full")

    monkeypatch.setattr(DocumentVersion, "save", failing_save)
    state = snapshot(case)
    with pytest.raises(RuntimeError):
        services.document_add(
            actor=dueren_clerk,
            case=case,
            title="Vermerk",
            upload=stored_file_from_bytes("v.pdf", "application/pdf", PDF_BYTES),
        )
    monkeypatch.setattr(DocumentVersion, "save", real_save)
    assert snapshot(case) == state
    from verbund.core.storage import private_storage

    assert stored
    assert not private_storage().exists(stored[0])


def test_the_processing_authority_decides_not_the_responsible_one(
    world: World, rhein_erft: Authority, rhein_erft_clerk: User, dueren_lead: User
) -> None:
    process_for_dueren(world, rhein_erft)
    submission: Submission = submit(world)
    case = take(submission.case, rhein_erft_clerk)
    assert services.may_work(dueren_lead, case) is False
    with pytest.raises(ValidationError):
        services.case_add_note(actor=dueren_lead, case=case, text="Von Düren")
