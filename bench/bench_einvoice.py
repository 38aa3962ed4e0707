"""E-invoice validation without Java (issue #19): loading the engines, latency per
invoice against the raw XSLT floor, throughput on 2 cores, the KoSIT testsuite once.

    .venv/bin/python bench/bench_einvoice.py [--testsuite PATH] [--rounds 200]
                                             [--processes 2] [--seconds 10] [--json PATH]

``verbund.einvoice.validation`` in process, with the project's settings (no database
is touched). The "typical invoice" is the KoSIT testsuite's comprehensive test case
``technical-cases/cius/01.01_comprehensive_test_ubl.xml`` and its CII variant
``01.01_comprehensive_test_uncefact.xml`` (about 420 kB each: every business term
used, with embedded attachments). Measured:

1. **engines** – ``validation.engines()`` in a fresh process: the four compiled
   Schematron stylesheets (CEN and XRechnung, UBL and CII) compiled by SaxonC-HE and
   the three XML Schemas read by lxml; wall seconds and the process's RSS before and
   after;
2. **latency** – ``validate(bytes)`` of each typical invoice, 5 warm-up calls, then
   ``--rounds``; p50 / p95 / max in ms, and the process's CPU time per call. Next to
   it, the **raw XSLT** time: the invoice parsed into Saxon once, outside the clock,
   then only the two Schematron transforms (CEN, then XRechnung, SVRL serialised as
   ``validate`` has it): the floor of any validator that runs these stylesheets. A
   breakdown of one call by step (read, XSD, serialise, Saxon parse, the two
   transforms, SVRL read) over the same rounds shows where the rest goes;
3. **throughput** – ``--processes`` worker processes (``spawn``); each sets up Django,
   loads its own engines and validates both invoices once before the clock starts;
   then all start together and validate the typical invoice, UBL and CII alternately,
   for ``--seconds``; validations/s summed over the workers;
4. **testsuite** – every ``*.xml`` under ``--testsuite`` once (engines loaded): the
   number of files, how many are accepted (all should be), the total and slowest
   seconds.

The KoSIT validator (Java) is not packaged by Debian, so no Java figure is measured
here; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bench_places as common

ROOT = common.ROOT
DEFAULT_TESTSUITE = ROOT.parent / "shared" / "data" / "xrechnung-testsuite"
TYPICAL = {
    "ubl": "technical-cases/cius/01.01_comprehensive_test_ubl.xml",
    "cii": "technical-cases/cius/01.01_comprehensive_test_uncefact.xml",
}
WARM_UP = 5


# --- in every measuring process --------------------------------------------------------


def _django_setup() -> None:
    """The project's settings; nothing here opens the database."""
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    for key, value in common._env("sqlite:///:memory:").items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


def _busy_seconds() -> float:
    """CPU seconds the whole machine (every container on it) has spent busy."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def _shares(busy: float, ours: float, wall: float) -> dict[str, float]:
    """The machine's CPU during a phase in per cent of its capacity: all of it, this
    bench's processes, and the rest (other jobs, also in other containers)."""
    capacity = wall * (os.cpu_count() or 1) / 100
    return {
        "machine_busy": round(busy / capacity, 1),
        "ours": round(ours / capacity, 1),
        "others": round(max(0.0, busy - ours) / capacity, 1),
    }


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def _timed(call: Any, rounds: int) -> dict[str, float]:
    """p50/p95/max wall time of ``call()`` after the warm-up, and its mean CPU time."""
    for _ in range(WARM_UP):
        call()
    timings = []
    cpu_started = time.process_time()
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    out = _stats(timings)
    out["cpu_mean_ms"] = round((time.process_time() - cpu_started) / rounds * 1000, 2)
    return out


def _load_engines() -> dict[str, Any]:
    from verbund.einvoice import validation

    rss_before = _rss_mb()
    started = time.perf_counter()
    cpu_started = time.process_time()
    engines = validation.engines()
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "stylesheets": len(engines.stylesheets),
        "schemas": len(engines.schemas),
        "rss_before_mb": rss_before,
        "rss_after_mb": _rss_mb(),
    }


