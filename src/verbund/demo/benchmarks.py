"""The demo's comparison ring: the DLZ's six members compare their citizens' offices
over four years (2022–2025) with ten KPIs — from figures they enter (inhabitants,
applications, staff cost, posts, waiting time) and figures the platform computes
itself (applications received online, median processing days, the share of services
offered online, the cost per case of the Gewerbeanmeldung from the fee sheets). All
periods are published, so the comparison pages show a real distribution. Loaded
through the services, once."""

from __future__ import annotations

from decimal import Decimal

from verbund.benchmarks.models import Better, FigureSource, Ring
from verbund.benchmarks.services import (
    figure_create,
    kpi_create,
    period_create,
    period_publish,
    ring_create,
    values_set,
)
from verbund.catalogue.selectors import published_services
from verbund.networks.models import Network
from verbund.networks.selectors import active_memberships

RING_NAME = "Vergleichsring Bürgerservice"
YEARS = (2022, 2023, 2024, 2025)

# key, label, unit, source, service title (platform figures per service)
FIGURES: tuple[tuple[str, str, str, str, str], ...] = (
    ("einwohner", "Einwohnerzahl", "EW", FigureSource.ENTERED, ""),
    ("faelle_gesamt", "Anträge insgesamt (alle Wege)", "Anträge", FigureSource.ENTERED, ""),
    ("personalkosten", "Personalkosten Bürgerbüro", "€", FigureSource.ENTERED, ""),
    ("stellen", "Vollzeitstellen Bürgerbüro", "VZÄ", FigureSource.ENTERED, ""),
    ("wartezeit", "Mittlere Wartezeit vor Ort", "Minuten", FigureSource.ENTERED, ""),
    ("faelle_online", "Online eingegangene Anträge", "Anträge", FigureSource.CASES, ""),
    ("bearbeitungstage", "Bearbeitungsdauer (Median)", "Tage", FigureSource.PROCESSING_DAYS, ""),
    ("online_quote", "Online beantragbare Leistungen", "%", FigureSource.ONLINE_SHARE, ""),
    (
        "kosten_gewerbe",
        "Kosten je Gewerbeanmeldung",
        "€",
        FigureSource.COST_PER_CASE,
        "Gewerbe anmelden",
    ),
)

# key, label, formula, unit, better, decimals
KPIS: tuple[tuple[str, str, str, str, str, int], ...] = (
    (
        "faelle_je_1000",
        "Anträge je 1.000 Einwohner",
        "faelle_gesamt / einwohner * 1000",
        "",
        Better.HIGHER,
        1,
    ),
    (
        "kosten_je_ew",
        "Personalkosten je Einwohner",
        "personalkosten / einwohner",
        "€",
        Better.LOWER,
        2,
    ),
    (
        "kosten_je_fall",
        "Personalkosten je Antrag",
        "personalkosten / faelle_gesamt",
        "€",
        Better.LOWER,
        2,
    ),
    (
        "faelle_je_stelle",
        "Anträge je Vollzeitstelle",
        "faelle_gesamt / stellen",
        "",
        Better.HIGHER,
        0,
    ),
    (
        "stellen_je_10000",
        "Stellen je 10.000 Einwohner",
        "stellen / einwohner * 10000",
        "",
        Better.LOWER,
        2,
    ),
    ("wartezeit_min", "Wartezeit vor Ort", "wartezeit", "Minuten", Better.LOWER, 0),
    (
        "online_anteil",
        "Anteil online eingegangener Anträge",
        "faelle_online / faelle_gesamt * 100",
        "%",
        Better.HIGHER,
        1,
    ),
    ("bearbeitung", "Bearbeitungsdauer (Median)", "bearbeitungstage", "Tage", Better.LOWER, 1),
    ("online_angebot", "Online beantragbare Leistungen", "online_quote", "%", Better.HIGHER, 1),
    ("kosten_gewerbe", "Kosten je Gewerbeanmeldung", "kosten_gewerbe", "€", Better.LOWER, 2),
)


def _entered(index: int, population: int, year: int) -> dict[str, Decimal | None]:
    """Plausible, deterministic figures of one member in one year: each member has its
    own level, and every year the offices get a little faster and busier."""
    step = year - YEARS[0]
    inhabitants = Decimal(population)
    per_1000 = Decimal(540 + 37 * index + 12 * step)
    cases = (inhabitants * per_1000 / 1000).quantize(Decimal(1))
    posts = (inhabitants / Decimal(3800 + 260 * index)).quantize(Decimal("0.01"))
    cost = (posts * Decimal(61_000 + 1_400 * step)).quantize(Decimal(1))
    return {
        "einwohner": inhabitants,
        "faelle_gesamt": cases,
        "personalkosten": cost,
        "stellen": posts,
        "wartezeit": Decimal(24 - 2 * step + 3 * index % 7),
    }


def load_benchmarks(networks: dict[str, Network]) -> None:
    """Comparison rings of the demo networks (idempotent)."""
    network = networks["dlz"]
    if Ring.objects.filter(network=network, name=RING_NAME).exists():
        return
    members = [m.authority for m in active_memberships(network)]
    ring = ring_create(
        actor=None,
        network=network,
        name=RING_NAME,
        description="Bürgerbüros und Gewerbeämter der Mitglieder im Vergleich.",
        authority_ids=[m.pk for m in members],
    )
    services = {s.title: s for s in published_services()}
    for key, label, unit, source, service_title in FIGURES:
        service = services.get(service_title) if service_title else None
        if service_title and service is None:
            continue  # a catalogue without the service: the figure is left out
        figure_create(
            actor=None, ring=ring, key=key, label=label, unit=unit, source=source, service=service
        )
    known = set(ring.figures.values_list("key", flat=True))
    for key, label, formula, unit, better, decimals in KPIS:
        if not all(name in known for name in _names(formula)):
            continue
        kpi_create(
            actor=None,
            ring=ring,
            key=key,
            label=label,
            formula=formula,
            unit=unit,
            better=better,
            decimals=decimals,
        )
    participants = {p.authority_id: p for p in ring.participants.all()}
    for year in YEARS:
        period = period_create(actor=None, ring=ring, year=year)
        for index, member in enumerate(sorted(members, key=lambda a: a.ars)):
            values_set(
                actor=None,
                period=period,
                participant=participants[member.pk],
                values=_entered(index, member.population or 10_000, year),
            )
        period_publish(actor=None, period=period)


def _names(formula: str) -> set[str]:
    return {
        part for part in formula.replace("*", " ").replace("/", " ").split() if part.isidentifier()
    }
