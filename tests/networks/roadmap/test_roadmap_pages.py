"""The roadmap pages: members' staff propose and commit for their own authority, the
builder's staff start and publish, coordinators act for every member; anything else is
403 with nothing changed, and ids of other networks are not found."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_user,
)
from tests.networks.roadmap.test_roadmap import HSK, MK, OLPE, SIWI, SOEST, Swf, propose
from tests.networks.roadmap.test_roadmap import swf as swf  # the fixture, re-exported
from verbund.accounts.models import User
from verbund.core.models import AuditEntry
from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem
from verbund.networks.roadmap.services import (
    roadmap_propose,
    roadmap_publish,
    roadmap_start_development,
    roadmap_take_build,
)

pytestmark = pytest.mark.django_db


def staff_of(swf: Swf, ars: str, username: str, admin: bool = False) -> User:
    user = make_user(username=username, demo=True)
    AuthorityRoleFactory(user=user, authority=swf[ars], admin=admin)
    return user


@pytest.fixture
def coordinator(swf: Swf, demo_on: None) -> User:
    user = make_user(username="koordination.swf", demo=True)
    NetworkRoleFactory(user=user, network=swf.network)
    return user


def html(response: Any) -> str:
    return str(response.content.decode())


def snapshot() -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    return (
        list(RoadmapItem.objects.order_by("pk").values()),
        list(AdoptionCommitment.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def test_members_run_an_item_from_proposal_to_publication(swf: Swf, demo_on: None) -> None:
    olpe = logged_in(staff_of(swf, OLPE, "admin.olpe", admin=True))
    soest = logged_in(staff_of(swf, SOEST, "sb.soest"))
    base = f"/verwaltung/verbuende/{swf.network.pk}/entwicklung/"

    page = html(olpe.get(base))
    assert "Noch keine Vorhaben in der Entwicklungsplanung." in page
    assert "Vorhaben je Stand" in page  # the chart: three bars of zero
    assert "Online-Dienst vorschlagen" in page

    # Olpe's admin proposes for Olpe only: the form offers no other member.
    form = olpe.get(f"{base}neu/")
    assert form.status_code == 200
    assert form.context["form"].fields["proposed_by"].choices == [(swf[OLPE].pk, "Olpe")]
    response = olpe.post(
        f"{base}neu/", {"proposed_by": str(swf[OLPE].pk), "title": "", "leika_key": "1"}
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in html(response)
    response = olpe.post(
        f"{base}neu/",
        {"proposed_by": str(swf[OLPE].pk), "title": "Jagdschein", "leika_key": "12"},
    )
    assert "Ein LeiKa-Schlüssel hat 14 Ziffern und beginnt mit 99." in html(response)
    # Proposing for Soest: not a choice of the form.
    response = olpe.post(f"{base}neu/", {"proposed_by": str(swf[SOEST].pk), "title": "X"})
    assert f"{swf[SOEST].pk} ist keine gültige Auswahl." in html(response)
    assert RoadmapItem.objects.count() == 0

    response = olpe.post(
        f"{base}neu/",
        {"proposed_by": str(swf[OLPE].pk), "title": "Jagdschein", "planned_on": "30.09.2026"},
    )
    assert response.status_code == 302
    item = RoadmapItem.objects.get()
    url = f"{base}{item.pk}/"
    assert response["Location"] == url
    assert (item.proposed_by, item.planned_on) == (swf[OLPE], dt.date(2026, 9, 30))

    # Olpe commits; Soest takes the build, starts and publishes.
    assert olpe.post(f"{url}zusagen/", {"authority": str(swf[OLPE].pk)}).status_code == 302
    page = html(soest.get(url))
    assert "Entwicklung übernehmen" in page
    assert soest.post(f"{url}uebernehmen/", {"authority": str(swf[SOEST].pk)}).status_code == 302
    page = html(soest.get(url))
    assert "Soest übernimmt die Entwicklung von „Jagdschein“." in page
    assert "Entwicklung beginnen" in page
    assert 'id="commit_authority"' not in page  # the builder commits to nothing
    response = soest.post(f"{url}entwicklung-beginnen/", {"planned_on": "2026-12-31"})
    assert response.status_code == 302
    page = html(soest.get(url))
    assert "Die Entwicklung hat begonnen." in page
    assert "31.12.2026" in page
    # Olpe's service is not Soest's: refused with the reason, nothing changed.
    before = snapshot()
    response = soest.post(f"{url}veroeffentlichen/", {"service": str(swf.foreign_service.pk)})
    assert "hat Olpe entwickelt, nicht Soest" in html(soest.get(url))
    assert snapshot() == before
    response = soest.post(f"{url}veroeffentlichen/", {"service": str(swf.draft.pk)})
    assert "Die Leistung „Entwurf“ ist im Katalog nicht veröffentlicht." in html(soest.get(url))
    assert snapshot() == before
    assert (
        soest.post(f"{url}veroeffentlichen/", {"service": str(swf.service.pk)}).status_code == 302
    )
    AdoptionFactory(service=swf.service, authority=swf[SOEST])
    AdoptionFactory(service=swf.service, authority=swf[OLPE])
    page = html(olpe.get(url))
    assert "genutzt von 2 Mitgliedern" in page
    assert f'href="/verwaltung/leistungen/{swf.service.pk}/"' in page
    assert "zurückziehen" not in page  # published: commitments stay

    listing = html(olpe.get(base))
    assert "genutzt von 2 Mitgliedern" in listing
    assert "veröffentlicht" in listing
    chart = olpe.get(base).context["chart"]
    assert chart.table.rows == (
        ("vorgeschlagen", "0"),
        ("in Entwicklung", "0"),
        ("veröffentlicht", "1"),
    )
    item.refresh_from_db()
    assert (item.status, item.builder, item.service) == ("published", swf[SOEST], swf.service)


def test_member_staff_act_only_for_their_own_authority(swf: Swf, demo_on: None) -> None:
    item = propose(swf)
    url = f"/verwaltung/verbuende/{swf.network.pk}/entwicklung/{item.pk}/"
    hsk = logged_in(staff_of(swf, HSK, "sb.hsk"))
    before = snapshot()
    for action, data in (
        ("uebernehmen/", {"authority": str(swf[SOEST].pk)}),
        ("zusagen/", {"authority": str(swf[MK].pk)}),
        ("zusage-zurueckziehen/", {"authority": str(swf[MK].pk)}),
        ("zusagen/", {"authority": str(swf.outsider.pk)}),
        ("entwicklung-beginnen/", {}),
        ("veroeffentlichen/", {"service": str(swf.service.pk)}),
    ):
        assert hsk.post(f"{url}{action}", data).status_code == 403, action
    assert snapshot() == before
    # Its own commitment and withdrawal work.
    assert hsk.post(f"{url}zusagen/", {"authority": str(swf[HSK].pk)}).status_code == 302
    assert [c.authority_id for c in item.commitments.all()] == [swf[HSK].pk]
    page = html(hsk.get(url))
    assert "Zusage von Hochsauerlandkreis zurückziehen" in page
    assert (
        hsk.post(f"{url}zusage-zurueckziehen/", {"authority": str(swf[HSK].pk)}).status_code == 302
    )
    assert item.commitments.count() == 0
    # A refused step reports the service's message.
    response = hsk.post(f"{url}zusage-zurueckziehen/", {"authority": str(swf[HSK].pk)})
    assert response.status_code == 302
    assert "Hochsauerlandkreis hat keine Nachnutzung zugesagt." in html(hsk.get(url))
    # Without a member: reported, nothing changed.
    before = snapshot()
    assert hsk.post(f"{url}zusagen/", {}).status_code == 302
    assert "Bitte wählen Sie ein Mitglied." in html(hsk.get(url))
    assert snapshot() == before


def test_coordinator_acts_for_every_member(swf: Swf, coordinator: User) -> None:
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{swf.network.pk}/entwicklung/"
    form = client.get(f"{base}neu/").context["form"]
    assert len(form.fields["proposed_by"].choices) == 6  # "Bitte wählen" and five members
    response = client.post(f"{base}neu/", {"proposed_by": str(swf[SIWI].pk), "title": "Wohngeld"})
    item = RoadmapItem.objects.get()
    assert response["Location"] == f"{base}{item.pk}/"
    url = f"{base}{item.pk}/"
    assert client.post(f"{url}uebernehmen/", {"authority": str(swf[MK].pk)}).status_code == 302
    assert client.post(f"{url}zusagen/", {"authority": str(swf[SOEST].pk)}).status_code == 302
    assert client.post(f"{url}entwicklung-beginnen/", {"planned_on": ""}).status_code == 302
    item.refresh_from_db()
    assert (item.proposed_by, item.builder, item.status) == (swf[SIWI], swf[MK], "in_development")
    assert [c.authority for c in item.commitments.all()] == [swf[SOEST]]


def test_foreign_ids_and_outsiders_are_not_found(swf: Swf, demo_on: None) -> None:
    other = NetworkFactory(slug="anderer")
    MembershipFactory(network=other, authority=swf[SOEST])
    foreign = roadmap_propose(actor=None, network=other, proposed_by=swf[SOEST], title="Fremd")
    mine = propose(swf)
    soest = logged_in(staff_of(swf, SOEST, "sb.soest"))
    base = f"/verwaltung/verbuende/{swf.network.pk}/entwicklung/"
    before = snapshot()
    # Soest belongs to both networks, but an item is only found below its own network.
    assert soest.get(f"{base}{foreign.pk}/").status_code == 404
    assert (
        soest.post(f"{base}{foreign.pk}/zusagen/", {"authority": str(swf[SOEST].pk)}).status_code
        == 404
    )
    assert soest.get(f"/verwaltung/verbuende/{other.pk}/entwicklung/{mine.pk}/").status_code == 404
    assert soest.get(f"{base}999999/").status_code == 404
    # Düren's clerk is in neither network.
    dueren = make_user(username="sb.dueren", demo=True)
    AuthorityRoleFactory(user=dueren, authority=swf.outsider)
    outsider = logged_in(dueren)
    assert outsider.get(base).status_code == 404
    assert outsider.get(f"{base}{mine.pk}/").status_code == 404
    assert outsider.post(f"{base}neu/", {"title": "X"}).status_code == 404
    assert snapshot() == before
    # GET on a step is not allowed.
    assert soest.get(f"{base}{mine.pk}/zusagen/").status_code == 405


def test_overdue_items_are_marked_in_words(swf: Swf, coordinator: User) -> None:
    """An item whose planned date has passed and that is not published reads "überfällig"
    on the roadmap and on its own page; a published, a future, a due-today and an
    undated item do not."""
    today = timezone.localdate()
    late = propose(swf, title="Fischereischein", planned_on=today - dt.timedelta(days=1))
    due_today = propose(swf, title="Hundesteuer", planned_on=today)
    undated = propose(swf, title="Sperrmüll", planned_on=None)
    future = propose(swf, title="Wohngeld", planned_on=today + dt.timedelta(days=30))
    published = propose(swf, title="Jagdschein", planned_on=dt.date(2024, 1, 31))
    roadmap_take_build(actor=None, item=published, builder=swf[SOEST])
    roadmap_start_development(actor=None, item=published)
    roadmap_publish(actor=None, item=published, service_id=swf.service.pk)
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{swf.network.pk}/entwicklung/"

    response = client.get(base)
    assert {row.item.title: row.overdue for row in response.context["roadmap"].rows} == {
        "Fischereischein": True,
        "Hundesteuer": False,
        "Sperrmüll": False,
        "Wohngeld": False,
        "Jagdschein": False,
    }
    page = html(response)
    mark = ' <strong class="verbund-tag verbund-tag--danger">überfällig</strong>'
    yesterday = (today - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    assert f'<td class="kern-table__cell">{yesterday}{mark}</td>' in page
    assert page.count(mark) == 1
    assert "1 Vorhaben ist überfällig: sein geplanter Termin ist verstrichen" in page

    for item, overdue in [
        (late, True),
        (due_today, False),
        (undated, False),
        (future, False),
        (published, False),
    ]:
        detail = html(client.get(f"{base}{item.pk}/"))
        assert ("überfällig" in detail) is overdue, item.title
        assert (
            "Der geplante Termin ist verstrichen; das Vorhaben ist noch nicht veröffentlicht."
            in detail
        ) is overdue
