"""mbc-chat: metastatic breast cancer treatment questions answered from one guideline.

The core (extraction, rules, dialogue) never imports textual; ``Session`` is the
one entry point every shell (TUI, --plain, --json, replay) goes through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Session"]

if TYPE_CHECKING:
    from chatbot.dialogue.session import Session


def __getattr__(name: str) -> Any:
    # Lazy so that `import chatbot` stays cheap (spaCy loads on first Session).
    if name == "Session":
        from chatbot.dialogue.session import Session

        return Session
    raise AttributeError(name)
