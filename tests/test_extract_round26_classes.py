"""Round 26's classes (read after its first run), each a template grid with metamorphic checks.

- A brain treatment told as the cause of a good result ("Thanks to whole brain radiation, I
  have been clear of any cancer in my brain for over 2 years"): done, so the brain metastases
  are treated; it used to read them active (the dangerous class).
- A treatment told going on now ("she is currently being given palliative therapy") after the
  metastatic event is the line she is on: 0 lines given, as a line just begun.
- How many of a bone ("metastasized … to three ribs and two vertebrae") and a stray comma
  before the preposition ("had metastasized or spread, to three ribs") still place the site.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

BRAIN_RT = ("whole brain radiation", "SRS", "gamma knife", "radiosurgery", "WBRT")


@pytest.mark.parametrize("treatment", BRAIN_RT)
@pytest.mark.parametrize(
    "result",
    [
        "I have been clear of any cancer in my brain for over 2 years",
        "the tumours shrank",
        "my scans are stable",
    ],
)
def test_a_brain_treatment_thanked_for_a_result_is_done(  # type: ignore[no-untyped-def]
    nlp, treatment: str, result: str
) -> None:
    text = f"My breast cancer moved to my brain 3 years ago. Thanks to {treatment}, {result}."
    assert extract(text).facts.get("brain_metastases") is False


@pytest.mark.parametrize("treatment", BRAIN_RT)
def test_metamorphic_a_plan_to_treat_stays_active(nlp, treatment: str) -> None:  # type: ignore[no-untyped-def]
    text = f"My breast cancer moved to my brain last month. I am to be treated with {treatment}."
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    "ongoing",
    [
        "she is currently being given palliative therapy",
        "she is currently receiving palliative chemotherapy",
        "she is now on palliative treatment",
        "she is presently undergoing chemotherapy",
    ],
)
def test_a_treatment_going_on_now_is_no_line_given(nlp, ongoing: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She had a mastectomy for breast cancer in 2013 and refused adjuvant therapy. In May, her CT "
        f"scan showed multiple lung metastases. Her cancer is now Stage IV and {ongoing}."
    )
    assert extract(text).facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "failing",
    [
        "she is currently receiving chemotherapy and is progressing",
        "she was given palliative chemotherapy, which failed",
    ],
)
def test_metamorphic_a_failing_or_past_treatment_is_not_zero(nlp, failing: str) -> None:  # type: ignore[no-untyped-def]
    text = f"In May her CT scan showed multiple lung metastases from breast cancer, and {failing}."
    assert extract(text).facts.get("prior_lines") != 0


@pytest.mark.parametrize("count", ["three", "two", "3", "several", "four"])
@pytest.mark.parametrize("bone", ["ribs", "vertebrae"])
@pytest.mark.parametrize("verb", ["metastasized to", "metastasized or spread, to", "spread to"])
def test_a_counted_bone_is_a_bone_site(nlp, count: str, bone: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The mass in her breast was diagnosed as cancer which had {verb} {count} {bone}."
    assert "bone" in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text",
    [
        "Two weeks later she started letrozole for her liver metastases.",
        "Her cancer was treated, and three years later she was well.",
    ],
)
def test_a_number_elsewhere_places_no_bone(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "bone" not in extract(text).facts.get("metastatic_sites", [])
