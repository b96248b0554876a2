"""Text that is safe to write to a terminal, whatever its source.

``--plain`` and the ``history`` listing write user text, stored text and guideline
text to a terminal. A terminal obeys escape sequences (clear screen, window title,
OSC 52 clipboard writes), backspaces and carriage returns ("ER-\\b+" shows as "ER+")
and bidi controls (text that reads differently from what it is). So every string
passes through :func:`printable` at the output boundary: newlines stay, tabs become
spaces, and every other control, format (bidi, zero-width), surrogate or line/paragraph
separator character is dropped.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

# Cc control, Cf format (bidi overrides and isolates, zero-width), Cs lone surrogate,
# Zl/Zp line and paragraph separators (some terminals treat them as newlines).
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` with only characters a terminal prints as themselves (and newlines)."""
    if text.isascii() and text.isprintable():
        return text
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
