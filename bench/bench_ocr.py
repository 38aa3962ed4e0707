"""Text recognition: pages per minute through the platform against raw ``tesseract``,
and CER on the Fraktur ground truth through ``verbund ocr-eval`` against raw
``tesseract`` with the same model.

    .venv/bin/python bench/bench_ocr.py [--pages 20] [--gt PATH] [--models frk,deu]
                                        [--jobs 2] [--skip-pages | --skip-gt] [--json PATH]

The issue (#16): pages per minute on 2 cores within 10 % of raw ``tesseract`` on the
same pages; CER on the Fraktur ground truth, raw and normalised, per decade, no worse
than raw ``tesseract`` with the same model.

**(a) Pages per minute.** ``--pages`` A4 pages at 300 dpi (2480 × 3508, greyscale) are
rendered with Pillow, alternately Antiqua (DejaVu Serif 11 pt) and typewriter (Liberation
Mono 12 pt), 38 lines of German municipal prose each. *Raw*: ``tesseract PAGE OUT -l
deu --psm 3 alto txt`` with ``OMP_THREAD_LIMIT=1``, ``--jobs`` processes at a time.
*Platform*: a fresh SQLite database (``VERBUND_DATA_DIR`` in a temporary folder) is
migrated; an archive with one Antiqua unit is created and the PNGs are ingested through
``archive.services.pages_ingest`` (masters, SHA-512, derivatives; one ``ocr_page``
task per page); then ``--jobs`` ``verbund task_worker --batch`` processes run the
queue. The platform's time is the workers' wall time from start to exit (Django
start-up included) and, without start-up, from the first attempt's start to the last
page's end (``ocr_at``). The platform also decodes the master, writes it for
Tesseract, parses the ALTO, computes the confidence and writes the page, an audit
entry and the task's outcome.

**(b) CER.** All line pairs of ``--gt`` (default the 300 archiscribe Fraktur lines,
1800–1890s), per model: *platform* = ``verbund ocr-eval GT --model M --jobs N --json``;
*raw* = ``tesseract LINE stdout -l M --psm 7`` ``--jobs`` at a time, scored here
independently with ``jiwer.cer`` over the whole list (corpus rate), raw and with the
platform's normalisation. Same engine, same settings: the figures must be equal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

GT_DEFAULT = Path("/work/shared/data/ocr-gt/archiscribe-fraktur-lines")
SECRET_KEY = "bench-ocr-not-secret-" + "x" * 40
FONTS = {
    "antiqua": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 46),
    "typewriter": ("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", 50),
}
PROSE = (
    "Der Gemeinderat der Stadt Soest trat am Montag, dem 14. März, um 17 Uhr im großen "
    "Sitzungssaal des Rathauses zusammen. Anwesend waren der Bürgermeister, elf "
    "Ratsmitglieder und der Stadtdirektor. Zu Punkt 1 der Tagesordnung berichtete der "
    "Stadtkämmerer über die Haushaltslage; die Schlüsselzuweisungen des Landes fallen "
    "um 4,2 Prozent geringer aus als erwartet. Der Rat beschließt einstimmig, die "
    "Straßenbaumaßnahme an der Grandweger Straße auf das nächste Jahr zu verschieben. "
    "Zu Punkt 2 wird die Satzung über die Erhebung von Gebühren für die Benutzung der "
    "städtischen Friedhöfe in der vorgelegten Fassung angenommen. Das Standesamt meldet "
    "für das vergangene Vierteljahr 38 Geburten, 21 Eheschließungen und 44 Sterbefälle. "
    "Die Versammlung wird um 19.30 Uhr geschlossen. Gez. Müller, Schriftführer. "
)


def _env(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verbund.settings",
        "VERBUND_SECRET_KEY": SECRET_KEY,
        "VERBUND_DATA_DIR": str(data_dir),
        "VERBUND_LOG_LEVEL": "ERROR",
        "OMP_THREAD_LIMIT": "1",
    }


# --- (a) pages per minute -----------------------------------------------------------------


def render_pages(folder: Path, count: int) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFont

    paths = []
    for number in range(count):
        style = "antiqua" if number % 2 == 0 else "typewriter"
        font_path, size = FONTS[style]
        font = ImageFont.truetype(font_path, size)
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        width = 62 if style == "antiqua" else 52
        text = (PROSE * 6)[number * 37 :]
        lines = textwrap.wrap(text, width)[:38]
        for row, line in enumerate(lines):
            draw.text((236, 300 + row * 76), line, font=font, fill=0)
        path = folder / f"seite-{number + 1:02d}-{style}.png"
        image.save(path)
        paths.append(path)
    return paths


def raw_pages(paths: list[Path], jobs: int, out: Path) -> float:
    def one(path: Path) -> None:
        subprocess.run(
            [
                "tesseract",
                str(path),
                str(out / path.stem),
                "-l",
                "deu",
                "--psm",
                "3",
                "alto",
                "txt",
            ],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=True,
            capture_output=True,
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - started


SETUP = """
import io, sys
from pathlib import Path
import django
django.setup()
from verbund.archive import services
from verbund.archive.models import Script, AccessLevel
from verbund.authorities.models import Authority, AuthorityKind
import datetime as dt
authority = Authority.objects.create(ars="05974", ags="05974", name="Soest",
    search_name="soest", kind=AuthorityKind.KREIS, textkennzeichen="44",
    population=300000, area_ha=132700, postcode="59494",
    gebietsstand=dt.date(2025, 8, 31))
