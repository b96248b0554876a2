"""Round 55's classes (first run 0.847 at 10e4cf0, fixed after), with metamorphic checks.

- An apposition's age tied to a time or going on with "and a …", after a name or a relative
  ("Eileen Z. Fuentes, then 34 and a mother of three", "My mom, 55 at the time, had Stage 4 …"),
  is her age anywhere in the text — not once a later time is told.
- A contrast may close the clause of an age told as "is just 51" ("… is just 51 but …").
- A relative's cancer is not read across another subject ("she told her husband she had breast
  cancer" is hers, not her husband's).
- A finding told as there already when it was found, in the past ("was told that the breast
  cancer had already spread", "was already terminal"), after a lead that tells her disease now
  with no time, is the story's discovery: 0 lines, not a progression.
- A word of the metastasis family mistyped in place ("metasticized", "metastesis") is read as
  the word.
- The news received in the sentence before ("I received the phone call I never wanted") tells
  the discovery of the stage IV disease told next.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract
from chatbot.nlp.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "It was September 2008 when Eileen Z. Fuentes, then 34 and a mother of three young "
        "girls, received stunning news: she had stage 4 breast cancer.",
        "Eileen Fuentes, 34 and a mother of three, has stage 4 breast cancer.",
        "I received the phone call I never wanted. My mom, 55 at the time, had Stage 4 HER-2 "
        "positive breast cancer.",
    ],
)
def test_an_apposed_age_told_with_a_time_is_hers(text: str) -> None:
    age = extract(text).facts.get("age")
    assert age in (34, 55)


def test_an_apposed_age_then_is_not_her_age_after_a_later_time() -> None:
    # metamorphic: the same apposition, the story going on years later -> no age
    ex = extract(
        "Jane Doe, then 34, had stage 2 breast cancer. Four years later it spread to her liver."
    )
    assert "age" not in ex.facts


def test_a_relatives_apposed_age_stays_the_relatives() -> None:
    ex = extract(
        "Her husband, Tom, then 52 and a builder, said she has stage 4 breast cancer in her liver."
    )
    assert ex.facts.get("age") != 52


@pytest.mark.parametrize("joiner", ["but", "yet"])
def test_an_age_told_as_is_just_n_may_close_on_a_contrast(joiner: str) -> None:
    ex = extract(
        f"Judy Byrne Murray is just 51 {joiner} having been diagnosed with Stage IV metastatic "
        "breast cancer two years ago, she plays golf."
    )
    assert ex.facts.get("age") == 51


@pytest.mark.parametrize(
    "text",
    [
        "She finally told her husband she had breast cancer that had spread to her bones.",
        "Diagnosed at 40, she told her husband that she had stage 4 breast cancer.",
    ],
)
def test_a_relatives_cancer_is_not_read_across_another_subject(text: str) -> None:
    assert extract(text).facts.get("sex") != "male"


def test_a_relative_with_an_emphatic_pronoun_of_his_own_is_still_the_patient() -> None:
    ex = extract(
        "The following year my dad told us HE had metastatic cancer. Turned out he had Triple "
        "Negative Breast Cancer too."
    )
    assert ex.facts.get("sex") == "male"


@pytest.mark.parametrize(
    "text",
    [
        "Sam Kenny, aged 36 from Aberdeen, is living with secondary breast cancer. After an "
        "initial diagnosis in November 2014, Sam was told three months later that the breast "
        "cancer had already spread to her spine and pelvis.",
        "My mum passed away from secondary breast cancer. She didn't seek medical advice for "
        "the lump in her breast. That's when we found out she had breast cancer that had spread "
        "to her bones and was already terminal.",
    ],
)
def test_a_finding_there_already_when_found_is_the_discovery(text: str) -> None:
    ex = extract(text)
    assert ex.facts.get("prior_lines") == 0
    assert "prior_lines" in ex.inferred


def test_a_finding_after_metastatic_disease_known_for_years_is_no_discovery() -> None:
    # metamorphic: the lead tells how long, and "has already spread" is now -> not 0
    ex = extract(
        "Known metastatic breast cancer since 2018 on letrozole. CT now shows the cancer has "
        "already spread to her liver."
    )
    assert ex.facts.get("prior_lines") != 0


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("metasticized", "metastasized"),
        ("metastatized", "metastasized"),
        ("metastesis", "metastasis"),
        ("metastacised", "metastasised"),
        ("Metastesis", "Metastasis"),
    ],
)
def test_a_mistyped_metastasis_word_is_mended_in_place(typed: str, word: str) -> None:
    text = f"The cancer had {typed} to her lungs."
    mended = normalise(text).text
    assert mended == f"The cancer had {word} to her lungs."
    assert len(mended) == len(text)


@pytest.mark.parametrize("word", ["metaplastic", "metachronous", "metastectomy", "metabolism"])
def test_other_met_words_are_left_as_typed(word: str) -> None:
    assert normalise(f"a {word} finding").text == f"a {word} finding"


def test_a_mistyped_spread_is_read_as_the_spread() -> None:
    ex = extract(
        "She seemed to be doing fairly well until the Fall of 1994 when she learned that the "
        "breast cancer had metasticized into her pulmonary nodules."
    )
    assert ex.facts.get("metastatic_sites") == ["lung"]


def test_the_news_received_before_tells_the_discovery() -> None:
    ex = extract(
        "Then, on January 27, 2009, I received the phone call I never wanted. My mom, 55 at the "
        "time, had Stage 4 HER-2 positive breast cancer."
    )
    assert ex.facts.get("prior_lines") == 0
    assert ex.facts.get("sex") == "female"
