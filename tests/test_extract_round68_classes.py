"""Round 68's classes (stop 47), each read failing on the code before it, each with a twin
that stays unread: the lay "hormonal based" cancer; the brain told as a named person's; a
named child born right before the diagnosis; chemotherapy told as her role, her present or
her next step; the regimen she "had been taking" told in the sentences after a progression.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_a_hormonal_based_cancer_is_hormone_receptor_positive(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Her breast cancer spread to her sacrum. She gets a suppressant injection because her cancer is hormonal based."
    assert extract(told).facts.get("hormone_receptor") == "positive"
    denied = "Her breast cancer spread to her sacrum. Her cancer is not hormonal based."
    assert extract(denied).facts.get("hormone_receptor") != "positive"


def test_the_brain_told_as_a_named_persons(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Despite surgeries and chemotherapy for her triple negative breast cancer, the cancer spread to Heather’s brain."
    assert extract(told).facts.get("brain_metastases") is True
    liver = told.replace("brain", "liver")
    assert extract(liver).facts.get("brain_metastases") is None


def test_a_named_child_born_right_before_the_diagnosis(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Alice was diagnosed with metastatic breast cancer during the pandemic, shortly after Winnie was born."
    assert extract(told).facts.get("menopausal_status") == "pre"
    own_birth = "Her mother died shortly after Alice was born. Alice has metastatic breast cancer in her liver."
    assert extract(own_birth).facts.get("menopausal_status") is None


@pytest.mark.parametrize(
    "text",
    [
        "The cancer came back and metastasized to her bones, and radiation wasn't an option anymore. She was going to be a chemo patient.",
        "I was diagnosed with breast cancer in 2006 and then it metastasized to my bones in 2014. I'm in the middle of chemo.",
        "My metastatic breast cancer progressed throughout my bones. I was now moving onto more traditional chemotherapy.",
        "Her breast cancer has spread to her lungs and spine. She has chemotherapy every three weeks.",
    ],
)
def test_chemotherapy_told_as_her_role_present_or_next_step(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(text)
    assert ex.facts.get("chemo_candidate") is True and "chemo_candidate" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        "Her breast cancer spread to her liver. She has chemotherapy-induced neuropathy.",
        "Her breast cancer spread to her bones. She was going to be a chemo patient, but she refused.",
    ],
)
def test_chemotherapy_told_otherwise_is_no_candidacy(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("chemo_candidate") is not True


def test_the_regimen_she_had_been_taking_after_a_progression(nlp) -> None:  # type: ignore[no-untyped-def]
    told = (
        "In September, I found out that my metastatic breast cancer had progressed throughout my "
        "bones. My PET scan also picked up a tiny spot in my right lung. I had been taking "
        "Aromasin and Afinitor."
    )
    assert extract(told).facts.get("progressed_on") == ["exemestane", "everolimus"]
    far = (
        "My metastatic breast cancer progressed in my bones. The pain got worse. I saw my "
        "doctor about it. I had been taking Aromasin."
    )
    assert extract(far).facts.get("progressed_on") is None
