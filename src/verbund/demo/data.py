"""What the demo consists of: the three networks Verbund was started for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEMO_PASSWORD = "Verbund-Demo-2026!"  # noqa: S105 - printed by `make run`, demo only


@dataclass(frozen=True)
class DemoNetwork:
    slug: str
    name: str
    kind: str
    description: str
    operator_name: str
    joined_on: dt.date
    lead: str | None
    members: tuple[str, ...] = ()
    # A Kreis key here means "all current Gemeinden of that Kreis".
    members_of_kreis: str | None = None


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    authority_roles: tuple[tuple[str, str], ...] = ()
    network_roles: tuple[tuple[str, str], ...] = ()
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


MERZENICH, KERPEN, JUELICH = "053580040040", "053620032032", "053580024024"
LINNICH, INDEN, NIEDERZIER = "053580036036", "053580020020", "053580048048"
KREIS_DUEREN = "05358"

NETWORKS: tuple[DemoNetwork, ...] = (
    DemoNetwork(
        slug="dlz",
        name="Virtuelles Dienstleistungszentrum (DLZ)",
        kind="service_centre",
        description=(
            "Sechs Kommunen bündeln Aufgaben flexibel und zugleich verbindlich, ohne eine neue "
            "Behörde zu gründen: Gebührenkalkulation, strategisches Berichtswesen, "
            "Umsatzsteuerrecht (§ 2b UStG) und Beschaffung."
        ),
        operator_name="",
        joined_on=dt.date(2024, 1, 1),
        lead=MERZENICH,
        members=(MERZENICH, KERPEN, JUELICH, LINNICH, INDEN, NIEDERZIER),
    ),
    DemoNetwork(
        slug="suedwestfalen",
        name="Entwicklungspartnerschaft Südwestfalen",
        kind="development_partnership",
        description=(
            "Fünf Kreise teilen ihre Online-Dienste miteinander und verteilen die Entwicklung "
            "neuer digitaler Leistungen untereinander; ein gemeinsames Bürgerportal."
        ),
        operator_name="Kommunaler IT-Dienstleister Südwestfalen",
        joined_on=dt.date(2023, 1, 1),
        lead=None,
        members=("05974", "05966", "05958", "05970", "05962"),
    ),
    DemoNetwork(
        slug="wuerzburg",
        name="Kreisverbund Landkreis Würzburg",
        kind="county_network",
        description=(
            "Der Landkreis koordiniert seine Gemeinden in zwölf Projektgruppen: digitale "
            "Bürgerdienste, digitaler Bauantrag, eAkte, eRechnung, Schuldigitalisierung – mit "
            "gemeinsamen Standards und Schnittstellen."
        ),
        operator_name="",
        joined_on=dt.date(2022, 7, 1),
        lead="09679",
        members=("09679",),
        members_of_kreis="09679",
    ),
    DemoNetwork(
        slug="kreis-dueren",
        name="Digitale Modellregion Kreis Düren",
        kind="county_network",
        description=(
            "Der Kreis Düren und seine Kommunen nutzen gemeinsame Online-Dienste: Die "
            "Kreisverwaltung bietet Zulassung, Bauaufsicht und Pflegewohngeld online an, die "
            "Gemeinden geben ihre Stellungnahmen digital ab."
        ),
        operator_name="",
        joined_on=dt.date(2024, 7, 1),
        lead=KREIS_DUEREN,
        members=(KREIS_DUEREN,),
        members_of_kreis=KREIS_DUEREN,
    ),
    DemoNetwork(
        slug="landkreistag",
        name="Deutscher Landkreistag: Digitaler Landkreis",
        kind="other",
        description=(
            "Der kommunale Spitzenverband der 294 Landkreise befragt alle Landkreise zu ihrer "
            "Digitalisierung, damit jeder Landkreis seine eigene Strategie schreibt und gute "
            "Beispiele sich verbreiten."
        ),
        operator_name="",
        joined_on=dt.date(2018, 1, 1),
        lead=None,
        members=(),
    ),
)

USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "sb.merzenich",
        "Sachbearbeitung Merzenich",
        authority_roles=((MERZENICH, "clerk"),),
        note="Sachbearbeitung der Gemeinde Merzenich",
    ),
    DemoUser(
        "admin.merzenich",
        "Verwaltung Merzenich",
        authority_roles=((MERZENICH, "authority_admin"), (MERZENICH, "clerk")),
        note="Behördenadministration der Gemeinde Merzenich",
    ),
    DemoUser(
        "sb.dueren",
        "Sachbearbeitung Kreis Düren",
        authority_roles=((KREIS_DUEREN, "clerk"),),
        note="Sachbearbeitung des Kreises Düren (Zulassung, Bauaufsicht, Pflegewohngeld)",
    ),
    DemoUser(
        "admin.dueren",
        "Verwaltung Kreis Düren",
        authority_roles=((KREIS_DUEREN, "authority_admin"), (KREIS_DUEREN, "clerk")),
        note="Behördenadministration des Kreises Düren",
    ),
    DemoUser(
        "koordination.dlz",
        "DLZ-Geschäftsstelle",
        network_roles=(("dlz", "coordinator"),),
        note="Koordination des DLZ",
    ),
    DemoUser(
        "sb.juelich",
        "Sachbearbeitung Jülich",
        authority_roles=((JUELICH, "clerk"),),
        note="Sachbearbeitung der Stadt Jülich",
    ),
    DemoUser(
        "admin.olpe",
        "Verwaltung Kreis Olpe",
        authority_roles=(("05966", "authority_admin"), ("05966", "clerk")),
        note="Behördenadministration des Kreises Olpe",
    ),
    DemoUser(
        "koordination.landkreistag",
        "Geschäftsstelle Deutscher Landkreistag",
        network_roles=(("landkreistag", "coordinator"),),
        note="Koordination der Umfrage „Digitaler Landkreis“ (alle 294 Landkreise)",
    ),
    DemoUser(
        "koordination.suedwestfalen",
        "Koordination Südwestfalen",
        network_roles=(("suedwestfalen", "coordinator"),),
        note="Koordination der Entwicklungspartnerschaft Südwestfalen",
    ),
    DemoUser(
        "koordination.wuerzburg",
        "Koordination Landkreis Würzburg",
        authority_roles=(("09679", "authority_admin"),),
        network_roles=(("wuerzburg", "coordinator"),),
        note="Koordination des Kreisverbunds Würzburg",
    ),
)
