"""The activity analysis pages: the register with group totals and due flags, creating
a stream and its amounts (bad input → 400 with the German message at the field, the
input kept, nothing saved), the guided assessment and its result, approval, reuse, the
exports, the service centre's page; other tenants get 404 and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.clients import logged_in
from tests.vat.conftest import PUBLIC_OPEN, YEAR, D, World, make_stream
from verbund.core.models import AuditEntry
from verbund.vat import services
from verbund.vat.models import Assessment, RevenueStream, StreamAmount

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return str(response.content.decode())


def _counts() -> tuple[int, int, int, int]:
    return (
        RevenueStream.objects.count(),
        StreamAmount.objects.count(),
        Assessment.objects.count(),
        AuditEntry.objects.count(),
    )


STREAM_POST = {
    "title": "Vermietung Bürgerhaus",
    "account": "441100",
    "legal_form": "private_law",
    "legal_basis": "Mietvertrag 2024-17",
    "counterparty": "private",
    "group": "",
    "network": "",
    "notes": "",
}


def test_create_stream_without_legal_basis_keeps_input_and_saves_nothing(world: World) -> None:
    client = logged_in(world.merzenich_clerk)
    url = reverse("staff:vat_stream_create", kwargs={"pk": world.merzenich.pk})
    before = _counts()
    response = client.post(url, {**STREAM_POST, "legal_basis": ""})
    assert response.status_code == 400
    html = _html(response)
    assert (
        "Bitte geben Sie die Rechtsgrundlage an (Satzung, Gebührensatzung oder Vertrag); "
        "ohne sie lässt sich die Tätigkeit nicht bewerten." in html
    )
    assert 'value="Vermietung Bürgerhaus"' in html
    assert _counts() == before

    response = client.post(url, STREAM_POST)
    stream = RevenueStream.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:vat_stream", kwargs={"stream_pk": stream.pk})
    assert (stream.authority, stream.legal_basis, stream.legal_form) == (
        world.merzenich,
        "Mietvertrag 2024-17",
        "private_law",
    )


def test_negative_amount_names_the_field(world: World) -> None:
    stream = make_stream(world.merzenich)
    client = logged_in(world.merzenich_clerk)
    url = reverse("staff:vat_amount_set", kwargs={"stream_pk": stream.pk})
    before = _counts()
    response = client.post(url, {"year": str(YEAR), "forecast": "-1.000,00", "actual": ""})
    assert response.status_code == 400
    assert "Die Prognose darf nicht negativ sein." in _html(response)
    assert 'value="-1.000,00"' in _html(response)
    response = client.post(url, {"year": str(YEAR), "forecast": "zwölf", "actual": ""})
    assert response.status_code == 400
    assert "Geben Sie einen Betrag an, zum Beispiel 17.500,00." in _html(response)
    assert _counts() == before
    response = client.post(url, {"year": str(YEAR), "forecast": "12.500,50", "actual": ""})
    assert response.status_code == 302
    assert StreamAmount.objects.get().forecast == D("12500.50")


def test_register_shows_group_totals_and_due(world: World) -> None:
    rent = services.group_create(actor=None, authority=world.merzenich, name="Vermietung")
    a = make_stream(world.merzenich, title="Bürgerhaus", group=rent, legal_form="private_law")
    b = make_stream(world.merzenich, title="Turnhalle", group=rent)
    services.amount_set(actor=None, stream=a, year=YEAR, forecast=D("10000"))
    services.amount_set(actor=None, stream=b, year=YEAR, forecast=D("7500.01"))
    client = logged_in(world.merzenich_clerk)
    url = reverse("staff:vat_register", kwargs={"pk": world.merzenich.pk})
    html = _html(client.get(url, {"jahr": str(YEAR)}))
    assert "Prognose der Gruppe 2027: 17.500,01 €" in html
    assert "über der Grenze von 17.500 €" in html
    assert "2 Einnahmearten sind neu zu bewerten." in html
    assert html.count("keine freigegebene Bewertung für 2027") == 2


def test_guided_assessment_shows_result_and_rule(world: World) -> None:
    stream = make_stream(world.merzenich, title="Verwaltungsgebühren")
    client = logged_in(world.merzenich_clerk)
    url = reverse("staff:vat_assess", kwargs={"stream_pk": stream.pk})
    assert client.get(url).status_code == 200
    before = _counts()
    response = client.post(
        url, {"year": str(YEAR), "exchange": "yes", "sustained": "yes", "abs4_catalogue": "no"}
    )
    assert response.status_code == 400
    assert "Bitte beantworten Sie diese Frage: Ist die Aufgabe der öffentlichen Hand" in _html(
        response
    )
    assert _counts() == before
    response = client.post(
        url,
        {
            "year": str(YEAR),
            "exchange": "yes",
            "sustained": "yes",
            "abs4_catalogue": "no",
            "reserved_task": "yes",
        },
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse(
        "staff:vat_assessment", kwargs={"assessment_pk": assessment.pk}
    )
    html = _html(client.get(response["Location"]))
    assert "nicht steuerbar" in html
    assert "vorbehaltene Aufgabe oder Anschluss- und Benutzungszwang" in html
    assert "Freigeben" not in html  # a clerk does not approve


def test_approve_only_by_the_admin(world: World) -> None:
    stream = make_stream(world.merzenich)
    assessment = services.assessment_decide(
        actor=None, stream=stream, year=YEAR, answers={**PUBLIC_OPEN, "reserved_task": True}
    )
    url = reverse("staff:vat_assessment_approve", kwargs={"assessment_pk": assessment.pk})
    before = _counts()
    assert logged_in(world.merzenich_clerk).post(url).status_code == 403
    assert logged_in(world.coordinator).post(url).status_code == 403
    assert logged_in(world.juelich_admin).post(url).status_code == 404
    assert _counts() == before
    response = logged_in(world.merzenich_admin).post(url)
    assert response.status_code == 302
    assert Assessment.objects.get().status == "approved"


def test_coordinator_prepares_for_a_delegating_member_only(world: World) -> None:
    stream = make_stream(world.merzenich)
    client = logged_in(world.coordinator)
    register = reverse("staff:vat_register", kwargs={"pk": world.merzenich.pk})
    assert client.get(register).status_code == 200
    juelich = reverse("staff:vat_register", kwargs={"pk": world.juelich.pk})
    assert client.get(juelich).status_code == 404
    client.post(
        reverse("staff:vat_assess", kwargs={"stream_pk": stream.pk}),
        {
            "year": str(YEAR),
            "exchange": "yes",
            "sustained": "yes",
            "abs4_catalogue": "no",
            "reserved_task": "yes",
        },
    )
    assessment = Assessment.objects.get()
    assert (assessment.status, assessment.prepared_by_network) == ("prepared", world.network)
    network = _html(client.get(reverse("staff:network_vat", kwargs={"pk": world.network.pk})))
    assert "Merzenich" in network
    assert "Jülich" not in network


def test_reuse_page_lists_fellow_approved_and_copies(world: World) -> None:
    source_stream = make_stream(world.merzenich, title="Parkgebühren Innenstadt")
    source = services.assessment_decide(
        actor=None,
        stream=source_stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": False},
    )
    services.assessment_approve(actor=world.merzenich_admin, assessment=source)
    own = make_stream(world.juelich, title="Parken")
    client = logged_in(world.juelich_clerk)
    assess = reverse("staff:vat_assess", kwargs={"stream_pk": own.pk})
    assert "Merzenich: Parkgebühren Innenstadt 2027" in _html(
        client.get(assess, {"suche": "innenstadt", "jahr": str(YEAR)})
    )
    assert "Merzenich: Parkgebühren" not in _html(client.get(assess, {"suche": "Friedhof"}))
    # The fellow member sees the approved assessment, not the group total.
    detail = _html(client.get(reverse("staff:vat_assessment", kwargs={"assessment_pk": source.pk})))
    assert "Prognose der gleichartigen Tätigkeiten" not in detail
    assert (
        client.get(reverse("staff:vat_stream", kwargs={"stream_pk": source_stream.pk})).status_code
        == 404
    )
    response = client.post(
        reverse("staff:vat_reuse", kwargs={"stream_pk": own.pk}),
        {"source": str(source.pk), "year": str(YEAR)},
    )
    copy = Assessment.objects.get(authority=world.juelich)
    assert response["Location"] == reverse(
        "staff:vat_assessment", kwargs={"assessment_pk": copy.pk}
    )
    assert copy.reused_from == source
    # Olpe is no fellow member: the source is not found.
    olpe_stream = make_stream(world.olpe)
    before = _counts()
    response = logged_in(world.olpe_clerk).post(
        reverse("staff:vat_reuse", kwargs={"stream_pk": olpe_stream.pk}),
        {"source": str(source.pk), "year": str(YEAR)},
    )
    assert response.status_code == 404
    assert _counts() == before


def test_exports(world: World) -> None:
    stream = make_stream(world.merzenich, title="Parkgebühren", account="432100")
    services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D("1500"))
    assessment = services.assessment_decide(
        actor=None, stream=stream, year=YEAR, answers={**PUBLIC_OPEN, "reserved_task": False}
    )
    services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)
    client = logged_in(world.merzenich_clerk)
    response = client.get(
        reverse("staff:vat_export_csv", kwargs={"pk": world.merzenich.pk}), {"jahr": str(YEAR)}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:3] == [
        "Gruppe gleichartiger Tätigkeiten",
        "Prognose der Gruppe (€)",
        "Einnahmeart",
    ]
    row = lines[1].split(";")
    assert row[:11] == [
        "Parkgebühren",
        "1500,00",
        "Parkgebühren",
        "432100",
        "öffentlich-rechtlich",
        "Parkgebührenordnung vom 1.1.2020",
        "Private",
        "1500,00",
        "",
        "nicht steuerbar",
        "Umsatzgrenze 17.500 € (§ 2b Abs. 2 Nr. 1 UStG)",
    ]
    assert row[13] == "freigegeben"
    pdf = client.get(
        reverse("staff:vat_export_pdf", kwargs={"pk": world.merzenich.pk}), {"jahr": str(YEAR)}
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    for user in (world.juelich_clerk, world.olpe_clerk, world.other_coordinator):
        url = reverse("staff:vat_export_csv", kwargs={"pk": world.merzenich.pk})
        assert logged_in(user).get(url).status_code == 404


def test_foreign_tenants_get_404_and_change_nothing(world: World) -> None:
    stream = make_stream(world.merzenich)
    before = _counts()
    for user in (world.juelich_clerk, world.olpe_clerk, world.other_coordinator):
        client = logged_in(user)
        for name in ("vat_stream", "vat_stream_edit", "vat_amount_set", "vat_assess"):
            url = reverse(f"staff:{name}", kwargs={"stream_pk": stream.pk})
            assert client.get(url).status_code == 404
        assert (
            client.post(
                reverse("staff:vat_amount_set", kwargs={"stream_pk": stream.pk}),
                {"year": str(YEAR), "forecast": "1"},
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("staff:vat_stream_create", kwargs={"pk": world.merzenich.pk}), STREAM_POST
            ).status_code
            == 404
        )
    assert _counts() == before


def test_workspace_and_network_panels(world: World) -> None:
    make_stream(world.merzenich)
    html = _html(
        logged_in(world.merzenich_admin).get(
            reverse("staff:authority", kwargs={"pk": world.merzenich.pk})
        )
    )
    assert "1 Einnahmeart erfasst" in html
    html = _html(
        logged_in(world.coordinator).get(reverse("staff:network", kwargs={"pk": world.network.pk}))
    )
    assert "1 Mitglied hat die Tätigkeitsanalyse übertragen." in html
