"""Handlers for the case: a description or update, a correction, the answer to the question
asked — merge, evaluate, then ask the one decisive question or answer (over branches when a
deciding fact is unknown)."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import Any

from chatbot.contract import (
    FACTS,
    FactOrigin,
    FactValue,
    Reply,
    Statement,
)
from chatbot.dialogue import compose, conditional, scope
from chatbot.dialogue.branching import (
    branch_choices,
    branch_statements,
    branch_views,
    refinement_choices,
)
from chatbot.dialogue.conditional import DefaultPath
from chatbot.dialogue.core import MENOPAUSAL, as_list
from chatbot.dialogue.info_turns import InfoTurns
from chatbot.dialogue.message import Message
from chatbot.dialogue.policy import (
    PANEL,
    UNKNOWN_CHOICE,
    Question,
    next_question,
    question_for,
)
from chatbot.dialogue.progression import later_progression
from chatbot.dialogue.router import (
    CORRECTION_CUE,
    HISTORY_FACTS,
    asked_in_its_sentence,
    progressed_on_current,
    sentence_at,
)
from chatbot.dialogue.state import FactChange, PendingQuestion, facts_for_engine
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words, line_words
from chatbot.engine.branches import DECIDING as DECIDING_LEVELS
from chatbot.engine.branches import Exploration, explore
from chatbot.kb.loader import load_knowledge

log = logging.getLogger(__name__)


# the cue words of an update, not of a correction of what was said ("Update: she has now
# progressed on eribulin")
UPDATE_WORDS = frozenset({"update", "updated", "updates"})


# a progression of another time told again ("she also progressed on letrozole before"); of
# the regimen she is on only a word of an earlier time (RETOLD_EARLIER) tells it again, not
# "also"/"too" ("progressed on capecitabine too" after letrozole + palbociclib failed is news,
# the review of stop 71)
_EARLIER_WORDS = r"previously|earlier|before|prior|originally|initially"
RETOLD_EARLIER = re.compile(rf"\b(?:{_EARLIER_WORDS})\b", re.I)
RETOLD = re.compile(rf"\b(?:also|too|{_EARLIER_WORDS})\b", re.I)


# an update that restates what was told ("Update: it was anastrozole + ribociclib")
RESTATED = re.compile(r"\b(?:it\s+was|it'?s|it\s+is|was\s+actually|should\s+(?:be|read))\b", re.I)


def _corrects(text: str, extraction: Any) -> bool:
    """The message corrects what was told (a correction cue other than an update's, a drug
    denied: "actually it was eribulin she progressed on, not capecitabine", or an update
    that restates: "Update: it was anastrozole + ribociclib")."""
    cues = {m.group(0).lower() for m in CORRECTION_CUE.finditer(text)}
    return (
        bool(cues - UPDATE_WORDS)
        or any(m.negated for m in extraction.drugs)
        or RESTATED.search(text) is not None
    )


# the subject of a sentence telling her progression ("She has progressed on …")
TOLD_BY = re.compile(
    r"^\W*(?:she|he|pt|patient|the\s+patient|mrs\b|ms\b|her\b|update\b|now\b)", re.I
)


def _progression_asked(text: str, extraction: Any) -> bool:
    """The progression is read from a question, not told ("Is a rising CA15-3 progression on
    eribulin?", "progressing on eribulin? what do you think"): asked in its sentence (no
    clause after it, or a sentence opening asking: "PD on fulvestrant, what next?" tells it,
    stop 72) and not opening with her as its subject (the review of stop 69)."""
    for span in extraction.spans.get("progressed_on", ()):
        starts = [m.end() for m in re.finditer(r"[.!?\n]", text[: span.start])]
        start = starts[-1] if starts else 0
        if asked_in_its_sentence(text, span.start, span.end) and not TOLD_BY.match(text[start:]):
            return True
    return False


def _corrects_the_history(text: str, extraction: Any, on_now: Sequence[str] = ()) -> bool:
    """The message corrects the treatment history or tells it again (RETOLD), rather than
    telling what happened since. Of the regimen she is on (``on_now``, not counted), only a
    word of an earlier time tells it again."""
    failing = set(as_list(extraction.facts.get("progressed_on")))
    retold = RETOLD_EARLIER if failing and failing <= set(on_now) else RETOLD
    return _corrects(text, extraction) or retold.search(text) is not None


WHICH_REGIMEN = (
    "I read that she has progressed, but not on which treatment: name it (for example "
    "'progressed on letrozole + palbociclib')."
)


# a regimen told begun ("switched to fulvestrant", "started capecitabine last week")
BEGUN_CUE = re.compile(
    r"\b(?:switch|start|chang|mov|commenc|began|begun|begin|initiat|put\s+on|now\s+on)\w*", re.I
)


def _begun_after_it(
    text: str, extraction: Any, facts: dict[str, Any], case: dict[str, Any]
) -> list[str]:
    """The regimen a message tells begun after "it" failed ("She progressed on it, now on
    capecitabine", "It stopped working, so she started capecitabine"): its only history is
    regimens new to the case, none told failing nor counted, told begun or read as the one
    she is on. Empty otherwise (a regimen told of the past is history, not the one begun)."""
    told = [d for d in as_list(facts.get("prior_therapies")) if isinstance(d, str)]
    if (
        not told
        or facts.keys() & HISTORY_FACTS - {"prior_therapies", "prior_chemo_lines"}
        or set(told) & set(as_list(case.get("prior_therapies")))
    ):
        return []
    if set(told) <= set(extraction.on_now) or BEGUN_CUE.search(text):
        return told
    return []


# Facts of the disease that change over its course: a new value told as of now ("She now has
# visceral crisis with liver failure", "ctDNA at progression now shows an ESR1 mutation", "the
# new liver biopsy is now HER2-positive") is news of the case, taken and said as an update, not
# a conflict kept with "say 'actually …'" (stop 72; left alone at stop 71). Not what cannot
# change (germline BRCA, age, sex) nor the history (read by its own rules).
CHANGING_FACTS = frozenset(
    {"visceral_crisis", "brain_metastases", "menopausal_status", "chemo_candidate", "ecog"}
    | {"hormone_receptor", "her2", "her2_low", "pdl1", "pik3ca", "esr1", "akt1", "pten"}
    | {"heart_failure", "dialysis", "neuropathy"}
)
TOLD_NOW = re.compile(
    r"\b(?:now|newly|has\s+(?:since\s+)?developed|developed|developing|emerged|acquired|since"
    r"|latest|repeat|re-?biops\w*|re-?test\w*|this\s+time|today|at\s+progression"
    r"|on\s+progression)\b",
    re.I,
)
# a sentence that asks, doubts or supposes it tells no change ("Is this now a visceral crisis?",
# "Could she now have visceral crisis", "if she now develops …")
TOLD_UNSURE = re.compile(
    r"\b(?:if|whether|could|may|might|maybe|perhaps|possibl\w*|probabl\w*|likely|unlikely"
    r"|suspect\w*|query|queried|concern\w*|not\s+sure|unsure|would|should|rule\s+out)\b",
    re.I,
)
# …nor one of an earlier result, whatever "now" it has ("Now, the original 2019 core was HER2
# 3+", "now that I check, ER was negative on the original biopsy too": the review of stop 72)
TOLD_EARLIER = re.compile(
    r"\bnow\s+that\b|\b(?:original\w*|initial\w*|previous\w*|prior|earlier|before|first"
    r"|primary|at\s+diagnosis|(?:19|20)\d\d|by\s+the\s+way|too)\b",
    re.I,
)


def _changed_now(
    text: str, extraction: Any, facts: dict[str, Any], held: dict[str, Any]
) -> frozenset[str]:
    """The facts this message tells changed since, as of now: a changing fact (above) the case
    holds with another value, stated (not inferred) in a sentence that tells it now."""
    changed = set()
    for name, value in facts.items():
        if name not in CHANGING_FACTS or name in extraction.inferred:
            continue
        if held.get(name) is None or held[name] == value:
            continue
        for span in extraction.spans.get(name, ()):
            told = sentence_at(text, span.start, span.end)
            if (
                TOLD_NOW.search(told)
                and not TOLD_UNSURE.search(told)
                and not TOLD_EARLIER.search(told)
                and not asked_in_its_sentence(text, span.start, span.end)
            ):
                changed.add(name)
    return frozenset(changed)


# the ovarian function suppression given beside an endocrine regimen (knowledge/drugs.yaml)
OVARIAN_SUPPRESSION_CLASS = "gnrh-agonist"


def _suppression_drugs() -> frozenset[str]:
    """The knowledge's ovarian-suppression drugs (goserelin, leuprorelin, …)."""
    found = load_knowledge().classes.get(OVARIAN_SUPPRESSION_CLASS)
    return frozenset(found.members) if found is not None else frozenset()


def _on_now_after(on_now: list[str], told: list[str]) -> list[str]:
    """The regimen she is on after a message tells ``told`` current. Ovarian suppression told
    alone ("yes, goserelin since diagnosis", answering whether her ovaries are suppressed) is
    part of the regimen she is on, not a regimen of its own: added to it, and never the one a
    later "she's progressed on it" fails by itself (stop 71)."""
    if not set(told) <= _suppression_drugs():
        return told
    return list(dict.fromkeys([*on_now, *told])) if on_now else []


# A later message telling a drug of the regimen she is on stopped, or a drug added to it, or
# another drug with neither (the review of stop 73: "Started letrozole + ribociclib." /
# "Stopped ribociclib for toxicity." / "She progressed." failed ribociclib too)
STOPPED_CUE = re.compile(
    r"\b(?:stopped|stopping|discontinued|ceased|halted|held|withdrawn|off)\b", re.I
)
ADDED_CUE = re.compile(r"\b(?:added|adding|add|plus|combined\s+with|in\s+combination)\b", re.I)


def _on_now_told_after(on_now: list[str], told: list[str], text: str) -> list[str]:
    """The regimen she is on after a message names ``told`` without telling it current,
    begun or failing: less what it tells stopped, with what it tells added; with another drug
    told otherwise, none known (which one she is on is asked when it matters)."""
    if STOPPED_CUE.search(text):
        return [d for d in on_now if d not in told]
    if ADDED_CUE.search(text):
        return list(dict.fromkeys([*on_now, *told]))
    if set(told) - set(on_now) - _suppression_drugs():
        return []
    return on_now


class CaseTurns(InfoTurns):
    """The case: description, update, correction, answer to the question asked."""

    def _on_case(self, message: Message) -> Reply:
        """A case description or update, a correction, or the answer to the question asked."""
        state = self._state
        text, extraction, short = message.text, message.extraction, message.short
        pending = state.pending
        correction = message.route.intent == "correction"
        facts = {k: v for k, v in extraction.facts.items() if k in FACTS}
        unknown_facts = [f for f in FACTS if f in extraction.unknown_facts]
        contradictions = extraction.contradictions
        # a fact the case holds that this message leaves in doubt ("Actually her periods
        # stopped two years ago, after chemotherapy" of a post-menopausal case)
        doubted = [f for f in FACTS if f in extraction.uncertain and f in state.facts]
        resolved: list[str] = []  # the regimen "it" was read as
        which = False
        begun = _begun_after_it(text, extraction, facts, state.facts)
        if (
            (not facts.keys() & HISTORY_FACTS or begun)
            and state.facts
            and not correction
            and progressed_on_current(text)
        ):
            # "She's progressed on it.": the regimen the case holds she is on; unknown, it is
            # asked (never guessed among the therapies told)
            if not state.on_now and not facts:
                return self._which_regimen_failed()
            if state.on_now:
                resolved = list(state.on_now)
                facts["progressed_on"] = resolved
            else:
                which = True  # its other facts are read; the treatment is asked beside them
                begun = []  # (which one failed is asked: nothing is counted yet)
        else:
            begun = []
        if not facts and short is None and not unknown_facts and not contradictions and not doubted:
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
        reading: list[Statement] = [Statement(WHICH_REGIMEN, "system")] if which else []
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
            dropped = [d for d in as_list(state.facts.get("progressed_on")) if d not in swapped]
            prior = state.facts.get("prior_therapies")
            if "prior_therapies" not in facts and isinstance(prior, list):
                # the drug swapped out was never given
                facts["prior_therapies"] = [d for d in prior if d not in dropped] + [
                    d for d in swapped if d not in prior
                ]
            facts["progressed_on"] = swapped
        corrections = frozenset(extraction.corrections)
        corrections |= _changed_now(text, extraction, facts, state.facts)
        if swapped is not None:
            corrections |= {"progressed_on", "prior_therapies"}
        if resolved and state.on_now_counted:
            corrections |= {"progressed_on"}  # counted already: it is now the one failing
        later = None
        if swapped is None and (
            resolved  # (read as news already: "it's not working" denies no drug)
            or (
                not _corrects_the_history(text, extraction, state.uncounted_now())
                and not _progression_asked(text, extraction)
            )
        ):
            stated = {k: v for k, v in facts.items() if k not in extraction.inferred}
            later = later_progression(state.facts, stated, on_now=state.uncounted_now())
        if later is not None:
            # "She has now progressed on eribulin": news, not a conflict with the regimen
            # the case progressed on before; the counts are set after the merge (inferred)
            corrections |= {"progressed_on"}
            facts["progressed_on"] = later.facts["progressed_on"]
            for name in later.facts:
                if name != "progressed_on":
                    facts.pop(name, None)  # (each said as an inference, with what it rests on)
        held_failing = as_list(state.facts.get("progressed_on"))
        if (
            swapped is None
            and later is None
            and not correction_cue
            and held_failing
            and set(as_list(facts.get("progressed_on"))).isdisjoint(held_failing)
            and RETOLD_EARLIER.search(text)
        ):
            # "she had also progressed on letrozole + palbociclib before that": an earlier
            # failure told, the regimen failing now stays (the review of stop 71)
            facts.pop("progressed_on", None)
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
            # an update adds to the history told ("Update: she has now progressed on
            # eribulin" keeps letrozole and palbociclib given); a correction replaces it
            replace_lists=correction_cue and _corrects(text, extraction),
        )
        if later is not None:
            changes += [
                change
                for name, value in later.facts.items()
                if name != "progressed_on"
                and (change := state.infer(name, value, text)) is not None
            ]
            state.on_now, state.on_now_counted = [], False  # the regimen she was on has failed
        if extraction.on_now:
            held = state.on_now
            state.on_now = _on_now_after(held, list(extraction.on_now))
            if not set(held) <= set(state.on_now):
                state.on_now_counted = False  # another regimen, not counted yet
        if resolved and begun:
            # "She progressed on it, now on capecitabine": the regimen begun after it is the
            # one she is on, not counted (stop 71)
            state.on_now, state.on_now_counted = begun, False
        told = [d for d in as_list(facts.get("prior_therapies")) if isinstance(d, str)]
        if state.on_now and told and later is None and not extraction.on_now and not begun:
            state.on_now = _on_now_told_after(state.on_now, told, text)
        given = as_list(state.facts.get("prior_therapies"))
        if any(d not in given for d in state.on_now):
            # a correction took a drug of it out ("actually she's now on exemestane +
            # everolimus, not fulvestrant"): no regimen is known to be the current one
            state.on_now, state.on_now_counted = [], False
        if (
            "prior_lines" in facts
            and "prior_lines" not in extraction.inferred
            and later is None
            and state.on_now
            and not extraction.on_now
            and not begun
        ):
            # a count told after the regimen she is on counts it ("how many lines has she
            # had, counting it?" answered "1", the review of stop 71)
            state.on_now_counted = True
        if resolved and state.facts.get("progressed_on") == resolved:
            # an inference from the conversation, shown as one the user can correct ("I
            # inferred progressing on = fulvestrant; say so if that is wrong.")
            state.origins["progressed_on"] = FactOrigin(resolved, True, text, state.turn)
        for name in unknown_facts:
            if name not in state.facts:
                state.mark_unknown(name)
        doubts: list[Statement] = []
        for name in doubted:
            if name in facts:
                continue  # the message also states it: that value is taken
            if correction_cue:
                # a correction always changes the case: the value is withdrawn and asked
                changes.extend(state.withdraw(name))
            else:
                doubts.append(_kept_note(name, state.facts[name], "leaves it uncertain"))
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
            + doubts
            + reading
            + self._extraction_notes(extraction, said=doubted)
            + [
                _kept_note(k.fact, k.old, f"says {compose.value_words(k.fact, k.new)}")
                for k in kept
            ]
        )
        if contradictions:
            return self._contradiction_reply(contradictions, changes, notes)
        if correction_cue and self._only_confirms(facts, changes, kept, pending):
            return self._confirmed(facts)
        new_names = [k for k in FACTS if k in facts]
        uncertain = [f for f in FACTS if f in extraction.uncertain and f not in state.facts]
        return self._evaluate_and_reply(changes, new_names, extraction, notes, uncertain)

    def _only_confirms(
        self, facts: dict[str, Any], changes: list[FactChange], kept: list[Any], pending: Any
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
        mentions = [m for m in extraction.drugs if m.generic]
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
        missing = result.missing
        if self._is_male():
            missing = tuple(m for m in missing if m.fact != MENOPAUSAL)
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
            if exploration.default is None and not exploration.branches:
                # Nothing left to ask (every question had its turn): every deciding fact
                # still open is a branch, never "cannot list options".
                every = [m.fact for m in result.missing if m.level in DECIDING_LEVELS]
                exploration = explore(facts, every, evaluate=self._backends.evaluate)
            if exploration.default is not None:
                # The default path may itself need a fact still to be asked (the panel).
                question = next_question(exploration.default.missing, state)
                if question is not None:
                    return self._ask(question, changes, new_names, notes)
                result = exploration.default
                rec = compose.recommendation_of(result)
                paths = self._default_paths(exploration)
            elif exploration.branches:
                return self._branches_answer(exploration, changes, notes)
        if rec is None:
            return self._cannot_answer(result, changes, notes)
        # the engine already made the options conditional on it; here it is said why
        ablation_open = conditional.needs_ablation(result, facts)
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
            if other is None or not other.group:
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

    def _is_male(self) -> bool:
        return self._state.facts.get("sex") == "male"

    def _male_not_covered(self, result: Any) -> bool:
        """A man whose group hinges on menopausal status: the guideline does not cover it."""
        return self._is_male() and any(
            m.fact == MENOPAUSAL and m.level == "group" for m in result.missing
        )

    @staticmethod
    def _level_in(missing: Any, fact: str) -> str:
        for item in missing or ():
            if item.fact == fact:
                return str(item.level)
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
        covered = self._covered_branches_for_men(note.groups)
        if covered is not None:
            # Receptor status unknown: the groups that do cover him (hormone
            # receptor-negative, visceral crisis) are answered as branches.
            statements.append(
                Statement(
                    note.note + " If the tumour is hormone receptor-positive, no answer "
                    "follows; the branches below are those the guideline does cover.",
                    "system",
                )
            )
            statements += branch_statements(covered, self._node_titles(), self._line_narratives())[
                1:
            ]
            state.pending = None
            return self._reply(
                "answer",
                statements,
                choices=branch_choices(covered),
                branches=branch_views(covered),
            )
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

    def _covered_branches_for_men(self, uncovered: tuple[str, ...]) -> Exploration | None:
        """For a man whose hormone receptor status is unknown: the branches over the open
        deciding facts whose group the guideline does address (not ``uncovered``)."""
        state = self._state
        if "hormone_receptor" in state.facts or "hormone_receptor" not in state.unknown:
            return None
        facts = facts_for_engine(state)
        result = self._backends.evaluate(facts)
        open_facts = [m.fact for m in result.missing if m.level in DECIDING_LEVELS]
        found = explore(facts, open_facts, evaluate=self._backends.evaluate)
        kept = tuple(
            b
            for b in found.branches
            if b.result.group is not None
            and b.result.group not in uncovered
            and MENOPAUSAL not in b.when
        )
        if not kept:
            return None
        return dataclasses.replace(found, branches=kept, default=None, defaults=())

    def _level_of(self, fact: str) -> str:
        last = self._state.last_result
        for item in last.missing if last is not None else ():
            if item.fact == fact:
                return str(item.level)
        return ""

    def _which_regimen_failed(self) -> Reply:
        """A progression told by a pronoun while no regimen is known to be the current one:
        asked by name; the question open before it stays open."""
        pending = self._state.pending
        statements = [Statement(WHICH_REGIMEN, "system")]
        if pending is not None:
            statements.append(
                Statement(
                    "Still open: " + (pending.text or question_for(pending.fact, self._state).text),
                    "system",
                )
            )
        return self._reply(
            "clarification", statements, choices=pending.choices if pending is not None else ()
        )

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
        """Last resort when no branch can be formed (not reached by any known case: every
        open deciding fact is branched first); shows the group's sequence if known."""
        missing = [m.fact for m in result.missing if m.level in ("group", "line", "node")]
        names = ", ".join(fact_label(m) for m in dict.fromkeys(missing)) or "more case facts"
        statements = compose.change_statements(changes) + compose.case_summary(self._state)
        statements += notes
        statements.append(
            Statement(
                f"The guideline's patient group and line depend on {names}; the sequence "
                "below is what it lists. Tell me if any of these becomes known.",
                "system",
            )
        )
        group = result.group
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
            fact = c.fact
            values = [fact_value_words(fact, v) for v in c.values]
            statements.append(
                Statement(
                    f"The message gives two values for {fact_label(fact)} ({' and '.join(values)}); "
                    "which is right? I have left it unchanged.",
                    "system",
                )
            )
            choices += [v for v in values if v not in choices]
        first = contradictions[0].fact
        if first in FACTS:
            # A bare "positive" next is read as the answer to this. Asked again ("I could not
            # read that as an answer"), the question is the first clash's, with the same
            # words as the first ask ("pre-menopausal", never a bare "pre").
            shown = tuple(fact_value_words(first, v) for v in contradictions[0].values)
            asked = len(statements) - len(contradictions)
            self._state.pending = PendingQuestion(
                first, (first,), (*shown, UNKNOWN_CHOICE), text=statements[asked].text
            )
            # Asked like any question: "not known" leaves it open and the case goes on.
            return self._reply(
                "question", statements, asks=first, choices=(*choices, UNKNOWN_CHOICE)
            )
        return self._reply("clarification", statements, choices=tuple(choices))


def _kept_note(fact: str, old: FactValue | None, says: str) -> Statement:
    """The value kept because the message gave no sign of correcting it."""
    words = compose.value_words(fact, old)
    return Statement(
        f"Earlier you gave {fact_label(fact)} = {words}; this message {says}. I kept {words} — "
        'say "actually …" to change it.',
        "system",
    )
