"""Round 46's classes (read after its first run), with metamorphic checks.

- The cancer placed in the organs by a copula ("the cancer was now in her bones, liver, lungs
  and brain", "secondary cancer was found, in her bones and brain") heads the list: its brain
  member is brain metastases, as in "metastases in her bones and brain".
- "secondary bone cancer" (the UK's lay name of a bone metastasis) is the discovery.
- A plan told with the event in the future tense ("has had a recurrence of the disease and
  will undergo chemotherapy") is no line given.
- The spread told in the past perfect with the cancer its subject ("The cancer had spread to
  her lymph nodes and into her bones") is the story's discovery.
- "a new crisis with her health" is no visceral crisis ("no crisis" still answers it).
- A carer's "My mother, who is 72, is suffering from …" gives her age.
- Chemotherapy planned in the base form after a modal ("will undergo chemotherapy", "is to
  receive") is a candidacy, as "will start" is.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


@pytest.mark.parametrize(
    "text",
    [
        "Scans revealed the cancer was now in her bones, liver, lungs and brain.",
        "In 2011, secondary cancer was found, in her bones and brain, and was diagnosed as "
        "incurable.",
        "It's in my liver and brain.",
    ],
)
def test_the_cancer_placed_in_a_list_heads_its_brain(text: str) -> None:
    facts = extract(text).facts
    assert "brain" in facts["metastatic_sites"]
    assert facts["brain_metastases"] is True


def test_a_treated_brain_in_that_list_is_not_active() -> None:
    """Metamorphic: the brain lesions told treated and stable stay inactive."""
    ex = extract(
        "The cancer is in her bones and brain; the brain lesions were treated with SRS and are "
        "stable."
    )
    assert ex.facts["brain_metastases"] is False


@pytest.mark.parametrize(
    "text",
    [
        "But after a period in remission, she was diagnosed with secondary bone cancer in 2001.",
        "She has had a recurrence in her liver and will undergo chemotherapy.",
        "It was cancer. The tumor was small. The cancer had spread to her lymph nodes and into "
        "her bones.",
    ],
)
def test_discoveries_told_in_lay_shapes_give_zero_lines(text: str) -> None:
    ex = extract(text)
    assert ex.facts["prior_lines"] == 0
    assert "prior_lines" in ex.inferred


def test_a_line_told_before_the_spread_keeps_no_zero() -> None:
    """Metamorphic: "had spread" after a regimen given is no discovery with nothing given."""
    ex = extract("She was on letrozole for two years. By then the cancer had spread to her liver.")
    assert ex.facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "text",
    [
        "She calls me all the time, telling me there's a new crisis with her health.",
        "We have had a family crisis this year; my mother has metastatic breast cancer.",
    ],
)
def test_a_crisis_of_her_life_is_no_visceral_crisis(text: str) -> None:
    assert "visceral_crisis" not in extract(text).facts


@pytest.mark.parametrize(("text", "value"), [("No crisis.", False), ("She is in crisis.", True)])
def test_the_clinical_crisis_word_still_answers(text: str, value: bool) -> None:
    assert extract(text).facts["visceral_crisis"] is value


@pytest.mark.parametrize(
    "text",
    [
        "ER+ HER2- bone metastases on letrozole. Her family is in crisis.",
        "Her marriage was already in crisis when the cancer spread to her bones.",
        "The NHS is in crisis and her scans were delayed; ER+ HER2- bone mets.",
        "During the COVID crisis she progressed on letrozole with bone metastases.",
        "The opioid crisis made getting pain relief hard for her bone metastases.",
    ],
)
def test_a_crisis_of_something_else_is_no_visceral_crisis(text: str) -> None:
    """Stop 38: a crisis named by what it is a crisis of (an epidemic, a drug, an institution,
    a relationship) is no crisis of her organs — each had answered the chemotherapy branch."""
    assert "visceral_crisis" not in extract(text).facts


@pytest.mark.parametrize(
    "text",
    [
        "ER+ HER2- liver mets, the crisis in her liver is worsening.",
        "Liver metastases with a visceral crisis.",
        "Liver metastases, now in a hepatic crisis.",
        "The patient's crisis: bilirubin 80 from liver metastases.",
    ],
)
def test_a_crisis_of_her_organs_still_answers(text: str) -> None:
    """Metamorphic: the same determiners before an organ's crisis keep it."""
    assert extract(text).facts["visceral_crisis"] is True


def test_a_carers_relative_who_is_72() -> None:
    ex = extract("My mother, who is 72, is suffering from metastatic breast cancer.")
    assert ex.facts["age"] == 72


def test_a_relative_who_is_50_is_not_the_writer() -> None:
    """Metamorphic: the same clause on a relative in the writer's own story is not her age."""
    ex = extract("I have MBC and I am 45. My husband, who is 50, drives me.")
    assert ex.facts["age"] == 45


@pytest.mark.parametrize("verb", ["will undergo", "is to receive"])
def test_chemotherapy_planned_in_the_base_form_is_a_candidacy(verb: str) -> None:
    ex = extract(f"She has metastatic breast cancer in her bones and {verb} chemotherapy.")
    assert ex.facts["chemo_candidate"] is True
    assert "chemo_candidate" in ex.inferred


def test_too_frail_to_receive_is_no_candidacy() -> None:
    """Metamorphic: the base form under a denial stays no candidate."""
    ex = extract("She has metastatic breast cancer and is too frail to receive chemotherapy.")
    assert ex.facts["chemo_candidate"] is False
