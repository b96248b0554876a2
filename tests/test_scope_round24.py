"""Round 24 scope classes (after its first run through the dialogue, where 5 of 8 out-of-scope
texts were declined):

- A return told with a local recurrence only ("my breast cancer had come back … I 'only' have a
  local recurrence – in my chest wall") is early disease; with another organ told it stays in
  scope (metamorphic).
- An early stage given with the diagnosis ("was diagnosed with clinical stage II (T2 N1) breast
  cancer in the third trimester") is the primary's own diagnosis, not a history before a new
  event; a later metastatic event keeps the message in scope.
- A CDK4/6 inhibitor as a class is no drug of metastatic disease only (abemaciclib is given for
  early disease): "2 years of a CDK4/6 inhibitor … for early hormone + breast cancer patients"
  is early disease.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope

RETURNS = (
    "I found out my breast cancer had come back.",
    "The day I learned my cancer had come back.",
    "Her breast cancer came back last spring.",
)
LOCALS = (
    "It is only a local recurrence in my chest wall.",
    "She has a local recurrence – in the chest wall.",
    "It is a local recurrence in the scar, potentially still curable.",
)


@pytest.mark.parametrize("came_back", RETURNS)
@pytest.mark.parametrize("local", LOCALS)
def test_a_return_told_as_a_local_recurrence_is_early(came_back: str, local: str) -> None:
    decision = judge_scope(f"{came_back} {local} What should we expect?")
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize("came_back", RETURNS)
@pytest.mark.parametrize("organ", ["in my liver", "in her bones", "in the lungs"])
def test_metamorphic_another_organ_keeps_it_in_scope(came_back: str, organ: str) -> None:
    text = f"{came_back} It is a local recurrence in the chest wall and it has come back {organ}."
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "stage", ["stage II", "clinical stage IIB", "stage 1", "pathological stage IIIA"]
)
def test_an_early_stage_at_diagnosis_is_the_primary(stage: str) -> None:
    text = (
        f"A 35-year-old woman was diagnosed with {stage} breast cancer in the third trimester "
        "of pregnancy after examination revealed a palpable mass. Biopsy showed ER 90%, HER2 3+."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"


@pytest.mark.parametrize(
    "later", ["In 2023 liver metastases were found.", "Now she has bone metastases."]
)
def test_metamorphic_a_later_metastasis_keeps_it_in_scope(later: str) -> None:
    text = f"She was diagnosed with stage II breast cancer in 2019 and had surgery. {later}"
    assert not judge_scope(text).out_of_scope


def test_an_adjuvant_cdk46_inhibitor_is_early_disease() -> None:
    text = (
        "Tomorrow I will start 2 years of a CDK4/6 inhibitor. Trials have shown disease-free "
        "survival for early hormone + breast cancer patients taking it with antiestrogen therapy."
    )
    decision = judge_scope(text)
    assert decision.out_of_scope and decision.reason == "early-breast-cancer"
