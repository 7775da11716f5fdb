"""1. Cold start: process start → the first page of cards painted with their portraits.

The app (demo catalog, 50 ms API latency, the emulator in the same process as with
`dhbrowser --demo`) against a bare PySide6 process showing an empty window, both timed from
the parent's spawn to the paint. Runs are interleaved (bare, first launch, second launch)
so a slow moment of the machine hits all three alike; the medians are compared. A third,
informative row shows the bare window again after importing what the app imports before
its window exists: how much of the ratio the imports alone take.

Two repeat starts: one keeps only the portrait cache of an earlier launch (its cards come
from the network), the other everything a user's second launch has (the catalog store,
settings and cache: its cards come from the store, and it connects after painting them).

The first launch runs a second time over HTTPS (the real service is HTTPS-only): the
emulator serves a certificate of a CA the parent makes for the run (trustme), which the
app trusts besides the public CAs, so the launch pays a real handshake and store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks.measure import median
from benchmarks.protocol import TLS_FILES_ENV
from benchmarks.report import Outcome, Result, Target
from benchmarks.runner import run_child

NAME = "Cold start"
XDG_FOLDERS = ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")
#: Issue 18: a repeat start within 1.8 of the bare window, a first launch within 3.0.
TARGET = Target("<=", 1.8, subject="ratio")
FIRST_LAUNCH_TARGET = Target("<=", 3.0, subject="ratio")


def write_test_certificate(folder: Path) -> None:
    """A CA made now and a certificate it issues for 127.0.0.1, as chain.pem, key.pem, ca.pem."""
    import trustme

    authority = trustme.CA(organization_name="dhbrowser benchmark CA")
    issued = authority.issue_cert("127.0.0.1")
    issued.cert_chain_pems[0].write_to_path(folder / "chain.pem")
    for extra in issued.cert_chain_pems[1:]:
        extra.write_to_path(folder / "chain.pem", append=True)
    issued.private_key_pem.write_to_path(folder / "key.pem")
    authority.cert_pem.write_to_path(folder / "ca.pem")


def run(runs: int = 5) -> Outcome:
    bare: list[dict[str, Any]] = []
    imports: list[dict[str, Any]] = []
    first: list[dict[str, Any]] = []
    first_tls: list[dict[str, Any]] = []
    second: list[dict[str, Any]] = []
    repeat: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dhbench-warm-") as warm:
        warm_cache = {"XDG_CACHE_HOME": str(Path(warm) / "cache")}
        kept = {name: str(Path(warm) / "kept" / name.lower()) for name in XDG_FOLDERS}
        write_test_certificate(Path(warm))
        over_tls = {TLS_FILES_ENV: warm}
        run_child("benchmarks.drivers.cold_start_app", env=warm_cache)  # fills the cache
        run_child("benchmarks.drivers.cold_start_app", env=kept)  # a first launch, kept
        for _ in range(runs):
            bare.append(run_child("benchmarks.drivers.bare_window"))
            imports.append(run_child("benchmarks.drivers.bare_window", "--app-imports"))
            first.append(run_child("benchmarks.drivers.cold_start_app"))
            first_tls.append(run_child("benchmarks.drivers.cold_start_app", env=over_tls))
            second.append(run_child("benchmarks.drivers.cold_start_app", env=warm_cache))
            repeat.append(run_child("benchmarks.drivers.cold_start_app", env=kept))
    bare_ms = median([run["seconds"] for run in bare]) * 1000
    outcome = Outcome(
        details={
            "bare_window": bare,
            "bare_window_after_app_imports": imports,
            "first_launch": first,
            "first_launch_over_tls": first_tls,
            "second_launch": second,
            "repeat_start": repeat,
        }
    )
    for label, samples, target in (
        ("spawn → cards with portraits, first launch", first, FIRST_LAUNCH_TARGET),
        ("spawn → cards with portraits, first launch over HTTPS", first_tls, FIRST_LAUNCH_TARGET),
        ("spawn → cards with portraits, portraits cached", second, TARGET),
        ("spawn → cards with portraits, repeat start (store, settings, cache)", repeat, TARGET),
        ("spawn → empty window after the app's imports", imports, None),
    ):
        app_ms = median([run["seconds"] for run in samples]) * 1000
        outcome.results.append(Result(NAME, label, app_ms, "ms", bare_ms, app_ms / bare_ms, target))
    return outcome
