"""The fee pages: the list, the editor (German figures, more rows, bad input → 400
with the German message and nothing saved), the sheet with its figures and versions,
approving and attaching, the PDF, the JSON export and import, the network's page with
the comparison; other tenants get 404 and change nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.clients import logged_in
from tests.fees.conftest import D, World, example_a, example_b
from verbund.catalogue.models import Adoption
from verbund.core.models import AuditEntry
from verbund.fees import engine, services
from verbund.fees.models import FeeSheet, SheetStatus

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return FeeSheet.objects.count(), AuditEntry.objects.count()


def _html(response: Any) -> str:
    return str(response.content.decode())


def _admin_post(world: World) -> dict[str, str]:
    """Example A as the editor posts it, in German notation."""
    return {
        "kind": "administrative",
        "save": "1",
        "title": "Gewerbeanmeldung",
        "year": "2026",
        "rounding": "end",
        "service": str(world.service.pk),
        "notes": "",
        "note": "",
        "grades-rows": "3",
        "grades-0-grade": "E 9b",
        "grades-0-personnel_cost": "80.000,00",
        "grades-0-material_cost": "9.700",
        "grades-0-overhead_percent": "20",
        "grades-0-annual_hours": "1.561",
        "grades-1-grade": "E 6",
        "grades-1-personnel_cost": "60000",
        "grades-1-material_cost": "9700",
        "grades-1-overhead_percent": "20",
        "grades-1-annual_hours": "1561",
        "time_lines-rows": "3",
        "time_lines-0-activity": "Prüfen",
        "time_lines-0-grade": "E 9b",
        "time_lines-0-minutes": "40",
        "time_lines-0-share_percent": "100",
        "time_lines-2-activity": "Erfassen",
        "time_lines-2-grade": "E 6",
        "time_lines-2-minutes": "15",
    }


def test_clerk_creates_example_a_in_the_editor(world: World) -> None:
    client = logged_in(world.merzenich_clerk)
    url = f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/neu/?art=administrative"
    assert client.get(url).status_code == 200
    response = client.post(url, _admin_post(world))
    sheet = FeeSheet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/verwaltung/gebuehren/{sheet.pk}/"
    assert (sheet.fee, sheet.authority, sheet.service) == (
        D("58.23"),
        world.merzenich,
        world.service,
    )
    page = _html(client.get(response["Location"]))
    assert "58,23 €" in page
    assert "105.700,00 €" in page
    assert "erst der Gebührenbetrag wird kaufmännisch auf volle Cent gerundet" in page


def test_more_rows_keeps_the_input_and_saves_nothing(world: World) -> None:
    before = _counts()
    client = logged_in(world.merzenich_clerk)
    url = f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/neu/?art=administrative"
    data = {**_admin_post(world), "more": "time_lines"}
    del data["save"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'name="time_lines-7-minutes"' in _html(response)
    assert 'value="80.000,00"' in _html(response)
    assert _counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"time_lines-0-minutes": "-40"},
            "Zeitaufwand, Zeile 1: Minuten je Fall darf nicht negativ sein.",
        ),
        ({"grades-0-personnel_cost": "viel"}, "Geben Sie eine Zahl an, zum Beispiel 1.234,56."),
        (
            {"time_lines-0-share_percent": "60"},
            "Die Anteile der Tätigkeit „Prüfen“ ergeben zusammen 60 %; sie müssen 100 % ergeben.",
        ),
    ],
)
def test_bad_input_is_400_with_the_german_message_and_nothing_saved(
    world: World, change: dict[str, str], message: str
) -> None:
    before = _counts()
    client = logged_in(world.merzenich_clerk)
    url = f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/neu/?art=administrative"
    response = client.post(url, {**_admin_post(world), **change})
    assert response.status_code == 400
    assert message in _html(response)
    assert "Bitte prüfen Sie Ihre Angaben" in _html(response)
    assert _counts() == before


def test_edit_creates_a_version_shown_on_the_page(world: World) -> None:
    sheet = services.fee_sheet_create(
        actor=world.merzenich_clerk,
        authority=world.merzenich,
        sheet=example_a(),
        service=world.service,
    )
    client = logged_in(world.coordinator)  # the service centre, delegated
    url = f"/verwaltung/gebuehren/{sheet.pk}/bearbeiten/"
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="80000"' in _html(form)
    data = {**_admin_post(world), "rounding": "rates", "note": "Rundung nach Satzung"}
    response = client.post(url, data)
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.version, sheet.fee) == (2, D("58.25"))
    page = _html(client.get(f"/verwaltung/gebuehren/{sheet.pk}/"))
    assert "Rundung nach Satzung" in page
    assert "koordination.dlz" in page or "Person" in page


def test_usage_sheet_page_shows_the_nachkalkulation(world: World) -> None:
    sheet = services.fee_sheet_create(actor=None, authority=world.merzenich, sheet=example_b())
    page = _html(logged_in(world.merzenich_clerk).get(f"/verwaltung/gebuehren/{sheet.pk}/"))
    assert "6,00 €" in page
    assert "13.635,00 €" in page
    assert "11.135,00 €" in page
    assert "in den Jahren 2027 bis 2030 auszugleichen" in page


def test_submit_approve_attach_through_the_pages(world: World) -> None:
    sheet = services.fee_sheet_create(
        actor=None, authority=world.merzenich, sheet=example_a(), service=world.service
    )
    base = f"/verwaltung/gebuehren/{sheet.pk}/"
    clerk = logged_in(world.merzenich_clerk)
    assert clerk.post(base + "vorlegen/").status_code == 302
    before = _counts()
    assert clerk.post(base + "freigeben/").status_code == 403
    assert _counts() == before
    admin = logged_in(world.merzenich_admin)
    assert admin.post(base + "freigeben/").status_code == 302
    assert (
        admin.post(base + "in-leistung-uebernehmen/", {"label": "Gewerbeanmeldung"}).status_code
        == 302
    )
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.APPROVED
    assert Adoption.objects.get(pk=world.adoption.pk).fees[-1] == {
        "label": "Gewerbeanmeldung",
        "amount": "58.23",
    }


def test_pdf_and_json_export_and_import_round_trip(world: World) -> None:
    sheet = services.fee_sheet_create(actor=None, authority=world.merzenich, sheet=example_b())
    client = logged_in(world.merzenich_clerk)
    pdf = client.get(f"/verwaltung/gebuehren/{sheet.pk}/kalkulation.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    exported = client.get(f"/verwaltung/gebuehren/{sheet.pk}/kalkulation.json")
    assert exported["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(exported.content) == engine.to_document(example_b())
    upload = SimpleUploadedFile("b.json", exported.content, content_type="application/json")
    response = client.post(
        f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/einlesen/", {"file": upload}
    )
    assert response.status_code == 302
    imported = FeeSheet.objects.latest("pk")
    assert imported.document == sheet.document
    assert imported.fee == D("6.00")
    assert AuditEntry.objects.filter(action="fees.sheet_imported").count() == 1


def test_a_bad_import_names_the_field_and_saves_nothing(world: World) -> None:
    before = _counts()
    document = engine.to_document(example_a())
    document["time_lines"][0]["minutes"] = "-3"
    upload = SimpleUploadedFile(
        "a.json", json.dumps(document).encode(), content_type="application/json"
    )
    response = logged_in(world.merzenich_clerk).post(
        f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/einlesen/", {"file": upload}
    )
    assert response.status_code == 400
    assert "Zeitaufwand, Zeile 1: Minuten je Fall darf nicht negativ sein." in _html(response)
    assert _counts() == before


@pytest.mark.parametrize("who", ["olpe_clerk", "other_coordinator", "juelich_clerk"])
def test_other_tenants_get_404_and_change_nothing(world: World, who: str) -> None:
    sheet = services.fee_sheet_create(
        actor=None, authority=world.merzenich, sheet=example_a(), service=world.service
    )
    client = logged_in(getattr(world, who))
    before = _counts()
    base = f"/verwaltung/gebuehren/{sheet.pk}/"
    for path in ("", "bearbeiten/", "kalkulation.pdf", "kalkulation.json"):
        assert client.get(base + path).status_code == 404, path
    for path in ("vorlegen/", "freigeben/", "kopieren/", "bearbeiten/"):
        assert client.post(base + path, {"authority": "1", "year": "2027"}).status_code == 404, path
    assert client.get(f"/verwaltung/behoerden/{world.merzenich.pk}/gebuehren/").status_code == 404
    assert _counts() == before


def test_network_page_compares_the_same_fee_and_creates_for_a_member(world: World) -> None:
    for authority, sheet in (
        (world.merzenich, example_a()),
        (world.juelich, example_a(engine.Rounding.RATES)),
    ):
        created = services.fee_sheet_create(
            actor=None, authority=authority, sheet=sheet, service=world.service
        )
        services.fee_sheet_approve(actor=None, fee_sheet=created)
    client = logged_in(world.coordinator)
    page = _html(client.get(f"/verwaltung/verbuende/{world.network.pk}/gebuehren/"))
    assert "Gewerbe anmelden" in page
    assert "58,23 €" in page
    assert "58,25 €" in page
    members = f"/verwaltung/verbuende/{world.network.pk}/gebuehren/mitglieder/"
    url = f"{members}{world.juelich.pk}/neu/?art=administrative"
    assert client.get(url).status_code == 200
    assert client.post(url, {**_admin_post(world), "title": "Fundsache"}).status_code == 302
    created = FeeSheet.objects.get(title="Fundsache")
    assert (created.authority, created.prepared_by_network) == (world.juelich, world.network)
    kerpen = f"/verwaltung/verbuende/{world.network.pk}/gebuehren/mitglieder/{world.kerpen.pk}/neu/"
    assert client.get(kerpen).status_code == 404


def test_fellow_member_copies_an_approved_sheet(world: World) -> None:
    source = services.fee_sheet_create(
        actor=None, authority=world.merzenich, sheet=replace(example_a()), service=world.service
    )
    services.fee_sheet_approve(actor=None, fee_sheet=source)
    client = logged_in(world.juelich_clerk)
    assert client.get(f"/verwaltung/gebuehren/{source.pk}/").status_code == 200
    response = client.post(
        f"/verwaltung/gebuehren/{source.pk}/kopieren/",
        {"authority": str(world.juelich.pk), "year": "2027"},
    )
    assert response.status_code == 302
    copy = FeeSheet.objects.get(authority=world.juelich)
    assert (copy.year, copy.copied_from) == (2027, source)
    before = _counts()
    response = client.post(
        f"/verwaltung/gebuehren/{source.pk}/kopieren/",
        {"authority": str(world.merzenich.pk), "year": "2027"},
    )
    assert response.status_code == 404
    assert _counts() == before


def test_rate_table_create_list_and_show(world: World) -> None:
    client = logged_in(world.coordinator)
    url = f"/verwaltung/verbuende/{world.network.pk}/gebuehren/tabellen/neu/"
    assert client.get(url).status_code == 200
    data = {
        "name": "KGSt",
        "edition": "2025/2026",
        "year": "2026",
        "source": "KGSt-Bericht",
        "grades-rows": "6",
        "save": "1",
        "grades-0-grade": "E 9b",
        "grades-0-personnel_cost": "80.000",
        "grades-0-material_cost": "9.700",
        "grades-0-overhead_percent": "20",
        "grades-0-annual_hours": "-1",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    assert "Stellen, Zeile 1: Jahresarbeitsstunden muss größer als 0 sein." in _html(bad)
    assert AuditEntry.objects.filter(action="fees.rate_table_created").count() == 0
    response = client.post(url, {**data, "grades-0-annual_hours": "1.561"})
    assert response.status_code == 302
    page = _html(client.get(response["Location"]))
    assert "105.700,00 €" in page
    assert "1,1286 €" in page
    assert "KGSt" in _html(client.get("/verwaltung/gebuehren/tabellen/"))
    assert logged_in(world.olpe_clerk).get(response["Location"]).status_code == 404
