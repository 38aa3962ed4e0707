from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from verbund.accounts.models import AuthorityRole, NetworkRole, User
from verbund.authorities.models import Authority
from verbund.cases.models import Case
from verbund.catalogue.selectors import routing_index
from verbund.core.audit import audit_verify
from verbund.demo.data import DEMO_PASSWORD
from verbund.networks.models import Agreement, Membership, Network
from verbund.networks.selectors import area_matrix
from verbund.portal.models import LegalPage

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_demo_has_the_networks_and_is_idempotent(demo_loaded: str) -> None:
    output = demo_loaded
    assert "sb.merzenich" in output
    assert DEMO_PASSWORD in output

    dlz = Network.objects.get(slug="dlz")
    members = Membership.objects.filter(network=dlz).select_related("authority")
    assert sorted((m.authority.name, m.role) for m in members) == [
        ("Inden", "member"),
        ("Jülich, Stadt", "member"),
        ("Kerpen, Kolpingstadt", "member"),
        ("Linnich, Stadt", "member"),
        ("Merzenich", "lead"),
        ("Niederzier", "member"),
    ]
    swf = Network.objects.get(slug="suedwestfalen")
    assert sorted(
        Membership.objects.filter(network=swf).values_list("authority__ars", flat=True)
    ) == ["05958", "05962", "05966", "05970", "05974"]
    wue = Network.objects.get(slug="wuerzburg")
    assert Membership.objects.filter(network=wue).count() == 1 + 52
    assert Membership.objects.get(network=wue, role="lead").authority.ars == "09679"
    dueren = Network.objects.get(slug="kreis-dueren")
    assert Membership.objects.filter(network=dueren).count() == 1 + 15
    assert Membership.objects.get(network=dueren, role="lead").authority.ars == "05358"

    assert Authority.objects.get(ars="053580040040").name == "Merzenich"
    # The DLZ steers itself: four areas at different depths, and an agreement.
    areas, rows = area_matrix(dlz, on=dt.date(2026, 1, 1))
    assert [a.name for a in areas] == [
        "Gebührenkalkulation",
        "Strategisches Berichtswesen",
        "Umsatzsteuer (§ 2b UStG)",
        "Beschaffung",
    ]
    assert {r.authority.name: r.levels for r in rows} == {
        "Merzenich": [4, 3, 3, 2],
        "Inden": [4, 3, 3, 2],
        "Jülich, Stadt": [4, 2, 3, 1],
        "Kerpen, Kolpingstadt": [1, 0, 3, 1],
        "Linnich, Stadt": [3, 2, 3, 1],
        "Niederzier": [4, 2, 3, 1],
    }
    _areas, rows_2024 = area_matrix(dlz, on=dt.date(2024, 6, 1))
    assert {r.authority.name: r.levels[0] for r in rows_2024}["Niederzier"] == 2
    assert sorted(Agreement.objects.filter(network=dlz).values_list("title", flat=True)) == [
        "Gemeinsame Beschaffung: Streusalz",
        "Gewerbeanmeldung für alle DLZ-Kommunen",
    ]
    agreement = Agreement.objects.get(network=dlz, title="Gewerbeanmeldung für alle DLZ-Kommunen")
    assert (agreement.title, agreement.processing.name, agreement.parties.count()) == (
        "Gewerbeanmeldung für alle DLZ-Kommunen",
        "Merzenich",
        6,
    )
    # The business registrations made under the agreement: in Merzenich's inbox, each
    # in the name of the citizen's own municipality.
    gewerbe = Case.objects.filter(service__slug="gewerbeanmeldung").order_by("responsible__name")
    assert [(c.authority.name, c.responsible.name, c.on_behalf) for c in gewerbe] == [
        ("Merzenich", "Jülich, Stadt", True),
        ("Merzenich", "Jülich, Stadt", True),
        ("Merzenich", "Kerpen, Kolpingstadt", True),
        ("Merzenich", "Linnich, Stadt", True),
        ("Merzenich", "Niederzier", True),
    ]
    index = routing_index()
    service, juelich = index.service("gewerbeanmeldung"), index.place("053580024024")
    assert service is not None
    assert juelich is not None
    assert index.resolve(service, juelich).processing.name == "Merzenich"
    assert User.objects.filter(two_factor_exempt=True).count() == 10
    assert AuthorityRole.objects.count() == 10
    assert NetworkRole.objects.count() == 4
    member_count = Membership.objects.values("authority").distinct().count()
    assert LegalPage.objects.count() == 3 * member_count

    # Loaded again, the demo adds no row to any table (the roadmap, the project groups, the
    # budget items, the audit log …) and its audit chains stay whole.
    counts = _row_counts()
    assert counts["networks.Network"] == Network.objects.count() > 0
    _load()
    assert _row_counts() == counts
    assert audit_verify().ok


