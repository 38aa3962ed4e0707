from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbund.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (tar; .tar.gz compressed) with a consistent copy of the database, "
        "every file it refers to and a manifest with checksums (docs/operations.md, Backups)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive to write, e.g. backup.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {result.path}: {manifest['database']['vendor']} database "
            f"({len(manifest['tables'])} tables, {rows} rows), {len(manifest['files'])} files, "
            f"{len(manifest['audit_chains'])} audit chains."
        )
        if result.missing:
            lines = [
                f"  {m.storage}:{m.name} (referenced by {', '.join(m.referenced_by)})"
                for m in result.missing
            ]
            raise CommandError(
                f"{len(result.missing)} referenced files are missing from storage; the archive "
                f"lists them under missing_files and lacks them:\n" + "\n".join(lines)
            )
