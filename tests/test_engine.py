"""The rules engine: every node reachable, lines clamped, conditions three-valued, flags,
warnings, missing facts, trace, and the headline case."""

from __future__ import annotations

from typing import Any

import pytest
from engine_cases import GROUP_FACTS, HEADLINE, node_facts

from chatbot.contract import FACTS, GROUP_IDS, REPLY_JSON_SCHEMA, Reply
from chatbot.engine import EngineResult, evaluate
from chatbot.engine.result import LEVELS
from chatbot.kb.loader import Knowledge, load_knowledge

_KN = load_knowledge()


def option(res: EngineResult, *drugs: str):  # type: ignore[no-untyped-def]
    matches = [o for o in res.options if set(o.drugs) == set(drugs)]
    assert len(matches) == 1, (drugs, [o.drugs for o in res.options])
    return matches[0]


# ---------------------------------------------------------------- group × line × variant


def test_group_facts_cover_every_group() -> None:
    assert set(GROUP_FACTS) == set(GROUP_IDS)


@pytest.mark.parametrize("node_id", list(_KN.nodes))
def test_every_node_is_reachable(node_id: str) -> None:
    res = evaluate(node_facts(node_id))
    node = _KN.nodes[node_id]
    assert (res.group, res.line, res.node_id) == (node.group, node.line, node_id)
    assert not [m for m in res.missing if m.level in ("group", "line", "node")]
    rec = res.recommendation()
    assert rec is not None and rec.patient_group == node.group and rec.line == node.line
    expected = sum(len(a.regimens()) for ol in node.option_lists for a in ol.alternatives)
    assert len(res.options) == expected
    assert all(o.sources for o in res.options)
    assert res.trace[-1].sources or node.no_named_agent


@pytest.mark.parametrize("node_id", [n for n, node in _KN.nodes.items() if node.variant])
def test_unknown_variant_fact_leaves_node_undecided(node_id: str) -> None:
    facts = node_facts(node_id)
    for fact in _KN.nodes[node_id].variant:
        partial = {k: v for k, v in facts.items() if k != fact}
        res = evaluate(partial)
        assert res.node_id is None and res.recommendation() is None
        assert fact in [m.fact for m in res.missing_at("node")]


@pytest.mark.parametrize("group", GROUP_IDS)
def test_line_beyond_the_sequence_is_clamped_with_a_note(group: str) -> None:
    _, last = _KN.line_range(group)
    facts = {
        **GROUP_FACTS[group],
        "prior_lines": last + 3,
        "brain_metastases": False,
        "germline_brca": False,
        "chemo_candidate": True,
    }
    res = evaluate(facts)
    assert res.line == last
    assert [n.kind for n in res.notes].count("line_clamped") == 1


@pytest.mark.parametrize(
    ("group", "last"),
    [
        ("hr-pos-her2-neg-postmenopausal", 6),
        ("hr-pos-her2-neg-premenopausal", 7),
        ("hr-pos-her2-pos-postmenopausal", 3),
        ("hr-neg-her2-pos", 3),
        ("tnbc-pdl1-neg", 3),
        ("tnbc-pdl1-pos", 3),
        ("her2-neg-visceral-crisis", 2),
        ("her2-pos-visceral-crisis", 2),
    ],
)
def test_line_ranges(knowledge: Knowledge, group: str, last: int) -> None:
    assert knowledge.line_range(group) == (1, last)


@pytest.mark.parametrize(
    ("unknown", "level"),
    [
        ("visceral_crisis", "group"),
        ("her2", "group"),
        ("hormone_receptor", "group"),
        ("menopausal_status", "group"),
        ("prior_lines", "line"),
    ],
)
def test_unknown_group_and_line_facts_are_missing(unknown: str, level: str) -> None:
    facts = {k: v for k, v in HEADLINE.items() if k != unknown}
    res = evaluate(facts)
    assert unknown in [m.fact for m in res.missing_at(level)]  # type: ignore[arg-type]
    assert res.recommendation() is None


def test_pdl1_decides_triple_negative_group() -> None:
    facts = {k: v for k, v in GROUP_FACTS["tnbc-pdl1-pos"].items() if k != "pdl1"}
    res = evaluate({**facts, "prior_lines": 0})
    assert res.group is None and [m.fact for m in res.missing_at("group")] == ["pdl1"]


