"""The encoded guideline: counts, structure identical to the text, schema and load failures."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from chatbot import paths
from chatbot.contract import GROUP_IDS
from chatbot.kb.loader import Knowledge, KnowledgeError, build_knowledge, compile_condition
from chatbot.kb.model import DrugClass, ExprSpec
from chatbot.kb.option_text import parse_option_block
from chatbot.kb.sections import SectionIndex

# ---------------------------------------------------------------- counts


def _option_lists(kn: Knowledge, tiers: tuple[str, ...] = ("primary", "secondary")):  # type: ignore[no-untyped-def]
    return [ol for n in kn.nodes.values() for ol in n.option_lists if ol.tier in tiers]


def test_counts_match_the_document(knowledge: Knowledge) -> None:
    lists = _option_lists(knowledge)
    assert len(lists) == 49
    assert Counter(ol.tier for ol in lists) == {"primary": 37, "secondary": 12}
    assert sum(len(ol.alternatives) for ol in lists) == 206
    drugs = {e.name for ol in lists for a in ol.alternatives for p in a.parts for e in p.entries}
    assert len(drugs) == 41
    assert drugs == {d.name for d in knowledge.drugs.values() if d.in_options}


def test_every_treatment_node_is_encoded(knowledge: Knowledge, section_index: SectionIndex) -> None:
    assert list(knowledge.nodes) == [f"{n.group}/{n.node}" for n in section_index.nodes]
    assert sum(1 for n in section_index.nodes if n.line is not None) == 40
    assert len(knowledge.nodes) == 41
    assert {n.group for n in knowledge.nodes.values()} == set(GROUP_IDS)


@pytest.mark.parametrize("tier", ["primary", "secondary"])
def test_every_option_block_matches_the_yaml(
    knowledge: Knowledge, section_index: SectionIndex, tier: str
) -> None:
    """Re-parse each option block of the text: a dropped, added or altered regimen fails."""
    checked = 0
    for section in section_index:
        if not section.id.endswith(f"/{tier}-options"):
            continue
        node_id = section.id.rsplit("/", 1)[0]
        encoded = next(ol for ol in knowledge.nodes[node_id].option_lists if ol.tier == tier)
        parsed = parse_option_block(section.text)
        assert len(encoded.alternatives) == len(parsed), section.id
        for alt, palt in zip(encoded.alternatives, parsed, strict=True):
            assert [(p.kind, [(e.name, e.dose) for e in p.entries]) for p in alt.parts] == [
                (pp.kind, [(e.name, e.dose) for e in pp.entries]) for pp in palt
            ], f"{section.id} alternative {alt.index}"
        checked += 1
    assert checked == (37 if tier == "primary" else 12)


def test_option_text_grammar() -> None:
    text = "Primary options\n\na: 1 mg\n\nOR\n\nb\n\nor\n\nc\n\n-- AND --\n\nd\n\nand\n\ne\n"
    alts = parse_option_block(text)
    assert [[(p.kind, [e.name for e in p.entries]) for p in alt] for alt in alts] == [
        [("and", ["a"])],
        [("or", ["b", "c"]), ("and", ["d", "e"])],
    ]
    assert alts[0][0].entries[0].dose == "1 mg"
    with pytest.raises(ValueError, match="mixes"):
        parse_option_block("x\n\nand\n\ny\n\nor\n\nz\n")


# ---------------------------------------------------------------- nodes, variants, special nodes


VARIANTS = {
    "hr-pos-her2-pos-postmenopausal/line-1": {"chemo_candidate": True},
    "hr-pos-her2-pos-postmenopausal/line-1-non-chemo-candidate": {"chemo_candidate": False},
    "hr-pos-her2-pos-postmenopausal/line-2-brain-metastases": {"brain_metastases": True},
    "hr-pos-her2-pos-premenopausal/sequential-endocrine-trastuzumab": {
        "chemo_candidate": False,
        "ovarian_ablation": True,
    },
    "tnbc-pdl1-neg/line-1": {"germline_brca": False},
    "tnbc-pdl1-neg/line-3-gbrca": {"germline_brca": True},
    "hr-neg-her2-pos/line-2": {"brain_metastases": False},
    "hr-neg-her2-pos/line-1": {},
}


@pytest.mark.parametrize(("node_id", "variant"), sorted(VARIANTS.items()))
def test_node_variants(knowledge: Knowledge, node_id: str, variant: dict[str, bool]) -> None:
    assert dict(knowledge.nodes[node_id].variant) == variant


def test_variants_tell_same_line_nodes_apart(knowledge: Knowledge) -> None:
    for group in GROUP_IDS:
        lo, hi = knowledge.line_range(group)
        for line in range(lo, hi + 1):
            nodes = knowledge.nodes_at(group, line)
            assert nodes, (group, line)
            if len(nodes) > 1:
                for a in nodes:
                    for b in nodes:
                        if a is not b:
                            assert any(
                                f in b.variant and b.variant[f] != v for f, v in a.variant.items()
                            ), (a.id, b.id)


@pytest.mark.parametrize(
    "group", ["hr-pos-her2-pos-postmenopausal", "hr-pos-her2-pos-premenopausal", "hr-neg-her2-pos"]
)
def test_her2_third_line_carries_narrative_options(knowledge: Knowledge, group: str) -> None:
    node = knowledge.nodes[f"{group}/line-3"]
    (ol,) = node.option_lists
    assert ol.tier == "narrative" and ol.sources == (f"{group}/line-3/narrative",)
    regimens = {a.drugs for a in ol.alternatives}
    assert frozenset({"tucatinib", "trastuzumab", "capecitabine"}) in regimens
    assert frozenset({"trastuzumab", "chemotherapy"}) in regimens
    assert frozenset({"trastuzumab emtansine"}) in regimens
    assert (frozenset({"endocrine therapy"}) in regimens) == group.startswith("hr-pos")
    assert all(e.dose is None for a in ol.alternatives for p in a.parts for e in p.entries)


def test_visceral_crisis_first_line_names_no_agent(knowledge: Knowledge) -> None:
    node = knowledge.nodes["her2-neg-visceral-crisis/line-1"]
    assert node.option_lists == ()
    assert node.no_named_agent and "Chemotherapy is the mainstay" in node.no_named_agent[0]


def test_drug_classes_cover_known_members(knowledge: Knowledge) -> None:
    assert set(knowledge.classes["cdk46-inhibitor"].members) == {
        "ribociclib",
        "abemaciclib",
        "palbociclib",
    }
    for cls in knowledge.classes.values():
        for m in cls.members:
            assert cls.id in knowledge.drugs[m].classes


# ---------------------------------------------------------------- condition language


_CLASSES = {"x": DrugClass("x", "x class", ("a", "b"))}


def _cond(spec: dict):  # type: ignore[no-untyped-def,type-arg]
    return compile_condition(ExprSpec.model_validate(spec), _CLASSES, "test").test


@pytest.mark.parametrize(
    ("spec", "facts", "expected"),
    [
        ({"fact": "pik3ca", "is": True}, {"pik3ca": True}, True),
        ({"fact": "pik3ca", "is": True}, {"pik3ca": False}, False),
        ({"fact": "pik3ca", "is": True}, {}, None),
        ({"fact": "pdl1", "is": "positive"}, {"pdl1": "negative"}, False),
        ({"fact": "prior_chemo_lines", "at_least": 1}, {"prior_chemo_lines": 1}, True),
        ({"fact": "prior_chemo_lines", "at_least": 1}, {"prior_chemo_lines": 0}, False),
        ({"fact": "prior_lines", "at_least": 1, "at_most": 2}, {"prior_lines": 3}, False),
        (
            {"any": [{"fact": "akt1", "is": True}, {"fact": "pten", "is": True}]},
            {"pten": True},
            True,
        ),
        (
            {"any": [{"fact": "akt1", "is": True}, {"fact": "pten", "is": True}]},
            {"pten": False},
            None,
        ),
        (
            {"any": [{"fact": "akt1", "is": True}, {"fact": "pten", "is": True}]},
            {"pten": False, "akt1": False},
            False,
        ),
        (
            {"all": [{"fact": "akt1", "is": True}, {"fact": "pten", "is": True}]},
            {"akt1": False},
            False,
        ),
        (
            {"all": [{"fact": "akt1", "is": True}, {"fact": "pten", "is": True}]},
            {"akt1": True},
            None,
        ),
        ({"not": {"fact": "dialysis", "is": True}}, {}, None),
        ({"not": {"fact": "dialysis", "is": True}}, {"dialysis": False}, True),
        (
            {"fact": "prior_therapies", "includes_any": ["class:x"]},
            {"prior_therapies": ["b"]},
            True,
        ),
        (
            {"fact": "prior_therapies", "includes_any": ["class:x"]},
            {"prior_therapies": ["c"]},
            False,
        ),
        (
            {"fact": "prior_therapies", "includes_any": ["class:x"], "absent_means_unknown": True},
            {"prior_therapies": ["c"]},
            None,
        ),
        (
            {"fact": "prior_therapies", "includes_any": ["class:x"], "count_at_least": 2},
            {"prior_therapies": ["a", "c"]},
            False,
        ),
        (
            {"fact": "prior_therapies", "includes_any": ["class:x"], "count_at_least": 2},
            {"prior_therapies": ["a", "b"]},
            True,
        ),
    ],
)
def test_condition_language_three_valued(spec: dict, facts: dict, expected: bool | None) -> None:  # type: ignore[type-arg]
    assert _cond(spec)(facts) is expected


def test_drug_placeholder_in_conditions() -> None:
    test = _cond({"fact": "prior_therapies", "includes_any": ["$drug"]})
    assert test({"prior_therapies": ["paclitaxel"]}, "paclitaxel") is True
    assert test({"prior_therapies": ["paclitaxel"]}, "docetaxel") is False


@pytest.mark.parametrize(
    "spec",
    [
        {"fact": "no_such_fact", "is": True},
        {"fact": "pik3ca", "is": "positive"},
        {"fact": "pik3ca", "at_least": 1},
        {"fact": "pik3ca"},
        {"fact": "pik3ca", "is": True, "any": []},
        {"fact": "pik3ca", "is": True, "bogus": 1},
    ],
)
def test_condition_language_rejects_bad_specs(spec: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        ExprSpec.model_validate(spec)


# ---------------------------------------------------------------- load failures


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(
        paths.knowledge_dir(), dest, ignore=shutil.ignore_patterns("tools", "__pycache__")
    )
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unmodified_copy_loads(kb_copy: Path, section_index: SectionIndex) -> None:
    assert len(build_knowledge(kb_copy, section_index).nodes) == 41


POST = "nodes/hr-pos-her2-neg-postmenopausal.yaml"


@pytest.mark.parametrize(
    ("file", "old", "new", "expect"),
    [
        pytest.param(
            POST,
            "    line: 2\n",
            "    line: 2\n    colour: blue\n",
            ["hr-pos-her2-neg-postmenopausal.yaml", "colour"],
            id="unknown-key",
        ),
        pytest.param(
            POST,
            "    line: 2\n",
            "    line: 2\n    line: 3\n",
            ["hr-pos-her2-neg-postmenopausal.yaml", "duplicate key 'line'"],
            id="duplicate-key",
        ),
        pytest.param(
            POST,
            "group: hr-pos-her2-neg-postmenopausal\n",
            "group: !!python/object/apply:os.system ['echo pwned']\n",
            ["hr-pos-her2-neg-postmenopausal.yaml", "python/object/apply"],
            id="python-tag",
        ),
        pytest.param(
            POST,
            "alpelisib: 300 mg orally",
            "alpelisib: 350 mg orally",
            [
                "hr-pos-her2-neg-postmenopausal.yaml",
                "nodes.line-2.primary",
                "alpelisib: 350 mg",
                "not a verbatim line",
            ],
            id="altered-dose",
        ),
        pytest.param(
            POST,
            "sources: [hr-pos-her2-neg-postmenopausal/line-2/primary-options]",
            "sources: [hr-pos-her2-neg-postmenopausal/line-9/primary-options]",
            ["hr-pos-her2-neg-postmenopausal.yaml", "line-9/primary-options", "does not exist"],
            id="missing-section-id",
        ),
        pytest.param(
            POST,
            'or exemestane monotherapy"',
            'or exemestane alone"',
            ["hr-pos-her2-neg-postmenopausal.yaml", "title"],
            id="altered-title",
        ),
        pytest.param(
            POST,
            '- ["megestrol: 160 mg orally once daily"]',
            '- ["megestrol"]',
            ["nodes.line-3.primary", "'megestrol'", "not a verbatim line"],
            id="dose-dropped",
        ),
        pytest.param(
            POST,
            '- ["megestrol: 160 mg orally once daily"]',
            '- ["aspirin: 75 mg"]',
            ["hr-pos-her2-neg-postmenopausal.yaml", "unknown drug 'aspirin'"],
            id="unknown-drug",
        ),
        pytest.param(
            "rules.yaml",
            'hr-pos-her2-neg-premenopausal/line-3: "fulvestrant plus alpelisib',
            'hr-pos-her2-neg-premenopausal/line-99: "fulvestrant plus alpelisib',
            ["rules.yaml", "alpelisib-pik3ca", "line-99", "no such node"],
            id="rule-unknown-node",
        ),
        pytest.param(
            "rules.yaml",
            "(for patients with PIK3CA mutation)",
            "(for patients with a PIK3CA mutation)",
            ["rules.yaml", "alpelisib-pik3ca", "not verbatim"],
            id="rule-quote-not-verbatim",
        ),
        pytest.param(
            "rules.yaml",
            "when: {fact: pik3ca, is: true}",
            "when: {fact: pik3ka, is: true}",
            ["rules.yaml", "unknown fact 'pik3ka'"],
            id="rule-unknown-fact",
        ),
        pytest.param(
            "warnings.yaml",
            "significant incidence of rash",
            "significant rate of rash",
            ["warnings.yaml", "pertuzumab-rash-diarrhoea", "not verbatim"],
            id="warning-not-verbatim",
        ),
        pytest.param(
            "evidence.yaml",
            "Significant improvement in overall survival has not been demonstrated.",
            "Overall survival improved.",
            ["evidence.yaml", "not verbatim"],
            id="evidence-not-verbatim",
        ),
        pytest.param(
            "supportive.yaml",
            "label: clinical trial enrolment",
            "lable: clinical trial enrolment",
            ["supportive.yaml", "lable"],
            id="supportive-unknown-key",
        ),
        pytest.param(
            "drugs.yaml",
            "  - {name: goserelin, in_options: false}\n",
            "  - {name: goserelin, in_options: false}\n  - {name: goserelin, in_options: false}\n",
            ["drugs.yaml", "duplicate"],
            id="duplicate-drug",
        ),
        pytest.param(
            "groups.yaml",
            "  - repeat: [tnbc-pdl1-neg]\n",
            "  - repeat: [tnbc-pdl1-nge]\n",
            ["groups.yaml", "node_slugs[2]", "tnbc-pdl1-nge"],
            id="node-slug-unknown-group",
        ),
        pytest.param(
            "groups.yaml",
            "  - repeat: [tnbc-pdl1-neg]\n",
            "  - marker: x\n    repeat: [tnbc-pdl1-neg]\n",
            ["groups.yaml", "node_slugs[2]", "either a title marker or repeat"],
            id="node-slug-two-kinds",
        ),
    ],
)
def test_load_failures_name_file_and_key(
    kb_copy: Path, section_index: SectionIndex, file: str, old: str, new: str, expect: list[str]
) -> None:
    _edit(kb_copy / file, old, new)
    with pytest.raises(KnowledgeError) as info:
        build_knowledge(kb_copy, section_index)
    for fragment in expect:
        assert fragment in str(info.value)


def test_a_dropped_regimen_is_caught_by_the_text_comparison(
    kb_copy: Path, section_index: SectionIndex
) -> None:
    _edit(
        kb_copy / POST,
        '        - ["elacestrant: 345 mg orally once daily until tumour progression"]\n',
        "",
    )
    kn = build_knowledge(kb_copy, section_index)
    node = kn.nodes["hr-pos-her2-neg-postmenopausal/line-2"]
    parsed = parse_option_block(
        section_index["hr-pos-her2-neg-postmenopausal/line-2/primary-options"].text
    )
    assert len(node.option_lists[0].alternatives) == len(parsed) - 1


def test_a_missing_node_fails(kb_copy: Path, section_index: SectionIndex) -> None:
    path = kb_copy / "nodes/her2-pos-visceral-crisis.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  line-2:")], encoding="utf-8")
    with pytest.raises(KnowledgeError, match="her2-pos-visceral-crisis/line-2"):
        build_knowledge(kb_copy, section_index)
