"""Round 25 scope classes (after its first run through the dialogue, where 6 of 10 out-of-scope
texts were declined):

- An early stage given with the diagnosis after describing words ("was diagnosed with a
  multifocal, node positive stage III breast cancer") is the primary's own diagnosis, as
  "diagnosed with clinical stage II" was (round 24); stage IV stays in scope.
- Adjuvant therapy going on now ("early HER2 positive breast cancer on adjuvant trastuzumab and
  anastrozole treatment presented with difficulty breathing") is the adjuvant setting; a
  relapse, a spread or metastases told in the text make it metastatic disease again
  (metamorphic).
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope

DESCRIBED = (
    "a multifocal, node positive",
    "a grade 3, node-positive",
    "an invasive lobular",
    "a large, multifocal",
    "",
)


@pytest.mark.parametrize("described", DESCRIBED)
@pytest.mark.parametrize("stage", ["stage III", "stage IIB", "stage 2", "stage I"])
def test_an_early_stage_after_describing_words_is_early(described: str, stage: str) -> None:
    text = (
        f"My friend's daughter is a 42-year-old woman who was diagnosed with {described} "
        f"{stage} breast cancer. I was asked about management and prognosis."
    ).replace("  ", " ")
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize("described", DESCRIBED)
def test_metamorphic_stage_four_stays_in_scope(described: str) -> None:
    text = (
        f"A 42-year-old woman was diagnosed with {described} stage IV breast cancer with liver "
        "metastases. What is the first-line treatment?"
    ).replace("  ", " ")
    assert not judge_scope(text).out_of_scope


ON_ADJUVANT = (
    "on adjuvant trastuzumab and anastrozole treatment",
    "receiving adjuvant letrozole",
    "currently on adjuvant tamoxifen",
    "undergoing adjuvant chemotherapy",
)


@pytest.mark.parametrize("adjuvant", ON_ADJUVANT)
def test_adjuvant_therapy_going_on_is_early(adjuvant: str) -> None:
    text = (
        "A 57-year-old female with early human epidermal growth factor receptor 2 (HER2) positive "
        f"breast cancer {adjuvant} presented with "
        "difficulty breathing and fever. Chest X-ray revealed left lower zone consolidation."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize("adjuvant", ON_ADJUVANT)
@pytest.mark.parametrize(
    "ended",
    [
        "She developed bone and liver metastases.",
        "Her cancer relapsed in the liver.",
        "The cancer has spread to her lungs.",
    ],
)
def test_metamorphic_a_relapse_on_adjuvant_is_in_scope(adjuvant: str, ended: str) -> None:
    text = f"A 57-year-old woman with HER2 positive breast cancer {adjuvant}. {ended} What next?"
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "met",
    [
        "the young lady who I last met when she was in college",
        "the young lady I recently met at a meeting",
        "her surgeon, whom she just met",
        "the patient I met again last week",
        "the oncologist, who had met her twice",
    ],
)
def test_met_the_verb_is_no_metastasis(met: str) -> None:
    text = (
        "A 42-year-old woman was diagnosed with a multifocal, node positive stage III breast "
        f"cancer. I was asked to talk with {met}."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize("met", ["a solitary brain met", "a liver met", "one met in the spine"])
def test_metamorphic_met_the_noun_stays_a_metastasis(met: str) -> None:
    text = f"Stage II breast cancer treated in 2015, now {met} on imaging. What next?"
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize("name", ["Ferris’", "Ferris'", "Anna's", "Mrs Lee's"])
def test_a_spread_to_a_named_persons_organ_is_metastatic(name: str) -> None:
    text = (
        "Following two surgeries for localized stage 1 breast cancer, a ctDNA test came back "
        f"positive. The cancer had already spread to {name} liver."
    )
    assert not judge_scope(text).out_of_scope
