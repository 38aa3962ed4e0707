"""The demo's project groups: the twelve groups of the Kreisverbund Landkreis Würzburg,
each led by a Gemeinde or the Landkreis, with members, tasks (some done, some overdue)
and milestones. Loaded idempotently by ``verbund load-demo`` through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verbund.authorities.models import Authority
from verbund.networks.groups.services import (
    group_create,
    group_update,
    milestone_create,
    milestone_reach,
    task_complete,
    task_create,
)
from verbund.networks.models import Network

LANDKREIS = "09679"
AUB = "096795644114"
EIBELSTADT = "096795646124"
EISINGEN = "096790126126"
ESTENFELD = "096795647130"
GERBRUNN = "096790136136"
GIEBELSTADT = "096795648138"
GUENTERSLEBEN = "096790142142"
HETTSTADT = "096795655146"
HOECHBERG = "096790147147"
KIST = "096795651154"
KUERNACH = "096790156156"
LEINACH = "096790200200"
MARGETSHOECHHEIM = "096795652161"
OCHSENFURT = "096790170170"
RANDERSACKER = "096790175175"
REICHENBERG = "096790176176"
RIMPAR = "096790180180"
ROTTENDORF = "096790185185"
THEILHEIM = "096790193193"
THUENGERSHEIM = "096790194194"
UNTERPLEICHFELD = "096790201201"
VEITSHOECHHEIM = "096790202202"
WALDBUETTELBRUNN = "096790205205"
ZELL = "096790209209"


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class DemoTask:
    title: str
    owner: str
    due_on: str
    done_on: str = ""


@dataclass(frozen=True)
class DemoMilestone:
    title: str
    due_on: str
    reached_on: str = ""


@dataclass(frozen=True)
class DemoGroup:
    name: str
    goal: str
    status: str
    lead: str
    members: tuple[str, ...]  # besides the lead
    started_on: str
    tasks: tuple[DemoTask, ...]
    milestones: tuple[DemoMilestone, ...]
    ended_on: str = ""


WUERZBURG_GROUPS: tuple[DemoGroup, ...] = (
    DemoGroup(
        "Digitale Bürgerdienste",
        "Die 20 meistgenutzten Leistungen der Gemeinden sind in allen Rathäusern online "
        "beantragbar, mit denselben Formularen.",
        "active",
        LANDKREIS,
        (HOECHBERG, VEITSHOECHHEIM, GERBRUNN, RIMPAR, OCHSENFURT),
        "2023-01-15",
        (
            DemoTask(
                "Top-20-Leistungen aus den Fallzahlen ermitteln",
                LANDKREIS,
                "2023-04-30",
                "2023-04-12",
            ),
            DemoTask(
                "Formulare Meldebescheinigung und Hundesteuer abstimmen",
                HOECHBERG,
                "2024-03-31",
                "2024-03-20",
            ),
            DemoTask("Bezahlfunktion in allen Rathäusern freischalten", OCHSENFURT, "2026-09-30"),
            DemoTask("Nachnutzung durch alle Mitglieder anbieten", LANDKREIS, "2027-06-30"),
        ),
        (
            DemoMilestone("Erste zehn Leistungen online", "2024-06-30", "2024-07-08"),
            DemoMilestone("Alle 20 Leistungen online", "2027-06-30"),
        ),
    ),
    DemoGroup(
        "Digitaler Bauantrag",
        "Bauanträge gehen digital über XBau beim Landratsamt ein; die Gemeinden geben ihr "
        "Einvernehmen digital ab.",
        "active",
        HOECHBERG,
        (LANDKREIS, RIMPAR, ZELL, VEITSHOECHHEIM),
        "2024-02-01",
        (
            DemoTask(
                "Schnittstelle XBau zum Bauamt anbinden", LANDKREIS, "2024-12-31", "2024-11-28"
            ),
            DemoTask(
                "Prozess gemeindliches Einvernehmen digital beschreiben",
                HOECHBERG,
                "2025-03-31",
                "2025-04-10",
            ),
            DemoTask("Pilotbetrieb mit drei Gemeinden auswerten", RIMPAR, "2026-10-31"),
            DemoTask("Schulung der Bauverwaltungen", ZELL, "2027-02-28"),
        ),
        (
            DemoMilestone("Pilot in Höchberg gestartet", "2025-06-01", "2025-06-16"),
            DemoMilestone("Alle Gemeinden angebunden", "2027-06-30"),
        ),
    ),
    DemoGroup(
        "eAkte",
        "Alle Mitglieder führen ihre Akten nach einem gemeinsamen Aktenplan elektronisch.",
        "active",
        VEITSHOECHHEIM,
        (LANDKREIS, GERBRUNN, KUERNACH, ESTENFELD, THEILHEIM),
        "2023-09-01",
        (
            DemoTask(
                "Gemeinsamen Aktenplan beschließen", VEITSHOECHHEIM, "2024-02-29", "2024-02-20"
            ),
            DemoTask(
                "Scan-Richtlinie (TR-RESISCAN) abstimmen", LANDKREIS, "2024-06-30", "2024-07-15"
            ),
            DemoTask("Migration der Altakten planen", GERBRUNN, "2026-11-30"),
        ),
        (
            DemoMilestone("Aktenplan in Kraft", "2024-04-01", "2024-04-01"),
            DemoMilestone("Alle Mitglieder arbeiten mit der eAkte", "2027-12-31"),
        ),
    ),
    DemoGroup(
        "eRechnung",
        "Rechnungen gehen nur noch als XRechnung über die Leitweg-IDs der Mitglieder ein.",
        "completed",
        LANDKREIS,
        (OCHSENFURT, EIBELSTADT, RANDERSACKER),
        "2023-03-01",
        (
            DemoTask(
                "Leitweg-IDs für alle Mitglieder vergeben", LANDKREIS, "2023-06-30", "2023-06-02"
            ),
            DemoTask("Rechnungseingangsplattform anbinden", OCHSENFURT, "2024-03-31", "2024-03-28"),
            DemoTask("Lieferanten informieren", EIBELSTADT, "2024-06-30", "2024-06-14"),
        ),
        (DemoMilestone("Erste XRechnung verbucht", "2024-04-30", "2024-04-22"),),
        ended_on="2024-12-31",
    ),
    DemoGroup(
        "Schuldigitalisierung",
        "Gemeinsame Medienentwicklungspläne und ein IT-Support für die Grund- und "
        "Mittelschulen der Gemeinden.",
        "active",
        RIMPAR,
        (LANDKREIS, GUENTERSLEBEN, LEINACH, THUENGERSHEIM, MARGETSHOECHHEIM, ZELL),
        "2024-01-10",
        (
            DemoTask("Medienentwicklungspläne zusammenführen", RIMPAR, "2024-07-31", "2024-07-30"),
            DemoTask("Rahmenvertrag Endgeräte ausschreiben", LANDKREIS, "2025-03-31", "2025-05-06"),
            DemoTask("Gemeinsamen IT-Support aufbauen", GUENTERSLEBEN, "2026-08-31"),
            DemoTask("WLAN-Ausleuchtung der Schulen", LEINACH, "2027-03-31"),
            DemoTask("Fortbildungsplan für Lehrkräfte", THUENGERSHEIM, "2027-07-31"),
        ),
        (
            DemoMilestone("Rahmenvertrag Endgeräte vergeben", "2025-06-30", "2025-06-25"),
            DemoMilestone("IT-Support für alle Schulen", "2027-09-01"),
        ),
    ),
    DemoGroup(
        "Breitband und Mobilfunk",
        "Gigabitförderung gemeinsam beantragen, Funklöcher melden und schließen.",
        "active",
        GIEBELSTADT,
        (LANDKREIS, AUB, KIST, REICHENBERG),
        "2023-05-01",
        (
            DemoTask("Markterkundungsverfahren durchführen", LANDKREIS, "2023-12-31", "2023-12-15"),
            DemoTask(
                "Förderantrag Gigabitrichtlinie stellen", GIEBELSTADT, "2024-09-30", "2024-09-27"
            ),
            DemoTask("Funklochkarte mit den Netzbetreibern abgleichen", AUB, "2026-06-30"),
        ),
        (
            DemoMilestone("Förderbescheid erhalten", "2025-03-31", "2025-02-18"),
            DemoMilestone("Ausbau abgeschlossen", "2028-12-31"),
        ),
    ),
    DemoGroup(
        "IT-Sicherheit",
        "Ein gemeinsamer Informationssicherheitsbeauftragter und Notfallpläne nach "
        "BSI IT-Grundschutz für alle Mitglieder.",
        "active",
        LANDKREIS,
        (HOECHBERG, GERBRUNN, ROTTENDORF, WALDBUETTELBRUNN, EISINGEN, HETTSTADT, KIST),
        "2024-04-01",
        (
            DemoTask("Gemeinsamen ISB bestellen", LANDKREIS, "2024-09-30", "2024-09-01"),
            DemoTask("Notfallhandbuch-Vorlage erstellen", ROTTENDORF, "2025-06-30", "2025-07-21"),
            DemoTask("Phishing-Übung für alle Verwaltungen", GERBRUNN, "2026-10-15"),
            DemoTask("Schwachstellenscan der Außengrenzen", LANDKREIS, "2027-01-31"),
        ),
        (
            DemoMilestone("ISB im Amt", "2024-10-01", "2024-10-01"),
            DemoMilestone("Notfallpläne in allen Rathäusern", "2027-03-31"),
        ),
    ),
    DemoGroup(
        "Geodaten und GIS",
        "Ein gemeinsames Geoportal mit Bebauungsplänen, Kanal- und Baumkataster.",
        "active",
        ZELL,
        (LANDKREIS, MARGETSHOECHHEIM, VEITSHOECHHEIM),
        "2024-06-01",
        (
            DemoTask(
                "Bebauungspläne nach XPlanung digitalisieren", ZELL, "2025-12-31", "2025-12-10"
            ),
            DemoTask("Geoportal ausschreiben", LANDKREIS, "2026-09-30"),
        ),
        (DemoMilestone("Geoportal online", "2027-04-30"),),
    ),
    DemoGroup(
        "Digitale Sitzungsarbeit (Ratsinformationssystem)",
        "Gemeinderäte arbeiten papierlos mit einem gemeinsamen Ratsinformationssystem.",
        "active",
        GERBRUNN,
        (THEILHEIM, RANDERSACKER, EIBELSTADT, ROTTENDORF),
        "2024-09-01",
        (
            DemoTask("Anforderungen der Gremien sammeln", GERBRUNN, "2024-12-31", "2024-12-18"),
            DemoTask(
                "Tablets für Ratsmitglieder beschaffen", ROTTENDORF, "2025-06-30", "2025-06-30"
            ),
            DemoTask("Geschäftsordnungen anpassen (digitale Ladung)", THEILHEIM, "2026-07-31"),
        ),
        (
            DemoMilestone("Erste papierlose Sitzung", "2025-10-01", "2025-09-23"),
            DemoMilestone("Alle Gremien papierlos", "2027-05-01"),
        ),
    ),
    DemoGroup(
        "Personalwesen digital",
        "Digitale Personalakte, Bewerbermanagement und Zeiterfassung nach einem Standard.",
        "paused",
        OCHSENFURT,
        (LANDKREIS, KUERNACH, ESTENFELD),
        "2025-01-15",
        (
            DemoTask("Marktübersicht Bewerbermanagement", OCHSENFURT, "2025-05-31", "2025-05-28"),
            DemoTask("Dienstvereinbarung digitale Personalakte entwerfen", LANDKREIS, "2025-12-31"),
        ),
        (DemoMilestone("Entscheidung über das Bewerberportal", "2026-03-31"),),
    ),
    DemoGroup(
        "Beschaffung und E-Vergabe",
        "Gemeinsame Rahmenverträge und alle Vergaben über eine E-Vergabe-Plattform.",
        "active",
        LANDKREIS,
        (RIMPAR, HOECHBERG, UNTERPLEICHFELD, GIEBELSTADT, AUB),
        "2023-10-01",
        (
            DemoTask(
                "E-Vergabe-Plattform für alle freischalten", LANDKREIS, "2024-03-31", "2024-03-11"
            ),
            DemoTask("Rahmenvertrag Büromaterial", UNTERPLEICHFELD, "2024-12-31", "2024-12-20"),
            DemoTask("Rahmenvertrag Straßenbeleuchtung (LED)", RIMPAR, "2026-11-15"),
            DemoTask("Vergabehandbuch aktualisieren", LANDKREIS, "2027-03-31"),
        ),
        (
            DemoMilestone("Alle Vergaben elektronisch", "2024-10-18", "2024-10-18"),
            DemoMilestone("Fünf gemeinsame Rahmenverträge", "2027-12-31"),
        ),
    ),
    DemoGroup(
        "Open Data",
        "Die Mitglieder veröffentlichen Haushalts-, Geo- und Verkehrsdaten offen und "
        "maschinenlesbar.",
        "planned",
        WALDBUETTELBRUNN,
        (LANDKREIS, HOECHBERG, VEITSHOECHHEIM),
        "2027-01-01",
        (
            DemoTask("Datenkatalog der Mitglieder erheben", WALDBUETTELBRUNN, "2027-03-31"),
            DemoTask("Open-Data-Leitlinie entwerfen", LANDKREIS, "2027-06-30"),
        ),
        (DemoMilestone("Erste Datensätze veröffentlicht", "2027-09-30"),),
    ),
)


def load_groups(network: Network) -> None:
    """Create the Würzburg project groups that do not exist yet (by name); an existing
    group is left as it is, so loading twice changes nothing."""
    keys = {LANDKREIS}
    for spec in WUERZBURG_GROUPS:
        keys |= {spec.lead, *spec.members}
    authorities = {a.ars: a for a in Authority.objects.filter(ars__in=keys)}
    existing = set(network.project_groups.values_list("name", flat=True))
    for spec in WUERZBURG_GROUPS:
        if spec.name in existing:
            continue
        group = group_create(
            actor=None,
            network=network,
            name=spec.name,
            goal=spec.goal,
            # Founded active so that a completed group's tasks can still be recorded; its
            # own status follows below.
            status="active",
            lead=authorities[spec.lead],
            members=[authorities[ars] for ars in spec.members],
            started_on=_d(spec.started_on),
        )
        for task_spec in spec.tasks:
            task = task_create(
                actor=None,
                group=group,
                title=task_spec.title,
                owner=authorities[task_spec.owner],
                due_on=_d(task_spec.due_on),
            )
            if task_spec.done_on:
                task_complete(actor=None, task=task, done_on=_d(task_spec.done_on))
        for milestone_spec in spec.milestones:
            milestone = milestone_create(
                actor=None,
                group=group,
                title=milestone_spec.title,
                due_on=_d(milestone_spec.due_on),
            )
            if milestone_spec.reached_on:
                milestone_reach(
                    actor=None, milestone=milestone, reached_on=_d(milestone_spec.reached_on)
                )
        if spec.status != "active" or spec.ended_on:
            group_update(
                actor=None,
                group=group,
                name=group.name,
                goal=group.goal,
                status=spec.status,
                lead=group.lead,
                started_on=group.started_on,
                ended_on=_d(spec.ended_on) if spec.ended_on else None,
            )
