"""Writes of the fee calculation: each one with its audit entry, versions with who
changed what, the approval by the authority's admin, attaching the fee to the
catalogue service, copying; every refused write leaves no row and no entry. And the
policies as a table, and ``cost_per_case`` for the benchmarks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.fees.conftest import D, World, example_a, example_b
from verbund.catalogue.models import Adoption
from verbund.core.access import Action, can, scoped
from verbund.core.models import AuditEntry
from verbund.fees import engine, selectors, services
from verbund.fees.models import FeeSheet, FeeSheetVersion, RateTable, SheetStatus

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        FeeSheet.objects.count(),
        FeeSheetVersion.objects.count(),
        RateTable.objects.count(),
        AuditEntry.objects.count(),
    )


def _actions() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="fees.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _create(world: World, **kwargs: Any) -> FeeSheet:
    defaults: dict[str, Any] = {
        "actor": world.merzenich_clerk,
        "authority": world.merzenich,
        "sheet": example_a(),
        "service": world.service,
    }
    return services.fee_sheet_create(**{**defaults, **kwargs})


def test_create_stores_the_computed_sheet_version_and_audit(world: World) -> None:
    sheet = _create(world, note="Erste Fassung")
    assert (sheet.fee, sheet.cost_per_case) == (D("58.23"), D("58.226564"))
    assert sheet.status == SheetStatus.DRAFT
    assert sheet.document == engine.to_document(example_a())
    version = sheet.versions.get()
    assert (version.number, version.note, version.created_by) == (
        1,
        "Erste Fassung",
        world.merzenich_clerk,
    )
    entry = AuditEntry.objects.get(action="fees.sheet_created")
    assert entry.authority_id == world.merzenich.pk
    assert entry.changes["fee"] == "58.23"


def test_an_invalid_sheet_saves_nothing(world: World) -> None:
    before = _counts()
    bad = replace(example_a(), time_lines=(engine.TimeLine("Prüfen", "E 9b", D(-1)),))
    with pytest.raises(ValidationError) as caught:
        _create(world, sheet=bad)
    assert caught.value.message_dict["time_lines[0].minutes"] == [
        "Zeitaufwand, Zeile 1: Minuten je Fall darf nicht negativ sein."
    ]
    assert _counts() == before


def test_update_makes_a_version_naming_what_changed(world: World) -> None:
    sheet = _create(world)
    services.fee_sheet_submit(actor=world.merzenich_clerk, fee_sheet=sheet)
    changed = services.fee_sheet_update(
        actor=world.coordinator,
        fee_sheet=sheet,
        sheet=example_a(engine.Rounding.RATES),
        service=world.service,
        note="Rundung nach Satzung",
    )
    assert (changed.version, changed.fee, changed.status) == (2, D("58.25"), SheetStatus.DRAFT)
    version = changed.versions.get(number=2)
    assert (version.changed, version.created_by, version.note) == (
        ["rounding"],
        world.coordinator,
        "Rundung nach Satzung",
    )
    entry = AuditEntry.objects.get(action="fees.sheet_updated")
    assert entry.changes == {
        "version": [1, 2],
        "changed": ["rounding"],
        "fee": ["58.23", "58.25"],
        "status": ["submitted", "draft"],
        "note": "Rundung nach Satzung",
    }


def test_saving_the_same_sheet_again_records_nothing(world: World) -> None:
    sheet = _create(world)
    before = _counts()
    services.fee_sheet_update(
        actor=world.merzenich_clerk, fee_sheet=sheet, sheet=example_a(), service=world.service
    )
    assert _counts() == before


def test_submit_approve_and_attach(world: World) -> None:
    sheet = _create(world)
    services.fee_sheet_submit(actor=world.merzenich_clerk, fee_sheet=sheet)
    approved = services.fee_sheet_approve(actor=world.merzenich_admin, fee_sheet=sheet)
    assert approved.status == SheetStatus.APPROVED
    assert approved.approved_by == world.merzenich_admin
    services.fee_attach(actor=world.merzenich_admin, fee_sheet=sheet, label="Gewerbeanmeldung")
    adoption = Adoption.objects.get(pk=world.adoption.pk)
    assert adoption.fees == [
        {"label": "Auskunft", "amount": "5.00"},
        {"label": "Gewerbeanmeldung", "amount": "58.23"},
    ]
    assert _actions() == [
        "fees.sheet_created",
        "fees.sheet_submitted",
        "fees.sheet_approved",
        "fees.fee_attached",
    ]
    assert AuditEntry.objects.filter(action="catalogue.adoption_updated").count() == 1


@pytest.mark.parametrize("who", ["merzenich_clerk", "coordinator", "juelich_admin"])
def test_only_the_authoritys_admin_approves(world: World, who: str) -> None:
    sheet = _create(world)
    before = _counts()
    with pytest.raises(ValidationError):
        services.fee_sheet_approve(actor=getattr(world, who), fee_sheet=sheet)
    assert _counts() == before
    assert FeeSheet.objects.get().status == SheetStatus.DRAFT


def test_an_approved_sheet_is_not_edited_and_a_draft_not_attached(world: World) -> None:
    sheet = _create(world)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.fee_attach(actor=world.merzenich_admin, fee_sheet=sheet)
    assert caught.value.messages == [
        "Nur eine freigegebene Kalkulation kann in die Leistung übernommen werden."
    ]
    assert _counts() == before
    services.fee_sheet_approve(actor=world.merzenich_admin, fee_sheet=sheet)
    before = _counts()
    with pytest.raises(ValidationError):
        services.fee_sheet_update(
            actor=world.merzenich_clerk, fee_sheet=sheet, sheet=example_b(), service=None
        )
    assert _counts() == before
    assert Adoption.objects.get(pk=world.adoption.pk).fees == [
        {"label": "Auskunft", "amount": "5.00"}
    ]


def test_the_service_centre_prepares_only_for_delegating_members(world: World) -> None:
    sheet = _create(world, actor=world.coordinator, prepared_by_network=world.network)
    assert sheet.prepared_by_network == world.network
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        _create(
            world,
            actor=world.coordinator,
            authority=world.kerpen,
            prepared_by_network=world.network,
        )
    assert caught.value.messages == [
        "Kerpen hat die Gebührenkalkulation nicht an „DLZ“ übertragen "
        "(Stufe 4 im Kooperationsfeld)."
    ]
    assert _counts() == before


def test_copy_starts_a_draft_from_another_members_sheet(world: World) -> None:
    source = _create(world)
    services.fee_sheet_approve(actor=world.merzenich_admin, fee_sheet=source)
    copy = services.fee_sheet_copy(
        actor=world.juelich_clerk, source=source, authority=world.juelich, year=2027
    )
    assert (copy.authority, copy.year, copy.status, copy.copied_from) == (
        world.juelich,
        2027,
        SheetStatus.DRAFT,
        source,
    )
    assert copy.versions.get().note == "Übernommen von Merzenich: Gewerbeanmeldung 2026"
    entry = AuditEntry.objects.get(action="fees.sheet_copied")
    assert entry.authority_id == world.juelich.pk
    assert entry.changes["copied_from"] == source.pk


def test_rate_table_create_and_its_refusals(world: World) -> None:
    grades = list(example_a().grades)
    table = services.rate_table_create(
        actor=world.coordinator,
        network=world.network,
        name="KGSt",
        edition="2025/2026",
        year=2026,
        grades=grades,
    )
    assert [g.grade for g in selectors.grades_of(table)] == ["E 9b", "E 6"]
    entry = AuditEntry.objects.get(action="fees.rate_table_created")
    assert entry.network_id == world.network.pk
    assert entry.changes == {"name": "KGSt", "edition": "2025/2026", "year": 2026, "grades": 2}
    before = _counts()
    bad = [replace(grades[0], annual_hours=D(-1))]
    with pytest.raises(ValidationError) as caught:
        services.rate_table_create(
            actor=world.coordinator,
            network=world.network,
            name="KGSt",
            edition="2025/2026",
            year=2026,
            grades=bad,
        )
    assert caught.value.message_dict == {
        "grades[0].annual_hours": [
            "Stellen, Zeile 1: Jahresarbeitsstunden muss größer als 0 sein."
        ],
        "edition": [
            "Diese Ausgabe der Tabelle gibt es schon; eine neue Ausgabe braucht einen neuen Namen."
        ],
    }
    assert _counts() == before


# --- policies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "draft", "approved"),
    [
        # who: (view, change, manage) of Merzenich's draft, and of its approved sheet
        ("merzenich_clerk", (True, True, False), (True, True, False)),
        ("merzenich_admin", (True, True, True), (True, True, True)),
        ("coordinator", (True, True, False), (True, True, False)),  # delegated
        ("juelich_clerk", (False, False, False), (True, False, False)),  # fellow member
        ("kerpen_clerk", (False, False, False), (True, False, False)),  # fellow member
        ("olpe_clerk", (False, False, False), (False, False, False)),  # outside
        ("other_coordinator", (False, False, False), (False, False, False)),
    ],
)
def test_policy_table(
    world: World, who: str, draft: tuple[bool, ...], approved: tuple[bool, ...]
) -> None:
    user = getattr(world, who)
    draft_sheet = _create(world)
    approved_sheet = _create(world, sheet=example_b())
    services.fee_sheet_approve(actor=None, fee_sheet=approved_sheet)
    for sheet, expected in ((draft_sheet, draft), (approved_sheet, approved)):
        got = tuple(
            can(user, action, sheet) for action in (Action.VIEW, Action.CHANGE, Action.MANAGE)
        )
        assert got == expected, (who, sheet.status)


def test_a_coordinator_of_a_member_that_did_not_delegate_sees_only_approved(world: World) -> None:
    draft = _create(world, authority=world.kerpen, actor=world.kerpen_clerk)
    assert not can(world.coordinator, Action.VIEW, draft)
    services.fee_sheet_approve(actor=None, fee_sheet=draft)
    assert can(world.coordinator, Action.VIEW, draft)
    assert not can(world.coordinator, Action.CHANGE, draft)
    assert list(scoped(world.coordinator, FeeSheet, Action.CHANGE)) == []


# --- cost per case ------------------------------------------------------------


def test_cost_per_case_takes_each_authoritys_newest_approved_admin_sheet(world: World) -> None:
    first = _create(world)
    services.fee_sheet_approve(actor=None, fee_sheet=first)
    newer = _create(world, sheet=example_a(engine.Rounding.RATES))
    services.fee_sheet_approve(actor=None, fee_sheet=newer)
    _create(world, authority=world.juelich, sheet=replace(example_a(), title="Entwurf"))  # draft
    other_year = _create(world, authority=world.kerpen, sheet=replace(example_a(), year=2025))
    services.fee_sheet_approve(actor=None, fee_sheet=other_year)
    got = selectors.cost_per_case(
        year=2026,
        service_id=world.service.pk,
        authority_ids=[world.merzenich.pk, world.juelich.pk, world.kerpen.pk],
    )
    assert got == {world.merzenich.pk: Decimal("58.250000")}
    assert selectors.cost_per_case(year=2026, service_id=world.service.pk, authority_ids=[]) == {}
    unrounded = selectors.cost_per_case(
        year=2025, service_id=world.service.pk, authority_ids=[world.kerpen.pk]
    )
    assert unrounded == {world.kerpen.pk: Decimal("58.226564")}
