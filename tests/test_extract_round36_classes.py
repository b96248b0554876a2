"""Round 36's classes (read after its first run), with metamorphic checks.

- Receptor words run together as typed ("estrogenreceptor— positive", "hormonereceptor-positive")
  are the receptor statement.
- The skeleton named as a structure ("spread throughout her skeletal structure, lungs, liver and
  brain") is a bone site, and the list's brain member reads as brain metastases.
- The age at her death ("… to metastatic stage IV Breast Cancer at age 38") is her age, unless
  the sentence names someone's relative ("my mother died … at age 45").

- The primary told moving to another early stage ("this aggressive form of cancer had advanced
  to stage 2") is early disease, not metastatic progression.
- A spread list whose first member is no organ word ("had spread throughout her skeletal
  structure, lungs, liver and brain") still tells distant organs: in scope (it had been declined
  as early disease after the mastectomy told before it).
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


@pytest.mark.parametrize(
    "moved", ["advanced to stage 2", "progressed to stage II", "gone up to stage 3"]
)
def test_the_primary_moving_to_an_early_stage_is_early(moved: str) -> None:
    text = (
        "Diana felt a lump on her breast. Following a mammogram and biopsy she was told it was "
        f"stage 1 breast cancer, but at that appointment she was told it had {moved}."
    )
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "moved", ["advanced to stage 4", "advanced to stage IV", "spread to her liver"]
)
def test_the_primary_moving_to_stage_four_stays_in_scope(moved: str) -> None:
    """Metamorphic: stage IV or a distant organ is metastatic disease."""
    text = (
        "Diana felt a lump on her breast. Following a mammogram and biopsy she was told it was "
        f"stage 1 breast cancer, but later she was told it had {moved}."
    )
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "places",
    [
        "her skeletal structure, lungs, liver and brain",
        "her whole skeleton, lungs and liver",
        "the bony structures, liver",
    ],
)
def test_a_spread_list_opening_with_no_organ_word_is_metastatic(places: str) -> None:
    text = (
        "After a mastectomy and several rounds of intense chemotherapy and radiation, the doctors "
        f"proclaimed her in remission. Then the cancer had returned. This time the disease had "
        f"spread throughout {places}."
    )
    assert not judge_scope(text).out_of_scope


def test_a_mastectomy_and_remission_alone_is_early() -> None:
    """Metamorphic: without the spread the story is early disease."""
    text = (
        "After a mastectomy and several rounds of intense chemotherapy and radiation for her stage 2 "
        "breast cancer, the doctors proclaimed her in remission."
    )
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    ("statement", "value"),
    [
        ("estrogenreceptor— positive", "positive"),
        ("Estrogenreceptor negative, progesteronereceptor negative", "negative"),
        ("hormonereceptor-positive", "positive"),
        ("oestrogenreceptor positive", "positive"),
    ],
)
def test_receptor_words_run_together(nlp, statement: str, value: str) -> None:  # type: ignore[no-untyped-def]
    text = f"She was diagnosed with {statement} breast cancer that has spread to her bones."
    assert extract(text).facts.get("hormone_receptor") == value


@pytest.mark.parametrize("skeleton", ["skeletal structure", "skeletal system", "bony structures"])
def test_the_skeleton_as_a_structure_is_bone(nlp, skeleton: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The cancer had returned. This time the disease had spread throughout her "
        f"{skeleton}, lungs, liver and brain."
    )
    facts = extract(text).facts
    assert {"bone", "lung", "liver", "brain"} <= set(facts.get("metastatic_sites", []))
    assert facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "death",
    [
        "I lost one of my closest friends, a sister really, to metastatic stage IV Breast Cancer at age {n}.",
        "She died of metastatic breast cancer at the age of {n}.",
        "She passed away from metastatic breast cancer at age {n}.",
    ],
)
@pytest.mark.parametrize("n", [38, 57])
def test_the_age_at_her_death(nlp, death: str, n: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(death.format(n=n)).facts.get("age") == n


@pytest.mark.parametrize(
    "text",
    [
        "I have metastatic breast cancer. My mother died of breast cancer at age 45.",
        "She has MBC in her liver. Her aunt passed away at the age of 62.",
    ],
)
def test_a_relatives_age_at_death_is_not_hers(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a relative's death is a family history, not her age."""
    assert extract(text).facts.get("age") is None
