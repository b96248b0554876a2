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
from collections import deque
from collections.abc import Sequence
from typing import Any

from chatbot.contract import FACTS, FactOrigin, Facts, Recommendation, Reply, ReplyKind, Statement
from chatbot.dialogue import compose, conditional, scope
from chatbot.dialogue.backends import Backends, default_backends
from chatbot.dialogue.commands import HELP_LINES, Command, parse_command
from chatbot.dialogue.conditional import DefaultPath
from chatbot.dialogue.policy import PANEL, Question, next_question, question_for, read_short_answer
from chatbot.dialogue.retrieval import info_topic
from chatbot.dialogue.state import CaseState, FactChange, PendingQuestion, facts_for_engine
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words, line_words
from chatbot.engine.result import Reason

log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 4000
SHORT_MESSAGE_WORDS = 4
MENOPAUSAL = "menopausal_status"
_CORRECTION_CUE = re.compile(
    r"\b(?:actually|sorry|correction|i meant|i mean|my mistake|mistake|typo|wrong|rather|"
    r"instead|not\s+\d+|update[sd]?|changed?)\b",
    re.I,
)
_DRUG_FACTS = frozenset({"prior_therapies", "progressed_on", "prior_cdk46"})
# What may surround the drug in an elliptical follow-up ("And everolimus?", "what about X").
_FOLLOW_UP_FILLER = re.compile(
    r"\b(?:and|what|how|about|for|with|of|the|then|also|regarding|re|plus|same|so|ok|okay)\b"
    r"|[^\w\s]",
    re.I,
)
# Facts that alone do not start a case (drugs, comorbidities, sites).
_PERIPHERAL_FACTS = _DRUG_FACTS | {"dialysis", "neuropathy", "heart_failure", "metastatic_sites"}


def sanitize(text: str) -> str:
    """Control and format characters become spaces; whitespace runs collapse."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
    return re.sub(r"\s+", " ", cleaned).strip()


HISTORY_KEPT = 200
"""Turns ``Session.history`` keeps; the shells' history database keeps every turn."""


