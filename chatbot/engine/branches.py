"""Answers when a deciding fact is unknown: one branch per value the guideline tells apart,
and the guideline's default path where it has one.

``explore`` expands every *open* fact (answered "unknown", or never given in a general
question) that decides the patient group, the line or the node, value by value, and
returns each branch's result. The default path follows the guideline's own defaults
(knowledge/groups.yaml: no visceral crisis; node data: no active brain metastases, able
to tolerate chemotherapy, no germline BRCA mutation); its options are marked conditional
(``applicable: None``) on the defaults taken, and for a node variant the other variant's
options of the same group and line are added, conditional on the other value. Pure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from chatbot.contract import FACTS, FactValue
from chatbot.engine.result import DecisiveFact, EngineResult, EvaluatedOption, Reason
from chatbot.kb.facts import fact_registry
from chatbot.kb.loader import Knowledge, load_knowledge

MAX_BRANCHES = 24
"""Enough for every group and line a general question can leave open (2 + 6 + 7 + …)."""
DECIDING = ("group", "line", "node")
Evaluate = Callable[[Mapping[str, Any]], EngineResult]


@dataclass(frozen=True, slots=True)
class EngineBranch:
    """The result for one combination of values of the open deciding facts."""

    when: dict[str, FactValue]
    result: EngineResult


@dataclass(frozen=True, slots=True)
class DefaultTaken:
    """A default the default path took: the fact, its value, the quote's sections."""

    fact: str
    value: bool
    label: str
    other_label: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Exploration:
    branches: tuple[EngineBranch, ...]
    """Every branch, default path first; empty when nothing open decides anything."""
    default: EngineResult | None
    """The default path's result, options conditional on the defaults taken; None when the
    open facts include one with no default (receptor status, line) that decides the node."""
    defaults: tuple[DefaultTaken, ...]
    to_ask: tuple[str, ...]
    """Deciding facts that are not open (never asked): the dialogue asks these first."""
    truncated: bool = False


def _choosing(result: EngineResult) -> list[DecisiveFact]:
    """The unknown facts that choose the group, line or node (not what a chosen node
    presupposes: that leaves its options conditional instead)."""
    return [
        m
        for m in result.missing
        if m.level in DECIDING and not (m.level == "node" and result.node_id is not None)
    ]


def _candidates(fact: str, kn: Knowledge, result: EngineResult) -> tuple[FactValue, ...]:
    spec = FACTS[fact]
    if spec.type == "bool":
        return (False, True)
    if spec.type == "enum":
        return spec.values
    if fact == "prior_lines":
        last = kn.line_range(result.group)[1] if result.group else 1
        return tuple(range(0, last))
    return ()


def default_for(fact: str, result: EngineResult, kn: Knowledge) -> DefaultTaken | None:
    """The guideline's default value of ``fact`` where ``result`` is undecided on it."""
    registry = fact_registry()
    group_default = kn.groups.defaults.get(fact)
    if group_default is not None:
        return DefaultTaken(
            fact,
            group_default.value,
            group_default.label,
            group_default.other_label,
            group_default.sources,
        )
    if result.group is None or result.line is None:
        return None
    for node in kn.nodes_at(result.group, result.line):
        if node.default_quote and fact in node.variant:
            value = node.variant[fact]
            words = registry[fact].values
            return DefaultTaken(
                fact,
                value,
                words.get(value, fact),
                words.get(not value, fact),
                node.default_sources,
            )
    return None


