"""The GV100AD import: parser, service, `verbund import-gv100ad` and the demo excerpt."""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

import verbund.authorities
from verbund.authorities.gv100ad import BOM, RegisterFormatError, register_parse
from verbund.authorities.models import Authority, AuthorityKind, AuthorityNameKey, RegisterImport
from verbund.authorities.services import RegisterImportError, register_import
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry

DEMO = Path(verbund.authorities.__file__).parent / "fixtures" / "gv100ad_demo.txt"
STAND = dt.date(2025, 8, 31)
MERZENICH = "053580040040"
INDEN = "053580020020"

# Line numbers in the demo excerpt (checked in test_demo_line_numbers_used_below).
LINE_KREIS_DUEREN = 6
LINE_VERBAND_MERZENICH = 16
LINE_GEMEINDE_INDEN = 26
LINE_GEMEINDE_MERZENICH = 31


def _demo_lines() -> list[str]:
    return DEMO.read_text(encoding="utf-8").split("\n")[:-1]


def _joined(lines: list[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def _put(line: str, start: int, text: str) -> str:
    """Overwrite ``line`` from 1-based character position ``start`` on."""
    return line[: start - 1] + text + line[start - 1 + len(text) :]


def _with_stand(lines: list[str], stand: str) -> list[str]:
    return [_put(line, 3, stand) for line in lines]


def _line_no(lines: list[str], prefix: str) -> int:
    return next(no for no, line in enumerate(lines, start=1) if line.startswith(prefix))


def _counts() -> tuple[int, int, int]:
    return (
        Authority.objects.count(),
        RegisterImport.objects.count(),
        AuditEntry.objects.count(),
    )


def _import_bytes(data: bytes, name: str = "upload.txt") -> object:
    return register_import(path_or_stream=io.BytesIO(data), source_name=name)


@pytest.fixture
def demo_imported(db: None) -> None:
    register_import(path_or_stream=DEMO, source_name=DEMO.name)


def test_demo_line_numbers_used_below() -> None:
    lines = _demo_lines()
    assert lines[LINE_KREIS_DUEREN - 1][:15] == "402025083105358"
    assert lines[LINE_VERBAND_MERZENICH - 1][:22] == "502025083105358   0040"
    assert lines[LINE_GEMEINDE_INDEN - 1][22:27] == "Inden"
    assert lines[LINE_GEMEINDE_MERZENICH - 1][22:31] == "Merzenich"
    assert all(len(line) == 220 for line in lines)


# --- the full register --------------------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.django_db
def test_full_register_imports_completely_and_reimports_unchanged(gv100ad_full: Path) -> None:
    result = register_import(path_or_stream=gv100ad_full, source_name=gv100ad_full.name)

    def count(kind: str) -> int:
        return Authority.objects.filter(kind=kind).count()

    assert count(AuthorityKind.LAND) == 16
    assert count(AuthorityKind.KREIS) == 294
    assert count(AuthorityKind.KREISFREIE_STADT) == 106
    assert count(AuthorityKind.GEMEINDEVERBAND) == 4590
    assert count(AuthorityKind.GEMEINDE) == 10952
    assert count(AuthorityKind.REGIERUNGSBEZIRK) == 29
    assert count(AuthorityKind.REGION) == 12
    total = Authority.objects.count()
    assert total == 15999
    assert (result.created, result.updated, result.unchanged, result.dissolved) == (
        total,
        0,
        0,
        0,
    )
    assert result.per_kind["gemeinde"].created == 10952
    assert result.population == 83_577_140
    gemeinden = Authority.objects.filter(kind=AuthorityKind.GEMEINDE)
    assert gemeinden.aggregate(n=Sum("population"))["n"] == 83_577_140
    # The sums up the levels add up to the same total.
    laender = Authority.objects.filter(kind=AuthorityKind.LAND)
    assert laender.aggregate(n=Sum("population"))["n"] == 83_577_140

    merzenich = Authority.objects.get(ars=MERZENICH)
    assert (merzenich.name, merzenich.ags, merzenich.kind) == ("Merzenich", "05358040", "gemeinde")
    assert (merzenich.population, merzenich.area_ha, merzenich.postcode) == (10508, 3791, "52399")
    assert merzenich.postcode_unique
    assert merzenich.gebietsstand == STAND
    chain = []
    node: Authority | None = merzenich
    while node is not None:
        chain.append((node.ars, node.kind))
        node = node.parent
    assert chain == [
        (MERZENICH, "gemeinde"),
        ("05358", "kreis"),
        ("053", "regierungsbezirk"),
        ("05", "land"),
    ]
    dueren = Authority.objects.get(ars="05358")
    assert (dueren.name, dueren.ags, dueren.textkennzeichen, dueren.seat) == (
        "Düren",
        "05358",
        "43",
        "Düren",
    )
    assert dueren.population == 279_285

    koeln = Authority.objects.get(ars="053150000000")
    assert (koeln.ags, koeln.kind, koeln.textkennzeichen) == ("05315000", "gemeinde", "61")
    assert not koeln.postcode_unique
    assert koeln.parent is not None
    assert (koeln.parent.ars, koeln.parent.kind) == ("05315", "kreisfreie_stadt")

    # A Gemeinde in a real Verband hangs below it; the Verband below its Kreis.
    amt = Authority.objects.get(ars="010515163")
    assert (amt.kind, amt.textkennzeichen, amt.ags) == ("gemeindeverband", "51", "")
    assert amt.parent is not None
    assert amt.parent.ars == "01051"
    assert Authority.objects.filter(parent=amt, kind=AuthorityKind.GEMEINDE).exists()
    # A Land without Regierungsbezirke is the Kreis' parent directly.
    flensburg = Authority.objects.get(ars="01001")
    assert flensburg.parent is not None
    assert flensburg.parent.ars == "01"
    # Regions (Baden-Württemberg) hang below their Regierungsbezirk and have no figures.
    region = Authority.objects.get(ars="0811")
    assert (region.kind, region.ags, region.population) == ("region", "", None)
    assert region.parent is not None
    assert region.parent.ars == "081"
    # Areas outside any Kreis (Kreis 000) hang below their Land.
    coast = Authority.objects.get(ars="130009999999")
    assert coast.parent is not None
    assert coast.parent.ars == "13"
    coast_verband = Authority.objects.get(ars="130009999")
    assert coast_verband.parent is not None
    assert coast_verband.parent.ars == "13"
    assert Authority.objects.get(ars="053580024024").search_name == "julich, stadt"

    register = RegisterImport.objects.get()
    assert (register.gebietsstand, register.created, register.source_name) == (
        STAND,
        total,
        gv100ad_full.name,
    )
    assert len(register.sha256) == 64
    entry = AuditEntry.objects.get()
    assert entry.action == "authorities.register_imported"
    assert entry.object_id == str(register.pk)
    assert entry.changes["created"] == total
    assert entry.changes["population"] == 83_577_140

    again = register_import(path_or_stream=gv100ad_full, source_name=gv100ad_full.name)
    assert (again.created, again.updated, again.unchanged, again.dissolved) == (0, 0, total, 0)
    assert Authority.objects.count() == total
    assert RegisterImport.objects.count() == 2
    assert AuditEntry.objects.count() == 2
    assert audit_verify().ok


# --- the demo excerpt ---------------------------------------------------------------


@pytest.mark.django_db
def test_demo_excerpt_imports_with_the_demo_authorities() -> None:
    result = register_import(path_or_stream=DEMO, source_name=DEMO.name)
    assert result.created == len(_demo_lines()) == Authority.objects.count()
    gemeinden = Authority.objects.filter(kind=AuthorityKind.GEMEINDE)
    for name in (
        "Merzenich",
        "Kerpen, Kolpingstadt",
        "Jülich, Stadt",
        "Linnich, Stadt",
        "Inden",
        "Niederzier",
    ):
        assert gemeinden.filter(name=name).count() == 1, name
    kreise = dict(
        Authority.objects.filter(
            ars__in=["05958", "05962", "05966", "05970", "05974", "09679", "09663"]
        ).values_list("ars", "kind")
    )
    assert kreise == {
        "05958": "kreis",
        "05962": "kreis",
        "05966": "kreis",
        "05970": "kreis",
        "05974": "kreis",
        "09679": "kreis",
        "09663": "kreisfreie_stadt",
    }
    assert Authority.objects.get(ars="09679").name == "Würzburg"
    assert (
        gemeinden.filter(ars__startswith="09679").exclude(textkennzeichen__in=("65", "66")).count()
        == 52
    )
    assert set(Authority.objects.filter(kind="land").values_list("ars", flat=True)) == {
        "05",
        "09",
    }


def test_demo_excerpt_is_what_make_demo_register_writes(gv100ad_full: Path, tmp_path: Path) -> None:
    output = tmp_path / "demo.txt"
    out = io.StringIO()
    call_command("make_demo_register", str(gv100ad_full), output=str(output), stdout=out)
    assert output.read_bytes() == DEMO.read_bytes()
    assert "278 Zeilen" in out.getvalue()


# --- newer and older registers ------------------------------------------------------


@pytest.mark.usefixtures("demo_imported")
def test_newer_register_updates_renames_and_dissolves(tmp_path: Path) -> None:
    before = Authority.objects.get(ars="05358").population
    inden_population = Authority.objects.get(ars=INDEN).population
    assert before is not None
    assert inden_population is not None
    lines = _with_stand(_demo_lines(), "20260101")
    lines[LINE_GEMEINDE_MERZENICH - 1] = _put(
        lines[LINE_GEMEINDE_MERZENICH - 1], 23, "Merzenich (Neffelbach)".ljust(50)
    )
    del lines[LINE_GEMEINDE_INDEN - 1]
    newer = tmp_path / "GV100AD_01012026.txt"
    newer.write_bytes(_joined(lines))
    entries = AuditEntry.objects.count()
    keys_before = AuthorityNameKey.objects.count()

    result = register_import(path_or_stream=newer, source_name=newer.name)

    new_stand = dt.date(2026, 1, 1)
    merzenich = Authority.objects.get(ars=MERZENICH)
    assert (merzenich.name, merzenich.search_name) == (
        "Merzenich (Neffelbach)",
        "merzenich (neffelbach)",
    )
    assert merzenich.gebietsstand == new_stand
    # The search keys follow the new name, and only the renamed row's keys changed.
    assert sorted(
        AuthorityNameKey.objects.filter(authority=merzenich).values_list("key", flat=True)
    ) == [
        "merzenich (neffelbach)",
        "neffelbach)",
    ]
    assert AuthorityNameKey.objects.count() == keys_before + 1
    inden = Authority.objects.get(ars=INDEN)
    assert inden.dissolved_on == new_stand
    assert not inden.is_active
    assert inden.gebietsstand == STAND  # last confirmed by the old register
    assert Authority.objects.get(ars="05358").population == before - inden_population
    # Rows whose content did not change are still confirmed by the new register.
    kerpen = Authority.objects.get(ars="053620032032")
    assert (kerpen.gebietsstand, kerpen.dissolved_on) == (new_stand, None)

    assert result.dissolved == 1
    assert result.per_kind["gemeinde"].dissolved == 1
    assert result.per_kind["gemeinde"].updated == 1  # Merzenich
    # Merzenich's rename plus the sums of Inden's (now empty) placeholder Verband,
    # Kreis Düren, RB Köln and NRW.
    assert result.updated == 5
    assert result.created == 0
    assert Authority.objects.count() == len(_demo_lines())
    assert RegisterImport.objects.count() == 2
    assert AuditEntry.objects.count() == entries + 1
    assert RegisterImport.objects.latest().dissolved == 1

    # Inden comes back a month later: revived, not created again.
    lines = _with_stand(_demo_lines(), "20260201")
    back = register_import(path_or_stream=io.BytesIO(_joined(lines)), source_name="feb.txt")
    assert Authority.objects.get(ars=INDEN).dissolved_on is None
    assert back.created == 0
    assert back.dissolved == 0
    assert back.per_kind["gemeinde"].updated == 2  # Inden revived, Merzenich renamed back
    assert audit_verify().ok


@pytest.mark.usefixtures("demo_imported")
def test_same_register_twice_changes_nothing() -> None:
    counts = _counts()
    result = register_import(path_or_stream=DEMO, source_name=DEMO.name)
    assert (result.created, result.updated, result.dissolved) == (0, 0, 0)
    assert result.unchanged == counts[0]
    assert _counts() == (counts[0], counts[1] + 1, counts[2] + 1)


@pytest.mark.usefixtures("demo_imported")
def test_older_register_is_refused_and_nothing_written() -> None:
    counts = _counts()
    older = _joined(_with_stand(_demo_lines(), "20240101"))
    with pytest.raises(RegisterImportError, match=r"01\.01\.2024\) ist älter als"):
        _import_bytes(older)
    assert _counts() == counts
    assert not Authority.objects.exclude(gebietsstand=STAND).exists()


@pytest.mark.django_db
def test_failure_while_writing_rolls_everything_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("verbund.authorities.services.audit_record", broken)
    with pytest.raises(RuntimeError):
        register_import(path_or_stream=DEMO, source_name=DEMO.name)
    assert _counts() == (0, 0, 0)


@pytest.mark.django_db
def test_progress_is_reported_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    register_import(
        path_or_stream=DEMO,
        source_name=DEMO.name,
        progress=lambda done, total: calls.append((done, total)),
    )
    total = len(_demo_lines())
    assert calls[-1] == (total, total)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


# --- the parser on its own ----------------------------------------------------------


def test_parser_accepts_bom_crlf_and_streams() -> None:
    plain = register_parse(source=DEMO)
    data = DEMO.read_bytes()
    with_bom = register_parse(source=io.BytesIO(BOM + data.replace(b"\n", b"\r\n")))
    assert plain.records == with_bom.records
    assert plain.gebietsstand == STAND
    records = {record.ars: record for record in plain.records}
    merzenich = records[MERZENICH]
    assert (merzenich.ags, merzenich.parent_ars, merzenich.line_no) == (
        "05358040",
        "05358",
        LINE_GEMEINDE_MERZENICH,
    )
    # The Verband with Textkennzeichen 50 only mirrors Merzenich; it is not its parent.
    assert records["053580040"].textkennzeichen == "50"
    assert records["053580040"].parent_ars == "05358"


# --- bad input: exact line and field, database untouched ----------------------------

Mutation = Callable[[list[str]], tuple[bytes, int, str]]


def _population_abc(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines[no - 1] = _put(lines[no - 1], 140, "ABC".rjust(11))
    return _joined(lines), no, "Einwohner"


def _area_text(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines[no - 1] = _put(lines[no - 1], 129, "0000003x791")
    return _joined(lines), no, "Fläche"


def _unknown_satzart(lines: list[str]) -> tuple[bytes, int, str]:
    lines[16] = _put(lines[16], 1, "70")
    return _joined(lines), 17, "Satzart"


def _truncated(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines[no - 1] = lines[no - 1][:150]
    return _joined(lines), no, "Satzlänge"


def _letter_in_key(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_KREIS_DUEREN
    lines[no - 1] = _put(lines[no - 1], 11, "05A58")
    return _joined(lines), no, "Regionalschlüssel"


def _bad_date(lines: list[str]) -> tuple[bytes, int, str]:
    lines[16] = _put(lines[16], 3, "20251340")
    return _joined(lines), 17, "Gebietsstand"


def _mixed_stand(lines: list[str]) -> tuple[bytes, int, str]:
    lines[16] = _put(lines[16], 3, "20260101")
    return _joined(lines), 17, "Gebietsstand"


def _latin1_file(lines: list[str]) -> tuple[bytes, int, str]:
    # Line 1 already holds "Düsseldorf" as seat of the Landesregierung.
    return "".join(f"{line}\n" for line in lines).encode("latin-1"), 1, "Zeichenkodierung"


def _latin1_line(lines: list[str]) -> tuple[bytes, int, str]:
    no = 34  # Nörvenich
    data = [f"{line}\n".encode() for line in lines]
    data[no - 1] = f"{lines[no - 1]}\n".encode("latin-1")
    return b"".join(data), no, "Zeichenkodierung"


def _empty(lines: list[str]) -> tuple[bytes, int, str]:
    return BOM + b"\n\n", 0, "Datei"


def _pdf(lines: list[str]) -> tuple[bytes, int, str]:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", 1, "Datei"


def _csv(lines: list[str]) -> tuple[bytes, int, str]:
    return b"ARS;Name;Einwohner\n053580040040;Merzenich;10508\n", 1, "Datei"


def _kreis_missing(lines: list[str]) -> tuple[bytes, int, str]:
    # The first Verband of Düren moves up into the Kreis' line.
    del lines[LINE_KREIS_DUEREN - 1]
    return _joined(lines), LINE_KREIS_DUEREN, "Regionalschlüssel"


def _verband_missing(lines: list[str]) -> tuple[bytes, int, str]:
    del lines[LINE_VERBAND_MERZENICH - 1]
    return _joined(lines), LINE_GEMEINDE_MERZENICH - 1, "Regionalschlüssel"


def _land_missing(lines: list[str]) -> tuple[bytes, int, str]:
    # Without Bayern and Unterfranken, Würzburg (kreisfreie Stadt) has no Land.
    bayern = _line_no(lines, "102025083109")
    assert lines[bayern][:13] == "2020250831096"
    assert lines[bayern + 1][:15] == "402025083109663"
    del lines[bayern - 1 : bayern + 1]
    return _joined(lines), bayern, "Regionalschlüssel"


def _duplicate(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines.insert(no, lines[no - 1])
    return _joined(lines), no + 1, "Regionalschlüssel"


def _kreis_textkennzeichen(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_KREIS_DUEREN
    lines[no - 1] = _put(lines[no - 1], 123, "49")
    return _joined(lines), no, "Textkennzeichen"


def _name_blank(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines[no - 1] = _put(lines[no - 1], 23, " " * 50)
    return _joined(lines), no, "Name"


def _postcode_letters(lines: list[str]) -> tuple[bytes, int, str]:
    no = LINE_GEMEINDE_MERZENICH
    lines[no - 1] = _put(lines[no - 1], 166, "52A99")
    return _joined(lines), no, "PLZ"


BAD_INPUTS: dict[str, Mutation] = {
    "population not a number": _population_abc,
    "area not a number": _area_text,
    "unknown Satzart": _unknown_satzart,
    "truncated line": _truncated,
    "letter in key": _letter_in_key,
    "impossible date": _bad_date,
    "mixed Gebietsstand": _mixed_stand,
    "Latin-1 file": _latin1_file,
    "one Latin-1 line": _latin1_line,
    "empty file": _empty,
    "PDF given": _pdf,
    "CSV given": _csv,
    "Kreis missing": _kreis_missing,
    "Verband missing": _verband_missing,
    "Land missing": _land_missing,
    "duplicate key": _duplicate,
    "Kreis Textkennzeichen": _kreis_textkennzeichen,
    "blank name": _name_blank,
    "postcode with letters": _postcode_letters,
}


@pytest.mark.usefixtures("demo_imported")
@pytest.mark.parametrize("mutation", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_names_line_and_field_and_writes_nothing(mutation: Mutation) -> None:
    data, line_no, field = mutation(_demo_lines())
    counts = _counts()
    with pytest.raises(RegisterFormatError) as caught:
        _import_bytes(data)
    assert (caught.value.line_no, caught.value.field) == (line_no, field)
    if line_no:
        assert caught.value.message.startswith(f"Zeile {line_no}")
    assert _counts() == counts
    assert Authority.objects.get(ars=MERZENICH).name == "Merzenich"


def test_messages_are_german_and_name_the_value() -> None:
    data, _no, _field = _population_abc(_demo_lines())
    with pytest.raises(RegisterFormatError) as caught:
        register_parse(source=io.BytesIO(data))
    assert str(caught.value) == "Zeile 31, Feld Einwohner: Wert 'ABC' ist keine Zahl"
    assert caught.value.value == "ABC"

    data, _no, _field = _kreis_missing(_demo_lines())
    with pytest.raises(RegisterFormatError, match="ARS passt nicht zum übergeordneten Gebiet"):
        register_parse(source=io.BytesIO(data))

    data, _no, _field = _pdf([])
    with pytest.raises(RegisterFormatError, match="kein GV100AD-Gemeindeverzeichnis"):
        register_parse(source=io.BytesIO(data))


# --- the command --------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_and_prints_a_german_summary() -> None:
    out = io.StringIO()
    err = io.StringIO()
    call_command("import_gv100ad", str(DEMO), stdout=out, stderr=err)
    text = out.getvalue()
    assert "Gebietsstand 31.08.2025" in text
    assert "Gemeinden" in text
    assert "Kreisfreie Städte" in text
    gemeinden = Authority.objects.filter(kind=AuthorityKind.GEMEINDE)
    population = gemeinden.aggregate(n=Sum("population"))["n"]
    assert f"{population:,}".replace(",", ".") in text
    assert err.getvalue() == ""  # no progress bar without a terminal


@pytest.mark.usefixtures("demo_imported")
def test_command_rejects_a_bad_file(tmp_path: Path) -> None:
    data, _no, _field = _population_abc(_demo_lines())
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    counts = _counts()
    with pytest.raises(CommandError, match="Zeile 31, Feld Einwohner: Wert 'ABC' ist keine Zahl"):
        call_command("import_gv100ad", str(bad), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Datei nicht gefunden"):
        call_command("import_gv100ad", str(tmp_path / "missing.txt"), stdout=io.StringIO())
    older = tmp_path / "older.txt"
    older.write_bytes(_joined(_with_stand(_demo_lines(), "20240101")))
    with pytest.raises(CommandError, match="älter"):
        call_command("import_gv100ad", str(older), stdout=io.StringIO())
    assert _counts() == counts


def test_cli_exits_with_1_and_the_message_on_stderr(tmp_path: Path) -> None:
    data, _no, _field = _population_abc(_demo_lines())
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
        "VERBUND_SECRET_KEY": secrets.token_urlsafe(50),
        "VERBUND_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }
    verbund_cli = Path(sys.executable).with_name("verbund")
    completed = subprocess.run(
        [str(verbund_cli), "import-gv100ad", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert "Zeile 31, Feld Einwohner: Wert 'ABC' ist keine Zahl" in completed.stderr
    assert completed.stdout == ""
