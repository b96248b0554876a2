"""Round 33's classes (read after its first run), each a template grid with metamorphic checks.

- A drug abbreviation that is an everyday word or a name ("She continued to act like it wasn't
  a big deal" read AC-T, "Eve was diagnosed" everolimus, "she is a gem" gemcitabine, "Tam Anh
  General Hospital" tamoxifen) is a drug only in capitals or beside another drug or a dose.
- The age opening the sentence with "age" ("At age 41, …", "At the age of 41, …") is hers,
  unless another age of hers or a later time is told after it; "She is only 51, and …".
- "bone marrow invasion" is a bone-marrow site; "the verdict" is a discovery; a treatment
  decided on ("she decided to undergo chemotherapy") is at most just begun; "entering my fourth
  regimen" is a start.
- The scope judge reads a recurrence dreaded or weighed ("problems I would prefer to a breast
  cancer recurrence") as no recurrence, and "localized disease", "post op chemotherapy" as early.
"""

from __future__ import annotations

import pytest

from chatbot.dialogue.scope import judge_scope
from chatbot.nlp import extract


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("She continued to act like it wasn't that big of a deal.", "doxorubicin"),
        ("Eve was diagnosed with metastatic breast cancer in her liver.", "everolimus"),
        ("Our nurse said she is a gem.", "gemcitabine"),
        ("A mammogram at Tam Anh General Hospital revealed a lesion.", "tamoxifen"),
        ("Tam told me her sister has metastatic breast cancer.", "tamoxifen"),
    ],
)
def test_an_everyday_word_is_no_drug(nlp, text: str, drug: str) -> None:  # type: ignore[no-untyped-def]
    assert drug not in extract(text).facts.get("prior_therapies", [])


