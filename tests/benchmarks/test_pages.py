"""The pages: who sees what (a policy table), the comparison with and without enough
values, value entry and CSV upload with bad input (400, nothing saved), publishing,
the PDF; other members of the network and foreign users get 404."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.benchmarks.conftest import World, fill
from tests.clients import logged_in
from verbund.benchmarks import services
from verbund.benchmarks.models import Participant, Ring, Value
from verbund.core.access import Action, can
from verbund.core.models import AuditEntry
from verbund.networks.models import AreaTool
from verbund.networks.services import area_create, area_level_set

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _demo(demo_on: None) -> None:
    """Second factor waived for the test users (demo mode)."""


@pytest.fixture
def demo_users(world: World) -> None:
    for user in [world.coordinator, *world.clerks, world.outsider_clerk]:
        user.two_factor_exempt = True
        user.save(update_fields=["two_factor_exempt"])


def html(response: Any) -> str:
    return str(response.content.decode())


def url(name: str, world: World, participant: Participant | None = None, **extra: int) -> str:
    kwargs: dict[str, int] = {"ring_pk": world.ring.pk, **extra}
    if participant is not None:
        kwargs["participant_pk"] = participant.pk
    return reverse(f"staff:{name}", kwargs=kwargs)


def published(world: World, count: int = 6) -> None:
    fill(world, count)
    services.period_publish(actor=world.coordinator, period=world.period)


@pytest.mark.parametrize(
    ("who", "ring_view", "ring_change", "own_change", "other_view"),
    [
        ("coordinator", True, True, False, True),
        ("clerk0", True, False, True, False),
        ("outsider", False, False, False, False),
    ],
)
def test_policy_table(
    world: World, who: str, ring_view: bool, ring_change: bool, own_change: bool, other_view: bool
) -> None:
    user = {
        "coordinator": world.coordinator,
        "clerk0": world.clerks[0],
        "outsider": world.outsider_clerk,
    }[who]
    own, other = world.participants[0], world.participants[1]
    assert can(user, Action.VIEW, world.ring) is ring_view
    assert can(user, Action.CHANGE, world.ring) is ring_change
    assert can(user, Action.CHANGE, own) is own_change
    assert can(user, Action.VIEW, other) is other_view
    assert can(user, Action.CHANGE, world.kpi) is ring_change
    assert can(user, Action.VIEW, world.period) is ring_view


def test_coordinator_enters_for_members_that_delegated_reporting(world: World) -> None:
    area = area_create(
        actor=None, network=world.network, name="Berichtswesen", tool=AreaTool.REPORTING
    )
    area_level_set(
        actor=None,
        area=area,
        authority=world.members[2],
        level=4,
        valid_from=dt.date(2024, 1, 1),
    )
    world.coordinator.__dict__.pop("_verbund_grants", None)
    assert can(world.coordinator, Action.CHANGE, world.participants[2]) is True
    assert can(world.coordinator, Action.CHANGE, world.participants[3]) is False


def test_comparison_page_shows_the_distribution(world: World, demo_users: None) -> None:
    published(world)
    own = world.participants[1]
    response = logged_in(world.clerks[1]).get(
        url("benchmark_comparison", world, own, period_pk=world.period.pk)
    )
    assert response.status_code == 200
    page = html(response)
    assert "Vergleich 2025: Gemeinde B" in page
    for cell in ("20,0", "10,0", "22,5", "35,0", "47,5", "60,0"):
        assert f'kern-table__cell--numeric">{cell}</td>' in page
    assert "im schwächsten Viertel" in page  # 20 lies below Q1, higher is better
    assert "Typ 7 nach Hyndman/Fan" in page
    # Nobody else's name on the page.
    assert "Gemeinde A" not in page
    assert "Gemeinde C" not in page


def test_four_values_show_no_distribution(world: World, demo_users: None) -> None:
    published(world, count=4)
    own = world.participants[0]
    client = logged_in(world.clerks[0])
    page = html(client.get(url("benchmark_comparison", world, own, period_pk=world.period.pk)))
    assert "Zu wenige Werte (weniger als 5); keine Verteilung." in page
    assert "25,0" not in page  # the median of 10, 20, 30, 40 is never shown
    ranking = html(
        client.get(url("benchmark_ranking", world, period_pk=world.period.pk, kpi_pk=world.kpi.pk))
    )
    assert "Nur 4 Werte – eine Rangfolge wird erst ab 5 Werten gezeigt." in ranking


def test_ranking_is_pseudonymised(world: World, demo_users: None) -> None:
    published(world)
    page = html(
        logged_in(world.clerks[0]).get(
            url("benchmark_ranking", world, period_pk=world.period.pk, kpi_pk=world.kpi.pk)
        )
    )
    assert "Gemeinde A (eigene Behörde)" in page
    for participant in world.participants[1:]:
        assert participant.pseudonym in page
        assert participant.authority.name not in page


def test_others_and_strangers_get_404(world: World, demo_users: None) -> None:
    published(world)
    other = world.participants[1]
    clerk = logged_in(world.clerks[0])
    assert (
        clerk.get(url("benchmark_comparison", world, other, period_pk=world.period.pk)).status_code
        == 404
    )
    assert (
        clerk.get(url("benchmark_report", world, other, period_pk=world.period.pk)).status_code
        == 404
    )
    stranger = logged_in(world.outsider_clerk)
    assert stranger.get(url("benchmark_ring", world)).status_code == 404
    assert stranger.get(url("benchmark_overview", world)).status_code == 404
    # A clerk may not manage the ring.
    assert clerk.get(url("benchmark_kpi_create", world)).status_code == 403


def test_value_entry_refuses_bad_input_with_400(world: World, demo_users: None) -> None:
    own = world.participants[0]
    client = logged_in(world.clerks[0])
    target = url("benchmark_values", world, own, period_pk=world.period.pk)
    assert client.get(target).status_code == 200
    before = AuditEntry.objects.count()
    response = client.post(target, {"faelle": "zwölf", "einwohner": "1.000"})
    assert response.status_code == 400
    assert "Fehler" in html(response)
    assert Value.objects.count() == 0
    assert AuditEntry.objects.count() == before
    response = client.post(target, {"faelle": "1234,5", "einwohner": "9000"})
    assert response.status_code == 302
    assert sorted(Value.objects.values_list("figure__key", "value")) == [
        ("einwohner", D(9000)),
        ("faelle", D("1234.5")),
    ]
    # Another participant does not exist for this clerk.
    other = url("benchmark_values", world, world.participants[1], period_pk=world.period.pk)
    assert client.get(other).status_code == 404


def test_csv_upload_with_bad_rows_answers_400(world: World, demo_users: None) -> None:
    client = logged_in(world.coordinator)
    target = url("benchmark_values_upload", world, period_pk=world.period.pk)
    # The coordinator may enter for nobody without a delegation.
    assert client.get(target).status_code == 404
    clerk = logged_in(world.clerks[0])
    assert clerk.get(target).status_code == 200
    bad = SimpleUploadedFile(
        "werte.csv", b"ars;kuerzel;wert\n099000000000;faelle;x\n", content_type="text/csv"
    )
    response = clerk.post(target, {"file": bad})
    assert response.status_code == 400
    assert "Zeile 2: Der Wert „x“ ist keine Zahl (z. B. 1.234,5)." in html(response)
    assert Value.objects.count() == 0
    good = SimpleUploadedFile(
        "werte.csv", b"ars;kuerzel;wert\n099000000000;faelle;12\n", content_type="text/csv"
    )
    assert clerk.post(target, {"file": good}).status_code == 302
    assert list(Value.objects.values_list("value", flat=True)) == [D(12)]


def test_publish_page_flow(world: World, demo_users: None) -> None:
    client = logged_in(world.coordinator)
    target = url("benchmark_period_publish", world, period_pk=world.period.pk)
    response = client.post(target, follow=True)
    assert "liegen keine Grundzahlen vor" in html(response)
    fill(world)
    response = client.post(target, follow=True)
    assert "Der Berichtszeitraum 2025 ist veröffentlicht." in html(response)
    assert logged_in(world.clerks[0]).post(target).status_code == 403


def test_kpi_form_names_the_formula_field(world: World, demo_users: None) -> None:
    client = logged_in(world.coordinator)
    response = client.post(
        url("benchmark_kpi_create", world),
        {
            "key": "neu",
            "label": "Neu",
            "formula": "faelle / personal",
            "unit": "",
            "better": "higher",
            "decimals": "1",
        },
    )
    assert response.status_code == 400
    assert "Formel: Unbekannte Grundzahl „personal“" in html(response)


def test_ring_create_page(world: World, demo_users: None) -> None:
    client = logged_in(world.coordinator)
    target = reverse("staff:benchmark_ring_create", kwargs={"pk": world.network.pk})
    response = client.post(
        target, {"name": "Neu", "minimum_values": "4", "authorities": [world.members[0].pk]}
    )
    assert response.status_code == 400
    assert Ring.objects.count() == 1
    response = client.post(
        target,
        {"name": "Neu", "minimum_values": "6", "authorities": [m.pk for m in world.members]},
    )
    assert response.status_code == 302
    assert Ring.objects.get(name="Neu").participants.count() == 6


def test_overview_trend_and_pdf(world: World, demo_users: None) -> None:
    published(world)
    own = world.participants[0]
    client = logged_in(world.clerks[0])
    overview = html(client.get(url("benchmark_overview", world)))
    assert "35,0</a> (6)" in overview
    trend = client.get(url("benchmark_trend", world, own, kpi_pk=world.kpi.pk))
    assert trend.status_code == 200
    assert "Verlauf Fälle je 1.000 Einwohner: Gemeinde A" in html(trend)
    response = client.get(url("benchmark_report", world, own, period_pk=world.period.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Vergleichsbericht 2025: Gemeinde A" in text
    assert "22,5" in text
    assert "Gemeinde B" not in text


def test_panels(world: World, demo_users: None) -> None:
    page = html(
        logged_in(world.coordinator).get(reverse("staff:network", kwargs={"pk": world.network.pk}))
    )
    assert "Bürgerbüros" in page
    workspace = html(
        logged_in(world.clerks[0]).get(
            reverse("staff:authority", kwargs={"pk": world.members[0].pk})
        )
    )
    assert "Vergleichsringe" in workspace
    assert "Bürgerbüros" in workspace
