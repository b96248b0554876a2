"""Round 42's classes (read after its first run), with metamorphic checks.

- The spread told into the writer's own body ("cancer had spread to both my lungs and to my
  spine") makes the account hers: the third-person pronouns are other people's (her husband's
  "him"), no sex of hers; a quote the excerpt ends inside is still a quote.
- "Aged only 23, Ms Dixon is undergoing treatment …" is her age (not when a later age follows:
  "aged just 23. Now aged 29").
- Her name told with "is 45" ("Marina Kurmanbayeva is 45 and works …") and the age now after
  a quote's name ("says Zakaryan, now 41.") are her age; a relative's name after the relative
  word ("Her husband Tom is 52") is his.
- "had her ovaries and Fallopian tubes removed" is ovarian ablation; "The cancer is estrogen
  receptive" is HR-positive; a birth within the year, the child named ("one year after the
  birth of her second son"), is pre-menopausal; the sites after a copula with a determiner
  ("organs to which the cancer had spread were her lungs and brain") read the brain as active.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract


def test_a_first_person_spread_leaves_others_pronouns_alone() -> None:
    text = (
        "I just had to cry and to tell him that it was breast cancer. It was shattering to him. "
        "Walking was very difficult because cancer had spread to both my lungs and to my spine."
    )
    ex = extract(text)
    assert ex.facts.get("sex") != "male"
    assert ex.facts["metastatic_sites"] == ["lung", "bone"]


def test_a_narrators_pronouns_with_an_unclosed_quote_give_her_sex() -> None:
    """Metamorphic: the spread in the patient's own quoted words, the narrator's "her" outside."""
    text = (
        "The doctor spent a few hours with Sorley explaining the tumor in her left breast.\n\n"
        "“It’s all super-fast,” Sorley explains. “It had spread and there was a new diagnosis, "
        "stage 4 metastatic breast cancer. The breast cancer had metastasized to my liver."
    )
    assert extract(text).facts.get("sex") == "female"


@pytest.mark.parametrize("adverb", ["only", "just"])
def test_aged_only_is_her_age(adverb: str) -> None:
    ex = extract(f"Aged {adverb} 23, Ms Dixon is undergoing treatment for Stage 4 breast cancer.")
    assert ex.facts["age"] == 23


def test_aged_only_then_and_a_later_age_now() -> None:
    """Metamorphic: a later age told after it makes "aged just 23" the age then."""
    ex = extract(
        "She was diagnosed with breast cancer aged just 23. Now aged 29, the cancer has spread "
        "to her spine."
    )
    assert ex.facts["age"] == 29


@pytest.mark.parametrize(
    "text, age",
    [
        ("Marina Kurmanbayeva is 45 and works as an accountant. She has MBC.", 45),
        ("“I’m well now,” says Zakaryan, now 41.", 41),
        ("Jane is 58, ER+ HER2- with bone mets.", 58),
    ],
)
def test_her_name_and_her_age(text: str, age: int) -> None:
    assert extract(text).facts["age"] == age


@pytest.mark.parametrize("text", ["Her Oncotype is 25.", "Her Recurrence Score is 31."])
def test_a_measure_told_with_is_is_no_age(text: str) -> None:
    assert "age" not in extract(text).facts


def test_a_relatives_name_and_age_are_his() -> None:
    ex = extract("Her husband Tom is 52. She is 47 with MBC.")
    assert ex.facts["age"] == 47


def test_ovaries_and_tubes_removed_is_ablation() -> None:
    ex = extract("She had a double mastectomy and had her ovaries and Fallopian tubes removed.")
    assert ex.facts["ovarian_ablation"] is True


@pytest.mark.parametrize("told, value", [("is", "positive"), ("is not", "negative")])
def test_estrogen_receptive(told: str, value: str) -> None:
    ex = extract(f"The cancer {told} estrogen receptive.")
    assert ex.facts["hormone_receptor"] == value


@pytest.mark.parametrize("when", ["Just one year", "Six months"])
def test_a_birth_with_the_child_named_is_premenopausal(when: str) -> None:
    ex = extract(f"{when} after the birth of her second son, she was diagnosed with MBC.")
    assert ex.facts["menopausal_status"] == "pre"


def test_the_brain_after_a_copula_with_a_determiner_is_active() -> None:
    ex = extract(
        "The disease returned at stage 4. Two critical organs to which the cancer had spread "
        "were her lungs and brain."
    )
    assert ex.facts["brain_metastases"] is True
    assert ex.facts["metastatic_sites"] == ["lung", "brain"]


def test_a_regimen_taken_until_something_else_happened_is_one_line() -> None:
    """r42: "She was taking palbociclib and letrozole, until the conflict struck in Sudan"."""
    ex = extract(
        "She was diagnosed with de novo metastatic breast cancer. She was taking palbociclib "
        "and letrozole, until the conflict struck in Sudan."
    )
    assert ex.facts["prior_lines"] == 1
    assert "progressed_on" not in ex.facts


def test_a_regimen_on_until_now_is_the_line_she_is_on() -> None:
    """Metamorphic: "until now" is no end."""
    ex = extract(
        "She was diagnosed with de novo metastatic breast cancer. She was on letrozole until now."
    )
    assert ex.facts["prior_lines"] == 0


@pytest.mark.parametrize(
    "told",
    [
        "She will continue letrozole until progression.",
        "She is on letrozole, to continue until disease progression or unacceptable toxicity.",
    ],
)
def test_until_progression_in_a_plan_is_no_progression(told: str) -> None:
    """Found with round 42's class: the length of a treatment ("continue … until progression")
    had been read as letrozole failing — a second-line answer for a patient on her first."""
    ex = extract("She was diagnosed with de novo metastatic breast cancer. " + told)
    assert "progressed_on" not in ex.facts


def test_on_a_regimen_until_progression_in_the_past_is_failing() -> None:
    """Metamorphic: told in the past, "until progression" is the progression."""
    ex = extract("She has metastatic breast cancer. She was on letrozole until progression.")
    assert ex.facts["progressed_on"] == ["letrozole"]
