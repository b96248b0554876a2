"""Stop 41's classes, found in seen test texts before round 52 was read, with metamorphic
checks.

- A treatment told as a kind, not a course given — what there is for the disease ("there was
  a treatment that was right for her cancer") or the only way left open ("the only path
  forward was treatment to stabilize her condition") — gives no line: with the discovery of
  metastatic disease told and nothing else given, 0 lines. A treatment told with a giving
  word ("she has had only one treatment") or as the only one left ("the only therapy
  remaining") still leaves the count to ask.
- "given birth" is no treatment given.
- "secondary" as the noun, the British word for a metastasis ("it has returned as a secondary
  in her lung", "came back as secondaries in her liver"), tells the recurrence; "secondary
  to" (caused by) does not.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

EVENT = "She was diagnosed with stage 4 breast cancer that had spread to her spine."


@pytest.mark.parametrize(
    "kind",
    [
        "The only path forward was treatment to stabilize her condition.",
        "Her oncologist said there was a treatment that was right for her cancer.",
        "There was no cure, only treatment to improve the quality of life.",
        "There is therapy for it, but no cure.",
        "There are treatments that can slow it down.",
    ],
)
def test_a_treatment_told_as_a_kind_gives_no_line(kind: str) -> None:
    ex = extract(f"{EVENT} {kind}")
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


@pytest.mark.parametrize(
    "given",
    [
        "She has had only one treatment so far.",
        "She received treatment for two years.",
        "The only therapy remaining is chemotherapy.",
        "She was on treatment for a year, and then there was only treatment to keep her "
        "comfortable.",
    ],
)
def test_a_treatment_given_or_the_only_one_left_is_still_asked(given: str) -> None:
    # metamorphic: the same event, a course told given (or lines exhausted) -> not 0
    assert extract(f"{EVENT} {given}").facts.get("prior_lines") != 0


def test_a_choice_of_only_one_therapy_is_no_kind() -> None:
    ex = extract(
        "Doctors diagnosed her with stage IIB breast cancer and recommended surgery. "
        "Histological results determined whether she needed adjuvant chemotherapy or only "
        "endocrine therapy."
    )
    assert ex.facts.get("prior_lines") is None


def test_given_birth_is_no_treatment() -> None:
    text = (
        "She was diagnosed with metastatic breast cancer in July. Four months before, she had "
        "given birth to her third child."
    )
    assert extract(text).facts.get("prior_lines") == 0
    # metamorphic: a drug given instead is a course, and the count is not 0 by default
    given = text.replace("given birth to her third child", "been given docetaxel")
    assert extract(given).facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "my wife had breast cancer just over 3yrs ago, it has returned as a secondary in "
            "her lung.",
            "lung",
        ),
        (
            "My mum had breast cancer in 2015 and it came back as secondaries in her liver "
            "last month.",
            "liver",
        ),
        ("She had breast cancer in 2012; it has come back as a secondary in the bone.", "bone"),
    ],
)
def test_back_as_a_secondary_is_the_recurrence(text: str, site: str) -> None:
    ex = extract(text)
    assert site in ex.facts.get("metastatic_sites", [])
    assert ex.facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "text",
    [
        "She had breast cancer in 2015. Her fatigue is secondary to anaemia.",
        "She had breast cancer in 2015; the pain in her hip is secondary to arthritis.",
        "She had breast cancer in 2015 and has a secondary infection in her lung.",
    ],
)
def test_secondary_to_or_as_an_adjective_is_no_recurrence(text: str) -> None:
    assert extract(text).facts.get("prior_lines") is None
