"""What the rules engine returns: frozen values the dialogue, answer layer and "why" read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from chatbot.contract import OptionView, Recommendation, Tier

Level = Literal["group", "line", "node", "applicability", "flag"]
LEVELS: tuple[Level, ...] = ("group", "line", "node", "applicability", "flag")


@dataclass(frozen=True, slots=True)
class GuidelineWarning:
    """A guideline caution: ``text`` is an exact quote of the cited ``sources``."""

    id: str
    text: str
    sources: tuple[str, ...]


Warning = GuidelineWarning  # the name the brief's API uses  # noqa: A001


@dataclass(frozen=True, slots=True)
class Evidence:
    """A key evidence sentence for an option, quoted exactly from ``sources``."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One condition of an option and where it stands for this case.

    ``status``: ``met`` / ``not met`` / ``unknown`` (depends on ``facts``) / ``note``
    (a label the guideline attaches that no case fact decides).
    """

    label: str
    status: Literal["met", "not met", "unknown", "note"]
    facts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvaluatedOption:
    """One concrete regimen (one choice per ``or`` part) with its standing for this case."""

    drugs: tuple[str, ...]
    tier: Tier
    applicable: bool | None
    conditions: tuple[str, ...]
    flags: tuple[str, ...]
    sources: tuple[str, ...]
    doses: tuple[tuple[str, str], ...]
    alternative: int
    reasons: tuple[Reason, ...]
    evidence: tuple[Evidence, ...]
    warnings: tuple[GuidelineWarning, ...]
    from_narrative: bool = False
    """True for options the guideline lists only in a node's narrative (HER2+ 3rd line)."""

    def to_view(self) -> OptionView:
        return OptionView(
            drugs=self.drugs,
            tier=self.tier,
            applicable=self.applicable,
            conditions=self.conditions,
            flags=self.flags,
            sources=self.sources,
        )


@dataclass(frozen=True, slots=True)
class DecisiveFact:
    """An unknown fact whose value would change the result, at the most decisive ``level``."""

    fact: str
    level: Level
    affects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One decision: which ``rule`` fired on which ``facts``, its ``outcome``, its ``sources``."""

    rule: str
    facts: dict[str, Any]
    outcome: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SupportiveItem:
    id: str
    label: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """Something the answer should say about the node itself.

    ``kind``: ``no_named_agent`` (guideline quote), ``dose_note`` (guideline quote),
    ``line_clamped`` / ``narrative_options`` / ``post_ovarian_ablation`` (system wording).
    ``basis`` follows the reply contract: guideline quotes carry sources, system notes none.
    """

    kind: str
    text: str
    basis: Literal["guideline", "system"]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EngineResult:
    group: str | None
    line: int | None
    node_id: str | None
    options: tuple[EvaluatedOption, ...]
    missing: tuple[DecisiveFact, ...]
    trace: tuple[TraceStep, ...]
    warnings: tuple[GuidelineWarning, ...]
    supportive: tuple[SupportiveItem, ...]
    notes: tuple[Note, ...]
    facts: dict[str, Any]
    """The facts as evaluated (after validation and derivations)."""

    def recommendation(self) -> Recommendation | None:
        """The contract's recommendation object, once group, line and node are decided."""
        if self.group is None or self.line is None or self.node_id is None:
            return None
        return Recommendation(self.group, self.line, tuple(o.to_view() for o in self.options))

    def missing_at(self, level: Level) -> tuple[DecisiveFact, ...]:
        return tuple(m for m in self.missing if m.level == level)
