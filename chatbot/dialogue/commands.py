"""Recognising the chat commands of the contract: help, why, why not, sources, source, facts, reset.

A command is the whole message (case-insensitive, an optional leading ``/`` and
trailing punctuation allowed), so a case that happens to start with "why" is
never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

CommandName = Literal["help", "why", "why_not", "sources", "source", "facts", "reset"]

_SIMPLE: dict[str, CommandName] = {
    "help": "help",
    "?": "help",
    "commands": "help",
    "why": "why",
    "why?": "why",
    "sources": "sources",
    "facts": "facts",
    "case": "facts",
    "reset": "reset",
    "new case": "reset",
    "new": "reset",
    "restart": "reset",
    "start over": "reset",
}
_WHY_NOT = re.compile(
    r"^why\s+(?:not|no)\s+(?:(?:use|give|offer|recommend|consider)\s+)?(?P<arg>.+?)\s*\??$", re.I
)
_SOURCE = re.compile(r"^(?:source|show source|section)\s+(?P<arg>\S+)$", re.I)

HELP_LINES: tuple[str, ...] = (
    "Describe a case in your own words (age, receptor and HER2 status, sites, what she is "
    "progressing on, earlier lines); I ask only for what changes the answer, then list the "
    "guideline's options for her patient group and line.",
    'Ask about the guideline: doses ("dose of alpelisib"), side effects and warnings, '
    'evidence ("does ribociclib improve overall survival?"), definitions ("what is '
    'HER2-low?"), supportive care.',
    "Commands: help · why (how the answer was reached) · why not <drug> · sources (ids cited "
    "in the last answer) · source <id> (the guideline text of a section) · facts (the case "
    "so far) · reset / new case.",
    'Correct a fact at any time ("actually she is pre-menopausal", "sorry, 42 not 62"); '
    'answer a question with "unknown" or "not tested" if it is not known.',
    "Every answer comes from one guideline and cites its section ids; verify before clinical use.",
)


@dataclass(frozen=True, slots=True)
class Command:
    name: CommandName
    argument: str = ""


_QUIT_WORDS = frozenset({"quit", "exit", ":q", "bye"})


def is_quit(text: str) -> bool:
    """Whether a message asks to end the chat ("quit", "/quit", "exit."): read by the
    chat front ends, never sent to the session (so it is never a reply to a question)."""
    cleaned = text.strip()
    if cleaned.startswith("/"):
        cleaned = cleaned[1:].strip()
    return cleaned.lower().rstrip(".!") in _QUIT_WORDS


def parse_command(text: str) -> Command | None:
    """The command a message is, or None if it is not a command."""
    cleaned = text.strip()
    if cleaned.startswith("/"):
        cleaned = cleaned[1:].strip()
    lowered = re.sub(r"\s+", " ", cleaned.lower())
    bare = lowered.rstrip(".!")
    if bare in _SIMPLE:
        return Command(_SIMPLE[bare])
    match = _WHY_NOT.match(cleaned)
    if match:
        return Command("why_not", match.group("arg").strip().rstrip("?.! "))
    match = _SOURCE.match(cleaned)
    if match:
        return Command("source", match.group("arg").strip())
    return None
