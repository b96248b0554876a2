"""Handlers for information look-ups, out-of-scope messages and messages nothing fits."""

from __future__ import annotations

import logging
import re
from typing import Any

from chatbot.contract import (
    FACTS,
    Reply,
    Statement,
)
from chatbot.dialogue import compose, scope
from chatbot.dialogue.core import (
    FOLLOW_UP_FILLER,
    SHORT_MESSAGE_WORDS,
    DialogueCore,
    echo,
    unnamed_drugs,
)
from chatbot.dialogue.message import Message
from chatbot.dialogue.policy import (
    is_bare_reply,
    question_for,
)
from chatbot.dialogue.retrieval import info_topic
from chatbot.dialogue.wording import fact_label

log = logging.getLogger(__name__)


class InfoTurns(DialogueCore):
    """Information look-ups, out-of-scope messages, messages nothing else fits."""

    def _on_out_of_scope(self, message: Message) -> Reply:
        return self._reply(
            "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True
        )

    def _on_unclear(self, message: Message) -> Reply:
        text = message.text
        if self._state.pending is None and is_bare_reply(text):
            return self._nothing_pending(text)
        if (
            scope.is_question(text)
            and len(text.split()) >= SHORT_MESSAGE_WORDS
            and scope.is_clinical(text)
        ):
            # A clinical question the router cannot place may still be about MBC: the
            # guideline answers it or says honestly that it does not cover it.
            return self._on_info(message)
        if not scope.has_words(text) or (
            not scope.is_question(text) and len(text.split()) <= SHORT_MESSAGE_WORDS
        ):
            return self._reply(
                "clarification",
                [
                    Statement(
                        "I could not read that. Please type a case or a question (or 'help').",
                        "system",
                    )
                ],
                keep_pending=True,
            )
        return self._on_out_of_scope(message)

    def _nothing_pending(self, text: str) -> Reply:
        """ "not known" / "no idea" / "no" with no question open: read against the last answer's
        quick replies (its refinements) — the answer already allows for what is not known —
        or, with nothing to read it against, say so and what the user can do."""
        last = next((r for _, r in reversed(self.history) if r.kind != "clarification"), None)
        said = echo(text)
        if last is not None and last.kind == "answer" and last.choices:
            offered = "; ".join(last.choices)
            statements = [
                Statement(
                    f"No question is waiting for an answer, so {said} changes nothing: the "
                    "answer above already allows for what is not known (it is conditional, "
                    "or gives each branch).",
                    "system",
                ),
                Statement(
                    f"To narrow it, reply with one of: {offered} — or correct a fact, ask "
                    "'what if …', or type 'new case'.",
                    "system",
                ),
            ]
            return self._reply("clarification", statements, choices=last.choices)
        action = (
            "Add or correct a fact of the case, ask 'what if …', or ask about a drug"
            if self._state.facts
            else "Describe a case or ask a question about metastatic breast cancer treatment"
        )
        return self._reply(
            "clarification",
            [
                Statement(
                    f"No question is waiting for an answer, so {said} changes nothing. "
                    f"{action} (or type 'help').",
                    "system",
                )
            ],
        )

    def _on_info(self, message: Message) -> Reply:
        return self._info(message.text, message.drugs, message.extraction)

    def _info(self, text: str, drugs: tuple[str, ...], extraction: Any = None) -> Reply:
        asked = [f for f in FACTS if extraction is not None and f in extraction.asked]
        if asked and not drugs:
            # "Could it have spread to her brain?": a question about the patient's own state,
            # which only her records can answer — no guideline passage does
            return self._about_her_state(asked)
        answered = self._state.last_answer_result
        prefer = answered.group if answered is not None else None
        words = tuple(
            dict.fromkeys(list(drugs) + [str(m.text) for m in extraction.drugs if m.text])
        )
        query = self._follow_up_query(text, drugs, words)
        if query != text:
            words = drugs
        answer = self._backends.retriever.answer(query, drugs, prefer_group=prefer)
        self._last_info = (query, words)
        statements = list(answer.statements)
        lexicon = self._backends.retriever.lexicon
        unnamed = unnamed_drugs(extraction, lexicon)
        if (
            unnamed
            and not drugs
            and not lexicon.find_classes(query)
            and info_topic(query) == "dose"
        ):
            # A drug (or class) the guideline names no dose for: say so, never supply one.
            statements.insert(
                0,
                Statement(
                    f"The guideline does not give a dose for {' or '.join(unnamed)}: "
                    f"{compose.NO_DOSE}.",
                    "system",
                ),
            )
        return self._info_reply(statements)

    def _info_reply(self, statements: list[Statement]) -> Reply:
        """An information reply during a case: the question still open is asked again, and
        stays open (its quick replies offered)."""
        pending = self._state.pending
        if pending is not None:
            statements.append(
                Statement(
                    "Still open for the case: "
                    + (pending.text or question_for(pending.fact, self._state).text),
                    "system",
                )
            )
        return self._reply(
            "info",
            statements,
            keep_pending=True,
            choices=pending.choices if pending is not None else (),
        )

    def _about_her_state(self, asked: list[str]) -> Reply:
        """The reply to a yes/no question about the patient's state ("Is she
        premenopausal?", "Has it spread to the liver?"): where that fact comes from, and how
        to tell it; the question still open is asked again."""
        if "brain_metastases" in asked:
            asked = [f for f in asked if f != "metastatic_sites"]  # the brain is the site asked
        facts = self._state.facts
        # what the case already holds is said back ("Does she have brain mets?" after "no
        # brain mets"), with how to change it
        origins = self._state.origins
        statements = [
            Statement(
                f"In this case {fact_label(f)}: {compose.value_words(f, facts[f])}, "
                + ("inferred" if f in origins and origins[f].inferred else "as told earlier")
                + '; say "actually …" to change it.',
                "system",
            )
            for f in asked
            if f in facts
        ]
        labels = [fact_label(f) for f in asked if f not in facts]
        if labels:
            named = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
            statements.append(
                Statement(
                    f"The patient's {named}: neither I nor the guideline can tell that; it "
                    "comes from the patient's records, tests and scans. If it is known, tell "
                    "me and I will use it.",
                    "system",
                )
            )
        return self._info_reply(statements)

    def _follow_up_query(self, text: str, drugs: tuple[str, ...], words: tuple[str, ...]) -> str:
        """An elliptical follow-up naming only a drug ("And everolimus?") right after an
        information answer asks the same kind of question (dose, side effects, evidence)
        about that drug: the previous question with its drug swapped for the new one."""
        last = self._last_info
        if not drugs or last is None or not self.history or self.history[-1][1].kind != "info":
            return text
        rest = text
        for word in sorted(words, key=len, reverse=True):
            rest = re.sub(re.escape(word), " ", rest, flags=re.I)
        if FOLLOW_UP_FILLER.sub(" ", rest).strip():
            return text  # it says more than a drug: a question of its own
        previous, previous_words = last
        if info_topic(previous) is None or not previous_words:
            return text
        alternation = "|".join(re.escape(w) for w in sorted(previous_words, key=len, reverse=True))
        named = " and ".join(drugs)
        mention = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I)
        if not mention.search(previous):
            return f"{previous} {named}"
        # The first mention becomes the new drug, later ones go.
        swapped = mention.sub(lambda _: named, previous, count=1)
        head, _, tail = swapped.partition(named)
        return re.sub(r"\s+", " ", head + named + mention.sub(" ", tail)).strip()
