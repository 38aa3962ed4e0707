"""The ring's "cost per case" comes from the members' fee sheets (``fees.selectors.
cost_per_case``): each member's newest approved administrative sheet for the service
and the period's year. Drafts, sheets laid before the authority but not approved,
other years, other services and usage fees count for nothing. The sheets are made,
submitted and approved through ``verbund.fees.services`` by the members' staff."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import pytest

from tests.benchmarks.conftest import World, fill
from tests.factories import AuthorityRoleFactory, ServiceFactory, make_user
from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.benchmarks import services
from verbund.benchmarks.models import (
    FigureSource,
    Kpi,
    PeriodStatus,
    Result,
    Statistic,
    Value,
    ValueSource,
)
from verbund.catalogue.models import Service
from verbund.fees import engine
from verbund.fees import services as fees
from verbund.fees.models import FeeSheet, SheetStatus

pytestmark = pytest.mark.django_db
D = Decimal

# A post whose annual cost (78,050 € + 20 % overhead = 93,660 €) over 1,561 hours is
# exactly 1 € a minute; and the two posts of DOMAIN-FACTS example A.
ONE_EURO = engine.Grade("E 9b", D(78050), D(0), D(20), D(1561))
E9B = engine.Grade("E 9b", D(80000), D(9700), D(20), D(1561))
E6 = engine.Grade("E 6", D(60000), D(9700), D(20), D(1561))


def minutes(year: int, count: int) -> engine.Sheet:
    """``count`` minutes at 1 € a minute: a cost per case of ``count`` euros."""
    return engine.Sheet(
        kind=engine.SheetKind.ADMINISTRATIVE,
        title="Gewerbeanmeldung",
        year=year,
        grades=(ONE_EURO,),
        time_lines=(engine.TimeLine("Antrag prüfen und bescheiden", "E 9b", D(count)),),
    )


def example_a(year: int) -> engine.Sheet:
    """40 min E 9b + 15 min E 6: 58.22656416… € a case (stored to six places)."""
    return engine.Sheet(
        kind=engine.SheetKind.ADMINISTRATIVE,
        title="Gewerbeanmeldung",
        year=year,
        grades=(E9B, E6),
        time_lines=(
            engine.TimeLine("Antrag prüfen und bescheiden", "E 9b", D(40)),
            engine.TimeLine("Erfassen und versenden", "E 6", D(15)),
        ),
    )


def usage(year: int) -> engine.Sheet:
    return engine.Sheet(
        kind=engine.SheetKind.USAGE,
        title="Benutzungsgebühr",
        year=year,
        unit="Fall",
        planned_units=D(100),
        cost_lines=(engine.CostLine("personnel", "Personal", amount=D(1000)),),
    )


def staff(authority: Authority, name: str) -> tuple[User, User]:
    """A clerk and an authority admin of ``authority``."""
    clerk = make_user(username=f"sb.{name}")
    AuthorityRoleFactory(user=clerk, authority=authority)
    admin = make_user(username=f"admin.{name}")
    AuthorityRoleFactory(user=admin, authority=authority, admin=True)
    return clerk, admin


def sheet(
    authority: Authority,
    people: tuple[User, User],
    calculation: engine.Sheet,
    service: Service,
    *,
    until: str = SheetStatus.APPROVED,
) -> FeeSheet:
    """A sheet made by the clerk, laid before the authority and approved by its admin
    (or left as a draft or submitted, with ``until``)."""
    clerk, admin = people
    made = fees.fee_sheet_create(
        actor=clerk, authority=authority, sheet=calculation, service=service
    )
    if until == SheetStatus.DRAFT:
        return made
    made = fees.fee_sheet_submit(actor=clerk, fee_sheet=made)
    if until == SheetStatus.SUBMITTED:
        return made
    return fees.fee_sheet_approve(actor=admin, fee_sheet=made)


def test_the_ring_compares_the_approved_costs_per_case(world: World) -> None:
    a, b, c, d, e, f = world.members
    service = cast(Service, ServiceFactory(title="Gewerbe anmelden"))
    other_service = cast(Service, ServiceFactory(title="Gewerbe abmelden"))
    people = {m.pk: staff(m, f"{index}") for index, m in enumerate(world.members)}
    # A approved 45 € first and then the sheet of example A: the newer one counts.
    sheet(a, people[a.pk], minutes(2025, 45), service)
    sheet(a, people[a.pk], example_a(2025), service)
    sheet(b, people[b.pk], minutes(2025, 60), service)
    # C has only a draft of 2025, and a sheet laid before its admin but not approved.
    sheet(c, people[c.pk], minutes(2025, 30), service, until=SheetStatus.DRAFT)
    sheet(c, people[c.pk], minutes(2025, 35), service, until=SheetStatus.SUBMITTED)
    # D approved only for 2024, E only for another service, F only a usage fee.
    sheet(d, people[d.pk], minutes(2024, 20), service)
    sheet(e, people[e.pk], minutes(2025, 25), other_service)
    sheet(f, people[f.pk], usage(2025), service)
    assert sorted(FeeSheet.objects.values_list("authority__name", "status", "cost_per_case")) == [
        ("Gemeinde A", SheetStatus.APPROVED, D("45.000000")),
        ("Gemeinde A", SheetStatus.APPROVED, D("58.226564")),
        ("Gemeinde B", SheetStatus.APPROVED, D("60.000000")),
        ("Gemeinde C", SheetStatus.DRAFT, D("30.000000")),
        ("Gemeinde C", SheetStatus.SUBMITTED, D("35.000000")),
        ("Gemeinde D", SheetStatus.APPROVED, D("20.000000")),
        ("Gemeinde E", SheetStatus.APPROVED, D("25.000000")),
        ("Gemeinde F", SheetStatus.APPROVED, D("10.000000")),
    ]

    fill(world)
    services.figure_create(
        actor=world.coordinator,
        ring=world.ring,
        key="kosten",
        label="Kosten je Fall",
        unit="€",
        source=FigureSource.COST_PER_CASE,
        service=service,
    )
    kpi: Kpi = services.kpi_create(
        actor=world.coordinator,
        ring=world.ring,
        key="kosten_je_fall",
        label="Kosten je Fall",
        formula="kosten",
        unit="€",
        better="lower",
        decimals=2,
    )
    services.period_publish(actor=world.coordinator, period=world.period)

    world.period.refresh_from_db()
    assert world.period.status == PeriodStatus.PUBLISHED
    costs = sorted(
        Value.objects.filter(period=world.period, figure__key="kosten").values_list(
            "participant__authority__name", "value", "source"
        )
    )
    assert costs == [
        ("Gemeinde A", D("58.2266"), ValueSource.PLATFORM),
        ("Gemeinde B", D("60.0000"), ValueSource.PLATFORM),
    ]
    found = {r.participant_id: (r.value, r.note) for r in Result.objects.filter(kpi=kpi)}
    missing = (None, "Grundzahl „kosten“ fehlt")
    assert [found[p.pk] for p in world.participants] == [
        (D("58.2266"), ""),
        (D(60), ""),
        missing,
        missing,
        missing,
        missing,
    ]
    # Two values: far below five, so nothing of a distribution is stored.
    spread = Statistic.objects.get(period=world.period, kpi=kpi)
    assert (spread.n, spread.minimum, spread.median, spread.maximum) == (2, None, None, None)


def test_without_an_approved_sheet_the_figure_stays_empty(world: World) -> None:
    """Only drafts: publishing stores no cost at all (rather than a misleading 0)."""
    service = cast(Service, ServiceFactory(title="Gewerbe anmelden"))
    a = world.members[0]
    sheet(a, staff(a, "a"), minutes(2025, 30), service, until=SheetStatus.DRAFT)
    fill(world)
    services.figure_create(
        actor=world.coordinator,
        ring=world.ring,
        key="kosten",
        label="Kosten je Fall",
        source=FigureSource.COST_PER_CASE,
        service=service,
    )
    services.period_publish(actor=world.coordinator, period=world.period)
    assert not Value.objects.filter(period=world.period, figure__key="kosten").exists()
    assert Value.objects.filter(period=world.period, source=ValueSource.PLATFORM).count() == 0
