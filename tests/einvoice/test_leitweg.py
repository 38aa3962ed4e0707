from __future__ import annotations

import pytest

from verbund.einvoice import leitweg


@pytest.mark.parametrize(
    "value",
    ["04011000-900X999-08", "992-90009-96", "09564000-NUE0001-49", "90000000-03083-72"],
)
def test_published_examples_are_valid(value: str) -> None:
    assert leitweg.problem(value) is None
    parsed = leitweg.parse(value)
    assert parsed is not None
    assert leitweg.check_digits(parsed.coarse, parsed.fine) == parsed.check


def test_lower_case_letters_are_read_as_upper_case() -> None:
    assert leitweg.problem("04011000-900x999-08") is None
    assert leitweg.normalise(" 04011000-900x999-08 ") == "04011000-900X999-08"


def test_wrong_check_digits_name_the_right_ones() -> None:
    assert leitweg.problem("992-90009-97") == (
        "Die Prüfziffern der Leitweg-ID „992-90009-97“ stimmen nicht (ISO 7064 MOD 97-10; "
        "richtig wäre 96)."
    )


@pytest.mark.parametrize(
    "value", ["", "1-2-3", "abc", "0401100-", "1234567890123-12", "992-9000!-96", "992--96"]
)
def test_malformed_ids_are_refused(value: str) -> None:
    assert leitweg.problem(value) is not None
    assert not leitweg.is_valid(value)