def test_demo_users_can_log_in_with_the_printed_password(demo_loaded: str) -> None:
    user = User.objects.get(username="koordination.dlz")
    assert user.check_password(DEMO_PASSWORD)
    assert list(user.network_roles.values_list("network__slug", "role")) == [("dlz", "coordinator")]


def test_demo_roadmap_of_suedwestfalen(demo_loaded: str) -> None:
    from verbund.networks.roadmap.models import AdoptionCommitment, RoadmapItem
    from verbund.networks.roadmap.selectors import roadmap_of_network

    network = Network.objects.get(slug="suedwestfalen")
    roadmap = roadmap_of_network(network)
    assert roadmap.counts == {"proposed": 1, "in_development": 2, "published": 3}
    assert [
        (
            r.item.title,
            r.item.builder.ars if r.item.builder else None,
            r.item.service.slug if r.item.service else None,
            [c.authority.ars for c in r.commitments],
            r.adopted_by,
        )
        for r in roadmap.rows
    ] == [
        ("Digitaler Bauantrag", "05970", "baugenehmigung", ["05958", "05966"], 3),
        (
            "Führerschein online umtauschen",
            "05966",
            "fuehrerschein-umtausch",
            ["05962", "05974"],
            3,
        ),
        ("Jagdschein online verlängern", "05958", None, ["05962", "05966", "05974"], None),
        ("Pflegewohngeld online beantragen", "05974", "pflegewohngeld-nrw", ["05966", "05970"], 3),
        ("Unterhaltsvorschuss beantragen", None, None, ["05958"], None),
        ("Waffenbesitzkarte beantragen", "05962", None, ["05970"], None),
    ]
    assert (RoadmapItem.objects.count(), AdoptionCommitment.objects.count()) == (6, 11)


def test_demo_project_groups_of_wuerzburg(demo_loaded: str) -> None:
    from verbund.networks.groups.selectors import groups_of_network

    network = Network.objects.get(slug="wuerzburg")
    rows = groups_of_network(network)
    assert len(rows) == 12
    assert [r.group.name for r in rows][:5] == [
        "Beschaffung und E-Vergabe",
        "Breitband und Mobilfunk",
        "Digitale Bürgerdienste",
        "Digitale Sitzungsarbeit (Ratsinformationssystem)",
        "Digitaler Bauantrag",
    ]
    by_name = {r.group.name: r for r in rows}
    bauantrag = by_name["Digitaler Bauantrag"]
    assert (bauantrag.group.lead.ars, bauantrag.members) == ("096790147147", 5)
    assert (bauantrag.tasks_done, bauantrag.tasks_total) == (2, 4)
    assert (bauantrag.milestones_reached, bauantrag.milestones_total) == (1, 2)
    assert by_name["eRechnung"].group.status == "completed"
    assert by_name["Personalwesen digital"].group.status == "paused"
    assert by_name["Open Data"].group.status == "planned"
    members = set(network.memberships.values_list("authority_id", flat=True))
    for row in rows:
        group = row.group
        assert 3 <= row.members <= 8, group.name
        assert 2 <= row.tasks_total <= 5, group.name
        assert 1 <= row.milestones_total <= 3, group.name
        group_members = set(group.members.values_list("pk", flat=True))
        assert group.lead_id in group_members
        assert group_members <= members
        assert set(group.tasks.values_list("owner_id", flat=True)) <= group_members
    assert sum(r.tasks_done for r in rows) > 0
    assert sum(r.tasks_overdue for r in rows) > 0


def test_demo_dlz_budget_item_and_development_cost(demo_loaded: str) -> None:
    from decimal import Decimal

    from verbund.networks.costs.models import BudgetItem, DevelopmentCost
    from verbund.networks.costs.selectors import live_allocation

    year = dt.date.today().year
    # Six items shared by those who take part (tests/networks/costs/test_demo_costs.py
    # has every figure); together the DLZ's running costs of 180,000 € net, with VAT;
    # then the salt procurement's procedure costs (issue #18), its VAT from the
    # cooperation's assessment, not from its switch.
    items = list(BudgetItem.objects.filter(network__slug="dlz").order_by("pk"))
    assert items[0].title == f"Geschäftsstelle des DLZ: Grundbetrag {year}"
    assert [(item.network.slug, item.vat) for item in items] == [("dlz", True)] * 6 + [
        ("dlz", False)
    ]
    assert sum(item.amount for item in items[:6]) == Decimal("180000.00")
    # The business registrations of the year count for their members.
    last = items[5]
    assert (last.weight_equal, last.weight_population, last.weight_cases) == (20, 0, 80)
    allocations = [live_allocation(item) for item in items]
    assert [len(a.shares) for a in allocations] == [6, 5, 5, 6, 2, 6, 3]
    assert [a.vat_rate for a in allocations] == [Decimal("0.19")] * 7
    assert sum(a.net_total for a in allocations) == Decimal("181200.00")
    assert all(a.gross_total == a.net_total + a.vat_total for a in allocations)
    assert list(DevelopmentCost.objects.values_list("network__slug", "amount")) == [
        ("dlz", Decimal("45000.00"))
    ]


