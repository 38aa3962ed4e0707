"""Base figures the platform computes, with real rows: cases received (through the
back office's ``core.facts``), the median processing time of decided cases, the share
of services offered online on 31 December, and publishing a period that stores them
for the participants. Submissions, cases and decisions are made the way the isolation
world makes them (``tests/isolation/world.py``): a submitted application opened as a
case by ``case_open``, taken and decided through the cases services at the time the
test says."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import cast
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.benchmarks.conftest import World, fill
from tests.factories import AdoptionFactory, FormVersionFactory, ServiceFactory
from verbund.accounts.models import User
from verbund.applications.models import Submission, SubmissionStatus
from verbund.authorities.models import Authority
from verbund.benchmarks import services
from verbund.benchmarks.models import (
    Figure,
    FigureSource,
    Kpi,
    Result,
    Statistic,
    Value,
    ValueSource,
)
from verbund.benchmarks.platform import figure_values
from verbund.cases.models import Case, CaseStatus, Decision, DecisionOutcome
from verbund.cases.selectors import processing_days_median
from verbund.cases.services import (
    case_assign,
    case_open,
    decision_issue,
    stored_file_from_bytes,
)
from verbund.catalogue.models import Service
from verbund.core.models import AuditEntry
from verbund.formengine.models import FormVersion

pytestmark = pytest.mark.django_db
D = Decimal
BERLIN = ZoneInfo("Europe/Berlin")
# The specialist system's own letter: no court needs to be entered, no PDF rendered.
LETTER = b"%PDF-1.4\n% Bescheid aus dem Fachverfahren\n"
_references: Iterator[int] = itertools.count(1)


def berlin(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def receive(authority: Authority, version: FormVersion, at: dt.datetime) -> Case:
    """A submitted application for ``authority`` and its case, received at ``at``."""
    number = next(_references)
    submission = Submission.objects.create(
        reference=f"VB-2025-TEST-{number:04d}",
        submit_key=uuid.uuid4(),
        service=version.service,
        version=version,
        place=authority,
        responsible=authority,
        authority=authority,
        answers={"name": f"Anna {number}"},
        status=SubmissionStatus.SUBMITTED,
        status_salt="0" * 32,
        submitted_at=at,
    )
    return case_open(submission=submission, status=CaseStatus.RECEIVED, processing_days=10)


def decide(case: Case, clerk: User, at: dt.datetime) -> Decision:
    """``clerk`` takes the case and issues its Bescheid, both at ``at``."""
    with mock.patch("django.utils.timezone.now", return_value=at.astimezone(dt.UTC)):
        taken = case_assign(actor=clerk, case=case, assignee=clerk)
        return decision_issue(
            actor=clerk,
            case=taken,
            outcome=DecisionOutcome.GRANTED,
            body="Dem Antrag wird stattgegeben.",
            remedy_notice="",
            fee_amount=D(0),
            pdf=stored_file_from_bytes("Bescheid.pdf", "application/pdf", LETTER),
        )


def handled(
    authority: Authority,
    clerk: User,
    version: FormVersion,
    received: dt.datetime,
    decided: dt.datetime,
) -> Case:
    case = receive(authority, version, received)
    decide(case, clerk, decided)
    return case


class Desk:
    """Two services with a form each, and the cases of the world's members A, B and Z
    (the network member outside the ring):

    =====  =======  ====================  ===========================  ====
    who    service  received (Berlin)     decided (Berlin)             days
    =====  =======  ====================  ===========================  ====
    A      S        2025-03-03            2025-03-05                   2
    A      S        2025-06-02            2025-06-07                   5
    A      S        2025-12-22 08:00      2025-12-31 23:30 (in 2025)   9
    A      S        2025-04-01            not decided                  –
    A      S        2024-12-20            2024-12-30 (before)          10
    A      S        2025-12-30            2026-01-01 00:30 (after)     2
    A      T        2025-05-05            2025-05-09                   4
    B      S        2025-02-03            2025-03-05                   30
    Z      S        2025-03-03            2025-03-04                   1
    =====  =======  ====================  ===========================  ====
    """

    def __init__(self, world: World) -> None:
        self.service_s = cast(Service, ServiceFactory(title="Leistung S"))
        self.service_t = cast(Service, ServiceFactory(title="Leistung T"))
        form_s = cast(FormVersion, FormVersionFactory(service=self.service_s))
        form_t = cast(FormVersion, FormVersionFactory(service=self.service_t))
        a, b = world.members[0], world.members[1]
        clerk_a, clerk_b = world.clerks[0], world.clerks[1]
        handled(a, clerk_a, form_s, berlin(2025, 3, 3), berlin(2025, 3, 5))
        handled(a, clerk_a, form_s, berlin(2025, 6, 2), berlin(2025, 6, 7))
        handled(a, clerk_a, form_s, berlin(2025, 12, 22, 8), berlin(2025, 12, 31, 23, 30))
        self.undecided = receive(a, form_s, berlin(2025, 4, 1))
        handled(a, clerk_a, form_s, berlin(2024, 12, 20), berlin(2024, 12, 30))
        handled(a, clerk_a, form_s, berlin(2025, 12, 30), berlin(2026, 1, 1, 0, 30))
        handled(a, clerk_a, form_t, berlin(2025, 5, 5), berlin(2025, 5, 9))
        handled(b, clerk_b, form_s, berlin(2025, 2, 3), berlin(2025, 3, 5))
        handled(
            world.outsider, world.outsider_clerk, form_s, berlin(2025, 3, 3), berlin(2025, 3, 4)
        )


@pytest.fixture
def desk(world: World) -> Desk:
    return Desk(world)


# --- the processing time ---------------------------------------------------------------------


def test_the_cases_were_decided_when_the_table_says(world: World, desk: Desk) -> None:
    """The fixture itself: the decisions carry the instants the table gives."""
    issued = sorted(
        (d.case.received_at.astimezone(BERLIN).date(), d.issued_at.astimezone(BERLIN))
        for d in Decision.objects.filter(case__authority=world.members[0]).select_related("case")
    )
    assert [(r.isoformat(), i.isoformat()) for r, i in issued] == [
        ("2024-12-20", "2024-12-30T10:00:00+01:00"),
        ("2025-03-03", "2025-03-05T10:00:00+01:00"),
        ("2025-05-05", "2025-05-09T10:00:00+02:00"),
        ("2025-06-02", "2025-06-07T10:00:00+02:00"),
        ("2025-12-22", "2025-12-31T23:30:00+01:00"),
        ("2025-12-30", "2026-01-01T00:30:00+01:00"),
    ]
    desk.undecided.refresh_from_db()
    assert desk.undecided.status == CaseStatus.RECEIVED


def test_median_processing_days_of_one_service(world: World, desk: Desk) -> None:
    """A's cases of S decided in 2025 took 2, 5 and 9 days: the median is 5. The undecided
    case, the one decided in 2024 and the one decided in the first minutes of 2026
    (Berlin time; still 2025 in UTC) are not counted, nor is another authority's case;
    C decided nothing and is left out."""
    a, b, c = world.members[:3]
    found = processing_days_median(
        authority_ids=[a.pk, b.pk, c.pk],
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        service_id=desk.service_s.pk,
    )
    assert found == {a.pk: D(5), b.pk: D(30)}


def test_median_processing_days_of_every_service(world: World, desk: Desk) -> None:
    """With T's case of 4 days, A has four: 2, 4, 5 and 9, whose median is 4.5."""
    a, b = world.members[:2]
    found = processing_days_median(
        authority_ids={a.pk, b.pk}, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )
    assert found == {a.pk: D("4.5"), b.pk: D(30)}
    assert found[a.pk] == D("4.5")


