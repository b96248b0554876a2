"""``Session``: one conversation — the single entry point every shell uses.

``Session().send(text)`` reads one message and returns a ``Reply`` (the JSON of
../shared/DESIGN.md via ``to_dict``). A message is, in this order: a command, out
of scope, an information question (retrieval), or part of a case (extraction →
merge → engine → ask one decisive question or answer). ``send`` never raises:
a failure inside a turn restores the case as it was and says so.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
import re
import unicodedata
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
from chatbot.dialogue import compose, conditional, scope
from chatbot.dialogue.backends import Backends, default_backends
from chatbot.dialogue.branching import (
    branch_choices,
    branch_statements,
    branch_views,
    refinement_choices,
)
from chatbot.dialogue.commands import HELP_LINES, Command
from chatbot.dialogue.conditional import DefaultPath
from chatbot.dialogue.message import Message, assumed_facts
from chatbot.dialogue.policy import (
    PANEL,
    UNKNOWN_CHOICE,
    Question,
    next_question,
    question_for,
    read_short_answer,
)
from chatbot.dialogue.retrieval import info_topic
from chatbot.dialogue.router import CORRECTION_CUE, Route, route
from chatbot.dialogue.state import CaseState, FactChange, PendingQuestion, facts_for_engine
from chatbot.dialogue.whatif import hypothesis_diff, read_hypothesis
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words, line_words
from chatbot.engine.branches import DECIDING as DECIDING_LEVELS
from chatbot.engine.branches import Exploration, explore
from chatbot.engine.result import EngineResult
from chatbot.kb.loader import load_knowledge

log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 4000
SHORT_MESSAGE_WORDS = 4
MENOPAUSAL = "menopausal_status"
_DRUG_FACTS = frozenset({"prior_therapies", "progressed_on", "prior_cdk46"})
# What may surround the drug in an elliptical follow-up ("And everolimus?", "what about X").
_FOLLOW_UP_FILLER = re.compile(
    r"\b(?:and|what|how|about|for|with|of|the|then|also|regarding|re|plus|same|so|ok|okay)\b"
    r"|[^\w\s]",
    re.I,
)
# Facts that alone do not start a case (drugs, comorbidities, sites).
_PERIPHERAL_FACTS = _DRUG_FACTS | {"dialysis", "neuropathy", "heart_failure", "metastatic_sites"}


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def sanitize(text: str) -> str:
    """Control and format characters become spaces; whitespace runs collapse."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
    return re.sub(r"\s+", " ", cleaned).strip()


