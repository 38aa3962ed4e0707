"""`verbund make-demo-register SOURCE`: cut the demo excerpt out of the full GV100AD file.

    verbund make-demo-register ../shared/data/destatis/GV100AD_31082025.txt

Writes ``src/verbund/authorities/fixtures/gv100ad_demo.txt`` (or ``--output``):
the lines of the Länder, Regierungsbezirke and Kreise the demo networks need,
with all Gemeindeverbände and Gemeinden of those Kreise, copied unchanged and
in the original order. The excerpt is parsed again before the command ends,
so a broken excerpt is never left behind unnoticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from verbund.authorities.gv100ad import BOM, RegisterError, register_parse

DEMO_OUTPUT = Path(__file__).resolve().parents[2] / "fixtures" / "gv100ad_demo.txt"

DEMO_LAENDER = frozenset({"05", "09"})  # Nordrhein-Westfalen, Bayern
DEMO_REGIERUNGSBEZIRKE = frozenset({"053", "059", "096"})  # Köln, Arnsberg, Unterfranken
DEMO_KREISE = frozenset(
    {
        "05358",  # Düren (Dienstleistungszentrum Merzenich and neighbours)
        "05362",  # Rhein-Erft-Kreis (Kerpen)
        "05315",  # Köln, kreisfreie Stadt
        # the five Kreise of Südwestfalen
        "05974",  # Soest
        "05966",  # Olpe
        "05958",  # Hochsauerlandkreis
        "05970",  # Siegen-Wittgenstein
        "05962",  # Märkischer Kreis
        "09679",  # Landkreis Würzburg
        "09663",  # Würzburg, kreisfreie Stadt
    }
)


def demo_line_wanted(line: str) -> bool:
    """True for the lines of the excerpt; works on the raw fixed-width line."""
    satzart = line[:2]
    if satzart == "10":
        return line[10:12] in DEMO_LAENDER
    if satzart == "20":
        return line[10:13] in DEMO_REGIERUNGSBEZIRKE
    if satzart in ("40", "50", "60"):
        return line[10:15] in DEMO_KREISE
    return False


class Command(BaseCommand):
    help = "Write the demo excerpt of the GV100AD register (NRW and Bayern Kreise of the demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the full GV100AD file from Destatis")
        parser.add_argument("--output", default=str(DEMO_OUTPUT), help="where to write")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        output = Path(options["output"])
        if not source.is_file():
            raise CommandError(_("Datei nicht gefunden: %(path)s") % {"path": source})
        text = source.read_bytes().removeprefix(BOM).decode("utf-8")
        # Split on "\n" only: str.splitlines() would also break at rare Unicode separators.
        lines = (line.rstrip("\r") for line in text.split("\n"))
        kept = [line for line in lines if demo_line_wanted(line)]
        output.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
        try:
            parsed = register_parse(source=output)
        except RegisterError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("%(count)d Zeilen (Gebietsstand %(stand)s) nach %(output)s geschrieben.")
            % {
                "count": len(parsed.records),
                "stand": f"{parsed.gebietsstand:%d.%m.%Y}",
                "output": output,
            }
        )
