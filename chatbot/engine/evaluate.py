"""Case facts → patient group → line → node → options, each with conditions, flags and a trace.

Pure: the same facts always give the same result; nothing is read but the knowledge
(loaded once) and the facts passed in. ``missing`` is computed generically: every
unknown fact the evaluation actually consulted is tried with each value it can take,
and the facts whose value would change the group, line, node, an option's
applicability or its flags are reported at the most decisive level they change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chatbot.contract import FACTS, Tier, valid_fact_value
from chatbot.engine.result import (
    LEVELS,
    DecisiveFact,
    EngineResult,
    EvaluatedOption,
    Evidence,
    GuidelineWarning,
    Level,
    Note,
    Reason,
    SupportiveItem,
    TraceStep,
)
from chatbot.kb.facts import fact_registry
from chatbot.kb.loader import Knowledge, load_knowledge
from chatbot.kb.model import Node, Rule, Tri, WarningSpec

VARIANT_LABELS = {
    "chemo_candidate": "chemotherapy candidacy",
    "brain_metastases": "active brain metastases",
    "germline_brca": "germline BRCA mutation",
    "ovarian_ablation": "ovarian ablation",
}
GROUP_FACT_LABEL = "patient group"
LINE_FACT_LABEL = "line of therapy"
_INT_CANDIDATES = {"prior_chemo_lines": (0, 1, 2)}


class _RecordingFacts(dict[str, Any]):
    """A facts dict that remembers which unknown facts were consulted (in order)."""

    __slots__ = ("stage", "unknown_reads")

    def __init__(self, facts: Mapping[str, Any]) -> None:
        super().__init__(facts)
        self.stage: Level = "group"
        self.unknown_reads: dict[str, Level] = {}

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        self.unknown_reads.setdefault(key, self.stage)
        return default


# --------------------------------------------------------------------------- precompiled regimens


@dataclass(frozen=True, slots=True)
class _Regimen:
    """A concrete regimen of a node with everything that does not depend on the case."""

    drugs: tuple[str, ...]
    drug_set: frozenset[str]
    tier: Tier
    from_narrative: bool
    alternative: int
    doses: tuple[tuple[str, str], ...]
    list_sources: tuple[str, ...]
    requires: tuple[Rule, ...]
    notes: tuple[Rule, ...]
    flag_rules: tuple[Rule, ...]
    warnings: tuple[tuple[WarningSpec, tuple[str, ...]], ...]
    evidence: tuple[Evidence, ...]
    sources: tuple[str, ...]
    conditions: tuple[str, ...]
    requires_facts: tuple[tuple[str, ...], ...]
    reads: frozenset[str]
    """Every fact this regimen's conditions, flags and warnings consult."""


@dataclass(frozen=True, slots=True)
class _NodePlan:
    regimens: tuple[_Regimen, ...]
    case_warnings: tuple[tuple[WarningSpec, tuple[str, ...]], ...]
    supportive: tuple[SupportiveItem, ...]
    notes: tuple[Note, ...]


