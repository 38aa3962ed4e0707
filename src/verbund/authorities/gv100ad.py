"""Reading the Destatis Gemeindeverzeichnis GV100AD (fixed width, 220 characters).

This module only reads and checks; it never touches the database, so that a
broken file is rejected before the import writes anything.

Layout (Datensatzbeschreibung GV100AD, positions are 1-based *characters*):

====== =============================================================
1-2    Satzart: 10 Land, 20 Regierungsbezirk, 30 Region, 40 Kreis,
       50 Gemeindeverband, 60 Gemeinde
3-10   Gebietsstand JJJJMMTT
11-12  Land
13     Regierungsbezirk
14-15  Kreis (Satzart 30: position 14 is the Region)
16-18  Gemeinde
19-22  Gemeindeverband
23-72  Name
73-122 Verwaltungssitz (Satzart 10 to 50)
123-4  Textkennzeichen (Satzart 40, 50, 60)
129-39 Fläche in ha (Satzart 60)
140-50 Einwohner (Satzart 60)
166-70 PLZ (Satzart 60)
171-75 non-blank when the Gemeinde has several postcodes (Satzart 60)
====== =============================================================

So the AGS is positions 11-18, while the 12-digit ARS of a Gemeinde is
11-15 + 19-22 + 16-18 (Kreis, then Verband, then Gemeinde).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from verbund.authorities.models import VERBANDSFREI_PLACEHOLDER, AuthorityKind

BOM = b"\xef\xbb\xbf"

# Last character position each Satzart is read up to; a shorter line was cut off.
_MIN_LENGTH: dict[str, int] = {"10": 122, "20": 122, "30": 122, "40": 124, "50": 124, "60": 175}

# Satzart 40 is a kreisfreie Stadt or a Kreis depending on its Textkennzeichen.
_KREIS_KIND: dict[str, str] = {
    "41": AuthorityKind.KREISFREIE_STADT,
    "42": AuthorityKind.KREISFREIE_STADT,
    "43": AuthorityKind.KREIS,
    "44": AuthorityKind.KREIS,
    "45": AuthorityKind.KREIS,
}
_KIND_OF_SATZART: dict[str, str] = {
    "10": AuthorityKind.LAND,
    "20": AuthorityKind.REGIERUNGSBEZIRK,
    "30": AuthorityKind.REGION,
    "50": AuthorityKind.GEMEINDEVERBAND,
    "60": AuthorityKind.GEMEINDE,
}

# What a GV100AD line starts with; anything else on line 1 means the wrong file was given.
_RECORD_START = re.compile(rb"^(10|20|30|40|50|60)\d{8}")


class RegisterError(Exception):
    """Base for everything that stops a register import; ``message`` is German."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RegisterFormatError(RegisterError):
    """The file is not a well-formed GV100AD register.

    ``line_no`` is 1-based (0 when the file as a whole is at fault, e.g. empty);
    ``field`` names the German field; ``value`` is what was found there.
    """

    def __init__(self, line_no: int, field: StrOrPromise, value: str, message: str) -> None:
        super().__init__(message)
        self.line_no = line_no
        self.field = str(field)  # field labels are lazy: translated only when something fails
        self.value = value


@dataclass(frozen=True, slots=True)
class RegisterRecord:
    """One line of the register, as the import stores it.

    ``parent_ars`` is filled in by :func:`register_parse` (it needs the whole
    file); ``population`` and ``area_ha`` of the levels above the Gemeinde are
    the sums over their Gemeinden, also filled in there.
    """

    line_no: int
    satzart: str
    gebietsstand: dt.date
    ars: str
    ags: str
    kind: str
    textkennzeichen: str
    name: str
    seat: str
    area_ha: int | None
    population: int | None
    postcode: str
    postcode_unique: bool
    parent_ars: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedRegister:
    """A complete, checked register: every record, its parent and the file's digest."""

    gebietsstand: dt.date
    sha256: str
    records: tuple[RegisterRecord, ...]

    def records_of_kinds(self, kinds: tuple[str, ...]) -> list[RegisterRecord]:
        return [record for record in self.records if record.kind in kinds]


