"""The demo catalog: the embedded emulator, started on first use and stopped at exit."""

from __future__ import annotations

from dhbrowser.api.secret import Secret
from dhbrowser.connection import Connection
from dhbrowser.emulator import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator

DEMO_LABEL = "Demo catalog"


class DemoService:
    def __init__(self) -> None:
        self._emulator: Emulator | None = None

    def connection(self) -> Connection:
        """A connection to the demo catalog, starting the emulator on 127.0.0.1 if needed."""
        if self._emulator is None:
            self._emulator = Emulator().start()
        return Connection(
            label=DEMO_LABEL,
            app_id=DEMO_APP_ID,
            endpoint=self._emulator.base_url,
            secret=Secret(DEMO_SERVER_SECRET),
            is_demo=True,
        )

    def stop(self) -> None:
        if self._emulator is not None:
            self._emulator.stop()
            self._emulator = None