archive = services.archive_create(actor=None, authority=authority,
    details=services.ArchiveDetails(name="Kreisarchiv Soest"))
fonds = services.fonds_create(actor=None, archive=archive,
    description=services.FondsDescription(reference_code="A 1", title="Landratsamt"))
unit = services.unit_create(actor=None, fonds=fonds, description=services.UnitDescription(
    reference_code="A 1/1", title="Protokolle", script=Script.ANTIQUA,
    access=AccessLevel.OWN))
paths = sys.argv[1:]
result = services.pages_ingest(actor=None, unit=unit,
    files=[(Path(p).name, open(p, "rb")) for p in paths])
assert not result.failed, result.failed
print(len(result.pages))
"""


def platform_pages(paths: list[Path], jobs: int, data_dir: Path) -> dict[str, float]:
    env = _env(data_dir)
    verbund = [sys.executable, "-m", "verbund"]
    subprocess.run([*verbund, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    done = subprocess.run(
        [sys.executable, "-c", SETUP, *map(str, paths)],
        env=env,
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"Setting up the archive failed:\n{done.stderr}")
    assert int(done.stdout.strip()) == len(paths), done.stdout
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [*verbund, "task_worker", "--batch", "--interval", "0.2", "--worker-id", f"w{n}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(jobs)
    ]
    for worker in workers:
        worker.wait()
    wall = time.perf_counter() - started
    database = sqlite3.connect(data_dir / "verbund.sqlite3")
    statuses = dict(
        database.execute(
            "SELECT ocr_status, COUNT(*) FROM archive_page GROUP BY ocr_status"
        ).fetchall()
    )
    first_start, last_end = database.execute(
        "SELECT MIN(started_at), MAX(finished_at) FROM django_tasks_database_dbtaskresult"
    ).fetchone()
    database.close()
    from datetime import datetime

    busy = (datetime.fromisoformat(last_end) - datetime.fromisoformat(first_start)).total_seconds()
    return {"wall": wall, "busy": busy, "statuses": statuses}  # type: ignore[dict-item]


# --- (b) CER --------------------------------------------------------------------------------


def raw_lines(gt: Path, model: str, jobs: int) -> dict[str, Any]:
    import jiwer

    from verbund.archive.ocr.eval import gt_lines, normalise

    lines = gt_lines(gt)

    def one(line: Any) -> str:
        done = subprocess.run(
            ["tesseract", str(line.image), "stdout", "-l", model, "--psm", "7"],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=True,
            capture_output=True,
            text=True,
        )
        return " ".join(done.stdout.split())

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        hyps = list(pool.map(one, lines))
    seconds = time.perf_counter() - started
    refs = [" ".join(line.truth.split()) for line in lines]
    result: dict[str, Any] = {"seconds": seconds, "decades": {}}

    def rates(indexes: list[int]) -> dict[str, float]:
        r = [refs[i] for i in indexes]
        h = [hyps[i] for i in indexes]
        return {
            "cer": round(100 * jiwer.cer(r, h), 2),
            "cer_normalised": round(
                100 * jiwer.cer([normalise(x) for x in r], [normalise(x) for x in h]), 2
            ),
            "wer": round(100 * jiwer.wer(r, h), 2),
        }

    result["total"] = rates(list(range(len(lines))))
    for decade in sorted({line.decade for line in lines}):
        result["decades"][decade] = rates(
            [i for i, line in enumerate(lines) if line.decade == decade]
        )
    return result


def platform_lines(gt: Path, model: str, jobs: int, data_dir: Path) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "verbund", "ocr_eval", str(gt), "--model", model,
         "--jobs", str(jobs), "--json"],
        env=_env(data_dir),
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout)
    report["seconds"] = time.perf_counter() - started
    return report


# --- main -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--gt", type=Path, default=GT_DEFAULT)
    parser.add_argument("--models", default="frk,deu")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-gt", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "machine": f"{platform.node()} ({os.cpu_count()} cores), Python "
        f"{platform.python_version()}",
        "tesseract": subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, check=True
        ).stdout.splitlines()[0],
    }
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        folder = Path(tmp)
        if not args.skip_pages:
            (folder / "raw").mkdir()
            (folder / "data").mkdir()
            paths = render_pages(folder, args.pages)
            raw = raw_pages(paths, args.jobs, folder / "raw")
            ours = platform_pages(paths, args.jobs, folder / "data")
            figures["pages"] = {
                "pages": len(paths),
                "jobs": args.jobs,
                "raw_seconds": round(raw, 2),
                "raw_pages_per_minute": round(60 * len(paths) / raw, 1),
                "platform_wall_seconds": round(ours["wall"], 2),
                "platform_pages_per_minute": round(60 * len(paths) / ours["wall"], 1),
                "platform_busy_seconds": round(ours["busy"], 2),
                "platform_busy_pages_per_minute": round(60 * len(paths) / ours["busy"], 1),
                "ratio_wall": round(raw / ours["wall"], 3),
                "ratio_busy": round(raw / ours["busy"], 3),
                "statuses": ours["statuses"],
            }
            print(json.dumps(figures["pages"], indent=2), flush=True)
        if not args.skip_gt:
            figures["gt"] = {}
            for model in args.models.split(","):
                ours_gt = platform_lines(args.gt, model, args.jobs, folder / "data")
                raw_gt = raw_lines(args.gt, model, args.jobs)
                figures["gt"][model] = {"platform": ours_gt, "raw": raw_gt}
                total = ours_gt["total"]
                print(
                    f"{model}: platform CER {total['cer']} % / normalised "
                    f"{total['cer_normalised']} % / WER {total['wer']} % / findability "
                    f"{total['findability']} % ({ours_gt['seconds']:.1f} s); raw tesseract "
                    f"CER {raw_gt['total']['cer']} % / normalised "
                    f"{raw_gt['total']['cer_normalised']} % ({raw_gt['seconds']:.1f} s)",
                    flush=True,
                )
                for decade, rates in ours_gt["decades"].items():
                    raw_rates = raw_gt["decades"][decade]
                    print(
                        f"  {decade}: {rates['lines']} lines, CER {rates['cer']} / "
                        f"{rates['cer_normalised']} % (raw tesseract {raw_rates['cer']} / "
                        f"{raw_rates['cer_normalised']} %)"
                    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
