"""The project group pages: the coordinator founds a group and gives it tasks; the
lead member's clerks manage the group's tasks, milestones and documents, but not the
group itself; other members' staff only read. Foreign ids answer 404, bad input is
reported and nothing is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.clients import logged_in
from tests.factories import (
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_user,
)
from tests.networks.groups.test_groups import PDF, Wue, _counts
from tests.networks.groups.test_groups import wue as wue  # the fixture, re-exported
from verbund.accounts.models import User
from verbund.networks.groups.models import GroupDocument, GroupTask, Milestone, ProjectGroup
from verbund.networks.groups.services import (
    group_create,
    milestone_create,
    task_complete,
    task_create,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def coordinator(wue: Wue, demo_on: None) -> User:
    user = make_user(username="koordination.wuerzburg", demo=True)
    NetworkRoleFactory(user=user, network=wue.network)
    return user


@pytest.fixture
def lead_clerk(wue: Wue, demo_on: None) -> User:
    user = make_user(username="sb.hoechberg", demo=True)
    AuthorityRoleFactory(user=user, authority=wue.hoechberg)
    return user


@pytest.fixture
def member_clerk(wue: Wue, demo_on: None) -> User:
    user = make_user(username="sb.rimpar", demo=True)
    AuthorityRoleFactory(user=user, authority=wue.rimpar)
    return user


@pytest.fixture
def group(wue: Wue) -> ProjectGroup:
    return group_create(
        actor=None,
        network=wue.network,
        name="Digitaler Bauantrag",
        goal="Bauanträge digital",
        status="active",
        lead=wue.hoechberg,
        members=[wue.rimpar],
    )


def html(response: Any) -> str:
    return str(response.content.decode())


def _base(wue: Wue) -> str:
    return f"/verwaltung/verbuende/{wue.network.pk}/projektgruppen/"


def test_coordinator_founds_a_group_and_gives_it_tasks(wue: Wue, coordinator: User) -> None:
    client = logged_in(coordinator)
    base = _base(wue)
    assert "Noch keine Projektgruppen angelegt." in html(client.get(base))
    assert client.get(f"{base}neu/").status_code == 200
    data = {
        "name": "eRechnung",
        "goal": "Rechnungen nur noch als XRechnung",
        "status": "active",
        "lead": str(wue.kreis.pk),
        "members": [str(wue.gerbrunn.pk), str(wue.rimpar.pk)],
        "started_on": "2025-09-01",
        "ended_on": "2025-08-01",
    }
    response = client.post(f"{base}neu/", data)
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in html(response)
    assert ProjectGroup.objects.count() == 0
    # A former member is no choice of the form.
    response = client.post(f"{base}neu/", {**data, "members": [str(wue.left.pk)]})
    assert f"{wue.left.pk} ist keine gültige Auswahl." in html(response)
    assert ProjectGroup.objects.count() == 0

    response = client.post(f"{base}neu/", {**data, "ended_on": ""})
    assert response.status_code == 302
    group = ProjectGroup.objects.get()
    assert response["Location"] == f"{base}{group.pk}/"
    assert set(group.members.all()) == {wue.kreis, wue.gerbrunn, wue.rimpar}
    page = html(client.get(f"{base}{group.pk}/"))
    assert "Die Projektgruppe „eRechnung“ ist angelegt." in page
    assert "Rechnungen nur noch als XRechnung" in page
    assert "01.09.2025 – offen" in page

    task_url = f"{base}{group.pk}/aufgaben/neu/"
    response = client.post(task_url, {"title": "Leitweg-IDs", "owner": str(wue.hoechberg.pk)})
    assert response.status_code == 200
    assert f"{wue.hoechberg.pk} ist keine gültige Auswahl." in html(response)
    assert "Dieses Feld ist zwingend erforderlich." in html(response)
    assert GroupTask.objects.count() == 0
    response = client.post(
        task_url,
        {"title": "Leitweg-IDs vergeben", "owner": str(wue.gerbrunn.pk), "due_on": "2025-10-15"},
    )
    assert response.status_code == 302
    task = GroupTask.objects.get()
    page = html(client.get(f"{base}{group.pk}/"))
    assert "Die Aufgabe „Leitweg-IDs vergeben“ ist angelegt." in page
    assert "15.10.2025" in page
    assert "überfällig" in page

    assert client.post(f"{base}{group.pk}/aufgaben/{task.pk}/erledigt/").status_code == 302
    task.refresh_from_db()
    assert task.done_on == TODAY
    listing = html(client.get(base))
    assert "1 von 1 (100 %)" in listing  # the chart's table
    assert "Erledigte Aufgaben je Projektgruppe" in listing

    # Editing: status and lead; a lead outside the group is no choice.
    edit = f"{base}{group.pk}/bearbeiten/"
    form = {
        "name": "eRechnung",
        "goal": "",
        "status": "completed",
        "lead": str(wue.gerbrunn.pk),
        "started_on": "2025-09-01",
        "ended_on": "",
    }
    response = client.post(edit, form)
    assert "Eine abgeschlossene Projektgruppe braucht ein Enddatum." in html(response)
    response = client.post(edit, {**form, "ended_on": "2025-12-31"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.status, group.lead, group.ended_on) == (
        "completed",
        wue.gerbrunn,
        dt.date(2025, 12, 31),
    )


def test_coordinator_adds_and_removes_members(
    wue: Wue, coordinator: User, group: ProjectGroup
) -> None:
    client = logged_in(coordinator)
    url = f"{_base(wue)}{group.pk}/mitglieder/"
    response = client.post(f"{url}neu/", {"authority": str(wue.rimpar.pk)})  # already in
    assert f"{wue.rimpar.pk} ist keine gültige Auswahl." in html(response)
    assert client.post(f"{url}neu/", {"authority": str(wue.gerbrunn.pk)}).status_code == 302
    assert set(group.members.all()) == {wue.hoechberg, wue.rimpar, wue.gerbrunn}
    task_create(actor=None, group=group, title="Prüfen", owner=wue.gerbrunn, due_on=TODAY)
    before = _counts()
    response = client.post(f"{url}{wue.gerbrunn.pk}/entfernen/", follow=True)
    assert "Gerbrunn ist noch für 1 offene Aufgabe(n) verantwortlich." in html(response)
    response = client.post(f"{url}{wue.hoechberg.pk}/entfernen/", follow=True)
    assert "Höchberg hat die Federführung und bleibt daher Mitglied." in html(response)
    assert _counts() == before
    # Not in the group: not found.
    assert client.post(f"{url}{wue.kreis.pk}/entfernen/").status_code == 404
    assert client.post(f"{url}{wue.rimpar.pk}/entfernen/").status_code == 302
    assert set(group.members.all()) == {wue.hoechberg, wue.gerbrunn}


def test_the_lead_members_clerk_manages_the_work_but_not_the_group(
    wue: Wue, lead_clerk: User, group: ProjectGroup
) -> None:
    client = logged_in(lead_clerk)
    base = f"{_base(wue)}{group.pk}/"
    page = html(client.get(base))
    assert "Aufgabe anlegen" in page
    assert "Angaben bearbeiten" not in page
    response = client.post(
        f"{base}aufgaben/neu/",
        {"title": "Formular XBau", "owner": str(wue.rimpar.pk), "due_on": "2026-03-31"},
    )
    assert response.status_code == 302
    task = GroupTask.objects.get()
    assert client.post(f"{base}aufgaben/{task.pk}/erledigt/").status_code == 302
    assert client.post(f"{base}aufgaben/{task.pk}/wieder-offen/").status_code == 302
    task.refresh_from_db()
    assert task.done_on is None

    response = client.post(f"{base}meilensteine/neu/", {"title": "Pilot", "due_on": "2026-01-31"})
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert client.post(f"{base}meilensteine/{milestone.pk}/erreicht/").status_code == 302
    milestone.refresh_from_db()
    assert milestone.reached_on == TODAY

    response = client.post(
        f"{base}dokumente/neu/",
        {"title": "Protokoll", "upload": SimpleUploadedFile("protokoll.pdf", PDF)},
    )
    assert response.status_code == 302
    document = GroupDocument.objects.get()
    download = client.get(f"{base}dokumente/{document.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]

    # The group itself is the coordinators': 403, nothing changed.
    before = _counts()
    assert client.get(f"{base}bearbeiten/").status_code == 403
    assert (
        client.post(f"{base}mitglieder/neu/", {"authority": str(wue.kreis.pk)}).status_code == 403
    )
    assert client.post(f"{base}mitglieder/{wue.rimpar.pk}/entfernen/").status_code == 403
    assert (
        client.post(f"{_base(wue)}neu/", {"name": "X", "lead": str(wue.kreis.pk)}).status_code
        == 403
    )
    assert _counts() == before
    assert set(group.members.all()) == {wue.hoechberg, wue.rimpar}


def test_other_members_staff_only_read(wue: Wue, member_clerk: User, group: ProjectGroup) -> None:
    task = task_create(actor=None, group=group, title="Prüfen", owner=wue.rimpar, due_on=TODAY)
    milestone = milestone_create(actor=None, group=group, title="Pilot", due_on=TODAY)
    client = logged_in(member_clerk)
    base = f"{_base(wue)}{group.pk}/"
    assert "Digitaler Bauantrag" in html(client.get(_base(wue)))
    page = html(client.get(base))
    assert "Prüfen" in page
    assert "Aufgabe anlegen" not in page
    assert "Erledigt<" not in page
    before = _counts()
    for url, data in (
        (
            f"{base}aufgaben/neu/",
            {"title": "X", "owner": str(wue.rimpar.pk), "due_on": "2026-01-01"},
        ),
        (f"{base}aufgaben/{task.pk}/erledigt/", {}),
        (f"{base}meilensteine/neu/", {"title": "X", "due_on": "2026-01-01"}),
        (f"{base}meilensteine/{milestone.pk}/erreicht/", {}),
        (f"{base}dokumente/neu/", {"title": "X"}),
        (f"{base}bearbeiten/", {}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert _counts() == before
    task.refresh_from_db()
    assert task.done_on is None


def test_foreign_ids_are_not_found(wue: Wue, coordinator: User, group: ProjectGroup) -> None:
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    stranger = AuthorityFactory(name="Fremdgemeinde")
    MembershipFactory(network=other, authority=stranger)
    foreign = group_create(actor=None, network=other, name="Fremd", lead=stranger)
    foreign_task = task_create(
        actor=None, group=foreign, title="Fremd", owner=stranger, due_on=TODAY
    )
    # A second group of the same network: its task below the first group is a 404 too.
    sibling = group_create(actor=None, network=wue.network, name="eAkte", lead=wue.kreis)
    sibling_task = task_create(
        actor=None, group=sibling, title="Aktenplan", owner=wue.kreis, due_on=TODAY
    )
    sibling_milestone = milestone_create(actor=None, group=sibling, title="M", due_on=TODAY)
    client = logged_in(coordinator)
    mine = f"{_base(wue)}{group.pk}/"
    before = _counts()
    assert client.get(f"/verwaltung/verbuende/{other.pk}/projektgruppen/").status_code == 404
    assert (
        client.get(f"/verwaltung/verbuende/{other.pk}/projektgruppen/{foreign.pk}/").status_code
        == 404
    )
    assert client.get(f"{_base(wue)}{foreign.pk}/").status_code == 404
    assert client.post(f"{mine}aufgaben/{foreign_task.pk}/erledigt/").status_code == 404
    assert client.post(f"{mine}aufgaben/{sibling_task.pk}/erledigt/").status_code == 404
    assert client.post(f"{mine}meilensteine/{sibling_milestone.pk}/erreicht/").status_code == 404
    assert client.get(f"{mine}dokumente/999999/").status_code == 404
    assert _counts() == before
    sibling_task.refresh_from_db()
    assert sibling_task.done_on is None


def test_a_bad_document_is_reported_and_nothing_saved(
    wue: Wue, coordinator: User, group: ProjectGroup
) -> None:
    client = logged_in(coordinator)
    url = f"{_base(wue)}{group.pk}/dokumente/neu/"
    before = _counts()
    response = client.post(
        url, {"title": "Tool", "upload": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")}
    )
    assert response.status_code == 200
    assert "Bitte laden Sie ein PDF oder eine Office-Datei hoch" in html(response)
    response = client.post(url, {"title": "Ohne Datei"})
    assert "Dieses Feld ist zwingend erforderlich." in html(response)
    assert _counts() == before


def test_the_table_and_the_charts_give_the_same_share(
    wue: Wue, coordinator: User, group: ProjectGroup
) -> None:
    """2 of 3 tasks done is 67 % in the group table, in the progress chart and its data
    table, and on the dashboard (the table used to round down to 66 %)."""
    tasks = [
        task_create(actor=None, group=group, title=title, owner=wue.hoechberg, due_on=TODAY)
        for title in ("A", "B", "C")
    ]
    for task in tasks[:2]:
        task_complete(actor=None, task=task)
    client = logged_in(coordinator)
    page = client.get(_base(wue))
    assert [row.percent for row in page.context["rows"]] == [67]
    assert '<td class="kern-table__cell">2 von 3 (67 %)</td>' in html(page)
    chart = page.context["chart"]
    assert chart.table.rows == (("Digitaler Bauantrag", "2", "3", "67 %"),)
    assert ">2 von 3 (67 %)</text>" in str(chart.svg)
    dashboard = client.get(f"/verwaltung/verbuende/{wue.network.pk}/steuerung/")
    body = html(dashboard)
    assert ">2 von 3 (67 %)</text>" in body
    assert '<td class="kern-table__cell kern-table__cell--numeric">67 %</td>' in body
    assert "66 %" not in html(page) + body
