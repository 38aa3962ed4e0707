"""The cost allocation engine (verbund.networks.costs.allocation): the worked example of
DOMAIN-FACTS.md to the cent, the remainder rule, VAT, every refusal, the CSV."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from verbund.networks.costs.allocation import (
    REMAINDER_RULE,
    VAT_STANDARD_RATE,
    Allocation,
    AllocationKey,
    MemberBasis,
    allocate,
    statement_csv,
)

D = Decimal
EQUAL = AllocationKey(equal=D(100), population=D(0), cases=D(0), usage=D(0))
BY_POPULATION = AllocationKey(equal=D(0), population=D(100), cases=D(0), usage=D(0))
# DOMAIN-FACTS.md, "Cost allocation among members".
WORKED_KEY = AllocationKey(equal=D(20), population=D(50), cases=D(30), usage=D(0))
WORKED_MEMBERS = [
    MemberBasis(authority_id=i, name=name, population=population, cases=cases, usage=0)
    for i, (name, population, cases) in enumerate(
        [
            ("A", 9_000, 40),
            ("B", 15_000, 70),
            ("C", 22_000, 110),
            ("D", 32_000, 150),
            ("E", 57_000, 250),
            ("F", 65_000, 380),
        ],
        start=1,
    )
]
NO_REMAINDER = f"{REMAINDER_RULE} Nach dem Abrunden fehlte kein Cent."


def member(
    authority_id: int,
    name: str = "",
    *,
    population: int | None = 1_000,
    cases: int = 10,
    usage: Decimal | int = 0,
) -> MemberBasis:
    return MemberBasis(authority_id, name or f"M{authority_id}", population, cases, usage)


def nets(allocation: Allocation) -> list[Decimal]:
    return [share.net for share in allocation.shares]


def refusal(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return excinfo.value.messages


def amounts(allocation: Allocation) -> list[Decimal]:
    """Every money amount of the result."""
    found = [
        allocation.total,
        allocation.equal_total,
        allocation.population_total,
        allocation.cases_total,
        allocation.usage_total,
        allocation.net_total,
        allocation.vat_total,
        allocation.gross_total,
    ]
    for s in allocation.shares:
        found += [s.equal, s.population, s.cases, s.usage, s.net, s.vat, s.gross]
    return found


# --- the worked example ---------------------------------------------------------------


def test_worked_example_to_the_cent() -> None:
    allocation = allocate(D("600000.00"), WORKED_MEMBERS, WORKED_KEY)
    rows = [(s.name, s.equal, s.population, s.cases, s.usage, s.net) for s in allocation.shares]
    assert rows == [
        ("A", D("20000.00"), D("13500.00"), D("7200.00"), D("0.00"), D("40700.00")),
        ("B", D("20000.00"), D("22500.00"), D("12600.00"), D("0.00"), D("55100.00")),
        ("C", D("20000.00"), D("33000.00"), D("19800.00"), D("0.00"), D("72800.00")),
        ("D", D("20000.00"), D("48000.00"), D("27000.00"), D("0.00"), D("95000.00")),
        ("E", D("20000.00"), D("85500.00"), D("45000.00"), D("0.00"), D("150500.00")),
        ("F", D("20000.00"), D("97500.00"), D("68400.00"), D("0.00"), D("185900.00")),
    ]
    # Without VAT: none, and gross is net.
    assert [(s.vat, s.gross) for s in allocation.shares] == [
        (D("0.00"), s.net) for s in allocation.shares
    ]
    assert [s.exact for s in allocation.shares] == [
        40_700,
        55_100,
        72_800,
        95_000,
        150_500,
        185_900,
    ]
    assert (
        allocation.equal_total,
        allocation.population_total,
        allocation.cases_total,
        allocation.usage_total,
        allocation.net_total,
        allocation.vat_total,
        allocation.gross_total,
    ) == (
        D("120000.00"),
        D("300000.00"),
        D("180000.00"),
        D("0.00"),
        D("600000.00"),
        D("0.00"),
        D("600000.00"),
    )
    assert allocation.remainder_cents == 0
    assert [s.remainder_cent for s in allocation.shares] == [False] * 6
    assert allocation.remainder_note == NO_REMAINDER
    assert allocation.vat_rate is None
    assert {amount.as_tuple().exponent for amount in amounts(allocation)} == {-2}


def test_worked_example_with_19_percent_vat() -> None:
    allocation = allocate(D("600000"), WORKED_MEMBERS, WORKED_KEY, vat_rate=VAT_STANDARD_RATE)
    assert [(s.name, s.net, s.vat, s.gross) for s in allocation.shares] == [
        ("A", D("40700.00"), D("7733.00"), D("48433.00")),
        ("B", D("55100.00"), D("10469.00"), D("65569.00")),
        ("C", D("72800.00"), D("13832.00"), D("86632.00")),
        ("D", D("95000.00"), D("18050.00"), D("113050.00")),
        ("E", D("150500.00"), D("28595.00"), D("179095.00")),
        ("F", D("185900.00"), D("35321.00"), D("221221.00")),
    ]
    assert (
        allocation.total,
        allocation.net_total,
        allocation.vat_total,
        allocation.gross_total,
    ) == (
        D("600000.00"),
        D("600000.00"),
        D("114000.00"),
        D("714000.00"),
    )
    assert allocation.vat_rate == D("0.19")
    assert {amount.as_tuple().exponent for amount in amounts(allocation)} == {-2}


# --- the remainder rule ---------------------------------------------------------------


def test_three_equal_members_the_extra_cent_goes_to_the_lowest_authority_id() -> None:
    members = [member(7, "Sieben"), member(3, "Drei"), member(5, "Fünf")]
    allocation = allocate(D("100.00"), members, EQUAL)
    assert [(s.authority_id, s.net, s.remainder_cent) for s in allocation.shares] == [
        (7, D("33.33"), False),
        (3, D("33.34"), True),
        (5, D("33.33"), False),
    ]
    assert allocation.net_total == D("100.00")
    assert allocation.remainder_cents == 1
    assert allocation.remainder_note == (
        f"{REMAINDER_RULE} Nach dem Abrunden fehlte 1 Cent; ihn erhielt das Mitglied mit dem "
        "größten abgerundeten Anteil."
    )
    assert [s.exact for s in allocation.shares] == [Fraction(100, 3)] * 3


def test_the_missing_cents_go_to_the_largest_shares_not_the_largest_fractions() -> None:
    # Exact: 1.4285…, 2.8571…, 5.7142…; rounded down 1.42 + 2.85 + 5.71 = 9.98.
    # The two cents go to the two largest shares; by the largest dropped fractions
    # (0.857, 0.714, 0.428 of a cent) they would have gone to the first two instead.
    members = [
        member(1, population=1),
        member(2, population=2),
        member(3, population=4),
    ]
    allocation = allocate(D("10.00"), members, BY_POPULATION)
    assert nets(allocation) == [D("1.42"), D("2.86"), D("5.72")]
    assert [s.remainder_cent for s in allocation.shares] == [False, True, True]
    assert allocation.remainder_note == (
        f"{REMAINDER_RULE} Nach dem Abrunden fehlten 2 Cent; sie erhielten die 2 Mitglieder "
        "mit den größten abgerundeten Anteilen."
    )


def test_a_share_that_is_exact_keeps_its_value_though_it_is_the_largest() -> None:
    # Exact: 50.00, 25.005, 24.995. The missing cent goes to the largest share that
    # was rounded down (25.005), not to 50.00, which would then be a whole cent off.
    members = [
        member(1, population=10_000),
        member(2, population=5_001),
        member(3, population=4_999),
    ]
    allocation = allocate(D("100.00"), members, BY_POPULATION)
    assert nets(allocation) == [D("50.00"), D("25.01"), D("24.99")]


def test_parts_of_a_member_add_up_to_its_share() -> None:
    # Each member's exact parts: 6.666…, 16.666…, 10.00 (33.333… in all).
    key = AllocationKey(equal=D(20), population=D(50), cases=D(30), usage=D(0))
    members = [member(1, population=1, cases=1), member(2, population=1, cases=1),
               member(3, population=1, cases=1)]  # fmt: skip
    allocation = allocate(D("100.00"), members, key)
    assert [(s.equal, s.population, s.cases, s.usage, s.net) for s in allocation.shares] == [
        (D("6.67"), D("16.67"), D("10.00"), D("0.00"), D("33.34")),
        (D("6.66"), D("16.67"), D("10.00"), D("0.00"), D("33.33")),
        (D("6.66"), D("16.67"), D("10.00"), D("0.00"), D("33.33")),
    ]
    assert (allocation.equal_total, allocation.population_total, allocation.cases_total) == (
        D("19.99"),
        D("50.01"),
        D("30.00"),
    )


def test_usage_part_with_decimal_usage() -> None:
    key = AllocationKey(equal=D(0), population=D(0), cases=D(0), usage=D(100))
    members = [member(1, usage=D("1.5")), member(2, usage=D("0.5")), member(3, usage=0)]
    allocation = allocate(D("80.00"), members, key)
    assert [(s.usage, s.net) for s in allocation.shares] == [
        (D("60.00"), D("60.00")),
        (D("20.00"), D("20.00")),
        (D("0.00"), D("0.00")),
    ]


def test_vat_is_rounded_half_up_per_member() -> None:
    # 1.50 € × 19 % = 0.285 €: half up 0.29 (half to even would give 0.28).
    allocation = allocate(D("1.50"), [member(1)], EQUAL, vat_rate=VAT_STANDARD_RATE)
    assert [(s.net, s.vat, s.gross) for s in allocation.shares] == [
        (D("1.50"), D("0.29"), D("1.79"))
    ]


def test_vat_total_is_the_sum_of_the_members_vat() -> None:
    # Each 33.33/33.34 × 19 % = 6.3327/6.3346 → 6.33; together 18.99, where 19 % of
    # the 100.00 would be 19.00.
    members = [member(1), member(2), member(3)]
    allocation = allocate(D("100.00"), members, EQUAL, vat_rate=VAT_STANDARD_RATE)
    assert [(s.net, s.vat, s.gross) for s in allocation.shares] == [
        (D("33.34"), D("6.33"), D("39.67")),
        (D("33.33"), D("6.33"), D("39.66")),
        (D("33.33"), D("6.33"), D("39.66")),
    ]
    assert (allocation.vat_total, allocation.gross_total) == (D("18.99"), D("118.99"))


def test_nothing_to_allocate_gives_zero_shares() -> None:
    allocation = allocate(D("0.00"), [member(1), member(2)], WORKED_KEY)
    assert nets(allocation) == [D("0.00"), D("0.00")]
    assert allocation.remainder_cents == 0


# --- properties over random inputs ----------------------------------------------------


def _random_key(rng: random.Random) -> AllocationKey:
    """Four weights >= 0 summing to 100, with up to two decimal places; some zero."""
    cuts = sorted(rng.randint(0, 10_000) for _i in range(3))
    hundredths = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 10_000 - cuts[2]]
    for i in range(4):
        if rng.random() < 0.25:  # an unused part now and then
            hundredths[(i + 1) % 4] += hundredths[i]
            hundredths[i] = 0
    equal, population, cases, usage = (Decimal(h).scaleb(-2) for h in hundredths)
    return AllocationKey(equal=equal, population=population, cases=cases, usage=usage)


def _exact_parts(
    total: Decimal, members: list[MemberBasis], key: AllocationKey
) -> list[list[Fraction]]:
    """The exact parts in euros, written out independently of the module."""
    count = len(members)
    inhabitants = sum(m.population or 0 for m in members)
    cases = sum(m.cases for m in members)
    usage = sum(Fraction(m.usage) for m in members)
    t = Fraction(total)
    result = []
    for m in members:
        result.append(
            [
                t * Fraction(key.equal) / 100 / count,
                t * Fraction(key.population) / 100 * (m.population or 0) / inhabitants
                if key.population
                else Fraction(0),
                t * Fraction(key.cases) / 100 * m.cases / cases if key.cases else Fraction(0),
                t * Fraction(key.usage) / 100 * Fraction(m.usage) / usage
                if key.usage
                else Fraction(0),
            ]
        )
    return result


@pytest.mark.parametrize("seed", range(6))
def test_random_allocations_sum_exactly_and_stay_within_a_cent(seed: int) -> None:
    rng = random.Random(seed)
    cent = Fraction(1, 100)
    for _case in range(50):
        key = _random_key(rng)
        count = rng.choice([1, 2, 3, 5, 7, 12, 40, 294])
        members = []
        for i in range(count):
            members.append(
                MemberBasis(
                    authority_id=rng.randrange(1, 10**6) * 1000 + i,  # unique, unordered
                    name=f"M{i}",
                    population=rng.choice([0, 1, 7, rng.randint(100, 2_000_000)]),
                    cases=rng.choice([0, 1, rng.randint(0, 50_000)]),
                    usage=rng.choice([0, 3, Decimal(rng.randint(0, 10**6)).scaleb(-3)]),
                )
            )
        # Every measure with a weight needs a non-zero sum: give the first member some.
        members[0] = MemberBasis(members[0].authority_id, "M0", 5, 1, Decimal("0.5"))
        total = Decimal(rng.choice([1, 99, 10**5, rng.randint(0, 10**11)])).scaleb(-2)
        vat_rate = rng.choice([None, VAT_STANDARD_RATE, Decimal("0.07")])
        allocation = allocate(total, members, key, vat_rate=vat_rate)

        shares = allocation.shares
        assert sum(s.net for s in shares) == total == allocation.net_total
        expected_parts = _exact_parts(total, members, key)
        for share, parts in zip(shares, expected_parts, strict=True):
            exact = sum(parts, Fraction(0))
            assert share.exact == exact
            assert abs(Fraction(share.net) - exact) < cent
            got = [share.equal, share.population, share.cases, share.usage]
            assert sum(got) == share.net
            for amount, part in zip(got, parts, strict=True):
                assert abs(Fraction(amount) - part) < cent
            rate = Fraction(vat_rate or 0)
            half_up = math.floor(Fraction(share.net) * rate * 100 + Fraction(1, 2))
            assert Fraction(share.vat) == Fraction(half_up, 100)
            assert share.gross == share.net + share.vat
        assert {amount.as_tuple().exponent for amount in amounts(allocation)} == {-2}
        # The cents went to the largest shares that were rounded down, ties by id.
        raised = [s for s in shares if s.remainder_cent]
        passed_over = [s for s in shares if not s.remainder_cent and Fraction(s.net) != s.exact]
        assert allocation.remainder_cents == len(raised)
        assert all(Fraction(s.net) > s.exact for s in raised)
        if raised and passed_over:
            last_raised = min((s.exact, -s.authority_id) for s in raised)
            first_passed_over = max((s.exact, -s.authority_id) for s in passed_over)
            assert last_raised > first_passed_over
        assert sum(s.gross for s in shares) == allocation.gross_total


# --- refusals -------------------------------------------------------------------------


def test_key_weights_must_sum_to_100() -> None:
    with pytest.raises(ValidationError) as excinfo:
        AllocationKey(equal=D(20), population=D(50), cases=D(20), usage=D(0))
    assert refusal(excinfo) == [
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; sie ergeben 90 %."
    ]
    with pytest.raises(ValidationError) as excinfo:
        AllocationKey(equal=D("20.5"), population=D("50.25"), cases=D(30), usage=D(0))
    assert refusal(excinfo) == [
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; "
        "sie ergeben 100,75 %."
    ]


def test_key_weights_must_not_be_negative() -> None:
    with pytest.raises(ValidationError) as excinfo:
        AllocationKey(equal=D(20), population=D(90), cases=D(0), usage=D(-10))
    assert refusal(excinfo) == ["Das Gewicht „Nutzung“ darf nicht negativ sein (-10 %)."]
    with pytest.raises(ValidationError) as excinfo:
        AllocationKey(equal=D("-0.5"), population=D(50), cases=D(30), usage=D(0))
    assert refusal(excinfo) == [
        "Das Gewicht „Sockelbetrag“ darf nicht negativ sein (-0,5 %).",
        "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 % ergeben; sie ergeben 79,5 %.",
    ]


def test_key_weights_must_be_decimal_numbers() -> None:
    with pytest.raises(ValidationError) as excinfo:
        AllocationKey(equal=D("NaN"), population=D(50), cases=D(50), usage=D(0))
    assert refusal(excinfo) == ["Das Gewicht „Sockelbetrag“ ist keine Zahl."]
    with pytest.raises(TypeError):
        AllocationKey(equal=20.0, population=D(50), cases=D(30), usage=D(0))  # type: ignore[arg-type]


def test_total_must_be_positive_and_to_the_cent() -> None:
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("-5.00"), [member(1)], EQUAL)
    assert refusal(excinfo) == ["Der zu verteilende Betrag darf nicht negativ sein."]
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.005"), [member(1)], EQUAL)
    assert refusal(excinfo) == ["Der zu verteilende Betrag muss auf den Cent genau angegeben sein."]
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("Infinity"), [member(1)], EQUAL)
    assert refusal(excinfo) == ["Der Betrag ist keine Zahl."]
    # Trailing zeros are fine: 100.000 is to the cent.
    assert nets(allocate(D("100.000"), [member(1)], EQUAL)) == [D("100.00")]
    with pytest.raises(TypeError):
        allocate(100.0, [member(1)], EQUAL)  # type: ignore[arg-type]


def test_vat_rate_is_a_fraction_below_one() -> None:
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), [member(1)], EQUAL, vat_rate=D(19))
    assert refusal(excinfo) == [
        "Der Umsatzsteuersatz muss als Anteil zwischen 0 und 1 angegeben sein (0,19 für 19 %)."
    ]


def test_no_members() -> None:
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), [], EQUAL)
    assert refusal(excinfo) == [
        "Es gibt keine Mitglieder, auf die der Betrag verteilt werden kann."
    ]


def test_population_missing_names_the_members() -> None:
    members = [
        member(1, "Aldenhoven"),
        member(2, "Baesweiler", population=None),
        member(3, "Düren"),
        member(4, "Eschweiler", population=None),
    ]
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), members, WORKED_KEY)
    assert refusal(excinfo) == [
        "Für folgende Mitglieder fehlt die Einwohnerzahl zum Stichtag: Baesweiler, Eschweiler."
    ]
    # Without a population weight the missing figures do not matter.
    key = AllocationKey(equal=D(50), population=D(0), cases=D(50), usage=D(0))
    allocation = allocate(D("100.00"), members, key)
    assert nets(allocation) == [D("25.00")] * 4
    assert [s.population for s in allocation.shares] == [D("0.00")] * 4


def test_population_cases_and_usage_need_a_non_zero_sum_when_weighted() -> None:
    members = [member(1, population=0, cases=0), member(2, population=0, cases=0)]
    key = AllocationKey(equal=D(10), population=D(30), cases=D(30), usage=D(30))
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), members, key)
    assert refusal(excinfo) == [
        "Die Einwohnerzahlen der Mitglieder ergeben zusammen 0; nach Einwohnerzahl kann "
        "nicht verteilt werden.",
        "Die Fallzahlen der Mitglieder ergeben zusammen 0; nach Fallzahl kann nicht "
        "verteilt werden.",
        "Die Nutzung der Mitglieder ergibt zusammen 0; nach Nutzung kann nicht verteilt werden.",
    ]
    # Unweighted, zero sums are fine.
    assert nets(allocate(D("100.00"), members, EQUAL)) == [D("50.00"), D("50.00")]


def test_a_member_listed_twice() -> None:
    members = [member(1, "Jülich"), member(2, "Linnich"), member(1, "Jülich"), member(1, "Jülich")]
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), members, EQUAL)
    assert refusal(excinfo) == ["Folgende Mitglieder sind mehrfach aufgeführt: Jülich."]


def test_negative_figures() -> None:
    members = [member(1, "Nideggen", cases=-1), member(2, "Titz", usage=D("-0.1")),
               member(3, "Vettweiß", population=-5), member(4, "Kreuzau")]  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("100.00"), members, EQUAL)
    assert refusal(excinfo) == [
        "Einwohnerzahl, Fallzahl und Nutzung dürfen nicht negativ sein; das ist der Fall bei: "
        "Nideggen, Titz, Vettweiß."
    ]
    with pytest.raises(TypeError):
        member(5, usage=1.5)  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once() -> None:
    members = [member(1, "Merzenich", population=None, cases=0), member(1, "Merzenich", cases=0)]
    with pytest.raises(ValidationError) as excinfo:
        allocate(D("-0.001"), members, WORKED_KEY, vat_rate=D("1.19"))
    assert refusal(excinfo) == [
        "Der zu verteilende Betrag darf nicht negativ sein.",
        "Der zu verteilende Betrag muss auf den Cent genau angegeben sein.",
        "Der Umsatzsteuersatz muss als Anteil zwischen 0 und 1 angegeben sein (0,19 für 19 %).",
        "Folgende Mitglieder sind mehrfach aufgeführt: Merzenich.",
        "Für folgende Mitglieder fehlt die Einwohnerzahl zum Stichtag: Merzenich.",
        "Die Fallzahlen der Mitglieder ergeben zusammen 0; nach Fallzahl kann nicht "
        "verteilt werden.",
    ]


# --- the CSV --------------------------------------------------------------------------


def test_statement_csv_exact_text() -> None:
    key = AllocationKey(equal=D(50), population=D(50), cases=D(0), usage=D(0))
    members = [
        member(1, "Aachen", population=3, cases=12, usage=D("2.5")),
        member(2, "Düren", population=2, cases=0),
        member(3, "Jülich; Stadt", population=1, cases=7),
        member(4, "=Formel", population=0, cases=1),
    ]
    allocation = allocate(D("1000.00"), members, key, vat_rate=VAT_STANDARD_RATE)
    assert statement_csv(allocation) == (
        "Mitglied;Einwohnerzahl;Fallzahl;Nutzung;Sockelbetrag (€);"
        "Anteil nach Einwohnerzahl (€);Anteil nach Fallzahl (€);Anteil nach Nutzung (€);"
        "Anteil netto (€);Umsatzsteuer 19 % (€);Anteil brutto (€)\r\n"
        "Aachen;3;12;2,5;125,00;250,00;0,00;0,00;375,00;71,25;446,25\r\n"
        "Düren;2;0;0;125,00;166,67;0,00;0,00;291,67;55,42;347,09\r\n"
        '"Jülich; Stadt";1;7;0;125,00;83,33;0,00;0,00;208,33;39,58;247,91\r\n'
        "'=Formel;0;1;0;125,00;0,00;0,00;0,00;125,00;23,75;148,75\r\n"
        "Summe;6;20;2,5;500,00;500,00;0,00;0,00;1000,00;190,00;1190,00\r\n"
        "\r\n"
        f'"{allocation.remainder_note}"\r\n'  # quoted: it contains a semicolon
        "Die Umsatzsteuer wird je Mitglied auf seinen Nettoanteil berechnet und "
        "kaufmännisch auf den Cent gerundet.\r\n"
    )
    assert allocation.remainder_note == (
        f"{REMAINDER_RULE} Nach dem Abrunden fehlte 1 Cent; ihn erhielt das Mitglied mit "
        "dem größten abgerundeten Anteil."
    )


def test_statement_csv_without_vat_and_without_notes() -> None:
    members = [member(1, "Aachen"), member(2, "Bonn", population=None)]
    key = AllocationKey(equal=D(100), population=D(0), cases=D(0), usage=D(0))
    allocation = allocate(D("0.03"), members, key)
    assert statement_csv(allocation, notes=False) == (
        "Mitglied;Einwohnerzahl;Fallzahl;Nutzung;Sockelbetrag (€);"
        "Anteil nach Einwohnerzahl (€);Anteil nach Fallzahl (€);Anteil nach Nutzung (€);"
        "Anteil netto (€)\r\n"
        "Aachen;1000;10;0;0,02;0,00;0,00;0,00;0,02\r\n"
        "Bonn;;10;0;0,01;0,00;0,00;0,00;0,01\r\n"
        "Summe;;20;0;0,03;0,00;0,00;0,00;0,03\r\n"
    )