def test_median_processing_days_follows_the_period(world: World, desk: Desk) -> None:
    a = world.members[0]
    december = processing_days_median(
        authority_ids=[a.pk], start=dt.date(2024, 12, 1), end=dt.date(2024, 12, 31)
    )
    assert december == {a.pk: D(10)}
    new_year = processing_days_median(
        authority_ids=[a.pk], start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1)
    )
    assert new_year == {a.pk: D(2)}
    assert (
        processing_days_median(
            authority_ids=[], start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
        )
        == {}
    )


def _figure(world: World, key: str, source: str, service: Service | None = None) -> Figure:
    return services.figure_create(
        actor=world.coordinator,
        ring=world.ring,
        key=key,
        label=key,
        source=source,
        service=service,
    )


def test_figure_values_for_cases_and_processing_days(world: World, desk: Desk) -> None:
    """Cases are counted in the year they were received (the one received in 2024 is
    not, the one decided in 2026 is); members without cases count 0."""
    ids = {m.pk for m in world.members}
    a, b = world.members[:2]
    zero = {m.pk: D(0) for m in world.members[2:]}
    every = _figure(world, "antraege", FigureSource.CASES)
    of_s = _figure(world, "antraege_s", FigureSource.CASES, desk.service_s)
    days = _figure(world, "tage_s", FigureSource.PROCESSING_DAYS, desk.service_s)
    assert figure_values(every, year=2025, authority_ids=ids) == {a.pk: D(6), b.pk: D(1), **zero}
    assert figure_values(of_s, year=2025, authority_ids=ids) == {a.pk: D(5), b.pk: D(1), **zero}
    assert figure_values(every, year=2024, authority_ids=ids) == {
        a.pk: D(1),
        b.pk: D(0),
        **zero,
    }
    assert figure_values(days, year=2025, authority_ids=ids) == {a.pk: D(5), b.pk: D(30)}
    assert figure_values(every, year=2025, authority_ids=set()) == {}


