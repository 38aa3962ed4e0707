"""Reading and correcting ALTO, the stored OCR result (text, boxes, word confidence).

Tesseract 5.3 writes ALTO v3 (``http://www.loc.gov/standards/alto/ns-v3#``); other
versions are read too, as the elements are the same (``TextLine``, ``String`` with
``CONTENT`` and ``WC``, ``SP``). Boxes are in pixels of the image that was recognised
(the master), as ``HPOS``/``VPOS``/``WIDTH``/``HEIGHT``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

__all__ = [
    "AltoError",
    "AltoPage",
    "Line",
    "Word",
    "corrected_alto",
    "mean_confidence",
    "page_text",
    "parse",
]

ALTO_V3 = "http://www.loc.gov/standards/alto/ns-v3#"
# The confidence of a word an archivist has typed: certain.
CORRECTED_WC = "1.00"


class AltoError(ValueError):
    """The text is not ALTO this platform can read."""


@dataclass(frozen=True)
class Word:
    id: str
    text: str
    hpos: int
    vpos: int
    width: int
    height: int
    # WC in 0..1 as Tesseract writes it; None when the word has none.
    confidence: Decimal | None


@dataclass(frozen=True)
class Line:
    id: str
    hpos: int
    vpos: int
    width: int
    height: int
    words: tuple[Word, ...]
    # The index of the text block, so that the text keeps its paragraphs.
    block: int

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class AltoPage:
    width: int
    height: int
    lines: tuple[Line, ...]

    def line(self, line_id: str) -> Line | None:
        return next((line for line in self.lines if line.id == line_id), None)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _int(element: etree._Element, name: str) -> int:
    value = element.get(name, "0")
    try:
        # ALTO allows float coordinates; boxes here are whole pixels.
        return max(0, round(float(value)))
    except ValueError:
        raise AltoError(f"{_local(element)} has {name}={value!r}, not a number.") from None


def _confidence(element: etree._Element) -> Decimal | None:
    value = element.get("WC")
    if value is None:
        return None
    try:
        confidence = Decimal(value)
    except ArithmeticError:
        raise AltoError(f"String has WC={value!r}, not a number.") from None
    if not Decimal(0) <= confidence <= Decimal(1):
        raise AltoError(f"String has WC={value!r}, outside 0 to 1.")
    return confidence


def _root(alto: str | bytes) -> etree._Element:
    data = alto.encode("utf-8") if isinstance(alto, str) else alto
    if not data.strip():
        raise AltoError("The ALTO is empty.")
    # No network, no entities: the ALTO comes from a subprocess, but stays data.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise AltoError(f"The ALTO is not well-formed XML: {error}") from None
    if _local(root) != "alto":
        raise AltoError(f"The root element is {_local(root)!r}, not 'alto'.")
    return root


def parse(alto: str | bytes) -> AltoPage:
    """The page size and its lines in reading order, each with its words."""
    root = _root(alto)
    page = next(
        (el for el in root.iter() if isinstance(el.tag, str) and _local(el) == "Page"), None
    )
    if page is None:
        raise AltoError("The ALTO has no Page.")
    lines: list[Line] = []
    block = -1
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element)
        if name == "TextBlock":
            block += 1
        elif name == "TextLine":
            words = tuple(
                Word(
                    id=string.get("ID", ""),
                    text=string.get("CONTENT", ""),
                    hpos=_int(string, "HPOS"),
                    vpos=_int(string, "VPOS"),
                    width=_int(string, "WIDTH"),
                    height=_int(string, "HEIGHT"),
                    confidence=_confidence(string),
                )
                for string in element
                if isinstance(string.tag, str) and _local(string) == "String"
            )
            lines.append(
                Line(
                    id=element.get("ID", f"line_{len(lines)}"),
                    hpos=_int(element, "HPOS"),
                    vpos=_int(element, "VPOS"),
                    width=_int(element, "WIDTH"),
                    height=_int(element, "HEIGHT"),
                    words=words,
                    block=max(block, 0),
                )
            )
    return AltoPage(width=_int(page, "WIDTH"), height=_int(page, "HEIGHT"), lines=tuple(lines))


def mean_confidence(page: AltoPage) -> Decimal | None:
    """The mean word confidence in % (two places), each word counted once; None for a
    page without words that carry a confidence."""
    values = [word.confidence for line in page.lines for word in line.words]
    known = [value for value in values if value is not None]
    if not known:
        return None
    mean = sum(known, Decimal(0)) * 100 / len(known)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def page_text(page: AltoPage, corrections: Mapping[str, str] | None = None) -> str:
    """The plain text for search and display: one line per ALTO line, a blank line
    between text blocks; a corrected line's text instead of the recognised one."""
    corrections = corrections or {}
    parts: list[str] = []
    block: int | None = None
    for line in page.lines:
        text = corrections.get(line.id, line.text)
        text = " ".join(text.split())
        if block is not None and line.block != block and parts:
            parts.append("")
        block = line.block
        if text:
            parts.append(text)
    return "\n".join(parts).strip()


def _split_box(line: etree._Element, words: list[str]) -> list[tuple[int, int]]:
    """(HPOS, WIDTH) of each corrected word: the line's width shared in proportion to
    the characters, so that a search hit in a corrected line still marks about the
    right place."""
    left, width = _int(line, "HPOS"), _int(line, "WIDTH")
    total = sum(len(word) for word in words) + max(0, len(words) - 1)
    boxes: list[tuple[int, int]] = []
    position = 0
    for word in words:
        start = left + (width * position) // max(total, 1)
        end = left + (width * (position + len(word))) // max(total, 1)
        boxes.append((start, max(1, end - start)))
        position += len(word) + 1
    return boxes


def _tag(namespace: str | None, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def corrected_alto(alto: str | bytes, corrections: Mapping[str, str]) -> str:
    """The ALTO with each corrected line's words replaced by the corrected text
    (``WC`` 1.00, boxes shared out over the line); every other element untouched.
    Line ids not in the ALTO are ignored."""
    root = _root(alto)
    if not corrections:
        return etree.tostring(root, encoding="unicode")
    for line in root.iter():
        if not isinstance(line.tag, str) or _local(line) != "TextLine":
            continue
        line_id = line.get("ID", "")
        if line_id not in corrections:
            continue
        namespace = etree.QName(line).namespace
        for child in list(line):
            if isinstance(child.tag, str) and _local(child) in {"String", "SP", "HYP"}:
                line.remove(child)
        words = corrections[line_id].split()
        vpos, height = line.get("VPOS", "0"), line.get("HEIGHT", "0")
        # Strings come first in a TextLine (before a Shape, if any).
        for index, (word, (hpos, width)) in enumerate(
            zip(words, _split_box(line, words), strict=True)
        ):
            if index:
                space = etree.Element(_tag(namespace, "SP"))
                space.set("WIDTH", "1")
                space.set("HPOS", str(max(0, hpos - 1)))
                space.set("VPOS", vpos)
                line.insert(2 * index - 1, space)
            string = etree.Element(_tag(namespace, "String"))
            string.set("ID", f"{line_id}_c{index}")
            string.set("HPOS", str(hpos))
            string.set("VPOS", vpos)
            string.set("WIDTH", str(width))
            string.set("HEIGHT", height)
            string.set("WC", CORRECTED_WC)
            string.set("CONTENT", word)
            line.insert(2 * index, string)
    return etree.tostring(root, encoding="unicode")
