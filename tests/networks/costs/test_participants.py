"""Budget items name their participants (issue #15): all members, the members at or
above a level in an area, the parties of an agreement, the adopters of a service. Each
rule selects exactly the expected members on the period's end (a member that changed
its level during the period, one that left, one of another network); the allocation
runs over the participants only; the DOMAIN-FACTS example stays exact with "all"; a
closed run keeps the participants in words; bad input is refused per field with
nothing saved."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from pypdf import PdfReader

from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    AuthorityFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    OfficeFactory,
    ServiceFactory,
    make_user,
)
from tests.networks.costs.test_cost_pages import form
from tests.networks.costs.test_costs import DEC_31, JAN_1, World, counts, create
from tests.networks.costs.test_costs import world as world  # the fixture, re-exported
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.core.models import AuditEntry
from verbund.networks.costs.allocation import statement_csv
from verbund.networks.costs.models import BudgetItem, ParticipantRule
from verbund.networks.costs.participants import item_participants
from verbund.networks.costs.selectors import item_allocation, item_participation, live_allocation
from verbund.networks.costs.services import allocation_close, budget_item_update, usage_set
from verbund.networks.models import (
    Agreement,
    AgreementKind,
    AreaParticipation,
    CooperationArea,
    Network,
)
from verbund.networks.services import agreement_create, area_create, area_level_set

pytestmark = pytest.mark.django_db

D = Decimal
FEES_RULE = (
    "Mitglieder ab Stufe 3 (gemeinsame Entwicklung und Nutzung) im Kooperationsfeld "
    "„Gebührenkalkulation“"
)
AGREEMENT_TITLE = "Gewerbeanmeldung durch Gemeinde A"
MIN_LEVEL_MISSING = "Bitte wählen Sie die Mindeststufe (1 bis 4) im Kooperationsfeld."


@dataclass
class Rules:
    world: World
    fees: CooperationArea
    procurement: CooperationArea  # no level recorded for anybody
    agreement: Agreement
    service: Service
    departed: Authority  # left the network on 30.06.2026
    other_network: Network
    other_area: CooperationArea
    other_agreement: Agreement


def _member(world: World, name: str) -> Authority:
    return world.by_name(name)


@pytest.fixture
def rules(world: World) -> Rules:
    a, b, c, d, e, f = world.members
    departed = cast(Authority, AuthorityFactory(name="Gemeinde G", population=10_000))
    MembershipFactory(
        network=world.network,
        authority=departed,
        joined_on=dt.date(2024, 1, 1),
        left_on=dt.date(2026, 6, 30),
    )
    fees = area_create(actor=None, network=world.network, name="Gebührenkalkulation")
    procurement = area_create(actor=None, network=world.network, name="Beschaffung")
    since = dt.date(2024, 1, 1)
    for authority, level in ((a, 4), (b, 3), (c, 1), (d, 3), (e, 2), (departed, 4)):
        area_level_set(actor=None, area=fees, authority=authority, level=level, valid_from=since)
    # Changed during the period: C up to 3 in July, D down to 1 in October.
    area_level_set(actor=None, area=fees, authority=c, level=3, valid_from=dt.date(2026, 7, 1))
    area_level_set(actor=None, area=fees, authority=d, level=1, valid_from=dt.date(2026, 10, 1))
    agreement = agreement_create(
        actor=None,
        network=world.network,
        title=AGREEMENT_TITLE,
        kind=AgreementKind.MANDATING,
        processing=a,
        parties=[a, b, e],
        starts_on=JAN_1,
    )
    service = world.service  # "Hundesteuer anmelden"
    for authority, started, ended in (
        (b, JAN_1, None),
        (d, JAN_1, None),
        (f, JAN_1, dt.date(2026, 5, 31)),  # ended before the period's end
        (departed, JAN_1, None),  # adopted, but left the network
    ):
        AdoptionFactory(
            service=service,
            authority=authority,
            office=OfficeFactory(authority=authority),
            started_on=started,
            ended_on=ended,
        )
    # Another network: its member has level 4 in its own "Gebührenkalkulation" and
    # adopted the service; it never takes part in this network's items.
    other_network = cast(Network, NetworkFactory(name="Anderer Verbund", slug="anderer"))
    stranger = cast(Authority, AuthorityFactory(name="Gemeinde H", population=50_000))
    neighbour = cast(Authority, AuthorityFactory(name="Gemeinde I", population=20_000))
    MembershipFactory(network=other_network, authority=stranger, joined_on=since)
    MembershipFactory(network=other_network, authority=neighbour, joined_on=since)
    other_area = area_create(actor=None, network=other_network, name="Gebührenkalkulation")
    area_level_set(actor=None, area=other_area, authority=stranger, level=4, valid_from=since)
    other_agreement = agreement_create(
        actor=None,
        network=other_network,
        title="Fremde Vereinbarung",
        kind=AgreementKind.MANDATING,
        processing=stranger,
        parties=[stranger, neighbour],
        starts_on=JAN_1,
    )
    AdoptionFactory(
        service=service,
        authority=stranger,
        office=OfficeFactory(authority=stranger),
        started_on=JAN_1,
    )
    return Rules(
        world,
        fees,
        procurement,
        agreement,
        service,
        departed,
        other_network,
        other_area,
        other_agreement,
    )


def _names(item: Any) -> list[str]:
    return [share.name for share in live_allocation(item).shares]


def test_all_members_keeps_the_worked_example_exact(rules: Rules) -> None:
    # The member that left and the other network's member are no members on 31.12.
    item = create(rules.world, participant_rule=ParticipantRule.ALL)
    participants = item_participants(item)
    assert participants.names == (
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde C",
        "Gemeinde D",
        "Gemeinde E",
        "Gemeinde F",
    )
    assert participants.others == ()
    assert participants.summary == (
        "Teilnehmende am 31.12.2026 (alle Mitglieder): Gemeinde A; Gemeinde B; Gemeinde C; "
        "Gemeinde D; Gemeinde E; Gemeinde F."
    )
    assert [(s.name, s.net) for s in live_allocation(item).shares] == [
        ("Gemeinde A", D("40700.00")),
        ("Gemeinde B", D("55100.00")),
        ("Gemeinde C", D("72800.00")),
        ("Gemeinde D", D("95000.00")),
        ("Gemeinde E", D("150500.00")),
        ("Gemeinde F", D("185900.00")),
    ]


def test_members_at_or_above_a_level_on_the_period_end(rules: Rules) -> None:
    # 40 % equal, 60 % population over A (9,000), B (15,000), C (22,000): 69,000 €.
    item = create(
        rules.world,
        amount=D("69000.00"),
        weight_equal=D(40),
        weight_population=D(60),
        weight_cases=D(0),
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.fees.pk,
        participant_min_level=3,
    )
    participants = item_participants(item)
    assert participants.rule == FEES_RULE
    assert participants.names == ("Gemeinde A", "Gemeinde B", "Gemeinde C")
    assert participants.sentences == [
        "Gemeinde D nimmt nicht teil: Stufe 1 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig).",
        "Gemeinde E nimmt nicht teil: Stufe 2 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig).",
        "Gemeinde F nimmt nicht teil: keine Stufe im Kooperationsfeld „Gebührenkalkulation“ "
        "erfasst (mindestens 3 nötig).",
    ]
    assert [(s.name, s.equal, s.population, s.net) for s in live_allocation(item).shares] == [
        ("Gemeinde A", D("9200.00"), D("8100.00"), D("17300.00")),
        ("Gemeinde B", D("9200.00"), D("13500.00"), D("22700.00")),
        ("Gemeinde C", D("9200.00"), D("19800.00"), D("29000.00")),
    ]
    # Read on another day, the levels of that day count: on 30.06. C still had 1 and D 3,
    # and G was still a member (its last day); on 30.09. C and D both had 3.
    item.period_end = dt.date(2026, 6, 30)
    assert item_participants(item).names == (
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde D",
        "Gemeinde G",
    )
    item.period_end = dt.date(2026, 9, 30)
    assert item_participants(item).names == (
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde C",
        "Gemeinde D",
    )


def test_parties_of_an_agreement(rules: Rules) -> None:
    item = create(
        rules.world,
        amount=D("300.00"),
        weight_equal=D(100),
        weight_population=D(0),
        weight_cases=D(0),
        participant_rule=ParticipantRule.AGREEMENT,
        participant_agreement_id=rules.agreement.pk,
    )
    participants = item_participants(item)
    assert participants.rule == f"Beteiligte der Vereinbarung „{AGREEMENT_TITLE}“"
    assert participants.names == ("Gemeinde A", "Gemeinde B", "Gemeinde E")
    assert participants.sentences == [
        f"Gemeinde {x} nimmt nicht teil: nicht an der Vereinbarung „{AGREEMENT_TITLE}“ beteiligt."
        for x in "CDF"
    ]
    assert [(s.name, s.net) for s in live_allocation(item).shares] == [
        ("Gemeinde A", D("100.00")),
        ("Gemeinde B", D("100.00")),
        ("Gemeinde E", D("100.00")),
    ]


def test_adopters_of_a_service(rules: Rules) -> None:
    # By cases: B has 70, D 150 of the period.
    item = create(
        rules.world,
        amount=D("2200.00"),
        weight_equal=D(0),
        weight_population=D(0),
        weight_cases=D(100),
        participant_rule=ParticipantRule.SERVICE,
        participant_service_id=rules.service.pk,
    )
    participants = item_participants(item)
    assert participants.rule == "Nutzer der Leistung „Hundesteuer anmelden“"
    assert participants.names == ("Gemeinde B", "Gemeinde D")
    assert participants.sentences == [
        f"Gemeinde {x} nimmt nicht teil: nutzt die Leistung „Hundesteuer anmelden“ am "
        "31.12.2026 nicht."
        for x in "ACEF"
    ]
    assert [(s.name, s.basis.cases, s.net) for s in live_allocation(item).shares] == [
        ("Gemeinde B", 70, D("700.00")),
        ("Gemeinde D", 150, D("1500.00")),
    ]


def test_a_closed_run_keeps_the_participants_in_words(rules: Rules) -> None:
    item = create(
        rules.world,
        amount=D("69000.00"),
        weight_equal=D(40),
        weight_population=D(60),
        weight_cases=D(0),
        vat=True,
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.fees.pk,
        participant_min_level=3,
    )
    run = allocation_close(actor=rules.world.coordinator, item=item)
    assert run.participants_note == (
        f"Teilnehmende am 31.12.2026 ({FEES_RULE}): Gemeinde A; Gemeinde B; Gemeinde C."
    )
    assert run.non_participants_note.splitlines()[0] == (
        "Gemeinde D nimmt nicht teil: Stufe 1 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig)."
    )
    closed = AuditEntry.objects.get(action="networks.allocation_closed")
    assert closed.changes["participants"] == [None, FEES_RULE]
    assert closed.changes["members"] == [None, 3]
    frozen = item_allocation(item)
    text = item_participation(item)
    # D reaches level 3 after closing: the closed run does not change.
    area_level_set(
        actor=None,
        area=rules.fees,
        authority=_member(rules.world, "Gemeinde D"),
        level=4,
        valid_from=dt.date(2026, 12, 31),
    )
    assert item_participants(item).names == (
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde C",
        "Gemeinde D",
    )
    assert item_allocation(item) == frozen
    assert item_participation(item) == text
    csv = statement_csv(frozen, participants=text.lines())
    assert csv.split("\r\n")[5:10] == [
        "",
        # Quoted: the names are separated by semicolons, the CSV's separator.
        f'"Teilnehmende am 31.12.2026 ({FEES_RULE}): Gemeinde A; Gemeinde B; Gemeinde C."',
        "Gemeinde D nimmt nicht teil: Stufe 1 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig).",
        "Gemeinde E nimmt nicht teil: Stufe 2 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig).",
        "Gemeinde F nimmt nicht teil: keine Stufe im Kooperationsfeld „Gebührenkalkulation“ "
        "erfasst (mindestens 3 nötig).",
    ]


def test_usage_only_for_participants(rules: Rules) -> None:
    item = create(
        rules.world,
        participant_rule=ParticipantRule.AGREEMENT,
        participant_agreement_id=rules.agreement.pk,
    )
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        usage_set(
            actor=None, item=item, authority=_member(rules.world, "Gemeinde C"), usage=D("1.00")
        )
    assert excinfo.value.messages == ["Gemeinde C nimmt an diesem Posten nicht teil."]
    assert counts() == before


def _refused(rules: Rules, **overrides: Any) -> dict[str, list[str]]:
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        create(rules.world, **overrides)
    assert counts() == before
    return excinfo.value.message_dict


def test_a_rule_without_its_parameter_is_refused_per_field(rules: Rules) -> None:
    assert _refused(rules, participant_rule=ParticipantRule.AREA_LEVEL) == {
        "participant_area": [
            "Bitte wählen Sie das Kooperationsfeld, dessen Stufe über die Teilnahme entscheidet."
        ],
        "participant_min_level": [MIN_LEVEL_MISSING],
    }
    assert _refused(
        rules,
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.fees.pk,
        participant_min_level=5,
    ) == {"participant_min_level": [MIN_LEVEL_MISSING]}
    assert _refused(rules, participant_rule=ParticipantRule.AGREEMENT) == {
        "participant_agreement": ["Bitte wählen Sie die Vereinbarung, deren Beteiligte teilnehmen."]
    }
    assert _refused(rules, participant_rule=ParticipantRule.SERVICE) == {
        "participant_service": ["Bitte wählen Sie die Leistung, deren Nutzer teilnehmen."]
    }
    assert _refused(rules, participant_rule="friends") == {
        "participant_rule": ["Bitte wählen Sie, wer an dem Posten teilnimmt."]
    }
    draft = cast(Service, ServiceFactory(draft=True))
    assert _refused(
        rules, participant_rule=ParticipantRule.SERVICE, participant_service_id=draft.pk
    ) == {"participant_service": ["Die gewählte Leistung ist im Katalog nicht veröffentlicht."]}
    # Together with a problem of the item itself: every problem at once.
    assert _refused(rules, weight_cases=D(20), participant_rule=ParticipantRule.AGREEMENT) == {
        NON_FIELD_ERRORS: [
            "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; "
            "sie ergeben 90 %."
        ],
        "participant_agreement": [
            "Bitte wählen Sie die Vereinbarung, deren Beteiligte teilnehmen."
        ],
    }


def test_an_area_or_agreement_of_another_network_is_refused(rules: Rules) -> None:
    assert _refused(
        rules,
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.other_area.pk,
        participant_min_level=3,
    ) == {"participant_area": ["Das gewählte Kooperationsfeld gehört nicht zu diesem Verbund."]}
    assert _refused(
        rules,
        participant_rule=ParticipantRule.AGREEMENT,
        participant_agreement_id=rules.other_agreement.pk,
    ) == {"participant_agreement": ["Die gewählte Vereinbarung gehört nicht zu diesem Verbund."]}


def test_a_rule_that_selects_nobody_is_refused(rules: Rules) -> None:
    assert _refused(
        rules,
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.procurement.pk,
        participant_min_level=2,
    ) == {
        "participant_rule": [
            "Nach der Regel „Mitglieder ab Stufe 2 (gemeinsame Standards) im Kooperationsfeld "
            "„Beschaffung““ nimmt am 31.12.2026 kein Mitglied teil. "
            + " ".join(
                f"Gemeinde {x} nimmt nicht teil: keine Stufe im Kooperationsfeld "
                "„Beschaffung“ erfasst (mindestens 2 nötig)."
                for x in "ABCDEF"
            )
        ]
    }
    # An agreement not in force on the period's end has no participants that day (G was
    # still a member then).
    assert _refused(
        rules,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        participant_rule=ParticipantRule.AGREEMENT,
        participant_agreement_id=rules.agreement.pk,
    ) == {
        "participant_rule": [
            f"Nach der Regel „Beteiligte der Vereinbarung „{AGREEMENT_TITLE}““ nimmt am "
            "31.12.2025 kein Mitglied teil. "
            + " ".join(
                f"Gemeinde {x} nimmt nicht teil: die Vereinbarung „{AGREEMENT_TITLE}“ gilt "
                "am 31.12.2025 nicht."
                for x in "ABCDEFG"
            )
        ]
    }


def test_update_changes_the_rule_audited_and_clears_other_parameters(rules: Rules) -> None:
    item = create(rules.world)
    created = AuditEntry.objects.get(action="networks.budget_item_created")
    assert (created.changes["participant_rule"], created.changes["participants"]) == (
        [None, "all"],
        [None, "alle Mitglieder"],
    )
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        budget_item_update(
            actor=None,
            item=item,
            participant_rule=ParticipantRule.AREA_LEVEL,
            participant_area_id=rules.other_area.pk,
            participant_min_level=3,
        )
    assert excinfo.value.message_dict == {
        "participant_area": ["Das gewählte Kooperationsfeld gehört nicht zu diesem Verbund."]
    }
    assert counts() == before
    item.refresh_from_db()
    assert (item.participant_rule, item.participant_area_id) == (ParticipantRule.ALL, None)

    # The agreement given along with an area rule is not the area rule's: it is cleared.
    budget_item_update(
        actor=None,
        item=item,
        weight_equal=D(70),
        weight_population=D(0),
        participant_rule=ParticipantRule.AREA_LEVEL,
        participant_area_id=rules.fees.pk,
        participant_min_level=3,
        participant_agreement_id=rules.agreement.pk,
    )
    item.refresh_from_db()
    assert (
        item.participant_rule,
        item.participant_area_id,
        item.participant_min_level,
        item.participant_agreement_id,
    ) == (ParticipantRule.AREA_LEVEL, rules.fees.pk, 3, None)
    updated = AuditEntry.objects.get(action="networks.budget_item_updated")
    assert updated.changes == {
        "weight_equal": ["20.00", "70"],
        "weight_population": ["50.00", "0"],
        "participant_rule": ["all", "area_level"],
        "participants": ["alle Mitglieder", FEES_RULE],
    }
    assert _names(item) == ["Gemeinde A", "Gemeinde B", "Gemeinde C"]
    assert AreaParticipation.objects.filter(area=rules.other_area).count() == 1
    assert item.period_end == DEC_31


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def coordinator(world: World, demo_on: None) -> Any:
    user = make_user(username="koordination.teilnahme", demo=True)
    NetworkRoleFactory(user=user, network=world.network)
    return user


def test_pages_offer_the_rule_and_say_who_takes_part(rules: Rules, coordinator: Any) -> None:
    client = logged_in(coordinator)
    base = f"/verwaltung/verbuende/{rules.world.network.pk}/kosten/"
    page = client.get(f"{base}neu/").content.decode()
    for expected in (
        'type="radio" name="participant_rule" value="area_level"',
        "Mitglieder ab einer Stufe in einem Kooperationsfeld",
        f'<option value="{rules.fees.pk}">Gebührenkalkulation</option>',
        f'<option value="{rules.agreement.pk}">{AGREEMENT_TITLE}</option>',
        "3 – gemeinsame Entwicklung und Nutzung",
        "Hundesteuer anmelden (Gemeinde A)",
    ):
        assert expected in page, expected
    assert "Fremde Vereinbarung" not in page
    assert page.count(">Gebührenkalkulation</option>") == 1  # not the other network's

    audit_before = AuditEntry.objects.count()
    response = client.post(f"{base}neu/", form(participant_rule="area_level"))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Bitte wählen Sie das Kooperationsfeld, dessen Stufe über die Teilnahme entscheidet."
        in page
    )
    assert MIN_LEVEL_MISSING in page
    assert 'href="#id_participant_area"' in page  # the error summary links the field
    # An area of another network is not among the choices.
    response = client.post(
        f"{base}neu/",
        form(
            participant_rule="area_level",
            participant_area=str(rules.other_area.pk),
            participant_min_level="3",
        ),
    )
    assert response.status_code == 400
    assert (BudgetItem.objects.count(), AuditEntry.objects.count()) == (0, audit_before)

    response = client.post(
        f"{base}neu/",
        form(
            participant_rule="area_level",
            participant_area=str(rules.fees.pk),
            participant_min_level="3",
            participant_agreement=str(rules.agreement.pk),  # not the rule's: cleared
        ),
    )
    assert response.status_code == 302
    item = BudgetItem.objects.get()
    assert (
        item.participant_rule,
        item.participant_area_id,
        item.participant_min_level,
        item.participant_agreement_id,
    ) == ("area_level", rules.fees.pk, 3, None)
    page = client.get(f"{base}{item.pk}/").content.decode()
    for expected in (
        "Teilnehmende am 31.12.2026 (Mitglieder ab Stufe 3 (gemeinsame Entwicklung und "
        "Nutzung) im Kooperationsfeld „Gebührenkalkulation“): Gemeinde A; Gemeinde B; "
        "Gemeinde C.",
        "Gemeinde D nimmt nicht teil: Stufe 1 im Kooperationsfeld „Gebührenkalkulation“ "
        "(mindestens 3 nötig).",
        "Posten bearbeiten",
    ):
        assert expected in page, expected
    assert [row.share.name for row in client.get(f"{base}{item.pk}/").context["rows"]] == [
        "Gemeinde A",
        "Gemeinde B",
        "Gemeinde C",
    ]

    csv = client.get(f"{base}{item.pk}/verteilung.csv").content.decode()
    assert "\r\nGemeinde D;" not in csv
    assert (
        '\r\n\r\n"Teilnehmende am 31.12.2026 (Mitglieder ab Stufe 3 (gemeinsame Entwicklung '
        "und Nutzung) im Kooperationsfeld „Gebührenkalkulation“): Gemeinde A; Gemeinde B; "
        'Gemeinde C."\r\nGemeinde D nimmt nicht teil: Stufe 1 im Kooperationsfeld '
        "„Gebührenkalkulation“ (mindestens 3 nötig).\r\n"
    ) in csv

    a = rules.world.by_name("Gemeinde A")
    pdf = client.get(f"{base}{item.pk}/mitglieder/{a.pk}/abrechnung.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    for expected in (
        "Teilnehmende",
        "Gemeinde A; Gemeinde B; Gemeinde C.",
        "Nicht beteiligte Mitglieder",
        "Gemeinde F nimmt nicht teil: keine Stufe im Kooperationsfeld",
    ):
        assert expected in text, expected
    d = rules.world.by_name("Gemeinde D")
    assert client.get(f"{base}{item.pk}/mitglieder/{d.pk}/abrechnung.pdf").status_code == 404

    # The edit page: the rule as saved, then the agreement's parties instead.
    edit = client.get(f"{base}{item.pk}/bearbeiten/").content.decode()
    assert 'value="area_level" id="id_participant_rule_1" checked' in edit
    response = client.post(
        f"{base}{item.pk}/bearbeiten/",
        form(participant_rule="agreement", participant_agreement=str(rules.agreement.pk)),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.participant_rule, item.participant_area_id, item.participant_agreement_id) == (
        "agreement",
        None,
        rules.agreement.pk,
    )
    entry = AuditEntry.objects.get(action="networks.budget_item_updated")
    assert entry.changes["participants"] == [
        FEES_RULE,
        f"Beteiligte der Vereinbarung „{AGREEMENT_TITLE}“",
    ]
    # Closed: the edit page sends back with a message, the POST changes nothing.
    allocation_close(actor=coordinator, item=item)
    response = client.post(
        f"{base}{item.pk}/bearbeiten/", form(participant_rule="all"), follow=True
    )
    assert "Der Posten ist abgeschlossen und kann nicht geändert werden." in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.participant_rule == "agreement"
