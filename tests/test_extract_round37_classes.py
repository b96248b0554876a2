"""Round 37's classes (read after its first run), with metamorphic checks.

- A denial read whole with the brain ("it's not in the brain", "it has not spread to the brain")
  covers the organs listed right after it ("… or the liver", ", liver or lungs"): none is a site,
  unless a member opens a clause of its own ("… and the liver is involved").
- A bone told broken by the cancer in its own sentence ("a fractured pelvis – the result of
  triple-negative metastatic breast cancer") is a bone site; a fracture from a fall, osteoporosis
  or the treatment is not.
- A discourse marker that sets the doubt before it aside ("they could be cysts….regardless it's
  not in the brain") ends that doubt's scope; an ellipsis typed as "…" run together with full
  stops is no web address (spaCy's URL matcher had kept "cysts….regardless" one token).
- A pause before the writer's age ("there I was… 42 and part of a small group").
- A carer's relative with her age before the kin word ("My 32-year-old daughter was just
  diagnosed with metastatic breast cancer"): the age and the sex are the patient's.
- Ovaries removed told as a noun or with the lay verb ("ovary removal surgery", "ovaries taken
  out") is ovarian ablation.
- Scope: a recurrence in the breast told not to have spread beyond it ("her cancer hasn't spread
  outside of breast") is early disease (it had been read as a recurrence being worked up).
- The discovery told in the sentence before, its object the sentence after ("Soon, the truth
  was revealed. Helen had stage IV breast cancer."): the metastatic disease found, nothing given.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract
from chatbot.nlp.normalise import normalise

STAGE_IV = "She has stage IV breast cancer in her bones. "


@pytest.mark.parametrize(
    "denial",
    [
        "It's not in the brain or the liver or other danger zones.",
        "It’s not in the brain or the liver.",
        "The cancer is not in her brain, liver or lungs.",
        "It has not spread to the brain or the liver.",
        "The cancer is not in my brain or my liver, thank God.",
    ],
)
def test_a_denial_with_the_brain_covers_the_organs_listed_after_it(denial: str) -> None:
    ex = extract(STAGE_IV + denial)
    assert ex.facts["metastatic_sites"] == ["bone"]
    assert ex.facts["brain_metastases"] is False


@pytest.mark.parametrize(
    "told",
    [
        "There is no cancer in her brain and the liver is involved.",
        "It's not in the brain, but the liver has two new lesions.",
        "Brain MRI negative, liver lesions growing.",
    ],
)
def test_an_organ_told_in_a_clause_of_its_own_stays_a_site(told: str) -> None:
    """Metamorphic: the same organ after a clause of its own, or after a scan's result."""
    ex = extract(STAGE_IV + told)
    assert "liver" in ex.facts["metastatic_sites"]
    assert ex.facts["brain_metastases"] is False


@pytest.mark.parametrize(
    "fracture",
    [
        "Back pain was attributed to a fractured pelvis – the result of metastatic breast cancer.",
        "She has a rib fracture caused by the metastases.",
        "He sustained vertebral fractures due to metastatic disease from breast cancer.",
        "She broke her femur because of the cancer.",
    ],
)
def test_a_bone_broken_by_the_cancer_is_a_bone_site(fracture: str) -> None:
    ex = extract("My mom has metastatic breast cancer. " + fracture)
    assert ex.facts["metastatic_sites"] == ["bone"]


@pytest.mark.parametrize(
    "fracture",
    [
        "She broke her femur due to osteoporosis; her metastatic breast cancer is in the liver.",
        "Her pelvis fracture was caused by the cancer treatment; her metastatic breast cancer "
        "is in the liver.",
        "She had a fractured rib from a fall in 2010. She now has metastatic breast cancer in "
        "the liver.",
    ],
)
def test_a_fracture_with_another_cause_is_no_site(fracture: str) -> None:
    """Metamorphic: the same fracture told from a fall, osteoporosis or the treatment."""
    assert extract(fracture).facts["metastatic_sites"] == ["liver"]


@pytest.mark.parametrize("marker", ["regardless", "nevertheless", "either way", "in any case"])
def test_a_marker_setting_the_doubt_aside_ends_its_scope(marker: str) -> None:
    text = (
        "My mom has stage IV breast cancer. The scan showed ovarian tumors that could be "
        f"cysts….{marker} it's not in the brain."
    )
    assert extract(text).facts["brain_metastases"] is False


def test_the_doubt_still_reaches_without_the_marker() -> None:
    """Metamorphic: without the marker the doubt covers the brain (nothing is set)."""
    text = (
        "My mom has stage IV breast cancer. The scan showed ovarian tumors that could be "
        "cysts….it's not in the brain."
    )
    assert "brain_metastases" not in extract(text).facts


@pytest.mark.parametrize("typed", ["cysts….regardless", "cysts.…regardless", "iv…..my"])
def test_a_mixed_ellipsis_becomes_full_stops_of_the_same_length(typed: str) -> None:
    out = normalise(typed).text
    assert len(out) == len(typed)
    assert "…" not in out
    assert out.replace(".", "") == typed.replace(".", "").replace("…", "")


