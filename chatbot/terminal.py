"""Text that is safe to write to a terminal, whatever its source.

``--plain`` and the ``history`` listing write user text, stored text and guideline
text to a terminal. A terminal obeys escape sequences (clear screen, window title,
OSC 52 clipboard writes), backspaces and carriage returns ("ER-\\b+" shows as "ER+")
and bidi controls (text that reads differently from what it is). So every string
passes through :func:`printable` at the output boundary: escape sequences are removed
whole, newlines stay, tabs become spaces, and every other control, format (bidi,
zero-width), surrogate or line/paragraph separator character is dropped. The core
uses :func:`strip_escape_sequences` on input for the same reason.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

# Whole escape sequences, so their parameters do not stay behind as text ("[1m65" would
# hide an age from extraction): CSI (7- and 8-bit), OSC / DCS / SOS / PM / APC strings up
# to their terminator, and the two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P X^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)

# Cc control, Cf format (bidi overrides and isolates, zero-width), Cs lone surrogate,
# Zl/Zp line and paragraph separators (some terminals treat them as newlines).
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def strip_escape_sequences(text: str) -> str:
    """``text`` without terminal escape sequences (the whole sequence, not just ESC)."""
    if "\x1b" not in text and not any("\x90" <= ch <= "\x9f" for ch in text):
        return text
    return _ESCAPE_SEQUENCE.sub("", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_input(text: str) -> str:
    """User input made safe to read, store and echo: escape sequences removed whole
    (``"\\x1b[1m65-year-old"`` must still give age 65) and lone surrogates, which cannot
    be encoded (only the Python API can pass one), turned into spaces like controls."""
    return strip_escape_sequences(_SURROGATE.sub(" ", text))


def printable(text: str) -> str:
    """``text`` with only characters a terminal prints as themselves (and newlines)."""
    if text.isascii() and text.isprintable():
        return text
    text = strip_escape_sequences(text)
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) not in _UNPRINTABLE:
            out.append(ch)
    return "".join(out)


class PrintableWriter:
    """A text stream that writes everything through :func:`printable` (the --plain stdout)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def flush(self) -> None:
        self._stream.flush()
