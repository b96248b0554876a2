"""Answers over unknown deciding facts: engine ``explore`` and the replies built from it."""

from __future__ import annotations

import jsonschema
import pytest

from chatbot.contract import REPLY_JSON_SCHEMA
from chatbot.engine.branches import explore

HR_POS = {"hormone_receptor": "positive", "her2": "negative", "prior_lines": 0}


def test_each_group_left_open_is_a_branch(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = explore(HR_POS, {"visceral_crisis", "menopausal_status"}, knowledge=knowledge)
    assert [(b.when, b.result.group) for b in found.branches] == [
        ({"visceral_crisis": False, "menopausal_status": "pre"}, "hr-pos-her2-neg-premenopausal"),
        ({"visceral_crisis": False, "menopausal_status": "post"}, "hr-pos-her2-neg-postmenopausal"),
        ({"visceral_crisis": True}, "her2-neg-visceral-crisis"),
    ]
    assert found.default is None  # menopausal status has no default path


def test_default_path_is_conditional_on_the_default(knowledge) -> None:  # type: ignore[no-untyped-def]
    facts = {**HR_POS, "menopausal_status": "post"}
    found = explore(facts, {"visceral_crisis"}, knowledge=knowledge)
    assert found.default is not None and found.default.group == "hr-pos-her2-neg-postmenopausal"
    assert [d.fact for d in found.defaults] == ["visceral_crisis"]
    assert all(
        o.applicable is None and "no visceral crisis" in o.conditions
        for o in found.default.options
        if o.applicable is not False
    )


def test_node_variant_default_adds_the_other_variant_conditionally(knowledge) -> None:  # type: ignore[no-untyped-def]
    facts = {"hormone_receptor": "negative", "her2": "positive", "visceral_crisis": False}
    found = explore({**facts, "prior_lines": 1}, {"brain_metastases"}, knowledge=knowledge)
    assert found.default is not None and found.default.node_id == "hr-neg-her2-pos/line-2"
    drugs = {o.drugs: o.conditions for o in found.default.options}
    assert "active brain metastases" in drugs[("tucatinib", "trastuzumab", "capecitabine")]


def test_a_fact_never_asked_is_to_be_asked_not_expanded(knowledge) -> None:  # type: ignore[no-untyped-def]
    found = explore(HR_POS, {"visceral_crisis"}, knowledge=knowledge)
    assert "menopausal_status" in found.to_ask


def test_nothing_open_nothing_to_branch(knowledge) -> None:  # type: ignore[no-untyped-def]
    facts = {**HR_POS, "menopausal_status": "post", "visceral_crisis": False}
    found = explore(facts, set(), knowledge=knowledge)
    assert found.branches == () and found.default is None


@pytest.mark.parametrize(
    "question",
    [
        "First-line treatment for HR+/HER2- MBC?",
        "What is recommended second line for HER2-positive hormone receptor-negative MBC?",
        "Which treatments are listed for HER2-positive MBC with visceral crisis?",
        "third-line options for triple negative PD-L1 negative disease?",
    ],
)
def test_general_questions_answer_over_branches(session_factory, question: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    reply = session.send(question)
    jsonschema.validate(reply.to_dict(), REPLY_JSON_SCHEMA)
    assert reply.kind == "answer" and reply.asks is None
    assert reply.branches or reply.recommendation is not None
    assert reply.choices or not reply.branches
    assert session.facts == {}
    assert not session.dropped


def test_unknown_answers_end_in_an_answer_never_cannot_list(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    reply = session.send("Breast cancer with metastases, what treatment?")
    turns = 0
    while reply.kind == "question" and turns < 10:
        reply = session.send("not known")
        turns += 1
    assert reply.kind == "answer" and reply.branches
    assert not any("cannot list" in s.text for s in reply.statements)
    assert not session.dropped
