"""Text that came from outside (the server, mostly), made safe to show or to print.

Two uses, two functions, one definition of what is dangerous:

- `plain_text` for a sentence dhbrowser builds around server text (an error's Message):
  control and bidi characters are dropped, runs of whitespace become one space, and the
  length is capped, so the server can neither break the sentence's layout nor reorder it.
- `terminal_text` and `terminal_json` for what is written to a terminal: the same
  characters are written as visible escapes (`\\x1b`, `\\u202e`), so a server cannot set the
  window title, clear the screen, move the cursor or repaint earlier lines.

Dangerous here: C0 controls (U+0000–U+001F, newline and tab included: a newline would let
a name forge a whole line of `--check`'s report), DEL, C1 controls (U+0080–U+009F: 0x9B is
CSI on terminals that take 8-bit controls), the Unicode line and paragraph separators, and
the bidi embedding, override, isolate and mark characters (they reorder what follows them).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
#: What json.dumps leaves raw (it escapes the C0 controls itself; its indent is newlines).
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: How much of a server's free text (an error Message) a sentence of ours may carry.
MAX_SERVER_TEXT = 300


def has_unsafe_characters(text: str) -> bool:
    """Whether `text` holds a character `plain_text` would drop and `terminal_text` escape."""
    return _UNSAFE.search(text) is not None


def plain_text(text: str, limit: int = MAX_SERVER_TEXT) -> str:
    """`text` without control or bidi characters, whitespace collapsed, at most `limit` long."""
    cleaned = " ".join(_UNSAFE.sub(_blank_or_nothing, text).split())
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[: max(0, limit - 1)].rstrip() + "…"


def terminal_text(text: str) -> str:
    """`text` with every dangerous character written as a visible escape, for a terminal."""
    return _UNSAFE.sub(_escape, text)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def padded(text: str, width: int) -> str:
    """`text` and the spaces that make it `width` terminal columns wide (a table's cell)."""
    return text + " " * (width - display_width(text))


def terminal_json(document: Any, **dumps_options: Any) -> str:
    """`document` as JSON that is safe on a terminal and still decodes to the same value.

    `json.dumps(ensure_ascii=False)` keeps non-ASCII text readable but writes DEL, the C1
    controls and the bidi characters raw; they can only occur inside JSON strings, where
    a `\\uXXXX` escape means the same character.
    """
    text = json.dumps(document, ensure_ascii=False, **dumps_options)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _blank_or_nothing(match: re.Match[str]) -> str:
    """A control or separator parted words: a space; a bidi mark parted nothing."""
    return "" if match.group() in _BIDI else " "


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
