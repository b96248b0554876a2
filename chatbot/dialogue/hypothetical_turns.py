"""Handlers for answers that are not the case's own: a general question about a kind of
patient, and a what-if. Both answer from a copy of the facts; the case never changes."""

from __future__ import annotations

import logging
import re
from typing import Any

from chatbot.contract import (
    FACTS,
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
from chatbot.dialogue.case_turns import CaseTurns
from chatbot.dialogue.message import Message, assumed_facts
from chatbot.dialogue.progression import later_progression
from chatbot.dialogue.router import current_failing
from chatbot.dialogue.state import ACCUMULATING, facts_for_engine
from chatbot.dialogue.whatif import hypothesis_diff, read_hypothesis
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words
from chatbot.engine.branches import DECIDING as DECIDING_LEVELS
from chatbot.engine.branches import explore
from chatbot.engine.result import EngineResult
from chatbot.kb.loader import load_knowledge
from chatbot.kb.model import CoverageNote

log = logging.getLogger(__name__)


# a what-if that swaps the regimen failing rather than adding one after it
SWAPPED = re.compile(r"\b(?:instead|rather)\b", re.I)


class HypotheticalTurns(CaseTurns):
    """Answers that are not the case's own: general questions and what-ifs."""

    def _on_general(self, message: Message) -> Reply:
        """A treatment question about a kind of patient, not a patient: answered over every
        branch it leaves open; the case is not touched."""
        facts = {k: v for k, v in message.extraction.facts.items() if k in FACTS}
        if message.route.refines and self._general_facts is not None:
            facts = {**self._general_facts, **facts}
        self._general_facts = dict(facts)
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
        if (
            "progressed_on" not in hypothesis
            and self._state.on_now
            and current_failing(message.route.clause or "")
        ):
            # "What if it stops working?": the regimen the case holds she is on
            hypothesis["progressed_on"] = list(self._state.on_now)
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
        # what-if on the case; with no case, on the general question just answered
        base = facts_for_engine(state) if state.facts else dict(self._general_facts or {})
        for name in ACCUMULATING:
            said, held = hypothesis.get(name), base.get(name)
            if (
                isinstance(said, list)
                and isinstance(held, list)
                and set(said) <= set(held)
                and len(hypothesis) > 1
            ):
                # nothing assumed by it beside the rest ("if eribulin fails": its progression
                # is the assumption, not eribulin given); alone it stays the one assumed
                del hypothesis[name]
        later = (
            None
            if SWAPPED.search(message.route.clause or "")  # "… on fulvestrant instead?"
            else later_progression(
                base, hypothesis, on_now=self._state.uncounted_now() if state.facts else ()
            )
        )
        if later is not None:
            # "What next if eribulin fails?": the regimen she is on fails, one more line given
            hypothesis.update(later.facts)
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
                # (not "the case itself is unchanged": news told with the what-if changes it;
                # the assumption never does — stop 73)
                "under that assumption, which is not taken into the case.",
                "system",
            )
        ]
        if later is not None:
            statements.append(Statement(later.reading, "system"))
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
        uncovered = self._coverage_note(facts, result)
        if uncovered is not None:
            # A man whose group hinges on menopausal status: not covered, under a
            # hypothesis exactly as in a case.
            rows = {row.id: row for row in load_knowledge().groups.rows}
            her2 = facts.get("her2")
            statements.append(Statement(uncovered.note + " No answer follows from it.", "system"))
            statements += [
                Statement(group_words(g) + ".", "guideline", (g,))
                for g in uncovered.groups
                if her2 is None or rows[g].when.get("her2") == her2
            ]
            return self._reply("info", statements, hypothesis=hypothesis, keep_pending=True)
        exploration = explore(facts, open_facts, evaluate=self._backends.evaluate)
        rec = compose.recommendation_of(result)
        if rec is None and exploration.default is not None:
            result = exploration.default
            rec = compose.recommendation_of(result)
        if hypothesis is not None and self._state.facts:
            # the case's own answer as it stands now, not the last one given (news told with
            # the what-if, "Progressed. What if …?", may have moved it since: stop 72)
            case_answer = self._backends.evaluate(facts_for_engine(self._state))
            statements.append(
                hypothesis_diff(
                    compose.recommendation_of(case_answer) if case_answer else None, rec
                )
            )
        branches = branch_views(exploration)
        if branches:
            statements += branch_statements(
                exploration, self._node_titles(), self._line_narratives()
            )
        if rec is not None:
            if conditional.needs_ablation(result, facts):
                statements += self._conditional_statements(result, [], True, facts)
            statements += compose.answer_statements(result, self._state, self._node_title(result))
        choices = (
            branch_choices(exploration) if branches else refinement_choices(result, tuple(facts))
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

    @staticmethod
    def _coverage_note(facts: dict[str, Any], result: EngineResult) -> CoverageNote | None:
        """The groups.yaml coverage note these facts fall under, when the group hinges on
        a fact the guideline does not address for them (menopausal status for a man)."""
        undecided = {m.fact for m in result.missing if m.level == "group"}
        for note in load_knowledge().groups.coverage:
            if all(facts.get(k) == v for k, v in note.when.items()) and (
                result.group is None and "menopausal_status" in undecided
            ):
                return note
        return None
