"""Transcripts: recorded conversations with expectations on the structured replies.

``schema`` is the file format (also written by the TUI's export), ``replay`` runs
transcripts through ``Session.send`` and checks every turn, ``coverage`` reports
which guideline nodes and sections they exercise, ``demo`` plays scripted demos
without the TUI. Headless: nothing here imports textual.
"""

from __future__ import annotations

from chatbot.transcripts.schema import (
    Expect,
    Transcript,
    TranscriptError,
    Turn,
    load_transcript,
    parse_transcript,
    to_yaml,
)

__all__ = [
    "Expect",
    "Transcript",
    "TranscriptError",
    "Turn",
    "load_transcript",
    "parse_transcript",
    "to_yaml",
]
