"""Text that goes into a spreadsheet cell (CSV, XLSX exports).

A cell that starts like a formula (``= + - @``, a tab or a carriage return) is run by
spreadsheet programs ("CSV injection"); an apostrophe in front makes it plain text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula, made plain text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
