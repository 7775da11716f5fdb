"""Keep Qt's multimedia chatter out of the user's terminal, and in the log file.

QtMultimedia and the FFmpeg it drives talk a lot: at start-up which optional libraries
(VA-API, PipeWire) they could not load, at info level each stream's details with the signed
preview URL among them. None of that is for the person at the terminal, and `--pick` and
`--check` have scripts reading their output. So every start (and the tests) routes Qt's
messages through one handler: multimedia categories go to the log file only (stderr sees
them with `-v`), with URLs cut before their query string; everything else keeps its level.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QLoggingCategory, QMessageLogContext, QtMsgType, qInstallMessageHandler

#: QtMultimedia's categories, FFmpeg's own messages included (qt.multimedia.ffmpeg). Their
#: info and debug messages are not even formatted (stream dumps, frame timing); what is left
#: goes to the log file only.
QUIET_CATEGORY = "qt.multimedia"
FILTER_RULES = f"{QUIET_CATEGORY}*.info=false\n{QUIET_CATEGORY}*.debug=false"
#: QtMultimedia's PulseAudio backend warns in Qt's default category, with this prefix, when
#: there is no sound server (a normal computer without sound).
QUIET_PREFIXES = ("PulseAudioService:",)
#: A URL's query string carries its signature: the log keeps only where it pointed.
URL_QUERY = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s?'\"]*)\?[^\s'\"]*", re.IGNORECASE)

LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]


def is_quiet(category: str | None, message: str) -> bool:
    """Whether a message is QtMultimedia's (or FFmpeg's, which reaches us through it)."""
    if category is not None and (
        category == QUIET_CATEGORY or category.startswith(QUIET_CATEGORY + ".")
    ):
        return True
    return message.startswith(QUIET_PREFIXES)


def without_url_queries(text: str) -> str:
    return URL_QUERY.sub(r"\1?…", text)


def logger_for(context: QMessageLogContext) -> logging.Logger:
    category = context.category
    return logging.getLogger("qt" if category in (None, "default") else category)


def log_quietly(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """A quiet category's message: the log file's INFO level, its own level in the text."""
    level = logging.getLevelName(LEVELS.get(msg_type, logging.WARNING)).lower()
    logger_for(context).info("%s: %s", level, without_url_queries(message))


def log_to_python(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Any other Qt message, at its own level (warnings reach stderr, as Qt's default does)."""
    logger_for(context).log(
        LEVELS.get(msg_type, logging.WARNING), "%s", without_url_queries(message)
    )


def route_qt_messages(others: QtMessageHandler = log_to_python) -> None:
    """Install the rules and the handler; `others` gets every non-multimedia message.

    Call before QtMultimedia loads (before the first QMediaPlayer). The tests pass
    pytest-qt's own handler as `others`, so they see exactly what stderr would.
    """
    QLoggingCategory.setFilterRules(FILTER_RULES)

    def handle(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if is_quiet(context.category, message):
            log_quietly(msg_type, context, message)
        else:
            others(msg_type, context, message)

    qInstallMessageHandler(handle)
