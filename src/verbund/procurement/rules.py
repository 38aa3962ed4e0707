"""The rules of a joint procurement, without the database: the CPV code and the kind
of contract it names, the estimated contract value over the whole term (§ 3 VgV), the
EU thresholds as a dated table and the check against them, and the 80/20 rule for lots
(§ 3 Abs. 9 VgV).

Sources (docs/procurement.md): the thresholds of the Delegated Regulations (EU)
2023/2495 ff. (valid 2024–2025) and of 2025 (valid 1.1.2026–31.12.2027, published in
the OJ on 23.10.2025), for sub-central contracting authorities (municipalities). A day
outside the table has *no* known threshold: the check says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.charts import format_euro

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# --- CPV ---------------------------------------------------------------------------------

_CPV = re.compile(r"^(\d{2})(\d{6})-(\d)$")
# The 45 divisions of the Common Procurement Vocabulary (Regulation (EC) 213/2008).
# fmt: off
CPV_DIVISIONS = frozenset((
    "03", "09", "14", "15", "16", "18", "19", "22", "24", "30", "31", "32", "33", "34", "35",
    "37", "38", "39", "41", "42", "43", "44", "45", "48", "50", "51", "55", "60", "63", "64",
    "65", "66", "70", "71", "72", "73", "75", "76", "77", "79", "80", "85", "90", "92", "98",
))
# fmt: on
WORKS_DIVISION = "45"


class ContractKind(StrEnum):
    SUPPLIES = "supplies"
    SERVICES = "services"
    WORKS = "works"


KIND_LABELS = {
    ContractKind.SUPPLIES: gettext_lazy("Lieferleistung"),
    ContractKind.SERVICES: gettext_lazy("Dienstleistung"),
    ContractKind.WORKS: gettext_lazy("Bauleistung"),
}


def cpv_problem(code: str) -> str | None:
    """Why ``code`` is no CPV code (German), or ``None``. The check digit is read but
    not verified: its algorithm is not published with the vocabulary."""
    match = _CPV.match(code.strip())
    if match is None:
        return _(
            "Geben Sie den CPV-Code im Format 12345678-9 an (acht Ziffern, Bindestrich, "
            "Prüfziffer), zum Beispiel 30120000-6."
        )
    if match.group(1) not in CPV_DIVISIONS:
        return _("„%(division)s“ ist keine Abteilung des CPV (die ersten beiden Ziffern).") % {
            "division": match.group(1)
        }
    return None


def cpv_kind(code: str) -> ContractKind:
    """The kind of contract a valid CPV code names: division 45 works, 03–44 and 48
    supplies, 49–98 services."""
    division = int(code.strip()[:2])
    if division == int(WORKS_DIVISION):
        return ContractKind.WORKS
    if division <= 44 or division == 48:
        return ContractKind.SUPPLIES
    return ContractKind.SERVICES


# --- value estimation (§ 3 VgV) ----------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """The call's term: base months, extension options in months, and a quantity
    option in per cent."""

    term_months: int
    option_months: int = 0
    option_percent: Decimal = Decimal(0)

    @property
    def months(self) -> int:
        return self.term_months + self.option_months


def annual_value(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """A demand line's value per year (net): annual quantity × estimated unit price."""
    return quantity * unit_price


def estimated_value(annual_values: Iterable[Decimal], term: Term) -> Decimal:
    """Σ annual values × (term + option months) / 12 × (1 + option percent / 100),
    exact, rounded half up to the cent only at the end."""
    annual = sum((Fraction(v) for v in annual_values), Fraction(0))
    exact = annual * term.months / 12 * (1 + Fraction(term.option_percent) / 100)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(CENT, ROUND_HALF_UP)


