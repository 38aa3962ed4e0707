"""``verbund ocr-eval GT_FOLDER --model NAME``: CER, WER and word findability of a
model on ground truth line pairs, so that a better model can be compared on the same
lines before an archive's profile switches to it (``archive/ocr/eval.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from verbund.archive.ocr import eval as ocr_eval
from verbund.archive.ocr.tesseract import OcrError


class Command(BaseCommand):
    help = (
        "Recognise the line images of a ground truth folder (X.png with X.gt.txt or X.txt) "
        "with a Tesseract model and report CER and WER, raw and normalised, per decade of "
        "the year the file names start with, and word findability."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gt_folder", type=Path, help="folder of line pairs")
        parser.add_argument("--model", required=True, help="Tesseract model, e.g. frk or deu")
        parser.add_argument(
            "--psm",
            type=int,
            default=ocr_eval.LINE_PSM,
            help="page segmentation mode (default 7: one line)",
        )
        parser.add_argument(
            "--jobs", type=int, default=1, help="Tesseract processes at a time (one per core)"
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--limit", type=int, default=0, help="only the first N lines (by name)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["gt_folder"]
        if options["jobs"] < 1:
            raise CommandError("--jobs must be at least 1.")
        if not 0 <= options["psm"] <= 13:
            raise CommandError("--psm must be between 0 and 13.")
        try:
            lines = ocr_eval.gt_lines(folder)
            if options["limit"]:
                lines = lines[: options["limit"]]
            show_progress = not options["json"] and options["verbosity"] > 0
            with tqdm(
                total=len(lines), disable=not show_progress, file=self.stderr, unit="Zeile"
            ) as bar:
                recognised = ocr_eval.recognise_lines(
                    lines,
                    model=options["model"],
                    psm=options["psm"],
                    jobs=options["jobs"],
                    progress=lambda: bar.update(1),
                )
        except (ocr_eval.GroundTruthError, OcrError) as error:
            raise CommandError(str(error)) from None
        report = ocr_eval.evaluate(lines, recognised, model=options["model"], psm=options["psm"])
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(ocr_eval.format_table(report))