# --- the online share ------------------------------------------------------------------------


def offer(world: World) -> None:
    """A: 2 of 3 services online; B: 1 of 1; C: 1 of 4 running on 31 December 2025 (an
    adoption ended in June, one starting in 2026 and one of a draft service do not
    count); D: 0 of 1; E and F adopted nothing."""
    a, b, c, d = world.members[:4]
    AdoptionFactory(authority=a, online=True)
    AdoptionFactory(authority=a, online=True)
    AdoptionFactory(authority=a, online=False)
    AdoptionFactory(authority=b, online=True)
    AdoptionFactory(authority=c, online=True)
    for _index in range(3):
        AdoptionFactory(authority=c, online=False)
    AdoptionFactory(authority=c, online=True, ended_on=dt.date(2025, 6, 30))
    AdoptionFactory(authority=c, online=True, started_on=dt.date(2026, 2, 1))
    AdoptionFactory(authority=c, online=True, service=ServiceFactory(draft=True))
    AdoptionFactory(authority=d, online=False)
    # An adoption that ends on the last day still runs on it.
    AdoptionFactory(authority=d, online=False, ended_on=dt.date(2025, 12, 31))


def test_online_share_on_the_last_day_of_the_year(world: World) -> None:
    offer(world)
    a, b, c, d = world.members[:4]
    online = _figure(world, "online", FigureSource.ONLINE_SHARE)
    found = figure_values(online, year=2025, authority_ids={m.pk for m in world.members})
    assert found == {
        a.pk: D(200) / D(3),
        b.pk: D(100),
        c.pk: D(25),
        d.pk: D(0),
    }
    # In 2026 (the running year: today's offer) C's new adoption runs and its ended
    # ones do not; D's second adoption has ended.
    in_2026 = figure_values(online, year=2026, authority_ids={c.pk, d.pk})
    assert in_2026 == {c.pk: D(40), d.pk: D(0)}


# --- publishing ------------------------------------------------------------------------------


