"""Project groups of a network: founding one with a lead and members, tasks owned by
members, milestones, documents, and the overview with each group's progress. Every
refused write reports all its problems and changes nothing (rows, audit entries)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import AuthorityFactory, MembershipFactory, NetworkFactory
from verbund.authorities.models import Authority
from verbund.core.models import AuditEntry
from verbund.networks.groups.models import GroupDocument, GroupTask, Milestone, ProjectGroup
from verbund.networks.groups.selectors import group_detail, groups_of_network
from verbund.networks.groups.services import (
    document_add,
    group_create,
    group_member_add,
    group_member_remove,
    group_update,
    milestone_create,
    milestone_reach,
    task_complete,
    task_create,
    task_reopen,
)
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4 Protokoll"


@dataclass
class Wue:
    network: Network
    kreis: Authority
    hoechberg: Authority
    rimpar: Authority
    gerbrunn: Authority
    left: Authority  # a former member
    outsider: Authority  # never a member


@pytest.fixture
def wue() -> Wue:
    network = NetworkFactory(name="Kreisverbund Würzburg", slug="wuerzburg")
    kreis = AuthorityFactory(kreis=True, name="Würzburg, Landkreis")
    hoechberg = AuthorityFactory(name="Höchberg")
    rimpar = AuthorityFactory(name="Rimpar")
    gerbrunn = AuthorityFactory(name="Gerbrunn")
    left = AuthorityFactory(name="Zell a.Main")
    outsider = AuthorityFactory(name="Kitzingen")
    MembershipFactory(network=network, authority=kreis, lead=True)
    for member in (hoechberg, rimpar, gerbrunn):
        MembershipFactory(network=network, authority=member)
    MembershipFactory(network=network, authority=left, ended=True)
    return Wue(network, kreis, hoechberg, rimpar, gerbrunn, left, outsider)


def _counts() -> tuple[int, int, int, int, int]:
    return (
        ProjectGroup.objects.count(),
        GroupTask.objects.count(),
        Milestone.objects.count(),
        GroupDocument.objects.count(),
        AuditEntry.objects.count(),
    )


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(exc.value.messages)


def _bauantrag(wue: Wue) -> ProjectGroup:
    return group_create(
        actor=None,
        network=wue.network,
        name="Digitaler Bauantrag",
        goal="Bauanträge vollständig digital",
        status="active",
        lead=wue.hoechberg,
        members=[wue.rimpar, wue.kreis],
        started_on=dt.date(2025, 1, 1),
    )


def test_a_group_is_founded_with_its_lead_among_the_members(wue: Wue) -> None:
    before = AuditEntry.objects.count()
    group = _bauantrag(wue)
    assert group.network == wue.network
    assert group.lead == wue.hoechberg
    assert set(group.members.all()) == {wue.hoechberg, wue.rimpar, wue.kreis}
    assert group.get_status_display() == "aktiv"
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "networks.project_group_created"
    assert entry.network_id == wue.network.pk
    assert entry.authority_id == wue.hoechberg.pk
    assert entry.changes["members"] == [
        None,
        sorted([wue.hoechberg.ars, wue.rimpar.ars, wue.kreis.ars]),
    ]
    assert AuditEntry.objects.count() == before + 1


def test_founding_reports_every_problem_and_saves_nothing(wue: Wue) -> None:
    _bauantrag(wue)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        group_create(
            actor=None,
            network=wue.network,
            name="digitaler bauantrag",
            status="completed",
            lead=wue.outsider,
            members=[wue.left, wue.rimpar],
            started_on=dt.date(2025, 6, 1),
            ended_on=None,
        )
    assert _messages(exc) == [
        "Die Projektgruppe „digitaler bauantrag“ gibt es in diesem Verbund schon.",
        "Eine abgeschlossene Projektgruppe braucht ein Enddatum.",
        "Keine Mitglieder des Verbunds: Kitzingen, Zell a.Main.",
    ]
    with pytest.raises(ValidationError) as exc:
        group_create(
            actor=None,
            network=wue.network,
            name="  ",
            status="unknown",
            lead=wue.kreis,
            started_on=dt.date(2025, 6, 1),
            ended_on=dt.date(2025, 5, 1),
        )
    assert _messages(exc) == [
        "Bitte geben Sie einen Namen an.",
        "Unbekannter Stand der Projektgruppe.",
        "Das Ende liegt vor dem Beginn.",
    ]
    assert _counts() == before


def test_the_same_name_in_another_network_is_fine(wue: Wue) -> None:
    _bauantrag(wue)
    other = NetworkFactory()
    member = AuthorityFactory()
    MembershipFactory(network=other, authority=member)
    group = group_create(
        actor=None, network=other, name="Digitaler Bauantrag", lead=member, members=[]
    )
    assert list(group.members.all()) == [member]


def test_update_changes_status_and_lead_and_audits_only_changes(wue: Wue) -> None:
    group = _bauantrag(wue)
    before = AuditEntry.objects.count()
    group_update(
        actor=None,
        group=group,
        name="Digitaler Bauantrag",
        goal="Bauanträge vollständig digital",
        status="active",
        lead=wue.hoechberg,
        started_on=dt.date(2025, 1, 1),
        ended_on=None,
    )
    assert AuditEntry.objects.count() == before  # nothing changed, nothing recorded
    group = group_update(
        actor=None,
        group=group,
        name="Digitaler Bauantrag",
        goal="Bauanträge vollständig digital",
        status="completed",
        lead=wue.rimpar,
        started_on=dt.date(2025, 1, 1),
        ended_on=dt.date(2025, 12, 31),
    )
    group.refresh_from_db()
    assert (group.status, group.lead, group.ended_on) == (
        "completed",
        wue.rimpar,
        dt.date(2025, 12, 31),
    )
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert entry.action == "networks.project_group_updated"
    assert entry.changes == {
        "status": ["active", "completed"],
        "lead": [wue.hoechberg.ars, wue.rimpar.ars],
        "ended_on": [None, "2025-12-31"],
    }


def test_update_refuses_a_lead_outside_the_group(wue: Wue) -> None:
    group = _bauantrag(wue)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        group_update(
            actor=None,
            group=group,
            name="Digitaler Bauantrag",
            goal="",
            status="paused",
            lead=wue.gerbrunn,
            started_on=None,
            ended_on=None,
        )
    assert _messages(exc) == [
        "Die Federführung muss bei einem Mitglied der Projektgruppe liegen; "
        "Gerbrunn gehört nicht dazu."
    ]
    group.refresh_from_db()
    assert (group.status, group.lead) == ("active", wue.hoechberg)
    assert _counts() == before


def test_members_join_and_leave(wue: Wue) -> None:
    group = _bauantrag(wue)
    group_member_add(actor=None, group=group, authority=wue.gerbrunn)
    assert group.members.count() == 4
    before = _counts()
    for authority, message in (
        (wue.gerbrunn, "Gerbrunn arbeitet bereits in der Projektgruppe mit."),
        (wue.left, "Zell a.Main ist kein Mitglied des Verbunds."),
        (wue.outsider, "Kitzingen ist kein Mitglied des Verbunds."),
    ):
        with pytest.raises(ValidationError) as exc:
            group_member_add(actor=None, group=group, authority=authority)
        assert _messages(exc) == [message]
    assert _counts() == before

    task_create(actor=None, group=group, title="Formular prüfen", owner=wue.rimpar, due_on=TODAY)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        group_member_remove(actor=None, group=group, authority=wue.rimpar)
    assert _messages(exc) == ["Rimpar ist noch für 1 offene Aufgabe(n) verantwortlich."]
    with pytest.raises(ValidationError) as exc:
        group_member_remove(actor=None, group=group, authority=wue.hoechberg)
    assert _messages(exc) == ["Höchberg hat die Federführung und bleibt daher Mitglied."]
    with pytest.raises(ValidationError) as exc:
        group_member_remove(actor=None, group=group, authority=wue.outsider)
    assert _messages(exc) == ["Kitzingen gehört nicht zur Projektgruppe."]
    assert _counts() == before
    assert group.members.count() == 4

    group_member_remove(actor=None, group=group, authority=wue.gerbrunn)
    assert set(group.members.all()) == {wue.hoechberg, wue.rimpar, wue.kreis}
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.authority_id) == (
        "networks.project_group_member_removed",
        wue.gerbrunn.pk,
    )


def test_tasks_are_owned_by_members_and_are_done_and_reopened(wue: Wue) -> None:
    group = _bauantrag(wue)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        task_create(actor=None, group=group, title=" ", owner=wue.gerbrunn, due_on=TODAY)
    assert _messages(exc) == [
        "Bitte beschreiben Sie die Aufgabe.",
        "Gerbrunn gehört nicht zur Projektgruppe und kann keine Aufgabe übernehmen.",
    ]
    assert _counts() == before

    task = task_create(
        actor=None, group=group, title="Schnittstelle XBau", owner=wue.rimpar, due_on=TODAY
    )
    assert (task.owner, task.due_on, task.done_on) == (wue.rimpar, TODAY, None)
    with pytest.raises(ValidationError) as exc:
        task_complete(actor=None, task=task, done_on=TODAY + dt.timedelta(days=1))
    assert _messages(exc) == ["Eine Aufgabe kann nicht in der Zukunft erledigt werden."]
    with pytest.raises(ValidationError) as exc:
        task_reopen(actor=None, task=task)
    assert _messages(exc) == ["Die Aufgabe ist noch offen."]

    task = task_complete(actor=None, task=task, done_on=dt.date(2025, 3, 4))
    assert task.done_on == dt.date(2025, 3, 4)
    with pytest.raises(ValidationError) as exc:
        task_complete(actor=None, task=task)
    assert _messages(exc) == ["Die Aufgabe ist seit dem 4. März 2025 erledigt."]
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert entry.action == "networks.group_task_completed"
    assert entry.changes == {"done_on": [None, "2025-03-04"]}

    task = task_reopen(actor=None, task=task)
    task.refresh_from_db()
    assert task.done_on is None
    assert AuditEntry.objects.order_by("-id").values_list("action", flat=True)[0] == (
        "networks.group_task_reopened"
    )


def test_a_completed_group_takes_no_new_tasks(wue: Wue) -> None:
    group = _bauantrag(wue)
    group_update(
        actor=None,
        group=group,
        name=group.name,
        goal=group.goal,
        status="completed",
        lead=wue.hoechberg,
        started_on=group.started_on,
        ended_on=dt.date(2025, 12, 31),
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        task_create(actor=None, group=group, title="Noch etwas", owner=wue.kreis, due_on=TODAY)
    assert _messages(exc) == ["Die Projektgruppe ist abgeschlossen."]
    assert _counts() == before


def test_milestones_are_planned_and_reached(wue: Wue) -> None:
    group = _bauantrag(wue)
    milestone = milestone_create(
        actor=None, group=group, title="Pilot in Höchberg", due_on=dt.date(2025, 6, 30)
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        milestone_create(actor=None, group=group, title="pilot in höchberg", due_on=TODAY)
    assert _messages(exc) == [
        "Den Meilenstein „pilot in höchberg“ gibt es in dieser Projektgruppe schon."
    ]
    with pytest.raises(ValidationError) as exc:
        milestone_reach(actor=None, milestone=milestone, reached_on=TODAY + dt.timedelta(days=3))
    assert _messages(exc) == ["Ein Meilenstein kann nicht in der Zukunft erreicht werden."]
    assert _counts() == before
    milestone = milestone_reach(actor=None, milestone=milestone, reached_on=dt.date(2025, 7, 2))
    assert milestone.reached_on == dt.date(2025, 7, 2)
    with pytest.raises(ValidationError) as exc:
        milestone_reach(actor=None, milestone=milestone)
    assert _messages(exc) == ["Der Meilenstein ist seit dem 2. Juli 2025 erreicht."]


def test_documents_are_pdf_or_office_files_with_their_digest(wue: Wue) -> None:
    group = _bauantrag(wue)
    document = document_add(
        actor=None,
        group=group,
        title="Protokoll der Auftaktsitzung",
        upload=SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf"),
    )
    assert document.file_name == "protokoll.pdf"
    assert document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    with document.file.open("rb") as stored:
        assert stored.read() == PDF
    docx = document_add(
        actor=None,
        group=group,
        title="Konzept",
        upload=SimpleUploadedFile("konzept.docx", b"PK\x03\x04 docx"),
    )
    assert docx.file_name == "konzept.docx"
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert entry.action == "networks.group_document_added"
    assert entry.changes["sha256"] == [None, docx.sha256]

    before = _counts()
    for name, content, expected in (
        ("programm.exe", b"MZ\x90\x00", ["Bitte laden Sie ein PDF oder eine Office-Datei hoch"]),
        ("getarnt.pdf", b"MZ\x90\x00", ["Bitte laden Sie ein PDF oder eine Office-Datei hoch"]),
        ("leer.pdf", b"", ["Die Datei ist leer.", "Bitte laden Sie ein PDF"]),
    ):
        with pytest.raises(ValidationError) as exc:
            document_add(
                actor=None, group=group, title="X", upload=SimpleUploadedFile(name, content)
            )
        messages = _messages(exc)
        assert len(messages) == len(expected)
        for message, start in zip(messages, expected, strict=True):
            assert message.startswith(start)
    with pytest.raises(ValidationError) as exc:
        document_add(actor=None, group=group, title=" ", upload=SimpleUploadedFile("a.pdf", PDF))
    assert _messages(exc) == ["Bitte geben Sie einen Titel an."]
    assert _counts() == before


def test_documents_above_the_size_limit_are_refused(wue: Wue) -> None:
    group = _bauantrag(wue)
    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * (20 * 1024 * 1024))
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        document_add(actor=None, group=group, title="Groß", upload=big)
    assert _messages(exc) == ["Die Datei ist größer als 20 MB."]
    assert _counts() == before


def test_the_overview_counts_progress_in_one_query(wue: Wue) -> None:
    bauantrag = _bauantrag(wue)
    erechnung = group_create(
        actor=None, network=wue.network, name="eRechnung", lead=wue.kreis, members=[wue.gerbrunn]
    )
    group_create(actor=None, network=wue.network, name="Open Data", lead=wue.kreis)
    yesterday = TODAY - dt.timedelta(days=1)
    done = task_create(actor=None, group=bauantrag, title="A", owner=wue.rimpar, due_on=yesterday)
    task_complete(actor=None, task=done, done_on=yesterday)
    task_create(actor=None, group=bauantrag, title="B", owner=wue.rimpar, due_on=yesterday)
    task_create(actor=None, group=bauantrag, title="C", owner=wue.kreis, due_on=TODAY)
    milestone_create(actor=None, group=bauantrag, title="M1", due_on=yesterday)
    reached = milestone_create(actor=None, group=bauantrag, title="M2", due_on=yesterday)
    milestone_reach(actor=None, milestone=reached, reached_on=yesterday)
    task_create(actor=None, group=erechnung, title="D", owner=wue.gerbrunn, due_on=TODAY)

    with CaptureQueriesContext(connection) as queries:
        rows = groups_of_network(wue.network)
    assert len(queries) == 1
    assert [
        (
            r.group.name,
            r.group.lead.name,
            r.members,
            r.tasks_done,
            r.tasks_total,
            r.tasks_overdue,
            r.milestones_reached,
            r.milestones_total,
            r.percent,
        )
        for r in rows
    ] == [
        ("Digitaler Bauantrag", "Höchberg", 3, 1, 3, 1, 1, 2, 33),
        ("eRechnung", "Würzburg, Landkreis", 2, 0, 1, 0, 0, 0, 0),
        ("Open Data", "Würzburg, Landkreis", 1, 0, 0, 0, 0, 0, None),
    ]


def test_the_detail_flags_overdue_tasks_and_milestones(wue: Wue) -> None:
    group = _bauantrag(wue)
    yesterday = TODAY - dt.timedelta(days=1)
    late = task_create(actor=None, group=group, title="Spät", owner=wue.rimpar, due_on=yesterday)
    task_create(actor=None, group=group, title="Heute", owner=wue.kreis, due_on=TODAY)
    done = task_create(actor=None, group=group, title="Fertig", owner=wue.kreis, due_on=yesterday)
    task_complete(actor=None, task=done)
    milestone_create(actor=None, group=group, title="Überfällig", due_on=yesterday)
    detail = group_detail(group)
    assert [m.name for m in detail.members] == ["Höchberg", "Rimpar", "Würzburg, Landkreis"]
    assert [(r.task.title, r.overdue) for r in detail.tasks] == [
        ("Spät", True),
        ("Heute", False),
        ("Fertig", False),
    ]
    assert detail.tasks[0].task == late
    assert [(r.milestone.title, r.overdue) for r in detail.milestones] == [("Überfällig", True)]
    assert (detail.tasks_done, detail.milestones_reached) == (1, 0)
