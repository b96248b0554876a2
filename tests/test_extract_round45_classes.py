"""Round 45's classes (read after its first run), with metamorphic checks.

- The state found at the diagnosis told by "already" ("The cancer was already Stage IV", "it
  had already spread to my liver") is the discovery of metastatic disease: 0 lines so far.
- "The cancer came roaring back" is the cancer's return, as "came back" is.
- The step- and grand- relatives, and a familiar parent word possessed by another ("his
  stepmother Lillian died aged 60", "her mum"), are relatives: their ages are not hers.
- Her age told again later ("She was just 36 when she was diagnosed …, and, sadly, at 38, she
  has a terminal diagnosis") is her age now.
- "women, like me, with Stage III breast cancer": the writer among women.
- A pregnancy in lay words ("I was 16 weeks along") and a birth told as the story's present
  ("give birth to my beautiful son") are pre-menopausal.
- A spread feared or suspected ("was concerned that the breast cancer had spread to my
  abdomen") is no site; fears a finding confirmed are one.
- The group a comparison sets hers against ("than those that are HER2 negative") is no
  finding of hers.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "I was diagnosed with breast cancer in February 2009. The cancer was already Stage IV, "
        "and it was in my bones and in one lung.",
        "I was diagnosed with breast cancer last month. It had already spread to my liver.",
        "I was diagnosed with breast cancer in June. It was already metastatic.",
    ],
)
def test_already_metastatic_at_diagnosis_is_its_discovery(text: str) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == 0
    assert "prior_lines" in ex.inferred


def test_already_with_lines_told_counts_no_zero() -> None:
    """Metamorphic: lines given since stay lines ("already" does not make a discovery of them)."""
    ex = extract(
        "Her cancer had already spread to her bones. She has since had letrozole with "
        "palbociclib, then fulvestrant, and now progresses."
    )
    assert ex.facts.get("prior_lines") != 0


def test_the_cancer_came_roaring_back() -> None:
    ex = extract(
        "She had chemotherapy and a double mastectomy, and her doctors said she was in the "
        "clear. Two years later the cancer came roaring back, this time as metastatic breast "
        "cancer that had spread to her lymph nodes and bones."
    )
    assert ex.facts["prior_lines"] == 0


@pytest.mark.parametrize(
    "relative",
    ["His stepmother Lillian", "His grandma Lillian", "His mum Anne", "Her dad Tom", "His stepdad"],
)
def test_a_relatives_age_is_not_hers(relative: str) -> None:
    ex = extract(f"Geoff Sweeney, 52, has metastatic breast cancer. {relative} died aged 60.")
    assert ex.facts["age"] == 52


@pytest.mark.parametrize(
    "death",
    [
        "His mother Anne died of breast cancer aged 48.",
        "His stepmother Lillian died of metastatic breast cancer at age 60.",
    ],
)
def test_a_relatives_age_at_death_is_not_his(death: str) -> None:
    """Far from the relative word (past the FAMILY cue's reach), the age at her death."""
    ex = extract(f"Geoff Sweeney, 52, has metastatic breast cancer. {death}")
    assert ex.facts["age"] == 52


def test_a_carers_relative_who_died_is_the_patient() -> None:
    """Metamorphic: a carer's message about her mother's death keeps the mother's age."""
    ex = extract(
        "My mother died of metastatic breast cancer aged 70 after letrozole stopped working."
    )
    assert ex.facts["age"] == 70


def test_a_carers_dad_is_the_patient() -> None:
    """Metamorphic: "my dad" opening a carer's message is the patient (his age, his sex)."""
    ex = extract("My dad, 70, has ER positive breast cancer that has moved to his spine.")
    assert ex.facts["age"] == 70
    assert ex.facts["sex"] == "male"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "She was just 36 when she was diagnosed with triple negative breast cancer, and, "
            "sadly, at 38, she has a terminal diagnosis.",
            38,
        ),
        ("She was 45 when she was diagnosed. Now 49, she has liver metastases.", 49),
    ],
)
def test_her_age_told_again_later_is_her_age_now(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


def test_a_number_before_a_reporting_verb_is_no_age() -> None:
    assert "age" not in extract("The trial enrolled patients at 38, she said.").facts


@pytest.mark.parametrize("among", ["women, like me, with", "women such as myself with"])
def test_the_writer_among_women_set_off_by_commas(among: str) -> None:
    ex = extract(f"These injections are not usually given to {among} Stage IV breast cancer.")
    assert ex.facts["sex"] == "female"


@pytest.mark.parametrize(
    "text",
    [
        "I was 16 weeks along when I did my first round of chemotherapy for breast cancer.",
        "I go into hospital and give birth to my beautiful son via emergency c-section. The "
        "biopsy shows I have breast cancer.",
    ],
)
def test_a_pregnancy_in_lay_words_is_premenopausal(text: str) -> None:
    assert extract(text).facts["menopausal_status"] == "pre"


def test_a_birth_long_ago_is_no_menopausal_status() -> None:
    """Metamorphic: a birth told past ("gave birth to my son in 1995") tells nothing now."""
    ex = extract("I gave birth to my son in 1995. I now have metastatic breast cancer.")
    assert "menopausal_status" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "My medical team was concerned that the breast cancer had spread to my abdomen.",
        "They feared it had spread to her bones.",
        "Her oncologist suspected that the cancer had spread to the lungs.",
        "There was concern that the cancer had spread to her liver.",
        "Her team was concerned that it had spread to her brain.",
    ],
)
def test_a_spread_feared_is_no_site(text: str) -> None:
    facts = extract(text).facts
    assert not facts.get("metastatic_sites")
    assert "brain_metastases" not in facts


