"""Round 32's classes (read after its first run), each a template grid with metamorphic checks.

- A local treatment aimed at "the tumor" / "the lesions" / "it" points back at what was told:
  the brain only when the brain was told before it ("additional radiation therapy directed to
  the tumor [an axillary regrowth] … spread of the breast cancer to the brain": active).
- The news apposition of an age ("says Taylor, 68, who lives in Denver", "Sarah Jones, 44, of
  Leeds"); a relative's apposition ("her husband, Tom, 52, says") is the relative's age.
- A spouse named by another's possessive with the cancer ("his wife, Melissa, was diagnosed
  with … breast cancer") is the patient, as "my wife" is: her sex, not the writer's pronoun.
- The pronouns of a speaker's quoted words are the people of her story (“… he changed my
  prescription …” … "her body"); British single quotes are quotes too; an editor's lead-in to
  a first-person piece ("she shares her new awareness …") gives the writer's sex.
- The cancer the subject of "was back" across a relative clause ("The breast cancer the
  doctors had thought was gone was back"): the recurrence, 0 lines at it.
- A start told as a past time point ("after starting chemotherapy", "since starting letrozole")
  is a course given, not a plan.
- The scope judge reads a stage in words ("stage three") and a cancer told curable as early
  disease.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract

TREATMENTS = ["radiation therapy", "radiotherapy", "surgery", "resection"]
TARGETS = ["the tumor", "the tumour", "the lesions", "the mass"]


@pytest.mark.parametrize("treatment", TREATMENTS)
@pytest.mark.parametrize("target", TARGETS)
def test_a_treatment_aimed_back_settles_no_brain_told_later(
    nlp, treatment: str, target: str
) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"She underwent additional chemotherapy and {treatment} directed to {target}. Several "
        "months later she continued to develop significant spread of the breast cancer to the brain."
    )
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize("treatment", ["radiation therapy", "radiotherapy"])
@pytest.mark.parametrize("target", ["the lesions", "them", "the tumors"])
def test_a_treatment_aimed_at_brain_lesions_told_before_settles_them(
    nlp, treatment: str, target: str
) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the same treatment told after the brain lesions settles them."""
    text = f"MRI showed brain metastases. She received {treatment} to {target}."
    assert extract(text).facts.get("brain_metastases") is False


