"""Round 51's classes (read after its first run), with metamorphic checks.

- A progression told before the line it followed ("with progression of both after first line
  chemotherapy") makes that line a failed one: one line given, not the line she is on (the
  count had been 0 with one chemotherapy line — a count below its own chemotherapy lines).
- "Stage IVb" (and IVa, IVc, 4B …) is stage IV; with its TNM told M0 it is another cancer's
  locally advanced stage, no metastatic event.
- "secondary brain cancers" / "secondary brain tumours" (the British lay word) are brain
  metastases, active unless told treated.
- What someone else took the patient for ("the scientists thought I was a 64-year-old woman")
  tells neither age nor sex.
- A remission told as the time before a diagnosis ("After more than a decade in remission, she
  was diagnosed with stage four metastasized breast cancer") is no response to a line.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "She has metastatic breast cancer, with progression of both after first line chemotherapy.",
        "A 53-year-old woman presented with a breast mass and bone metastasis. Chemotherapy "
        "for the breast cancer reduced the tumor mass, with progression of both after first "
        "line chemotherapy.",
    ],
)
def test_a_progression_after_the_first_line_counts_it(text: str) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 1
    assert ex.facts.get("prior_lines", 0) >= ex.facts.get("prior_chemo_lines", 0)


def test_the_line_she_has_started_is_still_not_counted() -> None:
    # metamorphic: without a progression the ordinal is the line begun
    ex = extract("She has metastatic breast cancer and started first-line paclitaxel.")
    assert ex.facts.get("prior_lines") == 0


@pytest.mark.parametrize("stage", ["Stage IVb", "stage IVA", "stage 4B", "stage IVc"])
def test_a_substage_of_four_is_stage_four(stage: str) -> None:
    ex = extract(f"In 2013 she was diagnosed with {stage} breast cancer.")
    assert ex.facts.get("prior_lines") == 0


def test_a_stage_told_m0_is_no_metastatic_event() -> None:
    text = (
        "A 55-year-old woman presented with stage 4B (T3N3M0) squamous cell carcinoma of the "
        "supraglottic larynx. She completed 7 weeks of cisplatin and radiation. Sixteen months "
        "later she had progression."
    )
    assert extract(text).facts.get("prior_lines") is None


@pytest.mark.parametrize(
    "phrase",
    ["13 secondary brain cancers were diagnosed", "secondary brain tumours were found",
     "she was told of brain secondaries"],
)  # fmt: skip
def test_secondary_brain_cancers_are_brain_metastases(phrase: str) -> None:
    ex = extract(f"She had breast cancer in 2022. In June {phrase}.")
    assert ex.facts.get("brain_metastases") is True
    assert "brain" in ex.facts["metastatic_sites"]


def test_treated_secondary_brain_cancer_is_not_active() -> None:
    text = (
        "She has secondary breast cancer in her brain, treated with gamma knife and stable since."
    )
    assert extract(text).facts.get("brain_metastases") is False


def test_what_someone_took_him_for_is_not_his_age_or_sex() -> None:
    text = (
        "Mr Avery said the lab thought I was a 64-year-old woman. He has secondary breast "
        "cancer in his bones."
    )
    ex = extract(text)
    assert ex.facts.get("age") is None
    assert ex.facts.get("sex") == "male"


def test_what_he_was_mistaken_for_is_not_his_age() -> None:
    text = "The nurse mistook him for a 70-year-old. He is 55 and has metastatic breast cancer."
    assert extract(text).facts.get("age") == 55


def test_a_remission_before_the_diagnosis_is_no_line() -> None:
    text = (
        "She went through a year of chemo and radiation and her cancer went into remission. "
        "This spring scans showed tumors in her liver. After more than a decade in remission, "
        "she was diagnosed with stage four metastasized breast cancer in her liver."
    )
    assert extract(text).facts.get("prior_lines") == 0


def test_a_remission_on_a_line_still_counts_it() -> None:
    # metamorphic: a remission after a line was begun is that line's response
    text = (
        "She was diagnosed with metastatic breast cancer in her liver and started letrozole. "
        "After two years in remission she progressed."
    )
    assert extract(text).facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("She has metastatic breast cancer, with progression of both breast and bone after "
         "first line chemotherapy.", 1),
        ("She has metastatic breast cancer with progression in the liver and lungs on "
         "second-line capecitabine.", 2),
    ],
)  # fmt: skip
def test_the_progressions_own_sites_between_it_and_the_line(text: str, lines: int) -> None:
    assert extract(text).facts.get("prior_lines") == lines


def test_a_denied_progression_of_sites_fails_no_line() -> None:
    text = "She has metastatic breast cancer. No progression of her liver disease on first-line letrozole."
    assert extract(text).facts.get("prior_lines") != 1
