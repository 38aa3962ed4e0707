"""``verbund assistant-eval QUESTIONS.tsv``: Hit@1, Hit@3, MRR@10 and abstention
precision of the citizen assistant on a labelled set (assistant/evaluation.py)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verbund.assistant.engine import Mode
from verbund.assistant.evaluation import EvalFileError, evaluate, read_labelled, tune
from verbund.assistant.index import assistant_index


class Command(BaseCommand):
    help = "Measure the citizen assistant on a labelled question set (question<TAB>expected)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("questions", type=Path)
        parser.add_argument(
            "--mode",
            choices=[m.value for m in Mode] + ["all"],
            default="all",
            help="Retrieval to measure: hybrid (the assistant), dense, lexical, or all three.",
        )
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--misses", action="store_true", help="List the questions it got wrong."
        )
        parser.add_argument(
            "--tune",
            action="store_true",
            help="Search the thresholds on this (development) set and print the best.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        index = assistant_index()
        try:
            rows = read_labelled(options["questions"], {s.slug for s in index.services})
        except EvalFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["tune"]:
            settings, report = tune(index, rows)
            self.stdout.write(json.dumps({"settings": asdict(settings), **_figures(report)}))
            return
        modes = list(Mode) if options["mode"] == "all" else [Mode(options["mode"])]
        reports = [evaluate(index, rows, mode) for mode in modes]
        if options["json"]:
            self.stdout.write(json.dumps([_figures(r) for r in reports], indent=2))
        else:
            self.stdout.write(
                f"{len(rows)} questions, {reports[0].answerable} answerable, "
                f"{len(rows) - reports[0].answerable} labelled none"
            )
            self.stdout.write(
                f"{'mode':8} {'Hit@1':>6} {'Hit@3':>6} {'MRR':>6} {'abst.P':>6} "
                f"{'abst.R':>6} {'clar.':>6} {'ret@1':>6} {'ret@3':>6} {'p50 ms':>7}"
            )
            for r in reports:
                self.stdout.write(
                    f"{r.mode:8} {r.hit1:6.3f} {r.hit3:6.3f} {r.mrr:6.3f} "
                    f"{r.abstention_precision:6.3f} {r.abstention_recall:6.3f} "
                    f"{r.clarified:6.3f} {r.retrieval_hit1:6.3f} {r.retrieval_hit3:6.3f} "
                    f"{r.ms_p50:7.1f}"
                )
        if options["misses"]:
            for r in reports:
                self.stdout.write(f"\n{r.mode}: {len(r.misses)} wrong")
                for question, expected, got in r.misses:
                    self.stdout.write(f"  {question!r}: expected {expected}, got {got}")


def _figures(report: Any) -> dict[str, Any]:
    figures = asdict(report)
    figures.pop("misses")
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}
