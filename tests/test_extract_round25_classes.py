"""Round 25's classes (read after its first run), each a template grid with metamorphic checks.

- A menopausal prefix broken from its word at a line end and copied with the space ("a
  42-year-old pre- menopausal female"): the prefix is the word's; it used to read
  "menopausal female" as post-menopausal (a flipped status).
- A brain treatment told after a counted treatment ("She recently completed three courses of
  chemotherapy and radiotherapy to her brain"): the count is part of its item, so the done
  word still reaches the brain treatment; it used to read the treated metastases as active.
- The bare receptor word with a bare sign, as a patient copies a report ("Estrogen -,
  Progesterone +, HER2 +"): a value where the statement ends or the next receptor follows;
  "estrogen + progesterone therapy" is two hormones.
- An age told by a birthday ("5 days after my 30th birthday, I was told …") or at the
  discovery ("I was 55 when I found the lump"); never another person's event.
- A prognosis "given" is no treatment given ("I was given a 16% chance to live 5 years").
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

CASE = "metastatic breast cancer to the bones"


@pytest.mark.parametrize("prefix", ["pre-", "Pre-", "peri-", "non-"])
@pytest.mark.parametrize("person", ["female", "woman", "patient", ""])
def test_a_broken_pre_prefix_is_premenopausal(nlp, prefix: str, person: str) -> None:  # type: ignore[no-untyped-def]
    text = f"A 42-year-old {prefix} menopausal {person} with {CASE}.".replace("  ", " ")
    assert extract(text).facts.get("menopausal_status") == "pre"


@pytest.mark.parametrize("person", ["female", "woman", "patient"])
def test_a_broken_post_prefix_is_postmenopausal(nlp, person: str) -> None:  # type: ignore[no-untyped-def]
    assert (
        extract(f"A 62-year-old post- menopausal {person} with {CASE}.").facts.get(
            "menopausal_status"
        )
        == "post"
    )


@pytest.mark.parametrize("prefix", ["pre-", "peri-"])
def test_metamorphic_the_joined_word_reads_the_same(nlp, prefix: str) -> None:  # type: ignore[no-untyped-def]
    broken = extract(f"A 42-year-old {prefix} menopausal female with {CASE}.").facts
    joined = extract(f"A 42-year-old {prefix}menopausal female with {CASE}.").facts
    assert broken.get("menopausal_status") == joined.get("menopausal_status") == "pre"


@pytest.mark.parametrize(
    "count", ["three courses of", "6 cycles of", "several rounds of", "two sessions of", ""]
)
@pytest.mark.parametrize("done", ["completed", "received", "underwent", "had"])
@pytest.mark.parametrize(
    "brain_rt",
    ["radiotherapy to her brain", "radiotherapy to the brain", "whole brain radiotherapy"],
)
def test_a_brain_treatment_after_a_counted_one_is_done(  # type: ignore[no-untyped-def]
    nlp, count: str, done: str, brain_rt: str
) -> None:
    text = (
        "She has recurrence of the disease with liver, brain and bone metastases. "
        f"She recently {done} {count} chemotherapy and {brain_rt}.".replace("  ", " ")
    )
    facts = extract(text).facts
    assert facts.get("brain_metastases") is False
    assert "brain" in facts.get("metastatic_sites", [])


@pytest.mark.parametrize("count", ["three courses of", "6 cycles of"])
def test_a_planned_brain_treatment_stays_active(nlp, count: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She has liver, brain and bone metastases. "
        f"She will receive {count} chemotherapy and radiotherapy to her brain."
    )
    assert extract(text).facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    ("statement", "hr", "her2"),
    [
        ("Estrogen -, Progesterone +, HER2 +.", "positive", "positive"),
        ("Estrogen +, Progesterone +, HER2 -.", "positive", "negative"),
        ("Estrogen -, Progesterone -, HER2 +", "negative", "positive"),
        ("Oestrogen+ Progesterone- HER2-", "positive", "negative"),
        ("Estrogen- Progesterone- HER2-", "negative", "negative"),
        ("estrogen +, progesterone -, her2 -", "positive", "negative"),
    ],
)
def test_bare_receptor_words_with_bare_signs(  # type: ignore[no-untyped-def]
    nlp, statement: str, hr: str, her2: str
) -> None:
    facts = extract(f"De novo {CASE} at the age of 32: {statement}").facts
    assert facts.get("hormone_receptor") == hr
    assert facts.get("her2") == her2


@pytest.mark.parametrize(
    "text",
    [
        "She took estrogen + progesterone therapy for years.",
        "She took estrogen+progesterone for hot flushes.",
        "She took estrogen - the hormone - for years.",
        "Hormone + chemo was discussed.",
    ],
)
def test_hormones_named_with_a_plus_are_no_receptor(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "hormone_receptor" not in extract(text).facts


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("5 days after my 30th birthday, I was told I have stage 4 breast cancer.", 30),
        ("Just before my 40th birthday I was diagnosed with secondary breast cancer.", 40),
        ("A week after her 51st birthday she was told the cancer had spread to her liver.", 51),
        ("I was 55 when I found the lump in my right breast. It had spread to my bones.", 55),
        ("She was 48 when she was diagnosed with metastatic breast cancer.", 48),
        ("I was only 34 when I noticed the lump; it was already in my liver.", 34),
    ],
)
def test_an_age_told_by_a_birthday_or_at_the_discovery(nlp, text: str, age: int) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == age


@pytest.mark.parametrize(
    "text",
    [
        "I was 30 when my mother was diagnosed with breast cancer.",
        "I was 12 when I found out my aunt had breast cancer.",
        "We celebrated my mother's 80th birthday before her scan.",
        "I was 45 when I found the lump. Nine years later it spread to my bones.",
    ],
)
def test_another_persons_event_or_a_later_time_gives_no_age(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "age" not in extract(text).facts


@pytest.mark.parametrize(
    "prognosis",
    [
        "I was given a 16% chance to live 5 years.",
        "I was given 2 years to live.",
        "She was given the news by her oncologist.",
        "I was given a life expectancy of two years.",
    ],
)
def test_a_prognosis_given_is_no_treatment(nlp, prognosis: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"I was diagnosed with {CASE}. {prognosis}").facts
    assert facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "given", ["She was given six courses of chemotherapy.", "She was given 6 cycles of docetaxel."]
)
def test_metamorphic_a_treatment_given_still_counts(nlp, given: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"She was diagnosed with {CASE}. {given}").facts
    assert facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    "found",
    [
        "a lump on the inside of my armpit turned into Metastatic triple negative Breast Cancer.",
        "the spot on my liver turned out to be metastatic breast cancer.",
        "Turned out it was Triple Neg stage 4 with lung metastasis.",
        "what we thought was arthritis turned out to be bone metastases.",
    ],
)
def test_a_discovery_told_as_what_it_turned_into(nlp, found: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(f"In May 2018 {found}").facts
    assert facts.get("prior_lines") == 0


@pytest.mark.parametrize(
    "text",
    [
        "She turned 60 last week and has metastatic breast cancer. What next?",
        "In May 2018 a lump turned into metastatic breast cancer. She had 6 rounds of chemo, "
        "then it progressed.",
    ],
)
def test_turned_is_no_discovery_of_zero_lines_otherwise(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") != 0


INDUCTIONS = (
    ("Paclitaxel x6 with a partial response", 1),
    ("She received 6 cycles of docetaxel/doxorubicin and had an excellent response", 1),
    ("Capecitabine for 8 cycles, stable disease", 1),
)
MAINTENANCES = (
    "then maintenance letrozole and palbociclib",
    "followed by maintenance letrozole",
    "then letrozole as maintenance therapy",
)


@pytest.mark.parametrize(("induction", "chemo"), INDUCTIONS)
@pytest.mark.parametrize("maintenance", MAINTENANCES)
def test_induction_then_maintenance_failing_is_one_line(  # type: ignore[no-untyped-def]
    nlp, induction: str, chemo: int, maintenance: str
) -> None:
    text = (
        "Diagnosed with metastatic ER+ HER2- breast cancer in the liver in 2019. "
        f"{induction}, {maintenance}. Now progressing."
    )
    facts = extract(text).facts
    assert facts.get("prior_lines") == 1
    assert facts.get("prior_chemo_lines") == chemo


@pytest.mark.parametrize(("induction", "chemo"), INDUCTIONS[:2])
def test_metamorphic_a_progression_before_the_maintenance_makes_two_lines(  # type: ignore[no-untyped-def]
    nlp, induction: str, chemo: int
) -> None:
    text = (
        "Diagnosed with metastatic ER+ HER2- breast cancer in the liver in 2019. "
        f"{induction}, then progressed; then letrozole, now progressing."
    )
    assert extract(text).facts.get("prior_lines") == 2


@pytest.mark.parametrize(
    "text",
    [
        "De novo metastatic ER+ HER2- breast cancer to bone. Received docetaxel/doxorubicin x 6 "
        "and had an excellent response. Patient is now on maintenance letrozole.",
        "Metastatic ER+ HER2- breast cancer to the liver diagnosed in 2021. She received six "
        "cycles of paclitaxel with a good response, followed by maintenance letrozole.",
    ],
)
def test_induction_then_maintenance_going_on_is_the_first_line(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("prior_lines") == 0
