"""``verbund fee-sheet FILE.json``: compute a fee sheet in the exchange format and print
the result as JSON (for scripts and checks). A bad file exits non-zero with German
messages naming each field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from verbund.fees import engine


class Command(BaseCommand):
    help = "Computes a fee sheet (format verbund-fee-sheet, version 1) and prints the result."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the sheet as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("de"):
            path = Path(options["file"])
            try:
                text = path.read_bytes()
            except OSError as exc:
                raise CommandError(
                    f"Die Datei {path} lässt sich nicht lesen: {exc.strerror}"
                ) from None
            try:
                sheet = engine.from_json(text)
                result = engine.compute(sheet)
            except engine.SheetInvalid as exc:
                lines = [
                    f"{field}: {message}" if field and field not in message else message
                    for field, messages in exc.errors.items()
                    for message in messages
                ]
                raise CommandError("\n".join(lines)) from None
            document = {
                "format": engine.FORMAT,
                "version": engine.VERSION,
                "title": sheet.title,
                "year": sheet.year,
                "rounding_rule": engine.rounding_rule(sheet.rounding),
                "result": engine.result_document(result),
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
