"""Cold start of the app: spawn → the first screenful of cards painted with their portraits.

Runs the real entry point, `dhbrowser --demo` (dhbrowser.cli.main), importing what it
imports in the order it does (the API core before Qt: PySide6's import hook makes every
module imported after it slower; the first list request leaves before Qt is imported),
with two substitutions (see cold_start_watch): the demo's emulator answers after 50 ms,
and the main window, once the app imports it, watches its card grid's paints. The result
is sent from the paint that completes the screenful; the app then quits as usual.
"""

from __future__ import annotations

import sys

from dhbrowser import cli


def main() -> int:
    from benchmarks.drivers.cold_start_watch import install

    watcher = install()
    cli.main(["--demo"])
    if not watcher.done:
        print("the window closed before a screenful of portraits was painted", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
