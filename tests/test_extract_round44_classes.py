"""Round 44's classes (read after its first run), with metamorphic checks.

- The pelvis told with the hip ("metastatic breast cancer in her pelvis and her hip") is the
  bony pelvis: bone, not the pelvic cavity.
- An editor's lead-in naming the writer and her own account ("Clinical nurse specialist Marie
  from Limerick shares her experience") gives the writer's sex, as "she shares" does.
"""

from __future__ import annotations

from chatbot.nlp import extract


def test_the_pelvis_with_the_hip_is_bone() -> None:
    ex = extract("She was diagnosed with metastatic breast cancer in her pelvis and her hip.")
    assert ex.facts["metastatic_sites"] == ["bone"]


def test_the_pelvis_with_ascites_is_the_cavity() -> None:
    """Metamorphic: without a bone told beside it, the pelvis stays the pelvic site."""
    ex = extract("Metastatic breast cancer in the pelvis with ascites.")
    assert "bone" not in ex.facts["metastatic_sites"]


def test_a_named_writers_lead_in_gives_her_sex() -> None:
    ex = extract(
        "Clinical nurse specialist Marie from Limerick shares her experience. I was diagnosed "
        "with breast cancer in 2020. I then found out in 2021 that I had metastatic breast cancer."
    )
    assert ex.facts["sex"] == "female"
    assert "sex" in ex.inferred


def test_a_lead_in_without_a_possessive_says_nothing() -> None:
    """Metamorphic: a name and a verb alone ("Marie shares tips") tell no sex."""
    ex = extract(
        "Marie shares tips for others. I was diagnosed with metastatic breast cancer in 2021."
    )
    assert "sex" not in ex.facts
