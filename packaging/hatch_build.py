"""Hatch build hook: a wheel is built only with its translations compiled and up to date.

The .qm and .mo catalogues are build output (`make translations`, which `make wheel` runs
first); a wheel without them would show English plurals as "3 action(s)" and no Chinese.
Compiling here would need PySide6's lrelease inside pip's isolated build environment, so
the hook checks and says what to run instead. Editable installs (`make venv`) are not
checked: they read resources/translations/ in the checkout, where `make run` builds them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledTranslations(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        folder = Path(self.root) / "resources" / "translations"
        sources = [*folder.glob("*.ts"), *folder.glob("*.po")]
        stale = [
            source.name
            for source in sources
            if not (
                compiled := source.with_suffix(".qm" if source.suffix == ".ts" else ".mo")
            ).is_file()
            or compiled.stat().st_mtime < source.stat().st_mtime
        ]
        if stale:
            raise RuntimeError(
                "the translations are not compiled or are older than their sources ("
                + ", ".join(sorted(stale))
                + "): run `make translations` (or `python packaging/translations.py build`), "
                "then build the wheel again"
            )
