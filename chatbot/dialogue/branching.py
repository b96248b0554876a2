"""Replies over branches: one compact statement per value of a deciding fact left open,
the deciding fact named, and its values offered as quick replies.

Built from ``chatbot.engine.branches.Exploration``; each branch statement names the
group (the guideline's heading) and line, the node's title, and its options' drugs
(no doses: "dose" questions go to retrieval), citing the group, the node's narrative and
the option lists it names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from chatbot.contract import Branch, FactValue, Statement
from chatbot.dialogue.compose import recommendation_of
from chatbot.dialogue.wording import fact_label, group_words, line_words
from chatbot.engine.branches import EngineBranch, Exploration
from chatbot.engine.result import EngineResult
from chatbot.kb.facts import fact_registry

VARIANT_FACTS = frozenset(
    {"chemo_candidate", "brain_metastases", "germline_brca", "ovarian_ablation"}
)


def when_words(when: Mapping[str, FactValue]) -> str:
    """A branch's condition: "no visceral crisis, post-menopausal"."""
    registry = fact_registry()
    return ", ".join(registry[f].value_as_condition(v) for f, v in when.items())


def branch_views(exploration: Exploration) -> tuple[Branch, ...]:
    """The contract's ``branches``: each branch's facts and its recommendation."""
    return tuple(
        Branch(dict(b.when), recommendation_of(b.result)) for b in exploration.branches if b.when
    )


def _options_words(result: EngineResult) -> tuple[str, tuple[str, ...]]:
    parts: list[str] = []
    sources: list[str] = []
    for tier in ("primary", "secondary"):
        regimens = [
            " + ".join(o.drugs)
            for o in result.options
            if o.tier == tier and o.applicable is not False
        ]
        regimens = list(dict.fromkeys(regimens))
        if regimens:
            parts.append(f"{tier.capitalize()}: " + "; ".join(regimens))
        for option in result.options:
            if option.tier == tier:
                sources += [s for s in option.sources if s not in sources]
    return " — ".join(parts), tuple(sources)


def branch_statement(
    branch: EngineBranch, node_title: str, siblings: Sequence[str] = ()
) -> Statement:
    """One branch, compact: "If <when>: <group> — <line>: <title>. Primary: …"."""
    result = branch.result
    condition = when_words(branch.when)
    if result.group is None:
        return Statement(
            f"If {condition}: the patient group is still open.",
            "system",
        )
    if result.line is None:
        return Statement(
            f"If {condition}: {group_words(result.group)} — the line is still open.",
            "guideline",
            (result.group,),
        )
    if result.node_id is None:
        open_node = next((m.fact for m in result.missing if m.level == "node"), "")
        # The fact is worded in the narratives of the line's nodes: they are cited too.
        return Statement(
            f"If {condition}: {group_words(result.group)} — {line_words(result.line)}; the "
            f"choice of its treatments depends on a fact not known: {fact_label(open_node) if open_node else '?'}.",
            "guideline",
            tuple(dict.fromkeys((result.group, *siblings))),
        )
    head = f"If {condition}: {group_words(result.group)} — {line_words(result.line)}"
    if node_title:
        head += f": {node_title}"
    options, option_sources = _options_words(result)
    text = head + (f". {options}." if options else ".")
    # A node variant named in the condition ("not a candidate for chemotherapy") is worded
    # in the narratives of the line's nodes, so those are cited too.
    variant = [sid for sid in siblings if sid != f"{result.node_id}/narrative"]
    sources = (result.group, f"{result.node_id}/narrative", *option_sources, *variant)
    return Statement(text, "guideline", tuple(dict.fromkeys(sources)))


def branch_statements(
    exploration: Exploration,
    node_titles: Mapping[str, str],
    line_narratives: Mapping[tuple[str, int], Sequence[str]] | None = None,
) -> list[Statement]:
    """The deciding facts named, then one statement per branch."""
    deciding = deciding_facts(exploration)
    labels = [fact_label(f) for f in deciding]
    names = (", ".join(labels[:-1]) + " and " + labels[-1]) if len(labels) > 1 else labels[0]
    out = [
        Statement(
            f"The answer depends on {names}, which {'is' if len(deciding) == 1 else 'are'} not "
            "known, so here is the guideline's answer for each case; tell me which applies.",
            "system",
        )
    ]
    for branch in exploration.branches:
        result = branch.result
        siblings: Sequence[str] = ()
        if (
            line_narratives
            and result.group
            and result.line
            and (set(branch.when) & VARIANT_FACTS or result.node_id is None)
        ):
            siblings = line_narratives.get((result.group, result.line), ())
        out.append(branch_statement(branch, node_titles.get(result.node_id or "", ""), siblings))
    if exploration.truncated:
        out.append(
            Statement(
                "More combinations are possible than I list here; give the line or the "
                "missing facts to narrow it.",
                "system",
            )
        )
    return out


def deciding_facts(exploration: Exploration) -> list[str]:
    out: list[str] = []
    for branch in exploration.branches:
        for fact in branch.when:
            if fact not in out:
                out.append(fact)
    return out


def branch_choices(exploration: Exploration) -> tuple[str, ...]:
    """Quick replies naming the values of the deciding facts ("visceral crisis", "2nd line")."""
    registry = fact_registry()
    out: list[str] = []
    for fact in deciding_facts(exploration):
        for branch in exploration.branches:
            if fact in branch.when:
                words = registry[fact].value_as_condition(branch.when[fact])
                if words not in out:
                    out.append(words)
    return tuple(out)


def refinement_choices(result: EngineResult, known: Sequence[str]) -> tuple[str, ...]:
    """Quick replies that would narrow an answer: the facts its options hinge on."""
    registry = fact_registry()
    out: list[str] = []
    for missing in result.missing:
        if missing.level not in ("applicability", "node") or missing.fact in known:
            continue
        refine = registry[missing.fact].refine
        if refine and refine not in out:
            out.append(refine)
    return tuple(out[:6])
