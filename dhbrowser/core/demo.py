"""The demo catalog: the embedded emulator, started on first use and stopped at exit."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from dhbrowser.api.secret import Secret
from dhbrowser.core.connection import Connection
from dhbrowser.i18n import N_

if TYPE_CHECKING:
    from dhbrowser.emulator import Emulator

#: The demo connection's label: a key too (favourites, remembered voices), so it stays
#: English in data; whoever shows it translates it (`_(DEMO_LABEL)`).
DEMO_LABEL = N_("Demo catalog")


class DemoService:
    """Starts the emulator when the demo is first connected to, from any thread.

    The emulator is imported then too: an app that opens on a profile never loads it, and
    the demo loads it in the worker that connects.
    """

    def __init__(self) -> None:
        self._emulator: Emulator | None = None
        self._lock = threading.Lock()

    def connection(self) -> Connection:
        """A connection to the demo catalog, starting the emulator on 127.0.0.1 if needed."""
        from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET

        with self._lock:
            if self._emulator is None:
                self._emulator = self._start_emulator()
            endpoint = self._emulator.base_url
            trusted_ca = self._emulator.trusted_ca
        return Connection(
            label=DEMO_LABEL,
            app_id=DEMO_APP_ID,
            endpoint=endpoint,
            secret=Secret(DEMO_SERVER_SECRET),
            is_demo=True,
            trusted_ca=trusted_ca,
        )

    def stop(self) -> None:
        with self._lock:
            emulator, self._emulator = self._emulator, None
        if emulator is not None:
            emulator.stop()

    @staticmethod
    def _start_emulator() -> Emulator:
        from dhbrowser.emulator import Emulator

        return Emulator().start()
