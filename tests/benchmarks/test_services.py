"""The writes of comparison rings: audited, refused as a whole with German messages
naming the field, nothing saved on bad input; publishing computes results and the
distribution, and stores nothing of a distribution below the threshold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.benchmarks.conftest import World, fill
from verbund.benchmarks import services
from verbund.benchmarks.models import (
    Figure,
    Kpi,
    Participant,
    Period,
    PeriodStatus,
    Result,
    Ring,
    Statistic,
    Value,
)
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = Decimal


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_the_world_was_built_with_audit_entries(world: World) -> None:
    assert actions() == [
        "benchmarks.ring_created",
        "benchmarks.figure_created",
        "benchmarks.figure_created",
        "benchmarks.kpi_created",
        "benchmarks.period_created",
    ]
    numbers = sorted(p.number for p in world.participants)
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert {p.pseudonym for p in world.participants} == {f"Teilnehmer 0{i}" for i in range(1, 7)}


def test_a_ring_below_five_values_or_with_outsiders_is_refused(world: World) -> None:
    before = actions()
    other = Ring.objects.create(network=world.network, name="x", minimum_values=5)
    with pytest.raises(ValidationError) as caught:
        services.ring_create(
            actor=world.coordinator,
            network=world.network,
            name="Bürgerbüros",
            minimum_values=4,
            authority_ids=[world.members[0].pk, 999_999],
        )
    assert caught.value.message_dict == {
        "name": ["Bezeichnung: Einen Ring mit diesem Namen gibt es schon."],
        "minimum_values": ["Mindestzahl der Werte: Sie darf nicht unter 5 liegen."],
        "authorities": ["Teilnehmende: Nur heutige Mitglieder des Verbunds können teilnehmen."],
    }
    assert Ring.objects.count() == 2
    other.delete()
    assert actions() == before


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        (
            "faelle / personal",
            "Formel: Unbekannte Grundzahl „personal“. Vorhanden: einwohner, faelle.",
        ),
        ("faelle / 0", "Formel: Die Formel teilt durch null."),
        ("faelle ** 2", "Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."),
    ],
)
def test_a_bad_kpi_formula_saves_nothing(world: World, formula: str, message: str) -> None:
    before = actions()
    with pytest.raises(ValidationError) as caught:
        services.kpi_create(
            actor=world.coordinator, ring=world.ring, key="neu", label="Neu", formula=formula
        )
    assert caught.value.message_dict == {"formula": [message]}
    assert Kpi.objects.count() == 1
    assert actions() == before


def test_figure_keys_are_checked(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.figure_create(actor=world.coordinator, ring=world.ring, key="Fälle", label="")
    assert set(caught.value.message_dict) == {"key", "label"}
    with pytest.raises(ValidationError) as caught:
        services.figure_create(
            actor=world.coordinator, ring=world.ring, key="faelle", label="Fälle"
        )
    assert caught.value.message_dict == {
        "key": ["Kürzel: Eine Grundzahl mit diesem Kürzel gibt es schon."]
    }
    with pytest.raises(ValidationError) as caught:
        services.figure_create(
            actor=world.coordinator,
            ring=world.ring,
            key="kosten",
            label="Kosten je Fall",
            source="cost_per_case",
        )
    assert caught.value.message_dict == {
        "service": [
            "Leistung: Die Kosten je Fall gibt es nur für eine Leistung; bitte wählen Sie eine."
        ]
    }
    assert Figure.objects.count() == 2


def test_values_are_set_changed_and_audited(world: World) -> None:
    participant = world.participants[0]
    changed = services.values_set(
        actor=world.clerks[0],
        period=world.period,
        participant=participant,
        values={"faelle": D("120.5"), "einwohner": D(9000)},
    )
    assert changed == 2
    again = services.values_set(
        actor=world.clerks[0],
        period=world.period,
        participant=participant,
        values={"faelle": D("120.5"), "einwohner": None},
    )
    assert again == 1
    assert list(Value.objects.values_list("figure__key", "value", "entered_by")) == [
        ("faelle", D("120.5"), world.clerks[0].pk)
    ]
    entry = AuditEntry.objects.filter(action="benchmarks.values_set").order_by("pk").last()
    assert entry is not None
    assert entry.changes == {"period": "2025", "values": {"einwohner": ["9000.0000", None]}}
    assert entry.authority_id == participant.authority_id
    assert entry.network_id == world.network.pk


def test_a_bad_value_refuses_all(world: World) -> None:
    before = actions()
    with pytest.raises(ValidationError) as caught:
        services.values_set(
            actor=world.clerks[0],
            period=world.period,
            participant=world.participants[0],
            values={"faelle": D(5), "einwohner": D("1.00001")},
        )
    assert caught.value.message_dict == {
        "einwohner": ["Einwohner: Der Wert hat mehr als vier Nachkommastellen."]
    }
    assert Value.objects.count() == 0
    assert actions() == before


def test_publishing_without_base_figures_is_refused(world: World) -> None:
    before = actions()
    with pytest.raises(ValidationError) as caught:
        services.period_publish(actor=world.coordinator, period=world.period)
    assert caught.value.messages == [
        "Für den Berichtszeitraum 2025 liegen keine Grundzahlen vor; bitte geben Sie zuerst "
        "Werte ein oder laden Sie sie hoch."
    ]
    world.period.refresh_from_db()
    assert world.period.status == PeriodStatus.OPEN
    assert Result.objects.count() == Statistic.objects.count() == 0
    assert actions() == before


def test_publishing_computes_results_and_quartiles(world: World) -> None:
    fill(world)
    # The sixth member's inhabitants are zero: its result is missing, with a note.
    services.values_set(
        actor=world.coordinator,
        period=world.period,
        participant=world.participants[5],
        values={"einwohner": D(0)},
    )
    services.period_publish(actor=world.coordinator, period=world.period)
    world.period.refresh_from_db()
    assert world.period.status == PeriodStatus.PUBLISHED
    results = {r.participant_id: (r.value, r.note) for r in Result.objects.filter(kpi=world.kpi)}
    assert [results[p.pk] for p in world.participants] == [
        (D(10), ""),
        (D(20), ""),
        (D(30), ""),
        (D(40), ""),
        (D(50), ""),
        (None, "Division durch null"),
    ]
    stat = Statistic.objects.get(kpi=world.kpi, period=world.period)
    assert (stat.n, stat.minimum, stat.q1, stat.median, stat.q3, stat.maximum) == (
        5,
        D(10),
        D(20),
        D(30),
        D(40),
        D(50),
    )
    entry = AuditEntry.objects.get(action="benchmarks.period_published")
    assert entry.changes == {
        "status": ["open", "published"],
        "results": 5,
        "platform_values": 0,
    }
    with pytest.raises(ValidationError):
        services.values_set(
            actor=world.coordinator,
            period=world.period,
            participant=world.participants[0],
            values={"faelle": D(1)},
        )


def test_four_values_store_no_distribution(world: World) -> None:
    fill(world, count=4)
    services.period_publish(actor=world.coordinator, period=world.period)
    stat = Statistic.objects.get(kpi=world.kpi, period=world.period)
    assert (stat.n, stat.minimum, stat.q1, stat.median, stat.q3, stat.maximum) == (
        4,
        None,
        None,
        None,
        None,
        None,
    )


def test_a_higher_ring_minimum_applies(world: World) -> None:
    Ring.objects.filter(pk=world.ring.pk).update(minimum_values=7)
    fill(world)
    services.period_publish(actor=world.coordinator, period=world.period)
    stat = Statistic.objects.get(kpi=world.kpi, period=world.period)
    assert (stat.n, stat.median) == (6, None)


CSV_OK = "ars;kuerzel;wert\n099000000000;faelle;1.234,5\n099000000001;einwohner;12000\n"


def test_csv_upload_stores_every_row(world: World) -> None:
    allowed = {p.authority.ars: p for p in world.participants}
    count = services.values_import(
        actor=world.coordinator, period=world.period, text=CSV_OK, participants=allowed
    )
    assert count == 2
    assert sorted(
        Value.objects.values_list("participant__authority__ars", "figure__key", "value")
    ) == [("099000000000", "faelle", D("1234.5")), ("099000000001", "einwohner", D(12000))]
    entry = AuditEntry.objects.get(action="benchmarks.values_imported")
    assert entry.changes == {"period": "2025", "rows": 2, "participants": 2}


def test_csv_upload_with_bad_rows_stores_nothing(world: World) -> None:
    allowed = {p.authority.ars: p for p in world.participants[:2]}
    text = (
        "ars;kuerzel;wert\n"
        "099000000000;faelle;10\n"
        "099000000005;faelle;10\n"
        "099000000000;personal;zehn\n"
        "099000000001\n"
        "099000000000;faelle;11\n"
    )
    before = actions()
    with pytest.raises(ValidationError) as caught:
        services.values_import(
            actor=world.coordinator, period=world.period, text=text, participants=allowed
        )
    assert caught.value.message_dict == {
        "file": [
            "Zeile 3: Der Regionalschlüssel „099000000005“ gehört zu keiner Behörde, für die "
            "Sie in diesem Ring Werte eingeben dürfen.",
            "Zeile 4: Das Kürzel „personal“ ist keine Grundzahl zur Eingabe. Der Wert „zehn“ "
            "ist keine Zahl (z. B. 1.234,5).",
            "Zeile 5: Es fehlen Spalten (erwartet: ars;kuerzel;wert).",
            "Zeile 6: Dieselbe Grundzahl steht schon in Zeile 2.",
        ]
    }
    assert Value.objects.count() == 0
    assert actions() == before


def test_csv_upload_needs_its_header(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.values_import(
            actor=world.coordinator,
            period=world.period,
            text="a;b;c\n1;2;3\n",
            participants={},
        )
    assert caught.value.message_dict == {
        "file": ["Datei: Die erste Zeile muss die Spalten „ars;kuerzel;wert“ nennen."]
    }


def test_participant_add_takes_the_next_number(world: World) -> None:
    participant = services.participant_add(
        actor=world.coordinator, ring=world.ring, authority=world.outsider
    )
    assert participant.number == 7
    assert participant.pseudonym == "Teilnehmer 07"
    with pytest.raises(ValidationError):
        services.participant_add(actor=world.coordinator, ring=world.ring, authority=world.outsider)
    assert Participant.objects.filter(ring=world.ring).count() == 7
    assert Period.objects.count() == 1
