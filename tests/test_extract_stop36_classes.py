"""Stop 36: classes left open at the end of stop 35 (probed with phrasings written for the
purpose, before round 41 was read), with metamorphic checks.

- A relative's age in a possessed apposition with no name ("Her husband, 52, left her") is
  the relative's, not hers — unless the message is about that relative ("My mother, 67, has
  MBC").
- An age beside a menopause word ("a 58 postmenopausal woman", "A 58 year postmenopausal
  woman") and an age told last in her sentence ("She has MBC and is 60.") are her age.
- A list ending on the one given now ("Ibrance, Verzenio, Xeloda and now Enhertu") is a
  sequence: the ones before are her prior lines — unless two neighbours may be one regimen
  ("letrozole, Ibrance and now Faslodex").
- A spread told in a relative clause on the disease a regimen is for ("on letrozole for my
  breast cancer that spread to my bones") describes the disease: no progression on it.
- A regimen told not tolerated ("progressed on letrozole, then could not tolerate capecitabine")
  was given (no negation) and stopped for toxicity: the progression does not pass on to it.
- A regimen told begun for a progression ("switched to capecitabine because of progression")
  was begun at the failure of the one before: it is not the one failing.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract, history


@pytest.mark.parametrize("relative", ["Her husband", "Her boyfriend", "My partner"])
def test_a_possessed_relatives_age_is_the_relatives(relative: str) -> None:
    ex = extract(f"{relative}, 52, drove her to the clinic. She has metastatic breast cancer.")
    assert ex.facts.get("age") != 52


def test_the_age_of_the_relative_the_message_is_about_is_the_patients() -> None:
    """Metamorphic: the same apposition on the relative the message is about is her age."""
    ex = extract("My mother, 67, has metastatic breast cancer to the bone.")
    assert ex.facts["age"] == 67


@pytest.mark.parametrize(
    "text",
    [
        "A 58 year postmenopausal woman with ER+ HER2- MBC to bone.",
        "58 postmenopausal woman, ER+ HER2- breast cancer metastatic to liver.",
        "A 58-year postmenopausal female with metastatic breast cancer.",
    ],
)
def test_an_age_beside_a_menopause_word_is_hers(text: str) -> None:
    ex = extract(text)
    assert ex.facts["age"] == 58
    assert ex.facts["menopausal_status"] == "post"
    assert "menopausal_status" not in ex.inferred  # stated, not inferred from the age


def test_an_age_then_beside_a_menopause_word_is_no_age_now() -> None:
    """Metamorphic: "as a 38-year-old premenopausal woman … years later" stays the age then."""
    ex = extract(
        "Diagnosed with luminal breast cancer as a 38-year-old premenopausal woman. "
        "Nine years after surgery bone metastases appeared."
    )
    assert "age" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "She has metastatic breast cancer and is 60.",
        "The patient has MBC and is now 71, on letrozole.",
    ],
)
def test_an_age_told_last_in_her_sentence_is_hers(text: str) -> None:
    ex = extract(text)
    assert ex.facts["age"] in (60, 71)


def test_a_relatives_age_told_last_is_not_hers() -> None:
    ex = extract("Her husband has diabetes and is 60. She has metastatic breast cancer.")
    assert "age" not in ex.facts


def test_a_list_ending_on_the_one_given_now_is_a_sequence() -> None:
    ex = extract("I've been on Ibrance, Verzenio, Xeloda and now Enhertu.")
    assert ex.facts["prior_lines"] == 3
    assert ex.facts["prior_cdk46"] is True


def test_the_same_list_without_now_counts_nothing() -> None:
    """Metamorphic: without "now" a comma list may be one combination: no count read."""
    ex = extract("I've been on Ibrance, Verzenio, Xeloda and Enhertu.")
    assert "prior_lines" not in ex.facts


def test_neighbours_that_may_be_one_regimen_count_nothing() -> None:
    ex = extract("I've been on letrozole, Ibrance and now Faslodex.")
    assert "prior_lines" not in ex.facts


def test_the_partner_sets_are_the_guidelines_classes(knowledge) -> None:  # type: ignore[no-untyped-def]
    """history's partner sets (it reads no knowledge) equal knowledge/drugs.yaml's classes."""
    classes = knowledge.classes
    members = lambda *ids: frozenset(m for c in ids for m in classes[c].members)  # noqa: E731
    assert (
        members("cdk46-inhibitor", "pi3k-inhibitor", "akt-inhibitor", "mtor-inhibitor")
        == history.ENDOCRINE_PARTNERS
    )
    assert members("endocrine-therapy") == history.ENDOCRINE_DRUGS


@pytest.mark.parametrize(
    "told",
    [
        "She was switched to capecitabine because of progression.",
        "She started capecitabine due to disease progression.",
        "She was put on capecitabine on progression.",
    ],
)
def test_a_regimen_begun_for_a_progression_is_not_failing(told: str) -> None:
    ex = extract("She has metastatic breast cancer. " + told)
    assert "capecitabine" in ex.facts["prior_therapies"]
    assert "capecitabine" not in ex.facts.get("progressed_on", [])


@pytest.mark.parametrize(
    "told",
    [
        "Capecitabine was stopped due to progression.",
        "She was started on capecitabine due to progression. She progressed again after 6 months.",
    ],
)
def test_a_regimen_stopped_or_failing_later_is_failing(told: str) -> None:
    """Metamorphic: stopped for the progression, or failing later, it is the one failing."""
    ex = extract("She has metastatic breast cancer. " + told)
    assert ex.facts["progressed_on"] == ["capecitabine"]


@pytest.mark.parametrize(
    "text",
    [
        "I am on letrozole for my breast cancer that spread to my bones.",
        "She is on fulvestrant for her ER+ breast cancer which has spread to her liver.",
    ],
)
def test_a_spread_describing_the_disease_treated_is_no_progression(text: str) -> None:
    ex = extract(text)
    assert "progressed_on" not in ex.facts


def test_a_spread_told_after_the_regimen_is_still_a_progression() -> None:
    """Metamorphic: the spread told as its own sentence after the regimen is a progression."""
    ex = extract("She was on letrozole for her cancer. The cancer then spread to her liver.")
    assert ex.facts["progressed_on"] == ["letrozole"]


@pytest.mark.parametrize(
    "told",
    [
        "then could not tolerate capecitabine due to hand-foot syndrome",
        "then couldn't tolerate capecitabine",
        "then failed to tolerate capecitabine",
        "then did not tolerate capecitabine",
    ],
)
def test_a_regimen_not_tolerated_is_given_and_not_failing(told: str) -> None:
    ex = extract(f"She has metastatic breast cancer. She progressed on letrozole, {told}.")
    assert "capecitabine" in ex.facts["prior_therapies"]  # given: no negation of the drug
    assert ex.facts["progressed_on"] == ["letrozole"]
    assert ex.facts["prior_lines"] == 2


def test_a_regimen_told_then_inherits_the_progression() -> None:
    """Metamorphic: without the intolerance, "progressed on A, then on B" is B failing."""
    ex = extract(
        "She has metastatic breast cancer. She progressed on letrozole, then on capecitabine."
    )
    assert ex.facts["progressed_on"] == ["capecitabine"]
