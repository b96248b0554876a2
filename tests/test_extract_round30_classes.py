"""Round 30's classes (read after its first run), each a template grid with metamorphic checks.

- A relative named later in a carer's message with her cancer ("it's been a very tough 2 weeks
  for my family, my wife had breast cancer just over 3yrs ago, it has returned as a secondary in
  her lung") is the patient: her sex is the kin word's, stated (the step-son's pronouns later in
  the message no longer hide it).
- The age at the diagnosis told without its verb ("She was so young — only 32 when diagnosed"),
  dropped when the story goes on to a later time, as "I was only 34." is.
- Scope: the primary told as another organ ("The original source of the cancer seems to have
  been his colon") is another cancer.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("kin", "sex"),
    [("wife", "female"), ("mum", "female"), ("sister", "female"), ("husband", "male")],
)
@pytest.mark.parametrize(
    "opening",
    ["it's been a very tough 2 weeks for my family, ", "Hi all, long time reader. Sadly "],
)
def test_a_relative_named_later_with_her_cancer_is_the_patient(  # type: ignore[no-untyped-def]
    nlp, kin: str, sex: str, opening: str
) -> None:
    text = (
        f"{opening}my {kin} had breast cancer just over 3yrs ago, it has returned as a secondary "
        "in the lung. Hardest of all is my 8yr old step son, he lost his gran last year."
    )
    result = extract(text)
    assert result.facts.get("sex") == sex
    assert "sex" not in result.inferred


@pytest.mark.parametrize(
    "text",
    [
        "I was diagnosed with MBC in 2020. My brother had breast cancer too.",
        "I have metastatic breast cancer; my husband has stage 4 breast cancer too.",
    ],
)
def test_the_writer_s_own_cancer_keeps_the_writer_the_patient(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: with the writer's own cancer told, the relative's kin word says nothing."""
    assert extract(text).facts.get("sex") != "male"


@pytest.mark.parametrize("hedge", ["only", "just", "barely"])
def test_only_n_when_diagnosed_is_her_age(nlp, hedge: str) -> None:  # type: ignore[no-untyped-def]
    text = f"She was so young — {hedge} 32 when diagnosed with metastatic breast cancer."
    assert extract(text).facts.get("age") == 32


def test_only_n_when_diagnosed_then_years_later_is_no_age(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Only 32 when diagnosed with breast cancer; 20 years later she relapsed in the liver."
    assert "age" not in extract(text).facts


@pytest.mark.parametrize("organ", ["colon", "pancreas", "stomach", "prostate", "left ovary"])
@pytest.mark.parametrize(
    "frame",
    [
        "He has cancer of the liver. The original source of the cancer seems to have been his {organ}.",
        "Liver metastases; the primary site of the tumour was the {organ}. Is chemotherapy a good route?",
    ],
)
def test_the_primary_told_as_another_organ_is_another_cancer(frame: str, organ: str) -> None:
    decision = judge_scope(frame.format(organ=organ))
    assert decision.out_of_scope and decision.reason == "other-cancer"


@pytest.mark.parametrize(
    "text",
    [
        "The original source of the cancer was her left breast; liver mets now. What next?",
        "The primary site of the tumour is the breast, ER+, bone mets.",
    ],
)
def test_the_breast_told_as_the_primary_stays_in_scope(text: str) -> None:
    assert not judge_scope(text).out_of_scope
