"""Sites classes of helper sites20 (issue 10, seen text), CheckList-style: templates whose
slots expand into variants with the sites each must give, and metamorphic variants that must
not change them (or must change them only as told).

1. Leptomeningeal disease (and the dura, the CSF that shows it) is the site "meninges" only,
   never the brain as well: the labels of every round write it so (34 texts) and the extra
   "brain" was the largest class of site values read beyond the labels (28 texts). It stays
   CNS disease for the guideline: brain_metastases true unless treated.
"""

from __future__ import annotations

import itertools

import pytest

from chatbot.nlp import extract
from tests.checklist import spread

# -- 1. leptomeningeal disease is the meninges ---------------------------------------------------
MENINGEAL = (
    "leptomeningeal metastases",
    "leptomeningeal carcinomatosis",
    "carcinomatous meningitis",
    "leptomeningeal disease (LMD)",
    "a dural metastasis",
    "neoplastic meningitis",
    "leptomeningeal enhancement on MRI",
    "malignant cells on CSF cytology",
)
MENINGEAL_OPENINGS = (
    "58-year-old woman with ER+ HER2- metastatic breast cancer, now with {m}.",
    "HER2-positive MBC; she has developed {m}.",
    "A 47-year-old with triple-negative breast cancer presented with headache; work-up showed {m}.",
)


@pytest.mark.parametrize(
    ("phrase", "opening"), spread(list(itertools.product(MENINGEAL, MENINGEAL_OPENINGS)), 24)
)
def test_leptomeningeal_disease_is_the_meninges_not_the_brain(
    nlp, phrase: str, opening: str
) -> None:  # type: ignore[no-untyped-def]
    text = opening.format(m=phrase)
    got = extract(text).facts
    assert got.get("metastatic_sites") == ["meninges"], (text, got)
    assert got.get("brain_metastases") is True, (text, got)  # still CNS disease


# metamorphic: brain metastases told beside it add the brain; bone metastases add only bone
@pytest.mark.parametrize("phrase", MENINGEAL[:6])
def test_meninges_with_other_sites(nlp, phrase: str) -> None:  # type: ignore[no-untyped-def]
    base = f"ER+ HER2- metastatic breast cancer with {phrase}."
    with_brain = f"ER+ HER2- metastatic breast cancer with brain metastases and {phrase}."
    with_bone = f"ER+ HER2- metastatic breast cancer with bone metastases. She now has {phrase}."
    assert extract(base).facts["metastatic_sites"] == ["meninges"]
    assert sorted(extract(with_brain).facts["metastatic_sites"]) == ["brain", "meninges"]
    assert sorted(extract(with_bone).facts["metastatic_sites"]) == ["bone", "meninges"]