def test_visceral_crisis_takes_precedence() -> None:
    facts = {
        **GROUP_FACTS["hr-pos-her2-neg-postmenopausal"],
        "visceral_crisis": True,
        "prior_lines": 0,
    }
    assert evaluate(facts).group == "her2-neg-visceral-crisis"


def test_missing_is_ordered_most_decisive_first() -> None:
    res = evaluate({"hormone_receptor": "positive", "her2": "negative"})
    levels = [LEVELS.index(m.level) for m in res.missing]
    assert levels == sorted(levels)
    assert [m.fact for m in res.missing][:2] == ["visceral_crisis", "menopausal_status"]


# ---------------------------------------------------------------- headline


def test_headline_case() -> None:
    res = evaluate(HEADLINE)
    assert (res.group, res.line) == ("hr-pos-her2-neg-postmenopausal", 2)
    for o in res.options:
        assert ("progressed on fulvestrant" in o.flags) == ("fulvestrant" in o.drugs)
    alpelisib = option(res, "fulvestrant", "alpelisib")
    assert alpelisib.applicable is None and alpelisib.conditions == ("PIK3CA mutation",)
    assert ("alpelisib", "300 mg orally once daily until tumour progression") in alpelisib.doses
    assert any("alpelisib" in e.text for e in alpelisib.evidence)
    elacestrant = option(res, "elacestrant")
    assert elacestrant.applicable is None and "ESR1 mutation" in elacestrant.conditions
    capi = option(res, "fulvestrant", "capivasertib")
    assert capi.applicable is None and "PIK3CA/AKT1/PTEN alteration" in capi.conditions
    assert option(res, "fulvestrant", "palbociclib", "inavolisib").applicable is None
    for cdk in ("ribociclib", "abemaciclib", "palbociclib"):
        o = option(res, "fulvestrant", cdk)
        assert o.applicable is True
        assert {"cdk46-neutropenia", "cdk46-ild"} <= {w.id for w in o.warnings}
    assert option(res, "exemestane", "everolimus").applicable is True
    assert option(res, "exemestane").tier == "secondary"
    missing = {m.fact: m.level for m in res.missing}
    assert missing == {
        "pik3ca": "applicability",
        "akt1": "applicability",
        "pten": "applicability",
        "esr1": "applicability",
        "prior_cdk46": "flag",
    }
    assert res.missing[0].fact == "pik3ca"  # decides the most options
    assert {s.id for s in res.supportive} >= {
        "bone-therapy",
        "denosumab-dialysis",
        "clinical-trials",
    }
    assert all(
        s.sources == ("hr-pos-her2-neg-postmenopausal/line-2/supportive-care",)
        for s in res.supportive
    )


def test_headline_with_biomarkers_known() -> None:
    res = evaluate(
        {
            **HEADLINE,
            "pik3ca": True,
            "esr1": False,
            "akt1": False,
            "pten": False,
            "prior_cdk46": True,
        }
    )
    assert option(res, "fulvestrant", "alpelisib").applicable is True
    assert option(res, "elacestrant").applicable is False
    assert option(res, "fulvestrant", "capivasertib").applicable is None  # AI exposure not captured
    o = option(res, "fulvestrant", "ribociclib")
    assert any("CDK4/6" in f for f in o.flags)
    assert "cdk46-continuation-unclear" in {w.id for w in o.warnings}
    assert not res.missing_at("applicability")


def test_evaluate_is_deterministic() -> None:
    assert evaluate(HEADLINE) == evaluate(dict(HEADLINE))


def test_invalid_facts_are_ignored_and_traced() -> None:
    res = evaluate({**HEADLINE, "her2": "maybe", "prior_lines": -1, "nonsense": 1})
    assert res.group is None and res.line is None
    assert sum(t.rule == "ignore invalid fact" for t in res.trace) == 3


# ---------------------------------------------------------------- conditions: true / false / unknown

