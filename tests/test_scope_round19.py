"""Round 19 scope classes (the lead, after round 19's first run through the dialogue, where
4 of 9 out-of-scope texts were declined): the primary's own biopsy and first visit are no
recurrence sign; "met" the verb is no metastasis; a breast tumour of another organ's origin
is that organ's cancer; and, found on the way, breast cancer told found in another organ's
tissue ("a biopsy showed breast cancer in the lung") is metastatic disease, never early."""

from __future__ import annotations

import itertools

import pytest

from chatbot.dialogue.scope import judge_scope

BIOPSIES = (
    "The biopsy showed invasive ductal carcinoma of the right breast.",
    "A core biopsy confirmed high grade triple-negative breast cancer.",
    "An ultrasound-guided biopsy of the left breast mass revealed invasive lobular carcinoma "
    "of the left breast.",
)
EARLY_CARE = (
    "She completed 8 cycles of EC-T and a modified radical mastectomy.",
    "She underwent lumpectomy and adjuvant radiotherapy.",
    "Staging identified eight positive axillary lymph nodes and she started neoadjuvant "
    "chemotherapy.",
)
FIRST_VISITS = (
    "In August 2017 I met a 50-year-old woman. She was seen by her local physician for a "
    "palpable mass in the right breast.",
    "A 52-year-old woman was admitted to breast surgery.",
)


@pytest.mark.parametrize(
    ("visit", "biopsy", "care"), list(itertools.product(FIRST_VISITS, BIOPSIES, EARLY_CARE))
)
def test_the_primarys_own_work_up_and_treatment_is_early_disease(
    visit: str, biopsy: str, care: str
) -> None:
    decision = judge_scope(f"{visit} {biopsy} {care}")
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


ORGANS = ("lung", "liver", "iliac bone", "pleural fluid", "bone marrow")
FINDINGS = (
    "A biopsy showed breast cancer in the {o}.",
    "A CT-guided biopsy confirmed ductal carcinoma within the {o}.",
    "The biopsy revealed invasive lobular carcinoma cells in the {o}.",
)


@pytest.mark.parametrize(
    ("early", "finding", "organ"),
    list(itertools.product(("She had a mastectomy in 2015.", *EARLY_CARE), FINDINGS, ORGANS)),
)
def test_breast_cancer_found_in_another_organ_is_never_early(
    early: str, finding: str, organ: str
) -> None:
    assert not judge_scope(f"{early} {finding.format(o=organ)}").out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "We describe bilateral metastatic breast carcinoma of vulvar origin in an 80-year-old.",
        "A breast metastasis of ovarian primary in a 60-year-old woman.",
    ],
)
def test_a_breast_tumour_of_another_organs_origin_is_another_cancer(text: str) -> None:
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "other-cancer"
