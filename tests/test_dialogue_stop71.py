"""The regimen she is on, told without a progression (stop 71; left alone at stop 70): "currently
on letrozole + palbociclib", "now on first-line …", "Now on eribulin." had left no current
regimen, so a later "She's progressed on it" asked which treatment, and "What if she
progresses on it?" could not tell what to assume. And a progression on "it" told in one
message with the regimen begun after it ("She progressed on it, now on capecitabine") was not
read: only the new drug was added, and the case kept answering the line already failed."""

from __future__ import annotations

import pytest

from chatbot.nlp import extract

CASE = (
    "62yo postmenopausal ER+/HER2- MBC bone only, no visceral crisis, currently on first-line "
    "letrozole + palbociclib, BRCA negative, PIK3CA unknown"
)


@pytest.mark.parametrize(
    ("text", "on_now"),
    [
        ("ER+ MBC currently on letrozole + palbociclib", ("letrozole", "palbociclib")),
        ("ER+ MBC now on letrozole + palbociclib", ("letrozole", "palbociclib")),
        ("Now on eribulin.", ("eribulin",)),
        ("on letrozole + palbociclib since 2023", ("letrozole", "palbociclib")),
        ("She has been on letrozole + palbociclib for 14 months", ("letrozole", "palbociclib")),
        ("Previously on letrozole, now on fulvestrant", ("fulvestrant",)),
        ("She is on first-line letrozole + palbociclib", ("letrozole", "palbociclib")),
        ("ER+ MBC, now on first line letrozole + ribociclib", ("letrozole", "ribociclib")),
        ("She remains on first-line anastrozole + palbociclib", ("anastrozole", "palbociclib")),
        ("Currently on second-line fulvestrant.", ("fulvestrant",)),
        # twins: told failing, asked, ended, or not told current
        ("Currently on letrozole + palbociclib, progressing in liver", ()),
        ("currently on letrozole? what next", ()),
        ("now on first-line letrozole + ribociclib, progressing", ()),
        ("ER+ MBC on letrozole + palbociclib", ()),
        ("She received first-line letrozole + palbociclib", ()),
    ],
)
def test_the_regimen_told_current_is_the_one_she_is_on(text: str, on_now: tuple[str, ...]) -> None:
    assert extract(text).on_now == on_now


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("She is on first-line letrozole + palbociclib", 0),
        ("ER+ MBC, now on first line letrozole + ribociclib", 0),
        ("Currently on second-line fulvestrant.", 1),
        ("She is on 2L fulvestrant, stable", 1),
        ("Progressed on letrozole + palbociclib, now on second-line fulvestrant", 1),
        ("now on first-line letrozole + ribociclib, progressing", 1),
    ],
)
def test_a_line_told_current_counts_the_lines_before_it(text: str, lines: int) -> None:
    assert extract(text).facts.get("prior_lines") == lines


def test_the_line_she_is_on_names_no_chemotherapy_line_given() -> None:
    # "second-line fulvestrant": one line given, not named, so its chemotherapy is not known
    assert "prior_chemo_lines" not in extract("Currently on second-line fulvestrant.").facts


def test_the_what_if_assumes_the_regimen_told_current(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(CASE)
    assert first.recommendation is not None and first.recommendation.line == 1
    before = session.to_case_snapshot()
    reply = session.send("what if she progresses on it?")
    assert reply.hypothesis is not None
    assert reply.hypothesis.get("progressed_on") == ["letrozole", "palbociclib"]
    assert reply.recommendation is not None and reply.recommendation.line == 2
    assert session.to_case_snapshot() == before, "a what-if never changes the case"


@pytest.mark.parametrize(
    ("update", "begun"),
    [
        ("She progressed on it, now on capecitabine", "capecitabine"),
        ("She progressed on it and is now on capecitabine.", "capecitabine"),
        ("It stopped working, so she started capecitabine last week.", "capecitabine"),
        ("Progressing on it; switched to fulvestrant", "fulvestrant"),
    ],
)
def test_a_progression_with_the_regimen_begun_after_it(
    session_factory, update: str, begun: str
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(update)
    assert reply.kind == "answer"
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.facts["prior_lines"] == 1
    assert begun in reply.facts["prior_therapies"]
    assert reply.recommendation is not None and reply.recommendation.line == 2
    # the regimen begun is the one she is on: its failure is one more line
    after = session.send("She's progressed on it.")
    assert after.facts["progressed_on"] == [begun]
    assert after.facts["prior_lines"] == 2


def test_a_denied_progression_with_a_new_drug_counts_nothing(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("She hasn't progressed on it, now on capecitabine too")
    assert "progressed_on" not in reply.facts
    assert reply.facts.get("prior_lines") == 0


# -- the cold review of stop 71 ------------------------------------------------------------------
FULVESTRANT_CASE = (
    "62F ER+ HER2- MBC bone only, postmenopausal, no visceral crisis, BRCA negative, PIK3CA not "
    "tested, on fulvestrant since 2023"
)


@pytest.mark.parametrize(("count", "lines"), [("1", 1), ("2nd line", 2)])
def test_a_count_told_after_the_regimen_counts_it(session_factory, count: str, lines: int) -> None:  # type: ignore[no-untyped-def]
    # "how many lines has she had, counting it?" answered: the regimen she is on is counted, so
    # a progression on it is no line more (it had counted it twice)
    session = session_factory()
    first = session.send(FULVESTRANT_CASE)
    assert first.asks == "prior_lines"
    session.send(count)
    reply = session.send("progressed on it")
    assert reply.facts["prior_lines"] == lines
    assert reply.facts["progressed_on"] == ["fulvestrant"]


def test_the_regimen_begun_failing_too_is_one_more_line(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    session.send("It stopped working, so she started capecitabine last week")
    reply = session.send("progressed on capecitabine too")
    assert reply.facts["prior_lines"] == 2
    assert reply.facts["prior_chemo_lines"] == 1
    assert reply.facts["progressed_on"] == ["capecitabine"]


def test_an_earlier_failure_told_keeps_the_one_failing_now(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(
        "62F ER+ HER2- MBC bone only, postmenopausal, no visceral crisis, BRCA negative, PIK3CA "
        "not tested, currently on second-line fulvestrant"
    )
    assert session.send("she progressed on it").facts["prior_lines"] == 2
    reply = session.send("she had also progressed on letrozole + palbociclib before that")
    assert reply.facts["prior_lines"] == 2
    assert reply.facts["progressed_on"] == ["fulvestrant"]
    assert "letrozole" in reply.facts["prior_therapies"]
