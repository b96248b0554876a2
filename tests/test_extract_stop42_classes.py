"""Stop 42's classes, found in seen test texts before round 55 was read, with metamorphic
checks.

- The receptor told by its drug's brand right before a sign word ("Herceptin-positive
  breast cancer", "diagnosed as Herceptin (HER2) negative") is a HER2 status, not the drug
  given: no trastuzumab among the prior therapies, nothing progressed on. "Herceptin +
  Perjeta" is still the combination given.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "She was diagnosed with Herceptin-positive breast cancer that has spread to her liver.",
            "positive",
        ),
        ("My cancer is Herceptin positive and has spread to my lungs.", "positive"),
        (
            "Her cancer was diagnosed as Herceptin (HER2) negative; it has now spread to the bone.",
            "negative",
        ),
    ],
)
def test_the_receptor_told_by_its_drug_is_a_status_not_a_treatment(text: str, status: str) -> None:
    ex = extract(text)
    assert ex.facts.get("her2") == status
    assert "trastuzumab" not in (ex.facts.get("prior_therapies") or [])
    assert "trastuzumab" not in (ex.facts.get("progressed_on") or [])


@pytest.mark.parametrize(
    "text",
    [
        "She got Herceptin + Perjeta for metastatic breast cancer.",
        "She is HER2 positive and was given Herceptin for her metastatic breast cancer.",
        "Herceptin-based therapy was started for her metastatic breast cancer.",
    ],
)
def test_the_drug_given_is_still_a_treatment(text: str) -> None:
    assert "trastuzumab" in (extract(text).facts.get("prior_therapies") or [])
