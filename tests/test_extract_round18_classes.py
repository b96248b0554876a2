"""Round 18 classes (the lead, after round 18's first run): a member of a value-first receptor
list that states its own value keeps it — "positive for both estrogen and progesterone
receptors, and Her2-neu negative" read HER2-positive (a negated finding set true)."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "The specimen stained positive for both oestrogen and progesterone receptors, and "
            "HER2/neu negative.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Biopsy: positive for estrogen and progesterone receptors and Her2-neu negative.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Tumour cells were positive for ER, PR and HER2 neg.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Strongly positive for estrogen receptor and HER2-.",
            {"hormone_receptor": "positive", "her2": "negative"},
        ),
        (
            "Positive for the estrogen receptor and HER2/neu 0 on the core biopsy.",
            {"hormone_receptor": "positive", "her2": "negative", "her2_low": False},
        ),
        (
            "Positive for estrogen receptor and HER2 1+.",
            {"hormone_receptor": "positive", "her2": "negative", "her2_low": True},
        ),
        (
            "Negative for estrogen and progesterone receptors, and HER2 positive.",
            {"hormone_receptor": "negative", "her2": "positive"},
        ),
        (
            "Negative for ER and PR, and HER2 3+.",
            {"hormone_receptor": "negative", "her2": "positive"},
        ),
        # the list still carries its value to every member that has none of its own
        (
            "Positive for ER, PR and HER2/neu.",
            {"hormone_receptor": "positive", "her2": "positive"},
        ),
        (
            "Negative for ER, PR and Her2-neu.",
            {"hormone_receptor": "negative", "her2": "negative"},
        ),
    ],
)
def test_a_list_member_with_its_own_value_keeps_it(
    nlp, text: str, facts: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)