NAMES = ["Taylor", "Sarah Jones", "Mrs Patel", "Kate"]
AFTER = ["who lives in Denver", "of Leeds", "from Ohio"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("age", [42, 68])
@pytest.mark.parametrize("after", AFTER)
def test_a_news_apposition_is_her_age(nlp, name: str, age: int, after: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“I thought it was my asthma,” says "
        f"{name}, {age}, {after}. The breast cancer was back, and it had spread to her lungs."
    )
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize("relative", ["husband", "son", "partner", "daughter"])
def test_a_relatives_apposition_is_not_her_age(nlp, relative: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Her {relative}, Tom, 52, says she was diagnosed with metastatic breast cancer in her "
        "liver and bones last spring and has been on letrozole since."
    )
    assert extract(text).facts.get("age") is None


@pytest.mark.parametrize(
    ("spouse", "sex"), [("his wife", "female"), ("her husband", "male"), ("their wife", "female")]
)
@pytest.mark.parametrize(
    "told",
    [
        ", Melissa, was diagnosed with stage four breast cancer",
        " was diagnosed with metastatic breast cancer in 2020",
        " has metastatic breast cancer",
    ],
)
def test_a_spouse_with_the_cancer_is_the_patient(nlp, spouse: str, sex: str, told: str) -> None:  # type: ignore[no-untyped-def]
    text = f"As we were setting up this morning, I was talking to a member of our church. Last March {spouse}{told}."
    assert extract(text).facts.get("sex") == sex


@pytest.mark.parametrize("relative", ["mother", "sister", "aunt"])
def test_a_blood_relatives_cancer_stays_family_history(nlp, relative: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: only a spouse is read so; "her mother had breast cancer" is family."""
    text = f"Her {relative} had breast cancer. He has metastatic breast cancer in his liver, ER+ and HER2-negative."
    facts = extract(text).facts
    assert facts.get("sex") != "female"


QUOTES = [("“", "”"), ('"', '"'), ("'", "'"), ("‘", "’")]


@pytest.mark.parametrize(("open_", "close"), QUOTES)
@pytest.mark.parametrize("other", ["he changed my prescription", "he said I was fine"])
def test_pronouns_in_quoted_speech_are_not_hers(nlp, open_: str, close: str, other: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"{open_}I saw my doctor, and {other}, but I wasn't getting any better.{close} says Taylor. "
        "The cancer was back, and it had spread to her lungs, lymph nodes, and other parts of her body."
    )
    assert extract(text).facts.get("sex") == "female"


@pytest.mark.parametrize("verb", ["she said:", "she continued:", "Growing emotional, she said:"])
def test_a_first_person_quote_in_single_quotes_is_the_speakers(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"{verb} 'This past November, I was diagnosed with breast cancer.\n\n'My medical team is "
        "confident, and I am completely confident in my medical team.'"
    )
    assert extract(text).facts.get("sex") == "female"


@pytest.mark.parametrize("verb", ["shares", "writes", "tells", "recounts", "reflects on"])
@pytest.mark.parametrize(("pronoun", "sex"), [("she", "female"), ("he", "male")])
def test_an_editors_lead_in_gives_the_writers_sex(nlp, verb: str, pronoun: str, sex: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"For Breast Cancer Awareness Month, {pronoun} {verb} the story of living with metastatic "
        "breast cancer. In February 2018 I discovered that my cancer had metastasized to my liver and bones."
    )
    assert extract(text).facts.get("sex") == sex


def test_a_lead_in_without_a_first_person_piece_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "he tells me …" in a clinician's message is no writer's lead-in."""
    text = "He tells me his wife's mother had breast cancer and asks about screening."
    assert extract(text).facts.get("sex") is None


@pytest.mark.parametrize(
    "clause",
    ["the doctors had thought was gone", "she had beaten years ago", "that was removed in 2019"],
)
@pytest.mark.parametrize("back", ["was back", "had returned", "came back"])
def test_the_cancer_back_across_a_relative_clause(nlp, clause: str, back: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The breast cancer {clause} {back}, and it had spread to her lungs and lymph nodes."
    result = extract(text)
    assert result.facts.get("prior_lines") == 0 and "prior_lines" in result.inferred


@pytest.mark.parametrize(
    "text",
    [
        "Her family history was negative for breast cancer and the panel returned negative for BRCA1/2.",
        "The doctor who treated her cancer was back from vacation.",
    ],
)
def test_back_or_returned_of_something_else_is_no_recurrence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") is None


@pytest.mark.parametrize(
    "start", ["after starting", "since starting", "weeks after beginning", "after initiation of"]
)
@pytest.mark.parametrize("word", ["chemotherapy", "chemo"])
def test_a_start_told_as_a_time_point_is_a_course_given(nlp, start: str, word: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A PET scan revealed that it had spread to his spine and bones. Two more PET scans "
        f"{start} {word} revealed that the tumours had grown, so he moved on to having Enhertu."
    )
    result = extract(text)
    assert result.facts.get("prior_lines") == 1 and result.facts.get("prior_chemo_lines") == 1


@pytest.mark.parametrize(
    "start", ["after starting", "since starting", "three months after beginning"]
)
def test_a_drug_started_as_a_time_point_is_given(nlp, start: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        f"Bone metastases were found in 2021. {start.capitalize()} letrozole, her CA 15-3 fell."
    )
    assert "letrozole" in result.facts.get("prior_therapies", [])


def test_a_start_still_to_come_is_a_plan(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "before starting" is no course given."""
    result = extract("She asked about side effects before starting capecitabine.")
    assert "capecitabine" not in result.facts.get("prior_therapies", [])


@pytest.mark.parametrize("stage", ["stage one", "stage two", "stage three", "Stage Three"])
def test_a_stage_in_words_is_early_disease(stage: str) -> None:
    assert judge_scope(
        f"Last March his wife was diagnosed with {stage} breast cancer."
    ).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "I was diagnosed with breast cancer. My medical team is confident it is treatable and curable.",
        "She was told her breast cancer is curable with surgery and chemotherapy.",
    ],
)
def test_a_curable_cancer_is_early_disease(text: str) -> None:
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "My metastatic breast cancer is not curable but treatable.",
        "Stage 4 is incurable. She has liver mets and is on letrozole.",
        "She was diagnosed with stage two breast cancer in 2015. Now it has spread to her liver.",
        "Her cancer is no longer curable: it has spread to her bones.",
    ],
)
def test_incurable_or_spread_stays_in_scope(text: str) -> None:
    assert not judge_scope(text).out_of_scope
