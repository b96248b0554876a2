"""Round 38's classes (read after its first run), with metamorphic checks.

- The side named inside a lay word for the pleura ("the lining of my right lung") is the pleura,
  as "the lining of her lungs" was.
- The child she carries is no relative owning the fact ("pregnant with her son, Carson"): the
  pregnancy makes her pre-menopausal, as "pregnant" alone did.
- An age in a comparison ("I felt like an 80 year old women", "as if I were 90", "more tired
  than a 90-year-old") is no age; "as a 45-year-old" still is.
- The writer's own stage IV told as "I had / I have stage four (metastatic) breast cancer": the
  third-person pronouns are her doctor's ("He glanced up …"), not the patient's sex.
- Nodes told with an explicit early stage ("It was considered stage 2 breast cancer because it
  had spread to a few lymph nodes") are the primary's regional nodes, not a metastatic site; a
  return told in the next sentence ("This time … it had returned to the bone") is another moment.
- The age in a relative clause on the patient ("The woman, who was 69 at the time, took …",
  "Sarah, who is 44, …"), never on a relative ("Her husband, who was 52 at the time, …").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize("side", ["right", "left", "both"])
def test_the_lining_of_a_named_lung_is_the_pleura(side: str) -> None:
    lung = "lungs" if side == "both" else "lung"
    ex = extract(f"My breast cancer has spread to the lining of my {side} {lung}. It is stage 4.")
    assert ex.facts["metastatic_sites"] == ["pleura"]


@pytest.mark.parametrize("child", ["her son, Carson", "her second baby", "twins"])
def test_pregnant_with_her_child_is_premenopausal(child: str) -> None:
    ex = extract(f"She was pregnant with {child}. Months later she was diagnosed with MBC.")
    assert ex.facts["menopausal_status"] == "pre"


def test_a_relative_pregnant_is_not_the_patient() -> None:
    ex = extract("Her sister was pregnant with her first baby when she was diagnosed with MBC.")
    assert "menopausal_status" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "I felt like an 80 year old women trying to carry on as normal. I have secondary breast cancer.",
        "I have MBC and feel as if I were 90.",
        "I feel like I'm 90 with this MBC.",
    ],
)
def test_an_age_in_a_comparison_is_no_age(text: str) -> None:
    ex = extract(text)
    assert "age" not in ex.facts
    assert "menopausal_status" not in ex.facts


def test_a_comparison_keeps_the_real_age_beside_it() -> None:
    ex = extract("I am 52 and have stage 4 breast cancer, more tired than a 90-year-old.")
    assert ex.facts["age"] == 52


def test_as_a_45_year_old_is_still_her_age() -> None:
    """Metamorphic: "as a N-year-old" is her age then, not a comparison."""
    ex = extract("Diagnosed as a 45 year old woman with MBC.")
    assert ex.facts["age"] == 45


def test_the_writers_own_stage_iv_leaves_her_doctors_pronouns_alone() -> None:
    ex = extract(
        "It hit me that he meant I had stage four breast cancer. He said the cancer is in my "
        "bones and he added that we could try chemo."
    )
    assert "sex" not in ex.facts
    assert ex.facts["metastatic_sites"] == ["bone"]


def test_a_third_persons_stage_iv_still_gives_the_pronoun() -> None:
    """Metamorphic: the same pronouns on the person who has the cancer."""
    ex = extract(
        "Bill learned he had stage four breast cancer. He said the cancer is in his bones and he "
        "started chemo last week."
    )
    assert ex.facts["sex"] == "male"


@pytest.mark.parametrize(
    "early",
    [
        "It was considered stage 2 breast cancer because it had spread to a few lymph nodes.",
        "Stage 3 breast cancer with spread to the lymph nodes in 2015.",
    ],
)
def test_nodes_told_with_an_early_stage_are_regional(early: str) -> None:
    ex = extract(
        early + " This time it was considered stage 4 because it had returned to the bone."
    )
    assert ex.facts["metastatic_sites"] == ["bone"]


def test_nodes_told_spread_now_are_a_site() -> None:
    """Metamorphic: the same nodes told at the later moment ("now") stay a site."""
    ex = extract("In 2015 it was stage 2 and now it has spread to the lymph nodes and bone.")
    assert sorted(ex.facts["metastatic_sites"]) == ["bone", "lymph nodes"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "The woman, who was 69 at the time, took pembrolizumab for her metastatic breast cancer.",
            69,
        ),
        ("Sarah, who is 44, has metastatic breast cancer.", 44),
    ],
)
def test_an_age_in_a_relative_clause_on_the_patient(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize("kin", ["Her husband", "My Husband", "Her friend"])
def test_an_age_in_a_relative_clause_on_someone_else(kin: str) -> None:
    ex = extract(f"{kin}, who was 52 at the time, left. She has MBC.")
    assert "age" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "Secondary breast cancer treatment -Capecitabine. I have MBC.",
        "I have MBC and I am now on -letrozole.",
    ],
)
def test_a_dash_typed_against_a_drug_name_still_reads_the_drug(text: str) -> None:
    ex = extract(text)
    assert len(ex.facts["prior_therapies"]) == 1


@pytest.mark.parametrize("sign", ["-ve", "-neg", "-negative"])
def test_a_dash_sign_keeps_its_receptor_reading(sign: str) -> None:
    """Metamorphic: a sign typed with its dash ("HER2 -ve") is still a negative receptor."""
    ex = extract(f"ER+ HER2 {sign} metastatic breast cancer")
    assert ex.facts["her2"] == "negative"


@pytest.mark.parametrize("text", ["58 y F, MBC to bone", "58 y, F, MBC to bone"])
def test_a_spaced_year_letter_with_the_sex_letter_is_her_age(text: str) -> None:
    ex = extract(text)
    assert ex.facts["age"] == 58
    assert ex.facts["sex"] == "female"
