"""Round 27's classes (read after its first run), each a template grid with metamorphic checks.

- A line told as the writer's course of treatment ("I'm on my fifth course of treatment now"):
  the line she is on, 4 given; it used to read 0 lines (the event's first line). "Her fifth
  course of chemotherapy" may be a cycle and is not read as a line.
- The age now told after the story ("says Patti, who's now 52."), a clause ending after it.
- The word said to the family as the discovery ("Then the word metastasis was uttered….. It was
  now in her brain.").
- A patient's word for the nodes ("my lymph system") and a time told between the spread verb and
  its place ("had metastasized 2 ½ years ago in my lymph system").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

EVENT = (
    "At the 5-year mark I was diagnosed with metastatic breast cancer; it had spread to my lungs."
)


@pytest.mark.parametrize(
    ("ordinal", "given"),
    [("second", 1), ("third", 2), ("fifth", 4), ("5th", 4), ("seventh", 6)],
)
@pytest.mark.parametrize(
    "course", ["course of treatment", "course of therapy", "treatment", "line"]
)
def test_my_nth_course_of_treatment_is_the_line_i_am_on(  # type: ignore[no-untyped-def]
    nlp, ordinal: str, given: int, course: str
) -> None:
    facts = extract(f"{EVENT} I'm on my {ordinal} {course} now.").facts
    assert facts.get("prior_lines") == given


@pytest.mark.parametrize(
    "cycle", ["her fifth course of chemotherapy", "my third course of docetaxel"]
)
def test_a_course_of_a_drug_may_be_a_cycle_and_is_no_line(nlp, cycle: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"Metastatic breast cancer in the liver. She is on {cycle}.").facts
    assert facts.get("prior_lines") is None


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("“I didn’t know what it meant to be metastatic,” says Patti, who’s now 52.", 52),
        ("She is now 61, and on her fourth line for metastatic breast cancer.", 61),
        ("I'm now 47 and living with metastatic breast cancer.", 47),
    ],
)
def test_the_age_now_told_after_the_story(nlp, text: str, age: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    ["She is now 14 days out from surgery.", "Her son is now 52, and her daughter is 50."],
)
def test_no_age_from_another_count_or_person(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "age" not in extract(text).facts


@pytest.mark.parametrize("word", ["metastasis", "metastatic", "metastases"])
def test_the_word_uttered_is_the_discovery(nlp, word: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "After a year long treatment of chemotherapy, radiation, and a double mastectomy for her "
        f"breast cancer she was deemed cancer free. Then the word {word} was uttered. It was now "
        "in her liver."
    )
    assert extract(text).facts.get("prior_lines") == 0


@pytest.mark.parametrize("written", ["lymph system", "lymphatic system"])
@pytest.mark.parametrize("gap", ["", "2 ½ years ago ", "three years later "])
def test_a_patients_word_for_the_nodes_after_a_time(nlp, written: str, gap: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The breast cancer that had metastasized {gap}in my {written} responded to Xeloda."
    assert "lymph nodes" in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text",
    [
        "Does this mean it will travel all through her lymphatic system?",
        "The lymphatic system drains the breast.",
        "She had metastases 2 years ago. In the bone scan nothing was found.",
    ],
)
def test_no_site_without_a_spread_told(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "lymph nodes" not in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize("verb", ["appeared", "emerged", "developed", "popped up", "showed up"])
@pytest.mark.parametrize(
    ("place", "site"), [("a muscle in my back", "soft tissue"), ("my liver", "liver")]
)
def test_a_lesion_appearing_at_its_organ(nlp, verb: str, place: str, site: str) -> None:  # type: ignore[no-untyped-def]
    text = f"My breast cancer responded to Xeloda but all of a sudden a spot {verb} in {place}."
    assert site in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "text", ["Her pain appeared in a muscle in her back.", "A rash developed on my arm."]
)
def test_no_site_without_a_lesion(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not extract(text).facts.get("metastatic_sites")
