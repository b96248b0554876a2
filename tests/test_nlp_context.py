"""The ConText component: negation, uncertainty, hypotheticals, family, scope edges."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract
from chatbot.nlp.context import ConTextRule, ContextRuleError, rules_from_config


def _categories(nlp, text: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return {ent.text: ctx.categories() for ent, ctx in zip(doc.ents, doc._.context, strict=True)}


@pytest.mark.parametrize(
    ("text", "target", "category"),
    [
        ("no visceral crisis", "visceral crisis", "NEGATED_EXISTENCE"),
        ("never received ribociclib", "ribociclib", "NEGATED_EXISTENCE"),
        ("PIK3CA wild type", "PIK3CA wild type", None),  # the phrase itself says "false"
        ("visceral crisis ruled out", "visceral crisis", "NEGATED_EXISTENCE"),
        ("?brain mets", "brain mets", "POSSIBLE_EXISTENCE"),
        ("possible liver mets", "liver mets", "POSSIBLE_EXISTENCE"),
        ("if she progresses on fulvestrant", "fulvestrant", "HYPOTHETICAL"),
        ("is capivasertib an option", "capivasertib", "HYPOTHETICAL"),
        ("PIK3CA not tested", "PIK3CA", "NOT_KNOWN"),
        ("her mother was a BRCA1 carrier", "BRCA1 carrier", "FAMILY"),
        ("progressed on letrozole", "letrozole", "PROGRESSION"),
    ],
)
def test_cue_modifies_target(nlp, text: str, target: str, category: str | None) -> None:  # type: ignore[no-untyped-def]
    cats = _categories(nlp, text)
    assert target in cats
    if category is None:
        assert not cats[target] & {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"}
    else:
        assert category in cats[target]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("no visceral crisis, liver mets", "liver mets"),  # comma ends a fact's scope
        ("no visceral crisis but brain mets", "brain mets"),  # TERMINATE cue
        ("no change in liver mets", "liver mets"),  # PSEUDO cue wins
        ("no neuropathy. Visceral crisis", "Visceral crisis"),  # sentence edge
    ],
)
def test_negation_scope_stops(nlp, text: str, target: str) -> None:  # type: ignore[no-untyped-def]
    assert "NEGATED_EXISTENCE" not in _categories(nlp, text)[target]


def test_question_words_do_not_make_case_facts_hypothetical(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("What would you recommend for a 62F ER+ HER2- with liver mets?")
    assert ex.facts["hormone_receptor"] == "positive" and ex.facts["metastatic_sites"] == ["liver"]


def test_double_negation_is_a_question_not_a_value(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("she is not not postmenopausal")
    assert "menopausal_status" not in ex.facts and "menopausal_status" in ex.uncertain


def test_negated_drug_is_not_a_prior_therapy(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("no prior palbociclib, had letrozole")
    assert ex.facts["prior_therapies"] == ["letrozole"]
    assert [d.negated for d in ex.drugs] == [True, False]


def test_rules_refuse_unknown_keys_and_directions() -> None:
    with pytest.raises(ContextRuleError, match="unknown keys"):
        ConTextRule.from_dict(
            {"literal": "no", "category": "NEGATED_EXISTENCE", "direction": "FORWARD", "scope": 3}
        )
    with pytest.raises(ContextRuleError, match="direction"):
        ConTextRule.from_dict({"literal": "no", "category": "NEGATED_EXISTENCE", "direction": "UP"})
    with pytest.raises(ContextRuleError, match="unknown keys"):
        rules_from_config({"rules": [], "defaults": {}})


def test_category_defaults_fill_terminated_by() -> None:
    rules = rules_from_config(
        {
            "terminated_by": {"default": ["TERMINATE"], "PROGRESSION": ["PRIOR"]},
            "rules": [
                {"literal": "no", "category": "NEGATED_EXISTENCE", "direction": "FORWARD"},
                {"literal": "progressed on", "category": "PROGRESSION", "direction": "FORWARD"},
            ],
        }
    )
    assert [r.terminated_by for r in rules] == [("TERMINATE",), ("PRIOR",)]
