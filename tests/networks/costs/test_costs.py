"""Cost allocation through the services: the worked example of DOMAIN-FACTS.md end to
end (population on the Authority rows, cases counted from the platform), with VAT;
refused keys and bases (a clear message, nothing saved); a closed run that stays the
same when more cases arrive; usage; the reuse report's figures."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    AdoptionFactory,
    AuthorityFactory,
    FormVersionFactory,
    MembershipFactory,
    NetworkFactory,
    OfficeFactory,
    ServiceFactory,
    make_user,
)
from verbund.accounts.models import User
from verbund.applications.models import Submission, SubmissionStatus
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseStatus
from verbund.catalogue.models import Service
from verbund.catalogue.reuse.selectors import reuse_report
from verbund.core.models import AuditEntry
from verbund.formengine.models import FormVersion
from verbund.networks.costs.allocation import statement_csv
from verbund.networks.costs.models import (
    AllocationRow,
    AllocationRun,
    BudgetItem,
    BudgetUsage,
    DevelopmentCost,
)
from verbund.networks.costs.selectors import (
    budget_items_of_network,
    item_allocation,
    live_allocation,
)
from verbund.networks.costs.services import (
    allocation_close,
    budget_item_create,
    budget_item_update,
    development_cost_set,
    usage_set,
)
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db

D = Decimal
BERLIN = ZoneInfo("Europe/Berlin")
JAN_1, DEC_31 = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
WORKED = [
    ("Gemeinde A", 9_000, 40),
    ("Gemeinde B", 15_000, 70),
    ("Gemeinde C", 22_000, 110),
    ("Gemeinde D", 32_000, 150),
    ("Gemeinde E", 57_000, 250),
    ("Gemeinde F", 65_000, 380),
]
_numbers = itertools.count(1)


@dataclass
class World:
    network: Network
    members: list[Authority]
    service: Service
    version: FormVersion
    coordinator: User

    def by_name(self, name: str) -> Authority:
        return next(a for a in self.members if a.name == name)


def add_cases(world: World, authority: Authority, count: int, at: dt.datetime) -> None:
    """``count`` cases processed by ``authority``, received at ``at`` (bulk: fast)."""
    submissions = []
    for _i in range(count):
        number = next(_numbers)
        submissions.append(
            Submission(
                reference=f"VB-2026-COST-{number:05d}",
                submit_key=uuid.uuid4(),
                service=world.service,
                version=world.version,
                place=authority,
                responsible=authority,
                authority=authority,
                answers={"name": f"Anna {number}"},
                status=SubmissionStatus.SUBMITTED,
                status_salt="0" * 32,
                submitted_at=at,
            )
        )
    Submission.objects.bulk_create(submissions)
    Case.objects.bulk_create(
        Case(
            submission=submission,
            authority=authority,
            responsible=authority,
            service=world.service,
            reference=submission.reference,
            file_number=f"AZ-{submission.reference}",
            status=CaseStatus.RECEIVED,
            received_at=at,
        )
        for submission in submissions
    )


@pytest.fixture
def world() -> World:
    network = cast(Network, NetworkFactory(name="DLZ Beispiel", slug="dlz-beispiel"))
    members = []
    for name, population, _cases in WORKED:
        authority = cast(Authority, AuthorityFactory(name=name, population=population))
        MembershipFactory(network=network, authority=authority, joined_on=dt.date(2024, 1, 1))
        members.append(authority)
    service = cast(Service, ServiceFactory(builder=members[0], title="Hundesteuer anmelden"))
    version = cast(FormVersion, FormVersionFactory(service=service))
    coordinator = make_user(username="koordination.beispiel")
    built = World(network, members, service, version, coordinator)
    for authority, (_name, _population, cases) in zip(members, WORKED, strict=True):
        add_cases(built, authority, cases, dt.datetime(2026, 3, 1, 10, 0, tzinfo=BERLIN))
    # Outside the period: not counted.
    add_cases(built, members[0], 5, dt.datetime(2025, 12, 31, 23, 30, tzinfo=BERLIN))
    return built


def item_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Laufende Kosten der DLZ 2026",
        "description": "",
        "amount": D("600000.00"),
        "period_start": JAN_1,
        "period_end": DEC_31,
        "population_on": DEC_31,
        "weight_equal": D(20),
        "weight_population": D(50),
        "weight_cases": D(30),
        "weight_usage": D(0),
        "vat": False,
    }
    values.update(overrides)
    return values


def create(world: World, **overrides: Any) -> BudgetItem:
    return budget_item_create(
        actor=world.coordinator, network=world.network, **item_values(**overrides)
    )


def counts() -> tuple[int, ...]:
    return (
        BudgetItem.objects.count(),
        BudgetUsage.objects.count(),
        AllocationRun.objects.count(),
        AllocationRow.objects.count(),
        DevelopmentCost.objects.count(),
        AuditEntry.objects.count(),
    )


def test_worked_example_end_to_end(world: World) -> None:
    item = create(world)
    entry = AuditEntry.objects.get(action="networks.budget_item_created")
    assert (entry.network_id, entry.object_id) == (world.network.pk, str(item.pk))
    assert entry.changes["amount"] == [None, "600000.00"]

    preview = live_allocation(item)
    assert [(s.name, s.basis.population, s.basis.cases, s.net) for s in preview.shares] == [
        ("Gemeinde A", 9_000, 40, D("40700.00")),
        ("Gemeinde B", 15_000, 70, D("55100.00")),
        ("Gemeinde C", 22_000, 110, D("72800.00")),
        ("Gemeinde D", 32_000, 150, D("95000.00")),
        ("Gemeinde E", 57_000, 250, D("150500.00")),
        ("Gemeinde F", 65_000, 380, D("185900.00")),
    ]

    run = allocation_close(actor=world.coordinator, item=item)
    rows = list(run.rows.order_by("position"))
    assert [
        (r.name, *(str(v) for v in (r.equal_part, r.population_part, r.cases_part, r.net)))
        for r in rows
    ] == [
        ("Gemeinde A", "20000.00", "13500.00", "7200.00", "40700.00"),
        ("Gemeinde B", "20000.00", "22500.00", "12600.00", "55100.00"),
        ("Gemeinde C", "20000.00", "33000.00", "19800.00", "72800.00"),
        ("Gemeinde D", "20000.00", "48000.00", "27000.00", "95000.00"),
        ("Gemeinde E", "20000.00", "85500.00", "45000.00", "150500.00"),
        ("Gemeinde F", "20000.00", "97500.00", "68400.00", "185900.00"),
    ]
    assert [(r.usage_part, r.vat, r.gross) for r in rows] == [
        (D("0.00"), D("0.00"), r.net) for r in rows
    ]
    assert sum(r.net for r in rows) == D("600000.00")
    assert run.vat_rate is None
    assert run.computed_by == world.coordinator
    closed = AuditEntry.objects.get(action="networks.allocation_closed")
    assert closed.changes == {
        "participants": [None, "alle Mitglieder"],
        "members": [None, 6],
        "net_total": [None, "600000.00"],
        "vat_total": [None, "0.00"],
        "gross_total": [None, "600000.00"],
    }
    # The frozen result is the live one, rebuilt.
    assert item_allocation(item) == preview


def test_worked_example_with_vat(world: World) -> None:
    item = create(world, vat=True)
    run = allocation_close(actor=world.coordinator, item=item)
    rows = list(run.rows.order_by("position"))
    assert (rows[0].name, rows[0].net, rows[0].vat, rows[0].gross) == (
        "Gemeinde A",
        D("40700.00"),
        D("7733.00"),
        D("48433.00"),
    )
    assert sum(r.gross for r in rows) == D("714000.00")
    assert run.vat_rate == D("0.19")
    assert [row.closed for row in budget_items_of_network(world.network)] == [True]
    assert budget_items_of_network(world.network)[0].gross_total == D("714000.00")


def test_weights_not_summing_to_100_are_refused_and_nothing_saved(world: World) -> None:
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        create(world, weight_cases=D(20))
    assert excinfo.value.messages == [
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; sie ergeben 90 %."
    ]
    assert counts() == before


def test_missing_population_names_the_member_and_nothing_saved(world: World) -> None:
    Authority.objects.filter(pk=world.by_name("Gemeinde C").pk).update(population=None)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        create(world, title="  ")
    assert excinfo.value.messages == [
        "Bitte geben Sie eine Bezeichnung an.",
        "Für folgende Mitglieder fehlt die Einwohnerzahl zum Stichtag: Gemeinde C.",
    ]
    assert counts() == before
    # Without a population weight the same members are fine.
    item = create(world, weight_population=D(0), weight_equal=D(70))
    assert item.pk is not None


def test_the_closed_run_stays_the_same_after_more_cases_arrive(world: World) -> None:
    item = create(world)
    allocation_close(actor=world.coordinator, item=item)
    frozen = item_allocation(item)
    csv_before = statement_csv(frozen)
    add_cases(world, world.by_name("Gemeinde A"), 500, dt.datetime(2026, 6, 1, tzinfo=BERLIN))
    Authority.objects.filter(pk=world.by_name("Gemeinde B").pk).update(population=99_000)
    assert live_allocation(item).shares[0].net != D("40700.00")
    assert item_allocation(item) == frozen
    assert statement_csv(item_allocation(item)) == csv_before
    # A closed item can neither be closed again, nor changed, nor given usage.
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        allocation_close(actor=world.coordinator, item=item)
    assert excinfo.value.messages == ["Der Posten ist bereits abgeschlossen."]
    with pytest.raises(ValidationError) as excinfo:
        budget_item_update(actor=world.coordinator, item=item, amount=D("1.00"))
    assert excinfo.value.messages == [
        "Der Posten ist abgeschlossen und kann nicht geändert werden."
    ]
    with pytest.raises(ValidationError):
        usage_set(actor=world.coordinator, item=item, authority=world.members[0], usage=D("1.00"))
    assert counts() == before
    assert BudgetItem.objects.get(pk=item.pk).amount == D("600000.00")


def test_update_is_checked_like_a_new_item(world: World) -> None:
    item = create(world)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        budget_item_update(
            actor=world.coordinator,
            item=item,
            weight_equal=D(30),
            period_end=dt.date(2025, 12, 1),
        )
    assert excinfo.value.messages == [
        "Der Zeitraum endet vor seinem Beginn.",
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; sie ergeben 110 %.",
    ]
    assert counts() == before
    budget_item_update(actor=world.coordinator, item=item, amount=D("100.00"))
    item.refresh_from_db()
    assert item.amount == D("100.00")
    entry = AuditEntry.objects.get(action="networks.budget_item_updated")
    assert entry.changes == {"amount": ["600000.00", "100.00"]}


def test_usage_part(world: World) -> None:
    only_usage = {f"weight_{part}": D(0) for part in ("equal", "population", "cases")}
    item = create(world, **only_usage, weight_usage=D(100), amount=D("100.00"))
    # No usage yet: the preview says so, closing is refused.
    with pytest.raises(ValidationError):
        live_allocation(item)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        allocation_close(actor=world.coordinator, item=item)
    assert excinfo.value.messages == [
        "Die Nutzung der Mitglieder ergibt zusammen 0; nach Nutzung kann nicht verteilt werden."
    ]
    assert counts() == before
    usage_set(actor=world.coordinator, item=item, authority=world.members[0], usage=D("1.00"))
    usage_set(actor=world.coordinator, item=item, authority=world.members[1], usage=D("3.00"))
    outsider = cast(Authority, AuthorityFactory(name="Fremdstadt"))
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        usage_set(actor=world.coordinator, item=item, authority=outsider, usage=D("-1"))
    assert excinfo.value.messages == [
        "Fremdstadt ist zum Ende des Zeitraums kein Mitglied des Verbunds.",
        "Die Nutzung muss eine Zahl von 0 an sein.",
    ]
    assert counts() == before
    run = allocation_close(actor=world.coordinator, item=item)
    assert [(r.name, r.usage, r.net) for r in run.rows.order_by("position")][:3] == [
        ("Gemeinde A", D("1.00"), D("25.00")),
        ("Gemeinde B", D("3.00"), D("75.00")),
        ("Gemeinde C", D("0.00"), D("0.00")),
    ]
    assert AuditEntry.objects.filter(action="networks.budget_usage_set").count() == 2


def test_reuse_report_counts_adopters_cases_and_avoided_cost(world: World) -> None:
    for authority in world.members[:4]:
        office = OfficeFactory(authority=authority)
        AdoptionFactory(service=world.service, authority=authority, office=office, started_on=JAN_1)
    development_cost_set(actor=world.coordinator, network=world.network, amount=D("25000.00"))
    report = reuse_report(world.network, start=JAN_1, end=DEC_31, on=dt.date(2026, 6, 1))
    [row] = report.rows
    assert row.service == world.service
    assert row.builder_is_member
    assert [a.name for a in row.adopters] == [
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde C",
        "Gemeinde D",
    ]
    assert row.reusers == 3
    # Every member processed cases of the service, adopters or not.
    assert [(c.authority.name, c.cases) for c in row.cases] == [
        (name, cases) for name, _population, cases in WORKED
    ]
    assert (row.development_cost, row.avoided_cost) == (D("25000.00"), D("75000.00"))
    assert (report.reusers_total, report.avoided_total) == (3, D("75000.00"))
    # A figure for this service overrides the default.
    development_cost_set(
        actor=world.coordinator,
        network=world.network,
        amount=D("40000.00"),
        service_id=world.service.pk,
    )
    [row] = reuse_report(world.network, start=JAN_1, end=DEC_31, on=dt.date(2026, 6, 1)).rows
    assert row.avoided_cost == D("120000.00")
    before = counts()
    with pytest.raises(ValidationError):
        development_cost_set(actor=world.coordinator, network=world.network, amount=D("-1"))
    assert counts() == before
    assert AuditEntry.objects.filter(action="networks.development_cost_set").count() == 2