@pytest.mark.parametrize(
    ("text", "drugs"),
    [
        ("MBC to liver. Progressed on gem/carbo.", ["gemcitabine", "carboplatin"]),
        ("MBC to liver. Started gem 1000 mg/m2 weekly.", ["gemcitabine"]),
        ("MBC to liver. Started gem 1000mg weekly.", ["gemcitabine"]),
        ("MBC to bone. On eve + exemestane since March.", ["everolimus", "exemestane"]),
        ("MBC to bone. Progressed on EVE/EXE.", ["everolimus", "exemestane"]),
        ("Liver metastases after 4 cycles of ACT.", ["doxorubicin", "cyclophosphamide"]),
    ],
)
def test_the_abbreviation_beside_a_drug_or_in_capitals_is_a_drug(
    nlp, text: str, drugs: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the same abbreviations written as clinicians write regimens still count."""
    facts = extract(text).facts
    found = facts.get("prior_therapies", []) + facts.get("progressed_on", [])
    assert set(drugs) <= set(found)


@pytest.mark.parametrize("opening", ["At age {n},", "At the age of {n},", "At age {n} ,"])
@pytest.mark.parametrize("n", [41, 67])
def test_the_age_opening_the_sentence_is_hers(nlp, opening: str, n: int) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"{opening.format(n=n)} the active scuba-diving lover found herself unable to go to work. "
        "Tests confirmed stage four breast cancer that had already spread to her bones."
    )
    assert extract(text).facts.get("age") == n


@pytest.mark.parametrize(
    "later",
    [
        "She was hospitalized with lung metastases at the age of 57.",
        "Currently, biopsies of liver tumors show metastatic breast cancer.",
        "Twelve years later liver metastases were found.",
    ],
)
def test_an_age_opening_an_earlier_event_is_not_hers_now(nlp, later: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a later age or time told after it makes it the age of an earlier event."""
    text = f"At the age of 29, the patient underwent a mastectomy and chemotherapy. {later}"
    assert extract(text).facts.get("age") != 29


@pytest.mark.parametrize("word", ["only", "just", "barely"])
@pytest.mark.parametrize("end", [", and our prognosis is three years.", "."])
def test_she_is_only_n(nlp, word: str, end: str) -> None:  # type: ignore[no-untyped-def]
    text = f"My wife has stage 4 breast cancer. She is {word} 51{end}"
    assert extract(text).facts.get("age") == 51


@pytest.mark.parametrize("phrase", ["bone marrow invasion", "invasion of the bone marrow"])
def test_bone_marrow_invasion_is_a_site(nlp, phrase: str) -> None:  # type: ignore[no-untyped-def]
    text = f"It was metastatic breast cancer with multiple bone metastases and {phrase}."
    assert "bone marrow" in extract(text).facts.get("metastatic_sites", [])


@pytest.mark.parametrize(
    "when", ["When the verdict came it was", "The verdict:", "The verdict was"]
)
def test_the_verdict_is_the_discovery(nlp, when: str) -> None:  # type: ignore[no-untyped-def]
    result = extract(
        f"{when} metastatic breast cancer (ER/PR+ Her2-) with multiple bone metastases."
    )
    assert result.facts.get("prior_lines") == 0 and "prior_lines" in result.inferred


@pytest.mark.parametrize("decided", ["decided to undergo", "agreed to have", "opted for", "chose"])
def test_a_treatment_decided_on_is_no_line_given(nlp, decided: str) -> None:  # type: ignore[no-untyped-def]
    text = f"She was diagnosed with breast cancer that had spread to the liver. She {decided} chemotherapy."
    assert extract(text).facts.get("prior_lines") == 0


def test_a_treatment_decided_on_and_failed_is_a_line(nlp) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: a decision followed by its failure is a line given."""
    text = "Liver metastases were found. She opted for capecitabine, which failed after 4 months."
    assert extract(text).facts.get("prior_lines") == 1


@pytest.mark.parametrize(("ordinal", "before"), [("fourth", 3), ("third", 2), ("second", 1)])
def test_entering_an_ordinal_regimen_is_its_start(nlp, ordinal: str, before: int) -> None:  # type: ignore[no-untyped-def]
    text = f"She has metastatic breast cancer. I'm entering my {ordinal} regimen of chemotherapy."
    assert extract(text).facts.get("prior_lines") == before


@pytest.mark.parametrize(
    "text",
    [
        "After five years of Arimidex, I have been told to stop. There are many problems I would "
        "prefer to a breast cancer recurrence.",
        "I finished radiation for stage 2 breast cancer and I'm terrified of a recurrence.",
        "She underwent a workup which revealed a localized disease of the breast. She was operated "
        "and received post op chemotherapy for her breast cancer.",
    ],
)
def test_a_dreaded_recurrence_or_localized_disease_is_early(text: str) -> None:
    assert judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "I'm terrified of a recurrence. My breast cancer has spread to my liver.",
        "Localized disease at diagnosis in 2015; now liver metastases on letrozole.",
    ],
)
def test_a_dreaded_recurrence_beside_metastases_stays_in_scope(text: str) -> None:
    assert not judge_scope(text).out_of_scope


@pytest.mark.parametrize(
    "questions",
    [
        "Can you confirm the diagnosis? What stage is the breast cancer, and what does it mean for prognosis?",
        "What does this mean for her? How long will she live?",
    ],
)
def test_her_disease_found_then_asked_about_is_her_case(session_factory, questions: str) -> None:  # type: ignore[no-untyped-def]
    """A patient whose metastatic disease is told found, with questions about her and no drug
    named, is a case: its facts are kept (the reply may still be a question or an answer)."""
    session = session_factory()
    session.send(
        "Today is our first meeting with the oncologist since we learned that we are in stage 4, "
        f"with metastases to the liver and lymph nodes. {questions}"
    )
    assert session.last_route.intent == "case"
    assert "liver" in session.facts.get("metastatic_sites", [])


def test_a_drug_asked_about_stays_a_question(session_factory) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: the same patient with a drug asked about stays a question about the drug."""
    session = session_factory()
    session.send(
        "She developed bone metastases after adjuvant tamoxifen. What is the dose of denosumab?"
    )
    assert session.last_route.intent == "info"
