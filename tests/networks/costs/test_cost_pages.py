"""The cost allocation pages: the coordinator creates a budget item (a refused key
first, nothing saved), sees the live preview with its chart, closes it; the CSV of
all members (exact text) and the statement PDF of one member; members' staff read,
only coordinators change; foreign ids answer 404. And the reuse report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    AuthorityFactory,
    AuthorityRoleFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    OfficeFactory,
    make_user,
)
from tests.networks.costs.test_costs import JAN_1, World, item_values
from tests.networks.costs.test_costs import world as world  # the fixture, re-exported
from verbund.accounts.models import User
from verbund.core.models import AuditEntry
from verbund.networks.costs.models import AllocationRun, BudgetItem, DevelopmentCost
from verbund.networks.costs.services import budget_item_create

pytestmark = pytest.mark.django_db

D = Decimal

CSV = (
    "Mitglied;Einwohnerzahl;Fallzahl;Nutzung;Sockelbetrag (€);Anteil nach Einwohnerzahl (€);"
    "Anteil nach Fallzahl (€);Anteil nach Nutzung (€);Anteil netto (€);"
    "Umsatzsteuer 19 % (€);Anteil brutto (€)\r\n"
    "Gemeinde A;9000;40;0;20000,00;13500,00;7200,00;0,00;40700,00;7733,00;48433,00\r\n"
    "Gemeinde B;15000;70;0;20000,00;22500,00;12600,00;0,00;55100,00;10469,00;65569,00\r\n"
    "Gemeinde C;22000;110;0;20000,00;33000,00;19800,00;0,00;72800,00;13832,00;86632,00\r\n"
    "Gemeinde D;32000;150;0;20000,00;48000,00;27000,00;0,00;95000,00;18050,00;113050,00\r\n"
    "Gemeinde E;57000;250;0;20000,00;85500,00;45000,00;0,00;150500,00;28595,00;179095,00\r\n"
    "Gemeinde F;65000;380;0;20000,00;97500,00;68400,00;0,00;185900,00;35321,00;221221,00\r\n"
    "Summe;200000;1000;0;120000,00;300000,00;180000,00;0,00;600000,00;114000,00;714000,00\r\n"
    "\r\n"
)


@pytest.fixture
def coordinator(world: World, demo_on: None) -> User:
    user = make_user(username="koordination.kosten", demo=True)
    NetworkRoleFactory(user=user, network=world.network)
    return user


@pytest.fixture
def member_clerk(world: World, demo_on: None) -> User:
    user = make_user(username="sb.gemeinde.a", demo=True)
    AuthorityRoleFactory(user=user, authority=world.members[0])
    return user


def html(response: Any) -> str:
    return str(response.content.decode())


def form(**overrides: Any) -> dict[str, str]:
    values = item_values(vat=True, **overrides)
    data = {
        name: (
            value.strftime("%d.%m.%Y")
            if isinstance(value, dt.date)
            else str(value).replace(".", ",")
        )
        for name, value in values.items()
        if name != "vat"
    }
    if values["vat"]:
        data["vat"] = "on"
    data.setdefault("participant_rule", "all")
    return data


def test_coordinator_creates_previews_and_closes_a_budget_item(
    world: World, coordinator: User
) -> None:
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{world.network.pk}/kosten/"
    assert "Noch keine Haushaltsposten angelegt." in html(client.get(base))
    audit_before = AuditEntry.objects.count()
    response = client.post(f"{base}neu/", form(weight_cases="20"))
    assert response.status_code == 400
    assert (
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; sie ergeben 90 %."
        in html(response)
    )
    assert (BudgetItem.objects.count(), AuditEntry.objects.count()) == (0, audit_before)

    response = client.post(f"{base}neu/", form())
    assert response.status_code == 302
    item = BudgetItem.objects.get()
    assert response["Location"] == f"{base}{item.pk}/"
    page = html(client.get(f"{base}{item.pk}/"))
    assert "Vorschau der Anteile" in page
    assert "20 % Sockelbetrag, 50 % Einwohnerzahl, 30 % Fallzahl" in page
    assert "40.700,00 €" in page
    assert "48.433,00 €" in page
    assert "Anteile je Mitglied nach Teilen (netto)" in page  # the chart
    assert "Posten abschließen" in page

    response = client.post(f"{base}{item.pk}/abschliessen/")
    assert response.status_code == 302
    assert AllocationRun.objects.filter(item=item).count() == 1
    page = html(client.get(f"{base}{item.pk}/"))
    assert "die Anteile sind festgeschrieben" in page
    assert "Posten abschließen" not in page
    listing = html(client.get(base))
    for expected in ("600.000,00 €", "714.000,00 €", "abgeschlossen"):
        assert expected in listing

    # Closing again is refused with a message; nothing changes.
    audit_before = AuditEntry.objects.count()
    response = client.post(f"{base}{item.pk}/abschliessen/", follow=True)
    assert "Der Posten ist bereits abgeschlossen." in html(response)
    assert (AllocationRun.objects.count(), AuditEntry.objects.count()) == (1, audit_before)


def test_csv_of_all_members_exact_text(world: World, coordinator: User) -> None:
    item = budget_item_create(actor=coordinator, network=world.network, **item_values(vat=True))
    client = logged_in(coordinator)
    response = client.get(
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{item.pk}/verteilung.csv"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="verteilung-{item.pk}.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith(CSV)
    assert text.endswith(
        "Nach dem Abrunden fehlte kein Cent.\r\n"
        "Die Umsatzsteuer wird je Mitglied auf seinen Nettoanteil berechnet und "
        "kaufmännisch auf den Cent gerundet.\r\n"
    )


def test_statement_pdf_of_one_member(world: World, member_clerk: User, coordinator: User) -> None:
    item = budget_item_create(actor=coordinator, network=world.network, **item_values(vat=True))
    client = logged_in(member_clerk)  # members' staff read the statements
    a = world.members[0]
    base = f"/verwaltung/verbuende/{world.network.pk}/kosten/{item.pk}"
    url = f"{base}/mitglieder/{a.pk}/abrechnung.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Abrechnung: Laufende Kosten der DLZ 2026",
        "Gemeinde A",
        "Vorschau",
        "9000",
        "40",
        "20.000,00 €",
        "13.500,00 €",
        "7.200,00 €",
        "40.700,00 €",
        "7.733,00 €",
        "48.433,00 €",
        "01.01.2026 bis 31.12.2026",
        "Jeder Anteil wird exakt berechnet",
    ):
        assert expected in text, expected
    # A non-member of the allocation: 404.
    other = world.members[0].pk + 10_000
    response = client.get(url.replace(f"/mitglieder/{a.pk}/", f"/mitglieder/{other}/"))
    assert response.status_code == 404


def test_members_staff_read_but_do_not_change(world: World, member_clerk: User) -> None:
    client = logged_in(member_clerk)
    base = f"/verwaltung/verbuende/{world.network.pk}/kosten/"
    page = html(client.get(base))
    assert "Posten anlegen" not in page
    assert client.get(f"{base}neu/").status_code == 403
    item = budget_item_create(actor=None, network=world.network, **item_values())
    assert "Posten abschließen" not in html(client.get(f"{base}{item.pk}/"))
    before = AuditEntry.objects.count()
    assert client.post(f"{base}{item.pk}/abschliessen/").status_code == 403
    assert client.get(f"{base}{item.pk}/bearbeiten/").status_code == 403
    assert client.post(f"{base}{item.pk}/bearbeiten/", form(title="Fremd")).status_code == 403
    assert (
        client.post(f"{base}{item.pk}/nutzung/", {"authority": "1", "usage": "1"}).status_code
        == 403
    )
    assert (AllocationRun.objects.count(), AuditEntry.objects.count()) == (0, before)


def test_foreign_ids_are_not_found(world: World, coordinator: User) -> None:
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    MembershipFactory(network=other, authority=AuthorityFactory(), joined_on=JAN_1)
    foreign = budget_item_create(
        actor=None,
        network=other,
        **item_values(weight_equal=D(100), weight_population=D(0), weight_cases=D(0)),
    )
    own = budget_item_create(actor=None, network=world.network, **item_values())
    client = logged_in(coordinator)
    a = world.members[0].pk
    for url in (
        f"/verwaltung/verbuende/{other.pk}/kosten/",
        f"/verwaltung/verbuende/{other.pk}/nachnutzung/",
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/",
        f"/verwaltung/verbuende/{other.pk}/kosten/{own.pk}/",
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/verteilung.csv",
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/bearbeiten/",
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/mitglieder/{a}/abrechnung.pdf",
    ):
        assert client.get(url).status_code == 404, url
    before = AuditEntry.objects.count()
    response = client.post(
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/abschliessen/"
    )
    assert response.status_code == 404
    response = client.post(
        f"/verwaltung/verbuende/{world.network.pk}/kosten/{foreign.pk}/bearbeiten/",
        form(title="Übernommen"),
    )
    assert response.status_code == 404
    assert (AllocationRun.objects.count(), AuditEntry.objects.count()) == (0, before)
    foreign.refresh_from_db()
    assert foreign.title == "Laufende Kosten der DLZ 2026"


def test_usage_is_entered_on_the_item_page(world: World, coordinator: User) -> None:
    values = item_values(
        weight_equal=D(50), weight_population=D(0), weight_cases=D(0), weight_usage=D(50)
    )
    item = budget_item_create(actor=coordinator, network=world.network, **values)
    client = logged_in(coordinator)
    url = f"/verwaltung/verbuende/{world.network.pk}/kosten/{item.pk}/"
    assert "Die Nutzung der Mitglieder ergibt zusammen 0" in html(client.get(url))
    response = client.post(
        f"{url}nutzung/", {"authority": str(world.members[1].pk), "usage": "12,5"}, follow=True
    )
    assert "Die Nutzung von Gemeinde B ist gespeichert." in html(response)
    assert "Vorschau der Anteile" in html(response)


def test_reuse_report_page(world: World, coordinator: User) -> None:
    for authority in world.members[:3]:
        AdoptionFactory(
            service=world.service,
            authority=authority,
            office=OfficeFactory(authority=authority),
            started_on=JAN_1,
        )
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{world.network.pk}/nachnutzung/"
    response = client.post(f"{base}entwicklungskosten/", {"service": "", "amount": "-5"})
    assert response.status_code == 200
    assert DevelopmentCost.objects.count() == 0
    response = client.post(f"{base}entwicklungskosten/", {"service": "", "amount": "30000"})
    assert response.status_code == 302
    page = html(client.get(base, {"von": "2026-01-01", "bis": "2026-12-31"}))
    assert "Hundesteuer anmelden" in page
    assert "3 Mitgliedern: Gemeinde A, Gemeinde B, Gemeinde C" in page
    assert "Gemeinde A: 40" in page
    assert "Gemeinde F: 380" in page
    assert "60.000,00 €" in page  # 2 members other than the builder × 30,000 €
    assert "Vermiedene Entwicklungskosten je Leistung" in page
    assert "Der Zeitraum war ungültig" in html(client.get(base, {"von": "kaputt"}))
