"""Round 41's classes (read after its first run), with metamorphic checks.

- "After puerperium" (the weeks after a birth) is pre-menopausal, as a birth just before is.
- "<Name> was 30 when she was told …" is her age, as "She was 30 when she …" is.
- A relative's cancer told in the possessive ("I learned of my mother's battle with breast
  cancer") makes the message about her: her sex is the relative word's.
- A person of her story described by a relative clause with no illness ("the man who was
  guarding the place told her") is someone else: no sex of hers.
- The places named after a spread to an unnamed number of them ("spread to six other parts of
  my body, including my hip and my left rib"); the parts of a bone before it ("involving angle
  and ramus of the mandible"); the writer counted among women ("Cuban women, particularly
  those of us with … breast cancer", "We women with MBC").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_after_puerperium_is_premenopausal() -> None:
    ex = extract("After puerperium, I was told I had breast cancer with metastases in my lungs.")
    assert ex.facts["menopausal_status"] == "pre"


def test_a_named_womans_age_when_she_was_told() -> None:
    ex = extract(
        "Aya Gonen was 30 when she was told she had breast cancer that had spread to her brain."
    )
    assert ex.facts["age"] == 30


def test_a_relatives_age_when_she_was_diagnosed_is_not_hers() -> None:
    """Metamorphic: a relative word before "was 50 when she …" is the relative's age."""
    ex = extract("Her mother was 50 when she was diagnosed with breast cancer. She has MBC.")
    assert "age" not in ex.facts


@pytest.mark.parametrize("relative, sex", [("mother", "female"), ("husband", "male")])
def test_a_relatives_cancer_in_the_possessive_gives_her_sex(relative: str, sex: str) -> None:
    ex = extract(
        f"In March 2020 I learned of my {relative}'s battle with breast cancer. "
        "The cancer had already metastasized to other organs."
    )
    assert ex.facts["sex"] == sex
    assert "sex" not in ex.inferred


def test_another_relatives_cancer_after_the_possessive_is_not_read() -> None:
    """Metamorphic: "my mother's sister had breast cancer" is not the mother's cancer."""
    ex = extract("My mother's sister had breast cancer. I have stage IV breast cancer in my liver.")
    assert "sex" not in ex.facts


def test_a_bystander_is_not_the_patient() -> None:
    ex = extract(
        "As she left her appointment, the man who was guarding the place told her it was "
        "nothing. The cancer had spread to her liver."
    )
    assert ex.facts.get("sex") == "female"


def test_the_man_with_breast_cancer_is_the_patient() -> None:
    """Metamorphic: the relative clause telling the illness keeps him the patient."""
    ex = extract("The man who has breast cancer was treated with letrozole.")
    assert ex.facts["sex"] == "male"


@pytest.mark.parametrize(
    "text",
    [
        "My cancer had spread to six other parts of my body, including my hip and my left rib. "
        "It is stage 4 breast cancer.",
        "My breast cancer had spread to several organs, including my ribs.",
        "My breast cancer had spread to several organs such as the ribs and sternum.",
    ],
)
def test_places_named_after_unnamed_ones_are_her_sites(text: str) -> None:
    ex = extract(text)
    assert ex.facts["metastatic_sites"] == ["bone"]


def test_a_definitions_examples_are_not_her_sites() -> None:
    """Metamorphic: "spread to other parts of the body, such as the bones, lungs or brain"
    defines the disease; her own brain is not read from it."""
    ex = extract(
        "This meant she had advanced breast cancer - that has spread to other parts of the "
        "body, such as the bones, lungs or brain."
    )
    assert "brain_metastases" not in ex.facts


@pytest.mark.parametrize(
    "text",
    [
        "Metastatic invasive ductal carcinoma involving angle and ramus of the mandible.",
        "Breast cancer metastasis to the shaft of the femur.",
    ],
)
def test_the_part_of_a_bone_places_it(text: str) -> None:
    ex = extract(text)
    assert ex.facts["metastatic_sites"] == ["bone"]


@pytest.mark.parametrize(
    "text",
    [
        "We women with metastatic breast cancer need more research.",
        "Cuban women, particularly those of us with breast cancer, deserve better.",
        "Women like me with stage IV breast cancer are ignored.",
    ],
)
def test_the_writer_counted_among_women_is_female(text: str) -> None:
    ex = extract(text)
    assert ex.facts["sex"] == "female"


def test_women_in_general_give_no_sex() -> None:
    """Metamorphic: women told as a population say nothing of the writer."""
    ex = extract("Many women with metastatic breast cancer are treated with letrozole.")
    assert "sex" not in ex.facts


def test_the_pronoun_told_of_the_patient_decides_her_sex() -> None:
    """r41: the patient's own sentence ("… for which she was treated") beside her father's
    "he" and "him"."""
    text = (
        "A 20-year-old breast cancer patient was treated with surgery and chemotherapy before it "
        "metastasized to lung and liver. The father of the patient was not able to take care of "
        "her. We assured him to help while he continues his work. The patient had developed a "
        "pleural effusion for which she was treated by tapping."
    )
    assert extract(text).facts["sex"] == "female"


def test_pronouns_of_both_sexes_without_the_patients_say_nothing() -> None:
    """Metamorphic: without a pronoun told of "the patient", mixed pronouns give no sex."""
    text = (
        "A 20-year-old breast cancer patient was treated with surgery and chemotherapy before it "
        "metastasized to lung and liver. Her father was not able to take care of her. We assured "
        "him to help while he continues his work."
    )
    assert "sex" not in extract(text).facts