def _dedupe(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _warning_sources(kn: Knowledge, w: WarningSpec, node: Node) -> tuple[str, ...]:
    """Cite the quote in the current node if it is there, else in the group, else anywhere."""
    local = tuple(s for s in w.sections if s.startswith(node.id + "/"))
    if local:
        return local[:1]
    group = tuple(s for s in w.sections if s.startswith(node.group + "/"))
    return (group or w.sections)[:1]


def _pick_families(
    kn: Knowledge, specs: list[WarningSpec], node: Node
) -> tuple[tuple[WarningSpec, tuple[str, ...]], ...]:
    """One wording per warning family: the best-cited one (same node > same group > other)."""
    best: dict[str, tuple[int, WarningSpec, tuple[str, ...]]] = {}
    for w in specs:
        src = _warning_sources(kn, w, node)
        rank = (
            0
            if src[0].startswith(node.id + "/")
            else 1
            if src[0].startswith(node.group + "/")
            else 2
        )
        if w.family not in best or rank < best[w.family][0]:
            best[w.family] = (rank, w, src)
    return tuple((w, src) for _, w, src in best.values())


def _plan(kn: Knowledge, node: Node) -> _NodePlan:
    rules = kn.rules_by_node[node.id]
    regimens = []
    for ol in node.option_lists:
        for alt in ol.alternatives:
            for combo in alt.regimens():
                drugs = _dedupe([d.name for d in combo])
                drug_set = frozenset(drugs)
                doses = tuple(
                    (
                        d.name,
                        d.dose
                        if d.dose is not None
                        else (node.dose_note or "see local specialist protocol"),
                    )
                    if not d.term
                    else (d.name, "see local specialist protocol")
                    for d in combo
                )
                matching = [r for r in rules if r.drugs.matches(drug_set)]
                requires = tuple(r for r in matching if r.kind == "requires")
                note_rules = tuple(r for r in matching if r.kind == "note")
                flag_rules = tuple(r for r in matching if r.kind == "flag")
                warns = _pick_families(
                    kn,
                    [w for w in kn.warnings if w.drugs is not None and w.drugs.matches(drug_set)],
                    node,
                )
                evidence = tuple(
                    Evidence(e.at[node.id], e.sources_at[node.id])
                    for e in kn.evidence
                    if node.id in e.at and e.drugs.matches(drug_set)
                )
                rule_sources = [s for r in requires + note_rules for s in r.sources_at[node.id]]
                conds = [r.condition for r in requires + flag_rules] + [
                    w.condition for w, _ in warns
                ]
                reads = frozenset({"progressed_on"}).union(
                    *(c.facts for c in conds if c is not None)
                )
                regimens.append(
                    _Regimen(
                        drugs=drugs,
                        drug_set=drug_set,
                        tier="primary" if ol.tier == "narrative" else ol.tier,
                        from_narrative=ol.tier == "narrative",
                        alternative=alt.index,
                        doses=doses,
                        list_sources=ol.sources,
                        requires=requires,
                        notes=note_rules,
                        flag_rules=flag_rules,
                        warnings=warns,
                        evidence=evidence,
                        sources=_dedupe(list(ol.sources) + rule_sources),
                        conditions=_dedupe([r.label for r in requires + note_rules]),
                        requires_facts=tuple(
                            tuple(sorted(r.condition.facts))
                            for r in requires
                            if r.condition is not None
                        ),
                        reads=reads,
                    )
                )
    case_warnings = _pick_families(
        kn,
        [
            w
            for w in kn.warnings
            if w.drugs is None
            and (not w.groups or node.group in w.groups)
            and (w.min_line is None or node.line >= w.min_line)
        ],
        node,
    )
    supportive_section = node.supportive_section or next(
        (
            kn.nodes[n].supportive_section
            for n in kn.node_ids_for(node.group)
            if kn.nodes[n].line == node.line and kn.nodes[n].supportive_section
        ),
        None,
    )
    supportive = tuple(
        SupportiveItem(s.id, s.label, s.text, (supportive_section,))
        for s in kn.supportive
        if supportive_section in s.sections
    )
    notes: list[Note] = [
        Note("no_named_agent", q, "guideline", (node.narrative_section,))
        for q in node.no_named_agent
    ]
    if any(ol.tier == "narrative" for ol in node.option_lists):
        notes.append(
            Note(
                "narrative_options",
                "This node has no Primary/Secondary option lists; the options are those its narrative lists.",
                "system",
            )
        )
    if node.dose_note and not node.no_named_agent:
        notes.append(Note("dose_note", node.dose_note, "guideline", (node.narrative_section,)))
    return _NodePlan(tuple(regimens), case_warnings, supportive, tuple(notes))


def _plan_for(kn: Knowledge, node: Node) -> _NodePlan:
    """The node's precompiled regimens, built once per knowledge object (kept on it)."""
    plan = kn.engine_cache.get(node.id)
    if plan is None:
        plan = kn.engine_cache[node.id] = _plan(kn, node)
    return plan


# --------------------------------------------------------------------------- facts


def _prepare(raw: Mapping[str, Any], kn: Knowledge) -> tuple[dict[str, Any], list[TraceStep]]:
    """Drop unknown/invalid facts; derive what the vocabulary implies (each derivation traced)."""
    facts: dict[str, Any] = {}
    trace: list[TraceStep] = []
    for name, value in raw.items():
        if value is None:
            continue
        if isinstance(value, tuple | frozenset | set):
            value = sorted(value) if isinstance(value, frozenset | set) else list(value)
        if valid_fact_value(name, value) and not (FACTS[name].type == "int" and value < 0):
            facts[name] = list(value) if isinstance(value, list) else value
        else:
            trace.append(TraceStep("ignore invalid fact", {name: value}, "ignored"))
    if "prior_therapies" in facts and "progressed_on" in facts:
        merged = _dedupe(list(facts["prior_therapies"]) + list(facts["progressed_on"]))
        if len(merged) != len(facts["prior_therapies"]):
            facts["prior_therapies"] = list(merged)
            trace.append(
                TraceStep(
                    "drugs progressed on were received",
                    {"progressed_on": facts["progressed_on"]},
                    f"prior_therapies = {list(merged)}",
                )
            )
    if facts.get("her2_low") is True and "her2" not in facts:
        # DESIGN.md: HER2-low counts as HER2-negative
        facts["her2"] = "negative"
        trace.append(
            TraceStep("HER2-low counts as HER2-negative", {"her2_low": True}, "her2 = negative")
        )
    if "prior_cdk46" not in facts:
        cdk = set(kn.classes["cdk46-inhibitor"].members)
        seen = [
            d
            for key in ("prior_therapies", "progressed_on")
            for d in facts.get(key, ())
            if d in cdk
        ]
        if seen:
            facts["prior_cdk46"] = True
            trace.append(
                TraceStep("a CDK4/6 inhibitor was received", {"drugs": seen}, "prior_cdk46 = true")
            )
    if facts.get("prior_lines") == 0 and "prior_chemo_lines" not in facts:
        facts["prior_chemo_lines"] = 0
        trace.append(
            TraceStep(
                "no prior lines means no prior chemotherapy lines",
                {"prior_lines": 0},
                "prior_chemo_lines = 0",
            )
        )
    return facts, trace


# --------------------------------------------------------------------------- group, line, node


def _group(facts: _RecordingFacts, kn: Knowledge) -> tuple[str | None, TraceStep]:
    """The first row of the decision table (knowledge/groups.yaml, visceral crisis first)
    whose facts all match. A row is read fact by fact in the table's ``decides`` order and
    left at its first known mismatch, so only facts that could still select a group are
    consulted (and reported missing when unknown)."""
    table = kn.groups
    used: dict[str, Any] = {}
    group: str | None = None
    blocked = False  # an earlier row is still possible: no later row may be chosen
    for row in table.rows:
        status: Tri = True
        for fact in table.decides:
            if fact not in row.when:
                continue
            value = facts.get(fact)
            used[fact] = value
            if value is None:
                status = None
            elif value != row.when[fact]:
                status = False
                break
        if status is True and not blocked and group is None:
            group = row.id
        elif status is None and group is None:
            blocked = True
    rule = "decision table, visceral crisis first" + ("" if group else ": not decided")
    sources = (group,) if group else ()
    return group, TraceStep(f"patient group: {rule}", used, group or "undecided", sources)


def _line(
    facts: _RecordingFacts, kn: Knowledge, group: str | None
) -> tuple[int | None, int | None, list[TraceStep], list[Note]]:
    prior = facts.get("prior_lines")
    if prior is None:
        return (
            None,
            None,
            [TraceStep("line = prior_lines + 1", {"prior_lines": None}, "undecided")],
            [],
        )
    raw = prior + 1
    if group is None:
        return (
            None,
            raw,
            [TraceStep("line = prior_lines + 1", {"prior_lines": prior}, f"line {raw}")],
            [],
        )
    _, last = kn.line_range(group)
    line = min(raw, last)
    steps = [TraceStep("line = prior_lines + 1", {"prior_lines": prior}, f"line {raw}")]
    notes: list[Note] = []
    if raw > last:
        last_nodes = kn.nodes_at(group, last)
        text = (
            f"The guideline's sequence for this group ends at line {last}; "
            f"its last line is shown for line {raw}."
        )
        if any("and beyond" in kn.index[n.narrative_section].text for n in last_nodes):
            text = f"The guideline's line {last} for this group covers that line and beyond."
        notes.append(Note("line_clamped", text, "system"))
        steps.append(
            TraceStep(
                "clamp to the group's last line",
                {"line": raw},
                f"line {line}",
                tuple(n.narrative_section for n in last_nodes),
            )
        )
    return line, raw, steps, notes


def _node(
    facts: _RecordingFacts, kn: Knowledge, group: str, line: int
) -> tuple[Node | None, TraceStep]:
    candidates = kn.nodes_at(group, line)
    if len(candidates) == 1 and not candidates[0].variant:
        n = candidates[0]
        return n, TraceStep("the line has one node", {}, n.id, (n.id,))
    true_nodes, unknown = [], False
    used: dict[str, Any] = {}
    for n in candidates:
        verdict: Tri = True
        for fact, want in n.variant.items():
            v = facts.get(fact)
            used[fact] = v
            if v is None:
                verdict = None if verdict is not False else False
            elif v != want:
                verdict = False
        if verdict is True:
            true_nodes.append(n)
        elif verdict is None:
            unknown = True
    if len(true_nodes) == 1 and not unknown:
        n = true_nodes[0]
        return n, TraceStep(f"node variant: {n.variant_label}", used, n.id, (n.id,))
    if len(true_nodes) == 1 and unknown:
        # another node might also match once its facts are known: undecided
        return None, TraceStep("node variant undecided", used, "undecided")
    return None, TraceStep("node variant undecided", used, "undecided")


# --------------------------------------------------------------------------- options


_State = tuple[
    Tri, tuple[str, ...], tuple[str, ...], tuple[tuple[WarningSpec, tuple[str, ...]], ...]
]


def _regimen_state(reg: _Regimen, facts: Mapping[str, Any]) -> _State:
    """(applicable, status of each requires rule, flags, warnings shown) for one regimen."""
    applicable: Tri = True
    statuses = []
    for r in reg.requires:
        v = r.condition.test(facts)  # type: ignore[union-attr]
        statuses.append("met" if v is True else "not met" if v is False else "unknown")
        if v is False:
            applicable = False
        elif v is None and applicable is True:
            applicable = None
    flags: list[str] = []
    progressed = facts.get("progressed_on")
    if progressed:
        flags.extend(f"progressed on {d}" for d in reg.drugs if d in progressed)
    for r in reg.flag_rules:
        test = r.condition.test  # type: ignore[union-attr]  # flag rules always have one
        if r.per_drug:
            matching = r.drugs.matching(reg.drug_set)
            flags.extend(
                r.label.format(drug=d)
                for d in reg.drugs
                if d in matching and test(facts, d) is True
            )
        elif test(facts) is True:
            flags.append(r.label)
    shown = []
    for w, src in reg.warnings:
        v = True if w.condition is None else w.condition.test(facts)
        if v is True:
            shown.append((w, src))
            if w.flag:
                flags.append(w.flag)
        elif v is None and w.show_when_unknown:
            shown.append((w, src))
    return applicable, tuple(statuses), _dedupe(flags), tuple(shown)


def _evaluate_regimen(reg: _Regimen, state: _State, node: Node) -> EvaluatedOption:
    applicable, statuses, flags, shown = state
    reasons = [
        Reason(r.label, s, f, r.sources_at[node.id])  # type: ignore[arg-type]
        for r, s, f in zip(reg.requires, statuses, reg.requires_facts, strict=True)
    ]
    reasons += [Reason(r.label, "note", (), r.sources_at[node.id]) for r in reg.notes]
    return EvaluatedOption(
        drugs=reg.drugs,
        tier=reg.tier,
        applicable=applicable,
        conditions=reg.conditions,
        flags=flags,
        sources=reg.sources,
        doses=reg.doses,
        alternative=reg.alternative,
        reasons=tuple(reasons),
        evidence=reg.evidence,
        warnings=tuple(GuidelineWarning(w.id, w.text, src) for w, src in shown),
        from_narrative=reg.from_narrative,
    )


def _case_warnings(
    plan: _NodePlan, facts: Mapping[str, Any]
) -> tuple[tuple[WarningSpec, tuple[str, ...]], ...]:
    shown = []
    for w, src in plan.case_warnings:
        v = w.condition.test(facts) if w.condition else True
        if v is True or (v is None and w.show_when_unknown):
            shown.append((w, src))
    return tuple(shown)


@dataclass(frozen=True, slots=True)
class _Core:
    group: str | None
    line: int | None
    raw_line: int | None
    node: Node | None
    options: tuple[EvaluatedOption, ...]
    warnings: tuple[GuidelineWarning, ...]
    trace: tuple[TraceStep, ...]
    notes: tuple[Note, ...]
    supportive: tuple[SupportiveItem, ...]
    states: tuple[_State, ...] = ()
    presupposed: tuple[tuple[str, Any], ...] = ()
    """The node's ``requires`` facts and their values in this case (None: unknown)."""

    def signature(self) -> tuple[Any, ...]:
        return (
            self.group,
            (self.line, self.raw_line),
            (self.node.id if self.node else None, self.presupposed),
            tuple(s[:2] for s in self.states),
            (tuple(s[2] for s in self.states), tuple(w.id for w in self.warnings)),
        )


def _core(facts: _RecordingFacts, kn: Knowledge) -> _Core:
    trace: list[TraceStep] = []
    facts.stage = "group"
    group, step = _group(facts, kn)
    trace.append(step)
    facts.stage = "line"
    line, raw_line, steps, notes = _line(facts, kn, group)
    trace.extend(steps)
    node = None
    if group is not None and line is not None:
        facts.stage = "node"
        node, step = _node(facts, kn, group, line)
        trace.append(step)
    # What the node presupposes (node data: the post-ovarian-ablation lines) is read at the
    # node stage, so an unknown value is reported as deciding which line applies.
    presupposed = tuple((f, facts.get(f)) for f in node.requires) if node is not None else ()
    facts.stage = "applicability"
    if node is None:
        return _Core(group, line, raw_line, None, (), (), tuple(trace), tuple(notes), ())
    plan = _plan_for(kn, node)
    states = tuple(_regimen_state(reg, facts) for reg in plan.regimens)
    options = tuple(
        _evaluate_regimen(reg, st, node) for reg, st in zip(plan.regimens, states, strict=True)
    )
    unmet = [f for f, value in presupposed if value is not node.requires[f]]
    if unmet:
        options = tuple(_presupposing(o, node, unmet) for o in options)
        trace.append(
            TraceStep(
                "the node presupposes " + ", ".join(unmet),
                dict(presupposed),
                "options conditional on it",
                node.requires_sources[:1],
            )
        )
    trace.append(
        TraceStep(
            "options of the node",
            {},
            f"{len(options)} regimens: {sum(o.applicable is True for o in options)} applicable, "
            f"{sum(o.applicable is None for o in options)} conditional, "
            f"{sum(o.applicable is False for o in options)} ruled out",
            tuple(s for ol in node.option_lists for s in ol.sources) or (node.narrative_section,),
        )
    )
    warnings = []
    for w, src in _case_warnings(plan, facts):
        warnings.append(GuidelineWarning(w.id, w.text, src))
        trace.append(
            TraceStep(
                f"case warning {w.id}",
                {f: facts.get(f) for f in (w.condition.facts if w.condition else ())},
                "shown",
                src,
            )
        )
    return _Core(
        group,
        line,
        raw_line,
        node,
        options,
        tuple(warnings),
        tuple(trace),
        tuple(notes) + plan.notes,
        plan.supportive,
        states,
        presupposed,
    )


def _presupposing(option: EvaluatedOption, node: Node, unmet: list[str]) -> EvaluatedOption:
    """The option, conditional on what its node presupposes and the case has not given
    ("ovarian ablation done"), citing the node's quote; a ruled-out option stays so."""
    if option.applicable is False:
        return option
    registry = fact_registry()
    own = f"{node.id}/narrative"
    sources = (own,) if own in node.requires_sources else node.requires_sources[:1]
    reasons = tuple(
        Reason(registry[f].values.get(node.requires[f], f), "unknown", (f,), sources) for f in unmet
    )
    labels = tuple(r.label for r in reasons if r.label not in option.conditions)
    return dataclasses.replace(
        option,
        applicable=None,
        conditions=labels + option.conditions,
        reasons=reasons + option.reasons,
    )


# --------------------------------------------------------------------------- missing facts


def _candidates(fact: str, kn: Knowledge, group: str | None) -> tuple[Any, ...]:
    spec = FACTS[fact]
    if spec.type == "bool":
        return (True, False)
    if spec.type == "enum":
        return spec.values
    if spec.type == "int":
        if fact == "prior_lines":
            last = kn.line_range(group)[1] if group else 7
            return tuple(range(0, last + 1))
        return _INT_CANDIDATES.get(fact, ())
    return ()  # lists: a partial list cannot be enumerated; conditions on them stay visible


def _affects(fact: str, level: Level, base: _Core, alt: _Core) -> tuple[str, ...]:
    if level == "group":
        return (GROUP_FACT_LABEL,)
    if level == "line":
        return (LINE_FACT_LABEL,)
    if level == "node":
        return (VARIANT_LABELS.get(fact, fact),)
    if level == "applicability":
        labels = [r.label for o in base.options for r in o.reasons if fact in r.facts]
        return _dedupe(labels) or (fact,)
    new_flags = [
        f for o in alt.options for f in o.flags if not any(f in b.flags for b in base.options)
    ]
    new_warn = [w.id for w in alt.warnings if w.id not in {b.id for b in base.warnings}]
    return _dedupe(new_flags + new_warn) or (fact,)


_DERIVATION_INPUTS = frozenset({"prior_lines", "prior_therapies", "progressed_on"})


def _option_level(
    fact: str, facts: dict[str, Any], base: _Core, kn: Knowledge
) -> tuple[int, tuple[str, ...]] | None:
    assert base.node is not None
    plan = _plan_for(kn, base.node)
    idx = [i for i, reg in enumerate(plan.regimens) if fact in reg.reads]
    case = any(w.condition is not None and fact in w.condition.facts for w, _ in plan.case_warnings)
    base_case = {w.id for w in base.warnings}
    base_flags = {f for s in base.states for f in s[2]}
    level: int | None = None
    new: list[str] = []
    for value in _candidates(fact, kn, base.group):
        alt = {**facts, fact: value}
        for i in idx:
            st = _regimen_state(plan.regimens[i], alt)
            if st[:2] != base.states[i][:2]:
                level = 3
            elif st[2] != base.states[i][2]:
                level = 4 if level is None else level
                new += [f for f in st[2] if f not in base_flags]
        if case:
            shown = [w.id for w, _ in _case_warnings(plan, alt)]
            if set(shown) != base_case:
                level = 4 if level is None else level
                new += [w for w in shown if w not in base_case]
    if level is None:
        return None
    if level == 3:
        labels = [r.label for o in base.options for r in o.reasons if fact in r.facts]
        return 3, _dedupe(labels) or (fact,)
    return 4, _dedupe(new) or (fact,)


def _missing(
    facts: dict[str, Any], base: _Core, unknown: dict[str, Level], kn: Knowledge
) -> tuple[DecisiveFact, ...]:
    """Unknown facts that would change the result, most decisive first.

    A decision the engine could not take (group, line or node undecided) needs every
    unknown fact its rule consulted: each is reported at that level. Every other
    consulted unknown fact is tried with each value it can take; it is reported at the
    first level (group > line > node > applicability > flag) where the result differs.
    """
    sig = base.signature()
    undecided = {
        "group": base.group is None,
        "line": base.line is None and base.raw_line is None,
        "node": base.node is None and base.group is not None and base.line is not None,
    }
    found: list[tuple[int, int, DecisiveFact]] = []
    for order, (fact, stage) in enumerate(unknown.items()):
        if fact not in FACTS:
            continue
        if undecided.get(stage):
            level_i = LEVELS.index(stage)
            affects = {"group": (GROUP_FACT_LABEL,), "line": (LINE_FACT_LABEL,)}.get(
                stage, (VARIANT_LABELS.get(fact, fact),)
            )
            found.append((level_i, order, DecisiveFact(fact, stage, affects)))
            continue
        best: tuple[int, tuple[str, ...]] | None = None
        if stage == "applicability" and base.node is not None and fact not in _DERIVATION_INPUTS:
            # Read only after the node was fixed, so it cannot move group, line or node:
            # re-check just the regimens and case warnings that consult it.
            best = _option_level(fact, facts, base, kn)
            if best is not None:
                weight = -sum(fact in r.facts for o in base.options for r in o.reasons)
                found.append(
                    (
                        best[0],
                        weight if best[0] == 3 else order,
                        DecisiveFact(fact, LEVELS[best[0]], best[1]),
                    )
                )
            continue
        for value in _candidates(fact, kn, base.group):
            alt = _core(_RecordingFacts(_prepare({**facts, fact: value}, kn)[0]), kn)
            alt_sig = alt.signature()
            for i, (a, b) in enumerate(zip(sig, alt_sig, strict=True)):
                if a != b:
                    if best is None or i < best[0]:
                        best = (i, _affects(fact, LEVELS[i], base, alt))
                    elif i == best[0] and LEVELS[i] == "flag":
                        best = (i, _dedupe(best[1] + _affects(fact, LEVELS[i], base, alt)))
                    break
        if best is not None:
            level = LEVELS[best[0]]
            weight = -sum(fact in r.facts for o in base.options for r in o.reasons)
            found.append(
                (
                    best[0],
                    weight if level == "applicability" else order,
                    DecisiveFact(fact, level, best[1]),
                )
            )
    found.sort(key=lambda t: (t[0], t[1]))
    return tuple(d for _, _, d in found)


# --------------------------------------------------------------------------- entry point


def evaluate(facts: Mapping[str, Any], *, knowledge: Knowledge | None = None) -> EngineResult:
    """Evaluate the guideline for ``facts`` (DESIGN.md vocabulary; an absent key is unknown)."""
    kn = knowledge or load_knowledge()
    prepared, derivations = _prepare(facts, kn)
    recording = _RecordingFacts(prepared)
    core = _core(recording, kn)
    missing = _missing(prepared, core, recording.unknown_reads, kn)
    return EngineResult(
        group=core.group,
        line=core.line,
        node_id=core.node.id if core.node else None,
        options=core.options,
        missing=missing,
        trace=tuple(derivations) + core.trace,
        warnings=core.warnings,
        supportive=core.supportive,
        notes=core.notes,
        facts=prepared,
    )
