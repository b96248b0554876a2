"""Round 50's classes (read after its first run), with metamorphic checks.

- Ages of relatives named in a list after their noun ("Deirdre has two children, Tom, aged
  14, and Sophie, aged 8") are theirs: they had cancelled the patient's "43-year-old".
- "at the age of 29," after a time that opens the sentence, her name after it ("In January
  2022, at the age of 29, Sharmin suddenly felt a lump"), is her age — not when the sentence
  tells it long ago ("Sixteen years ago, at age 56, …").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

PATIENT = "Deirdre, a 43-year-old woman with metastatic breast cancer, is admitted to the hospital."


@pytest.mark.parametrize(
    "family",
    [
        "Deirdre has two children, Tom, aged 14, and Sophie, aged 8.",
        "She has a son, Jack, aged 12.",
        "Her daughters, Amy, aged 19, and Kate, aged 16, visit daily.",
    ],
)
def test_relatives_named_in_a_list_keep_their_ages(family: str) -> None:
    assert extract(f"{PATIENT} {family}").facts["age"] == 43


def test_the_patients_own_aged_stays_hers() -> None:
    # metamorphic: with no relative noun before the name the age is hers
    assert extract("Mary, aged 45, has metastatic breast cancer.").facts["age"] == 45


def test_a_carers_relative_in_apposition_is_the_patient() -> None:
    text = "My daughter, Mary, aged 45, has metastatic breast cancer in her liver."
    assert extract(text).facts["age"] == 45


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("In January 2022, at the age of 29, Sharmin suddenly felt a lump in her breast.", 29),
        ("Last spring, at age 52, Maria learned the cancer had spread to her liver.", 52),
    ],
)
def test_an_age_set_off_after_a_time_is_hers(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "Sixteen years ago, at age 56, Mary was diagnosed with Stage 3 breast cancer.",
        "Dear Dr. Roach: Sixteen years ago, at age 56, I was diagnosed with Stage 3 breast cancer.",
    ],
)
def test_an_age_long_ago_is_no_age_now(text: str) -> None:
    assert extract(text).facts.get("age") is None
