"""The benchmarks are not run by the suite (they take minutes), but their code must not rot:
every module imports, and the table and JSON come out right for a small made-up result."""

from __future__ import annotations

import datetime
import importlib
import json
import pkgutil

import pytest

import benchmarks
import benchmarks.drivers
from benchmarks.measure import percentile
from benchmarks.protocol import emit, parse
from benchmarks.report import (
    Result,
    Target,
    document,
    format_markdown,
    format_table,
    table_rows,
)

NEEDS_MULTIMEDIA = {"benchmarks.drivers.preview_timing", "benchmarks.drivers.preview_app"}
NEEDS_MULTIMEDIA.add("benchmarks.drivers.preview_baseline")

MODULES = sorted(
    {info.name for info in pkgutil.walk_packages(benchmarks.__path__, "benchmarks.")}
    | {"benchmarks.__main__"}
)

FAKE_RESULTS = [
    Result(
        "Cold start", "spawn → cards", 412.0, "ms", 180.0, 412 / 180, Target("<=", 1.8, "ratio")
    ),
    Result("Catalog sync", "pages/s", 9.71, "pages/s", 9.6, 0.971, Target(">=", 9.5)),
    Result("Scrolling", "paint p50", 3.25, "ms", 1.5, 3.25 / 1.5),
]


@pytest.mark.parametrize("name", MODULES)
def test_every_benchmark_module_imports(name: str) -> None:
    if name in NEEDS_MULTIMEDIA:
        pytest.importorskip("PySide6.QtMultimedia")
    importlib.import_module(name)


def test_each_row_shows_the_value_beside_its_baseline_ratio_target_and_verdict() -> None:
    assert table_rows(FAKE_RESULTS) == [
        ("Cold start", "spawn → cards", "412 ms", "180 ms", "2.29", "ratio ≤ 1.8", "FAIL"),
        ("Catalog sync", "pages/s", "9.71 pages/s", "9.6 pages/s", "0.97", "≥ 9.5 pages/s", "PASS"),
        ("Scrolling", "paint p50", "3.25 ms", "1.5 ms", "2.17", "—", "—"),
    ]


def test_the_printed_table_has_a_header_a_rule_and_aligned_columns() -> None:
    lines = format_table(FAKE_RESULTS).splitlines()

    assert lines[0].split()[:3] == ["Benchmark", "Measure", "Value"]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + len(FAKE_RESULTS)
    value_column = lines[0].index("Value")
    assert [line[value_column:].split()[0] for line in lines[2:]] == ["412", "9.71", "3.25"]


def test_the_markdown_table_has_a_row_per_result() -> None:
    lines = format_markdown(FAKE_RESULTS).splitlines()

    assert len(lines) == 2 + len(FAKE_RESULTS)
    assert lines[3].startswith("| Catalog sync | pages/s | 9.71 pages/s |")


def test_the_json_document_carries_the_machine_the_verdicts_and_the_details() -> None:
    when = datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC)
    machine_info = {"cpu_model": "Test CPU", "cpu_count": 2, "python": "3.11", "qt": "6.11.3"}

    content = json.loads(
        json.dumps(document(FAKE_RESULTS, {"sync": {"rejected": 0}}, machine_info, when))
    )

    assert content["date"] == "2026-11-24T12:00:00+00:00"
    assert content["machine"]["cpu_model"] == "Test CPU"
    assert content["summary"] == "1 of 2 targets met"
    assert [result["verdict"] for result in content["results"]] == ["FAIL", "PASS", "—"]
    assert content["details"] == {"sync": {"rejected": 0}}


def test_a_child_result_is_found_among_other_output(capsys: pytest.CaptureFixture[str]) -> None:
    print("qt.multimedia.ffmpeg: Using Qt multimedia with FFmpeg")
    emit({"seconds": 0.5})
    print("shutting down")

    assert parse(capsys.readouterr().out) == {"seconds": 0.5}
    assert parse("no result here\n") is None


def test_percentiles_are_values_that_occurred() -> None:
    values = [float(value) for value in range(1, 101)]

    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([7.0], 0.99) == 7.0