def _error(line_no: int, field: StrOrPromise, value: str, reason: str) -> RegisterFormatError:
    message = _("Zeile %(line)d, Feld %(field)s: Wert '%(value)s' %(reason)s") % {
        "line": line_no,
        "field": field,
        "value": value,
        "reason": reason,
    }
    return RegisterFormatError(line_no, field, value, message)


def _wrong_file(first_line: bytes) -> RegisterFormatError:
    shown = first_line[:40].decode("utf-8", errors="replace").strip()
    message = _(
        "Zeile 1: Die Datei ist kein GV100AD-Gemeindeverzeichnis von Destatis "
        "(eine Zeile beginnt dort mit Satzart und Gebietsstand, z. B. '1020250831'; "
        "gefunden: '%(found)s')."
    ) % {"found": shown}
    return RegisterFormatError(1, _("Datei"), shown, message)


def _source_bytes(source: Path | str | BinaryIO) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


def _digits(line_no: int, field: StrOrPromise, value: str) -> str:
    if not (value.isascii() and value.isdigit()):
        raise _error(line_no, field, value, _("ist kein gültiger Schlüssel (nur Ziffern erlaubt)"))
    return value


def _number(line_no: int, field: StrOrPromise, raw: str) -> int:
    value = raw.strip()
    if not (value.isascii() and value.isdigit()):
        raise _error(line_no, field, value, _("ist keine Zahl"))
    return int(value)


def _date(line_no: int, raw: str) -> dt.date:
    field = gettext_lazy("Gebietsstand")
    if raw.isascii() and raw.isdigit():
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        except ValueError:
            pass
    raise _error(line_no, field, raw, _("ist kein gültiges Datum (JJJJMMTT)"))


def _record(line_no: int, line: str) -> RegisterRecord:
    satzart = line[:2]
    if satzart not in _MIN_LENGTH:
        raise _error(
            line_no,
            _("Satzart"),
            satzart,
            _("ist keine Satzart des GV100AD (erwartet: 10, 20, 30, 40, 50 oder 60)"),
        )
    needed = _MIN_LENGTH[satzart]
    if len(line) < needed:
        raise RegisterFormatError(
            line_no,
            _("Satzlänge"),
            str(len(line)),
            _(
                "Zeile %(line)d, Feld Satzlänge: Die Zeile hat nur %(length)d Zeichen, "
                "Satzart %(satzart)s braucht mindestens %(needed)d (Zeile abgeschnitten?)"
            )
            % {"line": line_no, "length": len(line), "satzart": satzart, "needed": needed},
        )
    gebietsstand = _date(line_no, line[2:10])
    key_field = gettext_lazy("Regionalschlüssel")
    land, rb, kreis = line[10:12], line[12:13], line[13:15]
    gemeinde, verband = line[15:18], line[18:22]
    textkennzeichen = line[122:124].strip() if satzart in ("40", "50", "60") else ""
    area_ha: int | None = None
    population: int | None = None
    postcode = ""
    postcode_unique = True

    if satzart == "10":
        ars = ags = _digits(line_no, key_field, land)
    elif satzart == "20":
        ars = ags = _digits(line_no, key_field, land + rb)
    elif satzart == "30":
        ars = _digits(line_no, key_field, land + rb + line[13:14])
        ags = ""
    elif satzart == "40":
        ars = ags = _digits(line_no, key_field, land + rb + kreis)
    elif satzart == "50":
        ars = _digits(line_no, key_field, land + rb + kreis + verband)
        ags = ""
    else:
        ars = _digits(line_no, key_field, land + rb + kreis + verband + gemeinde)
        ags = land + rb + kreis + gemeinde
        area_ha = _number(line_no, gettext_lazy("Fläche"), line[128:139])
        population = _number(line_no, gettext_lazy("Einwohner"), line[139:150])
        postcode = line[165:170].strip()
        # gemeindefreie Gebiete have no postcode at all, so blank is fine
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
            raise _error(line_no, _("PLZ"), postcode, _("ist keine Postleitzahl"))
        postcode_unique = not line[170:175].strip()

    if satzart == "40":
        kind = _KREIS_KIND.get(textkennzeichen)
        if kind is None:
            raise _error(
                line_no,
                _("Textkennzeichen"),
                textkennzeichen,
                _("ist kein Textkennzeichen eines Kreises (erwartet: 41 bis 45)"),
            )
    else:
        kind = _KIND_OF_SATZART[satzart]

    name = line[22:72].strip()
    if not name:
        raise _error(line_no, _("Name"), name, _("ist leer; jeder Satz braucht einen Namen"))
    seat = line[72:122].strip() if satzart != "60" else ""
    return RegisterRecord(
        line_no=line_no,
        satzart=satzart,
        gebietsstand=gebietsstand,
        ars=ars,
        ags=ags,
        kind=kind,
        textkennzeichen=textkennzeichen,
        name=name,
        seat=seat,
        area_ha=area_ha,
        population=population,
        postcode=postcode,
        postcode_unique=postcode_unique,
    )


