"""Stop 59: classes from the misses of rounds 121 and 122 (each round's first run committed
before any miss was read). Each test has a twin that keeps the other reading, so a fix that
only adds or only deletes facts fails.

- The lay "head", which names no organ, is a region in a list ("spread to her head and eye
  socket"): the organ after it is still read.
- Strength lacking for chemotherapy ("wasn't strong enough to have chemotherapy"), and
  chemotherapy refused or beyond her strength in a clause that refers back to it
  ("Chemotherapy was recommended, but she refused it"), make her no chemotherapy candidate.
- A treatment followed by a cancer-free time and then the spread was early-disease treatment:
  the spread's own "had spread" is no progression on it.
- Chemotherapy going on now ("the chemo is working"), in a text that tells her metastatic
  disease only after it and no early disease, is given for the metastatic disease.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("The cancer spread to her head and eye socket.", "orbit"),
        ("Mets to head and orbit.", "orbit"),
        ("The cancer spread to her head and liver.", "liver"),
    ],
)
def test_the_head_in_a_list_does_not_hide_the_organ_after_it(text: str, site: str) -> None:
    assert site in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text", ["The cancer spread to her head.", "Metastasis to the head of the pancreas."]
)
def test_the_head_alone_names_no_organ(text: str) -> None:
    sites = extract(text).facts.get("metastatic_sites", [])
    assert "brain" not in sites and "bone" not in sites


@pytest.mark.parametrize(
    "text",
    [
        "She wasn't strong enough to have chemotherapy.",
        "She was not well enough to tolerate chemo.",
        "She was too weak to endure chemotherapy.",
        "Chemotherapy was recommended, but she refused it.",
        "Chemotherapy was the only viable option to relieve Kay of some pain, but she wasn't"
        " strong enough to endure it.",
    ],
)
def test_strength_lacking_or_refusal_is_no_candidate(text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is False


@pytest.mark.parametrize(
    "text",
    [
        "She was strong enough to have chemotherapy.",
        "She is not well.",
        "Chemotherapy was offered and she tolerated it well.",
    ],
)
def test_strength_told_or_no_chemotherapy_is_not_refusal(text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is not False


def test_a_cancer_free_time_before_the_spread_makes_the_chemotherapy_early() -> None:
    ex = extract(
        "After chemotherapy she was free of cancer. In 2019 she was told that her breast"
        " cancer had spread to her liver."
    )
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


def test_a_progression_before_the_spread_s_sentence_still_counts() -> None:
    ex = extract(
        "After chemotherapy she was free of cancer, but the disease progressed on it. In"
        " 2019 she was told that her breast cancer had spread to her liver."
    )
    assert ex.facts.get("prior_lines") != 0


def test_chemotherapy_going_on_now_with_the_spread_told_after_it() -> None:
    ex = extract(
        "The chemo is working. The cancer in my lungs has shrunk. There is no cure for"
        " secondary breast cancer."
    )
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        "The chemo is working. My mother, who died, had metastatic breast cancer.",
        "I had a mastectomy. The chemo is working. Years later it spread to my bones.",
        "My husband is on chemo for bowel cancer. I have HER2+ breast cancer with liver mets.",
    ],
)
def test_chemotherapy_going_on_now_for_a_relative_s_or_early_disease(text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is not True
