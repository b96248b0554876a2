"""A progression told of the regimen she is on without naming it (stop 70; left alone at stop
69: "She's progressed on it" was not read as an answer, and the message was lost). "It" is
the regimen the case holds she is on (``CaseState.on_now``): the update counts one more line
given, shown as an inference; the what-if ("What if it stops working?") answers the next line
and leaves the case as it was; with no regimen known to be the current one the bot asks which
(never guessing among the therapies told), and a question about it is no news."""

from __future__ import annotations

import pytest

from chatbot.dialogue.router import current_failing, progressed_on_current

CASE = (
    "62F ER+ HER2- MBC, bone and liver mets, postmenopausal, no visceral crisis, germline BRCA "
    "negative, PIK3CA not tested. Progressed on letrozole + palbociclib, now on second-line "
    "fulvestrant."
)


@pytest.mark.parametrize(
    "text",
    [
        "She's progressed on it.",
        "She has progressed on it",
        "Progressed on it.",
        "It isn't working anymore.",
        "It has stopped working.",
        "Progressing on current treatment.",
        "The current regimen has failed.",
        "PD on this line.",
        "it's not working anymore",
        "it's stopped working",
        "progression on current therapy",
        "the doctor says its not working anymore",
    ],
)
def test_a_progression_of_the_current_regimen_is_news(text: str) -> None:
    assert progressed_on_current(text)


@pytest.mark.parametrize(
    "text",
    [
        "Has she progressed on it?",
        "What if it stops working?",
        "If it fails, what then?",
        "She has progressed on letrozole.",
        "It was her first line.",
        "What is it?",
        # a denial or a doubt (the review of stop 70)
        "She hasn't progressed on it.",
        "No, she hasn't progressed on it.",
        "She has not progressed on it, scans stable.",
        "not progressing on current treatment",
        "Has it stopped working? Not sure yet",
    ],
)
def test_a_question_a_condition_or_a_named_regimen_is_not(text: str) -> None:
    assert not progressed_on_current(text)


def test_a_condition_still_tells_the_failure_assumed() -> None:
    assert current_failing("it stops working")
    assert current_failing("she progresses on it")


@pytest.mark.parametrize(
    "update",
    ["She's progressed on it.", "It isn't working anymore.", "Progressing on current treatment."],
)
def test_the_update_fails_the_regimen_she_is_on(session_factory, update: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(CASE)
    assert first.recommendation is not None and first.recommendation.line == 2
    reply = session.send(update)
    assert reply.kind == "answer"
    assert reply.facts["progressed_on"] == ["fulvestrant"]
    assert reply.facts["prior_lines"] == 2
    assert "letrozole" in reply.facts["prior_therapies"]
    assert reply.recommendation is not None and reply.recommendation.line == 3


def test_the_what_if_leaves_the_case(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    before = session.to_case_snapshot()
    reply = session.send("What if it stops working?")
    assert reply.hypothesis is not None
    assert reply.hypothesis.get("progressed_on") == ["fulvestrant"]
    assert reply.hypothesis.get("prior_lines") == 2
    assert reply.recommendation is not None and reply.recommendation.line == 3
    assert session.to_case_snapshot() == before, "a what-if never changes the case"


def test_with_no_current_regimen_known_it_asks_which(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(
        "62F ER+ HER2- MBC, bone and liver mets, postmenopausal, on letrozole + palbociclib, "
        "germline BRCA negative, PIK3CA not tested"
    )
    assert first.kind == "question" and first.asks is not None
    reply = session.send("She's progressed on it.")
    assert reply.kind == "clarification"
    assert "progressed_on" not in reply.facts
    # the question open before stays open, and is said again
    assert session._state.pending is not None  # noqa: SLF001
    assert session._state.pending.fact == first.asks  # noqa: SLF001
    assert any(s.text.startswith("Still open:") for s in reply.statements)


def test_the_regimen_read_for_it_is_shown_as_an_inference(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    session.send("She's progressed on it.")
    origin = session.fact_origins["progressed_on"]
    assert origin.value == ["fulvestrant"] and origin.inferred


def test_a_denied_progression_leaves_the_case(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    before = session.facts
    session.send("She hasn't progressed on it.")
    assert session.facts["progressed_on"] == before["progressed_on"]
    assert session.facts["prior_lines"] == 1


def test_the_progression_told_beside_another_fact_is_read(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("She's progressed on it. No visceral crisis.")
    assert reply.facts["progressed_on"] == ["fulvestrant"] and reply.facts["prior_lines"] == 2


def test_a_correction_that_takes_out_the_current_regimen_forgets_it(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    session.send("actually she's now on exemestane + everolimus, not fulvestrant")
    session.send("PD on this line.")
    # never the fulvestrant corrected away; since stop 71 the correction's "now on exemestane
    # + everolimus" is the regimen she is on, so it is the one failing
    assert session.facts.get("progressed_on") != ["fulvestrant"]
    assert session.facts.get("progressed_on") in (None, ["exemestane", "everolimus"])


def test_with_no_current_regimen_the_messages_other_facts_are_kept(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(
        "62F ER+ HER2- MBC, bone and liver mets, postmenopausal, on letrozole + palbociclib, "
        "germline BRCA negative, PIK3CA not tested"
    )
    reply = session.send("She's progressed on it. No visceral crisis.")
    assert session.facts.get("visceral_crisis") is False
    assert "progressed_on" not in session.facts
    assert any("not on which treatment" in s.text for s in reply.statements)
