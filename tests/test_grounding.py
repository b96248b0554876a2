"""Grounding: every regimen, dose, quote and engine output is verbatim in the sections it cites,
and ``check_statement`` enforces DESIGN.md's rule."""

from __future__ import annotations

import pytest
from engine_cases import node_facts

from chatbot.contract import Statement
from chatbot.engine import evaluate
from chatbot.kb.grounding import (
    GroundingError,
    check_statement,
    doses_in,
    require_grounded,
    terms_in,
)
from chatbot.kb.loader import Knowledge, load_knowledge
from chatbot.kb.model import NO_DOSE_TEXT
from chatbot.kb.sections import SectionIndex

_KN = load_knowledge()


def _text(index: SectionIndex, sources: tuple[str, ...]) -> str:
    return "\n".join(index[s].text for s in sources)


@pytest.mark.parametrize("node_id", list(_KN.nodes))
def test_every_regimen_is_verbatim_in_its_sources(
    node_id: str, section_index: SectionIndex
) -> None:
    node = _KN.nodes[node_id]
    for ol in node.option_lists:
        text = _text(section_index, ol.sources)
        for alt in ol.alternatives:
            for part in alt.parts:
                for e in part.entries:
                    assert e.name.casefold() in text.casefold(), (node_id, e.name)
                    if e.dose is not None:
                        assert f"{e.name}: {e.dose}" in text, (node_id, e.name, e.dose)
    if node.dose_note:
        assert node.dose_note in section_index[node.narrative_section].text


@pytest.mark.parametrize("node_id", list(_KN.nodes))
def test_engine_output_is_grounded(node_id: str, section_index: SectionIndex) -> None:
    facts = {
        **node_facts(node_id),
        "heart_failure": True,
        "neuropathy": True,
        "prior_cdk46": True,
        "dialysis": True,
        "prior_therapies": ["denosumab"],
    }
    res = evaluate(facts)
    for o in res.options:
        for drug, dose in o.doses:
            if dose != NO_DOSE_TEXT:
                stmt = Statement(f"{drug}: {dose}", "guideline", o.sources)
                assert check_statement(stmt) == [], (o.drugs, dose)
        for ev in o.evidence:
            assert ev.text in _text(section_index, ev.sources)
        for w in o.warnings:
            assert w.text in _text(section_index, w.sources)
        for r in o.reasons:
            assert r.sources and all(s in section_index for s in r.sources)
        assert check_statement(Statement(" + ".join(o.drugs), "guideline", o.sources)) == []
    for w in res.warnings:
        assert w.text in _text(section_index, w.sources)
    for s in res.supportive:
        assert s.text in _text(section_index, s.sources)
    for n in res.notes:
        if n.basis == "guideline":
            assert n.text in _text(section_index, n.sources)
        else:
            assert not n.sources and check_statement(Statement(n.text, "system")) == []


def test_every_knowledge_quote_is_in_its_sections(
    knowledge: Knowledge, section_index: SectionIndex
) -> None:
    for r in knowledge.rules:
        for nid, quote in r.at.items():
            assert quote in _text(section_index, r.sources_at[nid])
    for w in knowledge.warnings:
        assert all(w.text in section_index[s].text for s in w.sections)
    for e in knowledge.evidence:
        for nid, quote in e.at.items():
            assert quote in _text(section_index, e.sources_at[nid])
    for s in knowledge.supportive:
        assert len(s.sections) == 40 and all(s.text in section_index[x].text for x in s.sections)


# ---------------------------------------------------------------- check_statement


POST2 = "hr-pos-her2-neg-postmenopausal/line-2/primary-options"


