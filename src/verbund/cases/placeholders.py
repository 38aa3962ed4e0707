"""Placeholders in texts that authorities write themselves: the file number
pattern (``63-{aktenplan}/{jahr}/{nr:5}``) and the decision letter texts
(``Sehr geehrte(r) {antragsteller}, …``).

Only the names listed here exist; a text with any other name, with attribute or
index access (``{a.b}``, ``{a[0]}``) or a conversion (``{a!r}``) is refused when
it is saved, with a message that names the offending part. Rendering fills in
plain strings only, so a text can never reach into objects.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FILE_NUMBER_NAMES = ("jahr", "nr", "aktenplan")
LETTER_NAMES = (
    "anrede",
    "antragsteller",
    "leistung",
    "vorgangsnummer",
    "aktenzeichen",
    "eingangsdatum",
    "behoerde",
    "ort",
    "verwaltungsgericht",
)
LETTER_HELP = gettext_lazy(
    "Platzhalter: {anrede} (Guten Tag und der Name, ohne Namen: Sehr geehrte Damen und "
    "Herren), {antragsteller}, {leistung}, {vorgangsnummer}, {aktenzeichen}, "
    "{eingangsdatum}, {behoerde}, {ort}, {verwaltungsgericht} (Name und Anschrift des "
    "Gerichts der Behörde). Geschweifte Klammern im Text: {{ und }}."
)
REMEDY_HELP = gettext_lazy(
    "Nennt das Gericht mit {verwaltungsgericht}: Jede Behörde, die die Leistung anbietet, "
    "trägt ihr Verwaltungsgericht unter „Aktenführung und Briefkopf“ ein. Beispiel: Gegen "
    "diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
    "{verwaltungsgericht}, erhoben werden. Leer: der Standardtext. Weitere Platzhalter wie "
    "im Text des Bescheids."
)
_WIDTH = re.compile(r"^[1-9]$")


def _fields(text: str, allowed: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(name, format spec)`` of every placeholder; ValidationError for anything else."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _(
                "Eine geschweifte Klammer ist nicht geschlossen. "
                "Für eine Klammer im Text: {{ oder }}."
            ),
            code="braces",
        ) from None
    found = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if conversion or name not in allowed:
            raise ValidationError(
                _("Unbekannter Platzhalter „{%(name)s}“. Erlaubt sind: %(allowed)s.")
                % {
                    "name": name + (f"!{conversion}" if conversion else ""),
                    "allowed": ", ".join("{" + n + "}" for n in allowed),
                },
                code="placeholder",
            )
        found.append((name, spec or ""))
    return found


# Case.file_number and CaseType.file_plan_code; a running number of more than seven
# digits (ten million files a year) is not expected.
FILE_NUMBER_MAX_LENGTH = 80
FILE_PLAN_CODE_MAX_LENGTH = 30
_NUMBER_DIGITS = 7


def validate_file_number_pattern(pattern: str) -> None:
    fields = _fields(pattern, FILE_NUMBER_NAMES)
    names = [name for name, _spec in fields]
    if names.count("nr") != 1:
        raise ValidationError(
            _("Das Muster braucht genau einmal die laufende Nummer {nr}."), code="nr"
        )
    for name, spec in fields:
        if spec and (name != "nr" or not _WIDTH.match(spec)):
            raise ValidationError(
                _("Nur die Nummer hat eine Stellenzahl (1 bis 9), z. B. {nr:5}."), code="spec"
            )
    # The running number starts again every year: without the year, next year's
    # first file would get this year's first file number.
    if "jahr" not in names:
        raise ValidationError(
            _("Das Muster braucht das Jahr {jahr}: Die laufende Nummer beginnt jedes Jahr neu."),
            code="jahr",
        )
    longest = len(
        _render(
            pattern, year="0000", number="9" * _NUMBER_DIGITS, plan="x" * FILE_PLAN_CODE_MAX_LENGTH
        )
    )
    if longest > FILE_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("Mit diesem Muster kann ein Aktenzeichen länger als %(n)d Zeichen werden.")
            % {"n": FILE_NUMBER_MAX_LENGTH},
            code="length",
        )


def _render(pattern: str, *, year: str, number: str, plan: str) -> str:
    parts = []
    for literal, name, spec, _conversion in string.Formatter().parse(pattern):
        parts.append(literal)  # doubled braces arrive here as single ones
        if name == "nr":
            parts.append(number.zfill(int(spec) if spec else 0))
        elif name == "jahr":
            parts.append(year)
        elif name == "aktenplan":
            parts.append(plan)
    return "".join(parts).strip()


def render_file_number(pattern: str, *, year: int, number: int, file_plan_code: str) -> str:
    """The file number; ``{nr:5}`` pads the running number with zeros to five digits."""
    _fields(pattern, FILE_NUMBER_NAMES)
    return _render(pattern, year=str(year), number=str(number), plan=file_plan_code)


def validate_letter_text(text: str) -> None:
    for _name, spec in _fields(text, LETTER_NAMES):
        if spec:
            raise ValidationError(
                _("Platzhalter im Bescheid haben keine Formatangabe („:“)."), code="spec"
            )


def validate_remedy_notice(text: str) -> None:
    """A Rechtsbehelfsbelehrung written once for every adopter names the court by its
    placeholder: each authority has its own (an empty text is the default, which does)."""
    validate_letter_text(text)
    names = {name for name, _spec in _fields(text, LETTER_NAMES)}
    if text.strip() and "verwaltungsgericht" not in names:
        raise ValidationError(
            _(
                "Die Rechtsbehelfsbelehrung muss das Gericht mit dem Platzhalter "
                "{verwaltungsgericht} nennen: Jede Behörde, die die Leistung anbietet, hat "
                "ihr eigenes Verwaltungsgericht."
            ),
            code="court_placeholder",
        )


def render_letter_text(text: str, values: Mapping[str, str]) -> str:
    validate_letter_text(text)
    return text.format_map({name: values.get(name, "") for name in LETTER_NAMES})
