"""What a hit shows: the words of the page that match, marked in a snippet of its text,
and their boxes on the page image, read from the page's ALTO."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

from verbund.archive.search.analysis import fold, term, word_terms, words

SNIPPET_WORDS = 30
SNIPPET_BEFORE = 8
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Box:
    """A matching word's box in the ALTO's pixel space (``HPOS``, ``VPOS``, …)."""

    x: int
    y: int
    width: int
    height: int
    word: str


@dataclass(frozen=True)
class PageBoxes:
    width: int  # the ALTO page's size: the viewBox the boxes are drawn in
    height: int
    boxes: list[Box]


def snippet(text: str, wanted: Collection[str]) -> SafeString:
    """About :data:`SNIPPET_WORDS` words of ``text`` around its first match, every
    matching word in ``<mark>``; escaped; the start of the text when nothing matches."""
    found = list(words(text))
    if not found:
        return mark_safe("")
    matches = {i for i, m in enumerate(found) if term(fold(m.group())) in wanted}
    first = max(0, (min(matches) if matches else 0) - SNIPPET_BEFORE)
    last = min(len(found), first + SNIPPET_WORDS)
    parts = ["… " if first > 0 else ""]
    position = found[first].start()
    for i in range(first, last):
        match = found[i]
        # What stands between two words (spaces, line breaks, punctuation), one space
        # for any run of white space.
        parts.append(escape(_SPACE.sub(" ", text[position : match.start()])))
        word = escape(match.group())
        parts.append(f"<mark>{word}</mark>" if i in matches else word)
        position = match.end()
    tail = text[position:]
    if last == len(found):
        parts.append(escape(_SPACE.sub(" ", tail)))
    if last < len(found):
        parts.append(" …")
    # Built from escaped pieces and our own <mark> tags only.
    return mark_safe("".join(parts).strip())  # noqa: S308


def _int(element: etree._Element, name: str) -> int:
    try:
        return round(float(element.get(name, "0")))
    except ValueError:
        return 0


def boxes(alto: str, wanted: Collection[str]) -> PageBoxes | None:
    """The boxes of the ALTO ``String``s whose word matches, or ``None`` when there is
    no readable ALTO. A word split at a line end (``HYP``) is matched by its whole word
    (``SUBS_CONTENT``), both halves marked."""
    if not alto.strip():
        return None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(alto.encode(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    page = next(root.iter("{*}Page"), None)
    if page is None:
        return None
    found = []
    for string in root.iter("{*}String"):
        content = string.get("SUBS_CONTENT") or string.get("CONTENT") or ""
        if word_terms(content) & set(wanted):
            found.append(
                Box(
                    _int(string, "HPOS"),
                    _int(string, "VPOS"),
                    _int(string, "WIDTH"),
                    _int(string, "HEIGHT"),
                    string.get("CONTENT") or "",
                )
            )
    return PageBoxes(_int(page, "WIDTH"), _int(page, "HEIGHT"), found)
