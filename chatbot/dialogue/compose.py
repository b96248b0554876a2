"""Turn an engine result into the statements of an answer.

Every guideline statement is built from the engine's data (option doses as the
guideline writes them, its quoted warnings, evidence and supportive-care
sentences) and carries the section ids they rest on. Case statements restate
the user's facts and cite nothing; system statements recommend nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from chatbot.contract import (
    FACTS,
    Basis,
    FactValue,
    Recommendation,
    Statement,
    StatementPart,
)
from chatbot.dialogue.state import INFERRED_FROM, CaseState, FactChange
from chatbot.dialogue.wording import fact_label, fact_value_words, group_words, line_words
from chatbot.engine.result import (
    EngineResult,
    EvaluatedOption,
    Evidence,
    GuidelineWarning,
    Note,
    Reason,
    SupportiveItem,
)

NO_DOSE = "see local specialist protocol"
MAX_TITLE_IN_BOTTOM_LINE = 120
"""A node title longer than this is a list of every regimen (HR+/HER2− 2nd line): the
bottom line's option lines say it better, so the heading leaves it out."""


Quoted = GuidelineWarning | Evidence | Note | SupportiveItem
"""An engine item that quotes the guideline (or, for a system note, says something) with
its sources."""


def text_and_sources(item: Quoted) -> tuple[str, tuple[str, ...]]:
    """An engine item (warning, evidence, note, supportive care) as (text, sources)."""
    return item.text, tuple(item.sources)


def case_summary(state: CaseState) -> list[Statement]:
    """What the case holds, in the user's terms; inferences stated as correctable."""
    parts: list[str] = []
    inferred: list[str] = []
    for name in FACTS:
        if name not in state.facts:
            continue
        value = state.facts[name]
        origin = state.origins.get(name)
        words = f"{fact_label(name)}: {fact_value_words(name, value)}"
        if origin is not None and origin.inferred:
            inferred.append(name)
            words += " (inferred)"
        parts.append(words)
    out = []
    if parts:
        out.append(Statement("Case so far — " + "; ".join(parts) + ".", "case", (), "case"))
    return out + inference_statements(state, inferred)


def inference_statements(state: CaseState, names: Sequence[str]) -> list[Statement]:
    """ "I inferred … from …; say so if that is wrong" for each inferred fact among ``names``."""
    out = []
    for name in names:
        origin = state.origins.get(name)
        if name not in state.facts or origin is None or not origin.inferred:
            continue
        basis = " and ".join(
            f"{fact_label(b)} {fact_value_words(b, state.facts[b])}"
            for b in INFERRED_FROM.get(name, ())
            if b in state.facts
        )
        because = f" from {basis}" if basis else ""
        out.append(
            Statement(
                f"I inferred {fact_label(name)} = "
                f"{fact_value_words(name, state.facts[name])}{because}; "
                "say so if that is wrong.",
                "case",
            )
        )
    return out


def change_statements(changes: Sequence[FactChange]) -> list[Statement]:
    out = []
    for change in changes:
        old = "unknown" if change.old is None else fact_value_words(change.fact, change.old)
        new = "unknown" if change.new is None else fact_value_words(change.fact, change.new)
        if change.new is None and not change.inferred:
            # a stated value a correction left in doubt (CaseState.withdraw)
            out.append(
                Statement(
                    f"Withdrew {fact_label(change.fact)} = {old}: your correction leaves it "
                    "uncertain, so it is asked again.",
                    "case",
                )
            )
        elif change.new is None:
            out.append(
                Statement(
                    f"Dropped the inference {fact_label(change.fact)} = {old}: the fact it rested "
                    "on changed.",
                    "case",
                )
            )
        else:
            out.append(Statement(f"Updated {fact_label(change.fact)}: {old} → {new}.", "case"))
    return out


def _regimen_words(option: EvaluatedOption) -> str:
    doses = list(option.doses)
    if not doses:
        return " + ".join(option.drugs) + f" ({NO_DOSE})"
    parts = []
    for drug, dose in doses:
        dose_text = (dose or "").strip()
        if not dose_text or NO_DOSE in dose_text.lower() or "consult local" in dose_text.lower():
            parts.append(f"{drug} ({NO_DOSE})")
        else:
            parts.append(f"{drug}: {dose_text}")
    return " + ".join(parts)


