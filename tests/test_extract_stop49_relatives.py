"""Stop 49: a relative's spread told after the patient's own case is a family history.

"A 45-year-old man … has liver metastases. His mother had breast cancer in her bones too."
had read bone as his site: the third-person relative with breast cancer "in her bones" was
taken as the person the message is about (a son's story, "His mom had breast cancer cells in
her brain", is about her), so her finding lost its family scope. Now a relative opening the
sentence with her own cancer, after a cancer told of someone else, keeps her findings hers.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

RELATIVE_AFTER_THE_CASE = [
    (
        "A 45-year-old man with ER+ HER2- breast cancer has liver metastases. His mother had "
        "breast cancer in her bones too.",
        ["liver"],
    ),
    (
        "A 52-year-old woman with HR+ MBC to the liver. Her mother had breast cancer that "
        "spread to her bones.",
        ["liver"],
    ),
    (
        "Jane, 48, has metastatic breast cancer in her liver. Her sister had breast cancer in "
        "her brain.",
        ["liver"],
    ),
    (
        "A 60-year-old woman with liver metastases from breast cancer. Her sister died of "
        "breast cancer that spread to her lungs.",
        ["liver"],
    ),
]


@pytest.mark.parametrize(("text", "sites"), RELATIVE_AFTER_THE_CASE)
def test_a_relatives_spread_after_the_patients_case_is_not_her_site(
    text: str, sites: list[str]
) -> None:
    assert extract(text).facts.get("metastatic_sites") == sites


def test_the_relative_a_story_opens_with_is_still_the_patient() -> None:
    facts = extract("His mom had breast cancer cells in her brain. She started chemo.").facts
    assert facts.get("metastatic_sites") == ["brain"]
    assert facts.get("sex") == "female"


@pytest.mark.parametrize(
    "text",
    [
        # not a relative: her own spread, told by someone else
        "A 60-year-old woman with breast cancer. Her doctor had found cancer in her lungs.",
        # the relative is no subject of her own cancer: the finding is the patient's
        "A 60-year-old woman with breast cancer. Her mother noticed that her cancer had spread "
        "to her lungs.",
    ],
)
def test_the_patients_own_spread_told_beside_another_person_stays_hers(text: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == ["lung"]
