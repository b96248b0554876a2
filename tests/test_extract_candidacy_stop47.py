"""Chemotherapy candidacy classes of stop 47, from the seen rounds' misses (r40-0011,
r47-0003, r48-0024, r53-0029, r59-0034, r65-0011, …): each read fails on the code before
it, and each twin (negated, refused, told of another person or of the early disease) stays
unread.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

CANDIDATES = [
    # a chemotherapy drug named, not the word "chemotherapy" (round 47, r48-0024)
    "I have stage 4 breast cancer in my bones. After a month of tests I finally am starting Taxol treatments.",
    "Metastatic breast cancer to the liver was found in May. She was started on weekly paclitaxel.",
    "Her breast cancer has spread to the lungs. Capecitabine was prescribed last week.",
    # what her disease calls for
    "Her breast cancer has spread to the brain, the spine and the liver. Because it is so advanced she needs aggressive chemotherapy treatment.",
    "The initial diagnosis revealed stage four breast cancer, requiring immediate chemotherapy.",
    # tablets she takes
    "The breast cancer has metastasized to my bones. I'll take chemo pills to stop the cancer.",
    # a payer's refusal is not hers (round 61)
    "A woman with breast cancer that has spread to her lungs sues her insurer for refusing to pay for a high-dose chemotherapy prescribed by her oncologist.",
    # "before" opening what comes next
    "The breast cancer returned in her liver and bones. She had five sessions of radiotherapy before she starts chemotherapy every three weeks.",
    # a relative's own clause
    "Margaret has secondary breast cancer in her ribs. She is now receiving palliative chemotherapy and has spoken of the loss of her mother, who died from cancer.",
    # "no longer curable" tells the metastatic disease
    "The breast cancer has now spread to my bones and liver; I'm no longer curable and I am on chemo.",
]

TWINS = [
    "I have stage 4 breast cancer in my bones. I declined Taxol treatments.",
    "She received adjuvant paclitaxel in 2015 for early breast cancer.",
    "Her breast cancer has spread to the brain and the liver. She does not need chemotherapy now.",
    "The breast cancer has metastasized to my bones. I won't take chemo pills.",
    "She has breast cancer that has spread to her lungs, and she refused chemotherapy.",
    "She had chemotherapy before the cancer returned in her liver.",
    "Margaret has secondary breast cancer in her ribs. She was receiving palliative chemotherapy but died in May.",
    "The breast cancer has now spread to my bones and liver; I am no longer on chemo.",
]


@pytest.mark.parametrize("text", CANDIDATES)
def test_chemotherapy_given_or_planned_for_the_metastatic_disease(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("chemo_candidate") is True
    assert "chemo_candidate" in ex.inferred  # shown as an inference the user can correct


@pytest.mark.parametrize("text", TWINS)
def test_refused_negated_early_or_ended_is_no_candidacy(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("chemo_candidate") is not True
