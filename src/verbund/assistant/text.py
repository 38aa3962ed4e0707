"""What the assistant does with a question's text before and after retrieval:
clean it, tell whether it can be read at all, and anonymise what is kept.

Nothing here logs, stores or sends the text; the caller decides what is kept
(only ``anonymise``'s result, and only for questions without an answer).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum

from verbund.authorities.folding import fold

MAX_QUESTION = 500  # characters; a longer message is declined, not cut silently
KEPT_TEXT = 300  # characters of an anonymised open question

_TAG = re.compile(r"<[^>]{0,200}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACE = re.compile(r"\s+")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


class Reading(StrEnum):
    """Whether a question can be handled at all."""

    OK = "ok"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_GERMAN = "not_german"
    NO_WORDS = "no_words"


def clean(text: str) -> str:
    """The question as plain text: Unicode NFC, markup and control characters removed,
    white space collapsed. HTML is never interpreted, only dropped."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL.sub(" ", text)
    text = _TAG.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


# Frequent function words; a question with several English and none of these German
# ones is English. Folded (umlauts → a/o/u, ß → ss) as ``fold`` returns them.
_GERMAN_WORDS = """
    ich mein meine meinen mir mich wie wo was wann wer warum muss kann darf will mochte
    brauche brauch bekomme krieg kriege einen eine ein der die das den dem des und oder
    nicht kein keine ist sind wird werden habe hab hat haben fur mit von bei beim zum zur
    im in auf aus an nach uber unser unsere sie ihr du euch wir man es noch schon jetzt
    bitte danke hallo hilfe gibt geht lassen neu neuen alt alten
"""
_GERMAN = frozenset(_GERMAN_WORDS.split())
_ENGLISH_WORDS = """
    i my me how where what when who why do does can could should would need want get the
    a an and or not is are was have has with from for of to in on at your you please help
    new old
"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split()) - _GERMAN


def read(text: str) -> Reading:
    """Whether the cleaned ``text`` is a question the assistant can try to answer."""
    if not text:
        return Reading.EMPTY
    if len(text) > MAX_QUESTION:
        return Reading.TOO_LONG
    letters = _LETTER_WORD.findall(text)
    if not letters:
        return Reading.NO_WORDS
    latin = sum(1 for ch in text if ch.isalpha() and ord(ch) < 0x250)
    alpha = sum(1 for ch in text if ch.isalpha())
    if alpha and latin / alpha < 0.5:
        return Reading.NOT_GERMAN
    words = [fold(w) for w in letters]
    english = sum(1 for w in words if w in _ENGLISH)
    german = sum(1 for w in words if w in _GERMAN)
    if english >= 2 and german == 0:
        return Reading.NOT_GERMAN
    return Reading.OK


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")
_NUMBER = re.compile(r"\d[\d\s./:-]*\d|\d")
_NAME_INTRO = re.compile(
    r"\b(ich hei(?:ß|ss)e|mein name ist|mein name lautet|name:|hier (?:ist|spricht)|"
    r"gru(?:ß|ss),?|gr(?:ü|ue)(?:ß|ss)e,?|lg,?|vg,?|mfg,?)\s+(\S+(?:\s+[A-ZÄÖÜ]\S*)?)",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"\b[\wÄÖÜäöüß-]+(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm)\s*\[Zahl\]",
    re.IGNORECASE,
)


def anonymise(text: str) -> str:
    """The question with what could identify a person replaced by placeholders:
    e-mail and web addresses, IBANs, every number (dates, phone, house and file
    numbers, licence plates' digits), a street with its house number, and a name
    after "ich heiße", "mein Name ist" or a greeting. At most ``KEPT_TEXT``
    characters are kept."""
    text = _EMAIL.sub("[E-Mail]", text)
    text = _URL.sub("[Adresse]", text)
    text = _IBAN.sub("[IBAN]", text)
    text = _NUMBER.sub("[Zahl]", text)
    text = _STREET.sub("[Straße]", text)
    text = _NAME_INTRO.sub(lambda m: f"{m.group(1)} [Name]", text)
    if len(text) > KEPT_TEXT:
        text = text[: KEPT_TEXT - 1].rstrip() + "…"
    return text


def digest(text: str) -> str:
    """A key under which equal questions are counted together (case, umlauts and
    punctuation do not matter)."""
    key = " ".join(re.findall(r"[a-z0-9\[\]]+", fold(text)))
    return hashlib.sha256(key.encode()).hexdigest()
