"""The demo's joint procurement (issue #18): two calls of the DLZ, loaded through the
services, once.

* "Multifunktionsdrucker (Rahmenvertrag)" (CPV 30120000-6): open for demand until three
  weeks from today; four members reported demand, pooled into two lots; 48 months plus
  12 months of options reach the EU threshold. Kerpen and Jülich gave their mandate to
  Merzenich, Linnich has not yet.
* "Streusalz" (CPV 34927100-2): closed a month ago, below the threshold (national
  rules, § 75a GO NRW), bound in an agreement, awarded, and its procedure costs shared
  in the cost allocation by each member's share of the award.

Dates are relative to today, so the demo works on any day (the threshold table
decides what a day outside 2024–2027 shows: that no threshold is known).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.demo.data import INDEN, JUELICH, KERPEN, LINNICH, MERZENICH, NIEDERZIER
from verbund.networks.models import Network
from verbund.procurement import services
from verbund.procurement.models import DemandCall, DemandLine

D = Decimal
PRINTERS = "Multifunktionsdrucker (Rahmenvertrag)"
SALT = "Streusalz"

A3 = "Multifunktionsgerät A3 Farbe, Miete mit Wartung"
A4 = "Multifunktionsgerät A4 Schwarzweiß, Miete mit Wartung"
SALT_LINE = "Streusalz, lose, Lieferung frei Bauhof"
# (member, description, annual quantity, unit price, delivery site, lot)
PRINTER_LINES = (
    (MERZENICH, A3, "30", "650", "Rathaus Merzenich", 2),
    (KERPEN, A3, "25", "650", "Rathaus Kerpen", 2),
    (JUELICH, A3, "20", "650", "Neues Rathaus Jülich", 1),
    (LINNICH, A4, "10", "650", "Rathaus Linnich", 1),
)
# (member, annual tonnes, price per tonne, delivery site)
SALT_LINES = (
    (MERZENICH, "120", "95", "Bauhof Merzenich"),
    (INDEN, "80", "95", "Bauhof Inden"),
    (NIEDERZIER, "60", "95", "Bauhof Niederzier"),
)


def load_procurement(dlz: Network) -> None:
    """The DLZ's two calls (idempotent: a call already there is left as it is)."""
    members = {
        a.ars: a
        for a in Authority.objects.filter(
            ars__in=[MERZENICH, KERPEN, JUELICH, LINNICH, INDEN, NIEDERZIER]
        )
    }
    if len(members) < 6:
        return
    coordinator = User.objects.filter(username="koordination.dlz").first()
    today = timezone.localdate()
    if not DemandCall.objects.filter(network=dlz, subject=PRINTERS).exists():
        _printers(dlz, members, coordinator, today)
    if not DemandCall.objects.filter(network=dlz, subject=SALT).exists():
        _salt(dlz, members, coordinator, today)


def _printers(
    dlz: Network, members: dict[str, Authority], coordinator: User | None, today: dt.date
) -> None:
    call = services.demand_call_create(
        actor=coordinator,
        network=dlz,
        subject=PRINTERS,
        description=(
            "Rahmenvertrag über Miete und Wartung von Multifunktionsgeräten für die "
            "Rathäuser der Mitglieder; Abrufe über die Laufzeit."
        ),
        cpv_code="30120000-6",
        deadline=today + dt.timedelta(days=21),
        term_months=48,
        option_months=12,
        lead_authority=members[MERZENICH],
    )
    lines: dict[int, list[DemandLine]] = {}
    for ars, description, quantity, price, site, lot in PRINTER_LINES:
        line = services.demand_line_add(
            actor=coordinator,
            call=call,
            authority=members[ars],
            description=description,
            quantity=D(quantity),
            unit="Stück",
            unit_price=D(price),
            delivery_site=site,
            budget_line="1.11.03 / 742100",
        )
        lines.setdefault(lot, []).append(line)
    for title, number, region in (("Nord", 1, "Jülich, Linnich"), ("Süd", 2, "Merzenich, Kerpen")):
        services.lot_create(
            actor=coordinator, call=call, title=title, lines=lines[number], region=region
        )
    for ars in (KERPEN, JUELICH):
        services.mandate_grant(actor=None, call=call, authority=members[ars])


def _salt(
    dlz: Network, members: dict[str, Authority], coordinator: User | None, today: dt.date
) -> None:
    deadline = today - dt.timedelta(days=30)
    opened = deadline - dt.timedelta(days=21)
    call = services.demand_call_create(
        actor=coordinator,
        network=dlz,
        subject=SALT,
        description="Streusalz für den Winterdienst der Bauhöfe, zwei Winter.",
        cpv_code="34927100-2",
        deadline=deadline,
        term_months=24,
        lead_authority=members[MERZENICH],
        today=opened,
    )
    lines = [
        services.demand_line_add(
            actor=coordinator,
            call=call,
            authority=members[ars],
            description=SALT_LINE,
            quantity=D(quantity),
            unit="Tonne",
            unit_price=D(price),
            delivery_site=site,
            today=opened + dt.timedelta(days=7),
        )
        for ars, quantity, price, site in SALT_LINES
    ]
    for ars in (INDEN, NIEDERZIER):
        services.mandate_grant(
            actor=None, call=call, authority=members[ars], today=opened + dt.timedelta(days=7)
        )
    services.demand_call_close(actor=coordinator, call=call)
    call = services.demand_call_agreement_create(actor=coordinator, call=call, today=today)
    lot = services.lot_create(actor=coordinator, call=call, title=SALT, lines=lines)
    services.award_record(
        actor=coordinator,
        lot=lot,
        supplier="Salzhandel West GmbH",
        awarded_on=today - dt.timedelta(days=10),
        amount=D("46800.00"),
        note="Wirtschaftlichstes von drei Angeboten",
    )
    services.demand_call_allocate(
        actor=coordinator,
        call=call,
        title="Vergabeverfahren Streusalz",
        amount=D("1200.00"),
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
    )