def _breakdown(data: bytes, rounds: int) -> dict[str, dict[str, float]]:
    """The steps of ``validate`` one by one, as it runs them (p50 / p95 of each)."""
    from lxml import etree

    from verbund.einvoice import rules, validation

    engines = validation.engines()
    steps: dict[str, list[float]] = {}

    def step(name: str, started: float) -> float:
        now = time.perf_counter()
        steps.setdefault(name, []).append(now - started)
        return now

    for number in range(WARM_UP + rounds):
        if number == WARM_UP:
            steps.clear()
        clock = time.perf_counter()
        tree = validation.read_xml(data)
        root = tree.getroot()
        scenario = rules.scenario_for(
            etree.QName(root).namespace or "", validation.specification_of(root)
        )
        assert scenario is not None
        clock = step("read_xml", clock)
        assert engines.schemas[scenario.root].validate(tree)
        clock = step("xsd", clock)
        xml_text = etree.tostring(tree, encoding="unicode")
        clock = step("serialise", clock)
        node = engines.processor.parse_xml(xml_text=xml_text)
        clock = step("saxon_parse", clock)
        for part in ("cen", "xr"):
            svrl = engines.stylesheets[f"{part}-{scenario.syntax}"].transform_to_string(
                xdm_node=node
            )
            clock = step(f"transform_{part}", clock)
            etree.fromstring(svrl.encode("utf-8"), validation._parser())
            clock = step(f"svrl_read_{part}", clock)
    return {name: _stats(values) for name, values in steps.items()}


def measure(testsuite: Path, rounds: int) -> dict[str, Any]:
    """Engines, latency, raw XSLT and breakdown, the testsuite: one process."""
    _django_setup()
    from lxml import etree

    from verbund.einvoice import rules, validation

    out: dict[str, Any] = {"engines": _load_engines()}
    engines = validation.engines()
    for syntax, relative in TYPICAL.items():
        data = (testsuite / relative).read_bytes()
        report = validation.validate(data)
        if not report.accepted or report.scenario is None:
            raise SystemExit(f"{relative} is not accepted: {report.as_dict()['messages'][:3]}")
        scenario = report.scenario
        keys = (f"cen-{scenario.syntax}", f"xr-{scenario.syntax}")
        print(f"{syntax}: validate × {rounds} …", file=sys.stderr, flush=True)
        figures: dict[str, Any] = {
            "file": relative,
            "bytes": len(data),
            "scenario": scenario.key,
            "messages": len(report.messages),
            "validate": _timed(lambda data=data: validation.validate(data), rounds),
        }
        tree = validation.read_xml(data)
        assert etree.QName(tree.getroot()).namespace == scenario.root
        assert rules.scenario_for(scenario.root, scenario.specification) == scenario
        node = engines.processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))

        def xslt(node: Any = node, keys: tuple[str, str] = keys) -> None:
            for key in keys:
                engines.stylesheets[key].transform_to_string(xdm_node=node)

        print(f"{syntax}: raw XSLT × {rounds} …", file=sys.stderr, flush=True)
        figures["raw_xslt"] = _timed(xslt, rounds)
        print(f"{syntax}: breakdown × {rounds} …", file=sys.stderr, flush=True)
        figures["breakdown"] = _breakdown(data, rounds)
        figures["floor_share"] = round(
            figures["raw_xslt"]["p50_ms"] / figures["validate"]["p50_ms"], 2
        )
        out[syntax] = figures

    print("testsuite …", file=sys.stderr, flush=True)
    files = sorted(testsuite.rglob("*.xml"))
    per_file = []
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        file_started = time.perf_counter()
        report = validation.validate(data)
        per_file.append(
            {
                "file": str(path.relative_to(testsuite)),
                "seconds": time.perf_counter() - file_started,
                "accepted": report.accepted,
                "scenario": report.scenario.key if report.scenario else None,
                "errors": [m.code for m in report.errors][:5],
            }
        )
    total = time.perf_counter() - started
    slowest = max(per_file, key=lambda f: f["seconds"]) if per_file else None
    out["testsuite"] = {
        "path": str(testsuite),
        "files": len(files),
        "accepted": sum(1 for f in per_file if f["accepted"]),
        "all_accepted": all(f["accepted"] for f in per_file),
        "rejected": [f for f in per_file if not f["accepted"]],
        "total_s": round(total, 3),
        "mean_ms": round(total / len(files) * 1000, 1) if files else None,
        "slowest": {"file": slowest["file"], "ms": round(slowest["seconds"] * 1000, 1)}
        if slowest
        else None,
        "scenarios": sorted({f["scenario"] or "none" for f in per_file}),
    }
    out["rss_mb"] = _rss_mb()
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


