"""`python -m dhbrowser.emulator`: serve the demo catalog (or a folder, or a file) until Ctrl+C.

The banner shows the endpoint and the demo credentials, which are public by design: they
open this emulator and nothing else.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from dhbrowser.emulator.catalog import Catalog
from dhbrowser.emulator.faults import Faults
from dhbrowser.emulator.server import DEMO_APP_ID, DEMO_SERVER_SECRET, Emulator
from dhbrowser.i18n import _, system_language, use_language

#: How often the idle main thread returns to Python to run a pending Ctrl+C or SIGTERM.
SIGNAL_CHECK_SECONDS = 0.5

#: How often a --catalog-file is checked for changes.
FOLLOW_SECONDS = 0.5


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dhbrowser.emulator",
        description=_("Serve a local emulator of the ZEGOCLOUD Digital Human API."),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help=_("address to bind (default: %(default)s)")
    )
    parser.add_argument("--port", type=int, default=0, help=_("port (default: any free port)"))
    parser.add_argument(
        "--catalog", type=Path, help=_("a catalog folder instead of the demo catalog")
    )
    parser.add_argument(
        "--catalog-file",
        type=Path,
        metavar="FILE",
        help=_(
            "serve the humans listed in FILE (catalog.json's format, media paths of --catalog "
            "or the demo); FILE is read again whenever it changes, so the catalog can change "
            "between syncs"
        ),
    )
    parser.add_argument(
        "--synthetic", type=int, metavar="N", help=_("serve N humans made from the catalog")
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, help=_("seconds added to API answers")
    )
    parser.add_argument(
        "--media-ttl", type=float, default=86400.0, help=_("seconds a media URL stays valid")
    )
    parser.add_argument(
        "--failure-rate", type=float, default=0.0, help=_("probability (0..1) an API request fails")
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log every request"))
    return parser


def main(argv: list[str] | None = None) -> int:
    use_language(system_language())
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        media = Catalog.from_dir(args.catalog) if args.catalog else Catalog.demo()
        catalog = _catalog(args, media)
        faults = Faults(latency=args.latency, failure_rate=args.failure_rate)
        emulator = Emulator(
            catalog, host=args.host, port=args.port, media_ttl=args.media_ttl, faults=faults
        ).start()
    except (OSError, ValueError) as exc:  # a missing or broken catalog, a port in use
        print(_("error: {problem}").format(problem=exc), file=sys.stderr)
        return 2
    # SIGTERM stops as cleanly as Ctrl+C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        print(
            _(
                "dhbrowser emulator: {humans} digital humans, {voices} voices\n"
                "  Endpoint:     {endpoint}\n"
                "  AppId:        {app_id}\n"
                "  ServerSecret: {secret}  (the emulator's public demo secret)\n"
                "Press Ctrl+C to stop."
            ).format(
                humans=len(catalog),
                voices=len(catalog.timbres()),
                endpoint=emulator.base_url,
                app_id=DEMO_APP_ID,
                secret=DEMO_SERVER_SECRET,
            ),
            flush=True,
        )
        if args.catalog_file is None:
            # Not a wait without end: Python runs signal handlers on the main thread only,
            # and a Ctrl+C the kernel delivers to a server thread would never wake it.
            while True:
                time.sleep(SIGNAL_CHECK_SECONDS)
        else:
            _follow(args, media, emulator)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


def _catalog(args: argparse.Namespace, media: Catalog) -> Catalog:
    """What to serve: the catalog file's humans or `media`'s own, scaled by --synthetic."""
    catalog = media if args.catalog_file is None else Catalog.from_file(args.catalog_file, media)
    if args.synthetic is not None:
        catalog = Catalog.synthetic(args.synthetic, base=catalog)
    return catalog


def _follow(args: argparse.Namespace, media: Catalog, emulator: Emulator) -> None:
    """Serve the catalog file as it is now, polling it twice a second; a file that does not
    parse is reported and the last good catalog is kept."""
    path: Path = args.catalog_file
    last = _signature(path)
    while True:
        time.sleep(FOLLOW_SECONDS)
        current = _signature(path)
        if current == last:
            continue
        last = current
        try:
            emulator.catalog = _catalog(args, media)
        except (OSError, ValueError) as exc:
            print(
                _("warning: still serving the previous catalog: {problem}").format(problem=exc),
                file=sys.stderr,
            )
            continue
        print(
            _("dhbrowser emulator: {count} digital humans from {path}").format(
                count=len(emulator.catalog), path=path
            ),
            flush=True,
        )


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


if __name__ == "__main__":
    sys.exit(main())
