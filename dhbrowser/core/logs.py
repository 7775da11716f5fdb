"""Where dhbrowser's logs go: a rotating file in the user's log folder, and stderr.

A log folder that cannot be written (a read-only home) costs only the file: everything
the file would have had then goes to stderr, and the caller is told why.

The code never logs a ServerSecret. As defence in depth, every secret value dhbrowser
handles is registered here and blanked out of each record before any handler writes it,
tracebacks included.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_log_dir

from dhbrowser.api.text import terminal_text
from dhbrowser.i18n import _

LOG_FILE_NAME = "dhbrowser.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3
REDACTED = "[secret]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: Values shorter than this are not credentials, and blanking them would mangle ordinary text.
MIN_SECRET_LENGTH = 6
#: A session handles a handful of secrets; the bound only stops a runaway caller.
MAX_REGISTERED_SECRETS = 256

_registered: dict[str, None] = {}
_registered_lock = threading.Lock()
_installed: list[logging.Handler] = []


def register_secret(value: str) -> None:
    """Have every log record blank out `value` from now on."""
    if len(value) < MIN_SECRET_LENGTH:
        return
    with _registered_lock:
        _registered.pop(value, None)
        _registered[value] = None
        while len(_registered) > MAX_REGISTERED_SECRETS:
            del _registered[next(iter(_registered))]


def redact(text: str) -> str:
    """`text` with every registered secret replaced by a placeholder."""
    with _registered_lock:
        values = sorted(_registered, key=len, reverse=True)
    for value in values:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


class RedactSecrets(logging.Filter):
    """Renders a record's message and traceback now, with registered secrets blanked out.

    The message is also escaped for a terminal: it may quote the server (a name, a
    Message), and stderr is often one; the traceback is left as Python wrote it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!r} with arguments that do not fit it"
        record.msg = terminal_text(redact(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_dir() -> Path:
    return Path(user_log_dir("dhbrowser", appauthor=False))


@dataclass(frozen=True)
class LogDestination:
    """Where `setup_logging` sends the logs: the file, or None and why not."""

    path: Path | None
    problem: str | None = None


def setup_logging(verbose: bool = False) -> LogDestination:
    """Send logs to the rotating log file and (warnings, or everything when verbose) to stderr.

    When the file cannot be opened, stderr gets what the file would have had. Calling it
    again replaces the handlers it installed before.
    """
    close_logging()
    detail = logging.DEBUG if verbose else logging.INFO
    wanted = log_dir() / LOG_FILE_NAME
    path: Path | None = wanted
    handlers: list[logging.Handler] = []
    problem = None
    try:
        wanted.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.handlers.RotatingFileHandler(
            wanted, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
        )
        to_file.setLevel(detail)
        handlers.append(to_file)
    except OSError as error:
        problem = _(
            "Logs cannot be written to {folder} ({problem}): they go to stderr only."
        ).format(folder=wanted.parent, problem=error.strerror or error)
        path = None
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(detail if verbose or path is None else logging.WARNING)
    handlers.append(to_stderr)
    formatter = logging.Formatter(LOG_FORMAT)
    redaction = RedactSecrets()
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redaction)
        root.addHandler(handler)
        _installed.append(handler)
    root.setLevel(detail)
    # httpx logs every request line at INFO; the URL carries the signature and nonce.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if problem is not None:
        logging.getLogger(__name__).warning("%s", problem)
    return LogDestination(path, problem)


def close_logging() -> None:
    """Remove and close the handlers `setup_logging` installed (files are flushed)."""
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()
