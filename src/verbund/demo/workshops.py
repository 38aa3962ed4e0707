"""The demo's workshops: two meetings of the DLZ. The mayors' after-work session took
place three weeks ago, with its minutes and a decision that changes Jülich's level in
the area "Gebührenkalkulation" from the new year; the operational workshop on § 2b UStG
is planned four weeks ahead, with the members invited, some answers and its agenda.

The dates follow the day the demo is loaded, so one workshop is always past and one
always coming. Loaded through the workshop services, idempotently: a workshop whose
title the network already has is left as it is. Needs the DLZ's areas
(``demo/steering.py``) loaded first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from verbund.accounts.models import User
from verbund.accounts.selectors import coordinators_of_network, staff_of_authority
from verbund.authorities.models import Authority
from verbund.core.pdf import html_to_pdf
from verbund.demo.data import INDEN, JUELICH, KERPEN, LINNICH, MERZENICH, NIEDERZIER
from verbund.networks.models import Network
from verbund.networks.workshops.models import Workshop
from verbund.networks.workshops.services import (
    AreaLevelEffect,
    agenda_item_add,
    decision_record,
    invitation_answer,
    material_add,
    minutes_write,
    workshop_create,
    workshop_hold,
    workshop_invite,
)

MEMBERS = (MERZENICH, JUELICH, KERPEN, LINNICH, INDEN, NIEDERZIER)
FEES_AREA = "Gebührenkalkulation"
JUELICH_NEW_LEVEL = 3  # from 4: Jülich calculates its own fees again, on the shared model


@dataclass(frozen=True)
class DemoAgendaItem:
    title: str
    minutes: int
    presenter: str = ""


@dataclass(frozen=True)
class DemoWorkshop:
    title: str
    level: str
    format: str
    place: str
    description: str
    length: dt.timedelta
    agenda: tuple[DemoAgendaItem, ...]
    answers: tuple[tuple[str, str, int], ...]  # (member, response, attendees)


AFTER_WORK = DemoWorkshop(
    title="Feierabendgespräch der Bürgermeisterinnen und Bürgermeister",
    level="leadership",
    format="after_work",
    place="Rathaus Merzenich, Sitzungssaal, Valdersweg 1, 52399 Merzenich",
    description=(
        "Einmal im Quartal sprechen die Hauptverwaltungsbeamten der sechs DLZ-Kommunen nach "
        "Dienstschluss über den Stand der Zusammenarbeit und entscheiden, was die "
        "Arbeitsebene vorbereitet hat."
    ),
    length=dt.timedelta(hours=2, minutes=30),
    agenda=(
        DemoAgendaItem("Begrüßung und Stand des DLZ", 15, MERZENICH),
        DemoAgendaItem("Gewerbeanmeldung im Auftrag: die ersten Monate", 30, MERZENICH),
        DemoAgendaItem("Gebührenkalkulation: Abwasser in Jülich", 45, JUELICH),
        DemoAgendaItem("Umsatzsteuer ab 2027: Auftrag an die Arbeitsebene", 30),
        DemoAgendaItem("Verschiedenes und nächster Termin", 15),
    ),
    answers=(
        (MERZENICH, "accepted", 2),
        (JUELICH, "accepted", 2),
        (LINNICH, "accepted", 1),
        (INDEN, "accepted", 1),
        (NIEDERZIER, "accepted", 1),
        (KERPEN, "declined", 0),
    ),
)

AFTER_WORK_MINUTES = (
    "Anwesend: die Bürgermeister von Merzenich, Jülich, Linnich, Inden und Niederzier, "
    "die DLZ-Geschäftsstelle. Kerpen hatte abgesagt.\n\n"
    "1. Die Gewerbeanmeldung im Auftrag läuft: Merzenich bearbeitet die Anzeigen aller "
    "Mitglieder, die Rückfragen der Bürgerinnen und Bürger sind wenige.\n"
    "2. Jülich möchte die Abwassergebühren ab dem neuen Jahr wieder selbst kalkulieren, weil "
    "die Stadt ihr Kanalnetz neu bewertet hat; das gemeinsame Kalkulationsmodell nutzt sie "
    "weiter. Die Runde stimmt zu (Beschluss 1).\n"
    "3. Die Arbeitsebene bereitet die Prüfung der Leistungsbeziehungen nach § 2b UStG in "
    "einem Workshop vor.\n"
    "4. Das nächste Feierabendgespräch findet im Frühjahr in Linnich statt (Beschluss 2)."
)

USTG = DemoWorkshop(
    title="§ 2b UStG: Leistungsbeziehungen im DLZ prüfen",
    level="operational",
    format="workshop",
    place="Gemeinde Merzenich, Besprechungsraum 1.12",
    description=(
        "Ab 2027 gilt § 2b UStG ohne Übergang. Die Kämmereien prüfen gemeinsam, welche "
        "Leistungen des DLZ steuerbar sind, und bereiten Vertragsmuster vor."
    ),
    length=dt.timedelta(hours=3),
    agenda=(
        DemoAgendaItem("Rechtslage nach § 2b UStG und BMF-Schreiben", 45, INDEN),
        DemoAgendaItem("Bestandsaufnahme der Leistungsbeziehungen im DLZ", 60, LINNICH),
        DemoAgendaItem("Pause", 15),
        DemoAgendaItem("Vertragsmuster und Kostenerstattung", 45, MERZENICH),
        DemoAgendaItem("Nächste Schritte und Zuständigkeiten", 15),
    ),
    answers=(
        (JUELICH, "accepted", 2),
        (INDEN, "accepted", 1),
        (MERZENICH, "accepted", 3),
    ),
)


def _thursday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - 3) % 7)


def _tuesday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _pdf(name: str, title: str, lines: tuple[str, ...]) -> SimpleUploadedFile:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    html = (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1><ol>{items}</ol>"
        "<p>Demo-Dokument für Verbund. Es enthält keine echten Angaben.</p></body></html>"
    )
    return SimpleUploadedFile(name, html_to_pdf(html), content_type="application/pdf")


def _clerk(authority: Authority) -> User | None:
    role = staff_of_authority(authority.pk).first()
    return role.user if role is not None else None


def _plan(
    network: Network,
    spec: DemoWorkshop,
    starts_at: dt.datetime,
    members: dict[str, Authority],
    coordinator: User | None,
) -> Workshop:
    """The workshop planned, all members invited, the answers given, the agenda set and
    the invitation with the agenda added as material."""
    workshop = workshop_create(
        actor=coordinator,
        network=network,
        title=spec.title,
        level=spec.level,
        format=spec.format,
        starts_at=starts_at,
        ends_at=starts_at + spec.length,
        place=spec.place,
        description=spec.description,
    )
    invitations = {
        i.authority.ars: i
        for i in workshop_invite(
            actor=coordinator, workshop=workshop, authorities=list(members.values())
        )
    }
    for ars, response, attendees in spec.answers:
        # A member's own clerk answers where the demo has one, else the coordination.
        answering = _clerk(members[ars]) or coordinator
        invitation_answer(
            actor=answering,
            invitation=invitations[ars],
            response=response,
            attendees=attendees,
        )
    for item in spec.agenda:
        agenda_item_add(
            actor=coordinator,
            workshop=workshop,
            title=item.title,
            duration_minutes=item.minutes,
            presenter=members[item.presenter] if item.presenter else None,
        )
    material_add(
        actor=coordinator,
        workshop=workshop,
        title="Einladung mit Tagesordnung",
        upload=_pdf("einladung.pdf", spec.title, tuple(item.title for item in spec.agenda)),
    )
    return workshop


def load_workshops(network: Network) -> None:
    """Create the DLZ's two workshops that do not exist yet (by title); an existing one is
    left as it is, so loading twice changes nothing."""
    members = {a.ars: a for a in Authority.objects.filter(ars__in=MEMBERS)}
    coordinator = coordinators_of_network(network.pk).first()
    existing = set(network.workshops.values_list("title", flat=True))
    today = timezone.localdate()

    if AFTER_WORK.title not in existing:
        day = _thursday_on_or_before(today - dt.timedelta(days=21))
        workshop = _plan(network, AFTER_WORK, _at(day, 18), members, coordinator)
        workshop = workshop_hold(actor=coordinator, workshop=workshop)
        minutes_write(actor=coordinator, workshop=workshop, text=AFTER_WORK_MINUTES)
        valid_from = dt.date(day.year + 1, 1, 1)
        decision_record(
            actor=coordinator,
            workshop=workshop,
            text=(
                "Jülich kalkuliert seine Gebühren ab dem "
                f"{valid_from:%d.%m.%Y} wieder selbst und nutzt dafür weiter das gemeinsame "
                "Kalkulationsmodell des DLZ (Stufe 3: gemeinsame Entwicklung und Nutzung)."
            ),
            effect=AreaLevelEffect(
                area=network.areas.get(name=FEES_AREA),
                authority=members[JUELICH],
                level=JUELICH_NEW_LEVEL,
                valid_from=valid_from,
            ),
        )
        decision_record(
            actor=coordinator,
            workshop=workshop,
            text="Das nächste Feierabendgespräch findet im Frühjahr im Rathaus Linnich statt.",
        )

    if USTG.title not in existing:
        day = _tuesday_on_or_after(today + dt.timedelta(days=28))
        _plan(network, USTG, _at(day, 9, 30), members, coordinator)
