from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbund.core.backup import BackupError, backup_restore
from verbund.core.management.commands.verify_audit import describe


class Command(BaseCommand):
    help = (
        "Restore an archive written by `verbund backup` into the configured database and "
        "storage: checks every checksum first, refuses a target with data unless --force, "
        "then verifies the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive written by `verbund backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that has data and write over existing files",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(options["path"], force=options["force"], say=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        for missing in manifest.get("missing_files", []):
            self.stderr.write(
                f"Warning: {missing['storage']}:{missing['name']} was missing when the backup "
                f"was made and is not restored."
            )
        if result.verification is None:
            self.stdout.write(
                f"The backup ({manifest['created_at']}) predates {len(result.pending_migrations)} "
                f"migrations of this version. Run `verbund migrate`, then `verbund verify-audit`."
            )
            return
        verification = result.verification
        if not verification.ok:
            lines = [describe(b) for b in verification.breaks]
            raise CommandError(
                f"Restored, but the audit trail is broken in {len(lines)} of "
                f"{verification.chains} chains; first broken links:\n"
                + "\n".join(f"  {line}" for line in lines)
            )
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}. Audit trail intact: "
            f"{verification.checked} entries in {verification.chains} "
            f"chain{'' if verification.chains == 1 else 's'} verified."
        )
