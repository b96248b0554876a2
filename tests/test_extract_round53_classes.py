"""Round 53's classes (read after its first run), each with metamorphic checks.

- Ovarian suppression in lay words ("several drugs to shut down my ovaries", "injections to
  switch off her ovaries") is ovarian ablation; negated, it is not.
- Hormones told as what feeds the cancer ("the hormones that fuel her type of breast
  cancer", "fueled by hormones", "foraging on hormones") state it hormone-receptor positive,
  as "hormone sensitive" does.
- The stage IV cancer placed at an organ ("Stage IV breast cancer in the sacrum") and the
  cancer "returned in" an organ place the site, as "metastatic breast cancer in …" does.
- A treatment word told ahead ("It will be a palliative treatment") is no line given; the
  present of a giving verb ("receives treatment with cytotoxic medications") is the line
  she is on.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "phrase",
    [
        "several drugs to shut down my ovaries",
        "monthly injections to switch off her ovaries",
        "a drug that shuts down the ovaries",
    ],
)
def test_lay_ovarian_suppression(phrase: str) -> None:
    text = f"My breast cancer had spread to my bones, and I was put on {phrase}."
    assert extract(text).facts.get("ovarian_ablation") is True


def test_lay_ovarian_suppression_negated_is_not_ablation() -> None:
    ex = extract("My breast cancer had spread to my bones. They did not shut down my ovaries.")
    assert ex.facts.get("ovarian_ablation") is not True


@pytest.mark.parametrize(
    "phrase",
    [
        "the hormones that fuel her type of breast cancer",
        "the hormones that feed her cancer",
        "a cancer fueled by hormones",
        "bones foraging on hormones",
    ],
)
def test_hormones_feeding_the_cancer_is_hr_positive(phrase: str) -> None:
    text = f"Her breast cancer has spread to her liver: {phrase}."
    assert extract(text).facts.get("hormone_receptor") == "positive"


def test_hormones_not_feeding_it_is_not_positive() -> None:
    # metamorphic: the same words negated never make it positive
    text = "Her breast cancer has spread to her liver; it is not fueled by hormones."
    assert extract(text).facts.get("hormone_receptor") != "positive"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("In 2005 I was diagnosed with Stage IV Breast cancer in the sacrum.", "bone"),
        ("She has stage 4 breast cancer in her liver and spine.", "liver"),
        ("A scan revealed that the cancer had returned in her pelvic bone.", "bone"),
    ],
)
def test_the_stage_iv_cancer_placed_at_an_organ(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


def test_a_stage_iv_diagnosis_in_a_year_places_nothing() -> None:
    ex = extract("She was diagnosed with stage IV breast cancer in 2015.")
    assert not ex.facts.get("metastatic_sites")


def test_a_palliative_treatment_told_ahead_is_no_line() -> None:
    text = (
        "The breast cancer I had three years ago is back and has metastasized to many areas of "
        "my bones. It can't be cured but the spread can be slowed. It will be a palliative "
        "treatment."
    )
    assert extract(text).facts.get("prior_lines") == 0
    # metamorphic: the palliative treatment told given (past) -> a line, maybe: not 0
    given = text.replace("It will be a palliative treatment.", "She had palliative treatment.")
    assert extract(given).facts.get("prior_lines") != 0


def test_a_treatment_received_in_the_present_is_the_line_she_is_on() -> None:
    text = (
        "She was diagnosed with stage IV breast cancer that had metastasized to her liver. She "
        "underwent a mastectomy and receives treatment with cytotoxic medications to suppress "
        "the growth of the cancer cells."
    )
    assert extract(text).facts.get("prior_lines") == 0
    # metamorphic: the same treatment told received (past) -> given and over: asked
    past = text.replace("receives treatment", "received treatment")
    assert extract(past).facts.get("prior_lines") is None