def _records_from_lines(raw_lines: Iterable[bytes]) -> Iterator[RegisterRecord]:
    first: RegisterRecord | None = None
    for line_no, raw in enumerate(raw_lines, start=1):
        if line_no == 1:
            raw = raw.removeprefix(BOM)
            # Checked on the bytes, so that a PDF or a spreadsheet is named as the
            # wrong file rather than as a file with an encoding error.
            if not _RECORD_START.match(raw):
                raise _wrong_file(raw)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            value = raw[max(exc.start - 10, 0) : exc.end + 10].decode("utf-8", errors="replace")
            raise RegisterFormatError(
                line_no,
                _("Zeichenkodierung"),
                value,
                _(
                    "Zeile %(line)d, Feld Zeichenkodierung: Die Zeile ist nicht UTF-8-kodiert "
                    "(Byte 0x%(byte)02X an Zeichenposition %(position)d). Bitte die Datei von "
                    "Destatis unverändert verwenden oder als UTF-8 speichern."
                )
                % {"line": line_no, "byte": raw[exc.start], "position": exc.start + 1},
            ) from exc
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        record = _record(line_no, line)
        if first is None:
            first = record
        elif record.gebietsstand != first.gebietsstand:
            raise _error(
                line_no,
                _("Gebietsstand"),
                line[2:10],
                _(
                    "weicht vom Gebietsstand der Datei ab (%(stand)s in Zeile %(first)d); "
                    "eine Datei enthält genau einen Gebietsstand"
                )
                % {"stand": f"{first.gebietsstand:%d.%m.%Y}", "first": first.line_no},
            )
        yield record


def register_records(*, source: Path | str | BinaryIO) -> Iterator[RegisterRecord]:
    """The file's records in file order, each checked on its own (no parents yet)."""
    yield from _records_of(_source_bytes(source))


def _records_of(data: bytes) -> Iterator[RegisterRecord]:
    if not data.removeprefix(BOM).strip():
        raise RegisterFormatError(0, _("Datei"), "", _("Die Datei ist leer."))
    yield from _records_from_lines(data.splitlines())


def _kreis_key(ars: str) -> str:
    """The Kreis a Verband or Gemeinde lies in, or its Land for Kreis ``000``.

    Destatis lists a few unpopulated areas outside any Kreis under Regierungsbezirk
    0, Kreis 00 (the German-Luxembourg condominium, the coastal waters); they
    hang directly below their Land.
    """
    return ars[:2] if ars[2:5] == "000" else ars[:5]


