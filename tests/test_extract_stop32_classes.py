"""Classes left open by rounds 30–31, fixed in stop 32 before round 32 was read.

- A treatment told in the future is a plan, not a line given ("if it progresses, second line
  will be fulvestrant", "she will receive capecitabine", "we are going to give eribulin"):
  its drug is no prior therapy and its ordinal counts no line; a course told as going on
  ("will be continuing letrozole", "will stay on it") is still given.
- The event as the object of "after" ("She started capecitabine after liver metastases were
  found", "admitted for her first cycle of FEC after the scan showed liver metastases"): the
  regimen told first was begun after the event, so 0 lines are inferred at it (a line just
  begun is not counted) — and 1 when it is told failing.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

FUTURE = ["will be", "will receive", "will get", "is going to be", "would be"]


@pytest.mark.parametrize("future", FUTURE)
@pytest.mark.parametrize("drug", ["fulvestrant", "capecitabine", "eribulin"])
def test_a_future_treatment_is_no_prior_therapy(nlp, future: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"She is on letrozole and palbociclib as first line; if it progresses, she {future} {drug}."
    )
    result = extract(text)
    assert drug not in result.facts.get("prior_therapies", [])
    assert "letrozole" in result.facts["prior_therapies"]
    assert result.facts.get("prior_lines") in (None, 0, 1)


@pytest.mark.parametrize("aux", ["will be", "would be"])
@pytest.mark.parametrize("ordinal", ["second line", "second-line", "2nd line", "the next line"])
def test_a_future_line_counts_no_line_given(nlp, aux: str, ordinal: str) -> None:  # type: ignore[no-untyped-def]
    text = f"She is on letrozole and palbociclib as first line; if it progresses, {ordinal} {aux} fulvestrant."
    result = extract(text)
    assert result.facts.get("prior_lines") in (None, 0, 1)
    assert "fulvestrant" not in result.facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    "text",
    [
        "She will be continuing letrozole.",
        "She will continue letrozole.",
        "She has been on letrozole since 2020 and will stay on it.",
        "I would be comfortable with abemaciclib for this patient.",  # a wish: not given
    ],
)
def test_a_course_going_on_is_still_given(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "will" before a course going on does not make it a plan."""
    result = extract(text)
    if "abemaciclib" in text:
        assert "abemaciclib" not in result.facts.get("prior_therapies", [])
    else:
        assert result.facts["prior_therapies"] == ["letrozole"]


EVENTS = [
    "liver metastases were found",
    "the scan showed liver metastases",
    "bone metastases were diagnosed",
    "a biopsy confirmed metastatic disease in the liver",
]


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize("after", ["after", "following"])
@pytest.mark.parametrize(
    "begun",
    [
        "She started capecitabine",
        "She was admitted for her first cycle of FEC",
        "She began letrozole",
    ],
)
def test_a_regimen_begun_after_the_event_counts_zero(
    nlp, event: str, after: str, begun: str
) -> None:  # type: ignore[no-untyped-def]
    result = extract(f"{begun} {after} {event}.")
    assert result.facts.get("prior_lines") == 0
    assert "prior_lines" in result.inferred


@pytest.mark.parametrize("event", EVENTS[:2])
def test_told_failing_it_is_one_line(nlp, event: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(f"She started letrozole after {event} but progressed after 14 months.")
    assert result.facts.get("prior_lines") == 1
    assert result.facts.get("progressed_on") == ["letrozole"]


@pytest.mark.parametrize(
    "text",
    [
        # "after" with another object, the event in a clause of its own
        "She received tamoxifen after surgery and liver metastases developed 3 years later.",
        "She had taken tamoxifen for 5 years after her lumpectomy when bone metastases were found.",
    ],
)
def test_after_something_else_is_no_regimen_after_the_event(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: tamoxifen given before the event is never a metastatic prior therapy."""
    result = extract(text)
    assert "tamoxifen" not in result.facts.get("prior_therapies", [])
