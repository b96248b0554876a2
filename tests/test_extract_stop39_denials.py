"""Denials found by probing before round 49 was read (stop 39), with metamorphic checks.

- A search that failed to find it ("Genetic testing failed to reveal a BRCA1 or BRCA2
  mutation", "we were unable to detect an ESR1 mutation", "MRI failed to show brain
  metastases") denies the finding: it had been read as the finding — a BRCA mutation, a
  PIK3CA or ESR1 mutation, active brain metastases.
- "There was nothing to suggest visceral crisis" denies it (it had been read as a crisis).
- A receptor list joined by "or"/"nor" after a denial ("neither ER nor PR positive", "not
  ER, PR or HER2 positive") denies every member: it had been read as hormone receptor
  positive, and HER2 positive.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

FINDINGS = [
    ("a BRCA1 or BRCA2 mutation", "germline_brca"),
    ("a BRCA mutation", "germline_brca"),
    ("a PIK3CA mutation", "pik3ca"),
    ("an ESR1 mutation", "esr1"),
]
SEARCHES = [
    "Genetic testing failed to reveal {}.",
    "Sequencing failed to identify {}.",
    "The panel failed to show {}.",
    "We were unable to detect {}.",
    "Testing was unable to find {}.",
]


@pytest.mark.parametrize("template", SEARCHES)
@pytest.mark.parametrize(("finding", "fact"), FINDINGS)
def test_a_search_that_failed_to_find_it_denies_it(template: str, finding: str, fact: str) -> None:
    assert extract(template.format(finding)).facts[fact] is False


@pytest.mark.parametrize(("finding", "fact"), FINDINGS)
def test_the_finding_told_plainly_stays_found(finding: str, fact: str) -> None:
    # metamorphic: the same finding without the failed search is read as found
    assert extract(f"Genetic testing revealed {finding}.").facts[fact] is True


@pytest.mark.parametrize(
    "text",
    ["MRI failed to show brain metastases.", "MRI failed to demonstrate any brain metastases."],
)
def test_a_scan_that_failed_to_show_brain_metastases_is_none(text: str) -> None:
    assert extract(text).facts["brain_metastases"] is False


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("She failed to respond to letrozole.", "letrozole"),
        ("She was unable to tolerate capecitabine.", "capecitabine"),
    ],
)
def test_failed_to_respond_is_no_denial(text: str, drug: str) -> None:
    # only a verb of finding after "failed to": a drug that failed was given
    assert extract(text).facts["prior_therapies"] == [drug]


@pytest.mark.parametrize(
    "text",
    [
        "There was nothing to suggest visceral crisis.",
        "Nothing suggestive of visceral crisis.",
        "Her labs showed nothing to indicate visceral crisis.",
    ],
)
def test_nothing_to_suggest_it_denies_it(text: str) -> None:
    assert extract(text).facts["visceral_crisis"] is False


def test_nothing_to_suggest_brain_metastases() -> None:
    assert extract("Nothing to suggest brain metastases on MRI.").facts["brain_metastases"] is False


@pytest.mark.parametrize(
    ("text", "hormone_receptor", "her2"),
    [
        ("Her tumor was neither ER nor PR positive.", "negative", None),
        ("The tumor was not ER or PR positive.", "negative", None),
        ("The tumor wasn't ER or PR positive.", "negative", None),
        ("The tumor was not ER, PR or HER2 positive.", "negative", "negative"),
        ("It was neither hormone receptor positive nor HER2 positive.", "negative", "negative"),
    ],
)
def test_a_denied_or_list_denies_every_member(
    text: str, hormone_receptor: str, her2: str | None
) -> None:
    facts = extract(text).facts
    assert facts["hormone_receptor"] == hormone_receptor
    assert facts.get("her2") == her2


@pytest.mark.parametrize(
    ("text", "hormone_receptor"),
    [("The tumor was ER or PR positive.", "positive"), ("ER and PR positive.", "positive")],
)
def test_an_or_list_without_a_denial_reads_as_before(text: str, hormone_receptor: str) -> None:
    assert extract(text).facts["hormone_receptor"] == hormone_receptor


def test_neither_is_no_denial_of_a_drug() -> None:
    # "neither" denies findings only: the first drug of the pair stays given
    facts = extract("Neither tamoxifen nor letrozole controlled her metastatic disease.").facts
    assert "tamoxifen" in facts["prior_therapies"]


# -- menopausal status: a state she has left, periods that stopped, a pregnancy test --------


@pytest.mark.parametrize(
    "text",
    [
        "She is no longer premenopausal.",
        "She is no longer pre-menopausal after her oophorectomy.",
        "62F, no longer premenopausal, ER+/HER2- MBC to bone.",
    ],
)
def test_no_longer_premenopausal_is_post(text: str) -> None:
    # had been read as premenopausal: tamoxifen alone would have been offered
    assert extract(text).facts["menopausal_status"] == "post"


@pytest.mark.parametrize(
    "text",
    [
        "She stopped having periods two years ago.",
        "She no longer has her periods.",
        "She hasn't had a period in over a year.",
        "Pregnancy test negative.",
        "Urine pregnancy test was negative.",
    ],
)
def test_periods_that_stopped_or_a_pregnancy_test_are_no_premenopause(text: str) -> None:
    # periods that stopped are asked ("periods stopped" is), a pregnancy test names a test
    assert extract(text).facts.get("menopausal_status") is None


@pytest.mark.parametrize(
    "text", ["She is still having periods.", "She was diagnosed during pregnancy."]
)
def test_periods_and_a_pregnancy_stay_premenopausal(text: str) -> None:
    assert extract(text).facts["menopausal_status"] == "pre"


def test_no_longer_on_a_drug_is_given() -> None:
    # "no longer" denies a state, never a drug she was on
    assert extract("She is no longer on letrozole.").facts["prior_therapies"] == ["letrozole"]


# -- brain metastases: settled in words the readers had missed ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Her brain metastases have been under control since her radiation.",
        "Brain mets in good control after SRS.",
        "The brain tumours were zapped with gamma knife and have not come back.",
        "The brain mets were treated with SRS and haven't returned.",
    ],
)
def test_treated_brain_metastases_told_settled_are_not_active(text: str) -> None:
    facts = extract(text).facts
    assert facts["brain_metastases"] is False
    assert "brain" in facts["metastatic_sites"]


@pytest.mark.parametrize(
    "text",
    [
        "Her brain metastases are not under control despite radiation.",
        "Her pain is under control; MRI shows new brain metastases.",
    ],
)
def test_control_denied_or_of_something_else_leaves_them_active(text: str) -> None:
    assert extract(text).facts["brain_metastases"] is True


def test_a_hope_that_it_did_not_come_back_is_no_state() -> None:
    # "to be sure the cancer did not come back": a purpose, no finding settled
    text = "I embarked on six sessions of chemotherapy to be sure the cancer did not come back."
    assert extract(text).facts.get("brain_metastases") is None
