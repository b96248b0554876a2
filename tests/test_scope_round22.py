"""Round 22 scope class (after round 22's first run through the dialogue, where 8 of 12
out-of-scope texts were declined): another organ told as where the cancer started, in a carer's
words ("the cancer had started in her bowel and had spread to her liver and bones"), is
another cancer; with breast cancer told (a breast word, a receptor, a drug of breast cancer) the
same words keep the message in scope (metamorphic). (A breast cancer told only in the past,
"a mastectomy for breast cancer in 2015", beside a cancer that started in the bowel stays
another cancer: the older judge decides that.)"""

from __future__ import annotations

import itertools

import pytest

from chatbot.dialogue.scope import judge_scope

ORIGINS = (
    "the cancer had started in her bowel",
    "the cancer started in his lungs",
    "the tumour began in her pancreas",
    "the cancer originated in her ovaries",
    "her cancer has started in the stomach",
)
STORIES = (
    "Mum has cancer in her liver and bones; {o}. What treatment comes next?",
    "The scans showed spread to the spine, and {o}. Is chemo the next step?",
    "{o}, and it has now spread to the liver. What are the options?",
)


@pytest.mark.parametrize(("story", "origin"), list(itertools.product(STORIES, ORIGINS)))
def test_another_organ_told_as_the_start_is_another_cancer(story: str, origin: str) -> None:
    decision = judge_scope(story.format(o=origin))
    assert decision.out_of_scope and decision.reason == "other-cancer"


BREAST_TOLD = (
    "ER+ HER2- metastatic breast cancer. ",
    "Her breast cancer has spread, ER positive. ",
)


@pytest.mark.parametrize(
    ("story", "origin", "breast"), list(itertools.product(STORIES, ORIGINS[:2], BREAST_TOLD))
)
def test_metamorphic_breast_cancer_told_keeps_it_in_scope(
    story: str, origin: str, breast: str
) -> None:
    assert not judge_scope(breast + story.format(o=origin)).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "Her breast cancer started in her breast and spread to her lungs and liver. What next?",
        "ER+ breast cancer; the metastases started in her lungs, now the liver too. Next?",
        "The spread started in her bones. What is next for her metastatic breast cancer?",
    ],
)
def test_breast_cancer_spreading_stays_in_scope(text: str) -> None:
    assert not judge_scope(text).out_of_scope


# round 22 (r22-0011): the aim of treatment after early disease in a patient's words
AIMS = (
    "the main goal now is to stop the cancer from returning",
    "my cancer was at a higher risk of reoccurrence",
    "she has a high risk of recurrence",
    "the drug should lower the risk of it coming back",
    "we want to prevent it coming back",
)
AIM_STORIES = (
    "{a}. My breast cancer was hormone positive, and now there is Kisqali. Should I take it?",
    "After her lumpectomy {a}. Is anastrozole enough?",
)


@pytest.mark.parametrize(("story", "aim"), list(itertools.product(AIM_STORIES, AIMS)))
def test_the_aim_of_preventing_a_return_is_early_disease(story: str, aim: str) -> None:
    decision = judge_scope(story.format(a=aim))
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize(("story", "aim"), list(itertools.product(AIM_STORIES, AIMS[:3])))
def test_metamorphic_a_metastasis_told_keeps_it_in_scope(story: str, aim: str) -> None:
    text = story.format(a=aim) + " A scan now shows liver metastases."
    assert not judge_scope(text).out_of_scope


# round 23 (r23-0012): the lumpectomy and the chance of a return in a patient's words
@pytest.mark.parametrize(
    "text",
    [
        "I had a Lump removed followed by chemotherapy and tested positive for BRCA2. This meant"
        " I had an 85% chance of the Cancer returning so I opted for a double mastectomy.",
        "She had the lump removed and radiotherapy; the chance of recurrence is low. Tamoxifen?",
    ],
)
def test_lump_removed_and_a_chance_of_return_are_early_disease(text: str) -> None:
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


# found on the way (it was declined before): the cancer told in a distant organ in plain words
@pytest.mark.parametrize("early", ["I had a lumpectomy in 2015.", "I had a lump removed in 2015."])
@pytest.mark.parametrize(
    "now",
    [
        "Now the cancer is in my liver and bones.",
        "The cancer was found in her lungs this year.",
        "It is now in my spine.",
    ],
)
def test_cancer_told_in_a_distant_organ_is_metastatic(early: str, now: str) -> None:
    assert not judge_scope(f"{early} {now} ER+. What next?").out_of_scope


def test_cancer_told_in_the_breast_only_stays_early() -> None:
    text = "Stage II breast cancer, lumpectomy; the cancer is in the breast only. Adjuvant options?"
    assert judge_scope(text).out_of_scope
