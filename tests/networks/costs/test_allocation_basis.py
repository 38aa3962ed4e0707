"""The basis of a cost allocation from the database (verbund.networks.costs.basis): cases per
processing authority by calendar day in Europe/Berlin, population, both together."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AuthorityFactory, FormVersionFactory, ServiceFactory
from verbund.applications.models import Submission, SubmissionStatus
from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseStatus
from verbund.cases.services import case_open
from verbund.formengine.models import FormVersion
from verbund.networks.costs.allocation import MemberBasis
from verbund.networks.costs.basis import cases_per_authority, member_bases, population_on

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
JAN_1, MAR_31 = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
_numbers = itertools.count(1)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def receive(
    processing: Authority,
    at: dt.datetime,
    *,
    version: FormVersion,
    responsible: Authority | None = None,
    status: str = CaseStatus.RECEIVED,
) -> Case:
    """A case of ``processing`` received at ``at`` (case_open takes the submission's time)."""
    number = next(_numbers)
    submission = Submission.objects.create(
        reference=f"VB-2026-BASE-{number:04d}",
        submit_key=uuid.uuid4(),
        service=version.service,
        version=version,
        place=responsible or processing,
        responsible=responsible or processing,
        authority=processing,
        answers={"name": f"Anna {number}", "email": "anna@example.org"},
        status=SubmissionStatus.SUBMITTED,
        status_salt="0" * 32,
        submitted_at=at,
    )
    return case_open(submission=submission, status=status, processing_days=10)


@pytest.fixture
def world() -> dict[str, Any]:
    """A and B with cases around the period's boundaries; C without any."""
    a = cast(Authority, AuthorityFactory(name="Aldenhoven", population=13_800))
    b = cast(Authority, AuthorityFactory(name="Birgel", population=None))
    c = cast(Authority, AuthorityFactory(name="Linnich", population=12_700))
    version = cast(FormVersion, FormVersionFactory(service=ServiceFactory(builder=a)))
    for at in (
        berlin(2025, 12, 31, 23, 59, 59),  # the evening before: outside
        berlin(2026, 1, 1, 0, 0),  # 31 December 23:00 in UTC, but 1 January here: inside
        berlin(2026, 3, 31, 23, 59, 59, 999_999),  # summer time, last moment: inside
        berlin(2026, 4, 1, 0, 0),  # 31 March 22:00 in UTC, but 1 April here: outside
    ):
        receive(a, at, version=version)
    receive(b, berlin(2026, 2, 15, 12, 0), version=version)
    receive(b, dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC), version=version)  # clocks change
    receive(b, berlin(2026, 3, 2, 8, 0), version=version, status=CaseStatus.AWAITING_PAYMENT)
    # Processed by B for A (on A's behalf, a mandating agreement): A's case.
    receive(b, berlin(2026, 1, 20, 10, 0), version=version, responsible=a)
    return {"a": a, "b": b, "c": c}


def test_cases_per_responsible_authority_by_berlin_calendar_day(
    world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    a, b, c = world["a"], world["b"], world["c"]
    assert Case.objects.count() == 8
    with django_assert_num_queries(1):
        counts = cases_per_authority([c.pk, b.pk, a.pk], JAN_1, MAR_31)
    assert counts == {a.pk: 3, b.pk: 3, c.pk: 0}


def test_the_boundary_days_count_whole(world: dict[str, Any]) -> None:
    a, b = world["a"], world["b"]
    ids = [a.pk, b.pk]
    assert cases_per_authority(ids, JAN_1, JAN_1) == {a.pk: 1, b.pk: 0}
    assert cases_per_authority(ids, MAR_31, MAR_31) == {a.pk: 1, b.pk: 0}
    assert cases_per_authority(ids, dt.date(2025, 12, 31), dt.date(2025, 12, 31)) == {
        a.pk: 1,
        b.pk: 0,
    }
    assert cases_per_authority(ids, dt.date(2026, 4, 1), dt.date(2026, 4, 1)) == {
        a.pk: 1,
        b.pk: 0,
    }
    assert cases_per_authority(ids, dt.date(2026, 3, 29), dt.date(2026, 3, 29)) == {
        a.pk: 0,
        b.pk: 1,
    }
    assert cases_per_authority(ids, dt.date(2025, 1, 1), dt.date(2026, 12, 31)) == {
        a.pk: 5,
        b.pk: 3,
    }
    assert cases_per_authority(ids, dt.date(2026, 4, 2), dt.date(2026, 12, 31)) == {
        a.pk: 0,
        b.pk: 0,
    }


def test_cases_of_unknown_or_no_authorities(
    world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        assert cases_per_authority([], JAN_1, MAR_31) == {}
    assert cases_per_authority([world["a"].pk, 987_654], JAN_1, MAR_31) == {
        world["a"].pk: 3,
        987_654: 0,
    }


def test_a_period_that_ends_before_it_starts() -> None:
    with pytest.raises(ValidationError) as excinfo:
        cases_per_authority([1], MAR_31, JAN_1)
    assert excinfo.value.messages == ["Der Zeitraum endet vor seinem Beginn."]


def test_population_is_the_registers_figure(django_assert_num_queries: Any) -> None:
    known = cast(Authority, AuthorityFactory(population=46_000))
    unknown = cast(Authority, AuthorityFactory(population=None))
    merged = cast(Authority, AuthorityFactory(population=4_100, dissolved_on=dt.date(2026, 1, 1)))
    ids = [known.pk, unknown.pk, merged.pk, 987_654]
    with django_assert_num_queries(1):
        on_new_year = population_on(ids, dt.date(2026, 1, 1))
    assert on_new_year == {known.pk: 46_000, unknown.pk: None, merged.pk: None, 987_654: None}
    # The day before its dissolution the merged Gemeinde still had its inhabitants.
    assert population_on(ids, dt.date(2025, 12, 31))[merged.pk] == 4_100
    assert population_on([], dt.date(2026, 1, 1)) == {}


def test_member_bases_by_name_with_usage(
    world: dict[str, Any], django_assert_num_queries: Any
) -> None:
    a, b, c = world["a"], world["b"], world["c"]
    with django_assert_num_queries(2):
        bases = member_bases(
            [c.pk, a.pk, b.pk, 987_654],
            start=JAN_1,
            end=MAR_31,
            population_date=JAN_1,
            usage={c.pk: Decimal("12.5")},
        )
    assert bases == [
        MemberBasis(authority_id=a.pk, name="Aldenhoven", population=13_800, cases=3, usage=0),
        MemberBasis(authority_id=b.pk, name="Birgel", population=None, cases=3, usage=0),
        MemberBasis(
            authority_id=c.pk, name="Linnich", population=12_700, cases=0, usage=Decimal("12.5")
        ),
    ]
    assert member_bases([], start=JAN_1, end=MAR_31, population_date=JAN_1) == []
