"""Stop 45's classes: round 62's (first run recorded in tests/data/real/FORMAT.md before any of
its misses was read), and three left from rounds 60-61 (seen).

Each class is written in words other than the corpus text's, with a metamorphic twin that
must not change: the fix reads the class, not the sentence.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract

SPREAD = "Her breast cancer had spread to her bones. "


# -- a treatment told failing by "stopped working", wherever it stands from the drug --------


@pytest.mark.parametrize(
    "said",
    [
        "She started letrozole and within two months it had stopped working.",
        "She began capecitabine in May and by the autumn it had quit working.",
        # twin read right before too: the stop word right after the drug
        "She started letrozole and it stopped working.",
    ],
)
def test_a_line_told_stopped_working_is_one_line(said: str) -> None:
    assert extract(SPREAD + said).facts.get("prior_lines") == 1


def test_a_line_told_working_is_no_line_given() -> None:
    # metamorphic: the same line told working -> 0, not 1
    ex = extract(SPREAD + "She started letrozole and within two months it was working well.")
    assert ex.facts.get("prior_lines") == 0


def test_two_of_one_class_counted_one_by_one_are_not_one_line() -> None:
    # "one IV chemo and one oral chemo that just stopped working": two regimens, unnamed
    text = SPREAD + "I have had one IV chemo and one oral chemo that just stopped working."
    assert extract(text).facts.get("prior_lines") != 1


# -- "progressed too far to be cured" is the extent at diagnosis, no progression on a line ---


@pytest.mark.parametrize(
    "said",
    [
        "Because it was found late, the cancer had progressed too far for it to be cured.",
        "The disease had progressed too far for surgery.",
    ],
)
def test_progressed_too_far_is_no_progression_on_treatment(said: str) -> None:
    text = "He was told the cancer had spread to his bones, ribs and spine. " + said
    assert extract(text).facts.get("prior_lines") == 0


def test_a_progression_after_the_event_still_counts() -> None:
    # metamorphic: without "too far", a progression told after the event -> no 0
    text = (
        "He was told the cancer had spread to his bones. The cancer then progressed in the liver."
    )
    assert extract(text).facts.get("prior_lines") != 0


# -- the first cancer's treatment told back after the event ("After the initial …") -----------


@pytest.mark.parametrize("word", ["initial", "original"])
def test_the_first_cancers_treatment_told_after_the_event_is_early(word: str) -> None:
    text = (
        "Scans revealed her breast cancer had come back and is now at stage four. "
        f"After the {word} diagnosis, she had a mastectomy followed by six months of "
        "chemotherapy and radiotherapy."
    )
    assert extract(text).facts.get("prior_lines") == 0


def test_a_sentence_of_relapses_is_not_told_back() -> None:
    # "hormonal therapy after the relapses" is given after the event: no 0 lines
    text = (
        "Stage II breast cancer relapsed in the ovaries at 6 years and in the colon at 13 years. "
        "Treatment consisted of chemotherapy after the initial diagnosis and hormonal therapy "
        "after the relapses."
    )
    assert extract(text).facts.get("prior_lines") != 0


# -- a drug joined to the regimen before by the sentence's opening ---------------------------


@pytest.mark.parametrize("opening", ["Combined with", "Together with", "Alongside"])
def test_a_drug_joined_at_the_sentence_opening_is_one_regimen(opening: str) -> None:
    text = (
        "The scan showed that her liver was full of metastatic breast cancer. She was given "
        f"Herceptin. {opening} the hormone drug Arimidex, the treatment has been very successful."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0


# -- her sex from her own womb, ovaries or menopause ----------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "The hysterectomy was done so I could take Arimidex. I had bone metastasis too.",
        "After the oophorectomy I started letrozole for the bone metastasis.",
        "The chemo for my bone metastasis had few side effects except fatigue and menopause.",
    ],
)
def test_her_own_womb_ovaries_or_menopause_tell_her_sex(said: str) -> None:
    # (a case of some length: sex is inferred from anatomy only then)
    opening = "I was diagnosed with metastatic breast cancer two years ago and live with it. "
    ex = extract(opening + said)
    assert ex.facts.get("sex") == "female"
    assert "sex" in ex.inferred


def test_a_prostate_beside_the_menopause_says_nothing() -> None:
    # metamorphic: organs of both sexes -> no inference
    ex = extract(
        "I have metastatic breast cancer in my bones. The chemo brought on an early menopause "
        "and my prostate doctor was worried."
    )
    assert ex.facts.get("sex") is None


# -- "the 44-year-old mother" is the story's subject, not her mother ------------------------


@pytest.mark.parametrize(("noun", "age"), [("mother", 44), ("grandmother", 74)])
def test_the_aged_relative_noun_of_the_subject_is_her_age(noun: str, age: int) -> None:
    text = (
        f"In 2008, the {age}-year-old {noun} found that her breast cancer had metastasized "
        "to her liver."
    )
    assert extract(text).facts.get("age") == age


def test_a_possessed_relatives_age_stays_the_relatives() -> None:
    # metamorphic: "her 44-year-old sister" is another person
    text = "Her 44-year-old sister found that her breast cancer had metastasized to her liver."
    assert extract(text).facts.get("age") != 44


# -- "his" of "his wife" right after her husband is his -------------------------------------


def test_his_wife_after_her_husband_is_no_male_patient() -> None:
    text = (
        "The patient is at end care for metastatic breast cancer. The patient's husband has "
        "requested that his wife be a full code. Is it the right decision?"
    )
    assert extract(text).facts.get("sex") != "male"


# -- the adverb of a hormone-driven tumour ---------------------------------------------------


@pytest.mark.parametrize("said", ["hormonally driven", "hormonally-sensitive"])
def test_a_hormonally_driven_tumour_is_hr_positive(said: str) -> None:
    text = f"The biopsy showed {said} HER2-positive breast cancer, now in her bones."
    assert extract(text).facts.get("hormone_receptor") == "positive"


# -- scope: a terminal prognosis after an operation is no early breast cancer ----------------


@pytest.mark.parametrize(
    "said",
    [
        "Though she was given just six months to live, she kept on touring.",
        "She did not disclose that she was terminally ill.",
    ],
)
def test_a_terminal_prognosis_after_the_mastectomy_is_in_scope(said: str) -> None:
    text = (
        "In 1976 she was diagnosed with breast cancer and underwent a modified radical "
        f"mastectomy. {said} She died at 31 in 1979."
    )
    assert judge_scope(text).out_of_scope is False


def test_a_mastectomy_alone_stays_early_breast_cancer() -> None:
    # metamorphic: without the prognosis, the same story is early disease (declined)
    text = (
        "In 1976 she was diagnosed with breast cancer and underwent a modified radical "
        "mastectomy. She kept on touring."
    )
    assert judge_scope(text).reason == "early-breast-cancer"


# -- found reading round 62 (no corpus text): a generic first line told failing ------------


@pytest.mark.parametrize(
    "said",
    [
        "She started first-line therapy but progressed.",
        "She started first-line therapy, which stopped working.",
        # twin read right before too: a named drug on the same line
        "She started first-line letrozole but progressed.",
    ],
)
def test_a_first_line_told_failing_in_its_sentence_is_one_line(said: str) -> None:
    assert extract("Her cancer had spread to the liver. " + said).facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    "said",
    [
        "She is on first-line therapy and has not progressed.",
        "She is on first-line therapy and it is working.",
    ],
)
def test_a_first_line_going_on_is_no_line_given(said: str) -> None:
    assert extract("Her cancer had spread to the liver. " + said).facts.get("prior_lines") == 0


def test_a_progression_put_before_the_line_is_not_its_failure() -> None:
    # "second-line therapy after progressing on first-line": one line given, not two
    text = "She is on second-line therapy after progressing on first-line."
    assert extract(text).facts.get("prior_lines") == 1
