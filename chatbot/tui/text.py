"""Pure text helpers for the chat shell: input cleaning and correction phrasing.

No textual import: these are unit-tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.render.words import YES_NO
from chatbot.terminal import strip_escape_sequences

MAX_INPUT_CHARS = 4000
"""Longer messages are refused with a message saying so (a case summary fits easily)."""

# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates (they
# cannot be encoded). A pasted escape sequence or bell must never reach the terminal
# or the core.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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
    text = strip_escape_sequences(text)  # whole, so "[2J" is not left behind
    text, removed = _CONTROL.subn("", text)
    text = text.strip()
    return CleanInput(text=text, removed_controls=removed, too_long=len(text) > limit)


def too_long_message(length: int, limit: int = MAX_INPUT_CHARS) -> str:
    return (
        f"That message is {length} characters; the limit is {limit}. "
        "Shorten it (the case facts are enough) and send again."
    )


def fact_words(name: str) -> str:
    """``menopausal_status`` → ``menopausal status``."""
    return name.replace("_", " ")


# How a clinician would state each yes/no fact, so the dialogue's own extraction
# reads the correction (checked against the real Session in test_tui_real.py).
_YES_NO = YES_NO
_ENUM: dict[str, str] = {
    "sex": "the patient is {}",
    "menopausal_status": "she is {}-menopausal",
    "hormone_receptor": "hormone receptor-{}",
    "her2": "HER2-{}",
    "pdl1": "PD-L1-{}",
}
_NUMBER: dict[str, tuple[str, str]] = {  # (singular, plural)
    "age": ("she is {} years old", "she is {} years old"),
    "prior_lines": ("{} prior line", "{} prior lines"),
    "prior_chemo_lines": ("{} prior chemotherapy line", "{} prior chemotherapy lines"),
}
_LIST: dict[str, str] = {
    "progressed_on": "progressing on {}",
    "prior_therapies": "prior therapies {}",
    "metastatic_sites": "metastases in {}",
}


def _and_join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def correction_text(fact: str, value: str) -> str:
    """The chat message a correction from the case panel sends through ``Session.send``.

    Phrased as a clinician would type it ("correction: she is pre-menopausal"), so
    the dialogue's own extraction and correction handling decide what changes;
    the shell holds no case logic. ``value`` is what the fact editor returned:
    ``yes``/``no`` for yes/no facts, an enum value, a number, or a comma list.
    """
    value = " ".join(value.split())
    if fact in _YES_NO:
        yes, no = _YES_NO[fact]
        phrase = yes if value.lower() in ("yes", "true", "y") else no
    elif fact in _ENUM:
        phrase = _ENUM[fact].format(value)
    elif fact in _NUMBER and value.isdigit():
        one, many = _NUMBER[fact]
        phrase = (one if value == "1" else many).format(value)
    elif fact in _LIST:
        items = [v.strip() for v in value.replace(" and ", ",").split(",") if v.strip()]
        phrase = _LIST[fact].format(_and_join(items) if items else value)
    else:
        phrase = f"{fact_words(fact)} is {value}"
    return f"correction: {phrase}"
