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


def fold(text: str) -> str:
    """Lower-case, strip accents and umlauts, ß→ss, ae/oe/ue→a/o/u, squeeze spaces."""
    text = text.strip().lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for digraph, vowel in _DIGRAPHS:
        text = text.replace(digraph, vowel)
    return _SPACES.sub(" ", text)