# rule id -> (a node it applies at, a drug identifying its options, facts making it true, false)
CONDITION_CASES: dict[str, tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    "alpelisib-pik3ca": (
        "hr-pos-her2-neg-postmenopausal/line-2",
        "alpelisib",
        {"pik3ca": True},
        {"pik3ca": False},
    ),
    "inavolisib-pik3ca": (
        "hr-pos-her2-neg-premenopausal/line-3",
        "inavolisib",
        {"pik3ca": True},
        {"pik3ca": False},
    ),
    "capivasertib-alteration": (
        "hr-pos-her2-neg-postmenopausal/line-2",
        "capivasertib",
        {"akt1": True},
        {"pik3ca": False, "akt1": False, "pten": False},
    ),
    "capivasertib-after-ai": (
        "hr-pos-her2-neg-postmenopausal/line-2",
        "capivasertib",
        {"prior_therapies": ["letrozole"]},
        {},
    ),
    "elacestrant-esr1": (
        "hr-pos-her2-neg-premenopausal/line-3",
        "elacestrant",
        {"esr1": True},
        {"esr1": False},
    ),
    "elacestrant-endocrine-lines": (
        "hr-pos-her2-neg-postmenopausal/line-2",
        "elacestrant",
        {"prior_lines": 1},
        {},
    ),
    "parp-germline-brca": (
        "hr-pos-her2-neg-postmenopausal/line-4",
        "olaparib",
        {"germline_brca": True},
        {"germline_brca": False},
    ),
    "tdxd-her2-low": (
        "hr-pos-her2-neg-postmenopausal/line-5",
        "trastuzumab deruxtecan",
        {"her2_low": True},
        {"her2_low": False},
    ),
    "tdxd-one-prior-chemo": (
        "hr-pos-her2-neg-premenopausal/line-6",
        "trastuzumab deruxtecan",
        {"prior_chemo_lines": 1},
        {"prior_chemo_lines": 0},
    ),
    "sacituzumab-two-prior-chemo": (
        "hr-pos-her2-neg-postmenopausal/line-5",
        "sacituzumab govitecan",
        {"prior_chemo_lines": 2},
        {"prior_chemo_lines": 1},
    ),
    "abemaciclib-no-prior-cdk46": (
        "hr-pos-her2-neg-postmenopausal/line-5",
        "abemaciclib",
        {"prior_cdk46": False},
        {"prior_cdk46": True},
    ),
    "trk-ntrk": (
        "tnbc-pdl1-pos/line-3",
        "larotrectinib",
        {"ntrk_fusion": True},
        {"ntrk_fusion": False},
    ),
    "pembrolizumab-msi-tmb": (
        "her2-neg-visceral-crisis/line-2",
        "pembrolizumab",
        {"tmb_high": True},
        {"tmb_high": False, "msi_high": False, "dmmr": False},
    ),
    "dostarlimab-dmmr": (
        "hr-pos-her2-neg-premenopausal/line-7",
        "dostarlimab",
        {"dmmr": True},
        {"dmmr": False},
    ),
    "selpercatinib-ret": (
        "hr-neg-her2-pos/line-3",
        "selpercatinib",
        {"ret_fusion": True},
        {"ret_fusion": False},
    ),
    "atezolizumab-no-prior-chemo": (
        "tnbc-pdl1-pos/line-1",
        "atezolizumab",
        {"prior_chemo_lines": 0},
        {"prior_chemo_lines": 1},
    ),
    "ptt-chemo-candidate": (
        "hr-neg-her2-pos/line-1",
        "pertuzumab",
        {"chemo_candidate": True},
        {"chemo_candidate": False},
    ),
    "trastuzumab-mono-non-candidate": (
        "hr-neg-her2-pos/line-1",
        "trastuzumab",
        {"chemo_candidate": False},
        {"chemo_candidate": True},
    ),
    "tucatinib-third-line-brain-metastases": (
        "hr-pos-her2-pos-premenopausal/line-3",
        "tucatinib",
        {"brain_metastases": True},
        {"brain_metastases": False},
    ),
    "lapatinib-capecitabine-two-her2": (
        "hr-neg-her2-pos/line-3",
        "lapatinib",
        {"prior_therapies": ["trastuzumab", "pertuzumab"]},
        {},
    ),
    "margetuximab-two-her2": (
        "hr-pos-her2-pos-postmenopausal/line-3",
        "margetuximab",
        {"prior_therapies": ["trastuzumab", "trastuzumab deruxtecan"]},
        {},
    ),
    "neratinib-two-her2": (
        "hr-pos-her2-pos-postmenopausal/line-3",
        "neratinib",
        {"prior_therapies": ["trastuzumab", "trastuzumab emtansine"]},
        {},
    ),
}


def test_every_requires_rule_has_a_condition_case(knowledge: Knowledge) -> None:
    assert {r.id for r in knowledge.rules if r.kind == "requires"} == set(CONDITION_CASES)


