"""Round 47's classes (read after its first run), with metamorphic checks.

- Every treatment turned down after the spread ("She decided not to go through with any
  treatment", "declined all treatment", "opted for no treatment") is 0 lines given, with
  the disease told metastatic by a word, a site or as beyond cure ("terminal").
- A progression told before the course it ended, in its clause ("She progressed after two
  months of letrozole", "PD after 14 mo on letrozole + palbo"), is that line failing: 1.
- "She was 38 when stage 4 breast cancer was found" and "was just 38 and married with a
  young son when …" give her age; another person's event ("when my mother was …") does not.
- A writer's own noun of one sex ("I am also a lesbian", "I'm a widow") gives her sex.
- A male pronoun opening the sentence after her surgeon, after a time ("Later, he removed
  part of her breast"), is the surgeon's: her own pronouns decide.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "She had terminal breast cancer, which she had beaten six years earlier and then it "
        "resurfaced. She decided not to go through with any treatment.",
        "She has metastatic breast cancer in her bones and declined all treatment.",
        "Her cancer spread to the liver. She opted for no treatment.",
        "She has stage IV breast cancer and chose not to have any treatment.",
    ],
)
def test_every_treatment_refused_is_no_line(text: str) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "text",
    [
        "She has metastatic breast cancer; she declined treatment at first, then agreed to "
        "letrozole.",
        "She declined treatment. She has early breast cancer.",
        "My mother has metastatic breast cancer but refused chemotherapy.",
    ],
)
def test_a_treatment_given_after_or_no_spread_keeps_no_zero(text: str) -> None:
    """Metamorphic: a regimen told, no metastatic disease, or one class refused: no 0."""
    assert extract(text).facts.get("prior_lines") is None


@pytest.mark.parametrize(
    "text",
    [
        "Two years later, she found out the cancer had spread to her liver. She progressed "
        "after two months of letrozole.",
        "Liver metastases were found in 2022. She progressed after 14 months on letrozole "
        "and palbociclib.",
        "Liver mets found 2023. PD after 14 mo on letrozole + palbo.",
    ],
)
def test_a_progression_told_before_its_course_is_that_line_failing(text: str) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == 1


def test_a_progression_without_its_course_is_not_counted() -> None:
    """Metamorphic: with no regimen after "after", nothing tells the line."""
    ex = extract("Liver metastases were found in 2022. She progressed after 14 months.")
    assert ex.facts.get("prior_lines") is None


@pytest.mark.parametrize(
    "text",
    [
        "She was 38 when stage 4 breast cancer was found.",
        "She was 38 when doctors found stage IV breast cancer in her bones.",
        "Kate Hendricks Thomas was just 38 and married with a young son when a military nurse "
        "suggested she get an early mammogram. That screening uncovered a rare form of breast "
        "cancer that, at Stage 4, had already spread throughout her body.",
    ],
)
def test_her_age_when_the_cancer_was_found(text: str) -> None:
    assert extract(text).facts["age"] == 38


@pytest.mark.parametrize(
    "text",
    [
        "I was 30 when my mother was diagnosed with metastatic breast cancer.",
        "I was 30 when the doctors told my mother she had metastatic breast cancer.",
    ],
)
def test_the_writers_age_at_anothers_event_is_not_the_patients(text: str) -> None:
    assert extract(text).facts.get("age") is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        (
            "I was recently diagnosed with Stage IV breast cancer mets to my bones. Telling "
            "people I have cancer is worse than telling people I am a lesbian.",
            "female",
        ),
        ("I have stage IV breast cancer. I'm a widow with two kids.", "female"),
        ("I have metastatic breast cancer. I am also a mother of two.", "female"),
        ("I have metastatic breast cancer. I'm a widower.", "male"),
    ],
)
def test_a_writers_own_noun_gives_the_sex(text: str, sex: str) -> None:
    assert extract(text).facts["sex"] == sex


def test_a_carers_own_noun_is_not_the_patients() -> None:
    """Metamorphic: a daughter writing of her father's cancer: his sex, not hers."""
    ex = extract("My father has metastatic breast cancer. I am a daughter who worries.")
    assert ex.facts["sex"] == "male"


def test_her_surgeons_he_after_a_time_is_his() -> None:
    ex = extract(
        "Juanita got her diagnosis: Stage 4 breast cancer. She was 54 years old. Her surgeon, "
        "who is in private practice, rushed her into chemotherapy within two days. Later, he "
        "removed part of her breast."
    )
    assert ex.facts["sex"] == "female"
