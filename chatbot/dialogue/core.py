"""The state a conversation keeps and what every handler uses: the case, the backends,
the reply assembly with its grounding guard, and shared look-ups (drugs named, node titles)."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import deque
from collections.abc import Collection
from typing import Any

from chatbot.contract import (
    FACTS,
    Branch,
    FactOrigin,
    Facts,
    Recommendation,
    Reply,
    ReplyKind,
    Statement,
)
from chatbot.dialogue.backends import Backends, default_backends
from chatbot.dialogue.router import Route
from chatbot.dialogue.state import CaseState
from chatbot.dialogue.wording import fact_label, group_words, line_words
from chatbot.kb.grounding import DOSE_RE

log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 4000
SHORT_MESSAGE_WORDS = 4
MENOPAUSAL = "menopausal_status"
# What may surround the drug in an elliptical follow-up ("And everolimus?", "what about X").
FOLLOW_UP_FILLER = re.compile(
    r"\b(?:and|what|how|about|for|with|of|the|then|also|regarding|re|plus|same|so|ok|okay)\b"
    r"|[^\w\s]",
    re.I,
)


def as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""What ``str.splitlines`` breaks at: each is read as one line break."""


def _collapse(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group() else " "


def sanitize(text: str) -> str:
    """Control and format characters become spaces; a whitespace run collapses to one
    line break when it holds one, else to one space.

    Line breaks are kept because they end sentences: a case pasted as a list ("ER+ PR+
    HER2-\nBone mets\nOn letrozole") reads as its lines, as ``extract()`` reads it.
    """
    cleaned = "".join(
        "\n"
        if ch in LINE_BREAKS
        else " "
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        else ch
        for ch in text
    )
    return re.sub(r"\s+", _collapse, cleaned).strip()


HISTORY_KEPT = 200
"""Turns ``Session.history`` keeps; the shells' history database keeps every turn."""


class DialogueCore:
    """What a conversation holds; the handlers build on it."""

    def __init__(self, backends: Backends | None = None) -> None:
        self._backends = backends or default_backends()
        self._state = CaseState()
        self.history: deque[tuple[str, Reply]] = deque(maxlen=HISTORY_KEPT)
        """The latest turns (bounded: a long session must not grow without limit)."""
        self.dropped: list[tuple[Statement, list[Any]]] = []
        """Guideline statements the grounding check refused (never shown; tests assert empty)."""
        self._last_cited: tuple[str, ...] = ()
        self._last_info: tuple[str, tuple[str, ...]] | None = None
        self._general_facts: dict[str, Any] | None = None
        """The facts of the last general question, while its answer is the latest reply."""
        self.last_route: Route | None = None
        """How the last message was routed (intent and why), for tests and debugging."""
        """The last information question as answered, and the drug words it named."""

    @property
    def facts(self) -> Facts:
        return self._state.ordered_facts()

    @property
    def fact_origins(self) -> dict[str, FactOrigin]:
        return {k: self._state.origins[k] for k in FACTS if k in self._state.origins}

    @property
    def last_trace(self) -> tuple[Any, ...]:
        result = self._state.last_answer_result or self._state.last_result
        return result.trace if result is not None else ()

    @property
    def last_result(self) -> Any:
        return self._state.last_result

    @property
    def pending_fact(self) -> str | None:
        return self._state.pending.fact if self._state.pending else None

    def reset(self) -> None:
        self._state = CaseState()
        self._last_cited = ()
        self._last_info = None
        self._general_facts = None

    def _reply(
        self,
        kind: ReplyKind,
        statements: list[Statement],
        *,
        asks: str | None = None,
        recommendation: Recommendation | None = None,
        choices: tuple[str, ...] = (),
        keep_pending: bool = False,
        hypothesis: dict[str, Any] | None = None,
        branches: tuple[Branch, ...] = (),
    ) -> Reply:
        if kind != "question" and not keep_pending and kind != "clarification":
            self._state.pending = None
        checked = self._grounded(statements)
        if not checked:
            checked = [Statement("I have nothing grounded to say to that.", "system")]
        if (
            not choices
            and keep_pending
            and self._state.pending is not None
            and kind in ("clarification", "out_of_scope")
        ):
            choices = self._state.pending.choices
        return Reply(
            kind=kind,
            statements=tuple(checked),
            facts=self.facts,
            asks=asks,
            recommendation=recommendation,
            choices=tuple(choices),
            hypothesis=dict(hypothesis) if hypothesis is not None else None,
            branches=tuple(branches),
            fact_origins=self.fact_origins,
        )

    def _grounded(self, statements: list[Statement]) -> list[Statement]:
        """Drop (and log) any guideline statement its cited sections do not support."""
        out: list[Statement] = []
        seen: set[tuple[str, str]] = set()
        for statement in statements:
            if not statement.text.strip():
                continue
            key = (statement.text, statement.basis)
            if key in seen:
                continue
            seen.add(key)
            if statement.basis != "guideline" and statement.sources:
                statement = Statement(statement.text, statement.basis, ())
            problems = (
                ["no sources"]
                if statement.basis == "guideline" and not statement.sources
                else self._backends.check(statement)
            )
            if problems:
                log.warning("dropped ungrounded statement %r: %s", statement.text, problems)
                self.dropped.append((statement, list(problems)))
                continue
            out.append(statement)
        return out

    def _drugs_named(self, extraction: Any, text: str) -> tuple[str, ...]:
        names: list[str] = []
        for mention in extraction.drugs:
            generic = mention.generic
            if generic and not mention.negated and generic not in names:
                names.append(generic)
        for name in self._backends.retriever.lexicon.find(text):
            if name not in names:
                names.append(name)
        return tuple(names)

    def _extraction_notes(self, extraction: Any, said: Collection[str] = ()) -> list[Statement]:
        """What extraction could not settle; ``said``: uncertain facts the turn speaks of
        itself (a held value the message leaves in doubt, kept or withdrawn)."""
        notes = []
        for unknown in extraction.unknown_drugs:
            word = echo(unknown.text)
            suggestions = ", ".join(unknown.suggestions[:3])
            hint = f" (did you mean {suggestions}?)" if suggestions else ""
            notes.append(
                Statement(
                    f"I did not recognise {word} as a drug the guideline names{hint}.", "system"
                )
            )
        for fact in FACTS:
            if fact in extraction.uncertain and fact not in said:
                notes.append(
                    Statement(
                        f"{fact_label(fact).capitalize()} sounded uncertain, so I left it open.",
                        "system",
                    )
                )
        return notes

    def _line_narratives(self) -> dict[tuple[str, int], list[str]]:
        out: dict[tuple[str, int], list[str]] = {}
        for n in self._backends.index.nodes:
            if n.line is not None:
                out.setdefault((n.group, n.line), []).append(f"{n.group}/{n.node}/narrative")
        return out

    def _node_titles(self) -> dict[str, str]:
        return {f"{n.group}/{n.node}": n.title for n in self._backends.index.nodes}

    def _node_title(self, result: Any) -> str:
        node_id = result.node_id
        if not node_id:
            return ""
        for info in self._backends.index.nodes:
            if f"{info.group}/{info.node}" == node_id:
                return info.title
        return ""


MAX_WHERE = 4
_PART_WORDS = {
    "narrative": "narrative",
    "primary-options": "primary options",
    "secondary-options": "secondary options",
    "supportive-care": "supportive care",
}


def unnamed_drugs(extraction: Any, lexicon: Any) -> list[str]:
    """Drug words of the message that name no drug of the guideline's option lists (a class
    phrase like "zoledronic acid" or "bisphosphonate"), as the user wrote them."""
    out: list[str] = []
    for mention in extraction.drugs:
        words = str(mention.text or "")
        if mention.generic is None and not mention.negated and words and not lexicon.find(words):
            echoed = echo(words, quote=False)
            if echoed not in out:
                out.append(echoed)
    return out


def section_words(section_id: str) -> str:
    """Where a section sits, in words that name no drug (node titles do, so they are left out)."""
    parts = section_id.split("/")
    words = [group_words(parts[0])] if parts[0] != "preamble" else ["note on doses"]
    if len(parts) > 1:
        match = re.match(r"line-(\d+)(.*)", parts[1])
        if match:
            words.append(line_words(int(match.group(1))) + match.group(2).replace("-", " "))
        else:
            words.append(parts[1].replace("-", " "))
    if len(parts) > 2:
        words.append(_PART_WORDS.get(parts[2], parts[2]))
    return ", ".join(words)


def echo(text: str, *, quote: bool = True, limit: int = 60) -> str:
    """User text shown back: control characters gone, length capped, and no dose-like
    quantity (a case or system statement never states a dose, even the user's)."""
    cleaned = DOSE_RE.sub("…", " ".join(sanitize(text).split()))
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return f'"{cleaned}"' if quote else cleaned
