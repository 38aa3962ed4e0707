"""The writes and reads of the activity analysis: validation with German messages and
nothing saved, the 17,500 € test over a group, due reasons, preparing and approving,
reuse across members, the cost allocation's ruling."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.vat.conftest import PUBLIC_OPEN, YEAR, D, World, make_stream
from verbund.core.access import Action, scoped
from verbund.core.models import AuditEntry
from verbund.networks.hooks import cost_vat_ruling
from verbund.vat import selectors, services
from verbund.vat.models import ActivityGroup, Assessment, RevenueStream, StreamAmount

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int, int]:
    return (
        ActivityGroup.objects.count(),
        RevenueStream.objects.count(),
        StreamAmount.objects.count(),
        Assessment.objects.count(),
        AuditEntry.objects.count(),
    )


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {k: [str(m) for e in v for m in e.messages] for k, v in exc.value.error_dict.items()}


def test_stream_without_legal_basis_is_refused_and_nothing_saved(world: World) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        make_stream(world.merzenich, legal_basis="  ")
    assert _errors(caught) == {
        "legal_basis": [
            "Bitte geben Sie die Rechtsgrundlage an (Satzung, Gebührensatzung oder Vertrag); "
            "ohne sie lässt sich die Tätigkeit nicht bewerten."
        ]
    }
    assert _counts() == before


def test_stream_with_unknown_choices_and_foreign_group(world: World) -> None:
    group = services.group_create(actor=None, authority=world.juelich, name="Vermietung")
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        make_stream(world.merzenich, legal_form="x", counterparty="y", group=group, title="")
    assert _errors(caught) == {
        "title": ["Bitte geben Sie eine Bezeichnung mit höchstens 200 Zeichen an."],
        "legal_form": ["Bitte wählen Sie die Rechtsform der Tätigkeit."],
        "counterparty": ["Bitte wählen Sie, an wen die Leistung geht."],
        "group": ["Die Gruppe gehört zu einer anderen Behörde."],
    }
    assert _counts() == before


def test_network_stream_one_per_network_and_only_for_a_member(world: World) -> None:
    make_stream(world.merzenich, title="Erstattungen DLZ", network=world.network)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        make_stream(world.juelich, title="Erstattungen", network=world.network)
    assert _errors(caught) == {
        "network": ["Für die Kostenerstattung im Verbund „DLZ“ gibt es schon eine Einnahmeart."]
    }
    with pytest.raises(ValidationError) as caught:
        make_stream(world.olpe, title="Erstattungen", network=world.network)
    assert _errors(caught) == {"network": ["Olpe ist kein aktives Mitglied des Verbunds „DLZ“."]}
    assert _counts() == before


def test_group_name_unique_per_authority(world: World) -> None:
    services.group_create(actor=None, authority=world.merzenich, name="Vermietung")
    services.group_create(actor=None, authority=world.juelich, name="Vermietung")
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.group_create(actor=None, authority=world.merzenich, name=" Vermietung ")
    assert _errors(caught) == {"name": ["Eine Gruppe mit dieser Bezeichnung gibt es schon."]}
    assert _counts() == before


@pytest.mark.parametrize(
    ("forecast", "actual", "errors"),
    [
        (D("-1"), None, {"forecast": ["Die Prognose darf nicht negativ sein."]}),
        (None, None, {"forecast": ["Bitte geben Sie die Prognose an."]}),
        (D("10"), D("-0.01"), {"actual": ["Der Ist-Betrag darf nicht negativ sein."]}),
    ],
)
def test_negative_amounts_are_refused_and_nothing_saved(
    world: World, forecast: Any, actual: Any, errors: dict[str, list[str]]
) -> None:
    stream = make_stream(world.merzenich)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.amount_set(
            actor=world.merzenich_clerk, stream=stream, year=YEAR, forecast=forecast, actual=actual
        )
    assert _errors(caught) == errors
    assert _counts() == before
    assert RevenueStream.objects.get(pk=stream.pk).amounts_changed_at is None


def test_amount_set_records_and_marks_the_change(world: World) -> None:
    stream = make_stream(world.merzenich)
    amount = services.amount_set(
        actor=world.merzenich_clerk, stream=stream, year=YEAR, forecast=D("1200.5")
    )
    assert (amount.forecast, amount.actual, amount.authority_id) == (
        D("1200.50"),
        None,
        world.merzenich.pk,
    )
    entry = AuditEntry.objects.get(action="vat.amount_set")
    assert entry.changes == {"year": YEAR, "forecast": [None, "1200.50"], "actual": [None, None]}
    assert RevenueStream.objects.get(pk=stream.pk).amounts_changed_at is not None
    # The same figures again: nothing recorded.
    services.amount_set(
        actor=world.merzenich_clerk, stream=stream, year=YEAR, forecast=D("1200.50")
    )
    assert AuditEntry.objects.filter(action="vat.amount_set").count() == 1


def test_group_totals_one_query_across_streams_and_authorities(
    world: World, django_assert_num_queries: Any
) -> None:
    rent = services.group_create(actor=None, authority=world.merzenich, name="Vermietung")
    a = make_stream(world.merzenich, title="Bürgerhaus", group=rent)
    b = make_stream(world.merzenich, title="Turnhalle", group=rent)
    c = make_stream(world.merzenich, title="Parken")
    d = make_stream(world.juelich, title="Parken")
    for stream, value in ((a, "10000"), (b, "7500"), (c, "300"), (d, "99")):
        services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D(value))
    services.amount_set(actor=None, stream=a, year=YEAR + 1, forecast=D("1"))
    with django_assert_num_queries(1):
        totals = selectors.group_totals([world.merzenich.pk, world.juelich.pk], YEAR)
    assert totals == {
        (world.merzenich.pk, f"group:{rent.pk}"): D("17500.00"),
        (world.merzenich.pk, f"stream:{c.pk}"): D("300.00"),
        (world.juelich.pk, f"stream:{d.pk}"): D("99.00"),
    }


def _two_in_a_group(world: World, second: str) -> RevenueStream:
    rent = services.group_create(actor=None, authority=world.merzenich, name="Vermietung")
    a = make_stream(world.merzenich, title="Bürgerhaus", group=rent)
    b = make_stream(world.merzenich, title="Turnhalle", group=rent)
    services.amount_set(actor=None, stream=a, year=YEAR, forecast=D("10000"))
    services.amount_set(actor=None, stream=b, year=YEAR, forecast=D(second))
    return a


def test_the_group_total_at_17500_00_is_not_taxable(world: World) -> None:
    stream = _two_in_a_group(world, "7500.00")
    answers = {**PUBLIC_OPEN, "reserved_task": False}
    assessment = services.assessment_decide(
        actor=world.merzenich_clerk, stream=stream, year=YEAR, answers=answers
    )
    assert (assessment.result, assessment.rule, assessment.group_total, assessment.status) == (
        "not_taxable",
        "de_minimis",
        D("17500.00"),
        "draft",
    )
    assert AuditEntry.objects.filter(action="vat.assessment_created").count() == 1


def test_one_cent_more_is_taxable_and_needs_the_rate(world: World) -> None:
    stream = _two_in_a_group(world, "7500.01")
    answers = {**PUBLIC_OPEN, "reserved_task": False, "exempt_private": False}
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.assessment_decide(
            actor=world.merzenich_clerk, stream=stream, year=YEAR, answers=answers
        )
    assert _errors(caught) == {
        "rate": ["Die Tätigkeit ist steuerbar: bitte wählen Sie den Steuersatz (19 % oder 7 %)."]
    }
    assert _counts() == before
    assessment = services.assessment_decide(
        actor=world.merzenich_clerk, stream=stream, year=YEAR, answers=answers, rate="19"
    )
    assert (assessment.result, assessment.rule, assessment.rate, assessment.group_total) == (
        "taxable",
        "distortion",
        "19",
        D("17500.01"),
    )


def test_an_unanswered_needed_question_names_it(world: World) -> None:
    stream = make_stream(world.merzenich)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.assessment_decide(
            actor=world.merzenich_clerk, stream=stream, year=YEAR, answers=PUBLIC_OPEN
        )
    assert list(_errors(caught)) == ["reserved_task"]
    assert _errors(caught)["reserved_task"][0].startswith(
        "Bitte beantworten Sie diese Frage: Ist die Aufgabe der öffentlichen Hand vorbehalten"
    )
    assert _counts() == before


def test_an_open_assessment_is_decided_again_an_approved_one_never(world: World) -> None:
    stream = make_stream(world.merzenich)
    first = services.assessment_decide(
        actor=world.merzenich_clerk,
        stream=stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": True},
    )
    again = services.assessment_decide(
        actor=world.merzenich_clerk,
        stream=stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": False},
    )
    assert again.pk == first.pk
    assert again.rule == "de_minimis"
    assert AuditEntry.objects.filter(action="vat.assessment_revised").count() == 1
    services.assessment_approve(actor=world.merzenich_admin, assessment=again)
    newer = services.assessment_decide(
        actor=world.merzenich_clerk,
        stream=stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": True},
    )
    assert newer.pk != first.pk
    assert Assessment.objects.get(pk=first.pk).rule == "de_minimis"


def test_the_service_centre_prepares_only_the_member_approves(world: World) -> None:
    stream = make_stream(world.merzenich)
    assessment = services.assessment_decide(
        actor=world.coordinator,
        stream=stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": True},
        prepared_by_network=world.network,
    )
    assert (assessment.status, assessment.prepared_by_network, assessment.prepared_by) == (
        "prepared",
        world.network,
        world.coordinator,
    )
    before = _counts()
    for user in (world.coordinator, world.merzenich_clerk):
        with pytest.raises(ValidationError) as caught:
            services.assessment_approve(actor=user, assessment=assessment)
        assert caught.value.messages == [
            "Freigeben darf nur die Verwaltung der Behörde, deren Einnahme es ist."
        ]
    assert _counts() == before
    assert Assessment.objects.get(pk=assessment.pk).status == "prepared"
    approved = services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)
    assert (approved.status, approved.approved_by) == ("approved", world.merzenich_admin)


def test_a_network_the_member_did_not_delegate_to_may_not_prepare(world: World) -> None:
    stream = make_stream(world.juelich)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.assessment_decide(
            actor=None,
            stream=stream,
            year=YEAR,
            answers={**PUBLIC_OPEN, "reserved_task": True},
            prepared_by_network=world.network,
        )
    assert caught.value.messages == [
        "Jülich hat die Umsatzsteuer-Tätigkeitsanalyse nicht an „DLZ“ übertragen "
        "(Stufe 4 im Kooperationsfeld)."
    ]
    assert _counts() == before


def test_foreign_staff_may_not_change_a_stream(world: World) -> None:
    stream = make_stream(world.merzenich)
    before = _counts()
    for user in (world.juelich_clerk, world.olpe_clerk, world.other_coordinator):
        with pytest.raises(ValidationError):
            services.amount_set(actor=user, stream=stream, year=YEAR, forecast=D("1"))
        with pytest.raises(ValidationError):
            services.assessment_decide(
                actor=user, stream=stream, year=YEAR, answers={"exchange": False}
            )
    assert _counts() == before


def test_reuse_copies_answers_and_recomputes_the_line_with_the_own_total(world: World) -> None:
    source_stream = make_stream(world.merzenich, title="Parkgebühren")
    services.amount_set(actor=None, stream=source_stream, year=YEAR, forecast=D("50000"))
    source = services.assessment_decide(
        actor=None,
        stream=source_stream,
        year=YEAR,
        answers={**PUBLIC_OPEN, "reserved_task": False, "exempt_private": False},
        rate="19",
    )
    own = make_stream(world.juelich, title="Parken")
    services.amount_set(actor=None, stream=own, year=YEAR, forecast=D("800"))
    with pytest.raises(ValidationError) as caught:
        services.assessment_reuse(actor=world.juelich_clerk, stream=own, source=source, year=YEAR)
    assert caught.value.messages == ["Nur eine freigegebene Bewertung kann übernommen werden."]
    services.assessment_approve(actor=world.merzenich_admin, assessment=source)
    source.refresh_from_db()
    copy = services.assessment_reuse(
        actor=world.juelich_clerk, stream=own, source=source, year=YEAR
    )
    assert (copy.authority, copy.reused_from, copy.status, copy.result, copy.rule) == (
        world.juelich,
        source,
        "draft",
        "not_taxable",
        "de_minimis",
    )
    assert (copy.group_total, copy.rate) == (D("800.00"), "")
    # Fellow members see the approved assessment, never the register.
    assert list(scoped(world.juelich_clerk, Assessment).filter(authority=world.merzenich)) == [
        source
    ]
    assert not scoped(world.juelich_clerk, RevenueStream).filter(pk=source_stream.pk).exists()
    assert not scoped(world.juelich_clerk, StreamAmount).filter(stream=source_stream).exists()
    assert not scoped(world.olpe_clerk, Assessment).exists()
    assert not scoped(world.juelich_clerk, Assessment, Action.CHANGE).filter(pk=source.pk).exists()


def test_due_reasons(world: World) -> None:
    stream = make_stream(world.merzenich)
    services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D("17000"))

    def due() -> list[str]:
        row = next(s for g in selectors.register_of(world.merzenich.pk, YEAR) for s in g.streams)
        return [d.code for d in row.due]

    assert due() == ["year"]
    assessment = services.assessment_decide(
        actor=None, stream=stream, year=YEAR, answers={**PUBLIC_OPEN, "reserved_task": False}
    )
    assert due() == ["year"]  # a draft is not an approval
    services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)
    assert due() == []
    services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D("18000"))
    assert due() == ["amounts", "threshold"]
    # A new year: nothing approved for it yet.
    assert [
        d.code
        for g in selectors.register_of(world.merzenich.pk, YEAR + 1)
        for s in g.streams
        for d in s.due
    ] == ["year"]


def test_cost_vat_ruling_follows_the_approved_assessment(world: World) -> None:
    on = dt.date(YEAR, 12, 31)
    assert cost_vat_ruling(world.network.pk, on) is None
    stream = make_stream(
        world.merzenich,
        title="Erstattungen DLZ",
        network=world.network,
        counterparty="public_body",
        legal_basis="Öffentlich-rechtliche Vereinbarung DLZ vom 1.1.2024",
    )
    services.amount_set(actor=None, stream=stream, year=YEAR, forecast=D("48433"))
    answers = {
        **PUBLIC_OPEN,
        "reserved_task": False,
        "exempt_private": False,
        "only_public_bodies": False,
        "long_term_agreement": True,
        "shared_public_task": True,
        "cost_reimbursement_only": True,
        "mainly_public_bodies": True,
        "support_service": True,
    }
    assessment = services.assessment_decide(
        actor=None, stream=stream, year=YEAR, answers=answers, rate="19"
    )
    assert cost_vat_ruling(world.network.pk, on) is None  # not approved yet
    services.assessment_approve(actor=world.merzenich_admin, assessment=assessment)
    ruling = cost_vat_ruling(world.network.pk, on)
    assert ruling is not None
    assert (ruling.rate, ruling.basis, ruling.url) == (
        D("0.19"),
        "Tätigkeitsanalyse 2027 von Merzenich: steuerbar, 19 % "
        "(Regel: größere Wettbewerbsverzerrungen (§ 2b Abs. 1 UStG))",
        f"/verwaltung/umsatzsteuer/bewertungen/{assessment.pk}/",
    )
    assert cost_vat_ruling(world.network.pk, dt.date(YEAR + 1, 1, 1)) is None


def test_streams_mark_reminded(world: World) -> None:
    stream = make_stream(world.merzenich)
    when = timezone.now()
    assert (
        services.streams_mark_reminded(
            actor=None, authority=world.merzenich, reminders={stream.pk: "year:2027"}, when=when
        )
        == 1
    )
    stream.refresh_from_db()
    assert (stream.reminded_for, stream.reminded_at) == ("year:2027", when)
    assert AuditEntry.objects.get(action="vat.reminder_sent").changes == {
        "streams": ["Parkgebühren"]
    }
