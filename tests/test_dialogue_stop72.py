"""A progression told with a question, or with no regimen named (stop 72; left alone at stop 71).

"She progressed on it, what now?" had been read as no news at all: any "?" in the message
made the progression a question, so the bot answered the line she had already failed. And a
progression told with no regimen ("She has progressed.", "PD again", "Scans show progression
in the liver. Options?") was not read: the message went to the information look-up or asked
to rephrase. A progression is now judged in its own sentence and clause: asked only when its
sentence ends in "?" and opens asking or has no clause after it ("Has she progressed on it?"),
no news when a condition, a doubt or a denial stands before it or in its clause. A bare
progression is her disease progressing on the regimen she is on, read as "it" is; with no
regimen known to be the current one, the bot asks which."""

from __future__ import annotations

import pytest

from chatbot.dialogue.router import current_failing, progressed_on_current
from chatbot.dialogue.whatif import split_what_if
from chatbot.nlp import extract

CASE = (
    "62yo postmenopausal ER+/HER2-, bone mets only, no visceral crisis, currently on first-line "
    "letrozole + palbociclib, germline BRCA negative, PIK3CA not tested"
)
SECOND_LINE = (
    "62yo postmenopausal ER+/HER2-, bone mets, no visceral crisis, progressed on letrozole + "
    "palbociclib, now on fulvestrant, germline BRCA negative, PIK3CA not tested"
)


@pytest.mark.parametrize(
    "text",
    [
        "She progressed on it, what now?",
        "She's progressed on it. What next?",
        "Progressed on it - next line?",
        "It stopped working, what now?",
        "She has progressed.",
        "PD again",
        "Scans show progression. Next?",
        "Progression in liver now, what next?",
        "CT: progression in the liver",
        "Restaging: PD",
        "She progressed after 14 months.",
        "She progressed on treatment, options?",
        "no visceral crisis but progressing",
    ],
)
def test_a_progression_told_beside_a_question_or_bare_is_news(text: str) -> None:
    assert progressed_on_current(text)


@pytest.mark.parametrize(
    "text",
    [
        "Has she progressed on it?",
        "Has it stopped working? Not sure yet",
        "She progressed on it?",
        "Not sure she has progressed",
        "No evidence of progression",
        "Stable. No PD.",
        "Stable disease, no progression. Continue?",
        "Any progression yet?",
        "Is this progression or pseudoprogression?",
        "If she progresses, what then?",
        "She had progressed before starting it",
        "What is progression-free survival on it?",
        "What is PFS after progression on CDK4/6?",
        "She has been on capecitabine since progression",
        "progressed to stage IV in 2020",
        "PD-L1 negative",
        # a regimen named is read by the extraction, not as "it"
        "She has progressed on letrozole.",
        "Update: progression on letrozole",
    ],
)
def test_a_question_a_denial_a_time_or_a_named_regimen_is_not(text: str) -> None:
    assert not progressed_on_current(text)


def test_a_bare_progression_is_assumed_by_a_what_if_unless_denied() -> None:
    assert current_failing("she progresses")
    assert not current_failing("there is no progression")


