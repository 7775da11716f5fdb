"""Benchmark results: what was measured, against which baseline and target, as a table and JSON."""

from __future__ import annotations

import datetime
import json
import operator
import os
import platform
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
}
_SHOWN = {"<=": "≤", ">=": "≥", "==": "="}


@dataclass(frozen=True)
class Target:
    """A pass mark: `subject` ("value" or "ratio") `comparison` `limit`, e.g. ratio <= 1.8."""

    comparison: str
    limit: float
    subject: str = "value"

    def __post_init__(self) -> None:
        if self.comparison not in _COMPARISONS:
            raise ValueError(f"unknown comparison {self.comparison!r}")
        if self.subject not in ("value", "ratio"):
            raise ValueError("a target applies to the value or the ratio")

    def met(self, value: float, ratio: float | None) -> bool:
        measured = value if self.subject == "value" else ratio
        return measured is not None and _COMPARISONS[self.comparison](measured, self.limit)

    def describe(self, unit: str) -> str:
        sign = _SHOWN.get(self.comparison, self.comparison)
        if self.subject == "ratio":
            return f"ratio {sign} {_number(self.limit)}"
        return f"{sign} {_number(self.limit)} {unit}".rstrip()


@dataclass(frozen=True)
class Result:
    """One row of the table. `ratio` is the benchmark's own (value/baseline, or value/ceiling)."""

    benchmark: str
    measure: str
    value: float
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    target: Target | None = None
    note: str = ""

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None when the row is information only."""
        return None if self.target is None else self.target.met(self.value, self.ratio)


@dataclass
class Outcome:
    """What one benchmark returns: its table rows and the raw numbers behind them."""

    results: list[Result] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


HEADERS = ("Benchmark", "Measure", "Value", "Baseline", "Ratio", "Target", "Result")


def verdict(result: Result) -> str:
    passed = result.passed
    return "—" if passed is None else "PASS" if passed else "FAIL"


def table_rows(results: Iterable[Result]) -> list[tuple[str, ...]]:
    """The table's cells as text, one tuple per result, in HEADERS order."""
    rows: list[tuple[str, ...]] = []
    for result in results:
        baseline = (
            "—" if result.baseline is None else f"{_number(result.baseline)} {result.unit}".strip()
        )
        rows.append(
            (
                result.benchmark,
                result.measure,
                f"{_number(result.value)} {result.unit}".strip(),
                baseline,
                "—" if result.ratio is None else f"{result.ratio:.2f}",
                "—" if result.target is None else result.target.describe(result.unit),
                verdict(result),
            )
        )
    return rows


def format_table(results: Sequence[Result]) -> str:
    """A plain-text table for the terminal."""
    rows = [HEADERS, *table_rows(results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def format_markdown(results: Sequence[Result]) -> str:
    """The same table in Markdown, for the README's Performance section."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    return "\n".join(lines)


def summary(results: Sequence[Result]) -> str:
    judged = [result for result in results if result.passed is not None]
    passed = sum(1 for result in judged if result.passed)
    return f"{passed} of {len(judged)} targets met"


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The processor's marketing name, from /proc/cpuinfo (or platform's guess elsewhere)."""
    try:
        for line in cpuinfo.read_text().splitlines():
            name, _, value = line.partition(":")
            if name.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    """Where the numbers were measured: the machine, Python, Qt and PySide6."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": sys.version.split()[0],
        "qt": qVersion(),
        "pyside6": getattr(PySide6, "__version__", "unknown"),
    }


def document(
    results: Sequence[Result],
    details: Mapping[str, Any],
    machine_info: Mapping[str, Any],
    when: datetime.datetime | None = None,
) -> dict[str, Any]:
    """The JSON document `make bench` writes."""
    moment = when or datetime.datetime.now(datetime.UTC)
    return {
        "date": moment.isoformat(timespec="seconds"),
        "machine": dict(machine_info),
        "summary": summary(results),
        "results": [
            {**asdict(result), "passed": result.passed, "verdict": verdict(result)}
            for result in results
        ],
        "details": dict(details),
    }


def write_json(path: Path, content: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _number(value: float) -> str:
    """Three significant figures, without exponents: 0.0123, 4.56, 78.9, 1234."""
    if abs(value) >= 100 or value == int(value):
        return str(round(value))
    return f"{value:.3g}"
