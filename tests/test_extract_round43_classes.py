"""Round 43's classes (read after its first run), with metamorphic checks.

- "Women like 33-year-old Nikki Black" names the example: her age, no comparison.
- An age in words with a space after a hyphen ("Forty-three-year- old Vaijanti").
- "a 59 years old women" gives her sex with the age.
- The pituitary stalk by its own name ("a lesion in the infundibulum, consistent with
  metastasis").
- Nodes told "nearby" the breast ("It had already spread to nearby lymph nodes, although …
  not … beyond that") are its regional extent: no metastatic site.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_an_example_named_after_like_is_her_age() -> None:
    ex = extract(
        "Women like 33-year-old Nikki Black. By January 2020, she learned the cancer had spread "
        "to her bones."
    )
    assert ex.facts["age"] == 33


def test_a_comparison_is_still_no_age() -> None:
    """Metamorphic: "felt like an 80 year old" names no one: no age."""
    ex = extract("I felt like an 80 year old woman. My breast cancer has spread to my bones.")
    assert "age" not in ex.facts


def test_an_age_in_words_with_a_spaced_hyphen() -> None:
    ex = extract("Forty-three-year- old Vaijanti has metastatic breast cancer.")
    assert ex.facts["age"] == 43


def test_years_old_women_gives_her_sex() -> None:
    ex = extract("We present a rare case of a 59 years old women with metastatic breast cancer.")
    assert ex.facts["sex"] == "female"
    assert ex.facts["age"] == 59


def test_the_infundibulum_is_the_pituitary() -> None:
    ex = extract(
        "A woman treated for breast cancer. MR images revealed a tiny nodular enhancing lesion "
        "in the infundibulum, consistent with metastasis."
    )
    assert ex.facts["metastatic_sites"] == ["pituitary"]


def test_nearby_nodes_are_regional() -> None:
    ex = extract(
        "Vicki was diagnosed with breast cancer. It had already spread to nearby lymph nodes, "
        "although it does not appear to have spread beyond that."
    )
    assert "metastatic_sites" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "Her breast cancer had spread to nearby lymph nodes and to her liver.",
        "MBC with metastases to the liver and surrounding lymph nodes.",
    ],
)
def test_nearby_nodes_beside_a_distant_site_stay_sites(text: str) -> None:
    """Metamorphic: with a distant organ told beside them, the nodes are the stage IV disease's."""
    assert "lymph nodes" in extract(text).facts["metastatic_sites"]
