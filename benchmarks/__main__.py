"""`python -m benchmarks`: run every benchmark, print the table, write build/bench/results.json.

Exits 0 when every benchmark ran (whether or not it met its target: the table says that),
1 when one could not run at all.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import (
    cold_start,
    fling,
    memory,
    preview,
    responsiveness,
    scrolling,
    search,
    store,
    sync,
)
from benchmarks.measure import OtherLoad
from benchmarks.report import (
    Outcome,
    Result,
    document,
    format_markdown,
    format_table,
    machine,
    summary,
    write_json,
)
from benchmarks.runner import REPOSITORY, BenchmarkError, compile_sources

DEFAULT_OUTPUT = REPOSITORY / "build" / "bench" / "results.json"
#: A benchmark during which other processes used more than this many CPUs on average is
#: flagged in the report: they competed for the CPU, and its timings are skewed.
BUSY_OTHER_CPUS = 0.1
#: Benchmark names for --only, in the order they run.
NAMES = (
    "cold-start",
    "sync",
    "responsiveness",
    "scrolling",
    "preview",
    "fling",
    "search",
    "store",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure dhbrowser against the emulator, each number beside a baseline.",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        help="run only this benchmark (repeatable; 'scrolling' includes memory)",
    )
    parser.add_argument(
        "--cold-start-runs", type=int, default=5, help="runs of each cold-start variant"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the JSON file")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    return parser


def _steps(args: argparse.Namespace) -> list[tuple[str, Callable[[], list[Outcome]]]]:
    def scrolling_and_memory() -> list[Outcome]:
        scrolled = scrolling.run()
        return [scrolled, memory.run(scrolled)]

    steps: dict[str, Callable[[], list[Outcome]]] = {
        "cold-start": lambda: [cold_start.run(args.cold_start_runs)],
        "sync": lambda: [sync.run()],
        "responsiveness": lambda: [responsiveness.run()],
        "scrolling": scrolling_and_memory,
        "preview": lambda: [preview.run()],
        "fling": lambda: [fling.run()],
        "search": lambda: [search.run()],
        "store": lambda: [store.run()],
    }
    chosen = args.only or list(NAMES)
    return [(name, steps[name]) for name in NAMES if name in chosen]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    results: list[Result] = []
    details: dict[str, Any] = {}
    failures: dict[str, str] = {}
    started = time.monotonic()
    busy: list[str] = []
    compile_sources()
    for name, step in _steps(args):
        print(f"running {name}…", file=sys.stderr, flush=True)
        others = OtherLoad()
        step_started = time.monotonic()
        try:
            outcomes = step()
        except BenchmarkError as error:
            failures[name] = str(error)
            print(f"  {name} could not run: {error}", file=sys.stderr)
            continue
        for outcome in outcomes:
            results.extend(outcome.results)
        details[name] = [outcome.details for outcome in outcomes]
        other_cpus = others.cpus()
        details[f"{name}_other_processes_cpus"] = other_cpus
        if other_cpus is not None and other_cpus > BUSY_OTHER_CPUS:
            busy.append(f"{name} (other processes used {other_cpus:.2f} CPUs)")
        print(f"  done in {time.monotonic() - step_started:.0f} s", file=sys.stderr)
    details["failures"] = failures
    details["started_busy"] = busy
    details["total_seconds"] = round(time.monotonic() - started)

    machine_info = machine()
    print()
    print(format_table(results))
    print()
    print(
        f"{summary(results)} · {machine_info['cpu_model']}, {machine_info['cpu_count']} CPUs · "
        f"Python {machine_info['python']}, Qt {machine_info['qt']}, "
        f"PySide6 {machine_info['pyside6']} · {details['total_seconds']} s"
    )
    if busy:
        print(
            "warning: other processes competed for the CPU, these numbers are skewed: "
            + "; ".join(busy)
        )
    if args.markdown:
        print()
        print(format_markdown(results))
    write_json(args.output, document(results, details, machine_info))
    print(f"results written to {args.output}")
    for name, reason in failures.items():
        print(f"FAILED TO RUN: {name}: {reason}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