# --- throughput -----------------------------------------------------------------------------


def _worker(testsuite: str, seconds: float, barrier: Any, results: Any) -> None:
    """One worker process: engines loaded and one validation of each variant before
    the barrier; then validate UBL and CII alternately until ``seconds`` have passed."""
    _django_setup()
    from verbund.einvoice import validation

    load = _load_engines()
    invoices = [(Path(testsuite) / relative).read_bytes() for relative in TYPICAL.values()]
    for data in invoices:
        assert validation.validate(data).accepted
    barrier.wait()
    started = time.perf_counter()
    cpu_started = time.process_time()
    deadline = started + seconds
    count = 0
    accepted = 0
    while time.perf_counter() < deadline:
        accepted += validation.validate(invoices[count % 2]).accepted
        count += 1
    elapsed = time.perf_counter() - started
    results.put(
        {
            "validations": count,
            "accepted": accepted,
            "seconds": round(elapsed, 3),
            "per_second": round(count / elapsed, 2),
            "cpu_seconds": round(time.process_time() - cpu_started, 2),
            "engines_s": load["seconds"],
            "rss_mb": _rss_mb(),
        }
    )


def throughput(testsuite: Path, processes: int, seconds: float) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(str(testsuite), seconds, barrier, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=300)  # every worker has its engines loaded
    busy = _busy_seconds()
    started = time.perf_counter()
    per_worker = [results.get(timeout=seconds + 300) for _ in workers]
    wall = time.perf_counter() - started
    busy = _busy_seconds() - busy
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a worker failed with exit code {worker.exitcode}")
    validations = sum(w["validations"] for w in per_worker)
    if sum(w["accepted"] for w in per_worker) != validations:
        raise SystemExit("a validation in the throughput run was not accepted")
    return {
        "processes": processes,
        "seconds": seconds,
        "validations": validations,
        "per_second": round(sum(w["per_second"] for w in per_worker), 1),
        "per_second_wall": round(validations / wall, 1),
        "workers": per_worker,
        "cpu_percent": _shares(busy, sum(w["cpu_seconds"] for w in per_worker), wall),
    }


# --- the script -----------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    cpu = ""
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    return {
        "date": subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "load_average": [round(v, 2) for v in os.getloadavg()],
        "python": platform.python_version(),
        "saxonche": version("saxonche"),
        "lxml": version("lxml"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--testsuite",
        type=Path,
        default=DEFAULT_TESTSUITE,
        help=f"the KoSIT XRechnung testsuite (default {DEFAULT_TESTSUITE})",
    )
    parser.add_argument("--rounds", type=int, default=200, help="timed calls per invoice")
    parser.add_argument("--processes", type=int, default=2, help="throughput workers")
    parser.add_argument("--seconds", type=float, default=10.0, help="throughput duration")
    parser.add_argument("--json", type=Path, help="write all figures to this file")
    args = parser.parse_args()
    testsuite = args.testsuite.resolve()
    missing = [relative for relative in TYPICAL.values() if not (testsuite / relative).is_file()]
    if not testsuite.is_dir() or missing:
        raise SystemExit(
            f"The KoSIT XRechnung testsuite is needed at {testsuite} "
            f"(missing: {', '.join(missing) if testsuite.is_dir() else 'the directory'}); "
            "give its place with --testsuite PATH."
        )

    result: dict[str, Any] = {"machine": _machine()}
    info = result["machine"]
    print(
        f"{info['date']}; nproc {info['nproc']}, {info['cpu']}, load {info['load_average']}, "
        f"Python {info['python']}, saxonche {info['saxonche']}",
        file=sys.stderr,
        flush=True,
    )
    busy = _busy_seconds()
    cpu = time.process_time()
    started = time.perf_counter()
    result.update(measure(testsuite, args.rounds))
    result["in_process_cpu_percent"] = _shares(
        _busy_seconds() - busy, time.process_time() - cpu, time.perf_counter() - started
    )
    print(
        f"throughput: {args.processes} processes × {args.seconds:g} s …",
        file=sys.stderr,
        flush=True,
    )
    result["throughput"] = throughput(testsuite, args.processes, args.seconds)
    result["machine"]["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
