"""Round 57's classes (first run 0.920 at 19623c0, fixed after), with metamorphic checks.

- An ordinal "treatment" inside a course told by its number of rounds is one of its rounds,
  not a line ("I started 8 rounds of Chemo therapy right away. My 7th treatment …" had read 6
  lines); an ordinal treatment named with its drug is still a line.
- The lay name of the trachea ("windpipe", "wind pipe") is the trachea.
- Treatments told as what lies ahead ("a long journey of treatments and surgeries ahead of
  her") are none given: with the discovery told, 0 lines; "ahead of schedule" is no future.
- A relative told treated for her breast cancer ("my mother was operated on for a recurrence of
  breast cancer") is the carer's patient: her relative word gives the sex.
- Found in seen texts after round 57 (r53-0020, r6-0027): a spread told as what may happen ("it
  may spread to the brain", "cancer could metastasize to the brain") names no site of hers.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_an_ordinal_treatment_inside_a_course_of_rounds_is_no_line() -> None:
    ex = extract(
        "In 2007 I was diagnosed with Stage 2b breast cancer, HER2 positive. I started 8 rounds "
        "of chemo therapy right away. My 7th treatment I was having double vision, and I was "
        "diagnosed with a brain met."
    )
    assert ex.facts.get("prior_lines") != 6


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("I'm on my fifth course of treatment now for metastatic breast cancer.", 4),
        ("Metastatic breast cancer: she is now on her 6th treatment.", 5),
    ],
)
def test_an_ordinal_treatment_without_a_course_of_rounds_is_still_a_line(
    text: str, lines: int
) -> None:
    # metamorphic: the same ordinal, no count of rounds told before it -> the line
    assert extract(text).facts.get("prior_lines") == lines


@pytest.mark.parametrize("word", ["windpipe", "wind pipe"])
def test_the_windpipe_is_the_trachea(word: str) -> None:
    ex = extract(f"I have stage 4 breast cancer that has spread to my vertebra and {word}.")
    assert set(ex.facts.get("metastatic_sites", [])) == {"bone", "trachea"}


def test_a_windpipe_of_a_procedure_is_no_site() -> None:
    ex = extract(
        "The tube went down her windpipe during surgery for metastatic breast cancer of the liver."
    )
    assert ex.facts.get("metastatic_sites") == ["liver"]


def test_treatments_ahead_of_her_are_none_given() -> None:
    ex = extract(
        "Lisa was diagnosed with metastatic breast cancer in 2012 after beating early-stage "
        "breast cancer a few years earlier. The cancer returned and metastasized to her bones. "
        "She learned that day that she'd have a long journey of treatments and surgeries ahead "
        "of her."
    )
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


def test_a_relative_treated_for_her_cancer_is_the_patient() -> None:
    ex = extract(
        "In April of 1996 my mother was operated on for a recurrence of breast cancer that had "
        "metastasized to her bones."
    )
    assert ex.facts.get("sex") == "female"


def test_a_relative_treated_beside_the_writers_own_cancer_is_not_the_patient() -> None:
    ex = extract(
        "My mother was treated for breast cancer in 1990; now I have stage 4 breast cancer in "
        "my liver."
    )
    assert ex.facts.get("sex") is None


@pytest.mark.parametrize(
    "warning",
    [
        "It may spread to the brain.",
        "It could eventually spread to the brain.",
        "I knew that cancer could metastasize to the brain, which was the one thing not scanned.",
        "If it leaves my bones it can spread to my liver, my lungs, or my brain, etc.",
    ],
)
def test_a_spread_told_as_what_may_happen_names_no_site(warning: str) -> None:
    # seen texts r53-0020 and r6-0027, found after round 57: the brain had read active
    ex = extract(f"She has metastatic breast cancer in her bones. {warning}")
    assert ex.facts.get("metastatic_sites") == ["bone"]
    assert "brain_metastases" not in ex.facts


def test_a_spread_told_as_done_is_still_read() -> None:
    # metamorphic: the same sentence without the modal names the site
    ex = extract("She has metastatic breast cancer in her bones. It has spread to the brain.")
    assert set(ex.facts.get("metastatic_sites", [])) == {"bone", "brain"}
    assert ex.facts.get("brain_metastases") is True
