from __future__ import annotations

import pytest

from verbund.authorities.folding import fold, name_keys


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Jülich, Stadt", "julich, stadt"),
        ("Juelich", "julich"),
        ("KÖLN", "koln"),
        ("Koeln", "koln"),
        ("Weißenburg-Gunzenhausen", "weissenburg-gunzenhausen"),
        ("  Bad   Münstereifel ", "bad munstereifel"),
        ("Rhön-Grabfeld", "rhon-grabfeld"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Merzenich", ["merzenich"]),
        (
            "Frankfurt am Main, Stadt",
            ["frankfurt am main, stadt", "am main, stadt", "main, stadt"],
        ),
        ("Frankfurt (Oder), Stadt", ["frankfurt (oder), stadt", "oder), stadt"]),
        ("Reg.-Bez. Köln", ["reg.-bez. koln", "bez. koln", "koln"]),
        ("Halle/Saale", ["halle/saale", "saale"]),
        ("München, Landeshauptstadt", ["munchen, landeshauptstadt"]),
    ],
)
def test_name_keys_start_at_each_word_before_the_designation(name: str, keys: list[str]) -> None:
    assert name_keys(fold(name)) == keys