def option_statement(
    option: EvaluatedOption, narrative: str | None = None, known: Collection[str] = ()
) -> Statement:
    """One regimen with doses as written; conditional, ruled-out and flagged as it stands.

    ``known``: facts the case holds; an open condition resting only on those (ovarian
    ablation answered "no") is not "not known yet"."""
    tier = "Primary" if option.tier == "primary" else "Secondary"
    text = f"{tier}: {_regimen_words(option)}"
    conditions = list(option.conditions)
    all_reasons = list(option.reasons)
    reasons = [_reason_label(r) for r in all_reasons if r.status == "not met"]
    open_reasons = [r for r in all_reasons if r.status == "unknown"]
    open_conditions = list(dict.fromkeys(_reason_label(r) for r in open_reasons))
    still_open = not open_reasons or any(not set(r.facts) <= set(known) for r in open_reasons)
    if option.applicable is False:
        why = "; ".join(reasons or conditions) or "a known fact rules it out"
        text = f"Ruled out — {text} — requires: {why}, which this case does not meet"
    elif option.applicable is None and (open_conditions or conditions):
        text += " — if " + "; ".join(open_conditions or conditions)
        if still_open:
            text += " (not known yet)"
    elif conditions:
        text += " — " + "; ".join(conditions)
    flags = list(option.flags)
    if flags:
        text += " — caution: " + "; ".join(flags)
    # Conditions and flags quote the node's narrative, reasons and warnings cite their own.
    sources = list(option.sources)
    extra = [sid for r in all_reasons for sid in r.sources]
    extra += [sid for w in option.warnings for sid in w.sources]
    if narrative:
        extra.append(narrative)
    for sid in extra:
        if sid not in sources:
            sources.append(sid)
    return Statement(text, "guideline", tuple(sources))


def _reason_label(reason: Reason) -> str:
    return reason.label


def recommendation_of(result: EngineResult | None) -> Recommendation | None:
    """The contract's recommendation, once group, line and node are all decided."""
    if result is None or result.group is None or not result.line or not result.node_id:
        return None
    return result.recommendation()


def narrative_of(result: EngineResult) -> str | None:
    node = result.node_id
    return f"{node}/narrative" if node else None


def node_sources(result: EngineResult) -> tuple[str, ...]:
    node = result.node_id
    out = []
    if result.group:
        out.append(result.group)
    if node:
        out.append(f"{node}/narrative" if node.count("/") == 1 else node)
    return tuple(out)


def diff_statement(
    old: Recommendation | None,
    new: Recommendation | None,
    old_result: EngineResult,
    new_result: EngineResult,
) -> Statement | None:
    """What changed in the recommendation since the last answer."""
    if old is None or new is None:
        return None
    old_key = {tuple(o.drugs): o for o in old.options}
    new_key = {tuple(o.drugs): o for o in new.options}
    added = [" + ".join(k) for k in new_key if k not in old_key]
    removed = [" + ".join(k) for k in old_key if k not in new_key]
    now_out = [
        " + ".join(k)
        for k, o in new_key.items()
        if k in old_key and o.applicable is False and old_key[k].applicable is not False
    ]
    if (
        old.patient_group == new.patient_group
        and old.line == new.line
        and not (added or removed or now_out)
    ):
        return None
    parts = []
    if (old.patient_group, old.line) != (new.patient_group, new.line):
        parts.append(
            f"The recommendation changed from {group_words(old.patient_group)}, "
            f"{line_words(old.line)} to {group_words(new.patient_group)}, {line_words(new.line)}."
        )
    else:
        parts.append("The recommendation changed within the same group and line.")
    if added:
        parts.append("Options added: " + "; ".join(added) + ".")
    if removed:
        parts.append("Options removed: " + "; ".join(removed) + ".")
    if now_out:
        parts.append("Now ruled out: " + "; ".join(now_out) + ".")
    sources: list[str] = []
    for rec, result in ((new, new_result), (old, old_result)):
        for option in rec.options:
            for sid in option.sources:
                if sid not in sources:
                    sources.append(sid)
        for sid in node_sources(result):
            if sid not in sources:
                sources.append(sid)
    return Statement(" ".join(parts), "guideline", tuple(sources))


