"""Stop 44's classes: the one left from stop 43, and round 60's (first run recorded in
tests/data/real/FORMAT.md before any of its misses was read).

- The brain's follow-up told as a clause of its own sentence ("brain mets treated with SRS
  x2, now with 4 new lesions"): after the comma, a time word, a lesion noun and an activity
  word tell the treated metastases active again (they had been read treated: the direction
  the dangerous-error counter does not count, but as unsafe). The clause is read as a later
  sentence is: it must name no site of its own.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "said",
    [
        "brain mets treated with SRS x2, now with 4 new lesions",
        "brain mets treated with SRS, now with new lesions",
        # twins in other words (read right before too)
        "Brain metastases resected and irradiated, now with multiple new lesions",
        "brain mets s/p WBRT, since then growing lesions",
    ],
)
def test_new_lesions_told_in_a_clause_after_treated_brain_mets_are_active(said: str) -> None:
    ex = extract("58F ER+/HER2- MBC. " + said + ". Next?")
    assert ex.facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "said",
    [
        "brain mets treated with SRS in 2022, now stable",
        "brain mets treated with SRS, liver now with new lesions",
    ],
)
def test_a_clause_that_settles_or_names_another_site_keeps_them_treated(said: str) -> None:
    # metamorphic: a stable clause, or new lesions of another site -> still not active
    ex = extract("58F ER+/HER2- MBC. " + said + ". Next?")
    assert ex.facts.get("brain_metastases") is False
