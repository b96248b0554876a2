"""``Session``: one conversation — the single entry point every shell uses.

``Session().send(text)`` reads one message and returns a ``Reply`` (the JSON of
../shared/DESIGN.md via ``to_dict``). It orchestrates only: sanitise → extract →
``router.route`` (one intent) → the intent's handler (``*_turns`` modules) → the
reply, every statement through the grounding guard (``DialogueCore._reply``).
``send`` never raises: a failure inside a turn restores the case and says so.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from chatbot.contract import FactOrigin, Facts, Reply, Statement
from chatbot.dialogue import scope
from chatbot.dialogue.command_turns import CommandTurns
from chatbot.dialogue.core import MAX_INPUT_CHARS, echo, sanitize
from chatbot.dialogue.message import Message
from chatbot.dialogue.policy import read_short_answer
from chatbot.dialogue.router import route
from chatbot.dialogue.whatif import news_after_what_if, split_what_if
from chatbot.dialogue.wording import fact_label
from chatbot.nlp.types import Extraction
from chatbot.terminal import clean_input

log = logging.getLogger(__name__)


class Session(CommandTurns):
    """One conversation about one case at a time (``reset`` starts a new case)."""

    def to_case_snapshot(self) -> tuple[Facts, dict[str, FactOrigin], tuple[str, ...], Any]:
        """The case as a comparable value: facts, origins, unknowns, the open question."""
        state = self._state
        return (self.facts, self.fact_origins, tuple(state.unknown), state.pending)

    def send(self, text: str) -> Reply:
        """Read one message; always returns a Reply, never raises."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        text = clean_input(text)  # escape sequences and lone surrogates (issue 13)
        snapshot = self._state.snapshot()
        try:
            reply = self._turn(text)
        except Exception:  # the contract: send never raises; the case survives
            log.exception("turn failed; case state restored")
            self._state = snapshot
            reply = self._reply(
                "clarification",
                [
                    Statement(
                        "Something went wrong reading that message; the case is unchanged. "
                        "Please rephrase it.",
                        "system",
                    )
                ],
            )
        if reply.kind != "command":
            cited = [sid for st in reply.statements for sid in st.sources]
            self._last_cited = tuple(dict.fromkeys(cited))
        self.history.append((text, reply))
        return reply

    def _turn(self, raw: str) -> Reply:
        state = self._state
        state.turn += 1
        if len(raw) > MAX_INPUT_CHARS:
            return self._reply(
                "clarification",
                [
                    Statement(
                        f"That message is {len(raw)} characters long; I read at most "
                        f"{MAX_INPUT_CHARS}. Please send the case or question in shorter form.",
                        "system",
                    )
                ],
                keep_pending=True,
            )
        text = sanitize(raw)
        if not text:
            return self._reply(
                "clarification",
                [
                    Statement(
                        "Please type a case or a question about metastatic breast cancer treatment "
                        "(or 'help').",
                        "system",
                    )
                ],
                keep_pending=True,
            )
        notes: list[Statement] = []
        if scope.judge_scope(text).reason == "injection":
            remainder = scope.without_instructions(text)
            if remainder and scope.describes_patient(remainder):
                # A case with an instruction buried in it: the case is answered, the
                # instruction is not followed.
                text = remainder
                notes.append(Statement(scope.INJECTION_NOTE, "system"))
        split = split_what_if(text) or news_after_what_if(text)
        if split is not None:
            # "Progressed. What if she had a PIK3CA mutation?", and the news told after the
            # what-if's question ("What if she had ESR1? Also she progressed on fulv+abema"): the
            # news is the case's, the what-if is answered on it and never taken into it (stop
            # 72, the review: its facts had been read into the case; stop 73: the news after)
            lead, asked = split
            told = self._message(lead, notes)
            if told.route.intent in ("case", "correction", "answer"):
                lead_reply = self._handle(told)
                reply = self._handle(self._message(asked, []))
                # what the news changed, inferred, kept or still needs is said first (the
                # review of stop 72: a conflict kept had vanished behind the what-if)
                said = tuple(
                    st
                    for st in lead_reply.statements
                    if st.basis in ("case", "system") and st not in reply.statements
                )
                return replace(reply, statements=said + reply.statements)
            if not told.extraction.facts:
                return self._handle(self._message(asked, notes))  # "Thanks. What if …?"
        return self._handle(self._message(text, notes))

    def _message(self, text: str, notes: list[Statement]) -> Message:
        """Read one message (or one part of it): extraction and its one intent."""
        state = self._state
        pending = state.pending
        short = read_short_answer(pending, text) if pending else None
        extraction = self._backends.extract(text)
        drugs = self._drugs_named(extraction, text)
        routed = route(
            text,
            extraction,
            pending=pending is not None,
            short_answer=short is not None,
            has_case=bool(state.facts),
            drugs=drugs,
            general_open=self._general_facts is not None,
            asked=pending.facts if pending is not None else (),
        )
        return Message(text, extraction, short, drugs, routed, tuple(notes))

    def _handle(self, message: Message) -> Reply:
        """The reply of the handler of the message's intent (a part read and not handled, the
        news before a what-if that is no case, changes nothing)."""
        if message.route.intent not in ("general", "what_if"):
            self._general_facts = None
        self.last_route = message.route
        handler = {
            "command": self._on_command,
            "why": self._on_command,
            "out_of_scope": self._on_out_of_scope,
            "unclear": self._on_unclear,
            "info": self._on_info,
            "general": self._on_general,
            "what_if": self._on_what_if,
            "correction": self._on_case,
            "answer": self._on_case,
            "case": self._on_case,
        }[message.route.intent]
        reply = handler(message)
        return self._with_unrecognised(reply, message.extraction)

    def _with_unrecognised(self, reply: Reply, extraction: Extraction) -> Reply:
        """Words extraction could not read (a letter of another alphabet it cannot map,
        ``Extraction.unrecognised``) are said first, never dropped silently."""
        if not extraction.unrecognised or reply.kind == "command":
            return reply
        notes = []
        for span in extraction.unrecognised:
            read_as = [
                fact_label(fact)
                for fact, found in extraction.spans.items()
                if any(s.start < span.end and span.start < s.end for s in found)
            ]
            then = (
                f"I read it as part of {', '.join(read_as)}: please check that, or retype it."
                if read_as
                else "Please retype it."
            )
            notes.append(
                Statement(
                    f"I did not recognise {echo(span.text)}: it mixes alphabets (a letter I "
                    f"cannot map to Latin). {then}",
                    "system",
                )
            )
        return replace(reply, statements=tuple(self._grounded(notes)) + reply.statements)