def explore(
    facts: Mapping[str, Any],
    open_facts: Collection[str],
    *,
    evaluate: Evaluate | None = None,
    knowledge: Knowledge | None = None,
) -> Exploration:
    """Branches over the open deciding facts of ``facts``, and the default path."""
    kn = knowledge or load_knowledge()
    if evaluate is None:
        from chatbot.engine.evaluate import evaluate as engine_evaluate

        def evaluate(f: Mapping[str, Any]) -> EngineResult:
            return engine_evaluate(f, knowledge=kn)

    to_ask: list[str] = []
    truncated = False
    root = evaluate(facts)
    # Deciding facts of the case itself that are not open must be asked; a fact that
    # decides something only inside a branch (chemotherapy tolerance once HER2 is taken
    # positive) could not have been asked, so it is open there.
    closed = {m.fact for m in _choosing(root) if m.fact not in open_facts}
    # Breadth-first, one deciding fact per branch per round, so every group is told apart
    # before any line is; a round that would exceed MAX_BRANCHES is not taken (the
    # branches then leave the line or node open, said so in the reply).
    frontier: list[EngineBranch] = [EngineBranch({}, root)]
    while True:
        plans: list[tuple[int, str | None]] = []
        for branch in frontier:
            deciding = _choosing(branch.result)
            blocked = [m.fact for m in deciding if m.fact in closed and m.fact not in branch.when]
            to_ask += [f for f in blocked if f not in to_ask]
            nxt = next(
                (m for m in deciding if m.fact not in closed and m.fact not in branch.when), None
            )
            if nxt is None or blocked or not _candidates(nxt.fact, kn, branch.result):
                plans.append((len(DECIDING), None))
            else:
                plans.append((DECIDING.index(nxt.level), nxt.fact))
        level = min(rank for rank, _ in plans)
        if level == len(DECIDING):
            break
        grown: list[EngineBranch] = []
        for branch, (rank, fact) in zip(frontier, plans, strict=True):
            if rank != level or fact is None:
                grown.append(branch)
                continue
            values = _candidates(fact, kn, branch.result)
            taken = default_for(fact, branch.result, kn)
            if taken is not None:
                values = (taken.value, *[v for v in values if v != taken.value])
            for value in values:
                more = {**branch.when, fact: value}
                grown.append(EngineBranch(more, evaluate({**facts, **more})))
        if len(grown) > MAX_BRANCHES:
            truncated = True
            break
        frontier = grown
    leaves = frontier
    if len(leaves) == 1 and not leaves[0].when:
        return Exploration((), None, (), tuple(to_ask), truncated)
    default, defaults = _default_path(facts, closed, evaluate, kn)
    return Exploration(tuple(leaves), default, defaults, tuple(to_ask), truncated)


def _default_path(
    facts: Mapping[str, Any], closed: Collection[str], evaluate: Evaluate, kn: Knowledge
) -> tuple[EngineResult | None, tuple[DefaultTaken, ...]]:
    taken: list[DefaultTaken] = []
    assumed: dict[str, FactValue] = {}
    result = evaluate(facts)
    for _ in range(len(FACTS)):
        deciding = [m.fact for m in _choosing(result)]
        if not deciding:
            break
        fact = deciding[0]
        default = default_for(fact, result, kn) if fact not in closed else None
        if default is None:
            return None, ()
        taken.append(default)
        assumed[fact] = default.value
        result = evaluate({**facts, **assumed})
    if result.node_id is None or not taken:
        return None, ()
    return _conditional_on(result, facts, assumed, taken, evaluate), tuple(taken)


def _conditional_on(
    result: EngineResult,
    facts: Mapping[str, Any],
    assumed: dict[str, FactValue],
    taken: list[DefaultTaken],
    evaluate: Evaluate,
) -> EngineResult:
    """Mark the default path's options conditional on the defaults taken; add the other
    node variant's options (same group and line), conditional on the other value."""
    reasons = {
        d.fact: Reason(d.label, "unknown", (d.fact,), _sources(d, result, None)) for d in taken
    }
    options = [conditional_option(o, tuple(reasons.values())) for o in result.options]
    have = {o.drugs for o in options}
    for d in taken:
        other = evaluate({**facts, **assumed, d.fact: not d.value})
        if other.group != result.group or other.line != result.line or not other.node_id:
            continue
        extra = (
            Reason(d.other_label, "unknown", (d.fact,), _sources(d, result, other)),
            *[r for f, r in reasons.items() if f != d.fact],
        )
        for option in other.options:
            if option.drugs in have or option.applicable is False:
                continue
            have.add(option.drugs)
            options.append(conditional_option(option, extra))
    return dataclasses.replace(result, options=tuple(options))


def _sources(d: DefaultTaken, result: EngineResult, other: EngineResult | None) -> tuple[str, ...]:
    if result.node_id and d.fact != "visceral_crisis":
        out = [f"{result.node_id}/narrative"]
        if other is not None and other.node_id:
            out.insert(0, f"{other.node_id}/narrative")
        return tuple(dict.fromkeys(out))
    return (result.group,) if result.group else d.sources[:1]


def conditional_option(option: EvaluatedOption, reasons: tuple[Reason, ...]) -> EvaluatedOption:
    """The option, conditional on ``reasons`` (``applicable: None``) unless ruled out."""
    if option.applicable is False:
        return option
    labels = tuple(r.label for r in reasons if r.label not in option.conditions)
    return dataclasses.replace(
        option,
        applicable=None,
        conditions=labels + tuple(option.conditions),
        reasons=reasons + tuple(option.reasons),
    )
