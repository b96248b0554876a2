"""A progression told after the case, or asked ahead as a what-if, on the regimen she is on
(stop 69; left alone at stop 68: "What next if eribulin fails?" was answered as a question
not covered, and "She has now progressed on eribulin" was kept out of the case as a conflict
with the regimen she progressed on before). One more line is given: the counts go up by one
(and one chemotherapy line for a chemotherapy), shown as inferences; the what-if leaves the
case as it was."""

from __future__ import annotations

import pytest

from chatbot.dialogue.progression import later_progression

CASE = (
    "64F ER+ HER2- MBC, liver mets, no visceral crisis. Now on second-line eribulin; first "
    "line was letrozole + palbociclib, progressed after 14 months. PIK3CA, ESR1, AKT1, PTEN "
    "all negative. Germline BRCA negative."
)
CHEMO = {"eribulin", "capecitabine"}


def test_a_progression_on_the_regimen_she_is_on_adds_a_line() -> None:
    case = {
        "prior_lines": 1,
        "prior_chemo_lines": 0,
        "progressed_on": ["letrozole"],
        "prior_therapies": ["eribulin", "letrozole"],
    }
    later = later_progression(
        case, {"progressed_on": ["eribulin"]}, on_now=["eribulin"], chemotherapy=CHEMO
    )
    assert later is not None
    assert later.facts == {"prior_lines": 2, "progressed_on": ["eribulin"], "prior_chemo_lines": 1}
    # a drug never told, after the regimen the case progressed on
    later = later_progression(case, {"progressed_on": ["fulvestrant"]}, chemotherapy=CHEMO)
    assert later is not None and later.facts == {"prior_lines": 2, "progressed_on": ["fulvestrant"]}


def test_part_of_the_regimen_she_is_on_fails_the_whole_regimen() -> None:
    case = {"prior_lines": 1, "prior_chemo_lines": 1, "progressed_on": ["trastuzumab deruxtecan"]}
    on_now = ["tucatinib", "trastuzumab", "capecitabine"]
    later = later_progression(
        case, {"progressed_on": ["tucatinib"]}, on_now=on_now, chemotherapy=CHEMO
    )
    assert later is not None
    assert later.facts["progressed_on"] == on_now and later.facts["prior_chemo_lines"] == 2


@pytest.mark.parametrize(
    ("case", "stated"),
    [
        # the same regimen, or part of it
        (
            {"prior_lines": 1, "progressed_on": ["letrozole", "palbociclib"]},
            {"progressed_on": ["palbociclib"]},
        ),
        # a count told with it
        (
            {"prior_lines": 1, "progressed_on": ["letrozole"]},
            {"progressed_on": ["eribulin"], "prior_lines": 3},
        ),
        # no count to add to
        ({"progressed_on": ["letrozole"]}, {"progressed_on": ["eribulin"]}),
        # lines given, none told failing: the one failing now may be among them
        (
            {"prior_lines": 2, "prior_therapies": ["letrozole", "fulvestrant"]},
            {"progressed_on": ["fulvestrant"]},
        ),
        # no progression told
        ({"prior_lines": 1, "progressed_on": ["letrozole"]}, {"prior_therapies": ["eribulin"]}),
        # an earlier line the case holds, already counted (the review of stop 69)
        (
            {
                "prior_lines": 2,
                "progressed_on": ["capecitabine"],
                "prior_therapies": ["letrozole", "palbociclib", "capecitabine"],
            },
            {"progressed_on": ["palbociclib"]},
        ),
    ],
)
def test_no_line_is_added_otherwise(case: dict, stated: dict) -> None:
    assert later_progression(case, stated, chemotherapy=CHEMO) is None


def test_the_first_progression_of_a_case_with_no_line_given_is_one_line() -> None:
    later = later_progression(
        {"prior_lines": 0}, {"progressed_on": ["letrozole"]}, chemotherapy=CHEMO
    )
    assert later is not None and later.facts == {"prior_lines": 1, "progressed_on": ["letrozole"]}