def _parent_keys(record: RegisterRecord) -> list[tuple[StrOrPromise, str]]:
    """(label, key) of the authorities that must exist above ``record``."""
    ars = record.ars
    if record.kind in (AuthorityKind.GEMEINDEVERBAND, AuthorityKind.GEMEINDE):
        kreis = _kreis_key(ars)
        kreis_label = gettext_lazy("Kreis") if len(kreis) == 5 else gettext_lazy("Land")
    if record.kind in (AuthorityKind.REGIERUNGSBEZIRK, AuthorityKind.REGION):
        return [(gettext_lazy("Land"), ars[:2])]
    if record.kind in (AuthorityKind.KREIS, AuthorityKind.KREISFREIE_STADT):
        return [(gettext_lazy("Land"), ars[:2])]
    if record.kind == AuthorityKind.GEMEINDEVERBAND:
        return [(kreis_label, kreis)]
    if record.kind == AuthorityKind.GEMEINDE:
        return [(kreis_label, kreis), (gettext_lazy("Gemeindeverband"), ars[:9])]
    return []


def _parent_of(record: RegisterRecord, by_key: dict[str, RegisterRecord]) -> str | None:
    ars = record.ars
    if record.kind == AuthorityKind.GEMEINDE:
        verband = by_key[ars[:9]]
        # A verbandsfrei placeholder only mirrors the Gemeinde; the Kreis is the real parent.
        if verband.textkennzeichen == VERBANDSFREI_PLACEHOLDER:
            return _kreis_key(ars)
        return ars[:9]
    if record.kind == AuthorityKind.GEMEINDEVERBAND:
        return _kreis_key(ars)
    if record.kind in (
        AuthorityKind.KREIS,
        AuthorityKind.KREISFREIE_STADT,
        AuthorityKind.REGION,
    ):
        # Länder without Regierungsbezirke put a 0 there; some Länder list the
        # former ones, and then they are the parent.
        return ars[:3] if ars[:3] in by_key else ars[:2]
    if record.kind == AuthorityKind.REGIERUNGSBEZIRK:
        return ars[:2]
    return None


def register_parse(*, source: Path | str | BinaryIO) -> ParsedRegister:
    """Read and check the whole register; raise :class:`RegisterFormatError` at the first fault.

    Beyond the line checks of :func:`register_records` this rejects duplicate
    keys and records whose parent is not in the file, resolves each record's
    parent and sums population and area of the Gemeinden up the levels.
    """
    data = _source_bytes(source)
    sha256 = hashlib.sha256(data).hexdigest()
    records = list(_records_of(data))

    by_key: dict[str, RegisterRecord] = {}
    key_field = gettext_lazy("Regionalschlüssel")
    for record in records:
        earlier = by_key.get(record.ars)
        if earlier is not None:
            raise _error(
                record.line_no,
                key_field,
                record.ars,
                _("kommt doppelt vor (zuerst in Zeile %(first)d)") % {"first": earlier.line_no},
            )
        by_key[record.ars] = record

    for record in records:
        for label, key in _parent_keys(record):
            if key not in by_key:
                raise _error(
                    record.line_no,
                    key_field,
                    record.ars,
                    _(
                        "– ARS passt nicht zum übergeordneten Gebiet: %(label)s %(key)s "
                        "fehlt in der Datei"
                    )
                    % {"label": label, "key": key},
                )

    # Sums over the Gemeinden for every level above them that has a significant
    # key prefix (Region keys are not prefixes of Gemeinde keys, so they stay None).
    population: dict[str, int] = {}
    area: dict[str, int] = {}
    for record in records:
        if record.kind != AuthorityKind.GEMEINDE:
            continue
        for length in (2, 3, 5, 9):
            prefix = record.ars[:length]
            population[prefix] = population.get(prefix, 0) + (record.population or 0)
            area[prefix] = area.get(prefix, 0) + (record.area_ha or 0)

    resolved: list[RegisterRecord] = []
    for record in records:
        parent_ars = _parent_of(record, by_key)
        if record.kind in (AuthorityKind.GEMEINDE, AuthorityKind.REGION):
            resolved.append(dataclasses.replace(record, parent_ars=parent_ars))
        else:
            resolved.append(
                dataclasses.replace(
                    record,
                    parent_ars=parent_ars,
                    population=population.get(record.ars, 0),
                    area_ha=area.get(record.ars, 0),
                )
            )

    return ParsedRegister(
        gebietsstand=records[0].gebietsstand, sha256=sha256, records=tuple(resolved)
    )