def _rule_option(res: EngineResult, rule_label: str, drug: str):  # type: ignore[no-untyped-def]
    opts = [o for o in res.options if drug in o.drugs and rule_label in o.conditions]
    if drug == "trastuzumab":
        opts = [o for o in opts if o.drugs == ("trastuzumab",)]
    if drug == "lapatinib":
        opts = [o for o in opts if "capecitabine" in o.drugs]
    assert opts, (rule_label, drug, [o.drugs for o in res.options])
    return opts


@pytest.mark.parametrize("value", [True, False, None])
@pytest.mark.parametrize("rule_id", sorted(CONDITION_CASES))
def test_condition_three_ways(rule_id: str, value: bool | None) -> None:
    node_id, drug, true_facts, false_facts = CONDITION_CASES[rule_id]
    rule = next(r for r in _KN.rules if r.id == rule_id)
    assert node_id in rule.at
    base = node_facts(node_id)
    assert rule.condition is not None
    # "unknown": drop the rule's facts from the base case (prior_lines defines the line: keep it)
    unknown_facts = {
        k: v for k, v in base.items() if k not in rule.condition.facts or k == "prior_lines"
    }
    if value is False and not false_facts:
        pytest.skip("this condition is never false from case facts (the list may be incomplete)")
    if value is None and rule.condition.facts <= {"prior_lines"}:
        pytest.skip("prior_lines fixes the line; it is never unknown at a node")
    if value is None and rule_id == "atezolizumab-no-prior-chemo":
        pytest.skip(
            "at 1st line prior_lines 0 implies prior_chemo_lines 0 (derived, never unknown)"
        )
    facts = {
        **unknown_facts,
        **(true_facts if value is True else false_facts if value is False else {}),
    }
    res = evaluate(facts)
    assert res.node_id == node_id
    want = {True: "met", False: "not met", None: "unknown"}[value]
    for o in _rule_option(res, rule.label, drug):
        (reason,) = [r for r in o.reasons if r.label == rule.label]
        assert reason.status == want
        assert reason.sources == rule.sources_at[node_id]
        if value is False:
            assert o.applicable is False
        if value is None:
            assert o.applicable is None
            assert set(reason.facts) & {m.fact for m in res.missing} or reason.facts == (
                "prior_therapies",
            )


def test_notes_are_labels_without_applicability_effect() -> None:
    res = evaluate({**node_facts("tnbc-pdl1-pos/line-1"), "prior_chemo_lines": 0})
    atezo = option(res, "atezolizumab", "paclitaxel nanoparticle albumin-bound")
    assert "approved in the EU and other countries, not in the US" in atezo.conditions
    assert atezo.applicable is True
    pembro = option(res, "pembrolizumab", "paclitaxel")
    assert (
        "PD-L1 combined positive score (CPS) ≥10" in pembro.conditions and pembro.applicable is True
    )


# ---------------------------------------------------------------- flags and warnings


def test_neuropathy_flags_paclitaxel_only() -> None:
    res = evaluate({**node_facts("tnbc-pdl1-neg/line-1"), "neuropathy": True})
    assert any("neuropathy" in f for f in option(res, "paclitaxel").flags)
    assert not option(res, "docetaxel").flags
    assert "paclitaxel-neuropathy" in {w.id for w in option(res, "paclitaxel").warnings}
    unknown = evaluate(node_facts("tnbc-pdl1-neg/line-1"))
    assert ("neuropathy", "flag") in {(m.fact, m.level) for m in unknown.missing}


def test_heart_failure_flags_her2_blockade() -> None:
    res = evaluate({**node_facts("hr-pos-her2-pos-postmenopausal/line-1"), "heart_failure": True})
    for o in res.options:
        assert any("heart failure" in f for f in o.flags)
        assert "her2-blockade-heart-failure" in {w.id for w in o.warnings}
        assert "pertuzumab-rash-diarrhoea" in {w.id for w in o.warnings}


def test_already_received_flags_in_her2_third_line() -> None:
    res = evaluate(
        {
            **node_facts("hr-neg-her2-pos/line-3"),
            "prior_therapies": ["trastuzumab", "pertuzumab", "docetaxel", "trastuzumab deruxtecan"],
        }
    )
    assert "already received trastuzumab deruxtecan" in option(res, "trastuzumab deruxtecan").flags
    assert not option(res, "trastuzumab").flags  # may be continued beyond progression
    assert option(res, "lapatinib", "capecitabine").applicable is True
    tc = option(res, "trastuzumab", "chemotherapy")
    assert "chemotherapy other than an anthracycline" in tc.conditions
    assert "anthracycline-trastuzumab-cardiac" in {w.id for w in tc.warnings}
    assert all(
        o.from_narrative and o.sources[0] == "hr-neg-her2-pos/line-3/narrative" for o in res.options
    )