def formula_text(term: Term) -> str:
    """The formula as the call's page states it."""
    return _(
        "Geschätzter Auftragswert = Summe der Jahreswerte aller Bedarfsmeldungen "
        "(Menge × geschätzter Einzelpreis netto) × (%(term)d + %(options)d Monate) / 12 × "
        "(1 + %(percent)s %%), auf Cent gerundet erst am Ende (§ 3 Abs. 1 VgV: alle "
        "Teilnehmer, die ganze Laufzeit, alle Optionen und Verlängerungen)."
    ) % {
        "term": term.term_months,
        "options": term.option_months,
        "percent": _number(term.option_percent),
    }


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --- thresholds --------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The EU thresholds for sub-central contracting authorities in one period."""

    valid_from: dt.date
    valid_to: dt.date
    supplies_services: Decimal
    works: Decimal

    def of(self, kind: ContractKind) -> Decimal:
        return self.works if kind == ContractKind.WORKS else self.supplies_services

    @property
    def period(self) -> str:
        return f"{self.valid_from.year}–{self.valid_to.year}"


THRESHOLDS: tuple[Thresholds, ...] = (
    Thresholds(dt.date(2026, 1, 1), dt.date(2027, 12, 31), Decimal(216_000), Decimal(5_404_000)),
    Thresholds(dt.date(2024, 1, 1), dt.date(2025, 12, 31), Decimal(221_000), Decimal(5_538_000)),
)


def thresholds_on(day: dt.date) -> Thresholds | None:
    """The thresholds valid on ``day``, or ``None`` when the table knows none."""
    return next((t for t in THRESHOLDS if t.valid_from <= day <= t.valid_to), None)


class Regime(StrEnum):
    EU = "eu"
    NATIONAL = "national"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ThresholdCheck:
    """The result of the check: the regime, the reason in words naming the numbers,
    and the rules that apply."""

    regime: Regime
    kind: ContractKind
    value: Decimal
    threshold: Decimal | None
    reason: str
    rules: str

    @property
    def eu(self) -> bool:
        return self.regime == Regime.EU


def _kind_words(kind: ContractKind) -> str:
    return _("Bauleistungen") if kind == ContractKind.WORKS else _("Liefer- und Dienstleistungen")


def threshold_check(
    *, value: Decimal, kind: ContractKind, on: dt.date, months: int, nrw: bool
) -> ThresholdCheck:
    """Check the estimated ``value`` (the whole demand over ``months`` incl. options)
    against the threshold valid ``on`` the day that counts (§ 3 Abs. 3 VgV: when the
    procedure is started). ``nrw``: the lead authority is in North Rhine-Westphalia,
    where § 75a GO NRW governs below the thresholds."""
    thresholds = thresholds_on(on)
    what = _(
        "Geschätzter Auftragswert %(value)s (Bedarf aller Mitglieder über %(months)d Monate "
        "einschließlich Optionen)"
    ) % {"value": format_euro(value), "months": months}
    if thresholds is None:
        return ThresholdCheck(
            Regime.UNKNOWN,
            kind,
            value,
            None,
            _(
                "%(what)s: Für den %(day)s ist kein EU-Schwellenwert hinterlegt. Bitte "
                "prüfen Sie den dann geltenden Schwellenwert; die Plattform rät ihn nicht."
            )
            % {"what": what, "day": on.strftime("%d.%m.%Y")},
            "",
        )
    threshold = thresholds.of(kind)
    words = {
        "what": what,
        "threshold": format_euro(threshold),
        "kind": _kind_words(kind),
        "period": thresholds.period,
    }
    if value >= threshold:
        reason = (
            _(
                "%(what)s erreicht den Schwellenwert %(threshold)s für %(kind)s (gültig "
                "%(period)s): EU-weites Verfahren."
            )
            % words
        )
        rules = (
            _("GWB Teil 4 und VOB/A EU")
            if kind == ContractKind.WORKS
            else _("GWB Teil 4 und Vergabeverordnung (VgV)")
        )
        return ThresholdCheck(Regime.EU, kind, value, threshold, reason, rules)
    reason = (
        _(
            "%(what)s liegt unter dem Schwellenwert %(threshold)s für %(kind)s (gültig "
            "%(period)s): nationale Vergabe."
        )
        % words
    )
    if nrw:
        rules = _(
            "§ 75a GO NRW (wirtschaftlich, effizient, sparsam; Gleichbehandlung und "
            "Transparenz) und die Vergabesatzung des Mitglieds, falls es eine erlassen hat"
        )
    elif kind == ContractKind.WORKS:
        rules = _("VOB/A Abschnitt 1 nach dem Landesrecht")
    else:
        rules = _("Unterschwellenvergabeordnung (UVgO) nach dem Landesrecht")
    return ThresholdCheck(Regime.NATIONAL, kind, value, threshold, reason, rules)


# --- the 80/20 rule (§ 3 Abs. 9 VgV) -----------------------------------------------------


@dataclass(frozen=True)
class LotQuota:
    """Which lots may be awarded nationally under § 3 Abs. 9 VgV."""

    limit: Decimal  # a lot's value must stay below this
    quota: Decimal  # 20 % of the total value
    used: Decimal  # the qualifying lots' sum
    qualifying: frozenset[int]  # keys of the lots chosen


# § 3 Abs. 9 VgV: the value below which a lot counts as small (fixed by the VgV itself).
SMALL_LOT = {
    ContractKind.SUPPLIES: Decimal(80_000),
    ContractKind.SERVICES: Decimal(80_000),
    ContractKind.WORKS: Decimal(1_000_000),
}


def lot_quota(
    lots: Sequence[tuple[int, Decimal]], *, total: Decimal, kind: ContractKind
) -> LotQuota:
    """Lots ``(key, estimated value)`` below 80,000 € (supplies and services) or
    1,000,000 € (works) whose sum stays within 20 % of the ``total`` value. Chosen
    greedily, smallest first (one admissible choice; the contracting authority may
    choose others)."""
    limit = SMALL_LOT[kind]
    quota = (total * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
    used = Decimal(0)
    chosen: set[int] = set()
    for key, value in sorted(lots, key=lambda lot: (lot[1], lot[0])):
        if value < limit and used + value <= quota:
            chosen.add(key)
            used += value
    return LotQuota(limit=limit, quota=quota, used=used, qualifying=frozenset(chosen))
