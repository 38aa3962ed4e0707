"""The staff pages of the joint procurement: the coordinator opens a call, members
report demand on the page and see their own lines only, the threshold result with its
reason, lots, awards, the CSV summary; bad input answers 400 with the German message at
the field and the input kept, and changes nothing; another network's pages are 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.clients import logged_in
from tests.procurement.conftest import D, World, add_line, counts, make_call
from tests.procurement.test_services import EU_REASON
from verbund.procurement import services
from verbund.procurement.models import DemandCall, DemandLine, Lot

pytestmark = pytest.mark.django_db


def _open_call(world: World) -> DemandCall:
    """A call whose deadline is 30 days from today, with no threshold assertions."""
    today = timezone.localdate()
    return make_call(world, deadline=today + dt.timedelta(days=30), today=today)


def _printers(world: World) -> DemandCall:
    call = make_call(world)
    for authority, quantity, price in (
        (world.merzenich, "40", "600"),
        (world.juelich, "20", "600"),
        (world.kerpen, "24", "500"),
    ):
        add_line(world, call, authority, quantity, price, description=f"Drucker {authority.name}")
    return call


def test_the_coordinator_opens_a_call(world: World) -> None:
    client = logged_in(world.coordinator)
    url = reverse("staff:procurement_call_create", kwargs={"pk": world.network.pk})
    page = client.get(url)
    assert page.status_code == 200
    deadline = timezone.localdate() + dt.timedelta(days=20)
    response = client.post(
        url,
        {
            "subject": "Streusalz",
            "description": "",
            "cpv_code": "34927100-2",
            "deadline": deadline.isoformat(),
            "term_months": "24",
            "option_months": "0",
            "option_percent": "10,5",
            "lead_authority": str(world.merzenich.pk),
        },
    )
    call = DemandCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:procurement_call", kwargs={"call_pk": call.pk})
    assert (call.subject, call.kind, call.option_percent, call.deadline) == (
        "Streusalz",
        "supplies",
        D("10.5"),
        deadline,
    )


def test_bad_call_input_is_named_and_kept(world: World) -> None:
    client = logged_in(world.coordinator)
    before = counts()
    response = client.post(
        reverse("staff:procurement_call_create", kwargs={"pk": world.network.pk}),
        {
            "subject": "Streusalz",
            "cpv_code": "99999999-9",
            "deadline": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            "term_months": "24",
            "option_months": "0",
            "option_percent": "-3",
            "lead_authority": str(world.merzenich.pk),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "cpv_code": ["„99“ ist keine Abteilung des CPV (die ersten beiden Ziffern)."],
        "option_percent": ["Die Mengenoption darf nicht negativ sein."],
    }
    assert 'value="99999999-9"' in response.content.decode()
    assert counts() == before


def test_only_coordinators_reach_the_call_form(world: World) -> None:
    url = reverse("staff:procurement_call_create", kwargs={"pk": world.network.pk})
    assert logged_in(world.juelich_clerk).get(url).status_code == 403
    assert logged_in(world.olpe_clerk).get(url).status_code == 404


def test_a_member_reports_demand_on_the_page(world: World) -> None:
    call = _open_call(world)
    client = logged_in(world.juelich_clerk)
    url = reverse("staff:procurement_line_add", kwargs={"call_pk": call.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["authority"].choices) == [(world.juelich.pk, "Jülich")]
    response = client.post(
        url,
        {
            "authority": str(world.juelich.pk),
            "description": "Multifunktionsgerät A3",
            "quantity": "20",
            "unit": "Stück",
            "unit_price": "1.234,50",
            "delivery_site": "Rathaus",
            "budget_line": "",
        },
    )
    assert response.status_code == 302
    line = DemandLine.objects.get()
    assert (line.authority, line.quantity, line.unit_price, line.created_by) == (
        world.juelich,
        D(20),
        D("1234.50"),
        world.juelich_clerk,
    )


def test_negative_figures_on_the_page_are_named_and_nothing_is_saved(world: World) -> None:
    call = _open_call(world)
    client = logged_in(world.juelich_clerk)
    before = counts()
    response = client.post(
        reverse("staff:procurement_line_add", kwargs={"call_pk": call.pk}),
        {
            "authority": str(world.juelich.pk),
            "description": "Drucker",
            "quantity": "-2",
            "unit": "Stück",
            "unit_price": "zwölf",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "unit_price": ["Geben Sie eine Zahl an, zum Beispiel 1.234,56."],
    }
    assert 'value="zwölf"' in response.content.decode()
    response = client.post(
        reverse("staff:procurement_line_add", kwargs={"call_pk": call.pk}),
        {
            "authority": str(world.juelich.pk),
            "description": "Drucker",
            "quantity": "-2",
            "unit": "Stück",
            "unit_price": "-1",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "quantity": ["Die Menge muss größer als 0 sein."],
        "unit_price": ["Der Einzelpreis darf nicht negativ sein."],
    }
    assert counts() == before


def test_a_line_after_the_deadline_is_refused_on_the_page(world: World) -> None:
    today = timezone.localdate()
    call = make_call(
        world, deadline=today - dt.timedelta(days=1), today=today - dt.timedelta(days=9)
    )
    before = counts()
    response = logged_in(world.juelich_clerk).post(
        reverse("staff:procurement_line_add", kwargs={"call_pk": call.pk}),
        {
            "authority": str(world.juelich.pk),
            "description": "Drucker",
            "quantity": "2",
            "unit": "Stück",
            "unit_price": "1",
        },
    )
    assert response.status_code == 400
    expected = "Die Frist für Bedarfsmeldungen endete am {}.".format(
        (today - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    )
    assert response.context["form"].non_field_errors() == [expected]
    assert expected in response.content.decode()
    assert counts() == before


def test_the_call_page_shows_the_threshold_result_and_own_lines_only(world: World) -> None:
    call = _printers(world)
    url = reverse("staff:procurement_call", kwargs={"call_pk": call.pk})
    coordinator = logged_in(world.coordinator).get(url)
    text = coordinator.content.decode()
    assert coordinator.status_code == 200
    assert EU_REASON in text
    assert "Es gilt: GWB Teil 4 und Vergabeverordnung (VgV)." in text
    assert "(36 + 12 Monate) / 12 × (1 + 20 %)" in text
    assert all(f"Drucker {name}" in text for name in ("Merzenich", "Jülich", "Kerpen"))
    member = logged_in(world.juelich_clerk).get(url).content.decode()
    assert EU_REASON in member  # the aggregated total
    assert "Drucker Jülich" in member
    assert "Drucker Kerpen" not in member
    assert "Drucker Merzenich" not in member
    assert "bedarfsuebersicht.csv" not in member
    lead = logged_in(world.merzenich_clerk).get(url).content.decode()
    assert "Drucker Kerpen" in lead
    assert "bedarfsuebersicht.csv" in lead
    assert logged_in(world.olpe_clerk).get(url).status_code == 404
    assert logged_in(world.other_coordinator).get(url).status_code == 404


def test_the_network_page_and_the_panels(world: World) -> None:
    call = _open_call(world)
    page = logged_in(world.coordinator).get(
        reverse("staff:network_procurement", kwargs={"pk": world.network.pk})
    )
    assert page.status_code == 200
    assert "Multifunktionsdrucker (Rahmenvertrag)" in page.content.decode()
    network = logged_in(world.juelich_clerk).get(
        reverse("staff:network", kwargs={"pk": world.network.pk})
    )
    deadline = call.deadline.strftime("%d.%m.%Y")
    assert f"Bedarf melden bis {deadline}" in network.content.decode()
    workspace = logged_in(world.juelich_clerk).get(
        reverse("staff:authority", kwargs={"pk": world.juelich.pk})
    )
    assert f"Bedarf melden bis {deadline}" in workspace.content.decode()


def test_the_summary_csv(world: World) -> None:
    call = _printers(world)
    url = reverse("staff:procurement_summary", kwargs={"call_pk": call.pk})
    assert logged_in(world.juelich_clerk).get(url).status_code == 403
    response = logged_in(world.coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert text.split("\r\n")[:10] == [
        "Mitglied;Los;Leistungsbeschreibung;Menge je Jahr;Einheit;Einzelpreis netto (€);"
        "Jahreswert netto (€);Lieferort;Haushaltsstelle",
        "Jülich;;Drucker Jülich;20,00;Stück;600,00;12000,0000;;",
        "Kerpen;;Drucker Kerpen;24,00;Stück;500,00;12000,0000;;",
        "Merzenich;;Drucker Merzenich;40,00;Stück;600,00;24000,0000;;",
        "",
        "Mitglied;Bedarfsmeldungen;Jahreswert netto (€);Geschätzter Wert über die Laufzeit (€);"
        "Mandat erteilt",
        "Jülich;1;12000,0000;57600,00;nein",
        "Kerpen;1;12000,0000;57600,00;nein",
        "Merzenich;1;24000,0000;115200,00;ja",
        "Summe;3;48000,0000;230400,00;",
    ]
    assert f"Schwellenwert;{EU_REASON}\r\n" in text


def test_a_lot_without_lines_and_a_negative_award_on_the_page(world: World) -> None:
    call = _printers(world)
    client = logged_in(world.coordinator)
    before = counts()
    response = client.post(
        reverse("staff:procurement_lot_create", kwargs={"call_pk": call.pk}),
        {"title": "Los ohne Bedarf", "cpv_code": "", "region": ""},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "lines": ["Ein Los braucht mindestens eine Bedarfsmeldung eines Mitglieds."]
    }
    assert counts() == before
    lines = list(DemandLine.objects.order_by("pk"))
    response = client.post(
        reverse("staff:procurement_lot_create", kwargs={"call_pk": call.pk}),
        {"title": "Alle", "lines": [str(line.pk) for line in lines]},
    )
    assert response.status_code == 302
    lot = Lot.objects.get()
    services.demand_call_close(actor=world.coordinator, call=call)
    before = counts()
    response = client.post(
        reverse("staff:procurement_award", kwargs={"lot_pk": lot.pk}),
        {"supplier": "Büro GmbH", "awarded_on": "2027-05-01", "amount": "-5"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "amount": ["Der Auftragswert darf nicht negativ sein."]
    }
    assert counts() == before
    assert (
        logged_in(world.juelich_clerk)
        .get(reverse("staff:procurement_award", kwargs={"lot_pk": lot.pk}))
        .status_code
        == 403
    )
    response = logged_in(world.merzenich_clerk).post(
        reverse("staff:procurement_award", kwargs={"lot_pk": lot.pk}),
        {"supplier": "Büro GmbH", "awarded_on": "2027-05-01", "amount": "200.000,00"},
    )
    assert response.status_code == 302
    assert DemandCall.objects.get(pk=call.pk).status == "awarded"
    page = client.get(
        reverse("staff:procurement_call", kwargs={"call_pk": call.pk})
    ).content.decode()
    assert "Büro GmbH, 01.05.2027, 200.000,00 €" in page


def test_mandate_agreement_and_allocation_through_the_pages(world: World) -> None:
    call = _printers(world)
    for admin, member in ((world.juelich_admin, world.juelich), (world.kerpen_admin, world.kerpen)):
        response = logged_in(admin).post(
            reverse("staff:procurement_mandate_grant", kwargs={"call_pk": call.pk}),
            {"authority": str(member.pk)},
        )
        assert response.status_code == 302
    # A clerk is no member's administration: the mandate is the administration's.
    assert (
        logged_in(world.juelich_clerk)
        .post(
            reverse("staff:procurement_mandate_grant", kwargs={"call_pk": call.pk}),
            {"authority": str(world.juelich.pk)},
        )
        .status_code
        == 403
    )
    client = logged_in(world.coordinator)
    client.post(reverse("staff:procurement_call_close", kwargs={"call_pk": call.pk}))
    response = client.post(
        reverse("staff:procurement_agreement_create", kwargs={"call_pk": call.pk})
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.agreement is not None
    response = client.post(
        reverse("staff:procurement_allocate", kwargs={"call_pk": call.pk}),
        {
            "title": "",
            "amount": "4.800,00",
            # The agreement starts today: the period is this year.
            "period_start": f"{timezone.localdate().year}-01-01",
            "period_end": f"{timezone.localdate().year}-12-31",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.budget_item is not None
    assert call.budget_item.amount == D("4800.00")
