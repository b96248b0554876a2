"""Round 43's scope misses (read after its first run): two in-scope texts had been declined.

- A court report telling the early treatment and then "she was advised that the cancer had
  spread to her lymph nodes and to her lungs" was judged early breast cancer (the spread's
  first list reached four words before its preposition, and the early-only test read no
  spread at all).
- "she learnt … that she had terminal breast cancer" after a missed screening finding was
  judged a screening question.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope


@pytest.mark.parametrize(
    "text",
    [
        "A mammogram was carried out and a diagnosis of cancer was made, and she had immediate "
        "chemotherapy and later a mastectomy. In 2016, she was advised that the cancer had spread "
        "to her lymph nodes and to her lungs.",
        "She had a lumpectomy and radiotherapy for breast cancer. Two years later the cancer had "
        "spread to her liver.",
    ],
)
def test_a_spread_after_early_treatment_is_in_scope(text: str) -> None:
    assert judge_scope(text).out_of_scope is False


def test_terminal_breast_cancer_after_a_missed_scan_is_in_scope() -> None:
    text = (
        "A radiology scan showed a lesion in her left breast, where further evaluation with "
        "mammography and breast ultrasound was recommended. This was not followed up and she "
        "learnt in September that she had terminal breast cancer."
    )
    assert judge_scope(text).out_of_scope is False


@pytest.mark.parametrize(
    "text",
    [
        "She had a lumpectomy and radiotherapy for stage II breast cancer and is now well.",
        "The cancer had spread to her lymph nodes, so she had chemotherapy before surgery.",
        "Should I have a mammogram and breast ultrasound every year?",
    ],
)
def test_early_disease_and_screening_stay_declined(text: str) -> None:
    """Metamorphic: no spread beyond the nodes, no terminal disease: still out of scope."""
    assert judge_scope(text).out_of_scope is True
