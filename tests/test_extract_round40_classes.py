"""Round 40's classes (read after its first run), with metamorphic checks.

- A condition that kept her from chemotherapy ("a cardiac problem … which prevented her from
  starting chemotherapy") had been read as chemotherapy started — a chemotherapy candidate. It
  tells the opposite: not a candidate; so does "unable to receive" / "could not tolerate" it.
- Nursing told with the child ("while nursing her baby") is breastfeeding: pre-menopausal.
- An adverb between a relative word and the age ("A young mother, only 26 years old, …") is no
  name: the age is hers, not a relative's in a news apposition.
- The failure told of the regimen by a pronoun or "the treatment" after a conjunction ("She was
  put on Kadcyla but it wasn't working", "… because the treatment was not working").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "told",
    [
        "A cardiac problem prevented her from starting chemotherapy.",
        "Her heart failure kept her from receiving chemotherapy.",
        "She was unable to receive chemotherapy.",
        "She could not tolerate chemo.",
    ],
)
def test_kept_from_chemotherapy_is_no_candidate(told: str) -> None:
    ex = extract("She has metastatic breast cancer. " + told)
    assert ex.facts["chemo_candidate"] is False


def test_chemotherapy_started_is_still_a_candidate() -> None:
    """Metamorphic: chemotherapy told started (not kept from) infers a candidate."""
    ex = extract("She has metastatic breast cancer. She was started on chemotherapy.")
    assert ex.facts["chemo_candidate"] is True
    assert "chemo_candidate" in ex.inferred


def test_nursing_her_baby_is_premenopausal() -> None:
    ex = extract("She was nursing her baby when she was diagnosed with stage IV breast cancer.")
    assert ex.facts["menopausal_status"] == "pre"


@pytest.mark.parametrize("adverb", ["only ", "just ", ""])
def test_an_adverb_before_her_age_is_no_name(adverb: str) -> None:
    ex = extract(f"A young mother, {adverb}26 years old, has stage IV breast cancer.")
    assert ex.facts["age"] == 26


def test_a_named_relatives_age_stays_the_relatives() -> None:
    """Metamorphic: a name between the relative word and the age keeps it the relative's."""
    ex = extract("Her husband, Tom, 52, says she has MBC.")
    assert "age" not in ex.facts


@pytest.mark.parametrize(
    "told",
    [
        "She was put on Kadcyla but it wasn't working.",
        "Kadcyla was stopped because the treatment was not working.",
    ],
)
def test_a_failure_told_of_the_regimen_by_a_pronoun(told: str) -> None:
    ex = extract("She has metastatic breast cancer. " + told)
    assert ex.facts["progressed_on"] == ["trastuzumab emtansine"]


def test_someone_elses_not_working_is_no_failure() -> None:
    ex = extract(
        "She has metastatic breast cancer. She is on letrozole but her husband is not working."
    )
    assert "progressed_on" not in ex.facts
