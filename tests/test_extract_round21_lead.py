"""Round 21's classes (lead), each a template grid with metamorphic checks.

- A sex word under a negation denies nothing about the patient: "I had never thought about a
  man having breast cancer" (a man's own account) read the patient as female.
- The patients' spelling of the BRCA genes ("She has Braca2") is the gene.
- An age written without "old" ("61-year-woman") is the age.
- The patients' verbs of spread ("moved", "travelled", "migrated") place the cancer at the organ
  as "spread" does ("his cancer has moved from his breast tissue to his skull").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

DENIED_SEX = [
    "I had never thought about a man having breast cancer, but here it was.",
    "I never knew a man could get breast cancer.",
    "I did not think a man could have breast cancer.",
    "No woman in my family ever had it.",
]
STORY = "Stage IV breast cancer with bone metastases. {s}"


@pytest.mark.parametrize("said", DENIED_SEX)
def test_a_denied_sex_word_says_nothing(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(STORY.format(s=said))
    assert "sex" not in ex.facts


@pytest.mark.parametrize("said", DENIED_SEX)
@pytest.mark.parametrize(("person", "sex"), [("man", "male"), ("woman", "female")])
def test_metamorphic_a_denied_sex_word_leaves_the_told_sex(
    nlp, said: str, person: str, sex: str
) -> None:  # type: ignore[no-untyped-def]
    base = f"Stage IV breast cancer with bone metastases, ER positive, in a 61-year-old {person}."
    assert extract(base).facts.get("sex") == sex
    assert extract(f"{base} {said}").facts.get("sex") == sex


@pytest.mark.parametrize("gene", ["Braca", "Braca2", "BRACA1", "braca1/2"])
@pytest.mark.parametrize(
    ("template", "value"),
    [
        ("She has {g}. Metastatic breast cancer to the lung.", True),
        ("MBC in the liver, {g} positive.", True),
        ("MBC in the liver, {g} negative.", False),
        ("MBC in the liver, no {g} mutation.", False),
    ],
)
def test_patients_spelling_of_brca(nlp, gene: str, template: str, value: bool) -> None:  # type: ignore[no-untyped-def]
    assert extract(template.format(g=gene)).facts.get("germline_brca") is value


@pytest.mark.parametrize("person", ["woman", "female", "man", "male", "patient", "lady"])
@pytest.mark.parametrize("age", [34, 61, 78])
def test_age_written_without_old(nlp, person: str, age: int) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"A {age}-year-{person} with metastatic breast cancer to the liver.")
    assert ex.facts.get("age") == age


@pytest.mark.parametrize("verb", ["moved", "travelled", "traveled", "migrated", "spread"])
@pytest.mark.parametrize(
    ("organ", "site"), [("skull", "bone"), ("spine", "bone"), ("liver", "liver"), ("lungs", "lung")]
)
def test_patients_verbs_of_spread(nlp, verb: str, organ: str, site: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"His breast cancer has {verb} from his breast tissue to his {organ}.")
    assert site in (ex.facts.get("metastatic_sites") or [])


@pytest.mark.parametrize("text", ["She was moved to the ICU.", "He moved to Florida last year."])
def test_a_move_of_the_patient_names_no_site(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not extract(f"Metastatic breast cancer. {text}").facts.get("metastatic_sites")


COURSES = [
    "He's been through chemotherapy once and radiation twice.",
    "He has had chemotherapy twice.",
    "She has been through chemo.",
    "She went through chemotherapy three times.",
    "She had capecitabine twice.",
]
DE_NOVO = [
    "My dad was initially diagnosed with metastatic breast cancer. {c}",
    "She was diagnosed with stage 4 breast cancer in her bones in 2021. {c}",
]


@pytest.mark.parametrize("course", COURSES)
@pytest.mark.parametrize("story", DE_NOVO)
def test_a_course_counted_is_no_zero_lines(nlp, course: str, story: str) -> None:  # type: ignore[no-untyped-def]
    """A regimen told gone through or counted ("once", "twice") was given: never 0 lines."""
    assert extract(story.format(c=course)).facts.get("prior_lines") != 0


@pytest.mark.parametrize("story", DE_NOVO)
def test_metamorphic_a_regimen_just_begun_is_still_zero(nlp, story: str) -> None:  # type: ignore[no-untyped-def]
    assert (
        extract(story.format(c="She started letrozole and palbociclib.")).facts.get("prior_lines")
        == 0
    )