class Session:
    """One conversation about one case at a time (``reset`` starts a new case)."""

    def __init__(self, backends: Backends | None = None) -> None:
        self._backends = backends or default_backends()
        self._state = CaseState()
        self.history: deque[tuple[str, Reply]] = deque(maxlen=HISTORY_KEPT)
        """The latest turns (bounded: a long session must not grow without limit)."""
        self.dropped: list[tuple[Statement, list[Any]]] = []
        """Guideline statements the grounding check refused (never shown; tests assert empty)."""
        self._last_cited: tuple[str, ...] = ()
        self._last_info: tuple[str, tuple[str, ...]] | None = None
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
        command = parse_command(text)
        if command is not None:
            return self._command(command)
        decision = scope.judge_scope(text)
        pending = state.pending
        short = read_short_answer(pending, text) if pending else None
        notes_first: list[Statement] = []
        if decision.reason == "injection":
            remainder = scope.without_instructions(text)
            if remainder and scope.describes_patient(remainder):
                # A case with an instruction buried in it: the case is answered, the
                # instruction is not followed.
                text = remainder
                decision = scope.judge_scope(text)
                notes_first.append(Statement(scope.INJECTION_NOTE, "system"))
        if decision.out_of_scope and short is None:
            return self._reply(
                "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True
            )
        extraction = self._backends.extract(text)
        facts = {
            k: v for k, v in dict(getattr(extraction, "facts", {}) or {}).items() if k in FACTS
        }
        unknown_facts = [f for f in FACTS if f in (getattr(extraction, "unknown_facts", ()) or ())]
        contradictions = tuple(getattr(extraction, "contradictions", ()) or ())
        drugs = self._drugs_named(extraction, text)
        if (
            short is None
            and (not state.facts or scope.is_question(text))
            and scope.other_condition(text, drugs)
        ):
            # "How should I treat a urinary tract infection in a 30-year-old woman?": not a
            # breast cancer case, whatever age and sex it gives.
            return self._reply(
                "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True
            )

        info_like = scope.asks_for_information(text) or (
            scope.is_question(text) and not scope.asks_for_recommendation(text)
        )
        case_like = bool(facts) and not set(facts) <= _DRUG_FACTS
        if case_like and not state.facts and drugs and set(facts) <= _PERIPHERAL_FACTS:
            # "denosumab on dialysis" with no case yet: a question about the drug.
            info_like = True
        if (
            case_like
            and not state.facts
            and set(facts) <= _PERIPHERAL_FACTS
            and scope.asks_for_information(text)
            and (drugs or _unnamed_drugs(extraction, self._backends.retriever.lexicon))
        ):
            # "What dose of zoledronic acid should I give for her bone metastases?" with no
            # case yet: a question about the drug, not the start of a case.
            case_like = False
        # A general question ("what is visceral crisis?", "does ribociclib improve OS in
        # HER2-negative disease?") is answered from the guideline; its words are not case facts.
        general = (
            not scope.describes_patient(text)
            and "age" not in facts
            and not scope.asks_for_recommendation(text)
        )
        if (
            info_like
            and (not case_like or general)
            and short is None
            and not unknown_facts
            and not contradictions
        ):
            return self._info(text, drugs, extraction)
        if not facts and short is None and not unknown_facts and not contradictions:
            if info_like and (drugs or scope.is_medical(text)):
                return self._info(text, drugs, extraction)  # "what is the dose of X for her?"
            if scope.asks_for_recommendation(text) and not info_like:
                if pending is not None:
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
                return self._evaluate_and_reply([], [], extraction)
            if pending is not None:
                return self._not_an_answer(text)
            if drugs or scope.is_medical(text):
                if scope.is_question(text) or drugs:
                    return self._info(text, drugs, extraction)
                return self._reply(
                    "clarification",
                    [
                        Statement(
                            "I found no case facts in that. Describe the case (receptor and HER2 "
                            "status, menopausal status, what she is progressing on, earlier lines) "
                            "or ask a question; 'help' lists what I can do.",
                            "system",
                        )
                    ],
                )
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
            return self._reply(
                "out_of_scope", [Statement(scope.SCOPE_SENTENCE, "system")], keep_pending=True
            )

        # ---- a case message (possibly a short answer to the pending question)
        if short is not None:
            # Read relative to the question asked ("yes" to "Is fulvestrant her first
            # treatment …?" is 1 line), so it wins over a context-free reading.
            facts.update(short.facts)
            unknown_facts += [f for f in short.unknown if f not in unknown_facts]
        correction_cue = bool(_CORRECTION_CUE.search(text))
        swapped = self._swapped_regimen(extraction, facts, correction_cue)
        if swapped is not None:
            dropped = [d for d in state.facts.get("progressed_on", []) if d not in swapped]  # type: ignore[union-attr]
            prior = state.facts.get("prior_therapies")
            if "prior_therapies" not in facts and isinstance(prior, list):
                # the drug swapped out was never given
                facts["prior_therapies"] = [d for d in prior if d not in dropped] + [
                    d for d in swapped if d not in prior
                ]
            facts["progressed_on"] = swapped
        inferred = frozenset(getattr(extraction, "inferred", ()) or ())
        corrections = frozenset(getattr(extraction, "corrections", ()) or ())
        if swapped is not None:
            corrections |= {"progressed_on", "prior_therapies"}
        spans = getattr(extraction, "spans", {}) or {}
        source_text = {}
        for name in facts:
            found = spans.get(name)
            if found:
                items = found if isinstance(found, (tuple, list)) else (found,)
                source_text[name] = " … ".join(getattr(s, "text", str(s)) for s in items)
            elif short is not None and name in short.facts:
                source_text[name] = text
        asked_now = set(pending.facts) if pending is not None else set()
        changes, kept = state.merge(
            facts,
            inferred=inferred,
            corrections=corrections | asked_now,
            correction_cue=correction_cue,
            source_text=source_text,
        )
        for name in unknown_facts:
            if name not in state.facts:
                state.mark_unknown(name)
        if pending is not None:
            if pending.panel:
                state.panel_asked = True
                for name in pending.facts:
                    if name not in state.facts:
                        state.mark_unknown(name)
            elif pending.fact not in state.facts and pending.fact not in state.unknown:
                # The message told us other things but not this: it may be asked again.
                state.asked = [f for f in state.asked if f != pending.fact]
            state.pending = None
        notes = (
            notes_first
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
        if correction_cue and self._only_confirms(facts, changes, kept, pending):
            return self._confirmed(facts)
        new_names = [k for k in FACTS if k in facts]
        uncertain = [
            f
            for f in FACTS
            if f in (getattr(extraction, "uncertain", {}) or {}) and f not in state.facts
        ]
        return self._evaluate_and_reply(changes, new_names, extraction, notes, uncertain)

    def _only_confirms(
        self, facts: dict[str, Any], changes: Sequence[Any], kept: Sequence[Any], pending: Any
    ) -> bool:
        """A correction that restates what the case already holds, after an answer."""
        state = self._state
        return (
            bool(facts)
            and not changes
            and not kept
            and pending is None
            and state.last_answer_result is not None
            and not state.changed_since_answer
            and all(state.facts.get(k) == v for k, v in facts.items())
        )

    def _confirmed(self, facts: dict[str, Any]) -> Reply:
        """ "confirmed: …" — the case and the answer stay as they are, so it is not repeated."""
        said = "; ".join(f"{fact_label(k)} {compose.value_words(k, v)}" for k, v in facts.items())
        return self._reply(
            "info",
            [Statement(f"confirmed: {said}. Nothing changes; the last answer stands.", "case")],
        )

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
        branches: list[tuple[DefaultPath, Any]] = []
        if rec is None:
            defaulted, branches, question = self._default_path(result, facts)
            if question is not None:
                return self._ask(question, changes, new_names, notes)
            if branches:
                result = defaulted
                rec = compose.recommendation_of(result)
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
        statements += self._conditional_statements(result, branches, ablation_open)
        condition = " and ".join(path.if_words for path, _ in branches)
        statements += compose.answer_statements(
            result, state, self._node_title(result), condition=condition
        )
        state.last_answer_result = result
        state.changed_since_answer = False
        return self._reply("answer", statements, recommendation=rec)

    def _conditional_statements(
        self, result: Any, branches: list[tuple[DefaultPath, Any]], ablation_open: bool
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
            known_no = self._state.facts.get(conditional.ABLATION_FACT) is False
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

    def _default_path(
        self, result: Any, facts: dict[str, Any]
    ) -> tuple[Any, list[tuple[DefaultPath, Any]], Question | None]:
        """The answer for the guideline's default path of deciding facts answered "unknown",
        every option conditional on it (``applicable: null``), with the other branch's result.

        Only facts with a default path (conditional.DEFAULT_PATHS: no visceral crisis, no
        active brain metastases, able to tolerate chemotherapy, no germline BRCA mutation)
        and only once the user said they are unknown; a fact with no default path (receptor
        status, prior lines) leaves the answer open. Returns (result, branches, question):
        a question when the default path itself needs a fact still to be asked.
        """
        state = self._state
        chosen: dict[str, DefaultPath] = {}
        base = dict(facts)
        current = result
        for _ in range(len(conditional.DEFAULT_PATHS)):
            blocking = [
                getattr(m, "fact", "")
                for m in getattr(current, "missing", ()) or ()
                if getattr(m, "level", "") in ("group", "line", "node")
            ]
            if not blocking or any(
                f not in conditional.DEFAULT_PATHS or f not in state.unknown for f in blocking
            ):
                break
            for fact in blocking:
                chosen[fact] = conditional.DEFAULT_PATHS[fact]
            base = {**facts, **{f: p.value for f, p in chosen.items()}}
            current = self._backends.evaluate(base)
            missing = conditional.ablation_missing(current, base)
            question = next_question(missing, state)
            if question is not None:
                return result, [], question
            if compose.recommendation_of(current) is not None:
                break
        if not chosen or compose.recommendation_of(current) is None:
            return result, [], None
        return self._conditional_on(current, base, chosen)

    def _conditional_on(
        self, result: Any, base: dict[str, Any], chosen: dict[str, DefaultPath]
    ) -> tuple[Any, list[tuple[DefaultPath, Any]], None]:
        """Mark the default path's options conditional; add the other node variant's options
        (same group and line) conditional on the other branch."""
        branches: list[tuple[DefaultPath, Any]] = []
        reasons: dict[str, Reason] = {}
        others: dict[str, Any] = {}
        for fact, path in chosen.items():
            other = self._backends.evaluate({**base, fact: not path.value})
            others[fact] = other
            if other.group != result.group:
                # the group heading says it: "…, without visceral crisis: post-menopausal"
                sources = [result.group]
            else:
                # the variant nodes' narratives say which patients each is for
                sources = [f"{result.node_id}/narrative"]
                if other.node_id:
                    sources.append(f"{other.node_id}/narrative")
            reasons[fact] = conditional.default_reason(path, tuple(dict.fromkeys(sources)))
            branches.append((path, other))
        conditioned = conditional.with_conditions(result, reasons.values())
        options = list(conditioned.options)
        have = {tuple(o.drugs) for o in options}
        for fact, path in chosen.items():
            other = others[fact]
            if other.group != result.group or other.line != result.line or not other.node_id:
                continue
            extra = (
                conditional.other_reason(
                    path, (f"{other.node_id}/narrative", f"{result.node_id}/narrative")
                ),
                *[r for f, r in reasons.items() if f != fact],
            )
            for option in other.options:
                if tuple(option.drugs) in have or option.applicable is False:
                    continue
                have.add(tuple(option.drugs))
                options.append(conditional.conditional_option(option, extra))
        return dataclasses.replace(conditioned, options=tuple(options)), branches, None

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
        statements.append(
            Statement(
                "The guideline's groups for hormone receptor-positive disease are defined by "
                "menopausal status, and the guideline does not address male patients, so I "
                "cannot place this patient in one of its groups or recommend from it.",
                "system",
            )
        )
        her2 = state.facts.get("her2")
        groups = [
            g
            for g in (
                "hr-pos-her2-neg-postmenopausal",
                "hr-pos-her2-neg-premenopausal",
                "hr-pos-her2-pos-postmenopausal",
                "hr-pos-her2-pos-premenopausal",
            )
            if her2 is None or ("her2-pos" in g) == (her2 == "positive")
        ]
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
            self._state.pending = PendingQuestion(first, (first,), raw, text=statements[-1].text)
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
