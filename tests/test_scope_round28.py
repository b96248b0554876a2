"""Round 28 scope class (after its first run through the dialogue, where 7 of 8 out-of-scope
texts were declined): a neuroendocrine tumour named without the breast is its own primary
("progression of well differentiated metastatic neuroendocrine tumor"); the breast's own
neuroendocrine cancer ("neuroendocrine breast cancer", "… tumour of the breast") stays in scope.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope


@pytest.mark.parametrize("noun", ["tumor", "tumour", "tumors"])
@pytest.mark.parametrize(
    "frame",
    [
        "A patient with hypercalcemia in the setting of progression of metastatic neuroendocrine {noun}.",
        "Well differentiated neuroendocrine {noun} metastatic to the liver: what next?",
        "My husband has a neuroendocrine {noun} that has spread. What are his options?",
    ],
)
def test_a_neuroendocrine_tumour_alone_is_another_cancer(frame: str, noun: str) -> None:
    decision = judge_scope(frame.format(noun=noun))
    assert decision.out_of_scope and decision.reason == "other-cancer"


@pytest.mark.parametrize(
    "text",
    [
        "I was diagnosed with ER/PR+, HER2- neuroendocrine breast cancer that spread to my bones.",
        "A neuroendocrine tumour of the breast metastatic to the liver: what next?",
        "Metastatic breast cancer with neuroendocrine features, progressing on letrozole.",
    ],
)
def test_the_breast_s_own_neuroendocrine_cancer_stays_in_scope(text: str) -> None:
    assert not judge_scope(text).out_of_scope
