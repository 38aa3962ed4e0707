"""Search-key folding for German place names.

Both the stored names and the user's query go through :func:`fold`, so that
"julich", "Jülich" and "Juelich" all meet at "julich" and "Koln"/"Köln"/
"Koeln" at "koln".
"""

from __future__ import annotations

import re
import unicodedata

_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_SPACES = re.compile(r"\s+")
# A later word starts after one of these ("Frankfurt am Main", "Reg.-Bez. Köln", "Halle (Saale)").
_WORD_START = re.compile(r"(?<=[\s\-(/.])(?=\w)")


def fold(text: str) -> str:
    """Lower-case, strip accents and umlauts, ß→ss, ae/oe/ue→a/o/u, squeeze spaces."""
    text = text.strip().lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for digraph, vowel in _DIGRAPHS:
        text = text.replace(digraph, vowel)
    return _SPACES.sub(" ", text)


def name_keys(folded_name: str) -> list[str]:
    """Where a search may start in a folded name: at its beginning and at each later word.

    The designation after the first comma ("Köln, Stadt", "München,
    Landeshauptstadt") is not a place to start: "stadt" would find every town.
    """
    head = folded_name.split(",", 1)[0]
    starts = [0, *(match.start() for match in _WORD_START.finditer(head))]
    return list(dict.fromkeys(folded_name[start:] for start in starts))
