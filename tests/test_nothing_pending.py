"""A bare reply ("not known", "no idea", "no", "yes") with no question open is never a bare
failure: after an answer it is read against the answer's refinements (offered again, the case
unchanged); with nothing to read it against, the reply says nothing is pending."""

from __future__ import annotations

from typing import Any

import pytest

BARE = [
    "not known",
    "unknown",
    "no idea",
    "dunno",
    "we don't know",
    "no",
    "nope",
    "yes",
    "Not yet.",
]
CASE = "66F ER+ HER2- MBC, no visceral crisis, progressed on first-line anastrozole + palbociclib"


@pytest.mark.parametrize("text", BARE)
def test_after_an_answer_the_refinements_are_offered_again(text: str, session_factory: Any) -> None:
    session = session_factory()
    reply = session.send(CASE)
    while reply.kind == "question":
        reply = session.send("not known")
    assert reply.kind == "answer" and reply.choices
    before = session.to_case_snapshot()
    again = session.send(text)
    assert again.kind == "clarification"
    assert again.asks is None
    assert again.choices == reply.choices
    assert session.to_case_snapshot() == before
    assert not any("could not read" in s.text for s in again.statements)


@pytest.mark.parametrize("text", BARE)
def test_with_nothing_asked_it_says_so(text: str, session_factory: Any) -> None:
    session = session_factory()
    reply = session.send(text)
    assert reply.kind == "clarification"
    assert reply.facts == {}
    assert not any("could not read" in s.text for s in reply.statements)


def test_an_unrecognised_word_is_shown_first(session_factory: Any) -> None:
    session = session_factory()
    reply = session.send("ER+ HER2- MBC, progressing on lеtrozolж")  # Cyrillic е and ж
    assert reply.kind == "question"
    assert reply.facts.get("hormone_receptor") == "positive"
    assert "lеtrozolж" in reply.statements[0].text
    assert reply.statements[0].basis == "system"
