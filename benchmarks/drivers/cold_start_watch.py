"""The cold-start driver's substitutions, installed without importing Qt or the window.

`install()` makes `DemoService` start an emulator that answers after 50 ms (over HTTPS
when TLS_FILES_ENV names the certificate files the parent made), and has
`dhbrowser.gui.mainwindow`, once the app imports it (when it wants to, in its own order),
replace `MainWindow` with the watching subclass of `cold_start_window`. Nothing here
imports PySide6: `dhbrowser --demo` sends its first list request before Qt is imported,
and the driver must not import it sooner.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from benchmarks.protocol import TLS_FILES_ENV
from dhbrowser.core.demo import DemoService

if TYPE_CHECKING:
    from dhbrowser.emulator import Emulator

API_LATENCY = 0.05
WINDOW_MODULE = "dhbrowser.gui.mainwindow"


@dataclass
class Watcher:
    """What the watching window saw: moments (time.time()) and whether it finished."""

    marks: dict[str, float] = field(default_factory=dict)
    done: bool = False


WATCHER = Watcher()


def start_latent_emulator() -> Emulator:
    """The demo's emulator, answering every API request after 50 ms; over HTTPS with the
    certificate in TLS_FILES_ENV, if set (the app then trusts its CA, as DemoService does)."""
    from dhbrowser.emulator import Emulator, EmulatorTls, Faults

    folder = os.environ.get(TLS_FILES_ENV)
    tls = None
    if folder:
        files = Path(folder)
        tls = EmulatorTls.from_files(files / "chain.pem", files / "key.pem", files / "ca.pem")
    return Emulator(faults=Faults(latency=API_LATENCY), tls=tls).start()


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls `then(module)` once the module `name` has been executed, whoever imports it."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader, then: Callable[[ModuleType], None]) -> None:
        self.loader = loader
        self.then = then

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        self.then(module)


def _watch_window(module: ModuleType) -> None:
    from benchmarks.drivers.cold_start_window import watching_window

    module.MainWindow = watching_window(module.MainWindow, WATCHER)  # type: ignore[attr-defined]


def install() -> Watcher:
    WATCHER.marks["imported"] = time.time()
    DemoService._start_emulator = staticmethod(start_latent_emulator)  # type: ignore[method-assign]
    if WINDOW_MODULE in sys.modules:
        _watch_window(sys.modules[WINDOW_MODULE])
    else:
        sys.meta_path.insert(0, _AfterImport(WINDOW_MODULE, _watch_window))
    return WATCHER
