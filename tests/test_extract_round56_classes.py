"""Round 56's classes (first run 0.916 at af8324c, fixed after), with metamorphic checks.

- The lay name of BRCA ("tested positive for the breast cancer gene") is a germline BRCA
  result, with a word of carrying it or of its result; a relative's is not hers, and a bare
  mention is no result.
- How breast cancer spreads in general, told with "normally" or by its habitual verb alone
  ("Normally it spreads though the body, lungs, brain, bones, liver"), names none of her sites
  (the brain had read active).
- Carcinomatosis with its organ named after it ("carcinomatosis into the thyroid goiter") is
  that organ's, not the peritoneum's.
- A full name's apposed age is hers wherever it stands ("Ms Lerine Liu, 42, on an air
  ambulance"), not a clinician's ("Dr Jane Smith, 52") nor a relative's ("her daughter, Amy
  Brown, 25"); "Andrea was 49," as "she was 49," is.
- A child's age told after hers is no later age of hers, nor a second age of hers ("I was 45
  years old I have 2 children, who were aged 8 and 13").
- The pronoun told as the subject of the diagnosis in its perfect ("she had just been
  diagnosed with Stage IV breast cancer") settles a text with another sex's pronouns.
- Titled names of both sexes: the title told with the illness is the patient's ("Mrs
  Macpherson had stage three breast cancer … Mr Macpherson said").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

CASE = "She has stage 4 breast cancer in her bones."


@pytest.mark.parametrize(
    "told",
    [
        "She tested positive for the breast cancer gene, so her daughters will be careful.",
        "She carries the breast cancer gene.",
    ],
)
def test_the_breast_cancer_gene_carried_is_germline_brca(told: str) -> None:
    assert extract(f"{CASE} {told}").facts.get("germline_brca") is True


@pytest.mark.parametrize(
    ("told", "value"),
    [
        ("She tested negative for the breast cancer gene.", False),
        ("She did not test positive for the breast cancer gene.", False),
        ("Her mother carried the breast cancer gene.", None),
        ("Is there a test for the breast cancer gene?", None),
    ],
)
def test_the_breast_cancer_gene_denied_or_someone_elses_is_not_hers(
    told: str, value: bool | None
) -> None:
    # metamorphic: a negation never makes it true; a relative's or a question says nothing
    assert extract(f"{CASE} {told}").facts.get("germline_brca") is value


@pytest.mark.parametrize(
    "general",
    [
        "Normally it spreads though the body, lungs, brain, bones, liver and there is treatment.",
        "It usually spreads to the lungs, brain and bones.",
    ],
)
def test_how_it_spreads_in_general_names_no_site_of_hers(general: str) -> None:
    ex = extract(f"She has metastatic breast cancer of the liver. {general}")
    assert ex.facts.get("metastatic_sites") == ["liver"]
    assert "brain_metastases" not in ex.facts


def test_her_own_spread_told_in_the_present_is_still_read() -> None:
    ex = extract("Her breast cancer spreads to her lungs and brain now, on letrozole.")
    assert set(ex.facts.get("metastatic_sites", [])) == {"lung", "brain"}


def test_carcinomatosis_of_a_named_organ_is_that_organs() -> None:
    ex = extract(
        "We present a rare case of metastatic carcinomatosis into the thyroid goiter in a "
        "63-year old female patient with breast cancer."
    )
    assert ex.facts.get("metastatic_sites") == ["thyroid"]


def test_carcinomatosis_alone_is_still_the_peritoneums() -> None:
    ex = extract("CT showed carcinomatosis and liver metastases from breast cancer.")
    assert set(ex.facts.get("metastatic_sites", [])) == {"peritoneum", "liver"}


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "A woman diagnosed with stage four breast cancer abroad will soon reunite with her "
            "family. Arrangements have been made to put Ms Lerine Liu, 42, on an air ambulance.",
            42,
        ),
        (
            "Andrea was 49, had three children aged 9, 12 and 14, when she was diagnosed with de "
            "novo metastatic breast cancer.",
            49,
        ),
        (
            "In December 2021 I was diagnosed with secondary breast cancer in my bones. I was 45 "
            "years old I have 2 children, who were aged 8 and 13 at the time.",
            45,
        ),
    ],
)
def test_her_age_told_beside_a_name_or_her_children(text: str, age: int) -> None:
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "She has stage 4 breast cancer in her liver. Her oncologist, Dr Jane Smith, 52, said "
        "the disease is stable.",
        "Jane has stage 4 breast cancer in her liver, said oncologist Mary Brown, 52, of the "
        "clinic.",
        "She has stage 4 breast cancer in her liver and her husband, Tom Brown, 52, cares for her.",
        "She has stage 4 breast cancer in her liver. Her daughter, Amy Brown, 25, said she is "
        "brave.",
    ],
)
def test_a_clinicians_or_relatives_apposed_age_is_not_hers(text: str) -> None:
    assert "age" not in extract(text).facts


def test_the_subject_of_a_diagnosis_in_the_perfect_settles_mixed_pronouns() -> None:
    ex = extract(
        "I got a distressing email from his mom asking me to call her at home. When I did, she "
        "told me she had just been diagnosed with Stage IV breast cancer. She wanted someone at "
        "school he could go to at any time."
    )
    assert ex.facts.get("sex") == "female"


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        (
            "Previously Mrs Macpherson had stage three breast cancer in 2018. It was then she was "
            "diagnosed with secondary breast cancer of the liver. Mr Macpherson said there is no "
            "cure.",
            "female",
        ),
        (
            "Mr Smith has metastatic breast cancer in his bones. Mrs Smith said they are coping.",
            "male",
        ),
    ],
)
def test_the_title_told_with_the_illness_is_the_patients(text: str, sex: str) -> None:
    assert extract(text).facts.get("sex") == sex


def test_titles_of_both_sexes_with_no_illness_told_of_either_say_nothing() -> None:
    ex = extract("Mrs Smith and Mr Smith came to clinic; she has metastatic breast cancer.")
    assert ex.facts.get("sex") != "male"