def test_already_received_flags_for_preferred_chemotherapy() -> None:
    res = evaluate(
        {**node_facts("hr-pos-her2-neg-postmenopausal/line-4"), "prior_therapies": ["docetaxel"]}
    )
    assert "already received docetaxel" in option(res, "docetaxel").flags
    assert not option(res, "epirubicin").flags


def test_dialysis_with_denosumab_is_a_case_warning() -> None:
    facts = {**HEADLINE, "prior_therapies": ["fulvestrant", "denosumab"]}
    assert "dialysis" in {m.fact for m in evaluate(facts).missing_at("flag")}
    res = evaluate({**facts, "dialysis": True})
    (w,) = [w for w in res.warnings if w.id == "denosumab-dialysis"]
    assert w.sources == ("hr-pos-her2-neg-postmenopausal/line-2/supportive-care",)
    assert not [
        w for w in evaluate({**facts, "dialysis": False}).warnings if w.id == "denosumab-dialysis"
    ]


@pytest.mark.parametrize("line", [2, 3, 4, 5, 6, 7])
def test_premenopausal_later_lines_warn_about_ovarian_ablation(line: int) -> None:
    facts = {**GROUP_FACTS["hr-pos-her2-neg-premenopausal"], "prior_lines": line - 1}
    assert "premenopausal-post-ovarian-ablation" in {w.id for w in evaluate(facts).warnings}
    done = evaluate({**facts, "ovarian_ablation": True})
    assert "premenopausal-post-ovarian-ablation" not in {w.id for w in done.warnings}


def test_first_line_premenopausal_has_no_ablation_warning() -> None:
    facts = {**GROUP_FACTS["hr-pos-her2-neg-premenopausal"], "prior_lines": 0}
    assert not evaluate(facts).warnings


def test_visceral_crisis_first_line_names_no_agent() -> None:
    res = evaluate({**GROUP_FACTS["her2-neg-visceral-crisis"], "prior_lines": 0})
    assert res.options == ()
    notes = [n for n in res.notes if n.kind == "no_named_agent"]
    assert notes and all(n.sources == ("her2-neg-visceral-crisis/line-1/narrative",) for n in notes)
    rec = res.recommendation()
    assert rec is not None and rec.options == ()


def test_cdk46_derived_from_prior_therapies() -> None:
    res = evaluate(
        {**node_facts("hr-pos-her2-neg-postmenopausal/line-5"), "prior_therapies": ["palbociclib"]}
    )
    assert res.facts["prior_cdk46"] is True
    assert option(res, "abemaciclib").applicable is False


# ---------------------------------------------------------------- missing facts are decisive


@pytest.mark.parametrize("node_id", list(_KN.nodes))
def test_each_missing_fact_changes_the_result(node_id: str) -> None:
    """Generic check: setting any reported fact to some value changes group/line/node/options."""
    res = evaluate(node_facts(node_id))

    def shape(r: EngineResult) -> tuple[Any, ...]:
        return (
            r.group,
            r.line,
            r.node_id,
            tuple((o.applicable, o.flags, tuple(x.status for x in o.reasons)) for o in r.options),
            tuple(w.id for w in r.warnings),
        )

    for m in res.missing:
        spec = FACTS[m.fact]
        values: tuple[Any, ...] = (
            (True, False) if spec.type == "bool" else spec.values or (0, 1, 2, 3)
        )
        assert any(
            shape(evaluate({**node_facts(node_id), m.fact: v})) != shape(res) for v in values
        ), m


# ---------------------------------------------------------------- contract views


def test_recommendation_matches_the_reply_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for node_id in _KN.nodes:
        rec = evaluate(node_facts(node_id)).recommendation()
        reply = Reply(kind="answer", recommendation=rec)
        jsonschema.validate(reply.to_dict(), REPLY_JSON_SCHEMA)


# ---------------------------------------------------------------- every flag rule and warning is live


