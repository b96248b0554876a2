"""Stop 31: a question asked while the bot's own question is open is answered as a question.

Before, any message that was no answer got "I could not read that as an answer", and a second
one marked the open fact unknown — "Could it have spread to her brain?" or "What is the
prognosis?" asked mid-case cost the clinician the open question. Now the question is routed
to information: a yes/no question about the patient's own state says where that fact comes
from (``Extraction.asked``; neither the bot nor the guideline can tell it) and sets nothing;
any other question gets its guideline look-up; the open question is repeated and stays open,
so the next reply still answers it.
"""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

OPENINGS = {
    # opening case -> the fact its first question asks
    "67F ER+/HER2- MBC, bone mets, postmenopausal. Next?": "visceral_crisis",
    "58-year-old woman with triple-negative MBC, liver and lung metastases, no visceral "
    "crisis, fit for chemotherapy, no prior treatment for metastatic disease.": None,
}
STATE_QUESTIONS = {
    # a yes/no question about her state -> the facts it asks
    "Could it have spread to her brain?": {"brain_metastases"},
    "Has it spread to the brain?": {"brain_metastases"},
    "Does she have brain mets?": {"brain_metastases"},
    "Might she be HER2-low?": {"her2_low"},
    "Is she BRCA positive?": {"germline_brca"},
    "Has she had a CDK4/6 inhibitor?": {"prior_cdk46"},
}
OTHER_QUESTIONS = ["What is the prognosis?", "What does visceral crisis mean?"]


@pytest.mark.parametrize("question", sorted(STATE_QUESTIONS))
def test_a_state_question_records_what_it_asks(question: str) -> None:
    ex = extract(question)
    assert STATE_QUESTIONS[question] <= ex.asked
    assert not ex.asked & set(ex.facts)
    assert not ex.facts.keys() & STATE_QUESTIONS[question]


def test_a_told_fact_is_never_asked() -> None:
    ex = extract("She has brain mets. Is she BRCA positive?")
    assert ex.facts.get("brain_metastases") is True
    assert "brain_metastases" not in ex.asked and "germline_brca" in ex.asked
    assert not extract("ER+/HER2- MBC with liver mets, next?").asked


@pytest.mark.parametrize("opening", sorted(OPENINGS))
@pytest.mark.parametrize("question", sorted(STATE_QUESTIONS) + OTHER_QUESTIONS)
def test_the_open_question_survives_a_question(
    session_factory, opening: str, question: str
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(opening)
    assert first.kind == "question"
    asked, choices = first.asks, first.choices
    for _ in range(2):  # twice: a second question no longer gives the open fact up
        reply = session.send(question)
        assert reply.kind == "info", session.last_route
        assert session.last_route.intent == "info"
        assert asked not in reply.facts and asked not in session._state.unknown
        assert list(reply.choices) == list(choices)
        assert any(s.text.startswith("Still open for the case") for s in reply.statements)
        for fact in STATE_QUESTIONS.get(question, ()):
            assert fact not in reply.facts
        if question in STATE_QUESTIONS:
            assert any("records, tests and scans" in s.text for s in reply.statements)
            assert not any(s.sources for s in reply.statements)  # no guideline passage
    if OPENINGS[opening] is not None:
        assert asked == OPENINGS[opening]


def test_without_a_case_a_state_question_says_where_the_fact_comes_from(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    reply = session.send("Has it spread to the liver?")
    assert reply.kind == "info" and not reply.facts
    assert any("metastatic sites" in s.text and "records" in s.text for s in reply.statements)
    # a question naming a drug still gets the guideline's passage
    reply = session.send("Does she have a BRCA mutation? Would olaparib help?")
    assert any(s.sources for s in reply.statements)


def test_a_state_question_about_a_fact_the_case_holds_says_it_back(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(
        "67-year-old woman, ER+/HER2- MBC, bone and liver mets, no brain mets. Next?"
    )
    assert first.kind == "question"
    for question, fact, words in [
        ("Does she have brain mets?", "active brain metastases", "as told earlier"),
        ("Has it spread to the liver?", "metastatic sites", "as told earlier"),
        ("Is she premenopausal?", "menopausal status", "inferred"),  # from her age
    ]:
        reply = session.send(question)
        assert reply.kind == "info" and reply.asks is None
        said = [s.text for s in reply.statements if s.text.startswith("In this case")]
        assert said and fact in said[0] and words in said[0], said
        assert not any("records, tests and scans" in s.text for s in reply.statements)
    assert session._state.facts["brain_metastases"] is False  # nothing changed


@pytest.mark.parametrize(
    "text", ["What?", "sorry?", "what do you mean?", "why do you ask?", "Does it matter?"]
)
def test_a_question_about_the_open_question_asks_it_again(session_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    """Metamorphic: "What?" asks about the bot's own question, not one of the user's — the
    open question is asked again (as before), never answered with a guideline look-up."""
    session = session_factory()
    first = session.send("67F ER+/HER2- MBC, bone mets, postmenopausal. Next?")
    reply = session.send(text)
    assert session.last_route.intent == "answer"
    assert reply.kind == "clarification"
    assert first.asks == "visceral_crisis" and list(reply.choices) == list(first.choices)
