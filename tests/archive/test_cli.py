"""``verbund archive-ingest``: a folder per unit, files in name order, new units
created, a broken file reported in German while the rest goes on, exit code 1."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.archive.conftest import BROKEN_PNG, World, jpeg, pdf, png, tiff
from verbund.archive.models import Page, Unit
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("archive_ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_folder_per_unit(world: World, handed: list[int], tmp_path: Path) -> None:
    existing = tmp_path / "A 1_1"  # the unit "A 1/1"
    existing.mkdir()
    (existing / "0002.jpg").write_bytes(jpeg((600, 800)))
    (existing / "0001.png").write_bytes(png((600, 800)))
    (existing / ".DS_Store").write_bytes(b"x")
    new = tmp_path / "A 1_9"
    new.mkdir()
    (new / "akte.tif").write_bytes(tiff([(500, 700)] * 2))
    (new / "anlage.pdf").write_bytes(pdf([(200, 300)]))

    out, err = _run(
        str(tmp_path), "--archive", "Kreisarchiv Soest", "--fonds", "A 1", "--script", "fraktur"
    )

    assert "Verzeichnungseinheit „A 1_9“ in A 1 Landratsamt Soest angelegt." in out
    assert "5 Seiten aus 4 Dateien eingespielt in 2 Verzeichnungseinheiten." in out
    assert "4/4" in err  # the progress bar
    assert [
        (p.master_name, p.position)
        for p in Page.objects.filter(unit=world.public_unit).order_by("position")
    ] == [
        ("0001.png", 1),
        ("0002.jpg", 2),
    ]
    created = Unit.objects.get(reference_code="A 1_9")
    assert (created.script, created.access, created.title) == ("fraktur", "own", "A 1_9")
    assert [
        (p.master_name, p.master_page)
        for p in Page.objects.filter(unit=created).order_by("position")
    ] == [
        ("akte.tif", 1),
        ("akte.tif", 2),
        ("anlage.pdf", 1),
    ]
    entries = AuditEntry.objects.filter(action="archive.pages_ingested")
    assert entries.count() == 4
    assert set(entries.values_list("actor_id", flat=True)) == {None}
    assert set(entries.values_list("actor_label", flat=True)) == {"system"}


def test_a_broken_file_is_reported_and_the_rest_goes_on(
    world: World, handed: list[int], tmp_path: Path
) -> None:
    unit = tmp_path / "A 1_2"
    unit.mkdir()
    good = png((400, 500))
    (unit / "1.png").write_bytes(good)
    (unit / "2.png").write_bytes(BROKEN_PNG)
    (unit / "3.pdf").write_bytes(b"%PDF-1.4 nichts\n")

    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "archive_ingest",
            str(tmp_path),
            "--archive",
            str(world.archive.pk),
            stdout=io.StringIO(),
            stderr=err,
        )

    assert failure.value.returncode == 1
    assert str(failure.value) == "2 von 3 Dateien wurden nicht eingespielt (siehe oben)."
    assert (
        "A 1/2: „2.png“ lässt sich nicht als PNG öffnen; die Datei ist beschädigt oder "
        "unvollständig."
    ) in err.getvalue()
    assert "A 1/2: „3.pdf“ lässt sich nicht als PDF öffnen" in err.getvalue()
    [page] = Page.objects.all()
    assert (page.master_name, page.unit_id, page.master_sha512) == (
        "1.png",
        world.members_unit.pk,
        hashlib.sha512(good).hexdigest(),
    )


def test_new_units_need_a_fonds_when_the_archive_has_several(world: World, tmp_path: Path) -> None:
    from verbund.archive.services import FondsDescription, fonds_create

    fonds_create(actor=None, archive=world.archive, description=FondsDescription("B 2", "Amt"))
    (tmp_path / "neu").mkdir()
    (tmp_path / "neu" / "1.png").write_bytes(png((300, 400)))
    before = (Unit.objects.count(), Page.objects.count())
    with pytest.raises(CommandError, match="Die Verzeichnungseinheiten neu gibt es noch nicht"):
        _run(str(tmp_path), "--archive", "Kreisarchiv Soest")
    assert (Unit.objects.count(), Page.objects.count()) == before


def test_an_unknown_archive(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Kein Archiv „Stadtarchiv Nirgendwo“ gefunden\."):
        _run(str(tmp_path), "--archive", "Stadtarchiv Nirgendwo")