def test_a_lone_ellipsis_is_left_as_typed() -> None:
    """A lone "…" is no web address for spaCy; left as it is (a negation before it keeps
    its reach: "No… brain mets")."""
    assert normalise("No… brain mets").text == "No… brain mets"
    assert (
        extract("Stage IV breast cancer. No… brain mets.").facts.get("brain_metastases") is not True
    )


@pytest.mark.parametrize(
    "said",
    ["And yet there I was… 42 and", "There I was... 42,", "I was, 42, and", "I was: 42 and"],
)
def test_a_pause_before_the_writers_age(said: str) -> None:
    text = f"{said} diagnosed with de novo metastatic breast cancer in my liver."
    assert extract(text).facts["age"] == 42


@pytest.mark.parametrize(
    ("relative", "sex"),
    [
        ("My 32-year-old daughter", "female"),
        ("My 62 yo mother", "female"),
        ("My 58 year old husband", "male"),
        ("It's about my 45-year-old wife, who", "female"),
    ],
)
def test_a_relatives_age_before_the_kin_word_is_the_patients(relative: str, sex: str) -> None:
    age = int(next(w for w in relative.replace("-", " ").split() if w.isdigit()))
    ex = extract(f"{relative} was diagnosed with metastatic breast cancer in the liver.")
    assert ex.facts["age"] == age
    assert ex.facts["sex"] == sex


def test_the_writers_own_age_beside_a_relative_is_not_the_relatives() -> None:
    """Metamorphic: a writer telling her own cancer keeps her own age and sex reading."""
    ex = extract(
        "I am 45 and I was diagnosed with metastatic breast cancer. My 70-year-old "
        "mother drives me to treatment."
    )
    assert ex.facts.get("age") == 45


@pytest.mark.parametrize(
    "removed",
    [
        "a double mastectomy and ovary removal surgery",
        "ovarian removal surgery",
        "having her ovaries taken out",
    ],
)
def test_ovaries_removed_in_lay_words_is_ovarian_ablation(removed: str) -> None:
    text = f"Despite treatment including {removed}, the cancer spread to her bones."
    assert extract(text).facts["ovarian_ablation"] is True


@pytest.mark.parametrize("kept", ["Her ovaries were not taken out", "No ovary removal was done"])
def test_ovaries_not_removed_is_never_ablation(kept: str) -> None:
    """Negating the removal never makes it true."""
    assert extract(f"{kept}; metastatic breast cancer in bone.").facts.get("ovarian_ablation") in (
        None,
        False,
    )


@pytest.mark.parametrize(
    "announced",
    [
        "Soon, the truth was revealed. Helen had stage IV breast cancer.",
        "The diagnosis was confirmed. It had spread to her liver.",
        "The results were finally revealed. She had stage 4 breast cancer.",
    ],
)
def test_a_discovery_told_the_sentence_before_finds_the_disease(announced: str) -> None:
    ex = extract(announced + " Doctors gave her less than a year to live.")
    assert ex.facts["prior_lines"] == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "before",
    ["A biopsy was done.", "The PET scan was done in March.", "Helen had been told a lot."],
)
def test_a_sentence_before_that_finds_nothing_tells_no_discovery(before: str) -> None:
    """Metamorphic: no discovery verb closing the sentence before: a state, not its finding."""
    ex = extract(f"{before} Helen had stage IV breast cancer.")
    assert "prior_lines" not in ex.facts


@pytest.mark.parametrize(
    "told",
    [
        "The good news from the PET scan is that her cancer hasn't spread outside of breast.",
        "The PET scan shows the recurrence has not spread beyond the breast.",
        "The new tumour is still confined to the breast.",
    ],
)
def test_a_breast_recurrence_told_not_spread_beyond_it_is_early(told: str) -> None:
    text = (
        "Mom has two areas of cancer in the same breast that had a lumpectomy for cancer three "
        f"years ago. {told}"
    )
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "told",
    [
        "The PET scan shows it has spread beyond the breast to her liver.",
        "The cancer is no longer confined to the breast; it is in her bones.",
    ],
)
def test_a_recurrence_told_beyond_the_breast_stays_in_scope(told: str) -> None:
    """Metamorphic: the same story told spreading is metastatic disease."""
    text = (
        "Mom has two areas of cancer in the same breast that had a lumpectomy for cancer three "
        f"years ago. {told}"
    )
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("My mom has stage IV breast cancer, ER+ HER2-, 70, postmenopausal.", 70),
        (
            "She is a breast cancer survivor, but now it has spread to her liver and bones. ER+, "
            "HER2-, 58, postmenopausal. What next?",
            58,
        ),
        (
            "She has had metastatic disease in the liver for two years, triple negative, 44, "
            "female.",
            44,
        ),
    ],
)
def test_a_lone_number_among_her_attributes_is_her_age(text: str, age: int) -> None:
    """Found in the TUI (stop 34): a header list of her facts placed after a first clause."""
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "She has been on letrozole for a long time and the liver lesions grew, after 12, 14 and "
        "16 months.",
        "She has stage IV breast cancer with bone lesions in the spine and pelvis, 70, 80 and 90 "
        "mm across.",
    ],
)
def test_a_lone_number_beside_no_attribute_is_no_age(text: str) -> None:
    """Metamorphic: the same lone number far into the message beside no attribute stays
    unread (a duration, a size)."""
    assert "age" not in extract(text).facts