def _unique(items: Iterable[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    seen: dict[str, int] = {}
    out: list[tuple[str, tuple[str, ...]]] = []
    for text, sources in items:
        if not text:
            continue
        if text in seen:
            i = seen[text]
            merged = tuple(dict.fromkeys(out[i][1] + sources))
            out[i] = (text, merged)
            continue
        seen[text] = len(out)
        out.append((text, sources))
    return out


def answer_statements(
    result: EngineResult, state: CaseState, node_title: str = "", condition: str = ""
) -> list[Statement]:
    """The body of an answer: notes, the bottom line, then the details.

    The bottom line (``part="bottom"``) is what a clinician reads first: group and
    line, the options that apply now, those an unknown fact decides (grouped by that
    fact), those ruled out with the reason, the case flags, and supportive care in one
    line. The details give each drug's dose once, every warning, all key evidence and
    the supportive-care sentences. Every sentence is a statement with its sources.

    ``condition``: what the whole answer holds under ("there is no visceral crisis"),
    when a deciding fact is not known."""
    out: list[Statement] = []
    for item in result.notes:
        text, sources = text_and_sources(item)
        basis: Basis = "guideline" if item.basis == "guideline" else "system"
        if text:
            part: StatementPart = "dose" if item.kind == "dose_note" else ""
            out.append(Statement(text, basis, sources if basis == "guideline" else (), part))
    for fact in open_deciding_facts(result, state):
        out.append(
            Statement(
                f"{fact_label(fact).capitalize()} is not known; the answer below holds only if it "
                "does not change the group or line — tell me if it is known.",
                "system",
            )
        )
    out += bottom_line(result, state, node_title, condition)
    out += dose_statements(result.options)
    warnings = [text_and_sources(w) for w in result.warnings]
    for option in result.options:
        warnings.extend(text_and_sources(w) for w in option.warnings)
    out += [Statement(t, "guideline", src, "warning") for t, src in _unique(warnings)]
    evidence: list[tuple[str, tuple[str, ...]]] = []
    for option in result.options:
        if option.applicable is not False:
            evidence.extend(text_and_sources(e) for e in option.evidence)
    out += [Statement(t, "guideline", src, "evidence") for t, src in _unique(evidence)]
    for support in result.supportive:
        text, sources = text_and_sources(support)
        if text:
            out.append(Statement(text, "guideline", sources, "supportive"))
    return out


def _variant_node(result: EngineResult) -> bool:
    """True for a node told apart from another of the same line (its title then matters)."""
    node = result.node_id or ""
    return bool(node) and not node.endswith(f"/line-{result.line}")


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sid for group in groups for sid in group))


def regimen_names(options: Sequence[EvaluatedOption]) -> str:
    """Regimens by name, those differing in one drug folded: ``fulvestrant + ribociclib,
    abemaciclib or palbociclib``."""
    folded: dict[tuple[tuple[str, ...], int], list[str]] = {}
    order: list[tuple[tuple[str, ...], int]] = []
    for option in options:
        drugs = tuple(option.drugs)
        slot = len(drugs) - 1 if len(drugs) > 1 else -1
        key = (drugs[:slot] + ("*",) + drugs[slot + 1 :], slot) if slot >= 0 else (drugs, -1)
        if key not in folded:
            folded[key] = []
            order.append(key)
        if slot >= 0:
            folded[key].append(drugs[slot])
    names = []
    for key in order:
        pattern, slot = key
        if slot < 0:
            names.append(" + ".join(pattern))
            continue
        alternatives = folded[key]
        choice = (
            alternatives[0]
            if len(alternatives) == 1
            else ", ".join(alternatives[:-1]) + " or " + alternatives[-1]
        )
        names.append(" + ".join(choice if d == "*" else d for d in pattern))
    return "; ".join(names)


_DECIDER_WORDS = {
    "pik3ca": "PIK3CA result",
    "esr1": "ESR1 result",
    "akt1": "AKT1 result",
    "pten": "PTEN result",
    "germline_brca": "Germline BRCA result",
    "pdl1": "PD-L1 result",
    "her2_low": "HER2-low result",
    "ntrk_fusion": "NTRK fusion result",
    "ret_fusion": "RET fusion result",
    "msi_high": "MSI-H result",
    "dmmr": "dMMR result",
    "tmb_high": "TMB result",
}


