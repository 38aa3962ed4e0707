"""Workshops of a network: planning, inviting members and their answers, the agenda,
materials, minutes, and decisions whose effects change the area matrix or the roadmap.
Every refused write reports all its problems and changes nothing (rows, audit entries)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import AuthorityFactory, MembershipFactory, NetworkFactory, make_user
from tests.networks.groups.test_groups import PDF, Wue
from tests.networks.groups.test_groups import wue as wue  # the fixture, re-exported
from verbund.core.audit_log import describe_entries
from verbund.core.models import AuditEntry
from verbund.networks.models import AreaParticipation, CooperationArea
from verbund.networks.roadmap.models import RoadmapItem
from verbund.networks.selectors import area_matrix
from verbund.networks.services import area_create, area_level_set
from verbund.networks.workshops.models import (
    AgendaItem,
    Invitation,
    Workshop,
    WorkshopDecision,
    WorkshopMaterial,
)
from verbund.networks.workshops.selectors import (
    next_workshops,
    workshop_detail,
    workshops_of_network,
)
from verbund.networks.workshops.services import (
    AreaLevelEffect,
    RoadmapItemEffect,
    agenda_item_add,
    decision_record,
    invitation_answer,
    material_add,
    minutes_write,
    workshop_cancel,
    workshop_create,
    workshop_hold,
    workshop_invite,
    workshop_update,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
NEXT_YEAR = dt.date(timezone.localdate().year + 1, 1, 1)


def _counts() -> tuple[int, ...]:
    return (
        Workshop.objects.count(),
        Invitation.objects.count(),
        AgendaItem.objects.count(),
        WorkshopMaterial.objects.count(),
        WorkshopDecision.objects.count(),
        AreaParticipation.objects.count(),
        RoadmapItem.objects.count(),
        AuditEntry.objects.count(),
    )


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(exc.value.messages)


def _last() -> AuditEntry:
    return AuditEntry.objects.latest("id")


def _workshop(wue: Wue, *, starts_at: dt.datetime | None = None, **kwargs: object) -> Workshop:
    start = starts_at or NOW + 7 * DAY
    fields: dict[str, object] = {
        "title": "Feierabendgespräch der Bürgermeister",
        "level": "leadership",
        "format": "after_work",
        "starts_at": start,
        "ends_at": start + 2 * HOUR,
        "place": "Landratsamt Würzburg, Sitzungssaal",
    }
    fields.update(kwargs)
    return workshop_create(actor=None, network=wue.network, **fields)  # type: ignore[arg-type]


def _held(wue: Wue) -> Workshop:
    workshop = _workshop(wue, starts_at=NOW - 3 * DAY)
    return workshop_hold(actor=None, workshop=workshop)


@dataclass
class Areas:
    fees: CooperationArea  # Gebührenkalkulation: Höchberg on level 2 since 2024
    foreign: CooperationArea  # an area of another network


@pytest.fixture
def areas(wue: Wue) -> Areas:
    fees = area_create(actor=None, network=wue.network, name="Gebührenkalkulation")
    area_level_set(
        actor=None, area=fees, authority=wue.hoechberg, level=2, valid_from=dt.date(2024, 1, 1)
    )
    other = NetworkFactory(name="Anderer Verbund", slug="anderer")
    MembershipFactory(network=other, authority=wue.hoechberg)
    foreign = area_create(actor=None, network=other, name="Beschaffung")
    return Areas(fees, foreign)


# --- the workshop ---------------------------------------------------------------------------


def test_a_workshop_is_planned_and_audited(wue: Wue) -> None:
    before = AuditEntry.objects.count()
    workshop = _workshop(wue, description="  Austausch zur eAkte  ")
    assert (workshop.network, workshop.status, workshop.description) == (
        wue.network,
        "planned",
        "Austausch zur eAkte",
    )
    assert (workshop.get_level_display(), workshop.get_format_display()) == (
        "Leitungsebene",
        "Feierabendgespräch",
    )
    assert AuditEntry.objects.count() == before + 1
    entry = _last()
    assert (entry.action, entry.network_id, entry.object_id) == (
        "networks.workshop_created",
        wue.network.pk,
        str(workshop.pk),
    )
    assert entry.changes["title"] == [None, "Feierabendgespräch der Bürgermeister"]
    assert entry.changes["status"] == [None, "planned"]
    assert entry.changes["starts_at"] == [None, workshop.starts_at.isoformat()]


def test_planning_reports_every_problem_and_saves_nothing(wue: Wue) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_create(
            actor=None,
            network=wue.network,
            title=" ",
            level="board",
            format="barcamp",
            starts_at=NOW + DAY,
            ends_at=NOW + DAY - HOUR,
        )
    assert _messages(exc) == [
        "Bitte geben Sie einen Titel an.",
        "Unbekannte Ebene des Workshops.",
        "Unbekanntes Format des Workshops.",
        "Das Ende muss nach dem Beginn liegen.",
    ]
    with pytest.raises(ValidationError) as exc:
        _workshop(wue, ends_at=NOW + 7 * DAY)  # ends when it begins
    assert _messages(exc) == ["Das Ende muss nach dem Beginn liegen."]
    assert _counts() == before


def test_a_workshop_is_changed_and_the_same_values_record_nothing(wue: Wue) -> None:
    workshop = _workshop(wue)
    fields = {
        "title": "Feierabendgespräch",
        "level": "leadership",
        "format": "online",
        "starts_at": workshop.starts_at,
        "ends_at": workshop.ends_at + HOUR,
        "place": "Videokonferenz",
        "description": "",
    }
    workshop_update(actor=None, workshop=workshop, **fields)  # type: ignore[arg-type]
    workshop.refresh_from_db()
    assert (workshop.title, workshop.format, workshop.place) == (
        "Feierabendgespräch",
        "online",
        "Videokonferenz",
    )
    entry = _last()
    assert entry.action == "networks.workshop_updated"
    assert set(entry.changes) == {"title", "format", "ends_at", "place"}
    assert entry.changes["format"] == ["after_work", "online"]
    before = _counts()
    workshop_update(actor=None, workshop=workshop, **fields)  # type: ignore[arg-type]
    assert _counts() == before


def test_changing_refuses_what_no_longer_fits(wue: Wue) -> None:
    workshop = _workshop(wue)
    agenda_item_add(actor=None, workshop=workshop, title="Begrüßung", duration_minutes=90)
    fields = {
        "title": workshop.title,
        "level": workshop.level,
        "format": workshop.format,
        "starts_at": workshop.starts_at,
        "ends_at": workshop.starts_at + HOUR,
        "place": "",
        "description": "",
    }
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_update(actor=None, workshop=workshop, **fields)  # type: ignore[arg-type]
    assert _messages(exc) == [
        "Die Tagesordnung dauert 90 Minuten, länger als der Workshop (60 Minuten)."
    ]
    held = _held(wue)
    with pytest.raises(ValidationError) as exc:
        workshop_update(
            actor=None,
            workshop=held,
            **{**fields, "starts_at": NOW + DAY, "ends_at": NOW + DAY + HOUR},  # type: ignore[arg-type]
        )
    assert _messages(exc) == [
        "Der Workshop hat schon stattgefunden; sein Beginn kann nicht in der Zukunft liegen."
    ]
    cancelled = workshop_cancel(actor=None, workshop=_workshop(wue, title="Abgesagt"))
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_update(actor=None, workshop=cancelled, **fields)  # type: ignore[arg-type]
    assert _messages(exc) == ["Ein abgesagter Workshop kann nicht mehr geändert werden."]
    assert _counts() == before


def test_a_workshop_is_held_once_it_began_and_cancelled_only_while_planned(wue: Wue) -> None:
    future = _workshop(wue)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_hold(actor=None, workshop=future)
    assert _messages(exc) == [
        "Der Workshop beginnt erst am "
        + timezone.localtime(future.starts_at).strftime("%d.%m.%Y %H:%M")
        + "."
    ]
    assert _counts() == before

    held = _held(wue)
    assert held.status == "held"
    entry = _last()
    assert (entry.action, entry.changes) == (
        "networks.workshop_held",
        {"status": ["planned", "held"]},
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_hold(actor=None, workshop=held)
    assert _messages(exc) == [
        "Nur ein geplanter Workshop kann als durchgeführt erfasst werden; dieser ist durchgeführt."
    ]
    with pytest.raises(ValidationError) as exc:
        workshop_cancel(actor=None, workshop=held)
    assert _messages(exc) == [
        "Nur ein geplanter Workshop kann abgesagt werden; dieser ist durchgeführt."
    ]
    assert _counts() == before

    cancelled = workshop_cancel(actor=None, workshop=future)
    assert cancelled.status == "cancelled"
    assert _last().action == "networks.workshop_cancelled"


# --- invitations ----------------------------------------------------------------------------


def test_members_are_invited_and_answer(wue: Wue) -> None:
    workshop = _workshop(wue)
    invitations = workshop_invite(
        actor=None, workshop=workshop, authorities=[wue.rimpar, wue.hoechberg, wue.kreis]
    )
    assert [(i.authority.name, i.response, i.attendees) for i in invitations] == [
        ("Höchberg", "open", 0),
        ("Rimpar", "open", 0),
        ("Würzburg, Landkreis", "open", 0),
    ]
    entry = _last()
    assert (entry.action, entry.object_id) == ("networks.workshop_invited", str(workshop.pk))
    assert entry.changes == {
        "invited": [None, sorted([wue.rimpar.ars, wue.hoechberg.ars, wue.kreis.ars])]
    }

    clerk = make_user(username="sb.rimpar")
    rimpar = Invitation.objects.get(workshop=workshop, authority=wue.rimpar)
    answered = invitation_answer(actor=clerk, invitation=rimpar, response="accepted", attendees=3)
    assert (answered.response, answered.attendees, answered.answered_by) == ("accepted", 3, clerk)
    assert answered.answered_at is not None
    entry = _last()
    assert (entry.action, entry.authority_id, entry.network_id, entry.actor_id) == (
        "networks.invitation_answered",
        wue.rimpar.pk,
        wue.network.pk,
        clerk.pk,
    )
    assert entry.changes == {
        "workshop": workshop.pk,
        "response": ["open", "accepted"],
        "attendees": [0, 3],
    }
    # Declining: nobody comes, whatever number was given.
    declined = invitation_answer(actor=clerk, invitation=rimpar, response="declined", attendees=2)
    assert (declined.response, declined.attendees) == ("declined", 0)
    before = _counts()
    invitation_answer(actor=clerk, invitation=rimpar, response="declined")
    assert _counts() == before  # the same answer again records nothing

    detail = workshop_detail(workshop)
    assert (len(detail.invitations), detail.accepted, detail.declined, detail.open) == (3, 0, 1, 2)


def test_inviting_reports_every_problem_and_saves_nothing(wue: Wue) -> None:
    workshop = _workshop(wue)
    workshop_invite(actor=None, workshop=workshop, authorities=[wue.rimpar])
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_invite(
            actor=None,
            workshop=workshop,
            authorities=[wue.outsider, wue.left, wue.rimpar, wue.gerbrunn],
        )
    assert _messages(exc) == [
        "Keine Mitglieder des Verbunds: Kitzingen, Zell a.Main.",
        "Bereits eingeladen: Rimpar.",
    ]
    with pytest.raises(ValidationError) as exc:
        workshop_invite(actor=None, workshop=workshop, authorities=[])
    assert _messages(exc) == ["Bitte wählen Sie mindestens ein Mitglied aus."]
    cancelled = workshop_cancel(actor=None, workshop=_workshop(wue, title="Abgesagt"))
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        workshop_invite(actor=None, workshop=cancelled, authorities=[wue.gerbrunn])
    assert _messages(exc) == ["Einladen lässt sich nur zu einem geplanten Workshop."]
    assert _counts() == before
    assert not Invitation.objects.filter(authority=wue.gerbrunn).exists()


def test_bad_answers_are_refused_and_change_nothing(wue: Wue) -> None:
    workshop = _workshop(wue)
    (invitation,) = workshop_invite(actor=None, workshop=workshop, authorities=[wue.rimpar])
    before = _counts()
    for response, attendees, message in (
        ("open", 0, "Bitte sagen Sie zu oder ab."),
        ("maybe", 1, "Bitte sagen Sie zu oder ab."),
        ("accepted", 0, "Bitte geben Sie an, wie viele Personen teilnehmen (1 bis 50)."),
        ("accepted", 51, "Bitte geben Sie an, wie viele Personen teilnehmen (1 bis 50)."),
    ):
        with pytest.raises(ValidationError) as exc:
            invitation_answer(
                actor=None, invitation=invitation, response=response, attendees=attendees
            )
        assert _messages(exc) == [message]
    workshop_cancel(actor=None, workshop=workshop)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        invitation_answer(actor=None, invitation=invitation, response="accepted", attendees=0)
    assert _messages(exc) == [
        "Der Workshop ist abgesagt.",
        "Bitte geben Sie an, wie viele Personen teilnehmen (1 bis 50).",
    ]
    assert _counts() == before
    invitation.refresh_from_db()
    assert (invitation.response, invitation.attendees, invitation.answered_at) == ("open", 0, None)


# --- agenda and materials -------------------------------------------------------------------


def test_the_agenda_grows_in_order_and_fits_into_the_time(wue: Wue) -> None:
    workshop = _workshop(wue)  # two hours
    first = agenda_item_add(actor=None, workshop=workshop, title="Begrüßung", duration_minutes=15)
    second = agenda_item_add(
        actor=None,
        workshop=workshop,
        title="Gebührenkalkulation gemeinsam",
        duration_minutes=60,
        presenter=wue.hoechberg,
    )
    assert [(i.position, i.title) for i in (first, second)] == [
        (1, "Begrüßung"),
        (2, "Gebührenkalkulation gemeinsam"),
    ]
    entry = _last()
    assert (entry.action, entry.changes["presenter"], entry.changes["position"]) == (
        "networks.agenda_item_added",
        [None, wue.hoechberg.ars],
        [None, 2],
    )
    detail = workshop_detail(workshop)
    assert [row.starts_at for row in detail.agenda] == [
        workshop.starts_at,
        workshop.starts_at + dt.timedelta(minutes=15),
    ]
    assert detail.agenda_minutes == 75

    before = _counts()
    with pytest.raises(ValidationError) as exc:
        agenda_item_add(actor=None, workshop=workshop, title="Ausblick", duration_minutes=46)
    assert _messages(exc) == [
        "Die Tagesordnung dauert 121 Minuten, länger als der Workshop (120 Minuten)."
    ]
    with pytest.raises(ValidationError) as exc:
        agenda_item_add(
            actor=None, workshop=workshop, title=" ", duration_minutes=0, presenter=wue.outsider
        )
    assert _messages(exc) == [
        "Bitte benennen Sie den Tagesordnungspunkt.",
        "Die Dauer muss zwischen 1 und 480 Minuten liegen.",
        "Kitzingen ist kein Mitglied des Verbunds.",
    ]
    held = _held(wue)
    with pytest.raises(ValidationError) as exc:
        agenda_item_add(actor=None, workshop=held, title="Nachtrag", duration_minutes=5)
    assert _messages(exc) == ["Die Tagesordnung lässt sich nur vor dem Workshop ergänzen."]
    assert _counts()[2] == before[2]


def test_a_material_is_stored_privately_with_its_digest(wue: Wue) -> None:
    workshop = _workshop(wue)
    material = material_add(
        actor=None,
        workshop=workshop,
        title="Folien",
        upload=SimpleUploadedFile("folien.pdf", PDF),
    )
    assert (material.file_name, material.size, material.sha256) == (
        "folien.pdf",
        len(PDF),
        hashlib.sha256(PDF).hexdigest(),
    )
    with material.file.open("rb") as stored:
        assert stored.read() == PDF
    entry = _last()
    assert (entry.action, entry.changes["sha256"]) == (
        "networks.workshop_material_added",
        [None, hashlib.sha256(PDF).hexdigest()],
    )
    workshop_cancel(actor=None, workshop=workshop)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        material_add(
            actor=None,
            workshop=workshop,
            title="",
            upload=SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        )
    assert _messages(exc) == [
        "Der Workshop ist abgesagt.",
        "Bitte geben Sie einen Titel an.",
        "Bitte laden Sie ein PDF oder eine Office-Datei hoch (PDF, DOCX, XLSX, PPTX, ODT, "
        "ODS, ODP, DOC, XLS, PPT).",
    ]
    assert _counts() == before


# --- minutes --------------------------------------------------------------------------------


def test_minutes_follow_the_workshop(wue: Wue) -> None:
    planned = _workshop(wue)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        minutes_write(actor=None, workshop=planned, text="")
    assert _messages(exc) == [
        "Das Protokoll kann erst geschrieben werden, wenn der Workshop stattgefunden hat.",
        "Bitte schreiben Sie das Protokoll.",
    ]
    assert _counts() == before
    planned.refresh_from_db()
    assert (planned.minutes, planned.minutes_by, planned.minutes_at) == ("", None, None)

    held = _held(wue)
    coordinator = make_user(username="koordination.wuerzburg")
    minutes_write(actor=coordinator, workshop=held, text="  Anwesend: alle Bürgermeister.  ")
    held.refresh_from_db()
    assert (held.minutes, held.minutes_by) == ("Anwesend: alle Bürgermeister.", coordinator)
    assert held.minutes_at is not None
    entry = _last()
    assert (entry.action, entry.actor_id, entry.changes) == (
        "networks.workshop_minutes_written",
        coordinator.pk,
        {"minutes": [None, "Anwesend: alle Bürgermeister."]},
    )
    before = _counts()
    minutes_write(actor=coordinator, workshop=held, text="Anwesend: alle Bürgermeister.")
    assert _counts() == before


# --- decisions ------------------------------------------------------------------------------


def test_a_decision_without_effect(wue: Wue) -> None:
    held = _held(wue)
    decision = decision_record(actor=None, workshop=held, text="Wir treffen uns vierteljährlich.")
    assert (decision.effect, decision.area_participation, decision.roadmap_item) == (
        "none",
        None,
        None,
    )
    entry = _last()
    assert (entry.action, entry.changes) == (
        "networks.workshop_decision_recorded",
        {
            "workshop": [None, held.pk],
            "text": [None, "Wir treffen uns vierteljährlich."],
            "effect": [None, "none"],
        },
    )


def test_a_decision_sets_a_members_level_in_the_area_matrix(wue: Wue, areas: Areas) -> None:
    held = _held(wue)
    entries = AuditEntry.objects.count()
    decision = decision_record(
        actor=None,
        workshop=held,
        text="Höchberg überträgt die Gebührenkalkulation ab dem neuen Jahr.",
        effect=AreaLevelEffect(
            area=areas.fees, authority=wue.hoechberg, level=4, valid_from=NEXT_YEAR
        ),
    )
    participation = decision.area_participation
    assert participation is not None
    assert (decision.effect, participation.level, participation.valid_from) == (
        "area_level",
        4,
        NEXT_YEAR,
    )
    assert participation.note == f"Beschluss: {held.title}"

    def level(on: dt.date) -> int | None:
        _areas, rows = area_matrix(wue.network, on=on)
        return {row.authority.name: row.levels for row in rows}["Höchberg"][0]

    assert level(NEXT_YEAR - DAY) == 2
    assert level(NEXT_YEAR) == 4
    # Two entries: the level (as every level change) and the decision, last.
    assert AuditEntry.objects.count() == entries + 2
    level_entry, decision_entry = AuditEntry.objects.order_by("-id")[:2][::-1]
    assert level_entry.action == "networks.area_level_set"
    assert level_entry.changes == {"level": [2, 4], "valid_from": [None, NEXT_YEAR.isoformat()]}
    assert decision_entry.action == "networks.workshop_decision_recorded"
    assert decision_entry.authority_id == wue.hoechberg.pk
    assert {k: v[1] for k, v in decision_entry.changes.items()} == {
        "workshop": held.pk,
        "text": "Höchberg überträgt die Gebührenkalkulation ab dem neuen Jahr.",
        "area": "Gebührenkalkulation",
        "authority": wue.hoechberg.ars,
        "area_level": 4,
        "valid_from": NEXT_YEAR.isoformat(),
        "effect": "area_level",
    }
    # The entry reads in German.
    (described,) = describe_entries([decision_entry])
    words = {change.label: change.new.text for change in described.changes}
    assert described.action == "Beschluss des Workshops erfasst"
    assert words["Veranstaltung"] == held.title
    assert words["Mitglied"] == "Gemeinde Höchberg"
    assert words["Stufe"] == "Aufgabe übertragen"
    assert words["Wirkung"] == "Stufe eines Mitglieds in einem Kooperationsfeld setzen"
    detail = workshop_detail(held)
    assert detail.decisions == [decision]


def test_a_decision_adds_a_roadmap_item(wue: Wue) -> None:
    held = _held(wue)
    decision = decision_record(
        actor=None,
        workshop=held,
        text="Rimpar schlägt den Online-Dienst Hundesteuer vor.",
        effect=RoadmapItemEffect(
            title="Hundesteuer online anmelden",
            proposed_by=wue.rimpar,
            description="An- und Abmeldung",
            planned_on=dt.date(2027, 6, 30),
        ),
    )
    item = decision.roadmap_item
    assert item is not None
    assert (item.network, item.title, item.proposed_by, item.status, item.planned_on) == (
        wue.network,
        "Hundesteuer online anmelden",
        wue.rimpar,
        "proposed",
        dt.date(2027, 6, 30),
    )
    assert RoadmapItem.objects.get() == item
    actions = list(AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:2])
    assert actions == ["networks.workshop_decision_recorded", "networks.roadmap_proposed"]
    assert _last().changes["roadmap_item"] == [None, item.pk]


def test_a_bad_decision_reports_every_problem_and_changes_nothing(wue: Wue, areas: Areas) -> None:
    planned = _workshop(wue)
    held = _held(wue)
    decision_record(
        actor=None,
        workshop=held,
        text="Vorhaben",
        effect=RoadmapItemEffect(title="eAkte", proposed_by=wue.kreis),
    )
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        decision_record(
            actor=None,
            workshop=planned,
            text=" ",
            effect=AreaLevelEffect(
                area=areas.foreign, authority=wue.outsider, level=5, valid_from=NEXT_YEAR
            ),
        )
    assert _messages(exc) == [
        "Beschlüsse werden erfasst, wenn der Workshop stattgefunden hat.",
        "Bitte geben Sie den Beschluss an.",
        "Das Kooperationsfeld „Beschaffung“ gehört nicht zu diesem Verbund.",
        "Die Stufe muss zwischen 0 und 4 liegen.",
        f"Kitzingen ist am 1. Januar {NEXT_YEAR.year} kein Mitglied des Verbunds.",
    ]
    with pytest.raises(ValidationError) as exc:
        decision_record(
            actor=None,
            workshop=held,
            text="Zurück auf Anfang",
            effect=AreaLevelEffect(
                area=areas.fees,
                authority=wue.hoechberg,
                level=2,
                valid_from=dt.date(2023, 12, 31),
            ),
        )
    assert _messages(exc) == [
        "Höchberg ist am 31. Dezember 2023 kein Mitglied des Verbunds.",
        "Die neue Stufe muss nach dem 1. Januar 2024 beginnen, ab dem die bisherige gilt.",
        "Höchberg hat im Kooperationsfeld „Gebührenkalkulation“ bereits die Stufe 2.",
    ]
    with pytest.raises(ValidationError) as exc:
        decision_record(
            actor=None,
            workshop=held,
            text="Nochmal",
            effect=RoadmapItemEffect(title="EAKTE", proposed_by=wue.left),
        )
    assert _messages(exc) == [
        "Das Vorhaben „EAKTE“ steht schon in der Entwicklungsplanung.",
        "Zell a.Main ist kein Mitglied des Verbunds.",
    ]
    assert _counts() == before
    _areas, rows = area_matrix(wue.network, on=NEXT_YEAR)
    assert {row.authority.name: row.levels for row in rows}["Höchberg"] == [2]


# --- reads ----------------------------------------------------------------------------------


def test_the_list_puts_upcoming_workshops_first_and_the_past_below(wue: Wue) -> None:
    later = _workshop(wue, title="Später", starts_at=NOW + 30 * DAY)
    soon = _workshop(wue, title="Bald", starts_at=NOW + 2 * DAY)
    running = _workshop(wue, title="Läuft", starts_at=NOW - HOUR)  # ends in an hour
    old = _workshop(wue, title="Alt", starts_at=NOW - 60 * DAY)
    recent = _workshop(wue, title="Neulich", starts_at=NOW - 5 * DAY)
    cancelled = workshop_cancel(
        actor=None, workshop=_workshop(wue, title="Fällt aus", starts_at=NOW + 3 * DAY)
    )
    (invitation, _other) = workshop_invite(
        actor=None, workshop=soon, authorities=[wue.rimpar, wue.gerbrunn]
    )
    invitation_answer(actor=None, invitation=invitation, response="accepted", attendees=4)
    other = NetworkFactory(name="Anderer", slug="anderer-verbund")
    stranger = AuthorityFactory(name="Fremd")
    MembershipFactory(network=other, authority=stranger)
    workshop_create(
        actor=None,
        network=other,
        title="Fremder Workshop",
        level="operational",
        format="workshop",
        starts_at=NOW + DAY,
        ends_at=NOW + DAY + HOUR,
    )

    listing = workshops_of_network(wue.network, now=NOW)
    assert [row.workshop for row in listing.upcoming] == [running, soon, cancelled, later]
    assert [row.workshop for row in listing.past] == [recent, old]
    (soon_row,) = [row for row in listing.upcoming if row.workshop == soon]
    assert (soon_row.invited, soon_row.accepted, soon_row.attendees) == (2, 1, 4)
    assert next_workshops(wue.network, now=NOW) == [running, soon, later]
    assert next_workshops(wue.network, now=NOW, limit=1) == [running]