class Session:
    """One conversation about one case at a time (``reset`` starts a new case)."""

    def __init__(self, backends: Backends | None = None) -> None:
        self._backends = backends or default_backends()
        self._state = CaseState()
        self.history: list[tuple[str, Reply]] = []
        self.dropped: list[tuple[Statement, list[Any]]] = []
        """Guideline statements the grounding check refused (never shown; tests assert empty)."""
        self._last_cited: tuple[str, ...] = ()
        self._last_info: tuple[str, tuple[str, ...]] | None = None
        self.last_route: Route | None = None
        """How the last message was routed (intent and why), for tests and debugging."""
        """The last information question as answered, and the drug words it named."""

    # ------------------------------------------------------------ public view
    @property
    def facts(self) -> Facts:
        return self._state.ordered_facts()

    @property
    def fact_origins(self) -> dict[str, FactOrigin]:
        return {k: self._state.origins[k] for k in FACTS if k in self._state.origins}

    @property
    def last_trace(self) -> tuple[Any, ...]:
        result = self._state.last_answer_result or self._state.last_result
        return tuple(getattr(result, "trace", ()) or ())

    @property
    def last_result(self) -> Any:
        return self._state.last_result

    @property
    def pending_fact(self) -> str | None:
        return self._state.pending.fact if self._state.pending else None

    def to_case_snapshot(self) -> tuple[Facts, dict[str, FactOrigin], tuple[str, ...], Any]:
        """The case as a comparable value: facts, origins, unknowns, the open question."""
        state = self._state
        return (self.facts, self.fact_origins, tuple(state.unknown), state.pending)

    def reset(self) -> None:
        self._state = CaseState()
        self._last_cited = ()
        self._last_info = None

    def send(self, text: str) -> Reply:
        """Read one message; always returns a Reply, never raises."""
        if not isinstance(text, str):
            text = "" if text is None else str(text)
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

    # ------------------------------------------------------------ turn logic
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
        )
        self.last_route = routed
        message = Message(text, extraction, short, drugs, routed, tuple(notes))
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
        }[routed.intent]
        return handler(message)

    # ------------------------------------------------------------ one handler per intent
    def _on_command(self, message: Message) -> Reply:
        command = message.route.command
        if command is None:
            # "why is alpelisib not an option?": why not the drug it names, else why
            drug = next(iter(message.drugs), "")
            command = Command("why_not", drug) if drug else Command("why")
        return self._command(command)

    def _on_out_of_scope(self, message: Message) -> Reply:
        return self._reply(
            "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True
        )

    def _on_unclear(self, message: Message) -> Reply:
        text = message.text
        if scope.is_question(text) and len(text.split()) >= SHORT_MESSAGE_WORDS:
            # A question the router cannot place may still be about MBC: the guideline
            # answers it or says honestly that it does not cover it, with nearest content.
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

    def _on_info(self, message: Message) -> Reply:
        return self._info(message.text, message.drugs, message.extraction)

    def _on_general(self, message: Message) -> Reply:
        """A treatment question about a kind of patient, not a patient: answered over every
        branch it leaves open; the case is not touched."""
        facts = {k: v for k, v in message.extraction.facts.items() if k in FACTS}
        result = self._backends.evaluate(facts)
        open_facts = [m.fact for m in result.missing if m.level in DECIDING_LEVELS]
        statements: list[Statement] = list(message.notes)
        if facts:
            statements.append(
                Statement(
                    "A general question (no particular patient): "
                    + "; ".join(
                        f"{fact_label(k)}: {fact_value_words(k, v)}" for k, v in facts.items()
                    )
                    + ". The case is unchanged.",
                    "system",
                )
            )
        return self._answer_for(facts, result, open_facts, statements, hypothesis=None)

    def _on_what_if(self, message: Message) -> Reply:
        """Answer under assumed facts; the case, its facts and the pending question stay."""
        hypothesis, _ = read_hypothesis(message.route.clause, self._backends.extract)
        hypothesis = {k: v for k, v in hypothesis.items() if k in FACTS}
        if not hypothesis and (message.drugs or scope.asks_for_information(message.text)):
            return self._on_info(message)  # "what if the side effects are too much?"
        if not hypothesis:
            return self._reply(
                "clarification",
                [
                    Statement(
                        "I could not tell which fact to assume. Name it, e.g. "
                        '"what if she had a PIK3CA mutation?" or "if this were her third line".',
                        "system",
                    )
                ],
                keep_pending=True,
            )
        state = self._state
        base = facts_for_engine(state)
        assumed = assumed_facts(base, hypothesis, state)
        result = self._backends.evaluate(assumed)
        open_facts = [
            m.fact for m in result.missing if m.level in DECIDING_LEVELS and m.fact not in assumed
        ]
        differs = [
            f"{fact_label(k)} {fact_value_words(k, v)}"
            + (f" (the case: {fact_value_words(k, base[k])})" if k in base else "")
            for k, v in hypothesis.items()
        ]
        statements = list(message.notes) + [
            Statement(
                "Hypothetical — assuming " + "; ".join(differs) + ". This answer holds only "
                "under that assumption; the case itself is unchanged.",
                "system",
            )
        ]
        return self._answer_for(assumed, result, open_facts, statements, hypothesis=hypothesis)

    def _answer_for(
        self,
        facts: dict[str, Any],
        result: EngineResult,
        open_facts: list[str],
        lead: list[Statement],
        *,
        hypothesis: dict[str, Any] | None,
    ) -> Reply:
        """An answer for facts that are not the case's own (a general question, a what-if):
        the recommendation, or branches over what is open. Asks nothing, changes nothing."""
        statements = list(lead)
        exploration = explore(facts, open_facts, evaluate=self._backends.evaluate)
        rec = compose.recommendation_of(result)
        if rec is None and exploration.default is not None:
            result = exploration.default
            rec = compose.recommendation_of(result)
        if hypothesis is not None and self._state.facts:
            case_answer = self._state.last_answer_result
            statements.append(
                hypothesis_diff(compose.recommendation_of(case_answer) if case_answer else None, rec)
            )
        branches = branch_views(exploration)
        if branches:
            statements += branch_statements(exploration, self._node_titles(), self._line_narratives())
        if rec is not None:
            if conditional.needs_ablation(result, facts):
                result = conditional.with_conditions(result, [conditional.ablation_reason(result)])
                rec = compose.recommendation_of(result)
                statements += self._conditional_statements(result, [], True, facts)
            statements += compose.answer_statements(result, self._state, self._node_title(result))
        choices = branch_choices(exploration) if branches else refinement_choices(
            result, tuple(facts)
        )
        return self._reply(
            "answer",
            statements,
            recommendation=rec,
            choices=choices,
            hypothesis=hypothesis,
            branches=branches,
            keep_pending=True,
        )

    def _on_case(self, message: Message) -> Reply:
        """A case description or update, a correction, or the answer to the question asked."""
        state = self._state
        text, extraction, short = message.text, message.extraction, message.short
        pending = state.pending
        correction = message.route.intent == "correction"
        facts = {k: v for k, v in extraction.facts.items() if k in FACTS}
        unknown_facts = [f for f in FACTS if f in extraction.unknown_facts]
        contradictions = extraction.contradictions
        if not facts and short is None and not unknown_facts and not contradictions:
            if scope.asks_for_recommendation(text) and pending is None:
                return self._evaluate_and_reply([], [], extraction, list(message.notes))
            if pending is not None and scope.asks_for_recommendation(text):
                return self._reply(
                    "clarification",
                    [
                        Statement(
                            "To answer I still need this: "
                            + (pending.text or question_for(pending.fact, state).text),
                            "system",
                        )
                    ],
                    choices=pending.choices,
                )
            if pending is not None:
                return self._not_an_answer(text)
            return self._on_unclear(message)
        reading: list[Statement] = []
        if short is not None and not correction:
            # Read relative to the question asked ("yes" to "Is fulvestrant her first
            # treatment …?" is 1 line), so it wins over a context-free reading.
            facts.update(short.facts)
            unknown_facts += [f for f in short.unknown if f not in unknown_facts]
            if short.reading:
                reading.append(Statement(short.reading, "system"))
        correction_cue = correction or bool(CORRECTION_CUE.search(text))
        swapped = self._swapped_regimen(extraction, facts, correction_cue)
        if swapped is not None:
            dropped = [d for d in _as_list(state.facts.get("progressed_on")) if d not in swapped]
            prior = state.facts.get("prior_therapies")
            if "prior_therapies" not in facts and isinstance(prior, list):
                # the drug swapped out was never given
                facts["prior_therapies"] = [d for d in prior if d not in dropped] + [
                    d for d in swapped if d not in prior
                ]
            facts["progressed_on"] = swapped
        corrections = frozenset(extraction.corrections)
        if swapped is not None:
            corrections |= {"progressed_on", "prior_therapies"}
        source_text = {}
        for name in facts:
            found = extraction.spans.get(name)
            if found:
                source_text[name] = " … ".join(s.text for s in found)
            elif short is not None and name in short.facts:
                source_text[name] = text
        asked_now = set(pending.facts) if pending is not None else set()
        changes, kept = state.merge(
            facts,
            inferred=extraction.inferred,
            corrections=corrections | asked_now,
            correction_cue=correction_cue,
            source_text=source_text,
        )
        for name in unknown_facts:
            if name not in state.facts:
                state.mark_unknown(name)
        if pending is not None:
            answered = any(f in facts or f in unknown_facts for f in pending.facts)
            if correction and not answered:
                # A correction while another question is open: the question stays open
                # (it is asked again if the corrected case still needs it).
                state.asked = [f for f in state.asked if f not in pending.facts]
                if pending.panel:
                    state.panel_asked = False
            elif pending.panel:
                state.panel_asked = True
                for name in pending.facts:
                    if name not in state.facts:
                        state.mark_unknown(name)
            elif pending.fact not in state.facts and pending.fact not in state.unknown:
                # The message told us other things but not this: it may be asked again.
                state.asked = [f for f in state.asked if f != pending.fact]
            state.pending = None
        notes = (
            list(message.notes)
            + reading
            + self._extraction_notes(extraction)
            + [
                Statement(
                    f"Earlier you gave {fact_label(k.fact)} = {compose.value_words(k.fact, k.old)};"
                    f" this message says {compose.value_words(k.fact, k.new)}. I kept "
                    f'{compose.value_words(k.fact, k.old)} — say "actually …" to change it.',
                    "system",
                )
                for k in kept
            ]
        )
        if contradictions:
            return self._contradiction_reply(contradictions, changes, notes)
        new_names = [k for k in FACTS if k in facts]
        uncertain = [f for f in FACTS if f in extraction.uncertain and f not in state.facts]
        return self._evaluate_and_reply(changes, new_names, extraction, notes, uncertain)

    def _swapped_regimen(
        self, extraction: Any, facts: dict[str, Any], correction_cue: bool
    ) -> list[str] | None:
        """The current regimen after a correction that swaps one of its drugs ("sorry, it
        was letrozole + palbociclib, not ribociclib"): the negated drug leaves it and the
        drugs named with it come in. None when the message is not such a correction."""
        current = self._state.facts.get("progressed_on")
        if not correction_cue or not isinstance(current, list) or "progressed_on" in facts:
            return None
        mentions = [
            m for m in getattr(extraction, "drugs", ()) or () if getattr(m, "generic", None)
        ]
        negated = [m.generic for m in mentions if m.negated and m.generic in current]
        named = [m.generic for m in mentions if not m.negated and m.role != "bone-therapy"]
        if not negated or not named:
            return None
        kept = [d for d in current if d not in negated]
        return kept + [d for d in dict.fromkeys(named) if d not in kept]

    def _evaluate_and_reply(
        self,
        changes: list[FactChange],
        new_names: list[str],
        extraction: Any,
        notes: list[Statement] | None = None,
        prefer: list[str] | None = None,
    ) -> Reply:
        state = self._state
        notes = notes or []
        if changes:
            # Remembered until the next answer, which then says how it differs.
            state.changed_since_answer = True
        facts = facts_for_engine(state)
        result = self._backends.evaluate(facts)
        previous_answer = state.last_answer_result
        state.last_result = result
        missing = conditional.ablation_missing(result, facts)
        if self._is_male():
            missing = tuple(m for m in missing if getattr(m, "fact", None) != MENOPAUSAL)
        question = next_question(missing, state, prefer or ())
        unclear = [f for f in prefer or () if f not in state.asked and f not in state.unknown]
        if unclear and (question is None or question.fact not in unclear):
            # The user tried to state it but it did not read clearly ("age 300", "not not
            # post-menopausal"): check it back once, even if the answer does not hinge on it.
            return self._check_back(unclear[0], changes, notes)
        if self._male_not_covered(result) and (
            question is None or self._level_in(missing, question.fact) != "group"
        ):
            return self._not_covered_for_men(result, changes, notes)
        if question is not None:
            return self._ask(question, changes, new_names, notes)
        rec = compose.recommendation_of(result)
        paths: list[tuple[DefaultPath, Any]] = []
        exploration = None
        if rec is None:
            open_facts = [
                m.fact
                for m in result.missing
                if m.level in DECIDING_LEVELS and m.fact in state.unknown
            ]
            exploration = explore(facts, open_facts, evaluate=self._backends.evaluate)
            if exploration.default is not None:
                # The default path may itself need a fact still to be asked (the panel).
                assumed = {**facts, **{d.fact: d.value for d in exploration.defaults}}
                question = next_question(
                    conditional.ablation_missing(exploration.default, assumed), state
                )
                if question is not None:
                    return self._ask(question, changes, new_names, notes)
                result = exploration.default
                rec = compose.recommendation_of(result)
                paths = self._default_paths(exploration)
            elif exploration.branches:
                return self._branches_answer(exploration, changes, notes)
        if rec is None:
            return self._cannot_answer(result, changes, notes)
        ablation_open = conditional.needs_ablation(result, facts)
        if ablation_open:
            result = conditional.with_conditions(result, [conditional.ablation_reason(result)])
            rec = compose.recommendation_of(result)
        statements: list[Statement] = []
        statements += compose.change_statements(changes)
        if state.changed_since_answer and previous_answer is not None:
            diff = compose.diff_statement(
                compose.recommendation_of(previous_answer), rec, previous_answer, result
            )
            if diff is not None:
                statements.append(diff)
        statements += compose.case_summary(state)
        statements += notes
        statements += self._conditional_statements(result, paths, ablation_open, facts)
        condition = " and ".join(path.if_words for path, _ in paths)
        statements += compose.answer_statements(
            result, state, self._node_title(result), condition=condition
        )
        state.last_answer_result = result
        state.changed_since_answer = False
        branches = branch_views(exploration) if exploration is not None else ()
        choices = (
            branch_choices(exploration)
            if exploration is not None
            else refinement_choices(result, tuple(state.facts))
        )
        if ablation_open:
            choices = (conditional.ABLATION_LABEL, *choices)
        return self._reply(
            "answer", statements, recommendation=rec, choices=choices, branches=branches
        )

    def _default_paths(self, exploration: Exploration) -> list[tuple[DefaultPath, Any]]:
        """Each default the default path took, with the result of its other branch."""
        out: list[tuple[DefaultPath, Any]] = []
        taken = exploration.defaults
        for d in taken:
            other = next(
                (
                    b.result
                    for b in exploration.branches
                    if b.when.get(d.fact) == (not d.value)
                    and all(b.when.get(o.fact, o.value) == o.value for o in taken if o is not d)
                ),
                None,
            )
            out.append((conditional.DEFAULT_PATHS[d.fact], other))
        return out

    def _branches_answer(
        self, exploration: Exploration, changes: list[FactChange], notes: list[Statement]
    ) -> Reply:
        """A deciding fact with no default path is unknown: the answer for each value."""
        state = self._state
        statements = compose.change_statements(changes) + compose.case_summary(state) + notes
        statements += branch_statements(exploration, self._node_titles(), self._line_narratives())
        state.pending = None
        return self._reply(
            "answer",
            statements,
            choices=branch_choices(exploration),
            branches=branch_views(exploration),
        )

    def _conditional_statements(
        self,
        result: Any,
        branches: list[tuple[DefaultPath, Any]],
        ablation_open: bool,
        facts: dict[str, Any],
    ) -> list[Statement]:
        """Why the answer is conditional, and the branch it does not show (with its sections)."""
        out: list[Statement] = []
        for path, other in branches:
            variant = other is not None and other.group == result.group
            marked = f'marked "if {path.label}"'
            if variant:
                marked += f'; the options for {path.other_label} are marked "if {path.other_label}"'
            out.append(
                Statement(
                    f"{fact_label(path.fact).capitalize()} is not known, so this answer is "
                    f"conditional: it holds if {path.if_words} ({marked}). Tell me if it is "
                    "known, as it changes the answer.",
                    "system",
                )
            )
            if other is None or not getattr(other, "group", None):
                continue
            where = f"{group_words(other.group)}"
            sources: list[str] = [other.group]
            if other.line:
                where += f" — {line_words(other.line)}"
            if other.node_id:
                title = self._node_title(other)
                if title:
                    where += f": {title}"
                sources.append(f"{other.node_id}/narrative")
            out.append(
                Statement(f"If {path.other_if_words}: {where}.", "guideline", tuple(sources))
            )
            out.append(
                Statement(f'Say "{path.say_other}" to get the answer for that branch.', "system")
            )
        if ablation_open:
            known_no = facts.get(conditional.ABLATION_FACT) is False
            status = (
                "The case says there has been no ovarian ablation or suppression"
                if known_no
                else "Ovarian ablation/suppression is not known"
            )
            out.append(
                Statement(
                    f"{status}. The guideline's pre-menopausal lines from the 2nd on are the "
                    "post-ovarian ablation ones, so the options below hold after ovarian "
                    f'ablation (marked "if {conditional.ABLATION_LABEL}"); the guideline lists '
                    "no later-line options for pre-menopausal disease without it.",
                    "system",
                )
            )
        return out

    def _ask(
        self,
        question: Question,
        changes: list[FactChange],
        new_names: list[str],
        notes: list[Statement],
    ) -> Reply:
        state = self._state
        for name in question.panel or (question.fact,):
            if name not in state.asked:
                state.asked.append(name)
        if question.panel:
            state.panel_asked = True
        elif question.fact not in PANEL and self._level_of(question.fact) == "applicability":
            state.applicability_asked += 1
        state.pending = question.pending()
        statements = compose.change_statements(changes)
        if new_names:
            noted = "; ".join(
                f"{fact_label(n)}: {fact_value_words(n, state.facts[n])}"
                for n in new_names
                if n in state.facts
            )
            if noted:
                statements.append(Statement(f"Noted — {noted}.", "case"))
        statements += compose.inference_statements(state, new_names)
        statements += notes
        statements.append(Statement(question.text, "system"))
        return self._reply("question", statements, asks=question.fact, choices=question.choices)

    def _check_back(self, fact: str, changes: list[FactChange], notes: list[Statement]) -> Reply:
        state = self._state
        state.asked.append(fact)
        question = question_for(fact, state)
        state.pending = question.pending()
        statements = compose.change_statements(changes) + notes
        statements.append(Statement(question.text, "system"))
        return self._reply("clarification", statements, choices=question.choices)

    # ------------------------------------------------------------ male patients
    def _is_male(self) -> bool:
        return self._state.facts.get("sex") == "male"

    def _male_not_covered(self, result: Any) -> bool:
        """A man whose group hinges on menopausal status: the guideline does not cover it."""
        return self._is_male() and any(
            getattr(m, "fact", None) == MENOPAUSAL and getattr(m, "level", "") == "group"
            for m in getattr(result, "missing", ()) or ()
        )

    @staticmethod
    def _level_in(missing: Any, fact: str) -> str:
        for item in missing or ():
            if getattr(item, "fact", None) == fact:
                return str(getattr(item, "level", ""))
        return ""

    def _not_covered_for_men(
        self, result: Any, changes: list[FactChange], notes: list[Statement]
    ) -> Reply:
        """Say plainly that the guideline does not address male patients in its HR+ groups
        (defined by menopausal status) and show the group headings, recommending nothing."""
        state = self._state
        statements = compose.change_statements(changes) + compose.case_summary(state) + notes
        table = load_knowledge().groups
        note = next(c for c in table.coverage if c.when.get("sex") == "male")
        statements.append(
            Statement(
                note.note + " So I cannot place this patient in one of its groups or "
                "recommend from it.",
                "system",
            )
        )
        her2 = state.facts.get("her2")
        groups = [
            row.id
            for row in table.rows
            if row.id in note.groups and (her2 is None or row.when.get("her2") == her2)
        ]
        groups.sort(key=note.groups.index)
        statements.append(Statement("Nearest guideline content — its groups:", "system"))
        statements += [Statement(group_words(g) + ".", "guideline", (g,)) for g in groups]
        if "visceral_crisis" not in state.facts:
            statements.append(
                Statement(
                    "The guideline's visceral-crisis groups do not depend on menopausal status; "
                    'say "visceral crisis: yes" if there is visceral crisis.',
                    "system",
                )
            )
        state.pending = None
        return self._reply("info", statements)

    @staticmethod
    def _level_of_in(result: Any, fact: str) -> str:
        for item in getattr(result, "missing", ()) or ():
            if getattr(item, "fact", None) == fact:
                return str(getattr(item, "level", ""))
        return ""

    def _level_of(self, fact: str) -> str:
        for item in getattr(self._state.last_result, "missing", ()) or ():
            if getattr(item, "fact", None) == fact:
                return str(getattr(item, "level", ""))
        return ""

    def _not_an_answer(self, text: str) -> Reply:
        state = self._state
        pending = state.pending
        assert pending is not None
        if pending.attempts >= 1:
            for name in pending.facts:
                state.mark_unknown(name)
            state.pending = None
            reply = self._evaluate_and_reply(
                [],
                [],
                None,
                [
                    Statement(
                        f"I could not read an answer, so I take {fact_label(pending.fact)} as unknown.",
                        "system",
                    )
                ],
            )
            return reply
        state.pending = type(pending)(
            pending.fact, pending.facts, pending.choices, pending.panel, pending.attempts + 1
        )
        text_q = pending.text or question_for(pending.fact, state).text
        return self._reply(
            "clarification",
            [Statement("I could not read that as an answer. " + text_q, "system")],
            choices=pending.choices,
        )

    def _cannot_answer(
        self, result: Any, changes: list[FactChange], notes: list[Statement]
    ) -> Reply:
        missing = [
            getattr(m, "fact", "")
            for m in getattr(result, "missing", ()) or ()
            if getattr(m, "level", "") in ("group", "line", "node")
        ]
        names = ", ".join(fact_label(m) for m in dict.fromkeys(missing)) or "more case facts"
        statements = compose.change_statements(changes) + compose.case_summary(self._state)
        statements += notes
        statements.append(
            Statement(
                f"Without {names} the guideline's patient group and line cannot be chosen, so I "
                "cannot list options yet. Tell me if any of these becomes known.",
                "system",
            )
        )
        group = getattr(result, "group", None)
        if group:
            # The group is known: show its sequence so the user can place the patient.
            statements.append(
                Statement(f"The guideline's sequence for {group_words(group)}:", "system")
            )
            for info in self._backends.index.nodes:
                if info.group == group:
                    statements.append(
                        Statement(
                            info.heading + ".",
                            "guideline",
                            (f"{info.group}/{info.node}/narrative",),
                        )
                    )
        return self._reply("clarification", statements)

    def _contradiction_reply(
        self, contradictions: tuple[Any, ...], changes: list[FactChange], notes: list[Statement]
    ) -> Reply:
        statements = compose.change_statements(changes) + notes
        choices: list[str] = []
        for c in contradictions:
            fact = getattr(c, "fact", "?")
            values = [fact_value_words(fact, v) for v in getattr(c, "values", ())]
            statements.append(
                Statement(
                    f"The message gives two values for {fact_label(fact)} ({' and '.join(values)}); "
                    "which is right? I have left it unchanged.",
                    "system",
                )
            )
            choices += [v for v in values if v not in choices]
        first = getattr(contradictions[0], "fact", None)
        if first in FACTS:
            # A bare "positive" next is read as the answer to this.
            raw = tuple(
                str(v) if not isinstance(v, bool) else ("yes" if v else "no")
                for v in getattr(contradictions[0], "values", ())
            )
            self._state.pending = PendingQuestion(
                first, (first,), (*raw, UNKNOWN_CHOICE), text=statements[-1].text
            )
            # Asked like any question: "not known" leaves it open and the case goes on.
            return self._reply(
                "question", statements, asks=first, choices=(*choices, UNKNOWN_CHOICE)
            )
        return self._reply("clarification", statements, choices=tuple(choices))

    def _extraction_notes(self, extraction: Any) -> list[Statement]:
        notes = []
        for unknown in getattr(extraction, "unknown_drugs", ()) or ():
            word = _echo(getattr(unknown, "text", ""))
            suggestions = ", ".join(getattr(unknown, "suggestions", ())[:3])
            hint = f" (did you mean {suggestions}?)" if suggestions else ""
            notes.append(
                Statement(
                    f"I did not recognise {word} as a drug the guideline names{hint}.", "system"
                )
            )
        for fact in FACTS:
            if fact in (getattr(extraction, "uncertain", {}) or {}):
                notes.append(
                    Statement(
                        f"{fact_label(fact).capitalize()} sounded uncertain, so I left it open.",
                        "system",
                    )
                )
        return notes

    def _drugs_named(self, extraction: Any, text: str) -> tuple[str, ...]:
        names: list[str] = []
        for mention in getattr(extraction, "drugs", ()) or ():
            generic = getattr(mention, "generic", None)
            if generic and not getattr(mention, "negated", False) and generic not in names:
                names.append(generic)
        for name in self._backends.retriever.lexicon.find(text):
            if name not in names:
                names.append(name)
        return tuple(names)

    # ------------------------------------------------------------ info questions
    def _info(self, text: str, drugs: tuple[str, ...], extraction: Any = None) -> Reply:
        prefer = getattr(self._state.last_answer_result, "group", None)
        words = tuple(
            dict.fromkeys(
                list(drugs)
                + [
                    str(getattr(m, "text", ""))
                    for m in getattr(extraction, "drugs", ()) or ()
                    if getattr(m, "text", "")
                ]
            )
        )
        query = self._follow_up_query(text, drugs, words)
        if query != text:
            words = drugs
        answer = self._backends.retriever.answer(query, drugs, prefer_group=prefer)
        self._last_info = (query, words)
        statements = list(answer.statements)
        lexicon = self._backends.retriever.lexicon
        unnamed = _unnamed_drugs(extraction, lexicon)
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
        if self._state.pending is not None:
            pending = self._state.pending
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
            choices=self._state.pending.choices if self._state.pending else (),
        )

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
        if _FOLLOW_UP_FILLER.sub(" ", rest).strip():
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

    # ------------------------------------------------------------ commands
    def _command(self, command: Command) -> Reply:
        handler = {
            "help": self._cmd_help,
            "why": self._cmd_why,
            "why_not": self._cmd_why_not,
            "sources": self._cmd_sources,
            "source": self._cmd_source,
            "facts": self._cmd_facts,
            "reset": self._cmd_reset,
        }[command.name]
        return handler(command.argument)

    def _cmd_help(self, _: str) -> Reply:
        return self._reply(
            "command", [Statement(line, "system") for line in HELP_LINES], keep_pending=True
        )

    def _cmd_reset(self, _: str) -> Reply:
        self.reset()
        return self._reply(
            "command", [Statement("New case: all facts cleared. Describe the patient.", "system")]
        )

    def _cmd_facts(self, _: str) -> Reply:
        state = self._state
        statements = []
        for name in FACTS:
            if name not in state.facts:
                continue
            origin = state.origins.get(name)
            words = f"{fact_label(name)}: {fact_value_words(name, state.facts[name])}"
            if origin is not None:
                if origin.inferred:
                    words += " (inferred — correct me if wrong)"
                if origin.source_text:
                    words += f' — from "{_echo(origin.source_text, quote=False)}"'
                words += f" (turn {origin.turn})"
            statements.append(Statement(words, "case"))
        for name in state.unknown:
            statements.append(Statement(f"{fact_label(name)}: unknown (as you said)", "case"))
        if not statements:
            statements.append(Statement("No case facts yet.", "system"))
        return self._reply("command", statements, keep_pending=True)

    def _cmd_why(self, _: str) -> Reply:
        result = self._state.last_answer_result or self._state.last_result
        if result is None:
            return self._reply(
                "command",
                [Statement("Nothing to explain yet — describe a case first.", "system")],
                keep_pending=True,
            )
        statements: list[Statement] = [Statement("Your words → case facts:", "system")]
        for name, origin in self.fact_origins.items():
            value = fact_value_words(name, origin.value)
            if origin.inferred:
                statements.append(
                    Statement(f"{fact_label(name)} = {value} (inferred, not stated)", "case")
                )
            elif origin.source_text:
                statements.append(
                    Statement(
                        f'"{_echo(origin.source_text, quote=False)}" → {fact_label(name)} = {value}',
                        "case",
                    )
                )
            else:
                statements.append(Statement(f"{fact_label(name)} = {value}", "case"))
        statements.append(Statement("Rules applied:", "system"))
        for step in getattr(result, "trace", ()) or ():
            rule = getattr(step, "rule", str(step))
            outcome = getattr(step, "outcome", "")
            sources = tuple(getattr(step, "sources", ()) or ())
            words = f"{rule} → {outcome}" if outcome else rule
            statements.append(Statement(words, "guideline" if sources else "system", sources))
        if getattr(result, "group", None) and getattr(result, "line", None):
            node = getattr(result, "node_id", None) or ""
            statements.append(
                Statement(
                    f"Result: {group_words(result.group)}, {line_words(result.line)} (node {node}).",
                    "guideline",
                    compose.node_sources(result),
                )
            )
        return self._reply("command", statements, keep_pending=True)

    def _cmd_why_not(self, argument: str) -> Reply:
        extraction = self._backends.extract(argument)
        drugs = self._drugs_named(extraction, argument)
        if not drugs:
            # "why not CDK4/6 inhibitors": the class's members, as the guideline lists them.
            lexicon = self._backends.retriever.lexicon
            classes = list(lexicon.find_classes(argument)) + [
                c
                for m in getattr(extraction, "drugs", ()) or ()
                if (c := getattr(m, "drug_class", None)) and c in lexicon.class_members
            ]
            drugs = tuple(dict.fromkeys(d for c in classes for d in lexicon.class_members[c]))
        if not drugs:
            return self._reply(
                "command",
                [
                    Statement(
                        f"I do not know {_echo(argument)} as a drug the guideline names.", "system"
                    )
                ],
                keep_pending=True,
            )
        result = self._state.last_answer_result
        retriever = self._backends.retriever
        statements: list[Statement] = []
        for drug in drugs:
            if result is None:
                statements.append(
                    Statement(
                        f"There is no recommendation yet to compare {drug} against.", "system"
                    )
                )
            else:
                containing = [o for o in result.options if drug in o.drugs]
                if containing and any(o.applicable is not False for o in containing):
                    statements.append(Statement(f"{drug} is among the options here:", "system"))
                    statements += [
                        compose.option_statement(o, compose.narrative_of(result))
                        for o in containing
                        if o.applicable is not False
                    ]
                elif containing:
                    statements += [
                        compose.option_statement(o, compose.narrative_of(result))
                        for o in containing
                    ]
                else:
                    # About an absence: it recommends nothing and quotes nothing (system).
                    statements.append(
                        Statement(
                            f"{drug} is not among the options the guideline lists for "
                            f"{group_words(result.group)}, {line_words(result.line)}.",
                            "system",
                        )
                    )
            nodes = retriever.nodes_offering(drug)
            if nodes:
                where = []
                for node in nodes[:4]:
                    group, slug = node.split("/", 1)
                    info = next(
                        n for n in retriever.index.nodes if n.group == group and n.node == slug
                    )
                    where.append(
                        f"{group_words(group)}, {line_words(info.line)}"
                        if info.line
                        else f"{group_words(group)}, {info.heading}"
                    )
                more = f" and {len(nodes) - 4} more" if len(nodes) > 4 else ""
                cited = tuple(
                    sid
                    for node in nodes[:4]
                    for sid in (f"{node}/primary-options", f"{node}/secondary-options")
                    if sid in retriever.index and drug in retriever.index[sid].text.lower()
                )[:MAX_WHERE]
                statements.append(
                    Statement(
                        f"The guideline lists {drug} at: " + "; ".join(where) + more + ".",
                        "guideline",
                        cited,
                    )
                )
        return self._reply("command", statements, keep_pending=True)

    def _cmd_sources(self, _: str) -> Reply:
        index = self._backends.index
        if not self._last_cited:
            return self._reply(
                "command",
                [Statement("The last answer cited no guideline sections.", "system")],
                keep_pending=True,
            )
        statements = [
            Statement(f"{sid} — {_section_words(sid)}", "guideline", (sid,))
            for sid in self._last_cited
            if sid in index
        ]
        return self._reply("command", statements, keep_pending=True)

    def _cmd_source(self, argument: str) -> Reply:
        index = self._backends.index
        section = index.get(argument.strip())
        if section is None:
            close = difflib.get_close_matches(argument.strip(), index.ids(), n=3, cutoff=0.6)
            hint = (
                (" Did you mean: " + ", ".join(close) + "?")
                if close
                else (" 'sources' lists the ids cited in the last answer.")
            )
            return self._reply(
                "clarification",
                [Statement(f"There is no section {_echo(argument)}.{hint}", "system")],
                keep_pending=True,
            )
        return self._reply(
            "command",
            [
                Statement(section.title, "system"),
                Statement(section.text, "guideline", (section.id,)),
            ],
            keep_pending=True,
        )

    # ------------------------------------------------------------ reply assembly
    def _line_narratives(self) -> dict[tuple[str, int], list[str]]:
        out: dict[tuple[str, int], list[str]] = {}
        for n in self._backends.index.nodes:
            if n.line is not None:
                out.setdefault((n.group, n.line), []).append(f"{n.group}/{n.node}/narrative")
        return out

    def _node_titles(self) -> dict[str, str]:
        return {f"{n.group}/{n.node}": n.title for n in self._backends.index.nodes}

    def _node_title(self, result: Any) -> str:
        node_id = getattr(result, "node_id", None)
        if not node_id:
            return ""
        for info in self._backends.index.nodes:
            if f"{info.group}/{info.node}" == node_id:
                return info.title
        return ""

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


