"""`verbund import-gv100ad PATH`: read the Destatis Gemeindeverzeichnis into the register.

    verbund import-gv100ad ../shared/data/destatis/GV100AD_31082025.txt

The file is checked completely before anything is written; a faulty file
exits with status 1 and names the line and field. A progress bar appears on
an interactive terminal only, so logs of scheduled runs stay clean.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from verbund.authorities.gv100ad import RegisterError
from verbund.authorities.models import AuthorityKind
from verbund.authorities.services import ImportResult, register_import


def _kind_plurals() -> tuple[tuple[str, str], ...]:
    """Plural labels for the summary, in the order of the hierarchy."""
    return (
        (AuthorityKind.LAND, _("Länder")),
        (AuthorityKind.REGIERUNGSBEZIRK, _("Regierungsbezirke")),
        (AuthorityKind.REGION, _("Regionen")),
        (AuthorityKind.KREIS, _("Kreise")),
        (AuthorityKind.KREISFREIE_STADT, _("Kreisfreie Städte")),
        (AuthorityKind.GEMEINDEVERBAND, _("Gemeindeverbände")),
        (AuthorityKind.GEMEINDE, _("Gemeinden")),
    )


def _german_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = "Import the Destatis register of municipalities GV100AD (fixed-width text file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="GV100AD file, e.g. GV100AD_31082025.txt")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("Datei nicht gefunden: %(path)s") % {"path": path})
        bar: Any = None
        if self.stderr.isatty():
            bar = tqdm(total=0, unit=" Sätze", desc="GV100AD", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.n = done
                bar.refresh()

        try:
            result = register_import(path_or_stream=path, source_name=path.name, progress=progress)
        except RegisterError as exc:
            raise CommandError(exc.message) from exc
        finally:
            if bar is not None:
                bar.close()
        self._summary(result, path)

    def _summary(self, result: ImportResult, path: Path) -> None:
        self.stdout.write(
            _("Gemeindeverzeichnis GV100AD, Gebietsstand %(stand)s, aus %(name)s eingelesen:")
            % {"stand": f"{result.gebietsstand:%d.%m.%Y}", "name": path.name}
        )
        for kind, label in _kind_plurals():
            counts = result.per_kind.get(str(kind))
            if counts is None:
                continue
            self.stdout.write(
                _(
                    "  %(label)-20s %(total)7s  (neu %(created)s, geändert %(updated)s, "
                    "unverändert %(unchanged)s, aufgelöst %(dissolved)s)"
                )
                % {
                    "label": label,
                    "total": _german_number(counts.total),
                    "created": _german_number(counts.created),
                    "updated": _german_number(counts.updated),
                    "unchanged": _german_number(counts.unchanged),
                    "dissolved": _german_number(counts.dissolved),
                }
            )
        self.stdout.write(
            _("Einwohner (Summe der Gemeinden): %(population)s")
            % {"population": _german_number(result.population)}
        )
        self.stdout.write(str(result) + ".")
