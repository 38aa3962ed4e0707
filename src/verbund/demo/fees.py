"""The demo's fee calculation (issue #15): the DLZ's personnel cost rate table, example
A of DOMAIN-FACTS.md as Merzenich's approved Verwaltungsgebühr for the business
registration (attached to its adopted service), Jülich's sheet prepared by the
service centre and awaiting approval, Niederzier's for comparison, and example B as
Inden's Benutzungsgebühr with its Nachkalkulation. Loaded through the services, once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.catalogue.models import Service
from verbund.demo.data import INDEN, JUELICH, MERZENICH, NIEDERZIER
from verbund.fees import engine
from verbund.fees.models import FeeSheet, RateTable
from verbund.fees.services import (
    fee_attach,
    fee_sheet_approve,
    fee_sheet_create,
    fee_sheet_submit,
    rate_table_create,
)
from verbund.networks.models import Network

D = Decimal
YEAR = 2026
TABLE_NAME = "Personalkosten (KGSt-Bericht)"
TABLE_EDITION = "2025/2026"
# Sachkosten of an office post and Gemeinkosten (20 % of the personnel cost) as the
# KGSt gives them; 1,561 hours a year.
GRADES = tuple(
    engine.Grade(grade, D(personnel), D(9700), D(20), D(1561))
    for grade, personnel in (
        ("A 13", "98000"),
        ("E 11", "86000"),
        ("E 9b", "80000"),
        ("A 9", "72000"),
        ("E 8", "66000"),
        ("E 6", "60000"),
    )
)
GEWERBE = "gewerbeanmeldung"


@dataclass(frozen=True)
class _Admin:
    ars: str
    minutes: tuple[tuple[str, str, int], ...]  # activity, grade, minutes
    state: str  # draft, submitted, approved
    by_network: bool = False


ADMIN_SHEETS = (
    # Example A: 40 min E 9b + 15 min E 6 → 58.23 € (rounded only at the end).
    _Admin(
        MERZENICH,
        (("Antrag prüfen und bescheiden", "E 9b", 40), ("Erfassen und versenden", "E 6", 15)),
        "approved",
    ),
    _Admin(
        JUELICH,
        (("Antrag prüfen und bescheiden", "E 9b", 35), ("Erfassen und versenden", "E 6", 20)),
        "submitted",
        by_network=True,
    ),
    _Admin(
        NIEDERZIER,
        (("Antrag prüfen und bescheiden", "E 9b", 45), ("Erfassen und versenden", "E 6", 10)),
        "approved",
    ),
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _admin_sheet(spec: _Admin) -> engine.Sheet:
    used = {grade for _a, grade, _m in spec.minutes}
    return engine.Sheet(
        kind=engine.SheetKind.ADMINISTRATIVE,
        title="Gewerbeanmeldung",
        year=YEAR,
        rounding=engine.Rounding.END,
        notes="Verwaltungsgebühr nach dem Gebührengesetz NRW; Zeiten aus der Zeiterfassung 2025.",
        grades=tuple(g for g in GRADES if g.grade in used),
        time_lines=tuple(engine.TimeLine(a, g, D(m)) for a, g, m in spec.minutes),
    )


def _example_b() -> engine.Sheet:
    return engine.Sheet(
        kind=engine.SheetKind.USAGE,
        title="Schmutzwassergebühr",
        year=YEAR,
        unit="m³",
        planned_units=D(40000),
        notes="Benutzungsgebühr nach § 6 KAG NRW; Nachkalkulation nach dem Jahresabschluss.",
        cost_lines=(
            engine.CostLine("personnel", "Personal Abwasserbetrieb", amount=D(120000)),
            engine.CostLine("material", "Energie, Material, Unterhaltung", amount=D(45000)),
            engine.CostLine("external", "Klärleistung des Wasserverbands", amount=D(30000)),
            engine.CostLine("administration", "Verwaltungskostenbeitrag", amount=D(15000)),
            engine.CostLine(
                "depreciation", "Kanalnetz", acquisition_value=D(1200000), useful_life=D(40)
            ),
            engine.CostLine(
                "interest",
                "Kanalnetz",
                opening_value=D(630000),
                closing_value=D(600000),
                deductible_capital=D(165000),
                rate_percent=D("3.03"),
            ),
        ),
        other_revenue=(engine.Revenue("Erstattungen Dritter", D(3635)),),
        carry_forwards=(engine.CarryForward("over", 2024, D(10000)),),
        actuals=engine.Actuals(D(248500), D(3635), D(41000)),
    )


def load_fees(network: Network) -> None:
    """Fee sheets of the DLZ members (idempotent)."""
    coordinator = _user("koordination.dlz")
    table = RateTable.objects.filter(
        network=network, name=TABLE_NAME, edition=TABLE_EDITION
    ).first()
    if table is None:
        table = rate_table_create(
            actor=coordinator,
            network=network,
            name=TABLE_NAME,
            edition=TABLE_EDITION,
            year=YEAR,
            source="KGSt-Bericht „Kosten eines Arbeitsplatzes“ (Werte gerundet, Demo)",
            grades=list(GRADES),
        )
    service = Service.objects.filter(slug=GEWERBE).first()
    members = {
        a.ars: a for a in Authority.objects.filter(ars__in=[MERZENICH, JUELICH, NIEDERZIER, INDEN])
    }
    for spec in ADMIN_SHEETS:
        authority = members.get(spec.ars)
        if (
            authority is None
            or FeeSheet.objects.filter(
                authority=authority, title="Gewerbeanmeldung", year=YEAR
            ).exists()
        ):
            continue
        clerk = (
            coordinator
            if spec.by_network
            else _user("sb.merzenich")
            if spec.ars == MERZENICH
            else None
        )
        sheet = fee_sheet_create(
            actor=clerk,
            authority=authority,
            sheet=_admin_sheet(spec),
            service=service,
            prepared_by_network=network if spec.by_network else None,
            rate_table=table,
            note="Erste Fassung",
        )
        if spec.state in ("submitted", "approved"):
            fee_sheet_submit(actor=clerk, fee_sheet=sheet)
        if spec.state == "approved":
            admin = _user("admin.merzenich") if spec.ars == MERZENICH else None
            sheet = fee_sheet_approve(actor=admin, fee_sheet=sheet)
            if spec.ars == MERZENICH and service is not None:
                fee_attach(actor=admin, fee_sheet=sheet, label="Gewerbeanmeldung")
    inden = members.get(INDEN)
    if (
        inden is not None
        and not FeeSheet.objects.filter(
            authority=inden, title="Schmutzwassergebühr", year=YEAR
        ).exists()
    ):
        sheet = fee_sheet_create(
            actor=coordinator, authority=inden, sheet=_example_b(), prepared_by_network=network
        )
        fee_sheet_submit(actor=coordinator, fee_sheet=sheet)
        fee_sheet_approve(actor=None, fee_sheet=sheet)