@pytest.mark.parametrize(
    "update",
    [
        "She progressed on it, what now?",
        "She's progressed on it. What next?",
        "It stopped working, what now?",
        "She has progressed.",
        "PD again",
        "Scans show progression. Next?",
        "Progression in liver now, what next?",
    ],
)
def test_the_update_fails_the_regimen_she_is_on(session_factory, update: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(CASE)
    assert first.recommendation is not None and first.recommendation.line == 1
    reply = session.send(update)
    assert reply.kind == "answer"
    assert reply.recommendation is not None and reply.recommendation.line == 2
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.facts["prior_lines"] == 1


def test_a_bare_progression_of_the_second_line_and_its_new_site(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    first = session.send(SECOND_LINE)
    assert first.recommendation is not None and first.recommendation.line == 2
    reply = session.send("Scans show progression in the liver. Options?")
    assert reply.recommendation is not None and reply.recommendation.line == 3
    assert reply.facts["progressed_on"] == ["fulvestrant"]
    assert "liver" in reply.facts["metastatic_sites"]
    assert "letrozole" in reply.facts["prior_therapies"]


@pytest.mark.parametrize(
    "text",
    [
        "Has she progressed on it?",
        "Stable disease, no progression. Continue?",
        "What is progression-free survival on fulvestrant?",
    ],
)
def test_a_question_or_a_denial_changes_nothing(session_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(SECOND_LINE)
    reply = session.send(text)
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.facts["prior_lines"] == 1


def test_with_no_regimen_known_current_the_bot_asks_which(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(
        "62yo postmenopausal ER+/HER2-, bone mets, no visceral crisis, germline BRCA negative, "
        "PIK3CA not tested, 1 prior line"
    )
    reply = session.send("She has progressed, what now?")
    assert reply.kind == "clarification"
    assert reply.facts["prior_lines"] == 1
    assert "progressed_on" not in reply.facts


def test_the_what_if_assumes_the_regimen_she_is_on(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("What if she progresses?")
    assert reply.hypothesis is not None
    assert reply.hypothesis["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.recommendation is not None and reply.recommendation.line == 2
    assert "progressed_on" not in reply.facts  # the case is unchanged


# -- a fact of the disease told changed, as of now (left alone at stop 71) --------------------
@pytest.mark.parametrize(
    ("update", "fact", "value"),
    [
        ("She now has visceral crisis with liver failure.", "visceral_crisis", True),
        ("ctDNA at progression now shows an ESR1 mutation", "esr1", True),
        ("Repeat biopsy of the liver lesion: now ER negative, HER2 3+", "her2", "positive"),
    ],
)
def test_a_change_told_as_of_now_updates_the_case(
    session_factory, update: str, fact: str, value: object
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE.replace("PIK3CA not tested", "ESR1 negative"))
    reply = session.send(update)
    assert reply.facts[fact] == value
    assert not any("I kept" in s.text for s in reply.statements)


@pytest.mark.parametrize(
    ("update", "fact", "held"),
    [
        ("Is this now a visceral crisis?", "visceral_crisis", False),
        ("Could she now have visceral crisis?", "visceral_crisis", False),
        ("She has visceral crisis", "visceral_crisis", False),  # no sign of a change: kept, asked
        ("Germline BRCA2 now positive", "germline_brca", False),  # cannot change: a correction
    ],
)
def test_a_question_a_doubt_or_an_unchanging_fact_is_kept(
    session_factory, update: str, fact: str, held: object
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(update)
    assert reply.facts[fact] == held


# -- the review's mends -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Progression was ruled out",
        "PET: progression excluded",
        "PD ruled out on PET",
        "Progression has not been confirmed",
        "Progression unlikely, probably flare",
        "Likely progression on CT, awaiting confirmation",
        "Suspected progression",
    ],
)
def test_a_progression_denied_or_doubted_after_it_is_no_news(text: str) -> None:
    assert not progressed_on_current(text)


@pytest.mark.parametrize("text", ["Progression on CT. Next?", "PD on restaging PET, options?"])
def test_what_a_progression_was_seen_on_is_no_regimen(text: str) -> None:
    assert progressed_on_current(text)


@pytest.mark.parametrize(
    ("update", "lines"),
    [
        ("Progression was ruled out on CT", 1),
        ("PD on fulvestrant, what next?", 2),
        ("fulvestrant stopped working, what now?", 2),
        ("PD on fulvestrant?", 1),
    ],
)
def test_a_named_regimen_told_failing_beside_a_question(
    session_factory, update: str, lines: int
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(
        "58F postmenopausal ER+/HER2- MBC, liver and bone mets, no visceral crisis. Progressed "
        "on letrozole + ribociclib first line, now on fulvestrant."
    )
    reply = session.send(update)
    assert reply.facts["prior_lines"] == lines


@pytest.mark.parametrize(
    ("text", "lines", "on_now"),
    [
        (
            "Hi, my mum has breast cancer that spread to her bones. She is ER positive HER2 "
            "negative, 70, no visceral crisis, currently on letrozole and palbociclib as her "
            "first treatment.",
            0,
            ("letrozole", "palbociclib"),
        ),
        (
            "HER2+ MBC. On docetaxel + trastuzumab + pertuzumab first line.",
            0,
            ("docetaxel", "trastuzumab", "pertuzumab"),
        ),
        ("ER+ MBC. On exemestane/everolimus 2nd line.", 1, ("exemestane", "everolimus")),
        # twins: told failing, it has been given
        ("letrozole as her first treatment, progressed", 1, ()),
        ("ER+ MBC. On exemestane/everolimus 2nd line. Progressing.", 2, ()),
    ],
)
def test_the_line_she_is_on_told_nominally_or_in_a_note(
    text: str, lines: int, on_now: tuple[str, ...]
) -> None:
    found = extract(text)
    assert found.facts.get("prior_lines") == lines
    assert tuple(found.on_now) == on_now


# -- news told with a what-if in one message (left alone at stop 71; the review of stop 72) ----
@pytest.mark.parametrize(
    ("text", "lead", "asked"),
    [
        (
            "Progressed. What if she had a PIK3CA mutation?",
            "Progressed.",
            "What if she had a PIK3CA mutation?",
        ),
        (
            "She progressed on it, what if she had an ESR1 mutation?",
            "She progressed on it",
            "what if she had an ESR1 mutation?",
        ),
    ],
)
def test_news_and_a_what_if_are_parted(text: str, lead: str, asked: str) -> None:
    assert split_what_if(text) == (lead, asked)


@pytest.mark.parametrize(
    "text",
    [
        "What if she had a PIK3CA mutation?",  # a what-if alone
        "If she progressed on eribulin, what would you do?",
        "30% - Assuming I'm reading things right, Xeloda works in only about 30% of women",
        "ER+ MBC, say 60 years old, on letrozole",
    ],
)
def test_a_what_if_alone_or_the_cases_own_words_are_not_parted(text: str) -> None:
    assert split_what_if(text) is None


def test_the_news_changes_the_case_and_the_what_if_does_not(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("Progressed. What if she had a PIK3CA mutation?")
    assert reply.hypothesis == {"pik3ca": True}
    assert "pik3ca" not in reply.facts or reply.facts["pik3ca"] is not True
    assert reply.facts["progressed_on"] == ["letrozole", "palbociclib"]
    assert reply.facts["prior_lines"] == 1
    assert reply.recommendation is not None and reply.recommendation.line == 2


def test_a_first_message_with_a_what_if_keeps_the_assumption_out_of_the_case(
    session_factory,
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    reply = session.send(
        "62F ER+ HER2- MBC bone mets, no visceral crisis, 1 prior line (letrozole + palbociclib, "
        "progressed). What if she had a PIK3CA mutation?"
    )
    assert reply.hypothesis == {"pik3ca": True}
    assert reply.facts.get("pik3ca") is not True
    assert reply.facts["hormone_receptor"] == "positive"


# -- the second review's mends ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "PD on paclitaxel, what if anything do you recommend?",
        "She progressed on it, what if we use fulvestrant alone?",
    ],
)
def test_what_if_anything_or_an_option_asked_is_not_parted(text: str) -> None:
    assert split_what_if(text) is None


def test_a_hypothetically_what_if_after_news_is_answered(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send("Progressed. Hypothetically what if she was PD-L1 positive?")
    assert reply.hypothesis == {"pdl1": "positive"}
    assert reply.facts["prior_lines"] == 1


def test_what_the_news_kept_is_said_before_the_what_if(session_factory) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(
        "62F postmenopausal ER+ HER2- MBC bone, no visceral crisis, 1 prior line letrozole+palbo "
        "(progressed), currently on fulvestrant"
    )
    reply = session.send(
        "Failed AI and palbo in 2022 and now fulvestrant has failed too. What if she had ESR1?"
    )
    assert reply.hypothesis == {"esr1": True}
    assert any("I kept" in s.text for s in reply.statements)


@pytest.mark.parametrize(
    ("update", "fact", "value"),
    [
        ("Now, the original 2019 core was HER2 3+ by the way", "her2", "negative"),
        (
            "now that I check, ER was negative on the original biopsy too",
            "hormone_receptor",
            "positive",
        ),
        ("She has visceral crisis now, what now?", "visceral_crisis", True),
    ],
)
def test_an_earlier_result_is_no_change_and_a_change_may_ask_after_it(
    session_factory, update: str, fact: str, value: object
) -> None:  # type: ignore[no-untyped-def]
    session = session_factory()
    session.send(CASE)
    reply = session.send(update)
    assert reply.facts[fact] == value
