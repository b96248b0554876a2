"""Round 54's classes (read after its first run), each with metamorphic checks.

- The press's age in brackets after a full name ("Gabrielle McGovern (38), of Celbridge, has
  advanced incurable breast cancer") is her age; a child's one name ("her sons Oscar (5)")
  and a heading's count are not.
- The metastatic diagnosis told with her age then ("diagnosed with metastatic (stage IV)
  breast cancer in 2017 at age 40") is her age, as a relapse's is — not when years lived
  since or a later time are told.
- The cancer taking an organ by a verb with no preposition ("the cancer had invaded her
  vertebrae", "it has reached my liver") places the site.
- Hormones told as what the cancer grows in response to are HR-positive; nerve damage in lay
  words ("affected the nerve endings in her hands and feet") is neuropathy.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_a_bracketed_age_after_a_full_name() -> None:
    ex = extract(
        "Gabrielle McGovern (38), of Celbridge, has advanced incurable breast cancer. She hopes "
        "to spend time with her sons Oscar (5) and Scott (3)."
    )
    assert ex.facts.get("age") == 38


@pytest.mark.parametrize(
    "text",
    [
        "Her sons Oscar (5) and Scott (3) visit. She has stage IV breast cancer in her liver.",
        "Overall Survival (24) months in stage IV breast cancer was reported.",
    ],
)
def test_a_child_or_a_heading_count_is_no_age(text: str) -> None:
    assert "age" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "When Brenda was diagnosed with metastatic (stage IV) breast cancer in 2017 at age 40, "
        "she read every article she could find.",
        "The week I was diagnosed, at age 40, with Stage IV metastatic breast cancer, I did not "
        "sleep.",
    ],
)
def test_the_age_at_the_metastatic_diagnosis(text: str) -> None:
    assert extract(text).facts.get("age") == 40


@pytest.mark.parametrize(
    "text",
    [
        "She was diagnosed with metastatic breast cancer at age 40 and has lived with it for "
        "twelve years.",
        "She was diagnosed with breast cancer at age 40. Eight years later it spread to her liver.",
        "She was diagnosed with early breast cancer at age 40.",
    ],
)
def test_an_age_at_another_time_is_not_hers_now(text: str) -> None:
    assert "age" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "At the time of trial, the cancer had invaded her vertebrae and was Stage IV.",
        "My breast cancer has reached my spine.",
    ],
)
def test_the_cancer_taking_an_organ(text: str) -> None:
    assert "bone" in extract(text).facts.get("metastatic_sites", [])


def test_something_else_reaching_an_organ_places_no_site() -> None:
    # metamorphic: the verb's subject is no cancer
    assert "bone" in extract(
        "The cancer had reached her vertebrae; she has breast cancer."
    ).facts.get("metastatic_sites", [])
    ex = extract("The needle had reached her vertebrae; she has breast cancer.")
    assert "bone" not in ex.facts.get("metastatic_sites", [])


def test_growing_in_response_to_hormones_is_hr_positive() -> None:
    text = (
        "She was diagnosed with Stage IV Metastatic Breast Cancer. It meant her breast cancer "
        "was found to grow in response to the hormones estrogen and progesterone."
    )
    assert extract(text).facts.get("hormone_receptor") == "positive"


@pytest.mark.parametrize(
    "phrase",
    [
        "affected the nerve endings in her hands and feet",
        "left her with numbness and tingling in her hands and feet",
        "caused nerve damage in her feet",
    ],
)
def test_lay_nerve_damage_is_neuropathy(phrase: str) -> None:
    text = f"She has metastatic breast cancer in her liver. The docetaxel {phrase}."
    assert extract(text).facts.get("neuropathy") is True


def test_lay_nerve_damage_denied_is_no_neuropathy() -> None:
    text = "She has metastatic breast cancer in her liver and no nerve damage in her feet."
    assert extract(text).facts.get("neuropathy") is not True
