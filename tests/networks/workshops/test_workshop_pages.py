"""The workshop pages: the coordinator plans a workshop, invites the members, sets the
agenda, adds materials and, after it took place, writes the minutes and records
decisions that change the area matrix or the roadmap. A member's clerk reads and answers
its own authority's invitation, nothing else; an outsider finds nothing. Bad input
answers 400 with the message, and nothing is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
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
from tests.networks.groups.test_groups import PDF, Wue
from tests.networks.groups.test_groups import wue as wue  # the fixture, re-exported
from tests.networks.workshops.test_workshops import NEXT_YEAR, _counts
from verbund.accounts.models import User
from verbund.networks.models import AreaParticipation, CooperationArea
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import area_matrix
from verbund.networks.services import area_create, area_level_set
from verbund.networks.workshops.models import (
    AgendaItem,
    Invitation,
    Workshop,
    WorkshopDecision,
    WorkshopMaterial,
)
from verbund.networks.workshops.services import (
    agenda_item_add,
    material_add,
    workshop_create,
    workshop_hold,
    workshop_invite,
)

pytestmark = pytest.mark.django_db

# A fixed time of day keeps a workshop of a few hours on one calendar day.
NOW = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def coordinator(wue: Wue, demo_on: None) -> User:
    user = make_user(username="koordination.wuerzburg", demo=True)
    NetworkRoleFactory(user=user, network=wue.network)
    return user


@pytest.fixture
def member_clerk(wue: Wue, demo_on: None) -> User:
    user = make_user(username="sb.rimpar", display_name="Sachbearbeitung Rimpar", demo=True)
    AuthorityRoleFactory(user=user, authority=wue.rimpar)
    return user


@pytest.fixture
def fees(wue: Wue) -> CooperationArea:
    area = area_create(actor=None, network=wue.network, name="Gebührenkalkulation")
    area_level_set(
        actor=None, area=area, authority=wue.hoechberg, level=2, valid_from=dt.date(2024, 1, 1)
    )
    return area


@pytest.fixture
def workshop(wue: Wue) -> Workshop:
    """A planned workshop with every member invited, an agenda item and a material."""
    start = NOW + dt.timedelta(days=14)
    workshop = workshop_create(
        actor=None,
        network=wue.network,
        title="§ 2b UStG in der Praxis",
        level="operational",
        format="workshop",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place="Landratsamt, Raum 101",
    )
    workshop_invite(
        actor=None,
        workshop=workshop,
        authorities=[wue.kreis, wue.hoechberg, wue.rimpar, wue.gerbrunn],
    )
    agenda_item_add(actor=None, workshop=workshop, title="Begrüßung", duration_minutes=15)
    material_add(
        actor=None,
        workshop=workshop,
        title="Folien",
        upload=SimpleUploadedFile("folien.pdf", PDF),
    )
    return workshop


def html(response: Any) -> str:
    return str(response.content.decode())


def _base(wue: Wue) -> str:
    return f"/verwaltung/verbuende/{wue.network.pk}/workshops/"


def _moment(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


def test_the_network_page_links_the_workshops(wue: Wue, coordinator: User) -> None:
    page = html(logged_in(coordinator).get(f"/verwaltung/verbuende/{wue.network.pk}/"))
    assert f'href="{_base(wue)}">Workshops</a>' in page


def test_coordinator_plans_invites_and_prepares_a_workshop(wue: Wue, coordinator: User) -> None:
    client = logged_in(coordinator)
    base = _base(wue)
    listing = html(client.get(base))
    assert "Kein Workshop geplant." in listing
    assert "Workshop planen" in listing
    assert client.get(f"{base}neu/").status_code == 200
    start = NOW + dt.timedelta(days=10)
    data = {
        "title": "Feierabendgespräch der Bürgermeister",
        "level": "leadership",
        "format": "after_work",
        "starts_at": _moment(start),
        "ends_at": _moment(start - dt.timedelta(hours=1)),
        "place": "Rathaus Höchberg",
        "description": "Austausch in kleiner Runde",
    }
    response = client.post(f"{base}neu/", data)
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in html(response)
    assert "Bitte prüfen Sie Ihre Angaben" in html(response)
    response = client.post(f"{base}neu/", {**data, "starts_at": "morgen"})
    assert response.status_code == 400
    assert Workshop.objects.count() == 0

    response = client.post(
        f"{base}neu/", {**data, "ends_at": _moment(start + 2.5 * dt.timedelta(hours=1))}
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    url = f"{base}{workshop.pk}/"
    assert response["Location"] == url
    assert (workshop.level, workshop.format, workshop.starts_at) == (
        "leadership",
        "after_work",
        start,
    )
    page = html(client.get(url))
    assert "Der Workshop „Feierabendgespräch der Bürgermeister“ ist angelegt." in page
    assert f"{_moment(start)} – {timezone.localtime(workshop.ends_at):%H:%M}" in page
    assert "Leitungsebene" in page
    assert "Noch niemand eingeladen." in page

    # Invite everyone not invited yet; the form then offers nobody.
    response = client.post(f"{url}einladungen/neu/", {})
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens ein Mitglied aus." in html(response)
    assert Invitation.objects.count() == 0
    response = client.post(f"{url}einladungen/neu/", {"everyone": "on"}, follow=True)
    assert "4 Mitglieder sind eingeladen." in html(response)
    assert sorted(Invitation.objects.values_list("authority__name", flat=True)) == [
        "Gerbrunn",
        "Höchberg",
        "Rimpar",
        "Würzburg, Landkreis",
    ]
    assert "4 Mitglieder eingeladen: 0 zugesagt (0 Teilnehmende), 0 abgesagt, 4 offen." in html(
        response
    )
    # A former member is no choice.
    response = client.post(f"{url}einladungen/neu/", {"members": [str(wue.left.pk)]})
    assert response.status_code == 400
    assert f"{wue.left.pk} ist keine gültige Auswahl." in html(response)

    # The agenda: bad input is explained, the items fill the time in order.
    agenda = f"{url}tagesordnung/neu/"
    response = client.post(agenda, {"title": "", "duration_minutes": "0"})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in html(response)
    response = client.post(agenda, {"title": "Rundgang", "duration_minutes": "200"})
    assert response.status_code == 400
    assert "Die Tagesordnung dauert 200 Minuten, länger als der Workshop (150 Minuten)." in html(
        response
    )
    assert AgendaItem.objects.count() == 0
    assert client.post(agenda, {"title": "Begrüßung", "duration_minutes": "15"}).status_code == 302
    response = client.post(
        agenda,
        {
            "title": "Interkommunale Gebührenkalkulation",
            "duration_minutes": "45",
            "presenter": str(wue.hoechberg.pk),
        },
        follow=True,
    )
    page = html(response)
    assert "„Interkommunale Gebührenkalkulation“ steht auf der Tagesordnung." in page
    assert f"{(start + dt.timedelta(minutes=15)):%H:%M}" in page
    assert "Insgesamt 60 Minuten." in page
    assert [(a.position, a.presenter) for a in AgendaItem.objects.order_by("position")] == [
        (1, None),
        (2, wue.hoechberg),
    ]

    # Material: a renamed executable is refused, a PDF is kept and downloaded.
    materials = f"{url}unterlagen/neu/"
    before = _counts()
    response = client.post(
        materials, {"title": "Tool", "upload": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00")}
    )
    assert response.status_code == 400
    assert "Bitte laden Sie ein PDF oder eine Office-Datei hoch" in html(response)
    assert _counts() == before
    response = client.post(
        materials, {"title": "Einladung", "upload": SimpleUploadedFile("einladung.pdf", PDF)}
    )
    assert response.status_code == 302
    material = WorkshopMaterial.objects.get()
    download = client.get(f"{url}unterlagen/{material.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]

    # Editing, and holding before it began is refused.
    edit = f"{url}bearbeiten/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {**data, "format": "online", "ends_at": _moment(start + dt.timedelta(minutes=50))}
    )
    assert response.status_code == 400
    assert "Die Tagesordnung dauert 60 Minuten, länger als der Workshop (50 Minuten)." in html(
        response
    )
    response = client.post(
        edit, {**data, "format": "online", "ends_at": _moment(start + dt.timedelta(hours=2))}
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.format, workshop.ends_at) == ("online", start + dt.timedelta(hours=2))
    response = client.post(f"{url}durchgefuehrt/", follow=True)
    assert f"Der Workshop beginnt erst am {_moment(start)}." in html(response)
    workshop.refresh_from_db()
    assert workshop.status == "planned"
    # Minutes and decisions wait for the workshop.
    response = client.post(f"{url}protokoll/", {"text": "Zu früh"})
    assert response.status_code == 400
    assert "Das Protokoll kann erst geschrieben werden" in html(response)
    workshop.refresh_from_db()
    assert workshop.minutes == ""

    listing = html(client.get(base))
    assert "Feierabendgespräch der Bürgermeister" in listing
    assert "0 von 4" in listing


def test_after_the_workshop_the_coordinator_records_minutes_and_decisions(
    wue: Wue, coordinator: User, fees: CooperationArea
) -> None:
    start = NOW - dt.timedelta(days=2)
    workshop = workshop_create(
        actor=None,
        network=wue.network,
        title="Feierabendgespräch",
        level="leadership",
        format="after_work",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    client = logged_in(coordinator)
    url = f"{_base(wue)}{workshop.pk}/"
    response = client.post(f"{url}durchgefuehrt/", follow=True)
    assert "„Feierabendgespräch“ ist als durchgeführt erfasst." in html(response)
    workshop.refresh_from_db()
    assert workshop.status == "held"

    assert client.get(f"{url}protokoll/").status_code == 200
    response = client.post(f"{url}protokoll/", {"text": "  "})
    assert response.status_code == 400
    response = client.post(
        f"{url}protokoll/", {"text": "Anwesend: vier Bürgermeister."}, follow=True
    )
    page = html(response)
    assert "Das Protokoll ist gespeichert." in page
    assert "Anwesend: vier Bürgermeister." in page
    assert "Geschrieben von " in page

    decisions = f"{url}beschluesse/neu/"
    assert client.get(decisions).status_code == 200
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    MembershipFactory(network=other, authority=wue.hoechberg)
    foreign_area = area_create(actor=None, network=other, name="Beschaffung")
    before = _counts()
    # An effect without its particulars, and an area of another network.
    response = client.post(decisions, {"text": "Höchberg überträgt", "effect": "area_level"})
    assert response.status_code == 400
    assert html(response).count("Für diese Wirkung ist diese Angabe nötig.") == 8  # summary + field
    area_data = {
        "text": "Höchberg überträgt die Gebührenkalkulation.",
        "effect": "area_level",
        "area": str(foreign_area.pk),
        "authority": str(wue.hoechberg.pk),
        "level": "4",
        "valid_from": NEXT_YEAR.strftime("%d.%m.%Y"),
    }
    response = client.post(decisions, area_data)
    assert response.status_code == 400
    assert f"{foreign_area.pk} ist keine gültige Auswahl." in html(response)
    response = client.post(decisions, {**area_data, "area": str(fees.pk), "level": "2"})
    assert response.status_code == 400
    assert "Höchberg hat im Kooperationsfeld „Gebührenkalkulation“ bereits die Stufe 2." in html(
        response
    )
    assert _counts() == before

    response = client.post(decisions, {**area_data, "area": str(fees.pk)}, follow=True)
    page = html(response)
    assert "Der Beschluss ist erfasst." in page
    assert (
        f"Höchberg: „Gebührenkalkulation“ ab {NEXT_YEAR:%d.%m.%Y} auf Stufe 4 (Aufgabe übertragen)"
        in page
    )
    decision = WorkshopDecision.objects.get()
    assert decision.area_participation == AreaParticipation.objects.get(
        area=fees, authority=wue.hoechberg, level=4
    )
    _areas, rows = area_matrix(wue.network, on=NEXT_YEAR)
    assert {row.authority.name: row.levels for row in rows}["Höchberg"] == [4]

    response = client.post(
        decisions,
        {
            "text": "Gerbrunn schlägt die Hundesteuer online vor.",
            "effect": "roadmap_item",
            "item_title": "Hundesteuer online",
            "proposed_by": str(wue.gerbrunn.pk),
            "planned_on": "30.06.2027",
        },
        follow=True,
    )
    assert "Vorhaben „Hundesteuer online“ in die Entwicklungsplanung aufgenommen" in html(response)
    item = RoadmapItem.objects.get()
    assert (item.title, item.proposed_by, item.planned_on) == (
        "Hundesteuer online",
        wue.gerbrunn,
        dt.date(2027, 6, 30),
    )
    assert WorkshopDecision.objects.get(roadmap_item=item).workshop == workshop
    response = client.post(decisions, {"text": "Wir treffen uns wieder.", "effect": "none"})
    assert response.status_code == 302
    assert WorkshopDecision.objects.count() == 3


def test_a_member_clerk_answers_for_its_own_authority_only(
    wue: Wue, member_clerk: User, workshop: Workshop
) -> None:
    client = logged_in(member_clerk)
    url = f"{_base(wue)}{workshop.pk}/"
    assert "§ 2b UStG in der Praxis" in html(client.get(_base(wue)))
    page = html(client.get(url))
    assert "Workshop planen" not in page
    assert "Angaben bearbeiten" not in page
    assert "Mitglieder einladen" not in page
    own = Invitation.objects.get(workshop=workshop, authority=wue.rimpar)
    other = Invitation.objects.get(workshop=workshop, authority=wue.gerbrunn)
    answer = f"{url}einladungen/{own.pk}/antwort/"
    assert f'href="{answer}"' in page
    assert f"einladungen/{other.pk}/antwort/" not in page

    assert client.get(answer).status_code == 200
    before = _counts()
    response = client.post(answer, {"response": "accepted", "attendees": ""})
    assert response.status_code == 400
    assert "Bitte geben Sie an, wie viele Personen teilnehmen (1 bis 50)." in html(response)
    response = client.post(answer, {"response": "vielleicht"})
    assert response.status_code == 400
    assert _counts() == before
    response = client.post(answer, {"response": "accepted", "attendees": "2"}, follow=True)
    page = html(response)
    assert "Die Antwort von Rimpar ist gespeichert." in page
    assert "Sachbearbeitung Rimpar" in page
    own.refresh_from_db()
    assert (own.response, own.attendees, own.answered_by) == ("accepted", 2, member_clerk)

    # Another member's invitation: visible, not to be answered (403); nothing changes.
    before = _counts()
    assert client.get(f"{url}einladungen/{other.pk}/antwort/").status_code == 403
    assert (
        client.post(f"{url}einladungen/{other.pk}/antwort/", {"response": "declined"}).status_code
        == 403
    )
    other.refresh_from_db()
    assert (other.response, other.answered_at) == ("open", None)

    # The workshop itself is the coordinators'.
    material = WorkshopMaterial.objects.get()
    for path, data in (
        (f"{_base(wue)}neu/", {"title": "X"}),
        (f"{url}bearbeiten/", {"title": "X"}),
        (f"{url}durchgefuehrt/", {}),
        (f"{url}absagen/", {}),
        (f"{url}einladungen/neu/", {"everyone": "on"}),
        (f"{url}tagesordnung/neu/", {"title": "X", "duration_minutes": "5"}),
        (f"{url}unterlagen/neu/", {"title": "X"}),
        (f"{url}protokoll/", {"text": "X"}),
        (f"{url}beschluesse/neu/", {"text": "X", "effect": "none"}),
    ):
        assert client.get(path).status_code in (403, 405), path
        assert client.post(path, data).status_code == 403, path
    assert _counts() == before
    workshop.refresh_from_db()
    assert workshop.status == "planned"
    # Members' staff read the materials.
    assert client.get(f"{url}unterlagen/{material.pk}/").status_code == 200


def test_an_outsider_finds_nothing(wue: Wue, workshop: Workshop, demo_on: None) -> None:
    stranger = AuthorityFactory(name="Fremdgemeinde")
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    MembershipFactory(network=other, authority=stranger)
    outsider = make_user(username="sb.fremd", demo=True)
    AuthorityRoleFactory(user=outsider, authority=stranger)
    foreign_coordinator = make_user(username="koordination.anderer", demo=True)
    NetworkRoleFactory(user=foreign_coordinator, network=other)
    invitation = Invitation.objects.filter(workshop=workshop).first()
    material = WorkshopMaterial.objects.get()
    assert invitation is not None
    url = f"{_base(wue)}{workshop.pk}/"
    get, post, both = ("GET",), ("POST",), ("GET", "POST")
    paths = [
        (_base(wue), get),
        (f"{_base(wue)}neu/", both),
        (url, get),
        (f"{url}bearbeiten/", both),
        (f"{url}durchgefuehrt/", post),
        (f"{url}absagen/", post),
        (f"{url}einladungen/neu/", both),
        (f"{url}einladungen/{invitation.pk}/antwort/", both),
        (f"{url}tagesordnung/neu/", both),
        (f"{url}unterlagen/neu/", both),
        (f"{url}unterlagen/{material.pk}/", get),
        (f"{url}protokoll/", both),
        (f"{url}beschluesse/neu/", both),
    ]
    before = _counts()
    for user in (outsider, foreign_coordinator):
        client = logged_in(user)
        for path, methods in paths:
            if "GET" in methods:
                assert client.get(path).status_code == 404, path
            if "POST" in methods:
                data = {"response": "accepted", "attendees": "1", "everyone": "on"}
                assert client.post(path, data).status_code == 404, path
    assert _counts() == before
    invitation.refresh_from_db()
    assert invitation.response == "open"
    # Anonymous visitors are sent to the login page.
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_children_of_another_workshop_are_not_found(
    wue: Wue, coordinator: User, workshop: Workshop
) -> None:
    sibling = workshop_create(
        actor=None,
        network=wue.network,
        title="Zweiter Workshop",
        level="operational",
        format="online",
        starts_at=NOW + dt.timedelta(days=20),
        ends_at=NOW + dt.timedelta(days=20, hours=1),
    )
    (sibling_invitation,) = workshop_invite(actor=None, workshop=sibling, authorities=[wue.kreis])
    sibling_material = material_add(
        actor=None, workshop=sibling, title="Andere", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    client = logged_in(coordinator)
    mine = f"{_base(wue)}{workshop.pk}/"
    before = _counts()
    assert client.get(f"{mine}unterlagen/{sibling_material.pk}/").status_code == 404
    assert client.get(f"{mine}unterlagen/999999/").status_code == 404
    assert (
        client.post(
            f"{mine}einladungen/{sibling_invitation.pk}/antwort/",
            {"response": "accepted", "attendees": "1"},
        ).status_code
        == 404
    )
    assert (
        client.get(f"/verwaltung/verbuende/{other.pk}/workshops/{workshop.pk}/").status_code == 404
    )
    assert _counts() == before
    sibling_invitation.refresh_from_db()
    assert sibling_invitation.response == "open"


def test_the_dashboard_lists_the_next_workshops(
    wue: Wue, coordinator: User, workshop: Workshop
) -> None:
    held = workshop_create(
        actor=None,
        network=wue.network,
        title="Schon vorbei",
        level="leadership",
        format="after_work",
        starts_at=NOW - dt.timedelta(days=3),
        ends_at=NOW - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )
    workshop_hold(actor=None, workshop=held)
    page = html(logged_in(coordinator).get(f"/verwaltung/verbuende/{wue.network.pk}/steuerung/"))
    assert "Die nächsten Workshops" in page
    assert "§ 2b UStG in der Praxis" in page
    assert "Schon vorbei" not in page
    listing = html(logged_in(coordinator).get(_base(wue)))
    assert listing.index("§ 2b UStG in der Praxis") < listing.index("Vergangene Workshops")
    assert listing.index("Vergangene Workshops") < listing.index("Schon vorbei")