@pytest.mark.parametrize(
    ("rule_id", "node_id"), [(r.id, nid) for r in _KN.rules if r.kind == "flag" for nid in r.at]
)
def test_every_flag_rule_fires_where_it_is_encoded(rule_id: str, node_id: str) -> None:
    rule = next(r for r in _KN.rules if r.id == rule_id)
    base = evaluate(node_facts(node_id))
    targets = [o for o in base.options if rule.drugs.matches(frozenset(o.drugs))]
    assert targets, "the rule matches no option at its node"
    drug = next(
        d for d in targets[0].drugs if d in rule.drugs.matching(frozenset(targets[0].drugs))
    )
    res = evaluate({**node_facts(node_id), "prior_therapies": [drug]})
    flagged = option(res, *targets[0].drugs)
    assert rule.label.format(drug=drug) in flagged.flags
    assert not any(
        rule.label.format(drug=drug) in o.flags for o in res.options if drug not in o.drugs
    )


@pytest.mark.parametrize("warning_id", [w.id for w in _KN.warnings if w.drugs is not None])
def test_every_option_warning_reaches_some_option(warning_id: str) -> None:
    w = next(x for x in _KN.warnings if x.id == warning_id)
    extra = {"neuropathy": True, "heart_failure": True, "prior_cdk46": True}
    hits = [
        o
        for nid in _KN.nodes
        for o in evaluate({**node_facts(nid), **extra}).options
        if warning_id in {x.id for x in o.warnings}
    ]
    assert hits
    if w.flag:
        assert all(w.flag in o.flags for o in hits)


@pytest.mark.parametrize("node_id", list(_KN.nodes))
def test_facts_not_reported_missing_change_nothing(node_id: str) -> None:
    """The converse: no unknown fact outside ``missing`` changes the result."""
    facts = node_facts(node_id)
    res = evaluate(facts)
    reported = {m.fact for m in res.missing}

    def shape(r: EngineResult) -> tuple[Any, ...]:
        return (
            r.group,
            r.line,
            r.node_id,
            tuple((o.applicable, o.flags, tuple(x.status for x in o.reasons)) for o in r.options),
            tuple(w.id for w in r.warnings),
        )

    base = shape(res)
    for name, spec in FACTS.items():
        if (
            name in res.facts
            or name in reported
            or spec.type == "list"
            or name in ("age", "prior_lines")
        ):
            continue
        values: tuple[Any, ...] = {"bool": (True, False), "int": (0, 1, 2, 3)}.get(
            spec.type, spec.values
        )
        for v in values:
            assert shape(evaluate({**facts, name: v})) == base, (name, v)


def test_her2_low_counts_as_her2_negative() -> None:
    facts = {k: v for k, v in HEADLINE.items() if k != "her2"}
    res = evaluate({**facts, "her2_low": True})
    assert res.group == "hr-pos-her2-neg-postmenopausal"
    assert any(t.rule == "HER2-low counts as HER2-negative" for t in res.trace)


def test_list_facts_may_be_tuples() -> None:
    res = evaluate(
        {**HEADLINE, "progressed_on": ("fulvestrant",), "prior_therapies": ("fulvestrant",)}
    )
    assert "progressed on fulvestrant" in option(res, "fulvestrant", "alpelisib").flags


@pytest.mark.parametrize("line", [2, 3, 4, 5, 6, 7])
def test_a_presupposed_fact_is_asked_and_leaves_options_conditional(line: int) -> None:
    """Pre-menopausal HR+/HER2- lines 2-7 are post-ovarian ablation (node data
    ``requires``): unknown ablation is a node-level missing fact and every option not
    ruled out is conditional on it, citing the guideline's sentence."""
    facts = {**GROUP_FACTS["hr-pos-her2-neg-premenopausal"], "prior_lines": line - 1}
    res = evaluate(facts)
    assert ("ovarian_ablation", "node") in {(m.fact, m.level) for m in res.missing}
    assert res.node_id == f"hr-pos-her2-neg-premenopausal/line-{line}"
    for o in res.options:
        if o.applicable is not False:
            assert o.applicable is None and "ovarian ablation done" in o.conditions
            assert any(r.facts == ("ovarian_ablation",) and r.sources for r in o.reasons)
    said_no = evaluate({**facts, "ovarian_ablation": False})
    assert all(o.applicable is not True for o in said_no.options)
    done = evaluate({**facts, "ovarian_ablation": True})
    assert "ovarian_ablation" not in {m.fact for m in done.missing}
    assert not any("ovarian ablation done" in o.conditions for o in done.options)
