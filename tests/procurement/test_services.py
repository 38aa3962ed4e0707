"""Writes of the joint procurement: each with its audit entry; every refused write
(bad input, after the deadline, a non-member, the wrong role) leaves no row and no
entry. The figures of a call (estimate, threshold, 80/20), the agreement of the
mandates, the awards and the shares in the cost allocation, exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from tests.procurement.conftest import (
    AFTER,
    CREATED,
    DEADLINE,
    PRINTERS,
    REPORTED,
    D,
    World,
    add_line,
    counts,
    make_call,
)
from verbund.core.access import Action, can, scoped
from verbund.core.models import AuditEntry
from verbund.networks.costs.models import BudgetUsage, ParticipantRule
from verbund.networks.models import Agreement, AgreementKind
from verbund.procurement import selectors, services
from verbund.procurement.models import CallStatus, DemandCall, DemandLine, Mandate
from verbund.procurement.rules import Regime

pytestmark = pytest.mark.django_db

EU_REASON = (
    "Geschätzter Auftragswert 230.400,00 € (Bedarf aller Mitglieder über 48 Monate "
    "einschließlich Optionen) erreicht den Schwellenwert 216.000,00 € für Liefer- und "
    "Dienstleistungen (gültig 2026–2027): EU-weites Verfahren."
)


def _refused(write: Any, /, **kwargs: Any) -> dict[str, list[str]]:
    before = counts()
    with pytest.raises(ValidationError) as caught:
        write(**kwargs)
    assert counts() == before
    return caught.value.message_dict


def _printers(world: World) -> tuple[DemandCall, list[DemandLine]]:
    """The example: 48,000 € of demand a year, 36 + 12 months, 20 % quantity option."""
    call = make_call(world)
    lines = [
        add_line(world, call, world.merzenich, "40", "600"),
        add_line(world, call, world.juelich, "20", "600"),
        add_line(world, call, world.kerpen, "12", "500"),
        add_line(world, call, world.kerpen, "12", "500"),
    ]
    return call, lines


# --- calls -------------------------------------------------------------------------------


def test_a_call_derives_its_kind_and_is_audited(world: World) -> None:
    call = make_call(world, cpv_code=" 30120000-6 ")
    assert (call.cpv_code, call.kind, call.status, call.created_by) == (
        "30120000-6",
        "supplies",
        CallStatus.OPEN,
        world.coordinator,
    )
    entry = AuditEntry.objects.get(action="procurement.call_created")
    assert (entry.network_id, entry.changes["subject"]) == (world.network.pk, [None, PRINTERS])
    assert make_call(world, cpv_code="45000000-7").kind == "works"
    assert make_call(world, cpv_code="72000000-5").kind == "services"


def test_bad_call_input_is_refused_by_field(world: World) -> None:
    assert _refused(
        services.demand_call_create,
        actor=world.coordinator,
        network=world.network,
        subject=" ",
        cpv_code="46000000-1",
        deadline=dt.date(2026, 11, 30),
        term_months=0,
        option_months=-1,
        option_percent=D("-5"),
        lead_authority=world.olpe,
        today=CREATED,
    ) == {
        "subject": ["Bitte geben Sie den Gegenstand der Beschaffung an."],
        "cpv_code": ["„46“ ist keine Abteilung des CPV (die ersten beiden Ziffern)."],
        "term_months": ["Die Laufzeit muss zwischen 1 und 600 Monaten liegen."],
        "option_months": ["Die Verlängerungsoptionen müssen zwischen 0 und 600 Monaten liegen."],
        "option_percent": ["Die Mengenoption darf nicht negativ sein."],
        "lead_authority": ["Olpe ist am 30.11.2026 kein Mitglied des Verbunds."],
        "deadline": ["Die Frist darf nicht in der Vergangenheit liegen."],
    }


def test_only_coordinators_open_a_call(world: World) -> None:
    for actor in (world.merzenich_admin, world.other_coordinator):
        assert _refused(make_call, world=world, actor=actor) == {
            NON_FIELD_ERRORS: [
                "Eine Bedarfsabfrage legen die Koordinatorinnen und Koordinatoren des Verbunds an."
            ]
        }


def test_update_and_close(world: World) -> None:
    call = make_call(world)
    call = services.demand_call_update(
        actor=world.coordinator,
        call=call,
        subject="Drucker",
        cpv_code="30120000-6",
        deadline=DEADLINE,
        term_months=48,
        lead_authority=world.merzenich,
    )
    assert (call.subject, call.term_months, call.option_months, call.option_percent) == (
        "Drucker",
        48,
        0,
        D(0),
    )
    entry = AuditEntry.objects.get(action="procurement.call_updated")
    assert entry.changes["term_months"] == [36, 48]
    assert _refused(services.demand_call_close, actor=world.coordinator, call=call) == {
        NON_FIELD_ERRORS: [
            "Es gibt noch keine Bedarfsmeldung; eine leere Abfrage wird nicht geschlossen."
        ]
    }
    add_line(world, call, world.juelich, "1", "10")
    call = services.demand_call_close(actor=world.coordinator, call=call)
    assert call.status == CallStatus.CLOSED
    assert _refused(
        services.demand_call_update,
        actor=world.coordinator,
        call=call,
        subject="X",
        cpv_code="30120000-6",
        deadline=DEADLINE,
        term_months=1,
        lead_authority=world.merzenich,
    ) == {NON_FIELD_ERRORS: ["Nur eine offene Bedarfsabfrage kann geändert werden."]}


# --- demand lines ------------------------------------------------------------------------


def test_a_member_reports_its_demand(world: World) -> None:
    call = make_call(world)
    line = add_line(
        world,
        call,
        world.juelich,
        "20",
        "600",
        actor=world.juelich_clerk,
        delivery_site="Rathaus Jülich",
        budget_line="1.11.01 / 783100",
    )
    assert (line.network, line.authority, line.quantity, line.unit_price, line.created_by) == (
        world.network,
        world.juelich,
        D(20),
        D(600),
        world.juelich_clerk,
    )
    entry = AuditEntry.objects.get(action="procurement.line_added")
    assert (entry.network_id, entry.authority_id) == (world.network.pk, world.juelich.pk)
    # On the deadline's day a line is still accepted.
    add_line(world, call, world.kerpen, "1", "0", today=DEADLINE)


def test_a_line_after_the_deadline_is_refused(world: World) -> None:
    call = make_call(world)
    assert _refused(
        add_line,
        world=world,
        call=call,
        authority=world.juelich,
        quantity="1",
        price="1",
        today=AFTER,
    ) == {"deadline": ["Die Frist für Bedarfsmeldungen endete am 15.01.2027."]}


def test_negative_figures_and_missing_text_are_named_by_field(world: World) -> None:
    call = make_call(world)
    assert _refused(
        services.demand_line_add,
        actor=world.juelich_clerk,
        call=call,
        authority=world.juelich,
        description="",
        quantity=D("-3"),
        unit=" ",
        unit_price=D("-0.01"),
        today=REPORTED,
    ) == {
        "description": ["Bitte beschreiben Sie den Bedarf."],
        "quantity": ["Die Menge muss größer als 0 sein."],
        "unit": ["Bitte geben Sie die Einheit an (z. B. Stück)."],
        "unit_price": ["Der Einzelpreis darf nicht negativ sein."],
    }
    assert _refused(
        add_line, world=world, call=call, authority=world.juelich, quantity="0", price="1.001"
    ) == {
        "quantity": ["Die Menge muss größer als 0 sein."],
        "unit_price": ["Der Einzelpreis: höchstens zwei Nachkommastellen."],
    }


def test_a_non_member_and_another_members_staff_are_refused(world: World) -> None:
    call = make_call(world)
    assert _refused(
        add_line, world=world, call=call, authority=world.olpe, quantity="1", price="1"
    ) == {"authority": ["Olpe ist kein Mitglied des Verbunds „DLZ“."]}
    assert _refused(
        add_line,
        world=world,
        call=call,
        authority=world.kerpen,
        quantity="1",
        price="1",
        actor=world.juelich_clerk,
    ) == {NON_FIELD_ERRORS: ["Sie dürfen für Kerpen keinen Bedarf melden."]}


def test_lines_change_and_go_only_before_the_deadline(world: World) -> None:
    call = make_call(world)
    line = add_line(world, call, world.juelich, "20", "600", actor=world.juelich_clerk)
    changed = services.demand_line_update(
        actor=world.juelich_clerk,
        line=line,
        description="Multifunktionsgerät A4",
        quantity=D(25),
        unit="Stück",
        unit_price=D("550.50"),
        today=REPORTED,
    )
    assert (changed.quantity, changed.unit_price) == (D(25), D("550.50"))
    assert AuditEntry.objects.get(action="procurement.line_updated").changes["quantity"] == [
        "20.00",
        "25",
    ]
    assert _refused(
        services.demand_line_update,
        actor=world.juelich_clerk,
        line=line,
        description="x",
        quantity=D(1),
        unit="Stück",
        unit_price=D(1),
        today=AFTER,
    ) == {"deadline": ["Die Frist für Bedarfsmeldungen endete am 15.01.2027."]}
    assert _refused(
        services.demand_line_remove, actor=world.juelich_clerk, line=line, today=AFTER
    ) == {"deadline": ["Die Frist für Bedarfsmeldungen endete am 15.01.2027."]}
    assert _refused(
        services.demand_line_remove, actor=world.kerpen_clerk, line=line, today=REPORTED
    ) == {NON_FIELD_ERRORS: ["Sie dürfen diese Bedarfsmeldung nicht zurückziehen."]}
    services.demand_line_remove(actor=world.juelich_clerk, line=line, today=REPORTED)
    assert DemandLine.objects.count() == 0
    assert AuditEntry.objects.filter(action="procurement.line_removed").count() == 1


# --- figures -----------------------------------------------------------------------------


def test_the_estimate_and_the_threshold_of_the_example(world: World) -> None:
    call, _lines = _printers(world)
    figures = selectors.call_figures(call)
    assert (figures.annual, figures.value, figures.members) == (D(48000), D("230400.00"), 3)
    assert figures.check.regime == Regime.EU
    assert figures.check.reason == EU_REASON
    assert figures.formula.startswith(
        "Geschätzter Auftragswert = Summe der Jahreswerte aller Bedarfsmeldungen (Menge × "
        "geschätzter Einzelpreis netto) × (36 + 12 Monate) / 12 × (1 + 20 %)"
    )
    totals = selectors.member_totals(call)
    assert [(t.authority.name, t.lines, t.annual, t.value, t.mandate) for t in totals] == [
        ("Jülich", 1, D(12000), D("57600.00"), False),
        ("Kerpen", 2, D(12000), D("57600.00"), False),
        ("Merzenich", 1, D(24000), D("115200.00"), True),  # the lead needs no mandate
    ]


def test_one_line_less_stays_below_the_threshold(world: World) -> None:
    call, lines = _printers(world)
    services.demand_line_remove(actor=world.coordinator, line=lines[3], today=REPORTED)
    check = selectors.call_figures(call).check
    assert (check.regime, check.value) == (Regime.NATIONAL, D("201600.00"))


def test_the_80_20_table_smallest_lots_first(world: World) -> None:
    call, lines = _printers(world)
    services.demand_call_close(actor=world.coordinator, call=call)
    for title, pooled in (
        ("Rathäuser", lines[:2]),
        ("Kerpen Schulen", [lines[2]]),
        ("Kerpen Bauhof", [lines[3]]),
    ):
        services.lot_create(actor=world.coordinator, call=call, title=title, lines=pooled)
    figures = selectors.call_figures(call)
    assert [(f.lot.number, f.value, f.members, f.small) for f in figures.lots] == [
        (1, D("172800.00"), 2, False),
        (2, D("28800.00"), 1, True),  # below 80,000 and within 20 % (46,080)
        (3, D("28800.00"), 1, False),  # small, but the quota would be exceeded
    ]
    assert figures.quota is not None
    assert (figures.quota.quota, figures.quota.used) == (D("46080.00"), D("28800.00"))


# --- mandates ----------------------------------------------------------------------------


def test_the_members_admin_grants_and_withdraws_the_mandate(world: World) -> None:
    call = make_call(world)
    mandate = services.mandate_grant(
        actor=world.juelich_admin, call=call, authority=world.juelich, today=REPORTED
    )
    assert (mandate.network, mandate.authority, mandate.granted_by) == (
        world.network,
        world.juelich,
        world.juelich_admin,
    )
    assert (
        AuditEntry.objects.get(action="procurement.mandate_granted").authority_id
        == world.juelich.pk
    )
    assert _refused(
        services.mandate_grant,
        actor=world.juelich_admin,
        call=call,
        authority=world.juelich,
        today=REPORTED,
    ) == {"authority": ["Jülich hat das Mandat bereits erteilt."]}
    assert _refused(
        services.mandate_grant, actor=world.kerpen_clerk, call=call, authority=world.kerpen
    ) == {NON_FIELD_ERRORS: ["Das Mandat erteilt die Verwaltung von Kerpen."]}
    assert _refused(
        services.mandate_grant, actor=world.merzenich_admin, call=call, authority=world.merzenich
    ) == {"authority": ["Merzenich führt das Verfahren selbst und braucht kein Mandat."]}
    assert _refused(services.mandate_withdraw, actor=world.kerpen_admin, mandate=mandate) == {
        NON_FIELD_ERRORS: ["Das Mandat zieht die Verwaltung von Jülich zurück."]
    }
    services.mandate_withdraw(actor=world.juelich_admin, mandate=mandate)
    assert Mandate.objects.count() == 0


def test_a_mandate_is_bound_once_the_call_is_closed(world: World) -> None:
    call, _lines = _printers(world)
    mandate = services.mandate_grant(actor=world.juelich_admin, call=call, authority=world.juelich)
    services.demand_call_close(actor=world.coordinator, call=call)
    assert _refused(services.mandate_withdraw, actor=world.juelich_admin, mandate=mandate) == {
        NON_FIELD_ERRORS: [
            "Das Mandat ist gebunden: Die Bedarfsabfrage ist geschlossen oder die Vereinbarung "
            "geschlossen."
        ]
    }


# --- lots --------------------------------------------------------------------------------


def test_a_lot_without_members_is_refused(world: World) -> None:
    call, lines = _printers(world)
    assert _refused(
        services.lot_create, actor=world.coordinator, call=call, title="Leer", lines=[]
    ) == {"lines": ["Ein Los braucht mindestens eine Bedarfsmeldung eines Mitglieds."]}
    other = make_call(world, subject="Papier")
    foreign = add_line(world, other, world.juelich, "1", "1")
    assert _refused(
        services.lot_create,
        actor=world.coordinator,
        call=call,
        title="X",
        lines=[foreign],
        cpv_code="1",
    ) == {
        "cpv_code": [
            "Geben Sie den CPV-Code im Format 12345678-9 an (acht Ziffern, Bindestrich, "
            "Prüfziffer), zum Beispiel 30120000-6."
        ],
        "lines": ["Eine gewählte Bedarfsmeldung gehört nicht zu dieser Abfrage."],
    }
    assert _refused(
        services.lot_create, actor=world.juelich_clerk, call=call, title="X", lines=lines
    ) == {NON_FIELD_ERRORS: ["Lose bildet die Geschäftsstelle des Verbunds."]}


def test_lines_move_between_lots_but_never_leave_one_empty(world: World) -> None:
    call, lines = _printers(world)
    first = services.lot_create(
        actor=world.coordinator, call=call, title="Alle", lines=lines[:3], region="Kreis Düren"
    )
    second = services.lot_create(
        actor=world.coordinator, call=call, title="Bauhof", lines=[lines[3], lines[2]]
    )
    assert (first.number, second.number, first.region) == (1, 2, "Kreis Düren")
    assert list(first.lines.order_by("pk")) == lines[:2]
    assert _refused(
        services.lot_create, actor=world.coordinator, call=call, title="X", lines=lines[:2]
    ) == {"lines": ["Los 1: Alle hätte danach keine Bedarfsmeldung mehr."]}
    services.lot_lines_set(actor=world.coordinator, lot=first, lines=[lines[0]])
    assert DemandLine.objects.get(pk=lines[1].pk).lot is None
    assert AuditEntry.objects.get(action="procurement.lot_lines_set").changes == {
        "lines": [[lines[0].pk, lines[1].pk], [lines[0].pk]]
    }


# --- agreement, award, allocation ------------------------------------------------------------


def _agreed(world: World) -> tuple[DemandCall, list[DemandLine]]:
    call, lines = _printers(world)
    for admin, member in ((world.juelich_admin, world.juelich), (world.kerpen_admin, world.kerpen)):
        services.mandate_grant(actor=admin, call=call, authority=member, today=REPORTED)
    services.demand_call_close(actor=world.coordinator, call=call)
    call = services.demand_call_agreement_create(
        actor=world.coordinator, call=call, today=dt.date(2027, 2, 1)
    )
    return call, lines


def test_the_agreement_needs_every_demanding_members_mandate(world: World) -> None:
    call, _lines = _printers(world)
    services.mandate_grant(actor=world.juelich_admin, call=call, authority=world.juelich)
    assert _refused(services.demand_call_agreement_create, actor=world.coordinator, call=call) == {
        "mandates": ["Ohne Mandat: Kerpen. Diese Mitglieder haben Bedarf gemeldet."]
    }


def test_the_agreement_binds_the_mandates(world: World) -> None:
    call, _lines = _agreed(world)
    agreement = Agreement.objects.get()
    assert call.agreement == agreement
    assert (agreement.title, agreement.kind, agreement.processing, agreement.starts_on) == (
        f"Gemeinsame Beschaffung: {PRINTERS}",
        AgreementKind.MANDATING,
        world.merzenich,
        dt.date(2027, 2, 1),
    )
    assert sorted(p.name for p in agreement.parties.all()) == ["Jülich", "Kerpen", "Merzenich"]
    assert [a.name for a in agreement.areas.all()] == ["Beschaffung"]
    assert (
        AuditEntry.objects.filter(
            action__in=["networks.agreement_created", "procurement.agreement_created"]
        ).count()
        == 2
    )
    assert _refused(services.demand_call_agreement_create, actor=world.coordinator, call=call) == {
        NON_FIELD_ERRORS: ["Für diese Beschaffung gibt es bereits eine Vereinbarung."]
    }


def test_awards_per_lot_complete_the_call(world: World) -> None:
    call, lines = _agreed(world)
    first = services.lot_create(
        actor=world.coordinator, call=call, title="Rathäuser", lines=lines[:2]
    )
    second = services.lot_create(
        actor=world.coordinator, call=call, title="Kerpen", lines=lines[2:]
    )
    assert _refused(
        services.award_record,
        actor=world.merzenich_clerk,
        lot=first,
        supplier="",
        awarded_on=dt.date(2027, 5, 1),
        amount=D("-1"),
    ) == {
        "supplier": ["Bitte geben Sie den Auftragnehmer an."],
        "amount": ["Der Auftragswert darf nicht negativ sein."],
    }
    assert _refused(
        services.award_record,
        actor=world.juelich_clerk,
        lot=first,
        supplier="X",
        awarded_on=dt.date(2027, 5, 1),
        amount=D(1),
    ) == {
        NON_FIELD_ERRORS: [
            "Den Zuschlag tragen die federführende Vergabestelle oder die Geschäftsstelle ein."
        ]
    }
    award = services.award_record(
        actor=world.merzenich_clerk,
        lot=first,
        supplier="Büro GmbH",
        awarded_on=dt.date(2027, 5, 1),
        amount=D("150000.00"),
    )
    assert (award.network, award.recorded_by) == (world.network, world.merzenich_clerk)
    assert DemandCall.objects.get(pk=call.pk).status == CallStatus.CLOSED
    services.award_record(
        actor=world.coordinator,
        lot=second,
        supplier="Kopie AG",
        awarded_on=dt.date(2027, 5, 2),
        amount=D("50000.00"),
    )
    assert DemandCall.objects.get(pk=call.pk).status == CallStatus.AWARDED
    assert AuditEntry.objects.filter(action="procurement.call_awarded").count() == 1
    # Merzenich 24,000 and Jülich 12,000 a year share lot 1's 150,000: 2:1.
    assert selectors.member_shares(call) == {
        world.merzenich.pk: D("100000.00"),
        world.juelich.pk: D("50000.00"),
        world.kerpen.pk: D("50000.00"),
    }


def test_an_award_waits_for_the_end_of_the_call(world: World) -> None:
    call, lines = _printers(world)
    lot = services.lot_create(actor=world.coordinator, call=call, title="Alle", lines=lines)
    assert _refused(
        services.award_record,
        actor=world.coordinator,
        lot=lot,
        supplier="X",
        awarded_on=dt.date(2027, 5, 1),
        amount=D(1),
    ) == {NON_FIELD_ERRORS: ["Die Bedarfsabfrage ist noch offen; vergeben wird nach ihrem Ende."]}


def test_the_allocation_shares_by_each_members_value(world: World) -> None:
    call, lines = _agreed(world)
    lot = services.lot_create(
        actor=world.coordinator, call=call, title="Rathäuser", lines=lines[:2]
    )
    services.award_record(
        actor=world.coordinator,
        lot=lot,
        supplier="Büro GmbH",
        awarded_on=dt.date(2027, 5, 1),
        amount=D("90000.00"),
    )
    assert _refused(
        services.demand_call_allocate,
        actor=world.merzenich_admin,
        call=call,
        amount=D(3000),
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    ) == {NON_FIELD_ERRORS: ["In die Kostenverteilung übernimmt die Geschäftsstelle des Verbunds."]}
    item = services.demand_call_allocate(
        actor=world.coordinator,
        call=call,
        amount=D("3000.00"),
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )
    assert (item.title, item.amount, item.weight_usage, item.participant_rule) == (
        f"Gemeinsame Beschaffung: {PRINTERS}",
        D("3000.00"),
        D(100),
        ParticipantRule.AGREEMENT,
    )
    assert item.participant_agreement_id == call.agreement_id
    # Lot 1 awarded at 90,000 (Merzenich 60,000, Jülich 30,000); Kerpen's lines in no lot
    # keep their estimate (2 × 28,800).
    usage = dict(BudgetUsage.objects.filter(item=item).values_list("authority__name", "usage"))
    assert usage == {"Merzenich": D("60000.00"), "Jülich": D("30000.00"), "Kerpen": D("57600.00")}
    assert DemandCall.objects.get(pk=call.pk).budget_item == item
    assert _refused(
        services.demand_call_allocate,
        actor=world.coordinator,
        call=call,
        amount=D(1),
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    ) == {NON_FIELD_ERRORS: ["Diese Beschaffung ist bereits in der Kostenverteilung."]}


def test_the_allocation_needs_the_agreement(world: World) -> None:
    call, _lines = _printers(world)
    assert _refused(
        services.demand_call_allocate,
        actor=world.coordinator,
        call=call,
        amount=D(1),
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
    ) == {
        NON_FIELD_ERRORS: [
            "Zuerst die Vereinbarung über die gemeinsame Beschaffung anlegen: Ihre Beteiligten "
            "teilen die Kosten."
        ]
    }


# --- policies ----------------------------------------------------------------------------


def test_who_sees_which_lines(world: World) -> None:
    call, lines = _printers(world)
    mandate = services.mandate_grant(actor=world.juelich_admin, call=call, authority=world.juelich)

    def visible(user: Any) -> list[str]:
        return sorted(line.authority.name for line in scoped(user, DemandLine).filter(call=call))

    assert visible(world.coordinator) == ["Jülich", "Kerpen", "Kerpen", "Merzenich"]
    assert visible(world.merzenich_clerk) == ["Jülich", "Kerpen", "Kerpen", "Merzenich"]  # lead
    assert visible(world.juelich_clerk) == ["Jülich"]
    assert visible(world.kerpen_clerk) == ["Kerpen", "Kerpen"]
    assert visible(world.olpe_clerk) == []
    assert visible(world.other_coordinator) == []
    table = {
        (user.username, action.value): can(user, action, call)
        for user in (
            world.coordinator,
            world.merzenich_clerk,
            world.juelich_clerk,
            world.olpe_clerk,
        )
        for action in Action
    }
    assert table == {
        ("koordination.dlz", "view"): True,
        ("koordination.dlz", "change"): True,
        ("koordination.dlz", "manage"): True,
        ("sb.merzenich", "view"): True,
        ("sb.merzenich", "change"): False,
        ("sb.merzenich", "manage"): True,
        ("sb.juelich", "view"): True,
        ("sb.juelich", "change"): False,
        ("sb.juelich", "manage"): False,
        ("sb.olpe", "view"): False,
        ("sb.olpe", "change"): False,
        ("sb.olpe", "manage"): False,
    }
    assert [
        can(u, Action.CHANGE, lines[1])
        for u in (world.juelich_clerk, world.kerpen_clerk, world.coordinator, world.merzenich_clerk)
    ] == [True, False, True, False]
    assert [
        can(u, Action.CHANGE, mandate)
        for u in (world.juelich_admin, world.juelich_clerk, world.coordinator)
    ] == [True, False, False]
    assert [
        can(u, Action.VIEW, mandate)
        for u in (world.juelich_clerk, world.kerpen_admin, world.merzenich_clerk)
    ] == [True, False, True]
    assert CREATED < DEADLINE
