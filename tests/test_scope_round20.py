"""Round 20 scope class (the lead, after round 20's first run through the dialogue, where 4 of
14 out-of-scope texts were declined): the residual tumour after neoadjuvant therapy told by its
size ("she only had 1.5mm residual") is early disease; a distant metastasis told after it keeps
the message in scope (metamorphic)."""

from __future__ import annotations

import itertools

import pytest

from chatbot.dialogue.scope import judge_scope

RESIDUAL = (
    "she only had 1.5mm residual",
    "she had 2 cm residual disease at surgery",
    "pathology showed 5 mm of residual invasive carcinoma",
    "there was 12mm residual tumour in the breast",
)
STORIES = (
    "My wife starts Cape oral chemo next week as {r}. Has anyone used Cape?",
    "After neoadjuvant TCHP {r}. Should she get T-DM1?",
    "58F, ER+ HER2-, neoadjuvant AC-T, {r}. What adjuvant therapy?",
)


@pytest.mark.parametrize(("story", "residual"), list(itertools.product(STORIES, RESIDUAL)))
def test_residual_tumour_told_by_size_is_early_disease(story: str, residual: str) -> None:
    decision = judge_scope(story.format(r=residual))
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize(("story", "residual"), list(itertools.product(STORIES, RESIDUAL)))
def test_metamorphic_a_distant_recurrence_after_it_is_in_scope(story: str, residual: str) -> None:
    text = story.format(r=residual) + " Three years later she has liver metastases."
    assert not judge_scope(text).out_of_scope
