"""Contradictions and impossible values get a clear question back, never a silent pick.

A message that states a fact both ways ("ER positive and ER negative"), flips it
several times, negates it twice, or gives an impossible value (age 300) must not
set that fact. The reply asks about it: a ``clarification``, or a ``question``
whose ``asks`` is that very fact. Asserts on structure only (STYLE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from chatbot.contract import REPLY_JSON_SCHEMA

VALIDATOR = Draft202012Validator(REPLY_JSON_SCHEMA)
CASE = "65-year-old woman with metastatic breast cancer progressing in bone on letrozole"


@pytest.fixture(scope="module")
def new_session() -> Callable[[], Any]:
    import chatbot

    chatbot.Session().send("hello")  # spaCy and the knowledge load once per module
    return chatbot.Session


def assert_asks_back(reply: Any, fact: str) -> None:
    """The reply is valid, leaves ``fact`` unset, and asks about it."""
    assert not list(VALIDATOR.iter_errors(reply.to_dict()))
    assert fact not in reply.facts, f"silently picked {fact}={reply.facts[fact]!r}"
    assert reply.kind == "clarification" or (reply.kind == "question" and reply.asks == fact), (
        reply.kind,
        reply.asks,
    )


CONTRADICTIONS = {
    "er-both-ways": ("ER positive and ER negative, HER2-negative. " + CASE, "hormone_receptor"),
    "er-symbols": ("ER+ ... ER-, HER2 0. " + CASE, "hormone_receptor"),
    "her2-flipped-three-times": (
        "ER+, HER2 positive, HER2 negative, HER2 positive. " + CASE,
        "her2",
    ),
    "her2-flipped-symbols": ("ER+ HER2+ HER2- HER2+ HER2-. " + CASE, "her2"),
    "menopause-both": ("ER+ HER2-, premenopausal and postmenopausal. " + CASE, "menopausal_status"),
    "double-negation": (
        "ER+ HER2- 52-year-old, not not postmenopausal, metastatic to bone",
        "menopausal_status",
    ),
    "visceral-crisis-both": (
        "ER+ HER2- " + CASE + ", visceral crisis, no visceral crisis",
        "visceral_crisis",
    ),
    "age-300": ("age 300, ER+ HER2- metastatic breast cancer progressing on letrozole", "age"),
    "age-0": ("age 0, ER+ HER2- metastatic breast cancer progressing on letrozole", "age"),
    "triple-negative-but-er-positive": (
        "triple-negative, ER positive, metastatic breast cancer progressing on paclitaxel",
        "hormone_receptor",
    ),
    "er-positive-then-triple-negative": (
        "ER positive, triple negative metastatic breast cancer progressing on paclitaxel",
        "hormone_receptor",
    ),
    "pdl1-both": ("triple-negative MBC, PD-L1 CPS 15, PD-L1 negative", "pdl1"),
    "gbrca-both": (
        "triple-negative MBC, germline BRCA1 mutation, no BRCA mutation",
        "germline_brca",
    ),
    "pik3ca-both": ("ER+ HER2- " + CASE + ", PIK3CA mutated, PIK3CA wild type", "pik3ca"),
    "brain-mets-both": (
        "HER2-positive ER-negative MBC, active brain metastases, MRI brain clear",
        "brain_metastases",
    ),
    "lines-both": (
        "ER+ HER2- postmenopausal MBC, treatment-naive, after two lines",
        "prior_lines",
    ),
    "dialysis-both": ("ER+ HER2- " + CASE + ", on dialysis, not on dialysis", "dialysis"),
    "her2-0-and-positive": ("ER+ HER2 0, HER2 positive. " + CASE, "her2"),
    "her2-amplified-and-negative": ("ER+ HER2 amplified, HER2-negative. " + CASE, "her2"),
    "er-percent-clash": ("ER 90%, ER negative, HER2-. " + CASE, "hormone_receptor"),
    "sex-both": ("65-year-old woman, he is ER+ HER2- male, metastatic to bone", "sex"),
    "visceral-crisis-description-vs-no": (
        "ER+ HER2- postmenopausal, no visceral crisis, liver failure with rapidly rising "
        "bilirubin from liver metastases. " + CASE,
        "visceral_crisis",
    ),
    "chemo-candidate-both": (
        "ER+ HER2- " + CASE + ", fit for chemotherapy, cannot tolerate chemotherapy",
        "chemo_candidate",
    ),
    "ovarian-ablation-both": (
        "ER+ HER2- premenopausal, " + CASE + ", had ovarian ablation, no ovarian suppression",
        "ovarian_ablation",
    ),
    "prior-cdk46-both": (
        "ER+ HER2- " + CASE + ", prior palbociclib, never had a CDK4/6 inhibitor",
        "prior_cdk46",
    ),
    "esr1-both": ("ER+ HER2- " + CASE + ", ESR1 Y537S, ESR1 not mutated", "esr1"),
    "age-two-values": ("ER+ HER2- MBC, 45 year old, 70 year old, progressing on letrozole", "age"),
}


KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        pytest.param(
            *value,
            id=key,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[key])]
            if key in KNOWN_FAILURES
            else [],
        )
        for key, value in CONTRADICTIONS.items()
    ],
)
def test_contradiction_in_first_message_is_asked_back(
    new_session: Callable[[], Any], text: str, fact: str
) -> None:
    assert_asks_back(new_session().send(text), fact)


MID_CASE = {
    # message -> (fact, value known before it)
    "her2-flipped": ("HER2 positive, HER2 negative, HER2 positive", "her2", "negative"),
    "her2-flipped-after-actually": (
        "actually HER2 positive, HER2 negative, HER2 positive",
        "her2",
        "negative",
    ),
    "er-both": ("ER negative and ER positive", "hormone_receptor", "positive"),
    "er-both-after-actually": (
        "actually ER negative and ER positive",
        "hormone_receptor",
        "positive",
    ),
    "er-both-after-sorry": ("sorry, ER negative and ER positive", "hormone_receptor", "positive"),
}
MID_CASE_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    ("text", "fact", "before"),
    [
        pytest.param(
            *value,
            id=key,
            marks=[pytest.mark.xfail(strict=True, reason=MID_CASE_FAILURES[key])]
            if key in MID_CASE_FAILURES
            else [],
        )
        for key, value in MID_CASE.items()
    ],
)
def test_contradiction_mid_case_is_not_silently_resolved(
    new_session: Callable[[], Any], text: str, fact: str, before: str
) -> None:
    """A known case, then a message stating one fact both ways: the fact is not flipped
    and the reply asks about it (a clarification, or a question on that fact)."""
    session = new_session()
    first = session.send("ER+ HER2- " + CASE)
    assert first.facts.get(fact) == before, first.facts
    reply = session.send(text)
    assert reply.facts.get(fact) == before, f"{fact} flipped on a self-contradicting message"
    assert reply.kind == "clarification" or (reply.kind == "question" and reply.asks == fact), (
        reply.kind,
        reply.asks,
    )


def test_impossible_age_is_never_stored(new_session: Callable[[], Any]) -> None:
    for text in ("she is 300", "age: 300 years", "aged -4", "age 1000000000000000000000"):
        reply = new_session().send("ER+ HER2- MBC on letrozole, " + text)
        age = reply.facts.get("age")
        assert age is None or 0 < int(age) < 130, (text, age)


def test_the_check_can_fail(new_session: Callable[[], Any]) -> None:
    """A plain, consistent message sets the fact, so ``assert_asks_back`` would fail on it."""
    reply = new_session().send("ER positive, HER2-negative. " + CASE)
    assert reply.facts.get("hormone_receptor") == "positive"
    with pytest.raises(AssertionError):
        assert_asks_back(reply, "hormone_receptor")


def test_a_clash_asked_again_keeps_its_question_and_its_choice_words(
    new_session: Callable[[], Any],
) -> None:
    """Round 10: asked a second time ("I could not read that as an answer"), the question is
    the FIRST clash's (not the last one told) and its quick replies are the words of the
    first ask ("pre-menopausal", never a bare "pre"); a choice taken from them is read."""
    session = new_session()
    first = session.send(
        "58-year-old woman, premenopausal, also postmenopausal, HER2 positive and HER2 "
        "negative MBC with liver metastases"
    )
    assert first.kind == "question" and first.asks == "menopausal_status"
    again = session.send("let me look in the notes")
    assert again.kind == "clarification"
    assert again.choices == ("pre-menopausal", "post-menopausal", "unknown")
    assert "menopausal" in again.statements[-1].text and "HER2" not in again.statements[-1].text
    session.send(again.choices[1])
    assert session.facts["menopausal_status"] == "post"
