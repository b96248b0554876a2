"""Stop 44's classes: the one left from stop 43, and round 60's (first run recorded in
tests/data/real/FORMAT.md before any of its misses was read).

- The brain's follow-up told as a clause of its own sentence ("brain mets treated with SRS
  x2, now with 4 new lesions"): after the comma, a time word, a lesion noun and an activity
  word tell the treated metastases active again (they had been read treated: the direction
  the dangerous-error counter does not count, but as unsafe). The clause is read as a later
  sentence is: it must name no site of its own.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "said",
    [
        "brain mets treated with SRS x2, now with 4 new lesions",
        "brain mets treated with SRS, now with new lesions",
        # twins in other words (read right before too)
        "Brain metastases resected and irradiated, now with multiple new lesions",
        "brain mets s/p WBRT, since then growing lesions",
    ],
)
def test_new_lesions_told_in_a_clause_after_treated_brain_mets_are_active(said: str) -> None:
    ex = extract("58F ER+/HER2- MBC. " + said + ". Next?")
    assert ex.facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "said",
    [
        "brain mets treated with SRS in 2022, now stable",
        "brain mets treated with SRS, liver now with new lesions",
    ],
)
def test_a_clause_that_settles_or_names_another_site_keeps_them_treated(said: str) -> None:
    # metamorphic: a stable clause, or new lesions of another site -> still not active
    ex = extract("58F ER+/HER2- MBC. " + said + ". Next?")
    assert ex.facts.get("brain_metastases") is False


# -- ages left from round 59 (seen): the metastatic event's age inside its sentence ----------


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("But when I was diagnosed with metastatic breast cancer at 48, my world fell apart.", 48),
        ("She was diagnosed with stage 4 breast cancer at the age of 51.", 51),
        ("Her cancer came back at the age of 52 in her bones and liver.", 52),
    ],
)
def test_the_metastatic_events_age_inside_its_sentence_is_hers(said: str, age: int) -> None:
    assert extract(said).facts.get("age") == age


@pytest.mark.parametrize(
    "said",
    [
        "She married at 25. She now has metastatic breast cancer in her bones.",
        "She reached menopause at the age of 50. She has metastatic breast cancer.",
        "She was diagnosed with metastatic breast cancer at the age of 40 and has lived with "
        "it for twelve years.",
        "In 2008, she was diagnosed with stage 4 breast cancer at the age of 41. She is doing "
        "well today.",
    ],
)
def test_another_events_age_or_an_age_long_past_is_none(said: str) -> None:
    # metamorphic: the same "at N" of another event, or with a later time told -> no age
    assert extract(said).facts.get("age") is None


def test_an_apposition_on_her_name_keeps_her_age_and_the_relative_word_is_hers() -> None:
    ex = extract(
        "I would like to relate the story of Marie Bissels, who is 46, a grandmother and a "
        "mother of three children. She was diagnosed with HER2-positive breast cancer."
    )
    assert ex.facts.get("age") == 46


def test_her_age_after_her_name_and_its_apposition() -> None:
    ex = extract(
        "Karen Daniels, a mother of two from Auckland, was only 41 when she received her "
        "diagnosis of incurable stage 4 breast cancer."
    )
    assert ex.facts.get("age") == 41


def test_a_relatives_age_after_an_apposition_is_not_hers() -> None:
    # metamorphic: the subject a relative, not a name -> not the patient's age
    ex = extract(
        "Her husband, a kind man, was 50 when he was diagnosed with prostate cancer. I have "
        "metastatic breast cancer."
    )
    assert ex.facts.get("age") is None
