"""How page text becomes search terms, the same for indexing, queries, snippets and
highlights: folded (historical letters to modern ones, lower case, diacritics off) and
stemmed with the Snowball German stemmer, common function words left out.

Folding is what makes OCR of Fraktur findable: the ground truth and the ``frk`` model
write the long s (ſ), the double hyphen (⸗), the r rotunda (ꝛ) and the superscript e
over a vowel (aͤ = ä); a reader types none of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

# The characters of historical print a reader never types.
_HISTORICAL = str.maketrans({"ſ": "s", "ꝛ": "r", "⸗": "-", "ﬅ": "st", "ﬆ": "st"})
_COMBINING_E = "\u0364"  # superscript e above a vowel: the old umlaut
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")

# Snowball's German stop list (the one PostgreSQL's ``german`` configuration uses), so
# that a word on nearly every page neither bloats the index nor slows a search.
_STOP_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das dass daß derselbe derselben denselben desselben demselben dieselbe
    dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich
    dir du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen
    einer eines einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas
    euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten
    hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist
    jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem
    keinen keiner keines können könnte machen man manche manchem manchen mancher manches
    mein meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur
    ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so
    solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unsere
    unserem unseren unser unseres unter viel vom von vor während war waren warst was weg
    weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will
    wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
"""
STOPWORDS = frozenset(_STOP_TEXT.split())

_stemmer = snowballstemmer.stemmer("german")


def fold(text: str) -> str:
    """``text`` in the form every comparison uses: compatibility-normalised (ligatures
    split), historical letters replaced, lower case."""
    text = unicodedata.normalize("NFC", text.replace(_COMBINING_E, "\u0308"))
    return unicodedata.normalize("NFKC", text).translate(_HISTORICAL).casefold()


def _strip_diacritics(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term of one folded word: its Snowball stem without diacritics ("" for a
    stop word). The German stemmer already turns ä, ö, ü into a, o, u and ß into ss;
    what is left (é, ç) is stripped."""
    if word in STOPWORDS:
        return ""
    return _strip_diacritics(_stemmer.stemWord(word))


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` with their places in it (letters and digits)."""
    return _WORD.finditer(text)


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order, stop words left out."""
    found = (term(m.group()) for m in _WORD.finditer(fold(text)))
    return [t for t in found if t]


def query_terms(query: str) -> list[str]:
    """The distinct terms a search for ``query`` asks for, in the order typed."""
    return list(dict.fromkeys(terms(query)))


def word_terms(word: str) -> set[str]:
    """The terms of one word as OCR read it (``Protokoll,`` or ``Gemeinde⸗``)."""
    return set(terms(word))
