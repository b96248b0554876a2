"""Round 28's classes (read after its first run), each a template grid with metamorphic checks.

- Values offered as alternatives in a question ("What type of breast cancer (i.e., er+ or
  triple neg)?", "pre or postmenopausal?") are asked, neither told; a slash still joins a
  panel ("ER+/PR-") and a list fact's members are no alternatives ("letrozole or palbo").
- A time word after the joiner of a list of places ("her liver, lungs, bone, and now brain").
- The writer's noun at the end of a list of what she is ("I'm a writer, an activist, …, a
  wife and mom"); a writer among "women like myself living with metastatic breast cancer".
- "too weak to undergo chemotherapy" (the frailty word any of its kind) is no candidate.
- The writer's own age closed by a bracket ("( I am 73)"); told after "I'm" in a carer's
  message ("My wife, age 78, … I'm 83 years old"), the carer's.
- The age a story ends at ("She died at age 45"); children's ages ("tell a 12 year old, a 9
  year old and a 3 year old") are no one's age to ask back.
- A drug's effect on the bones ("including bone loss", "brittle bones") names no site.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

QUESTION_FRAMES = [
    "What type of breast cancer (i.e., {a} or {b})?",
    "What subtype was it, {a} or {b}?",
    "Is the tumour {a} or {b}?",
    "Do we know if it is {a} vs {b}?",
]
ALTERNATIVES = [
    ("er+", "triple neg", "hormone_receptor"),
    ("ER positive", "ER negative", "hormone_receptor"),
    ("HER2-positive", "HER2-negative", "her2"),
    ("HER2-low", "HER2-0", "her2_low"),
]


@pytest.mark.parametrize("frame", QUESTION_FRAMES)
@pytest.mark.parametrize(("a", "b", "fact"), ALTERNATIVES)
def test_values_offered_in_a_question_are_not_told(  # type: ignore[no-untyped-def]
    nlp, frame: str, a: str, b: str, fact: str
) -> None:
    result = extract(frame.format(a=a, b=b))
    assert fact not in result.facts
    assert not any(c.fact == fact for c in result.contradictions)


@pytest.mark.parametrize(("a", "b", "fact"), ALTERNATIVES)
def test_the_answer_told_after_the_offered_choice_is_read(  # type: ignore[no-untyped-def]
    nlp, a: str, b: str, fact: str
) -> None:
    """Metamorphic: the question offers both, the answer after it tells one."""
    told = extract(f"{a.capitalize()} breast cancer.").facts.get(fact)
    assert told is not None
    result = extract(f"What type of breast cancer (i.e., {a} or {b})? Mine was {a}.")
    assert result.facts.get(fact) == told


@pytest.mark.parametrize(
    "text",
    [
        "ER+/PR- MBC on letrozole, next?",
        "62F ER+/PR+ HER2 0, bone mets, PD on letrozole/palbo, thoughts?",
        "ER+ HER2- MBC: liver or bone only?",
    ],
)
def test_a_panel_or_a_list_in_a_question_is_still_read(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("hormone_receptor") == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "Is she pre- or postmenopausal?",
        "ER+ HER2- MBC, pre or postmenopausal?",
        "premenopausal or postmenopausal?",
        "pre or post menopausal?",
    ],
)
def test_both_menopausal_statuses_offered_tell_neither(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "menopausal_status" not in extract(text).facts


def test_pre_and_post_of_a_scan_are_no_menopause(nlp) -> None:  # type: ignore[no-untyped-def]
    result = extract("pre- and post-fluorodeoxyglucose PET scans in a woman with MBC")
    assert "menopausal_status" not in result.facts
    assert "menopausal_status" not in result.uncertain


@pytest.mark.parametrize("time", ["now", "later", "most recently", "eventually", "then"])
@pytest.mark.parametrize(
    "head", ["had progressed to her liver, lungs, bone", "spread to the liver and bones"]
)
def test_a_time_word_after_the_joiner_keeps_the_list(  # type: ignore[no-untyped-def]
    nlp, time: str, head: str
) -> None:
    facts = extract(f"Her breast cancer {head}, and {time} brain.").facts
    assert "brain" in (facts.get("metastatic_sites") or [])
    assert facts.get("brain_metastases") is True


@pytest.mark.parametrize(
    ("roles", "sex"),
    [
        ("a writer, an activist, a former attorney, a wife and mom to two children", "female"),
        ("a teacher, a runner, a mother of two", "female"),
        ("a nurse, a wife", "female"),
        ("a veteran, a father of three", "male"),
    ],
)
def test_the_writer_s_noun_closing_a_list_of_what_she_is(  # type: ignore[no-untyped-def]
    nlp, roles: str, sex: str
) -> None:
    text = f"My name is Sam. I'm {roles}…and I have metastatic breast cancer."
    assert extract(text).facts.get("sex") == sex


@pytest.mark.parametrize("who", ["myself", "me"])
@pytest.mark.parametrize(
    "tail", ["living with metastatic breast cancer", "with stage 4 breast cancer"]
)
def test_a_writer_among_women_like_her(nlp, who: str, tail: str) -> None:  # type: ignore[no-untyped-def]
    text = f"I belong to an online support group for women like {who} {tail}."
    assert extract(text).facts.get("sex") == "female"


def test_women_like_me_without_a_cancer_says_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "sex" not in extract("Women like me love running.").facts


@pytest.mark.parametrize(
    "adjective", ["weak", "frail", "sick", "ill", "unwell", "debilitated", "deconditioned"]
)
@pytest.mark.parametrize("verb", ["to undergo", "to receive", "to tolerate", "to have", "for"])
def test_too_weak_for_chemotherapy_is_no_candidate(  # type: ignore[no-untyped-def]
    nlp, adjective: str, verb: str
) -> None:
    text = f"She was too {adjective} {verb} chemotherapy."
    assert extract(text).facts.get("chemo_candidate") is False


def test_not_too_weak_for_chemotherapy_is_not_unfit(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract("She was not too weak to undergo chemotherapy.").facts
    assert facts.get("chemo_candidate") is not False


@pytest.mark.parametrize(
    "text",
    [
        "I am on letrozole for the rest of my life ( I am 73). My concern is my estrogen.",
        "I'm on letrozole (I'm 73) and worry about it.",
    ],
)
def test_the_writer_s_age_in_brackets(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text).facts.get("age") == 73


@pytest.mark.parametrize("kin", ["wife", "mother", "sister"])
@pytest.mark.parametrize("mine", ["I’m 83 years old", "I'm 83", "I am 83 years old"])
def test_the_carer_s_age_after_i_m_is_not_the_patient_s(  # type: ignore[no-untyped-def]
    nlp, kin: str, mine: str
) -> None:
    text = (
        f"My {kin}, age 78, has had a double mastectomy; the cancer has spread to her bones. "
        f"{mine}, and we both feel that quality of life matters."
    )
    assert extract(text).facts.get("age") == 78


@pytest.mark.parametrize(
    "death", ["She died at age 45", "She died at the age of 45", "She passed away at age 45"]
)
def test_the_age_a_story_ends_at(nlp, death: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "She was NED for nearly 6 years when she found out that her breast cancer had "
        f"metastasized to her bones. {death}, leaving a husband and three children."
    )
    assert extract(text).facts.get("age") == 45


def test_a_relative_s_death_age_is_not_hers(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "age" not in extract("Her mother died at age 45 of breast cancer.").facts


@pytest.mark.parametrize(
    "children",
    ["a 12 year old, a 9 year old and a 3 year old", "a 7-year-old", "my 10 year old"],
)
def test_children_s_ages_are_no_one_s_to_ask(nlp, children: str) -> None:  # type: ignore[no-untyped-def]
    text = (
        "I had a breast cancer at 30 years old! How do I begin to tell "
        f"{children} that Mum has got cancer? The cancer had already spread to my liver."
    )
    result = extract(text)
    assert result.facts.get("age") == 30
    assert "age" not in result.uncertain


def test_a_girl_of_fifteen_is_still_asked_back(nlp) -> None:  # type: ignore[no-untyped-def]
    result = extract("We describe a 15-year-old girl with metastatic breast cancer.")
    assert "age" not in result.facts
    assert "age" in result.uncertain


@pytest.mark.parametrize(
    "phrase",
    ["including bone loss", "brittle bones", "bone thinning", "weak bones", "a broken bone"],
)
def test_a_drug_s_effect_on_the_bones_is_no_site(nlp, phrase: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Her doctor recommends letrozole, which has many side effects, {phrase}."
    assert "bone" not in (extract(text).facts.get("metastatic_sites") or [])


def test_bone_metastases_beside_bone_loss_are_still_read(nlp) -> None:  # type: ignore[no-untyped-def]
    facts = extract("Bone metastases; letrozole may worsen her bone loss.").facts
    assert facts.get("metastatic_sites") == ["bone"]
