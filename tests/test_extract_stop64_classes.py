"""Stop 64: classes found beside round 127, fixed before its first run.

- What was heard, learned or told is the disease in general when its clause names no one's
  cancer and goes on in the present of all cases ("I heard that metastatic breast cancer can
  be treated for years", "I was told that recurrence is common"): no metastatic event, so no
  "0 lines" inference. Her own news stays an event ("I learned I have metastatic breast
  cancer in my liver", "told that my cancer is metastatic").
- Hearing the news is telling it, like learning it: "It was a complete shock to hear
  metastatic breast cancer in my liver" is the discovery, 0 lines as an inference.

Round 127's classes (found by its first run):
- A receptor glued by a hyphen to another stain and a verdict ("ER-CK7 positive, PR-CK20-CDX2
  negative") has no sign of its own: the hyphen may join the stains or be the receptor's sign
  ("Metastatic TNBC … ER-SOX10 positive"), so the receptor is asked, not read negative;
  "ER-PR-HER2+" stays ER and PR negative. (First written as the verdict shared; the review of
  stop 64 showed triple-negative cancers read HR-positive that way.)
- "She was 46 years, a mother of 2 children": the copula tells her age, not a duration.
- "The treatment" told back of a local treatment ("received radiotherapy … She tolerated the
  treatment very well") is no systemic treatment: 0 lines, as an inference.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "I heard that metastatic breast cancer can be treated for years. What are the options for ER+ with bone mets?",
        "I learned that metastatic breast cancer can be treated for years. ER+ HER2- with bone mets, what next?",
        "I was told that recurrence is common. ER+ HER2- MBC in the liver, what now?",
        "The doctor told me metastatic breast cancer is treatable. Mine is HER2+ in the lungs.",
    ],
)
def test_the_disease_in_general_heard_or_told_is_no_event(text: str) -> None:
    assert "prior_lines" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "It was a complete shock to hear metastatic breast cancer in my liver.",
        "She heard the cancer had spread to her bones.",
        "I learned I have metastatic breast cancer in my liver.",
        "I was told that my cancer is metastatic.",
        "We were told it had spread to the bones.",
    ],
)
def test_her_own_news_heard_or_told_is_the_event(text: str) -> None:
    found = extract(text)
    assert found.facts.get("prior_lines") == 0
    assert "prior_lines" in found.inferred


def test_a_receptor_glued_to_another_stain_is_asked() -> None:
    text = (
        "The immunohistochemical evaluation was ER-CK7 positive, and PR-CK20-CDX2 negative,"
        " confirming the gastric metastasis from breast carcinoma."
    )
    assert "hormone_receptor" not in extract(text).facts


def test_receptors_glued_by_their_signs_stay_signed() -> None:
    found = extract("ER-PR-HER2+ MBC").facts
    assert found.get("hormone_receptor") == "negative"
    assert found.get("her2") == "positive"


def test_her_age_told_with_the_copula() -> None:
    text = (
        "I have seen many women beating breast cancer, and I wish to share a true story about"
        " a patient. She was 46 years, a mother of 2 children."
    )
    assert extract(text).facts.get("age") == 46


def test_years_told_of_a_remission_are_no_age() -> None:
    assert (
        "age"
        not in extract("After surgery and chemo she was 5 years in remission. Now bone mets.").facts
    )


LOCAL = (
    "A 55-year-old woman was diagnosed with breast adenocarcinoma in August 2006. MRI of the"
    " spine confirmed metastatic involvement in the tenth thoracic vertebra. The patient received"
    " radiotherapy with 20 Gy in 5 fractions in October 2006. She tolerated the treatment very"
    " well with complete pain relief."
)


def test_the_treatment_told_back_of_radiotherapy_is_no_line() -> None:
    found = extract(LOCAL)
    assert found.facts.get("prior_lines") == 0
    assert "prior_lines" in found.inferred


def test_the_treatment_told_back_of_a_drug_stays_a_treatment() -> None:
    text = LOCAL.replace("She tolerated", "Capecitabine was then given for 6 months. She tolerated")
    assert extract(text).facts.get("prior_lines") != 0
