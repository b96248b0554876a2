"""Round 16 failure classes read as classes (helper markers17): the patient named by a
relative word, HER2 long names, comma receptor lists, TNBC abbreviations, extraocular
muscles, later HER2-low statements, lay brain wording and organ sites found at surgery."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "A 61-year-old grandmother is living with HER2-positive breast cancer spread to the liver.",
            {"age": 61, "sex": "female", "her2": "positive", "metastatic_sites": ["liver"]},
        ),
        (
            "An 80-year-old widowed father was found to have ER-positive breast cancer in the lungs.",
            {"age": 80, "sex": "male", "hormone_receptor": "positive"},
        ),
        (
            "A 39 year old mother, ER positive, now has bone metastases.",
            {"age": 39, "sex": "female", "hormone_receptor": "positive", "metastatic_sites": ["bone"]},
        ),
    ],
)
def test_a_relative_word_after_the_patients_age_is_the_patient(
    nlp, text: str, facts: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    for fact, value in facts.items():
        assert got.get(fact) == value, (text, fact, got)


@pytest.mark.parametrize(
    "text",
    [
        "Her 47-year-old sister had HER2-positive breast cancer.",
        "A 70-year-old man whose 44-year-old daughter had HER2-positive breast cancer.",
        "The patient's 52-year-old aunt had HER2-positive breast cancer.",
    ],
)
def test_a_possessed_relatives_age_and_cancer_stay_hers(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    got = extract(text).facts
    assert "her2" not in got, (text, got)
    assert got.get("age") not in (47, 44, 52), (text, got)
