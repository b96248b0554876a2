"""Round 27 scope classes (after its first run through the dialogue, where 4 of 6 out-of-scope
texts were declined):

- The primary mass's own growth ("an ulcerated exophytic mass in the right breast with
  progressive growth") is no progression of metastatic disease; with staging negative for
  metastasis the case is early disease. "progressive disease in the liver" stays metastatic.
- A regional spread denied with the distant one ("localized, with no spread to the axillary
  lymph nodes or distant metastasis") is one denial of both.
- A relative's other cancer ("her sister was diagnosed with ovarian cancer") is no second
  primary of the patient's: the decline gives the patient's own reason (early disease).
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope


@pytest.mark.parametrize(
    "growth", ["progressive growth", "progressive enlargement", "progressive swelling"]
)
def test_the_primary_masss_growth_is_no_progression(growth: str) -> None:
    text = (
        f"An 85-year-old patient with an ulcerated mass in the right breast with {growth}. Biopsy "
        "showed a triple negative invasive ductal carcinoma. Additional studies were negative for "
        "metastasis. She had surgery."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize(
    "progression",
    [
        "progressive disease in the liver",
        "progression of her bone metastases",
        "progressive lung lesions",
    ],
)
def test_metamorphic_a_progression_of_disease_stays_in_scope(progression: str) -> None:
    text = f"A 60-year-old with triple negative breast cancer, now with {progression}. What next?"
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "denied",
    [
        "with no spread to the axillary lymph nodes or distant metastasis",
        "without spread to the lymph nodes or distant metastases",
        "with no spread into the nodes or metastasis",
    ],
)
def test_a_regional_spread_denied_with_the_distant_one(denied: str) -> None:
    text = (
        f"Staging revealed that the tumor in her left breast was localized, {denied}. She had a "
        "lumpectomy. What should she expect?"
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize("relative", ["sister", "mother", "aunt"])
@pytest.mark.parametrize("cancer", ["ovarian cancer", "colon cancer"])
def test_a_relatives_cancer_is_no_second_primary(relative: str, cancer: str) -> None:
    text = (
        "Tests to determine the stage of the cancer revealed that the tumor in Tham's left breast "
        "was localized, with no spread to the axillary lymph nodes or distant metastasis. The "
        "doctor identified ductal carcinoma in situ, an early form of breast cancer. Tham's "
        f"{relative} was diagnosed with {cancer} in May and underwent surgery without genetic "
        "testing. Genetic testing revealed the BRCA2 gene mutation."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"
