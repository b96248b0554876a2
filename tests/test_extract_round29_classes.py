"""Round 29's classes (read after its first run), each a template grid with metamorphic checks.

- A brain treatment received in a trial ("when new brain metastases became too numerous …, Lilla
  enrolled in a clinical trial of whole brain radiation") settles the new brain metastases —
  the round's one danger (treated brain metastases read as active).
- "N years of <something>" ("In 33 years of marriage …") is how long it lasted, no age ("33
  years of age" is one).
- In a story with a spouse in it, the pronoun the cancer is told of decides the patient's sex
  ("a secret fear his wife would get breast cancer … he had stage-four metastatic breast
  cancer": male).
- Two values of one fact joined by "or"/"vs" tell neither, in any sentence ("Male or female,
  the course of treatment is the same", "HER2-low disease can be either HR-positive or
  HR-negative").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

BRAIN = "She was diagnosed with brain metastases in 2008. Last year new brain metastases appeared"


@pytest.mark.parametrize("verb", ["she enrolled in", "she participated in", "she was enrolled in"])
@pytest.mark.parametrize(
    "trial", ["a clinical trial of", "a trial of", "a randomized trial of", "a study of"]
)
@pytest.mark.parametrize("therapy", ["whole brain radiation", "stereotactic radiosurgery", "WBRT"])
def test_a_brain_treatment_received_in_a_trial_settles_it(  # type: ignore[no-untyped-def]
    nlp, verb: str, trial: str, therapy: str
) -> None:
    facts = extract(f"{BRAIN}, and {verb} {trial} {therapy}.").facts
    assert facts.get("brain_metastases") is False


@pytest.mark.parametrize(
    "plan",
    [
        "she will be enrolled in a clinical trial of whole brain radiation",
        "she was referred for a clinical trial of whole brain radiation",
        "she may enrol in a trial of SRS",
    ],
)
def test_a_trial_planned_leaves_them_active(nlp, plan: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"{BRAIN}, and {plan}.").facts
    assert facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "duration",
    ["In 33 years of marriage", "After 33 years of teaching", "Over 33 years of follow-up"],
)
def test_years_of_something_is_no_age(nlp, duration: str) -> None:  # type: ignore[no-untyped-def]
    text = f"{duration}, she was diagnosed with metastatic breast cancer in her bones."
    facts = extract(text).facts
    assert "age" not in facts
    assert facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize(
    "age", ["A woman, 33 years of age, with MBC.", "Patient aged 33 years, with MBC."]
)
def test_years_of_age_is_an_age(nlp, age: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(age).facts.get("age") == 33


SPOUSE_STORIES = [
    (
        "He always feared his wife would get breast cancer; it ran in her family. Instead he was "
        "the one. He learned he had stage-four metastatic breast cancer in 2004.",
        "male",
    ),
    (
        "Her husband drives her to every appointment and he never complains. She was diagnosed "
        "with metastatic breast cancer in 2019.",
        "female",
    ),
    (
        "His wife found the lump on his chest, and her worry made him go. He has metastatic "
        "breast cancer in his bones.",
        "male",
    ),
]


@pytest.mark.parametrize(("text", "sex"), SPOUSE_STORIES)
def test_the_pronoun_the_cancer_is_told_of_decides(nlp, text: str, sex: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(text)
    assert result.facts.get("sex") == sex
    assert "sex" in result.inferred


def test_both_sexes_told_with_the_cancer_say_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She was diagnosed with metastatic breast cancer in 2019, and her brother says he has "
        "metastatic breast cancer too."
    )
    assert "sex" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Male or female, the course of treatment is the same.", "sex"),
        ("HER2-low disease can be either HR-positive or HR-negative.", "hormone_receptor"),
        ("Whether ER+ or ER-, she will need chemotherapy.", "hormone_receptor"),
        ("The tumour was HER2-positive or HER2-negative, I don't remember.", "her2"),
    ],
)
def test_two_values_joined_by_or_tell_neither(nlp, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(text)
    assert fact not in result.facts
    assert not any(c.fact == fact for c in result.contradictions)


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("ER+ or PR+ disease, HER2-negative, bone only.", "hormone_receptor", "positive"),
        ("HER2 1+ or 2+, so HER2-low.", "her2_low", True),  # both the same value
    ],
)
def test_one_value_joined_by_or_is_still_told(  # type: ignore[no-untyped-def]
    nlp, text: str, fact: str, value: object
) -> None:
    assert extract(text).facts.get(fact) == value
