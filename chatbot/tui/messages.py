"""App-level messages (attributes down, messages up). Each field says what it carries."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from chatbot.contract import Reply
from chatbot.history import StoredTurn


@dataclass
class SendRequested(Message):
    """Something in the UI wants a message sent to the session."""

    text: str
    """The user's message, already cleaned (controls stripped, within the length cap)."""
    origin: str = "input"
    """Where it came from: ``input``, ``quick-reply``, ``correction`` or ``command``."""


@dataclass
class ReplyReady(Message):
    """The worker got a reply from ``Session.send``, committed unless ``unsaved`` says why not."""

    user_text: str
    """What was sent."""
    reply: Reply
    """What ``Session.send`` returned."""
    origin: str = "input"
    """Copied from the :class:`SendRequested` that caused it."""
    unsaved: str | None = None
    """Why the turn could not be committed to the history (shown as "not saved: …")."""


@dataclass
class SendFailed(Message):
    """``Session.send`` (or loading the session) raised; the error is shown, nothing is lost."""

    user_text: str
    """What was being sent."""
    error: str
    """A one-line description of the exception."""


@dataclass
class SessionRestored(Message):
    """Stored turns were replayed into a fresh Session (``--resume``); show them."""

    turns: list[StoredTurn]
    """The stored turns, in order, with the replies the user saw."""


@dataclass
class SessionReady(Message):
    """The Session finished loading (spaCy and the knowledge) in the worker."""

    seconds: float
    """How long the load took."""


@dataclass
class QuickReplyChosen(Message):
    """A quick-reply button was chosen."""

    choice: str
    """The reply text, sent as if typed."""


@dataclass
class CitationSelected(Message):
    """A citation marker was selected: open the source viewer on that section."""

    section_id: str
    """The guideline section id the marker stands for."""


@dataclass
class FactCorrectionRequested(Message):
    """The case panel asked to correct a fact."""

    fact: str
    """The fact name (from the contract's vocabulary)."""
    value: str
    """The new value as the user chose or typed it."""


@dataclass
class EarlierTurnsRequested(Message):
    """The reader paged past the top of the log: bring back earlier turns from history."""
