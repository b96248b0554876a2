"""Pure text helpers for the chat shell: input cleaning and correction phrasing.

No textual import: these are unit-tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_INPUT_CHARS = 4000
"""Longer messages are refused with a message saying so (a case summary fits easily)."""

# C0 controls except tab and newline, DEL, and C1 controls. A pasted escape
# sequence or bell must never reach the terminal or the core.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class CleanInput:
    """The result of cleaning what the user typed or pasted."""

    text: str
    """The cleaned text (may contain newlines from a multi-line paste)."""
    removed_controls: int
    """How many control characters were stripped."""
    too_long: bool
    """True when ``text`` is over :data:`MAX_INPUT_CHARS` and must not be sent."""


def clean_user_text(raw: str, limit: int = MAX_INPUT_CHARS) -> CleanInput:
    """Normalise newlines, strip C0/C1 controls, trim outer whitespace, flag over-long text."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = _CONTROL.subn("", text)
    text = text.strip()
    return CleanInput(text=text, removed_controls=removed, too_long=len(text) > limit)


def too_long_message(length: int, limit: int = MAX_INPUT_CHARS) -> str:
    return (
        f"That message is {length} characters; the limit is {limit}. "
        "Shorten it (the case facts are enough) and send again."
    )


def fact_words(name: str) -> str:
    """``menopausal_status`` → ``menopausal status`` (how the correction is phrased)."""
    return name.replace("_", " ")


def correction_text(fact: str, value: str) -> str:
    """The chat message a correction from the case panel sends through ``Session.send``.

    Phrased as the user would type it, so the dialogue's own correction handling
    decides what changes; the shell holds no case logic.
    """
    return f"correction: {fact_words(fact)} is {value}"
