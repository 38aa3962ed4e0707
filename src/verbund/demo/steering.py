"""The demo's network steering: the DLZ's cooperation areas with each member's depth,
and its binding agreement (Merzenich processes the business registrations of all six
members in their names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verbund.demo.cases import DemoApplication, _address
from verbund.demo.data import INDEN, JUELICH, KERPEN, LINNICH, MERZENICH, NIEDERZIER


@dataclass(frozen=True)
class DemoArea:
    name: str
    description: str
    tool: str  # networks.models.AreaTool
    # (member, level, since); a member with two entries changed its level
    levels: tuple[tuple[str, int, dt.date], ...]


SINCE = dt.date(2024, 1, 1)

DLZ_AREAS: tuple[DemoArea, ...] = (
    DemoArea(
        "Gebührenkalkulation",
        "Gemeinsame Kalkulation von Verwaltungs- und Benutzungsgebühren.",
        "fees",
        (
            (MERZENICH, 4, SINCE),
            (JUELICH, 4, SINCE),
            (LINNICH, 3, SINCE),
            (INDEN, 4, SINCE),
            (NIEDERZIER, 2, SINCE),
            (NIEDERZIER, 4, dt.date(2025, 1, 1)),
            (KERPEN, 1, SINCE),
        ),
    ),
    DemoArea(
        "Strategisches Berichtswesen",
        "Kennzahlen und Berichte nach gemeinsamen Standards.",
        "reporting",
        (
            (MERZENICH, 3, SINCE),
            (JUELICH, 2, SINCE),
            (LINNICH, 2, SINCE),
            (INDEN, 3, SINCE),
            (NIEDERZIER, 2, SINCE),
            (KERPEN, 0, SINCE),
        ),
    ),
    DemoArea(
        "Umsatzsteuer (§ 2b UStG)",
        "Gemeinsame Prüfung der Leistungsbeziehungen ab 2027.",
        "vat",
        (
            (MERZENICH, 3, SINCE),
            (JUELICH, 3, SINCE),
            (LINNICH, 3, SINCE),
            (INDEN, 3, SINCE),
            (NIEDERZIER, 3, SINCE),
            (KERPEN, 1, SINCE),
            (KERPEN, 3, dt.date(2026, 1, 1)),
        ),
    ),
    DemoArea(
        "Beschaffung",
        "Gemeinsame Ausschreibungen und Rahmenverträge.",
        "procurement",
        (
            (MERZENICH, 2, SINCE),
            (JUELICH, 1, SINCE),
            (LINNICH, 1, SINCE),
            (INDEN, 2, SINCE),
            (NIEDERZIER, 1, SINCE),
            (KERPEN, 1, SINCE),
        ),
    ),
)

AGREEMENT_TITLE = "Gewerbeanmeldung für alle DLZ-Kommunen"
AGREEMENT_SERVICE = "gewerbeanmeldung"
AGREEMENT_STARTS = dt.date(2026, 1, 1)
AGREEMENT_TASKS = (
    "Entgegennahme und Bearbeitung der Gewerbeanzeigen (§ 14 GewO) und Ausstellung der "
    "Empfangsbescheinigung im Namen der jeweiligen Kommune."
)


def _gewerbe(
    place: str, taetigkeit: str, person: tuple[str, str], address: tuple[str, str, str, str]
) -> DemoApplication:
    first, last = person
    return DemoApplication(
        service=AGREEMENT_SERVICE,
        place=place,
        pages=(
            {
                "taetigkeit": taetigkeit,
                "umfang": "nebenerwerb",
                "beginn-tag": "1",
                "beginn-monat": "2",
                "beginn-jahr": "2027",
            },
            _address("betrieb", *address),
            {"vorname": first, "nachname": last, **_address("anschrift", *address)},
            {},
            {"email": f"{first.lower()}.{last.lower()}@example.org"},
        ),
        files={"ausweis": (f"Personalausweis {first} {last}.pdf",)},
    )


# Business registrations of citizens of the DLZ members, made after the agreement: all
# land in Merzenich's inbox, each in the name of the citizen's own municipality (and
# each counts for that member in the cost allocation by cases).
DLZ_APPLICATIONS: tuple[DemoApplication, ...] = (
    _gewerbe(
        JUELICH,
        "Einzelhandel mit Fahrrädern und Zubehör",
        ("Jana", "Wirtz"),
        ("Kölnstraße", "12", "52428", "Jülich"),
    ),
    _gewerbe(
        JUELICH,
        "Webdesign und Programmierung",
        ("Tobias", "Hermanns"),
        ("Artilleriestraße", "4", "52428", "Jülich"),
    ),
    _gewerbe(
        KERPEN,
        "Hausmeisterdienste",
        ("Sabine", "Kaya"),
        ("Stiftsstraße", "9", "50171", "Kerpen"),
    ),
    _gewerbe(
        LINNICH,
        "Verkauf von Honig aus eigener Imkerei",
        ("Peter", "Jansen"),
        ("Rurdorfer Straße", "21", "52441", "Linnich"),
    ),
    _gewerbe(
        NIEDERZIER,
        "Fotografie für Hochzeiten und Feiern",
        ("Lea", "Schmitz"),
        ("Hauptstraße", "40", "52382", "Niederzier"),
    ),
)
