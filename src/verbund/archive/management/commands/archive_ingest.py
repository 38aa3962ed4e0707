"""``verbund archive-ingest FOLDER --archive ID|NAME``: ingest scans in bulk.

The folder holds one subfolder per record unit, named by the unit's reference code;
its files are that unit's scans, in the order of their names (``0001.tif``,
``0002.tif``, …). A reference code with a slash (``A 1/12``) is written with an
underscore in the folder name (``A 1_12``). A unit that does not exist yet is created
in the holdings ``--fonds`` (needed when the archive has more than one) with the folder
name as its code and title and the ``--script`` and ``--access`` given.

Every file goes through the same service as the browser's upload (fixity, untouched
master, derivatives, text recognition queued). A refused file is reported in German
and the rest goes on; the exit code is 1 when any file was refused. Files and folders
whose names start with a dot are skipped. The platform acts (audit actor "system").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from tqdm import tqdm

from verbund.archive import services
from verbund.archive.models import AccessLevel, Archive, Fonds, Script, Unit


def _archive(value: str) -> Archive:
    archives = Archive.objects.filter(pk=int(value)) if value.isdigit() else None
    if archives is None or not archives.exists():
        archives = Archive.objects.filter(name=value)
    found = list(archives[:2])
    if len(found) != 1:
        message = (
            f"Kein Archiv „{value}“ gefunden."
            if not found
            else f"Mehrere Archive heißen „{value}“; geben Sie die Nummer an."
        )
        raise CommandError(message)
    return found[0]


def _fonds(archive: Archive, code: str | None) -> Fonds | None:
    holdings = Fonds.objects.filter(archive=archive)
    if code is not None:
        fonds = holdings.filter(reference_code=code).first()
        if fonds is None:
            raise CommandError(f"Das Archiv „{archive.name}“ hat keinen Bestand „{code}“.")
        return fonds
    found = list(holdings[:2])
    return found[0] if len(found) == 1 else None


def _unit_for(archive: Archive, folder: str) -> Unit | None:
    for unit in Unit.objects.filter(fonds__archive=archive).order_by("pk"):
        if folder in (unit.reference_code, unit.reference_code.replace("/", "_")):
            return unit
    return None


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


class Command(BaseCommand):
    help = "Ingests scans from FOLDER/<unit reference code>/<files> into an archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="one subfolder per unit, named by its reference code")
        parser.add_argument("--archive", required=True, help="the archive's id or name")
        parser.add_argument("--fonds", help="reference code of the holdings for new units")
        parser.add_argument(
            "--script",
            choices=Script.values,
            default=Script.ANTIQUA,
            help="script of new units (picks the OCR model)",
        )
        parser.add_argument(
            "--access",
            choices=AccessLevel.values,
            default=AccessLevel.OWN,
            help="who may see new units (default: own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("de"):
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder} ist kein Ordner.")
        archive = _archive(options["archive"])
        fonds = _fonds(archive, options["fonds"])
        found: list[tuple[str, Unit | None, list[Path]]] = []
        for subfolder in sorted(filter(_visible, folder.iterdir())):
            if not subfolder.is_dir():
                self.stderr.write(f"{subfolder.name}: kein Ordner, übersprungen.")
                continue
            files = sorted(p for p in subfolder.iterdir() if p.is_file() and _visible(p))
            found.append((subfolder.name, _unit_for(archive, subfolder.name), files))
        missing = [name for name, unit, _ in found if unit is None]
        if missing and fonds is None:
            raise CommandError(
                f"Die Verzeichnungseinheiten {', '.join(missing)} gibt es noch nicht. Geben Sie "
                "mit --fonds den Bestand an, in dem sie angelegt werden sollen."
            )
        batches = [
            (unit or self._create_unit(fonds, name, options), files) for name, unit, files in found
        ]
        total = sum(len(files) for _, files in batches)
        refused = 0
        pages = 0
        with tqdm(total=total, unit="Datei", file=self.stderr, desc="Einspielen") as bar:

            def page_done(name: str) -> None:
                nonlocal pages
                pages += 1
                bar.set_postfix_str(f"{pages} Seiten")

            for unit, files in batches:
                bar.set_description(unit.reference_code)
                for path in files:
                    with path.open("rb") as stream:
                        result = services.pages_ingest(
                            actor=None, unit=unit, files=[(path.name, stream)], on_page=page_done
                        )
                    for outcome in result.failed:
                        refused += 1
                        tqdm.write(f"{unit.reference_code}: {outcome.error}", file=self.stderr)
                    bar.update(1)
        self.stdout.write(
            f"{pages} Seiten aus {total - refused} Dateien eingespielt"
            f" in {len(batches)} Verzeichnungseinheiten."
        )
        if refused:
            raise CommandError(
                f"{refused} von {total} Dateien wurden nicht eingespielt (siehe oben).",
                returncode=1,
            )

    def _create_unit(self, fonds: Fonds | None, code: str, options: dict[str, Any]) -> Unit:
        assert fonds is not None  # checked before any unit was created
        try:
            unit = services.unit_create(
                actor=None,
                fonds=fonds,
                description=services.UnitDescription(
                    reference_code=code,
                    title=code,
                    script=options["script"],
                    access=options["access"],
                ),
            )
        except ValidationError as exc:
            raise CommandError(f"{code}: " + " ".join(exc.messages)) from None
        self.stdout.write(f"Verzeichnungseinheit „{code}“ in {fonds} angelegt.")
        return unit
