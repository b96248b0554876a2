"""Stop 46's classes: round 63's (first run recorded in tests/data/real/FORMAT.md before any of
its misses was read), and the ones left from rounds 60-62 (seen).

Each class is written in words other than the corpus text's, with a metamorphic twin that
must not change: the fix reads the class, not the sentence.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

# -- chemotherapy told as the treatment she is on, the spread told by its site only ---------


@pytest.mark.parametrize(
    "text",
    [
        # r62-0002's class: the metastatic disease told by a site, no "metastatic" word
        "In 2004 back pain led to the diagnosis of breast cancer in my spine. Since then I "
        "have been on treatment, currently trastuzumab and chemotherapy.",
        "The cancer had spread to her liver. She is on chemotherapy.",
        "My cancer moved to my lungs in 2021, and I've been on chemo drugs ever since.",
        # twin read before too: the same, told with a metastatic word
        "Her metastatic breast cancer is in her liver. She is currently receiving chemotherapy.",
    ],
)
def test_chemotherapy_she_is_on_after_the_spread_makes_a_candidate(text: str) -> None:
    ex = extract(text)
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred  # shown as an inference she can correct


@pytest.mark.parametrize(
    "text",
    [
        # regional nodes are read in early disease too: no metastatic disease told by them
        "She was diagnosed at 45 with a 6 cm tumour and 4 of 20 lymph nodes positive. She was "
        "given a course of chemotherapy and radiation.",
        # told back in the pluperfect: maybe the early disease's
        "CT showed a mass in the liver, a breast primary on biopsy. She had received "
        "chemotherapy and tamoxifen.",
        # chemotherapy put aside for another treatment
        "The cancer had spread to her bones. They treated her with radiation rather than "
        "chemotherapy.",
    ],
)
def test_chemotherapy_not_given_for_the_spread_makes_no_candidate(text: str) -> None:
    assert extract(text).facts.get("chemo_candidate") is None
