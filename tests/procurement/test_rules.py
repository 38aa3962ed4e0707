"""The procurement rules without the database: CPV codes and their kind, the value
estimation over the whole term with options (§ 3 VgV), the dated thresholds and their
boundary, and the 80/20 rule for lots."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from verbund.procurement.rules import (
    CPV_DIVISIONS,
    ContractKind,
    Regime,
    Term,
    annual_value,
    cpv_kind,
    cpv_problem,
    estimated_value,
    formula_text,
    lot_quota,
    threshold_check,
    thresholds_on,
)

D = Decimal
DAY_2026 = dt.date(2026, 12, 1)
FORMAT = (
    "Geben Sie den CPV-Code im Format 12345678-9 an (acht Ziffern, Bindestrich, Prüfziffer), "
    "zum Beispiel 30120000-6."
)


def test_there_are_45_cpv_divisions() -> None:
    assert len(CPV_DIVISIONS) == 45


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("30120000-6", ContractKind.SUPPLIES),  # Fotokopier- und Offsetdruckgeräte
        ("34927100-2", ContractKind.SUPPLIES),  # Streusalz
        ("03000000-1", ContractKind.SUPPLIES),
        ("44000000-0", ContractKind.SUPPLIES),
        ("48000000-8", ContractKind.SUPPLIES),  # software packages are supplies
        ("45000000-7", ContractKind.WORKS),
        ("50000000-5", ContractKind.SERVICES),
        ("72000000-5", ContractKind.SERVICES),
        ("98000000-3", ContractKind.SERVICES),
    ],
)
def test_the_kind_follows_the_division(code: str, kind: ContractKind) -> None:
    assert cpv_problem(code) is None
    assert cpv_kind(code) == kind


@pytest.mark.parametrize("code", ["3012000-6", "30120000", "30120000-66", "3012000a-6", "", " "])
def test_a_malformed_code_is_refused(code: str) -> None:
    assert cpv_problem(code) == FORMAT


@pytest.mark.parametrize("division", ["00", "01", "10", "46", "49", "99"])
def test_a_code_outside_the_divisions_is_refused(division: str) -> None:
    assert cpv_problem(f"{division}000000-1") == (
        f"„{division}“ ist keine Abteilung des CPV (die ersten beiden Ziffern)."
    )


def test_the_estimate_covers_every_member_the_whole_term_and_the_options() -> None:
    # Three members: 40 printers at 600 €/year, 20 × 600, 16 × 500 = 24,000 + 12,000 + 8,000.
    lines = [annual_value(D(40), D(600)), annual_value(D(20), D(600)), annual_value(D(16), D(500))]
    assert lines == [D(24000), D(12000), D(8000)]
    # 44,000 × (36 + 12) / 12 × 1.2 = 211,200.
    assert estimated_value(lines, Term(36, 12, D(20))) == D("211200.00")
    # Without options: 44,000 × 3 = 132,000.
    assert estimated_value(lines, Term(36)) == D("132000.00")


def test_the_estimate_is_exact_and_rounded_only_at_the_end() -> None:
    # 0.01 × 7 months / 12 = 0.005833…; a thousand such lines are 5.83 €, not 10.00 €.
    assert estimated_value([D("0.01")] * 1000, Term(7)) == D("5.83")
    assert estimated_value([D("0.01")], Term(7)) == D("0.01")
    # 1,000 × 13 / 12 × 1.075 = 1,164.5833… → 1,164.58
    assert estimated_value([D(1000)], Term(12, 1, D("7.5"))) == D("1164.58")
    assert estimated_value([], Term(12)) == D("0.00")


def test_the_formula_is_stated_with_the_calls_figures() -> None:
    assert formula_text(Term(36, 12, D("7.5"))) == (
        "Geschätzter Auftragswert = Summe der Jahreswerte aller Bedarfsmeldungen (Menge × "
        "geschätzter Einzelpreis netto) × (36 + 12 Monate) / 12 × (1 + 7,5 %), auf Cent "
        "gerundet erst am Ende (§ 3 Abs. 1 VgV: alle Teilnehmer, die ganze Laufzeit, alle "
        "Optionen und Verlängerungen)."
    )


def test_thresholds_are_dated() -> None:
    current = thresholds_on(dt.date(2026, 1, 1))
    assert current is not None
    assert (current.supplies_services, current.works, current.period) == (
        D(216000),
        D(5404000),
        "2026–2027",
    )
    assert thresholds_on(dt.date(2027, 12, 31)) == current
    previous = thresholds_on(dt.date(2025, 12, 31))
    assert previous is not None
    assert (previous.supplies_services, previous.works) == (D(221000), D(5538000))
    assert thresholds_on(dt.date(2024, 1, 1)) == previous
    assert thresholds_on(dt.date(2023, 12, 31)) is None
    assert thresholds_on(dt.date(2028, 1, 1)) is None


def test_the_example_reaches_the_threshold() -> None:
    check = threshold_check(
        value=D("230400.00"), kind=ContractKind.SUPPLIES, on=DAY_2026, months=48, nrw=True
    )
    assert check.regime == Regime.EU
    assert check.eu
    assert check.threshold == D(216000)
    assert check.reason == (
        "Geschätzter Auftragswert 230.400,00 € (Bedarf aller Mitglieder über 48 Monate "
        "einschließlich Optionen) erreicht den Schwellenwert 216.000,00 € für Liefer- und "
        "Dienstleistungen (gültig 2026–2027): EU-weites Verfahren."
    )
    assert check.rules == "GWB Teil 4 und Vergabeverordnung (VgV)"


def test_the_boundary_one_cent_below_is_national() -> None:
    below = threshold_check(
        value=D("215999.99"), kind=ContractKind.SERVICES, on=DAY_2026, months=24, nrw=True
    )
    at = threshold_check(
        value=D("216000.00"), kind=ContractKind.SERVICES, on=DAY_2026, months=24, nrw=True
    )
    assert (below.regime, at.regime) == (Regime.NATIONAL, Regime.EU)
    assert below.reason == (
        "Geschätzter Auftragswert 215.999,99 € (Bedarf aller Mitglieder über 24 Monate "
        "einschließlich Optionen) liegt unter dem Schwellenwert 216.000,00 € für Liefer- und "
        "Dienstleistungen (gültig 2026–2027): nationale Vergabe."
    )
    assert below.rules == (
        "§ 75a GO NRW (wirtschaftlich, effizient, sparsam; Gleichbehandlung und Transparenz) "
        "und die Vergabesatzung des Mitglieds, falls es eine erlassen hat"
    )


def test_outside_nrw_the_uvgo_or_the_vob_applies_below() -> None:
    supplies = threshold_check(
        value=D(1000), kind=ContractKind.SUPPLIES, on=DAY_2026, months=12, nrw=False
    )
    works = threshold_check(
        value=D(1000), kind=ContractKind.WORKS, on=DAY_2026, months=12, nrw=False
    )
    assert supplies.rules == "Unterschwellenvergabeordnung (UVgO) nach dem Landesrecht"
    assert works.rules == "VOB/A Abschnitt 1 nach dem Landesrecht"


def test_works_have_their_own_threshold() -> None:
    below = threshold_check(
        value=D("5403999.99"), kind=ContractKind.WORKS, on=DAY_2026, months=12, nrw=True
    )
    at = threshold_check(
        value=D("5404000.00"), kind=ContractKind.WORKS, on=DAY_2026, months=12, nrw=True
    )
    assert (below.regime, at.regime) == (Regime.NATIONAL, Regime.EU)
    assert at.reason == (
        "Geschätzter Auftragswert 5.404.000,00 € (Bedarf aller Mitglieder über 12 Monate "
        "einschließlich Optionen) erreicht den Schwellenwert 5.404.000,00 € für Bauleistungen "
        "(gültig 2026–2027): EU-weites Verfahren."
    )
    assert at.rules == "GWB Teil 4 und VOB/A EU"


def test_the_old_threshold_applies_in_2025() -> None:
    check = threshold_check(
        value=D("220000.00"),
        kind=ContractKind.SUPPLIES,
        on=dt.date(2025, 6, 1),
        months=12,
        nrw=True,
    )
    assert (check.regime, check.threshold) == (Regime.NATIONAL, D(221000))
    assert "(gültig 2024–2025)" in check.reason


def test_no_threshold_known_is_said_not_guessed() -> None:
    check = threshold_check(
        value=D("999999.00"),
        kind=ContractKind.SUPPLIES,
        on=dt.date(2028, 1, 15),
        months=12,
        nrw=True,
    )
    assert (check.regime, check.threshold, check.rules) == (Regime.UNKNOWN, None, "")
    assert check.reason == (
        "Geschätzter Auftragswert 999.999,00 € (Bedarf aller Mitglieder über 12 Monate "
        "einschließlich Optionen): Für den 15.01.2028 ist kein EU-Schwellenwert hinterlegt. "
        "Bitte prüfen Sie den dann geltenden Schwellenwert; die Plattform rät ihn nicht."
    )


def test_small_lots_within_20_percent_qualify_smallest_first() -> None:
    # Total 500,000: quota 100,000. Lots of 30,000, 50,000 and 79,999.99 are small; the
    # two smallest fit (80,000), the third would exceed the quota; 80,000 is not small.
    lots = [(1, D("79999.99")), (2, D(30000)), (3, D(50000)), (4, D(80000)), (5, D("260000.01"))]
    quota = lot_quota(lots, total=D(500000), kind=ContractKind.SUPPLIES)
    assert (quota.limit, quota.quota, quota.used, quota.qualifying) == (
        D(80000),
        D("100000.00"),
        D(80000),
        frozenset({2, 3}),
    )


def test_the_quota_may_be_filled_exactly() -> None:
    quota = lot_quota([(1, D(20000)), (2, D(80000))], total=D(100000), kind=ContractKind.SERVICES)
    assert quota.qualifying == frozenset({1})
    exact = lot_quota([(1, D(20000)), (2, D(60000))], total=D(100000), kind=ContractKind.SERVICES)
    assert (exact.qualifying, exact.used) == (frozenset({1}), D(20000))


def test_works_lots_are_small_below_one_million() -> None:
    quota = lot_quota(
        [(1, D("999999.99")), (2, D(4000001))], total=D(6000000), kind=ContractKind.WORKS
    )
    assert (quota.limit, quota.qualifying) == (D(1000000), frozenset({1}))
