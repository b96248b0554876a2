"""Round 49's classes (read after its first run), with metamorphic checks.

- A writer's own cancer told in her body ("metastatic breast cancer – a disease I've lived
  with for nine years … the cancer is now in my bones, brain, lungs, liver") lets "women like
  me" give her sex: the own-cancer test had needed "I have/I was …" before a cancer word.
- Members named inside a member after "including" ("her gastrointestinal tract (including
  her colon and small intestine), and liver") share the list's head: colon and small bowel
  had been dropped.
- A couple told from both sides ("her husband called … his wife developed profound
  weakness"): the spouses' possessives say nothing of the patient, her other pronouns do.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

WRITER = (
    "Every day, women like me are living life to the fullest, despite the odds. We are going "
    "to work. We are caring for our families. Thanks to medical advances, metastatic breast "
    "cancer – a disease I’ve lived with for nine years – doesn’t have to be a death sentence. "
    "While the cancer is now in my {site}, I’m still here."
)


@pytest.mark.parametrize("site", ["bones", "liver", "lungs and brain"])
def test_a_writers_cancer_in_her_body_lets_women_like_me_give_her_sex(site: str) -> None:
    assert extract(WRITER.format(site=site)).facts["sex"] == "female"


def test_a_carers_women_like_me_is_not_the_patients_sex() -> None:
    # metamorphic: the cancer her father's, in his body: the patient is the father
    text = WRITER.replace("I’ve lived with", "my father has lived with").replace("in my", "in his")
    assert extract(text.format(site="bones")).facts["sex"] == "male"


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "Her cancer had spread to her bones, followed by her reproductive organs, abdomen, "
            "gastrointestinal tract (including her colon and small intestine), and liver.",
            ["bone", "colon", "small bowel", "liver"],
        ),
        (
            "She has metastases in the bones, including the spine and pelvis, and liver.",
            ["bone", "liver"],
        ),
    ],
)
def test_members_after_including_share_the_head(text: str, sites: list[str]) -> None:
    assert sorted(extract(text).facts["metastatic_sites"]) == sorted(sites)


def test_an_explained_abbreviation_is_no_member() -> None:
    # "(BM)" explains "bone marrow" (brain metastases or marrow): no list, nothing read
    assert (
        extract("bone marrow (BM) aspirate positive for carcinoma.").facts.get("metastatic_sites")
        is None
    )


COUPLE = (
    "After completing neoadjuvant chemotherapy for triple-negative invasive breast cancer, "
    "Madeline, age 32, had a bilateral mastectomy. Final pathology showed residual disease, "
    "and her oncologist recommended capecitabine. Eight days later, her husband called the "
    "cancer clinic reporting that his wife developed profound weakness."
)


def test_a_couple_told_from_both_sides_leaves_her_pronouns() -> None:
    assert extract(COUPLE).facts["sex"] == "female"


def test_one_side_alone_says_nothing() -> None:
    # "His wife said she was worried": the patient may be the man
    text = "John, 67, has metastatic breast cancer to the bone. His wife said she was worried."
    assert extract(text).facts.get("sex") is None
