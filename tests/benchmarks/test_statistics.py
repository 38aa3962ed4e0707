"""Quantiles of type 7 (linear interpolation), checked against values a spreadsheet's
QUARTILE.INKL gives for the same data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from verbund.benchmarks.statistics import Distribution, distribution, quantile

D = Decimal


def test_five_values() -> None:
    # QUARTILE.INKL({1;2;3;4;100}; 1..3) = 2; 3; 4
    assert distribution([D(100), D(3), D(1), D(4), D(2)]) == Distribution(
        5, D(1), D(2), D(3), D(4), D(100)
    )


def test_six_values_interpolate() -> None:
    # positions (n-1)p = 1.25, 2.5, 3.75 over 10, 20, 30, 40, 50, 60
    assert distribution([D(60), D(10), D(30), D(20), D(50), D(40)]) == Distribution(
        6, D(10), D("22.5"), D(35), D("47.5"), D(60)
    )


def test_decimals_stay_exact() -> None:
    values = [D("0.1"), D("0.2"), D("0.3"), D("0.4")]
    # h = 0.75 → 0.1 + 0.75 · 0.1 = 0.175; median 0.25; h = 2.25 → 0.325
    assert distribution(values) == Distribution(
        4, D("0.1"), D("0.175"), D("0.25"), D("0.325"), D("0.4")
    )


def test_one_value() -> None:
    assert quantile([D(7)], D("0.75")) == D(7)


def test_no_values() -> None:
    with pytest.raises(ValueError, match="no values"):
        quantile([], D("0.5"))
