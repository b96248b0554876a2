"""Round 35's classes (read after its first run), each a template grid with metamorphic checks.

- The diagnosis told arriving, then what it was ("The final diagnosis came on January 22,
  2020: metastatic hormone receptor positive breast cancer", "the diagnosis came back as
  metastatic …") is the discovery.
- A treatment recommended, suggested, proposed, offered or advised after the discovery ("she
  was recommending a course of treatment") is not given; "offered and completed" is.
- The past-tense age closed by a citation in brackets ("She was just 57 [source: …].").
- The scope judge reads a breast cancer told beaten ("successfully battled breast cancer",
  "a breast cancer survivor") as early disease, unless a metastatic word is told.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


@pytest.mark.parametrize(
    "came",
    [
        "The final diagnosis came on January 22, 2020: metastatic hormone receptor positive breast cancer.",
        "The diagnosis came back as metastatic breast cancer in the liver.",
        "My diagnosis arrived in March: metastatic breast cancer.",
    ],
)
@pytest.mark.parametrize(
    "plan",
    [
        "",
        " Then she said she was recommending a course of treatment that included 3 different drugs.",
        " The oncologist suggested a course of treatment.",
        " She was offered chemotherapy.",
    ],
)
def test_the_diagnosis_arriving_is_the_discovery(nlp, came: str, plan: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(came + plan).facts.get("prior_lines") == 0


def test_a_diagnosis_without_its_finding_is_no_discovery(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "the diagnosis was devastating" tells no metastatic disease found."""
    assert (
        extract("The diagnosis was devastating: she could not work.").facts.get("prior_lines")
        is None
    )


@pytest.mark.parametrize("done", ["offered and completed", "offered and received"])
def test_a_treatment_offered_and_completed_is_given(nlp, done: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: what was done after the offer is a treatment given: the count is not 0."""
    text = (
        f"Liver metastases were found in 2020. She was {done} chemotherapy, and the lesions grew."
    )
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize("n", [57, 43])
@pytest.mark.parametrize("word", ["just ", "only ", ""])
def test_the_age_before_a_citation(nlp, n: int, word: str) -> None:  # type: ignore[no-untyped-def]
    text = f"She died of metastatic breast cancer. She was {word}{n} [source: silentspring.org]."
    assert extract(text).facts.get("age") == n


@pytest.mark.parametrize(
    "beaten",
    [
        "she successfully battled breast cancer for the past year",
        "she beat breast cancer last year",
        "she is a breast cancer survivor",
        "she survived her breast cancer",
    ],
)
def test_a_breast_cancer_beaten_is_early(beaten: str) -> None:
    text = (
        f"Wasserman Schultz, 42, a mother of three, said Saturday that {beaten} — and is going "
        "public with her story in hopes of alerting young women."
    )
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "beaten", ["she beat breast cancer in 2015", "she is a breast cancer survivor"]
)
def test_a_cancer_beaten_then_spread_stays_in_scope(beaten: str) -> None:
    """Metamorphic: metastases told after it are a recurrence."""
    text = f"She said {beaten}, but now it has spread to her liver and bones."
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize("word", ["recommended", "planned", "proposed"])
def test_a_plan_word_describing_a_course_given(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    """Stop 33: "She received the recommended treatment with paclitaxel, and the liver lesions
    grew" had counted 0 lines beside paclitaxel told failing."""
    text = (
        "Liver metastases were found in 2020. She received the "
        f"{word} treatment with paclitaxel, and the liver lesions grew."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") == 1
    assert "paclitaxel" in facts.get("progressed_on", [])


@pytest.mark.parametrize("word", ["recommended", "planned", "proposed"])
def test_a_plan_word_without_a_course_given_stays_a_plan(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: without a giving verb the course is only planned."""
    text = f"Liver metastases were found in 2020. The {word} treatment is paclitaxel."
    facts = extract(text).facts
    assert facts.get("prior_lines") == 0
    assert "paclitaxel" not in facts.get("progressed_on", [])