def test_a_worry_about_a_drug_keeps_the_site() -> None:
    """Metamorphic: a worry whose clause is about a drug, not the spread, leaves the site."""
    ex = extract("I am worried that letrozole is not working on my liver metastases.")
    assert ex.facts["metastatic_sites"] == ["liver"]


def test_fears_confirmed_are_a_site() -> None:
    """Metamorphic: "confirmed our fears that …" tells the finding."""
    ex = extract("The biopsy confirmed our fears that the cancer had spread to her liver.")
    assert ex.facts["metastatic_sites"] == ["liver"]


def test_a_concern_about_treatment_keeps_the_site() -> None:
    """Metamorphic: a concern whose clause is about a drug leaves the site told in it."""
    ex = extract("There was concern that chemotherapy would worsen her metastatic marrow failure.")
    assert ex.facts["metastatic_sites"] == ["bone marrow"]


def test_the_group_compared_against_is_not_hers() -> None:
    ex = extract(
        "The HER2+ aspect of my cancer meant it was much more aggressive. These cancers grow "
        "faster than those that are HER2 negative."
    )
    assert ex.facts["her2"] == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "I had a mastectomy and chemo for stage 2 breast cancer. Now the cancer has spread: it's "
        "in my liver. What next?",
        "I had a mastectomy and chemo for stage 2 breast cancer in 2019. I was told it had "
        "spread—now in my lungs.",
        "being told I have cancer; that it has two of the most aggressive traits (triple "
        "negative, inflammatory breast cancer/IBC); that I will need urgent chemo, I will lose my "
        "breast; that the cancer has now spread – it’s now in my bones, liver, lymph nodes, skin.",
    ],
)
def test_a_spread_told_after_a_dash_or_colon_is_in_scope(text: str) -> None:
    assert judge_scope(text).out_of_scope is False


def test_early_treatment_without_a_spread_stays_early() -> None:
    """Metamorphic: the same story with nothing spread is early breast cancer."""
    text = "I had a mastectomy and chemo for stage 2 breast cancer in 2019. It had not spread."
    assert judge_scope(text).out_of_scope is True
