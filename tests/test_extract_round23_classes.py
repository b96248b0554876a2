"""Round 23's classes (read after its first run), each a template grid with metamorphic checks.

- A line count up to twelve ("She's tried fourteen drugs and seven lines of therapy").
- The cancer told absent from the brain in a patient's words ("The cancer is not in my
  brain") settles brain metastases as none; a scan not done says nothing.
- Patients' spellings: "BRAC2", "Triple-", "TNMBC".
- The patient's children told with their ages ("a single mum of boys aged 15 and 12") are
  no age of hers.
- A patient's own account: its third-person pronouns are her clinicians' ("I decided to go
  with his recommendation"), never her sex; a quotation inside a journalist's account is not
  the writer's own; "As a single mom, all I could think …" is her own word for herself.
- A receptor status told of a time gone by ("when I, too, was ER/PR+") is no current status.
- A treatment told as what comes next ("I'm going straight to chemotherapy") is no line given.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

WORDS = {7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


@pytest.mark.parametrize("count", sorted(WORDS))
@pytest.mark.parametrize("written", ["word", "digit"])
@pytest.mark.parametrize(
    "template",
    [
        "Metastatic HER2 positive breast cancer; she has tried {n} lines of therapy.",
        "ER+ MBC after {n} prior lines, now progressing in the liver.",
        "She's tried fourteen drugs and {n} lines of therapy for her metastatic breast cancer.",
    ],
)
def test_line_counts_up_to_twelve(nlp, count: int, written: str, template: str) -> None:  # type: ignore[no-untyped-def]
    n = WORDS[count] if written == "word" else str(count)
    assert extract(template.format(n=n)).facts.get("prior_lines") == count


@pytest.mark.parametrize("n", ["seven", "10"])
@pytest.mark.parametrize("noise", ["4L O2", "T10 vertebra", "C7D1", "ECOG 1"])
def test_metamorphic_irrelevant_number_leaves_the_count(nlp, n: str, noise: str) -> None:  # type: ignore[no-untyped-def]
    base = f"ER+ MBC, she has had {n} lines of therapy."
    assert extract(f"{base} {noise}.").facts.get("prior_lines") == extract(base).facts.get(
        "prior_lines"
    )


@pytest.mark.parametrize(
    "said",
    [
        "The cancer is not in my brain.",
        "The cancer isn't in her brain.",
        "There is no cancer in her brain.",
        "It's not in my brain, thank god.",
        "The cancer has not spread to his brain.",
    ],
)
def test_cancer_told_absent_from_the_brain(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"Metastatic breast cancer in the bones. {said}")
    assert ex.facts.get("brain_metastases") is False
    assert "brain" not in ex.facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "said",
    ["The MRI did not include the brain.", "No brain imaging yet.", "The cancer is in my brain."],
)
def test_metamorphic_not_an_absence(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    assert (
        extract(f"Metastatic breast cancer in the bones. {said}").facts.get("brain_metastases")
        is not False
    )


@pytest.mark.parametrize("gene", ["BRAC2", "Brac1", "brac"])
@pytest.mark.parametrize(
    ("template", "value"),
    [
        ("I tested positive for the faulty {g} gene. Now I have bone metastases.", True),
        ("MBC in the liver; {g} negative.", False),
    ],
)
def test_brca_letters_turned_round(nlp, gene: str, template: str, value: bool) -> None:  # type: ignore[no-untyped-def]
    assert extract(template.format(g=gene)).facts.get("germline_brca") is value


@pytest.mark.parametrize(
    "written", ["I am Triple-.", "She is triple -ve.", "I got my TNMBC diagnosis in 2021."]
)
def test_triple_negative_as_typed(nlp, written: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"{written} Lung metastases.")
    assert ex.facts.get("hormone_receptor") == "negative"
    assert ex.facts.get("her2") == "negative"


def test_triple_with_a_hyphen_into_a_word_is_not_negative(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Triple-positive breast cancer with liver metastases.")
    assert ex.facts.get("hormone_receptor") == "positive"


@pytest.mark.parametrize(
    "children", ["boys aged 15 and 12", "two daughters aged 9 and 11", "a son aged 6"]
)
def test_childrens_ages_are_not_hers(nlp, children: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Tracey, a single mum of {children}, has breast cancer spread to her lung. "
        "The 48-year-old is on her last course of chemotherapy."
    )
    assert extract(text).facts.get("age") == 48


@pytest.mark.parametrize(
    "other",
    [
        "I decided to go with his recommendation and had a total mastectomy.",
        "My oncologist said he would order a scan.",
        "The nurse called and she assured me there are options.",
    ],
)
def test_pronouns_in_a_patients_own_account_are_not_her_sex(nlp, other: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I was diagnosed with metastatic breast cancer in my bones last year. {other} He said it is ER positive."
    assert "sex" not in extract(text).facts


def test_a_third_person_case_still_gives_the_pronouns_sex(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She was diagnosed with metastatic breast cancer in her bones last year. She received letrozole"
        " and her disease progressed after 14 months."
    )
    ex = extract(text)
    assert ex.facts.get("sex") == "female" and "sex" in ex.inferred


def test_a_quotation_in_a_journalists_account_is_not_the_writers_own(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        'For Naomi, her journey started with devastating news. "They found the breast cancer had'
        ' metastasized to my liver," she said. She started chemotherapy in May and her scans improved.'
    )
    assert extract(text).facts.get("sex") == "female"


@pytest.mark.parametrize(
    ("noun", "sex"), [("single mom", "female"), ("young woman", "female"), ("dad", "male")]
)
def test_as_a_self_noun_before_her_own_clause(nlp, noun: str, sex: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I was diagnosed with triple-negative breast cancer in 2017. As a {noun}, all I could think about was my child."
    assert extract(text).facts.get("sex") == sex


@pytest.mark.parametrize(
    "past", ["when I, too, was ER/PR+", "when she was ER positive", "when the tumour was ER+"]
)
def test_a_status_of_a_time_gone_by_is_not_current(nlp, past: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I am Triple-. Mine was a recurrence after a 19-year gap {past}. Nodules in my lung."
    ex = extract(text)
    assert ex.facts.get("hormone_receptor") == "negative"


@pytest.mark.parametrize(
    "ahead",
    [
        "I'm going straight to chemotherapy",
        "she will start chemotherapy next week",
        "I'll be going on capecitabine",
    ],
)
def test_a_treatment_told_ahead_is_no_line_given(nlp, ahead: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Wednesday I found out that the breast cancer has spread to my lungs. I was hoping they'd"
        f" remove the new tumour in my breast, but because of the lesions on my lungs, {ahead}."
    )
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0 and "prior_lines" in ex.inferred


def test_metamorphic_a_treatment_given_is_a_line(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Wednesday I found out that the breast cancer has spread to my lungs. I received"
        " capecitabine and it failed after four months."
    )
    assert extract(text).facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    "said",
    [
        "No treatment for it yet.",
        "No therapy for it so far.",
        "Not treated yet.",
        "It has not been treated yet.",
    ],
)
def test_nothing_given_yet_in_a_patients_words_is_no_line(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract(f"ER+ HER2- metastatic breast cancer in the bones. {said}")
    assert ex.facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "said", ["No treatment for the brain yet.", "No treatment for her pain yet."]
)
def test_metamorphic_nothing_given_for_one_organ_counts_no_lines(nlp, said: str) -> None:  # type: ignore[no-untyped-def]
    assert "prior_lines" not in extract(f"ER+ HER2- metastatic breast cancer. {said}").facts
