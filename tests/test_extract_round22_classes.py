"""Round 22's classes, each a template grid with metamorphic checks.

- HER2 as patients and scanned reports type it ("HERS-2 negative", "Her 2 n eu negative").
- The lay regions of the body listed among bones ("to his middle back, lower back, shoulders,
  arms, hips, and skull") neither are sites nor break the list.
- An organ told fine in a patient's words ("the liver is fine") is no site.
- "Man," said, not meant ("CHEMO IS OVER! Man, that last round sucked") is no sex.
- The patient told as the parent of her children ("a 62-year-old widowed mother of a grown
  son") keeps her age; the child is no relative whose facts are dropped.
- An age told with the disease's return ("returned at age 40") or in the past tense at the
  story's end ("I was only 34.") is hers; told at an earlier event ("when she was 46", "…
  Three years later") it is not; a carer's own age ("My mom has MBC. I am 25") never is.
- A finding told by its own subject after a run-in heading ("This wasn't what I'd planned I
  was diagnosed with primary and secondary breast cancer") is the metastatic event.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

HER2_SPELLINGS = ["HERS-2", "Her 2 n eu", "HER2 n eu", "Her2 neu", "HER-2/neu"]


@pytest.mark.parametrize("her2", HER2_SPELLINGS)
@pytest.mark.parametrize(("sign", "value"), [("negative", "negative"), ("positive", "positive")])
def test_her2_as_typed(nlp, her2: str, sign: str, value: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"I have ER/PR positive {her2} {sign} cancer with bone metastases.")
    assert ex.facts.get("her2") == value
    assert ex.facts.get("hormone_receptor") == "positive"  # the list before it is unchanged


@pytest.mark.parametrize("said", ["hers 2 years ago", "Her 2 children are grown"])
def test_her_and_a_number_is_no_receptor(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    assert "her2" not in extract(f"ER positive metastatic breast cancer; {said}.").facts


REGIONS = ["middle back, lower back", "shoulders, arms", "lower back", "arms, legs", "neck"]


@pytest.mark.parametrize("regions", REGIONS)
@pytest.mark.parametrize("bone", ["skull", "spine", "ribs"])
def test_lay_regions_do_not_break_a_bone_list(nlp, regions: str, bone: str) -> None:  # type: ignore[no-untyped-def]
    text = f"His breast cancer has moved to his {regions}, hips, and {bone}."
    assert extract(text).facts.get("metastatic_sites") == ["bone"]


@pytest.mark.parametrize("regions", REGIONS)
def test_lay_regions_alone_are_no_site(nlp, regions: str) -> None:  # type: ignore[no-untyped-def]
    assert (
        "metastatic_sites" not in extract(f"Her breast cancer has spread to her {regions}.").facts
    )


@pytest.mark.parametrize("organ", ["liver", "lungs", "bones"])
@pytest.mark.parametrize(
    "told", ["is fine", "are fine", "looks clean", "look clean", "was OK", "were okay"]
)
def test_an_organ_told_fine_is_no_site(nlp, organ: str, told: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Metastatic breast cancer in the brain; the {organ} {told}.")
    assert ex.facts.get("metastatic_sites") == ["brain"]


def test_fine_needle_aspiration_still_finds_the_site(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Liver fine needle aspiration showed metastatic breast cancer.")
    assert ex.facts.get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize(
    "said",
    [
        "CHEMO IS OVER! Man, that last round sucked.",
        "Oh man, the scan was bad.",
        "Man... what a week.",
    ],
)
def test_man_exclaimed_is_no_sex(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{said} She has ER+ breast cancer with liver metastases.")
    assert ex.facts.get("sex") != "male"


@pytest.mark.parametrize(
    "text", ["Man, 65, ER+ breast cancer in the bones.", "A man, 65, with ER+ MBC."]
)
def test_man_as_a_case_header_is_male(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("sex") == "male"


@pytest.mark.parametrize(
    "children", ["a grown son", "two young daughters", "three children", "a son"]
)
@pytest.mark.parametrize("age", [45, 62])
def test_mother_of_children_keeps_her_age(nlp, children: str, age: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        f"SW, a {age}-year-old widowed mother of {children}, has ER+ metastatic breast cancer."
    )
    assert ex.facts.get("age") == age
    assert ex.facts.get("sex") == "female"


@pytest.mark.parametrize("relative", ["son", "daughter"])
def test_a_relatives_age_is_still_dropped(nlp, relative: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Her 45-year-old {relative} has cancer. She has ER+ MBC in the bones.")
    assert ex.facts.get("age") is None


@pytest.mark.parametrize("verb", ["returned", "recurred", "came back", "relapsed"])
@pytest.mark.parametrize("age", [40, 57])
def test_age_at_the_return_is_hers(nlp, verb: str, age: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Her breast cancer {verb} at age {age} with bone metastases.")
    assert ex.facts.get("age") == age


@pytest.mark.parametrize("verb", ["returned", "recurred"])
def test_age_at_the_return_then_a_later_time_is_not(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        f"Her breast cancer {verb} at age 40 in the bones. Ten years later she is on fulvestrant."
    )
    assert "age" not in ex.facts


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("I was only 34.", 34),
        ("I was 52.", 52),
        ("She was 87 at that time.", 87),
        ("He was just 61!", 61),
    ],
)
def test_past_tense_age_at_the_end(nlp, said: str, age: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(
        f"My oncologist told me the breast cancer had spread to my bones and liver. {said}"
    )
    assert ex.facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "I first saw this woman 25 years ago when she was 46. She has bone metastases from breast cancer.",
        "She was 60. Three years later she developed liver metastases from breast cancer.",
        "When mom was diagnosed with bone metastases from breast cancer I was 11.",
        "I was 11 and my brother was 2 when my mother's breast cancer spread to her liver.",
    ],
)
def test_past_tense_age_of_an_earlier_time_or_another_person(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "age" not in extract(text).facts


@pytest.mark.parametrize("carer", ["My mom", "My wife", "My mother"])
@pytest.mark.parametrize("said", ["I am 25, and scared.", "I'm 30."])
def test_a_carers_own_age_is_not_the_patients(nlp, carer: str, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{carer} has metastatic breast cancer in her liver. {said}")
    assert "age" not in ex.facts
    assert ex.facts.get("metastatic_sites") == ["liver"]


@pytest.mark.parametrize("subject", ["I was", "she was", "He was"])
def test_a_finding_after_a_run_in_heading_is_the_event(nlp, subject: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A small HER2 positive lump was found in the left breast. It had been spreading to the"
        f" bones. This wasn't what was planned {subject} diagnosed with primary and secondary"
        " breast cancer in one go."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred  # an inference the user can correct


def test_a_hypothetical_still_hides_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("If she were diagnosed with secondary breast cancer in the bones, what then?")
    assert "prior_lines" not in ex.facts


@pytest.mark.parametrize("spelling", HER2_SPELLINGS)
def test_metamorphic_irrelevant_exclamation_changes_nothing(nlp, spelling: str) -> None:  # type: ignore[no-untyped-def]
    base = (
        f"62-year-old woman, ER positive {spelling} negative breast cancer with liver metastases."
    )
    assert extract(f"Man, what a week. {base}").facts == extract(base).facts


FINDINGS = (
    "On January 29 a CAT scan showed tumors in my lungs, liver, and lymph nodes in my chest.",
    "An MRI showed many lesions on her liver.",
    "The bone scan revealed spots in my spine and ribs.",
)
STAGES = (
    "I am no longer a breast cancer survivor; I am Stage IV.",
    "A week later I was told I had incurable breast cancer.",
    "Her oncologist said she is now stage 4.",
)


@pytest.mark.parametrize("finding", FINDINGS)
@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_told_after_the_finding_makes_it_the_event(nlp, finding: str, stage: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{finding} {stage}")
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize("finding", FINDINGS)
def test_metamorphic_a_stage_told_before_the_finding_is_no_discovery(nlp, finding: str) -> None:  # type: ignore[no-untyped-def]
    # the stage is the state the finding came in: the finding may be a progression
    text = f"My wife has stage 4 HER2+ breast cancer and responded well to treatment. {finding}"
    assert "prior_lines" not in extract(text).facts


@pytest.mark.parametrize("finding", FINDINGS[1:])
def test_another_cancers_stage_tells_nothing(nlp, finding: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{finding} The doctor said this makes it officially stage 4 colon cancer.")
    assert "prior_lines" not in ex.facts