def _open_reasons(option: EvaluatedOption, known: Collection[str]) -> list[Reason]:
    return [r for r in option.reasons if r.status == "unknown"]


def _decider(option: EvaluatedOption, known: Collection[str]) -> str:
    """The fact that decides a conditional option: its first open fact in vocabulary order."""
    facts = [f for r in _open_reasons(option, known) for f in r.facts]
    ranked = sorted(dict.fromkeys(facts), key=lambda f: list(FACTS).index(f) if f in FACTS else 99)
    unknown = [f for f in ranked if f not in known]
    return (unknown or ranked or [""])[0]


def _conditions_words(option: EvaluatedOption, known: Collection[str]) -> str:
    open_labels = [_reason_label(r) for r in _open_reasons(option, known)]
    return " and ".join(dict.fromkeys(open_labels or list(option.conditions))) or "a fact not known"


def _tiered(options: Sequence[EvaluatedOption]) -> str:
    """``A; B`` for primary options, ``(Secondary) C`` marked where the tiers mix."""
    primary = [o for o in options if o.tier == "primary"]
    secondary = [o for o in options if o.tier != "primary"]
    parts = []
    if primary:
        parts.append(regimen_names(primary))
    if secondary:
        parts.append(("Secondary: " if primary else "") + regimen_names(secondary))
    return "; ".join(parts)


def bottom_line(
    result: EngineResult, state: CaseState, node_title: str = "", condition: str = ""
) -> list[Statement]:
    """The answer in a few statements (``part="bottom"``), each citing its sections."""
    options = list(result.options)
    narrative = narrative_of(result)
    known = tuple(state.facts)
    heading = f"{group_words(result.group or '')} — {line_words(result.line)}"
    if node_title and (_variant_node(result) or len(node_title) <= MAX_TITLE_IN_BOTTOM_LINE):
        heading += f": {node_title}"
    if condition:
        heading = f"If {condition}: {heading}"
    out = [Statement(heading + ".", "guideline", node_sources(result), "bottom")]
    for tier in ("primary", "secondary"):
        now = [o for o in options if o.tier == tier and o.applicable is True]
        if now:
            out.append(
                Statement(
                    f"{tier.capitalize()} options that apply now: {regimen_names(now)}.",
                    "guideline",
                    _merge(*(o.sources for o in now)),
                    "bottom",
                )
            )
    deciders: dict[str, list[EvaluatedOption]] = {}
    for option in options:
        if option.applicable is None:
            deciders.setdefault(_decider(option, known), []).append(option)
    for fact, group in deciders.items():
        by_condition: dict[str, list[EvaluatedOption]] = {}
        for option in group:
            by_condition.setdefault(_conditions_words(option, known), []).append(option)
        label = fact_label(fact) if fact else ""
        words = _DECIDER_WORDS.get(fact) or label[:1].upper() + label[1:]
        count = f"{len(group)} option{'s' if len(group) > 1 else ''}"
        lead = f"{words} decides {count}" if words else f"Conditional, {count}"
        body = "; ".join(f"if {cond}: {_tiered(opts)}" for cond, opts in by_condition.items())
        sources = _merge(
            *(o.sources for o in group),
            (sid for o in group for r in _open_reasons(o, known) for sid in r.sources),
            [narrative] if narrative else [],
        )
        out.append(Statement(f"{lead} — {body}.", "guideline", sources, "bottom"))
    ruled_out = [o for o in options if o.applicable is False]
    if ruled_out:
        reasons = []
        for option in ruled_out:
            why = [_reason_label(r) for r in option.reasons if r.status == "not met"] or list(
                option.conditions
            )
            reasons.append(
                f"{' + '.join(option.drugs)} (requires {'; '.join(dict.fromkeys(why)) or 'a fact this case does not meet'})"
            )
        sources = _merge(
            *(o.sources for o in ruled_out),
            (sid for o in ruled_out for r in o.reasons for sid in r.sources),
            [narrative] if narrative else [],
        )
        out.append(
            Statement(
                "Ruled out by the case: " + "; ".join(reasons) + ".", "guideline", sources, "bottom"
            )
        )
    out += flag_statements([o for o in options if o.applicable is not False], narrative)
    supportive = [
        item
        for item in result.supportive
        if item.id not in _SUPPORTIVE_DETAIL_ONLY
        or (item.id == "denosumab-dialysis" and state.facts.get("dialysis"))
    ]
    labels = [item.label for item in supportive if item.label]
    if labels:
        out.append(
            Statement(
                "Supportive care with any option: " + "; ".join(labels) + ".",
                "guideline",
                _merge(*(text_and_sources(item)[1] for item in supportive)),
                "bottom",
            )
        )
    return out


