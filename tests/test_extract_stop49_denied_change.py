"""Stop 49: a denied change of a finding (read from the older, already-read r54-0003, "He
didn't think my skin mets were noticeably changing", and from clinicians' phrasing of stable
brain metastases; not first-run evidence).

- Brain metastases whose growth is denied are stable, not active: "Her brain mets are not
  growing" had read **active** brain metastases (the activity word "growing" without its
  negation — a treated/stable brain metastasis read as active, a dangerous error), and
  "There is no evidence that her brain mets are growing" active too.
- A negation before a site whose change is told after it denies the change, not the site:
  "no evidence that her liver mets are progressing" keeps the liver.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Her brain mets are not growing.",
        "Her brain metastases have not grown since SRS.",
        "MRI shows no growth of her brain metastases.",
        "The brain mets are no longer progressing.",
        "Her brain mets aren't getting any bigger.",
        "There is no evidence that her brain mets are growing.",
        "I do not think my brain mets are getting worse.",
        "Brain metastases without progression.",
        "She has brain metastases that are not progressing.",
        "Known brain metastases, unchanged.",
        "Her brain mets are not active.",
        "Her brain mets are no longer active.",
        "Her brain metastases are no longer active after SRS.",
    ],
)
def test_brain_metastases_whose_growth_is_denied_are_stable(text: str) -> None:
    facts = extract(text).facts
    assert facts.get("brain_metastases") is False
    assert "brain" in facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text",
    [
        "Her brain mets are growing.",
        "New brain mets, not treated yet.",
        "Brain mets, now progressing.",
        "Bone mets without progression, new brain mets.",
        "Brain mets, now active again after SRS.",
    ],
)
def test_growing_or_new_brain_metastases_stay_active(text: str) -> None:
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("He did not think my skin mets were noticeably changing.", "skin"),
        ("There is no evidence that her liver mets are progressing.", "liver"),
        ("The scan did not show that her bone mets had grown.", "bone"),
    ],
)
def test_a_denied_change_keeps_the_site(text: str, site: str) -> None:
    assert extract(text).facts.get("metastatic_sites") == [site]


@pytest.mark.parametrize(
    "text",
    [
        "No liver metastases were found.",
        "No evidence of brain metastases.",
        "No active brain metastases.",
        "No active brain disease after WBRT.",
        "He did not think the lump was cancer.",
    ],
)
def test_a_denied_finding_stays_denied(text: str) -> None:
    assert "metastatic_sites" not in extract(text).facts