@pytest.mark.parametrize(
    "question",
    [
        "What next if eribulin fails?",
        "What if she progresses on eribulin?",
        "If eribulin stops working, what then?",
        "What would you give once she progresses on eribulin?",
    ],
)
def test_a_what_if_on_the_regimen_she_is_on_answers_the_next_line(  # type: ignore[no-untyped-def]
    session_factory, question: str
) -> None:
    session = session_factory()
    first = session.send(CASE)
    assert first.recommendation is not None and first.recommendation.line == 2
    before = session.to_case_snapshot()
    reply = session.send(question)
    assert reply.hypothesis is not None
    assert reply.hypothesis.get("progressed_on") == ["eribulin"]
    assert reply.hypothesis.get("prior_lines") == 2
    assert reply.hypothesis.get("prior_chemo_lines") == 1
    assert "prior_therapies" not in reply.hypothesis  # eribulin given is no assumption
    assert reply.recommendation is not None and reply.recommendation.line == 3
    assert session.to_case_snapshot() == before, "a what-if never changes the case"


def test_a_swap_asked_as_a_what_if_adds_no_line(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if she had progressed on fulvestrant instead?")
    assert reply.hypothesis is not None and "prior_lines" not in reply.hypothesis


@pytest.mark.parametrize(
    "update",
    ["She has now progressed on eribulin.", "Update: she has now progressed on eribulin."],
)
def test_a_progression_told_after_the_case_changes_it(session_factory, update: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(update)
    assert reply.facts["progressed_on"] == ["eribulin"]
    assert reply.facts["prior_lines"] == 2 and reply.facts["prior_chemo_lines"] == 1
    assert set(reply.facts["prior_therapies"]) == {"eribulin", "letrozole", "palbociclib"}
    assert reply.recommendation is not None and reply.recommendation.line == 3
    origins = session.to_case_snapshot()[1]
    assert origins["prior_lines"].inferred, "the count is shown as an inference"


def test_a_correction_of_the_failing_regimen_adds_no_line(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("Actually she progressed on eribulin, not on letrozole + palbociclib.")
    assert reply.facts.get("prior_lines") == 1


@pytest.mark.parametrize(
    ("case", "follow_up"),
    [
        # an earlier line, counted, named failing again
        (
            "ER+ HER2- MBC, 62F. 1L letrozole + palbociclib, progressed. 2L capecitabine, "
            "progressed.",
            "she progressed on palbociclib",
        ),
        # the case's count already holds the line she is on
        ("ER+ HER2- MBC, 62F. Kisqali + letrozole 1L, PD. Faslodex 2L now.", "Faslodex failed"),
        # a denied progression
        (CASE, "she hasn't progressed on eribulin"),
        # a progression asked, not told
        (CASE, "Is a rising CA15-3 progression on eribulin?"),
        (CASE, "progressing on eribulin? what do you think"),
    ],
)
def test_the_count_stands(session_factory, case: str, follow_up: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(case)
    before = first.facts.get("prior_lines")
    reply = session.send(follow_up)
    assert reply.facts.get("prior_lines") == before, reply.facts


@pytest.mark.parametrize(
    "question",
    [
        "If she progressed on eribulin what would you do?",
        "if she becomes refractory to eribulin, next?",
        "should she progress on eribulin, what next?",
    ],
)
def test_more_what_ifs_on_the_regimen_she_is_on(session_factory, question: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    before = session.to_case_snapshot()
    reply = session.send(question)
    assert reply.hypothesis is not None and reply.hypothesis.get("prior_lines") == 2
    assert session.to_case_snapshot() == before


def test_a_what_if_on_an_earlier_line_adds_no_line(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if letrozole fails?")
    assert reply.hypothesis is None or "prior_lines" not in reply.hypothesis


def test_an_update_that_restates_the_regimen_replaces_it(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send("ER+ HER2- MBC, 62F, progressing on first-line letrozole + palbociclib.")
    reply = session.send("Update: it was anastrozole + ribociclib")
    assert "letrozole" not in reply.facts.get("prior_therapies", [])
