"""Template helpers for the public catalogue texts and the addresses offered to citizens.

A Leistungsbeschreibung's section is plain text: a line starting with ``- `` is an item
of a list, other lines are running text. Some sections ("Erforderliche Unterlagen")
are lists by nature, one item per line, whether or not the lines start with ``- ``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from verbund.catalogue.selectors import reachable

register = template.Library()

_BULLETS = ("- ", "• ", "* ")
# The sections of a Leistungsbeschreibung that list one thing per line.
LIST_SECTIONS = frozenset({"unterlagen"})


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (``lines``, shown with line breaks) or a list (``items``)."""

    lines: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


def _item(line: str) -> str | None:
    """The text of a list item, or ``None`` when the line is running text."""
    for bullet in _BULLETS:
        if line.startswith(bullet):
            return line[len(bullet) :].strip()
    return None


def list_items(text: str) -> list[str]:
    """Every non-empty line of ``text`` as one item, without its bullet."""
    lines = (line.strip() for line in text.splitlines())
    return [_item(line) or line for line in lines if line]


def text_blocks(text: str, *, as_list: bool = False) -> list[TextBlock]:
    """``text`` cut into paragraphs and lists: consecutive ``- `` lines form one list,
    consecutive other lines one paragraph, an empty line ends a paragraph. With
    ``as_list`` the whole text is one list, one item per line."""
    if as_list:
        every = list_items(text)
        return [TextBlock(items=tuple(every))] if every else []
    blocks: list[TextBlock] = []
    lines: list[str] = []
    items: list[str] = []

    def close() -> None:
        if lines:
            blocks.append(TextBlock(lines=tuple(lines)))
            lines.clear()
        if items:
            blocks.append(TextBlock(items=tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        item = _item(line)
        if not line:
            close()
        elif item is not None:
            if lines:
                close()
            items.append(item)
        else:
            if items:
                close()
            lines.append(line)
    close()
    return blocks


@register.inclusion_tag("catalogue/_text.html")
def described(text: str, section: str = "") -> dict[str, object]:
    """A section's text as paragraphs and lists (``catalogue/_text.html``)."""
    return {"blocks": text_blocks(text, as_list=section in LIST_SECTIONS)}


@register.filter
def offered(address: str) -> bool:
    """Whether a URL or e-mail address may be offered as a link (see ``reachable``)."""
    return bool(address) and reachable(address)