@pytest.mark.parametrize(
    ("stmt", "problem"),
    [
        (Statement("fulvestrant 500 mg with alpelisib 300 mg", "guideline", (POST2,)), None),
        (Statement("Fulvestrant  500\u00a0MG", "guideline", (POST2,)), None),
        (Statement("alpelisib 250 mg", "guideline", (POST2,)), "250 mg"),
        (Statement("fulvestrant plus tucatinib", "guideline", (POST2,)), "tucatinib"),
        (Statement("consider a PARP inhibitor", "guideline", (POST2,)), "PARP inhibitor"),
        (Statement("fulvestrant", "guideline", ()), "at least one section"),
        (Statement("fulvestrant", "guideline", ("no/such/section",)), "unknown section"),
        (Statement("She is on fulvestrant.", "case", ()), None),
        (
            Statement(
                "denosumab (Xgeva 120 mg/1.7 mL)",
                "guideline",
                ("hr-neg-her2-pos/line-1/supportive-care",),
            ),
            None,
        ),
        (Statement("fulvestrant (Faslodex) 500 mg", "guideline", (POST2,)), "faslodex"),
        (Statement("She takes fulvestrant 500 mg.", "case", ()), "500 mg"),
        (Statement("She is on fulvestrant.", "case", (POST2,)), "cites no guideline section"),
        (Statement("Is she post-menopausal?", "system", ()), None),
        (Statement("Give 2.5 mg letrozole.", "system", ()), "2.5 mg"),
    ],
)
def test_check_statement(stmt: Statement, problem: str | None) -> None:
    problems = check_statement(stmt)
    if problem is None:
        assert problems == []
    else:
        assert problems and any(problem in p for p in problems), problems


def test_require_grounded_raises() -> None:
    with pytest.raises(GroundingError):
        require_grounded(Statement("alpelisib 250 mg", "guideline", (POST2,)))
    ok = Statement("alpelisib 300 mg", "guideline", (POST2,))
    assert require_grounded(ok) is ok


def test_dose_and_term_detection() -> None:
    assert doses_in("Prolia 60 mg/mL and Xgeva 120 mg/1.7 mL; letrozole 2.5 mg") == [
        "60 mg/mL",
        "120 mg",
        "1.7 mL",
        "2.5 mg",
    ]
    assert doses_in("days 1-21, 7-day cycle, 60%") == []
    assert set(terms_in("trastuzumab deruxtecan after a CDK4/6 inhibitor")) == {
        "trastuzumab deruxtecan",
        "CDK4/6 inhibitor",
    }


def test_rule_and_flag_labels_are_grounded_in_their_quotes(knowledge: Knowledge) -> None:
    """Labels are shown beside options as guideline conditions: they name nothing their
    cited quote does not."""
    for r in knowledge.rules:
        if r.per_drug:
            # "already received <drug>" restates the case (basis "case"), not the guideline
            assert check_statement(Statement(r.label.format(drug="paclitaxel"), "case")) == []
            continue
        for nid in r.at:
            assert check_statement(Statement(r.label, "guideline", r.sources_at[nid])) == [], (
                r.id,
                nid,
            )
    for w in knowledge.warnings:
        if w.flag:
            assert check_statement(Statement(w.flag, "guideline", w.sections[:1])) == [], w.id


def test_a_dose_from_another_section_is_refused(section_index: SectionIndex) -> None:
    """The guideline gives abemaciclib 150 mg with endocrine therapy (1st line) and 200 mg
    alone (5th line). A statement citing the 1st-line section may not say 200 mg, though
    200 mg is in the guideline: the check reads the cited sections, not the whole text."""
    line1 = "hr-pos-her2-neg-postmenopausal/line-1/primary-options"
    line5 = "hr-pos-her2-neg-postmenopausal/line-5/primary-options"
    wrong = "abemaciclib: 200 mg orally twice daily until tumour progression"
    assert wrong in section_index[line5].text and "abemaciclib" in section_index[line1].text
    assert "200 mg" not in section_index[line1].text
    assert check_statement(Statement(wrong, "guideline", (line5,))) == []
    problems = check_statement(Statement(wrong, "guideline", (line1,)))
    assert problems == ["states the dose '200 mg', which its cited sections do not"]
    with pytest.raises(GroundingError):
        require_grounded(Statement(wrong, "guideline", (line1,)))
