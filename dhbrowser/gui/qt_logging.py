"""Keep Qt's multimedia chatter out of the user's terminal.

At info level QtMultimedia's FFmpeg backend prints each stream's details, the signed
preview URL among them; warnings and errors still come through.
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory

MULTIMEDIA_RULES = "qt.multimedia.*.info=false\nqt.multimedia.*.debug=false"


def quiet_multimedia_logs() -> None:
    """Call before QtMultimedia loads (before the first QMediaPlayer)."""
    QLoggingCategory.setFilterRules(MULTIMEDIA_RULES)
