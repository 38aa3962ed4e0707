"""The Leitweg-ID: the buyer reference (BT-10) that routes an e-invoice to an authority.

Format (KoSIT, "Formatspezifikation Leitweg-ID" 2.0.2): a coarse part of 2 to 12
digits (built from the ARS), an optional fine part of up to 30 letters and digits,
and two check digits, joined by hyphens: ``04011000-1234512345-06``, ``992-90009-96``.
The check digits are ISO/IEC 7064 MOD 97-10 over coarse and fine part with letters
mapped A=10 … Z=35; a complete ID read that way is 1 modulo 97.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^([0-9]{2,12})(?:-([0-9A-Za-z]{1,30}))?-([0-9]{2})$")


def _numeric(text: str) -> int:
    """The number MOD 97-10 reads: digits stay, letters become 10 … 35."""
    return int("".join(str(int(ch, 36)) for ch in text.upper()))


def check_digits(coarse: str, fine: str = "") -> str:
    """The two check digits of ``coarse`` and ``fine`` (ISO/IEC 7064 MOD 97-10)."""
    return f"{98 - (_numeric(coarse + fine) * 100) % 97:02d}"


@dataclass(frozen=True)
class Parsed:
    coarse: str
    fine: str
    check: str

    @property
    def value(self) -> str:
        middle = f"-{self.fine}" if self.fine else ""
        return f"{self.coarse}{middle}-{self.check}"


def normalise(raw: str) -> str:
    """The spelling we store and compare: trimmed, letters upper case."""
    return raw.strip().upper()


def parse(raw: str) -> Parsed | None:
    """The parts of a well-formed Leitweg-ID, or ``None``; the check digits are not
    looked at here (see :func:`problem`)."""
    match = _PATTERN.match(normalise(raw))
    if match is None:
        return None
    coarse, fine, check = match.groups()
    return Parsed(coarse=coarse, fine=fine or "", check=check)


def problem(raw: str) -> str | None:
    """Why ``raw`` is no valid Leitweg-ID, in German, or ``None`` when it is one."""
    if not raw.strip():
        return _("Die Leitweg-ID fehlt.")
    parsed = parse(raw)
    if parsed is None:
        return _(
            "„%(value)s“ ist keine Leitweg-ID: erwartet werden 2 bis 12 Ziffern, optional "
            "ein Feinadressierungsteil aus bis zu 30 Buchstaben und Ziffern und zwei "
            "Prüfziffern, durch Bindestriche getrennt (z. B. 04011000-1234512345-06)."
        ) % {"value": raw.strip()[:60]}
    if _numeric(parsed.coarse + parsed.fine + parsed.check) % 97 != 1:
        return _(
            "Die Prüfziffern der Leitweg-ID „%(value)s“ stimmen nicht (ISO 7064 MOD 97-10; "
            "richtig wäre %(expected)s)."
        ) % {"value": parsed.value, "expected": check_digits(parsed.coarse, parsed.fine)}
    return None


def is_valid(raw: str) -> bool:
    return problem(raw) is None
