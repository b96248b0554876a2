"""The case as the conversation has built it: facts, where each came from, what was asked.

Merging follows the issue's rule: facts accumulate; a new value replaces an old
one when stated plainly (an explicit, certain statement) or with a correction
cue; an inference never overrides something the user said. Every replacement
is returned as a ``FactChange`` so the reply can say what changed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from chatbot.contract import FactOrigin, Facts, FactValue, valid_fact_value
from chatbot.engine.result import EngineResult

# Facts that accumulate across messages rather than being replaced.
ACCUMULATING = ("metastatic_sites", "prior_therapies")
# An inferred fact is only as good as the facts it was inferred from.
INFERRED_FROM: dict[str, tuple[str, ...]] = {
    "menopausal_status": ("age",),
    "prior_lines": ("progressed_on",),
}


@dataclass(frozen=True, slots=True)
class FactChange:
    fact: str
    old: FactValue | None
    new: FactValue | None
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class PendingQuestion:
    """The question the last reply asked; bare answers ("yes", "2") are read against it."""

    fact: str
    facts: tuple[str, ...]  # the facts it covers (several for the biomarker panel)
    choices: tuple[str, ...]
    panel: bool = False
    attempts: int = 0
    text: str = ""


@dataclass(slots=True)
class CaseState:
    facts: dict[str, FactValue] = field(default_factory=dict)
    origins: dict[str, FactOrigin] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # answered unknown / not tested
    asked: list[str] = field(default_factory=list)
    panel_asked: bool = False
    applicability_asked: int = 0
    pending: PendingQuestion | None = None
    last_result: EngineResult | None = None
    last_answer_result: EngineResult | None = None
    changed_since_answer: bool = False  # a fact changed since the last answer was given
    turn: int = 0
    # the drugs of the regimen she is on, begun and not counted as a line (Extraction.on_now):
    # a progression told on it later is one more line (chatbot.dialogue.progression)
    on_now: list[str] = field(default_factory=list)
    # the count of lines the user told after it counts it ("how many lines has she had,
    # counting it?" answered "1"): a progression on it is then no line more (stop 71)
    on_now_counted: bool = False

    def uncounted_now(self) -> list[str]:
        """The regimen she is on when no count told counts it; else none."""
        return [] if self.on_now_counted else list(self.on_now)

    def snapshot(self) -> CaseState:
        """A copy to restore if a turn fails half-way (engine results are immutable)."""
        return CaseState(
            facts={k: (list(v) if isinstance(v, list) else v) for k, v in self.facts.items()},
            origins=dict(self.origins),
            unknown=list(self.unknown),
            asked=list(self.asked),
            panel_asked=self.panel_asked,
            applicability_asked=self.applicability_asked,
            pending=self.pending,
            last_result=self.last_result,
            last_answer_result=self.last_answer_result,
            changed_since_answer=self.changed_since_answer,
            turn=self.turn,
            on_now=list(self.on_now),
            on_now_counted=self.on_now_counted,
        )

    def ordered_facts(self) -> Facts:
        """Facts in vocabulary order, so output never depends on the order they arrived."""
        from chatbot.contract import FACTS

        out: Facts = {}
        for k in FACTS:
            if k in self.facts:
                value = self.facts[k]
                out[k] = list(value) if isinstance(value, list) else value
        return out

    def withdraw(self, fact: str) -> list[FactChange]:
        """Take a fact out of the case (a correction left it in doubt: "actually her periods
        stopped two years ago" of a post-menopausal case); the changes — none if unheld. The
        inferences drawn from it go with it, as they do when their basis changes (merge)."""
        if fact not in self.facts:
            return []
        self.origins.pop(fact, None)
        changes = [FactChange(fact, self.facts.pop(fact), None)]  # said as withdrawn
        for derived, basis in INFERRED_FROM.items():
            origin = self.origins.get(derived)
            if fact in basis and origin is not None and origin.inferred:
                changes.append(FactChange(derived, self.facts.pop(derived), None, True))
                del self.origins[derived]
        return changes

    def mark_unknown(self, fact: str) -> None:
        if fact not in self.unknown:
            self.unknown.append(fact)

    def merge(
        self,
        new_facts: Mapping[str, FactValue],
        *,
        inferred: Collection[str] = (),
        corrections: Collection[str] = (),
        correction_cue: bool = False,
        source_text: Mapping[str, str] | None = None,
        replace_lists: bool | None = None,
    ) -> tuple[list[FactChange], list[FactChange]]:
        """Fold one message's facts into the case.

        Returns (changed, kept): values replaced, and conflicting values *not* taken
        because the user gave no sign of correcting (no cue, not the fact asked about,
        and the old value was stated, not inferred).
        """
        source_text = source_text or {}
        # a cue replaces the accumulating lists too, unless told it only updates them
        replace_lists = correction_cue if replace_lists is None else replace_lists
        changes: list[FactChange] = []
        kept: list[FactChange] = []
        explicit = [k for k in new_facts if k not in inferred]
        # First the user's own words, then inferences (which may depend on them).
        for name in explicit + [k for k in new_facts if k in inferred]:
            value = new_facts[name]
            if not valid_fact_value(name, value):
                continue
            is_inferred = name in inferred
            old = self.facts.get(name)
            old_origin = self.origins.get(name)
            if (
                old is not None
                and is_inferred
                and old_origin is not None
                and not old_origin.inferred
            ):
                continue  # never let a guess override what the user said
            if (
                name in ACCUMULATING
                and isinstance(old, list)
                and isinstance(value, list)
                and not (name in corrections or replace_lists)
            ):
                value = list(old) + [v for v in value if v not in old]
            if old == value:
                if old_origin is not None and old_origin.inferred and not is_inferred:
                    self.origins[name] = FactOrigin(
                        value, False, source_text.get(name, ""), self.turn
                    )
                continue
            if (
                old is not None
                and name not in ACCUMULATING
                and not is_inferred
                and old_origin is not None
                and not old_origin.inferred
                and not (name in corrections or correction_cue)
            ):
                kept.append(FactChange(name, old, value))
                continue
            self.facts[name] = value
            self.origins[name] = FactOrigin(
                value, is_inferred, source_text.get(name, ""), self.turn
            )
            if name in self.unknown:
                self.unknown.remove(name)
            if old is not None and not (
                name in ACCUMULATING and not (name in corrections or replace_lists)
            ):
                changes.append(FactChange(name, old, value, is_inferred))
            # A changed basis voids inferences drawn from the old value.
            for derived, basis in INFERRED_FROM.items():
                if name in basis and derived not in new_facts:
                    origin = self.origins.get(derived)
                    if origin is not None and origin.inferred and old is not None:
                        changes.append(FactChange(derived, self.facts.pop(derived), None, True))
                        del self.origins[derived]
        self._failing_regimen_is_a_line()
        return changes, kept

    def infer(self, name: str, value: FactValue, source: str = "") -> FactChange | None:
        """Set ``name`` as an inference drawn from the conversation (shown as one, and the
        user can correct it), over what the case held; the change, or None if the same."""
        old = self.facts.get(name)
        if old == value:
            return None
        self.facts[name] = value
        self.origins[name] = FactOrigin(value, True, source, self.turn)
        if name in self.unknown:
            self.unknown.remove(name)
        return FactChange(name, old, value, True)

    def _failing_regimen_is_a_line(self) -> None:
        """``prior_lines`` counts the failing regimen (DESIGN.md), so a case progressing on a
        regimen has had at least one line: "yes, first treatment" said of it means 1, not 0.
        The value is shown as an inference the user can correct."""
        if self.facts.get("prior_lines") == 0 and self.facts.get("progressed_on"):
            self.infer("prior_lines", 1)


def facts_for_engine(state: CaseState) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in state.facts.items()}