def test_publishing_fills_the_platform_figures(world: World, desk: Desk) -> None:
    offer(world)
    fill(world)  # faelle and einwohner (10,000 each) entered for everyone
    _figure(world, "antraege", FigureSource.CASES)
    _figure(world, "antraege_s", FigureSource.CASES, desk.service_s)
    _figure(world, "tage", FigureSource.PROCESSING_DAYS, desk.service_s)
    _figure(world, "online", FigureSource.ONLINE_SHARE)
    per_1000 = services.kpi_create(
        actor=world.coordinator,
        ring=world.ring,
        key="antraege_je_1000",
        label="Anträge je 1.000 Einwohner",
        formula="antraege / einwohner * 1000",
        decimals=2,
    )
    share = services.kpi_create(
        actor=world.coordinator,
        ring=world.ring,
        key="online_quote",
        label="Online-Quote",
        formula="online",
        unit="%",
    )
    services.period_publish(actor=world.coordinator, period=world.period)

    names = {p.pk: p.authority.name for p in world.participants}
    platform = sorted(
        (names[participant], key, value)
        for participant, key, value in Value.objects.filter(
            period=world.period, source=ValueSource.PLATFORM
        ).values_list("participant", "figure__key", "value")
    )
    zero_cases = [
        (f"Gemeinde {c}", key, D(0)) for c in "CDEF" for key in ("antraege", "antraege_s")
    ]
    assert platform == sorted(
        [
            ("Gemeinde A", "antraege", D(6)),
            ("Gemeinde A", "antraege_s", D(5)),
            ("Gemeinde A", "online", D("66.6667")),
            ("Gemeinde A", "tage", D(5)),
            ("Gemeinde B", "antraege", D(1)),
            ("Gemeinde B", "antraege_s", D(1)),
            ("Gemeinde B", "online", D(100)),
            ("Gemeinde B", "tage", D(30)),
            ("Gemeinde C", "online", D(25)),
            ("Gemeinde D", "online", D(0)),
            *zero_cases,
        ]
    )
    # The entered values stay as they were, and the outsider's case counts nowhere.
    assert Value.objects.filter(period=world.period, source=ValueSource.ENTERED).count() == 12
    assert not Value.objects.filter(participant__authority=world.outsider).exists()

    def results(kpi: Kpi) -> list[tuple[Decimal | None, str]]:
        found = {r.participant_id: (r.value, r.note) for r in Result.objects.filter(kpi=kpi)}
        return [found[p.pk] for p in world.participants]

    assert results(per_1000) == [
        (D("0.6"), ""),
        (D("0.1"), ""),
        (D(0), ""),
        (D(0), ""),
        (D(0), ""),
        (D(0), ""),
    ]
    assert results(share) == [
        (D("66.6667"), ""),
        (D(100), ""),
        (D(25), ""),
        (D(0), ""),
        (None, "Grundzahl „online“ fehlt"),
        (None, "Grundzahl „online“ fehlt"),
    ]
    # Type 7 over 0, 0, 0, 0, 0.1, 0.6: Q3 lies three quarters of the way from 0 to 0.1.
    spread = Statistic.objects.get(period=world.period, kpi=per_1000)
    assert (spread.n, spread.minimum, spread.q1, spread.median, spread.q3, spread.maximum) == (
        6,
        D(0),
        D(0),
        D(0),
        D("0.075"),
        D("0.6"),
    )
    # Four online shares are below the threshold of five: no distribution at all.
    below = Statistic.objects.get(period=world.period, kpi=share)
    assert (below.n, below.minimum, below.median, below.maximum) == (4, None, None, None)
    entry = AuditEntry.objects.get(action="benchmarks.period_published")
    assert entry.changes == {
        "status": ["open", "published"],
        "results": 6 + 6 + 4,
        "platform_values": 6 + 6 + 2 + 4,
    }


def test_a_period_with_only_platform_figures_can_be_published(world: World, desk: Desk) -> None:
    """No member entered anything: the platform's figures alone are base figures."""
    _figure(world, "tage", FigureSource.PROCESSING_DAYS, desk.service_s)
    kpi = services.kpi_create(
        actor=world.coordinator, ring=world.ring, key="dauer", label="Dauer", formula="tage"
    )
    services.period_publish(actor=world.coordinator, period=world.period)
    a, b = world.participants[:2]
    assert sorted(
        Result.objects.filter(kpi=kpi, value__isnull=False).values_list("participant", "value")
    ) == sorted([(a.pk, D(5)), (b.pk, D(30))])


def test_the_online_share_takes_no_service(world: World) -> None:
    """The share is over all of a member's services: a service chosen for it would be
    ignored when it is computed, so it is refused and nothing is saved."""
    before = AuditEntry.objects.count()
    service = cast(Service, ServiceFactory())
    with pytest.raises(ValidationError) as caught:
        services.figure_create(
            actor=world.coordinator,
            ring=world.ring,
            key="online",
            label="Online-Quote",
            source=FigureSource.ONLINE_SHARE,
            service=service,
        )
    assert caught.value.message_dict == {
        "service": [
            "Leistung: Der Anteil online beantragbarer Leistungen gilt für alle Leistungen; "
            "bitte wählen Sie keine Leistung."
        ]
    }
    assert not Figure.objects.filter(key="online").exists()
    assert AuditEntry.objects.count() == before