MAX_WHERE = 4
_PART_WORDS = {
    "narrative": "narrative",
    "primary-options": "primary options",
    "secondary-options": "secondary options",
    "supportive-care": "supportive care",
}


def _unnamed_drugs(extraction: Any, lexicon: Any) -> list[str]:
    """Drug words of the message that name no drug of the guideline's option lists (a class
    phrase like "zoledronic acid" or "bisphosphonate"), as the user wrote them."""
    out: list[str] = []
    for mention in getattr(extraction, "drugs", ()) or ():
        words = str(getattr(mention, "text", "") or "")
        if (
            getattr(mention, "generic", None) is None
            and not getattr(mention, "negated", False)
            and words
            and not lexicon.find(words)
        ):
            echoed = _echo(words, quote=False)
            if echoed not in out:
                out.append(echoed)
    return out


def _section_words(section_id: str) -> str:
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


_DOSE_LIKE = re.compile(r"\d+(?:\.\d+)?\s?(?:mg|mcg|µg|micrograms|ml|g|units|iu)\b", re.I)


def _echo(text: str, *, quote: bool = True, limit: int = 60) -> str:
    """User text shown back: control characters gone, length capped, and no dose-like
    quantity (a case or system statement never states a dose, even the user's)."""
    cleaned = _DOSE_LIKE.sub("…", sanitize(text))
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return f'"{cleaned}"' if quote else cleaned
