"""Round 36's scope classes (read after its first run), with metamorphic checks.

- The primary told moving to another early stage ("this aggressive form of cancer had advanced
  to stage 2") is early disease, not metastatic progression.
- A spread list whose first member is no organ word ("had spread throughout her skeletal
  structure, lungs, liver and brain") still tells distant organs: in scope (it had been declined
  as early disease after the mastectomy told before it).
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope


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