@pytest.mark.usefixtures("demo_on")
def test_each_coordinator_sees_the_network_on_one_screen(demo_loaded: str) -> None:
    from decimal import Decimal

    from tests.clients import logged_in
    from verbund.catalogue.reuse.selectors import reuse_report
    from verbund.core.charts import format_euro
    from verbund.networks.costs.models import BudgetItem
    from verbund.networks.costs.selectors import live_allocation

    dlz = Network.objects.get(slug="dlz")
    coordinator = User.objects.get(network_roles__network=dlz)
    response = logged_in(coordinator).get(f"/verwaltung/verbuende/{dlz.pk}/steuerung/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gewerbeanmeldung für alle DLZ-Kommunen" in page
    areas = response.context["area_chart"]
    assert areas.table.header[1:] == (
        "Gebührenkalkulation",
        "Strategisches Berichtswesen",
        "Umsatzsteuer (§ 2b UStG)",
        "Beschaffung",
    )
    # The costs per member are the sum of this year's budget items, gross, largest first.
    per_member: dict[str, Decimal] = {}
    gross_total = Decimal(0)
    for item in BudgetItem.objects.filter(network=dlz):
        allocation = live_allocation(item)
        gross_total += allocation.gross_total
        for share in allocation.shares:
            per_member[share.name] = per_member.get(share.name, Decimal(0)) + share.gross
    expected = sorted(per_member.items(), key=lambda pair: (-pair[1], pair[0]))
    assert response.context["cost_chart"].table.rows == tuple(
        (name, format_euro(gross)) for name, gross in expected
    )
    assert expected[0] == ("Jülich, Stadt", Decimal("52863.85"))
    # 214,200 € of the six running items and 1,427.99 € of the salt procurement.
    assert sum(gross for _name, gross in expected) == gross_total == Decimal("215627.99")
    # Avoided development cost: 45,000 € for every member that reuses a service.
    report = reuse_report(dlz, start=dt.date(dt.date.today().year, 1, 1), end=dt.date.today())
    assert report.reusers_total > 0
    assert response.context["avoided_total"] == Decimal("45000.00") * report.reusers_total
    for slug in ("wuerzburg", "suedwestfalen"):
        network = Network.objects.get(slug=slug)
        user = User.objects.get(network_roles__network=network)
        response = logged_in(user).get(f"/verwaltung/verbuende/{network.pk}/steuerung/")
        assert response.status_code == 200
    # Würzburg: twelve project groups in the progress chart; Südwestfalen: the roadmap.
    wuerzburg = Network.objects.get(slug="wuerzburg")
    user = User.objects.get(network_roles__network=wuerzburg)
    response = logged_in(user).get(f"/verwaltung/verbuende/{wuerzburg.pk}/steuerung/")
    assert len(response.context["group_chart"].table.rows) == 12
    swf = Network.objects.get(slug="suedwestfalen")
    user = User.objects.get(network_roles__network=swf)
    response = logged_in(user).get(f"/verwaltung/verbuende/{swf.pk}/steuerung/")
    assert response.context["roadmap_chart"].table.rows == (
        ("vorgeschlagen", "1"),
        ("in Entwicklung", "2"),
        ("veröffentlicht", "3"),
    )


def test_demo_surveys(demo_loaded: str) -> None:
    from verbund.surveys.models import Recipient, Survey, SurveyStatus
    from verbund.surveys.selectors import tracking

    landkreise = Survey.objects.get(network__slug="landkreistag")
    assert landkreise.status == SurveyStatus.CLOSED
    counts = tracking(landkreise)
    assert (counts.asked, counts.answered) == (294, 146)
    kinds = {g.label: g.asked for g in counts.groups["art"]}
    assert kinds == {"Kreis": 42, "Landkreis": 251, "Regionalverband": 1}
    assert set(
        Recipient.objects.filter(survey=landkreise, submitted_at__isnull=False).values_list(
            "respondent", flat=True
        )
    ) == {"Demodaten (erzeugt)"}
    dlz = Survey.objects.get(network__slug="dlz")
    assert dlz.status == SurveyStatus.OPEN
    assert (tracking(dlz).asked, tracking(dlz).answered) == (6, 4)

    from verbund.surveys.strategy.models import Strategy, StrategyMeasure

    assert Strategy.objects.filter(network__slug="wuerzburg").count() == 3
    linked = StrategyMeasure.objects.filter(project_group__isnull=False)
    assert sorted(m.project_group.name for m in linked) == [
        "Digitale Bürgerdienste",
        "Digitale Sitzungsarbeit (Ratsinformationssystem)",
        "Digitaler Bauantrag",
        "Schuldigitalisierung",
        "eAkte",
    ]
