"""The coordinator's pages: cooperation areas with each member's level (matrix and
history) and binding agreements (list, record with the signed PDF, end). Members'
staff read them; only coordinators change them; bad input is reported, nothing saved."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.clients import logged_in
from tests.factories import AuthorityRoleFactory, NetworkRoleFactory, make_user
from tests.networks.test_agreements import (
    INDEN,
    JUELICH,
    KERPEN,
    MERZENICH,
    Dlz,
    apply,
)
from tests.networks.test_agreements import dlz as dlz  # the fixture, re-exported
from verbund.accounts.models import User
from verbund.core.models import AuditEntry
from verbund.networks.models import Agreement, AreaParticipation, CooperationArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(dlz: Dlz, demo_on: None) -> User:
    user = make_user(username="koordination.dlz", demo=True)
    NetworkRoleFactory(user=user, network=dlz.network)
    return user


@pytest.fixture
def member_clerk(dlz: Dlz, demo_on: None) -> User:
    user = make_user(username="sb.inden", demo=True)
    AuthorityRoleFactory(user=user, authority=dlz[INDEN])
    return user


def html(response: Any) -> str:
    return str(response.content.decode())


def test_coordinator_builds_the_matrix_of_areas_and_levels(
    dlz: Dlz, coordinator: User, member_clerk: User
) -> None:
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{dlz.network.pk}/felder/"
    assert "Für diesen Verbund sind noch keine Kooperationsfelder angelegt." in html(
        client.get(base)
    )
    for position, name in enumerate(("Gebührenkalkulation", "Beschaffung")):
        response = client.post(f"{base}neu/", {"name": name, "position": str(position)})
        assert response.status_code == 302
    # The same name again: refused with a message, nothing saved.
    response = client.post(f"{base}neu/", {"name": "beschaffung", "position": "3"})
    assert response.status_code == 200
    assert "Das Kooperationsfeld „beschaffung“ gibt es in diesem Verbund schon." in html(response)
    assert CooperationArea.objects.filter(network=dlz.network).count() == 2
    fees = CooperationArea.objects.get(name="Gebührenkalkulation")

    def set_level(member: str, level: int, day: str, **extra: str) -> Any:
        return client.post(
            f"{base}stufe/",
            {
                "area": str(extra.get("area", fees.pk)),
                "authority": str(dlz[member].pk),
                "level": str(level),
                "valid_from": day,
                "note": extra.get("note", ""),
            },
        )

    assert set_level(MERZENICH, 4, "2024-01-01", note="erledigt für alle").status_code == 302
    assert set_level(JUELICH, 1, "2024-01-01").status_code == 302
    assert set_level(JUELICH, 3, "2025-07-01").status_code == 302
    # A level before the running one began, and a level outside 0–4: refused.
    response = set_level(JUELICH, 2, "2025-01-01")
    assert "Die neue Stufe muss nach dem 1. Juli 2025 beginnen" in html(response)
    response = set_level(JUELICH, 7, "2026-01-01")
    assert "Bitte eine gültige Auswahl treffen. 7 ist keine gültige Auswahl." in html(response)
    assert AreaParticipation.objects.count() == 3

    page = html(client.get(base, {"stichtag": "2025-06-30"}))
    assert "Mitglieder und Felder am 30.06.2025" in page
    assert 'verbund-level--1">1</td>' in page
    page = html(client.get(base, {"stichtag": "2025-07-01"}))
    assert 'verbund-level--3">3</td>' in page
    assert 'verbund-level--1">1</td>' not in page
    assert "erledigt für alle" in page  # the history
    # A bad date is reported; today's matrix shows.
    response = client.get(base, {"stichtag": "31.02.2025"})
    assert "Bitte ein gültiges Datum eingeben." in html(response)
    assert response.context["day"] == dt.date.today()

    # A member's clerk reads, but the forms are not theirs (403, nothing saved).
    reader = logged_in(member_clerk)
    assert reader.get(base).status_code == 200
    assert "Kooperationsfeld anlegen" not in html(reader.get(base))
    before = AuditEntry.objects.count()
    assert reader.post(f"{base}neu/", {"name": "Schule", "position": "0"}).status_code == 403
    assert AuditEntry.objects.count() == before
    assert not CooperationArea.objects.filter(name="Schule").exists()


def test_a_level_for_a_foreign_area_or_member_is_not_found(dlz: Dlz, coordinator: User) -> None:
    from tests.factories import NetworkFactory

    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    foreign = CooperationArea.objects.create(network=other, name="Fremd")
    mine = CooperationArea.objects.create(network=dlz.network, name="Eigen")
    client = logged_in(coordinator)
    url = f"/verwaltung/verbuende/{dlz.network.pk}/felder/stufe/"
    data = {"authority": str(dlz[JUELICH].pk), "level": "2", "valid_from": "2025-01-01"}
    # Not one of this network's areas: not a choice of the form.
    response = client.post(url, {**data, "area": str(foreign.pk)})
    assert response.status_code == 200
    assert f"{foreign.pk} ist keine gültige Auswahl." in html(response)
    # Düren is not a member of the DLZ.
    from verbund.authorities.models import Authority

    dueren = Authority.objects.get(ars="05358")
    response = client.post(url, {**data, "area": str(mine.pk), "authority": str(dueren.pk)})
    assert response.status_code == 200
    assert f"{dueren.pk} ist keine gültige Auswahl." in html(response)
    assert AreaParticipation.objects.count() == 0


def test_coordinator_records_an_agreement_that_routes_and_ends_it(
    dlz: Dlz, coordinator: User, member_clerk: User
) -> None:
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{dlz.network.pk}/vereinbarungen/"
    assert "Noch keine Vereinbarungen erfasst." in html(client.get(base))
    form = client.get(f"{base}neu/")
    assert form.status_code == 200
    parties = [str(dlz[a].pk) for a in (MERZENICH, JUELICH, KERPEN)]
    data = {
        "title": "Hundesteuer gemeinsam",
        "kind": "mandating",
        "processing": str(dlz[INDEN].pk),  # not among the parties
        "parties": parties,
        "services": [str(dlz.service.pk)],
        "tasks": "Festsetzung und Erhebung der Hundesteuer",
        "starts_on": "2026-01-01",
        "ends_on": "",
        "notice_months": "6",
        "cost_key": "nach Fällen",
    }
    response = client.post(f"{base}neu/", data)
    assert response.status_code == 200
    assert "Das erledigende Mitglied Inden ist keine Vertragspartei." in html(response)
    assert Agreement.objects.count() == 0
    # Not a PDF: refused, nothing saved.
    response = client.post(
        f"{base}neu/",
        {**data, "processing": parties[0], "document": SimpleUploadedFile("v.pdf", b"MZ..")},
    )
    assert "Bitte laden Sie die Vereinbarung als PDF hoch." in html(response)
    assert Agreement.objects.count() == 0

    signed = SimpleUploadedFile("unterzeichnet.pdf", b"%PDF-1.4 ok", "application/pdf")
    response = client.post(f"{base}neu/", {**data, "processing": parties[0], "document": signed})
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert response["Location"] == f"{base}{agreement.pk}/"
    assert set(agreement.parties.values_list("ars", flat=True)) == {MERZENICH, JUELICH, KERPEN}
    assert apply(dlz, JUELICH).authority_id == dlz[MERZENICH].pk

    page = html(client.get(f"{base}{agreement.pk}/"))
    assert "mandatierend (Erledigung im Namen des Mitglieds)" in page
    assert "Festsetzung und Erhebung der Hundesteuer" in page
    assert "unterzeichnet.pdf" in page
    download = client.get(f"{base}{agreement.pk}/dokument/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ok"  # type: ignore[attr-defined]
    listing = html(client.get(base))
    assert "Hundesteuer gemeinsam" in listing
    assert "in Kraft" in listing

    # A member's clerk reads the agreement but cannot end it.
    reader = logged_in(member_clerk)
    assert reader.get(f"{base}{agreement.pk}/").status_code == 200
    assert (
        reader.post(f"{base}{agreement.pk}/beenden/", {"ends_on": "2026-06-30"}).status_code == 403
    )
    agreement.refresh_from_db()
    assert agreement.ends_on is None

    response = client.post(f"{base}{agreement.pk}/beenden/", {"ends_on": "2026-06-30"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == dt.date(2026, 6, 30)
    page = html(client.get(f"{base}{agreement.pk}/"))
    assert "Die Vereinbarung endet am 30. Juni 2026." in page
    assert "spätestens am 30.12.2025" in page  # six months' notice
    assert apply(dlz, JUELICH).authority_id == dlz[JUELICH].pk


def test_the_dashboard_shows_areas_agreements_and_reuse_on_one_screen(
    dlz: Dlz, coordinator: User, member_clerk: User
) -> None:
    from verbund.networks.services import agreement_create, area_create, area_level_set

    area = area_create(actor=None, network=dlz.network, name="Beschaffung")
    area_level_set(
        actor=None, area=area, authority=dlz[JUELICH], level=2, valid_from=dt.date(2025, 1, 1)
    )
    agreement_create(
        actor=None,
        network=dlz.network,
        title="Hundesteuer gemeinsam",
        kind="delegating",
        processing=dlz[MERZENICH],
        parties=[dlz[MERZENICH], dlz[JUELICH], dlz[KERPEN]],
        service_ids=[dlz.service.pk],
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date.today() + dt.timedelta(days=90),
        notice_months=3,
    )
    url = f"/verwaltung/verbuende/{dlz.network.pk}/steuerung/"
    for user in (coordinator, member_clerk):
        response = logged_in(user).get(url)
        assert response.status_code == 200
    page = html(response)
    assert "Steuerung: DLZ" in page
    assert "6 Mitglieder am" in page
    # The matrix as a chart and as a table: Jülich at level 2, the others not recorded.
    matrix = response.context["area_chart"]
    assert matrix.table.header == ("Mitglied", "Beschaffung")
    assert ("Jülich, Stadt", "2 (gemeinsame Standards)") in matrix.table.rows
    assert ("Merzenich", "–") in matrix.table.rows
    # The agreement in force, for whom, and its end soon.
    assert "Hundesteuer gemeinsam" in page
    assert '<td class="kern-table__cell">Jülich, Stadt, Kerpen, Kolpingstadt</td>' in page
    assert page.count("bald</strong>") == 2
    # Reuse: both services built by Merzenich, adopted by all six members.
    reuse = response.context["reuse_chart"]
    assert sorted(reuse.table.rows) == [("Gewerbe anmelden", "6"), ("Hundesteuer anmelden", "6")]


LONG_AREA = "Umsatzsteuer nach § 2b UStG und gemeinsame Vergabestelle"


def test_a_long_area_name_is_not_cut_off(dlz: Dlz, coordinator: User) -> None:
    """The matrix on the dashboard wraps a long area name instead of cutting it to
    "Umsatzsteuer nach §…": its lines read the whole name, the chart's description (what
    screen readers read for the SVG) names it in full, and so does the data table; the
    areas page has it whole too."""
    from verbund.networks import services

    area = services.area_create(actor=None, network=dlz.network, name=LONG_AREA)
    services.area_level_set(
        actor=None, area=area, authority=dlz[INDEN], level=2, valid_from=dt.date(2025, 1, 1)
    )
    client = logged_in(coordinator)
    dashboard = client.get(f"/verwaltung/verbuende/{dlz.network.pk}/steuerung/")
    chart = dashboard.context["area_chart"]
    svg = str(chart.svg)
    spans = re.findall(r'<tspan x="[\d.]+" dy="-?\d+">([^<]*)</tspan>', svg)
    assert spans == ["Umsatzsteuer nach § 2b", "UStG und gemeinsame", "Vergabestelle"]
    assert "…" not in svg
    assert f"Spalten: {LONG_AREA}." in chart.description
    assert chart.table.header == ("Mitglied", LONG_AREA)
    body = html(dashboard)
    assert f"Spalten: {LONG_AREA}." in body
    assert f'<th scope="col" class="kern-table__header">{LONG_AREA}</th>' in body
    areas = html(client.get(f"/verwaltung/verbuende/{dlz.network.pk}/felder/"))
    assert f'<th scope="col" class="kern-table__header">{LONG_AREA}</th>' in areas