_PROGRESSING = "progressed on "
_RECEIVED = "already received "
_SUPPORTIVE_DETAIL_ONLY = frozenset({"denosumab-dialysis", "breast-surgery-case-by-case"})
"""Supportive items the bottom line leaves to the details (the dialysis note unless the
case is on dialysis; the second surgery sentence repeats the first)."""


def flag_statements(options: Sequence[EvaluatedOption], narrative: str | None) -> list[Statement]:
    """Case flags grouped by flag, explained: "the fulvestrant options continue fulvestrant"."""
    by_flag: dict[str, list[EvaluatedOption]] = {}
    for option in options:
        for flag in option.flags:
            by_flag.setdefault(flag, []).append(option)
    out = []
    for flag, group in by_flag.items():
        sources = _merge(
            *(o.sources for o in group),
            (sid for o in group for w in o.warnings for sid in w.sources),
            (sid for o in group for r in o.reasons for sid in r.sources),
        )
        if flag.startswith(_PROGRESSING):
            drug = flag[len(_PROGRESSING) :]
            text = (
                f"Caution: the {drug} option{'s' if len(group) > 1 else ''} "
                f"({len(group)}) continue{'' if len(group) > 1 else 's'} {drug}, "
                "on which the disease is progressing."
            )
        elif flag.startswith(_RECEIVED):
            drug = flag[len(_RECEIVED) :]
            text = (
                f"Caution: the {drug} option{'s' if len(group) > 1 else ''} "
                f"({len(group)}) repeat{'' if len(group) > 1 else 's'} {drug}, "
                "which the patient has already received."
            )
        else:
            text = f"Caution — {flag}: {regimen_names(group)}."
        out.append(Statement(text, "guideline", sources, "bottom"))
    return out


def dose_statements(options: Sequence[EvaluatedOption]) -> list[Statement]:
    """Each drug's dose once, as the guideline writes it (``part="dose"``).

    A drug the guideline doses differently in two regimens gets each dose with the
    regimen it belongs to; a drug without a dose says so and is never given one."""
    doses: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    for option in options:
        if option.applicable is False:
            continue
        given = dict(option.doses)
        for drug in option.drugs:
            dose = (given.get(drug) or "").strip()
            if not dose or NO_DOSE in dose.lower() or "consult local" in dose.lower():
                dose = NO_DOSE
            regimens, sources = doses.setdefault(drug, {}).setdefault(dose, ([], []))
            regimens.append(" + ".join(option.drugs))
            sources.extend(option.sources)
    out = []
    for drug, by_dose in doses.items():
        if len(by_dose) == 1:
            dose = next(iter(by_dose))
            text = f"{drug}: {dose}"
        else:
            text = f"{drug}: " + "; ".join(
                f"{dose} (in {', '.join(dict.fromkeys(regimens))})"
                for dose, (regimens, _) in by_dose.items()
            )
        cited = _merge(*(src for _, src in by_dose.values()))
        out.append(
            Statement(text + ("" if text.endswith(".") else "."), "guideline", cited, "dose")
        )
    return out


def open_deciding_facts(result: EngineResult, state: CaseState) -> list[str]:
    """Facts the user could not give that would change group, line or node."""
    out: list[str] = []
    for item in result.missing:
        fact, level = item.fact, item.level
        if fact in state.unknown and level in ("group", "line", "node") and fact not in out:
            out.append(fact)
    return out


def value_words(name: str, value: FactValue | None) -> str:
    return "unknown" if value is None else fact_value_words(name, value)
