"""Round 39's classes (read after its first run), with metamorphic checks.

- A non-invasive cancer treated before ("Her second cancer in 2000 was DCIS … treated with
  tamoxifen and radiation", "carcinoma in situ … this pre-malignant lesion") is early disease:
  its drugs are no metastatic therapy, and the metastatic disease found later has had none.
- A birth just before ("had just given birth", "6 days after the birth of my second baby",
  "post-partum") is read as a pregnancy is: pre-menopausal; never a relative's birth.
- The patient described in a news relative clause ("The mother of two, who is 37 and cannot be
  identified, …"; "Sarah, who is 44 and lives in Leeds").
- The cancer told of its subject in a story with a spouse ("his wife Elizabeth announced … that
  the breast cancer she battled … has recurred and advanced to Stage IV"): her sex.
- The first cancer's treatment named as such after the discovery ("so much time had passed since
  her initial diagnosis and treatment"): no treatment of the metastatic disease, 0 lines.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

LATER = " In 2006 she was diagnosed with metastatic breast cancer."


@pytest.mark.parametrize(
    "early",
    [
        "Her second cancer in 2000 was DCIS, treated with tamoxifen and radiation.",
        "In 2000 she had ductal carcinoma in situ treated with lumpectomy and tamoxifen.",
        "This carcinoma in situ is the earliest form of breast cancer. Her doctor treated this "
        "pre-malignant lesion with tamoxifen and radiation.",
        "Her doctor treated this pre-malignant lesion with tamoxifen and radiation.",
    ],
)
def test_a_non_invasive_cancers_treatment_is_early_disease(early: str) -> None:
    ex = extract(early + LATER)
    assert "prior_therapies" not in ex.facts
    assert ex.facts["prior_lines"] == 0
    assert "prior_lines" in ex.inferred


def test_a_drug_given_after_the_discovery_stays_a_metastatic_therapy() -> None:
    """Metamorphic: the same drug told after the metastatic discovery is hers."""
    ex = extract("Her second cancer in 2000 was DCIS." + LATER + " She was started on letrozole.")
    assert ex.facts["prior_therapies"] == ["letrozole"]


@pytest.mark.parametrize(
    "birth",
    [
        "Four months prior to the diagnosis, she had just given birth to her third child.",
        "It was just 6 days after the birth of my second baby.",
        "Her back pain was put down to post-partum depression.",
    ],
)
def test_a_birth_just_before_is_premenopausal(birth: str) -> None:
    ex = extract("She was diagnosed with metastatic breast cancer. " + birth)
    assert ex.facts["menopausal_status"] == "pre"


def test_a_relatives_birth_is_not_hers() -> None:
    ex = extract("She is 72 with MBC. Her daughter had just given birth.")
    assert ex.facts["menopausal_status"] == "post"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "The mother of two, who is 37 and cannot be identified, urged other patients to "
            "learn from her situation. She has metastatic breast cancer.",
            37,
        ),
        ("Sarah, who is 44 and lives in Leeds, has metastatic breast cancer.", 44),
    ],
)
def test_the_patient_described_in_a_relative_clause(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


def test_the_cancer_told_of_the_wife_in_a_couples_story() -> None:
    ex = extract(
        "Presidential contender John Edwards and his wife Elizabeth announced today that the "
        "breast cancer she battled after the last election cycle has recurred and advanced to "
        "Stage IV. The cancer has spread to her bones and a lung, her oncologist explained."
    )
    assert ex.facts["sex"] == "female"
    assert sorted(ex.facts["metastatic_sites"]) == ["bone", "lung"]


def test_the_first_cancers_treatment_told_after_the_discovery_is_earlier() -> None:
    ex = extract(
        "After a biopsy and PET scan, she was diagnosed with metastatic breast cancer. This "
        "diagnosis came as a shock, because so much time had passed since her initial diagnosis "
        "and treatment, and now it had spread to her lungs and bones."
    )
    assert ex.facts["prior_lines"] == 0


def test_a_treatment_told_after_the_discovery_is_still_a_treatment() -> None:
    """Metamorphic: without "since her initial …" the treatment told after is hers (asked)."""
    ex = extract(
        "After a biopsy and PET scan, she was diagnosed with metastatic breast cancer. She "
        "received treatment and now it has spread to her lungs and bones."
    )
    assert ex.facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "plan",
    ["Treatment will try to shrink or slow the cancer.", "Chemotherapy would start next week."],
)
def test_a_treatment_told_as_what_comes_is_not_given(plan: str) -> None:
    ex = extract("She was diagnosed with stage IV breast cancer in her bones. " + plan)
    assert ex.facts["prior_lines"] == 0


def test_a_treatment_told_given_after_the_discovery_is_asked() -> None:
    """Metamorphic: the same treatment told given leaves the count to ask."""
    ex = extract(
        "She was diagnosed with stage IV breast cancer in her bones. Treatment shrank the cancer."
    )
    assert ex.facts.get("prior_lines") != 0
