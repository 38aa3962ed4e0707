"""The English catalogue is complete and compiled: no German string slips into the English UI.

Strings are marked in German (the first language); ``make messages`` extracts them
into ``locale/en/LC_MESSAGES/django.po``. This test fails when an entry has no
English text, is marked fuzzy (gettext would not use it), or when the compiled
``django.mo`` is older than the catalogue.
"""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import verbund

LOCALE = Path(verbund.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def _entries() -> list[tuple[str, str, str, bool]]:
    """(msgid, msgid_plural, first msgstr, fuzzy) of every entry except the header; an
    entry with a context has the context and ``\x04`` before its msgid, as in the
    compiled catalogue."""
    entries = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#~"):
                break  # obsolete entry
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                fields[current] += ast.literal_eval(line)
            else:
                current, _space, value = line.partition(" ")
                fields[current] = ast.literal_eval(value)
        if fields.get("msgid"):
            msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
            msgid = fields["msgid"]
            if "msgctxt" in fields:
                msgid = f"{fields['msgctxt']}\x04{msgid}"
            entries.append((msgid, fields.get("msgid_plural", ""), msgstr, fuzzy))
    return entries


def test_every_string_has_an_english_translation() -> None:
    entries = _entries()
    assert len(entries) > 300
    assert [msgid for msgid, _plural, msgstr, _fuzzy in entries if not msgstr] == []
    assert [msgid for msgid, _plural, _msgstr, fuzzy in entries if fuzzy] == []


def test_compiled_catalogue_matches_the_source() -> None:
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for msgid, plural, msgstr, _fuzzy in _entries():
        translated = catalogue.ngettext(msgid, plural, 1) if plural else catalogue.gettext(msgid)
        if translated != msgstr:
            stale.append(msgid)
    assert stale == [], "run `make messages` to compile django.mo"
