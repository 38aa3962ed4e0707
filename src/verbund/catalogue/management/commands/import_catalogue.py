"""`verbund import-catalogue FILE`: read catalogue entries exported by another installation.

The whole file is checked before anything is written; errors name the entry
and the field, and the command exits with status 1. An entry that exists
(same LeiKa key, else same local key) is updated, not duplicated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from verbund.catalogue.exchange import CatalogueImportError, catalogue_import_text


class Command(BaseCommand):
    help = "Import catalogue entries from exchange JSON (see docs/catalogue-exchange.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(_("Datei nicht gefunden: %(path)s") % {"path": path})
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CommandError(_("Die Datei ist nicht UTF-8-kodiert.")) from None
        try:
            result = catalogue_import_text(text)
        except CatalogueImportError as exc:
            raise CommandError(
                _("Nichts importiert. Fehler:") + "\n  " + "\n  ".join(exc.errors)
            ) from exc
        self.stdout.write(
            _("Leistungskatalog aus %(name)s eingelesen: %(result)s.")
            % {"name": path.name, "result": result}
        )
